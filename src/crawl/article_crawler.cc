#include "crawl/article_crawler.h"

#include "crawl/crawl_util.h"
#include "crawl/medium_crawler.h"
#include "crawl/page_markers.h"
#include "crawl/site_discovery.h"
#include "domain/url.h"

namespace llmtwin {

ArticleDocument ArticleFromPage(const ExtractedPage& page, const CrawlContext& ctx, std::string_view platform,
                                const std::string& link) {
  ArticleDocument doc = NewArticle(ctx, platform, link);
  const PageMetadata& m = page.metadata;
  doc.content.title = m.title;
  if (!m.subtitle.empty()) doc.content.subtitle = m.subtitle;
  doc.content.content = page.markdown;
  if (!m.language.empty()) doc.content.language = m.language;
  doc.meta.published_at = NormalizeDate(m.published);  // stored in UTC
  if (!m.canonical_url.empty() && NormalizeUrl(m.canonical_url) != NormalizeUrl(link)) doc.meta.canonical_url = m.canonical_url;
  if (!m.author.empty()) doc.extra["byline"] = m.author;
  if (!m.site_name.empty()) doc.extra["site_name"] = m.site_name;
  if (!m.modified.empty()) doc.extra["modified_at"] = NormalizeDate(m.modified);
  if (!m.tags.empty()) doc.extra["tags"] = m.tags;
  return doc;
}

CrawlOutcome ArticleCrawler::Crawl(const std::string& link, CrawlContext& ctx) {
  return CrawlFetched(link, FetchText(ctx, link, /*conditional=*/true), ctx);
}

CrawlOutcome ArticleCrawler::CrawlFetched(const std::string& link, const FetchResult& page, CrawlContext& ctx) {
  if (page.not_modified()) return OutcomeFromFetch(name(), page);
  // Challenge pages come with 403 or 503 as often as with 200: recognise them first.
  if (page.status > 0 && IsChallengePage(page)) {
    // A wall hides the markers that would have re-routed the page; a Medium post on a custom
    // domain is still recognisable by its id, and its publication's feed may hold it.
    if (!MediumPostId(link).empty()) {
      CrawlOutcome outcome = MediumCrawler().CrawlFetched(link, page, ctx);
      if (outcome.status == CrawlStatus::kCrawled) return outcome;
    }
    return FailedOutcome(name(), "bot-wall", link + ": the site answered with a bot-protection challenge page, not the article");
  }
  if (!page.ok()) return OutcomeFromFetch(name(), page);
  if (!LooksLikeHtml(page))
    return FailedOutcome(name(), "unsupported", link + ": not an HTML page (" + page.content_type + ")");
  const ExtractedPage extracted = ExtractPage(page.body, page.final_url.empty() ? link : page.final_url, kMarkdownOnly);
  if (extracted.markdown.empty())
    return FailedOutcome(name(), "parse", link + ": no main content found in the page");
  // The book named a custom site's platform after its host; so do we ("www." dropped).
  std::string host = ParseHttpUrl(link)->host;
  if (host.starts_with("www.")) host.erase(0, 4);
  ArticleDocument doc = ArticleFromPage(extracted, ctx, host, link);
  doc.extra["extracted_from"] = "page";
  return CrawledArticle(name(), std::move(doc), &page);
}

std::vector<std::string> ArticleCrawler::Discover(const std::string& url, CrawlContext& ctx) {
  return DiscoverSitePosts(url, ctx);
}

}  // namespace llmtwin
