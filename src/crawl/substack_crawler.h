// Substack (*.substack.com, custom domains re-routed by their markers, and the app's post links
// substack.com/@handle/p-<id>, followed to the publication's post) -> ArticleDocument.
//
// Three sources, best first: the JSON API (/api/v1/posts/<slug>: title, subtitle, post_date,
// body_html, audience, canonical_url, wordcount, publishedBylines); the page when the API fails
// (the same post object in `window._preloads`, else JSON-LD + the DOM: h1.post-title,
// h3.subtitle, .available-content .body.markup); the publication's feed as a last resort.
// Publications are discovered through /api/v1/archive pages (the feed when the archive fails).
//
// Paywalls are decided from the post's `audience` (anything but "everyone" is gated) or JSON-LD
// `isAccessibleForFree`, never from `.paywall` nodes, which free posts carry too. A gated post is
// stored with only its public part and `paywalled: true`, or skipped when options.skip_paywalled.
// Referral parameters (?r=...) are stripped from canonical URLs.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "crawl/crawler.h"
#include "extract/html_document.h"

namespace llmtwin {

class SubstackCrawler : public Crawler {
 public:
  std::string_view name() const override { return "substack"; }
  CrawlOutcome Crawl(const std::string& link, CrawlContext& ctx) override;
  CrawlOutcome CrawlFetched(const std::string& link, const FetchResult& page, CrawlContext& ctx) override;
  std::vector<std::string> Discover(const std::string& url, CrawlContext& ctx) override;

 private:
  // API first; then `page` (fetched here when null); then the feed.
  CrawlOutcome CrawlFrom(const std::string& link, const FetchResult* page, CrawlContext& ctx);
  CrawlOutcome FromPost(const nlohmann::json& post, const std::string& link, const char* source,
                        const FetchResult* response, CrawlContext& ctx);
  CrawlOutcome FromPage(const std::string& link, const FetchResult& page, CrawlContext& ctx);
  // The post `slug` of the publication at `post_link` in its feed, stored under `link`.
  CrawlOutcome FromFeed(const std::string& link, const std::string& post_link, const std::string& slug,
                        std::string why, CrawlContext& ctx);
};

// The post slug of a Substack URL (/p/<slug>), or "".
std::string SubstackSlug(std::string_view url);

// Whether `url` is a post link of the Substack app, which names a post by its id, not its
// publication: substack.com/@handle/p-<id>, substack.com/home/post/p-<id>.
bool IsSubstackAppPostLink(std::string_view url);

// A post body parsed, without Substack's widgets (subscribe boxes, share buttons, the
// paywall-jump marker): what the author wrote, not the platform's calls to action. Rendered as it
// is (HtmlFragmentToMarkdown of its Body()), not serialised and parsed again.
HtmlDocument CleanedSubstackBody(std::string_view body_html);
// Removes the widgets from what `root` holds, in place (a page's post body, or a parsed body).
void RemoveSubstackWidgets(const HtmlNode& root);

// Whether a post's audience is gated ("only_paid", "founding", "only_free"); "everyone" and an
// absent audience are free.
bool IsGatedAudience(std::string_view audience);

}  // namespace llmtwin
