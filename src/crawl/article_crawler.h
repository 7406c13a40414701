// Any site that no platform crawler claims: one article per page, through the extraction layer's
// metadata merge and main-content extraction (the book stored the whole page text instead).
// Discovery reads the site's feeds and sitemap (site_discovery.h).
//
// A bot-wall page is a failure ("bot-wall"), never an article; a page whose main content is empty
// is a failure ("parse") rather than an empty document.
#pragma once

#include "crawl/crawler.h"
#include "extract/extractor.h"

namespace llmtwin {

class ArticleCrawler : public Crawler {
 public:
  std::string_view name() const override { return "article"; }
  CrawlOutcome Crawl(const std::string& link, CrawlContext& ctx) override;
  CrawlOutcome CrawlFetched(const std::string& link, const FetchResult& page, CrawlContext& ctx) override;
  std::vector<std::string> Discover(const std::string& url, CrawlContext& ctx) override;
};

// What crawlers ask of the extraction: the Markdown a document stores, not the plain text.
inline constexpr ExtractOptions kMarkdownOnly{.text = false};
// The page's metadata alone, for crawlers that read the body from the platform's own markup.
inline constexpr ExtractOptions kMetadataOnly{.text = false, .content = false};

// An ArticleDocument from an extracted page: title, subtitle, Markdown content, language, and our
// fields (published_at, canonical_url when it differs from the link; byline, site_name, tags,
// modified_at in `extra`).
ArticleDocument ArticleFromPage(const ExtractedPage& page, const CrawlContext& ctx, std::string_view platform,
                                const std::string& link);

}  // namespace llmtwin
