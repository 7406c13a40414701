// Medium (medium.com, *.medium.com, and custom domains re-routed by their markers) -> ArticleDocument.
//
// The page first: metadata from JSON-LD NewsArticle (datePublished is the first publish; the
// article:published_time meta is the latest one), the body from the markup of its era
// (`.graf` paragraphs of 2015, `[data-selectable-paragraph]` of 2020-21, `pw-post-body-paragraph`
// of 2022+) or from `window.__APOLLO_STATE__`'s Paragraph objects, whichever holds more text.
// Since 2025 plain clients get a bot wall ("Just a moment…"): such a page is never stored; the
// crawler then reads the author's or publication's RSS feed (medium.com/feed/@user,
// medium.com/feed/<publication>, <host>/feed) and takes the item whose guid is
// https://medium.com/p/<id>, the id being the hex suffix of the post's slug. Feeds hold only the
// latest 10 posts: an older post behind the wall is a "bot-wall" failure that says so.
// Discovery of a profile or publication reads the same feed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crawl/crawler.h"
#include "crawl/feed.h"
#include "extract/html_document.h"

namespace llmtwin {

class MediumCrawler : public Crawler {
 public:
  std::string_view name() const override { return "medium"; }
  CrawlOutcome Crawl(const std::string& link, CrawlContext& ctx) override;
  CrawlOutcome CrawlFetched(const std::string& link, const FetchResult& page, CrawlContext& ctx) override;
  std::vector<std::string> Discover(const std::string& url, CrawlContext& ctx) override;

 private:
  CrawlOutcome FromFeed(const std::string& link, const std::string& why, CrawlContext& ctx);
};

// The post id of a Medium URL: the hex suffix of the slug ("...-d146a92473a1") or /p/<id>; "".
std::string MediumPostId(std::string_view url);

// The feeds that may list a Medium URL's posts, most specific first.
std::vector<std::string> MediumFeedUrls(std::string_view url);

// A feed item's content:encoded without the tracking pixel, the "originally published in"
// footer and the ?source=rss... parameters of links.
std::string CleanMediumFeedHtml(std::string_view html);

// The era of a page's markup, and its body as Markdown (the title and subtitle left out).
struct MediumBody {
  std::string era;  // "graf-2015", "selectable-2020", "pw-2022", "apollo", or ""
  std::string markdown;
};
MediumBody ReadMediumBody(const HtmlDocument& page, std::string_view title, std::string_view subtitle);

}  // namespace llmtwin
