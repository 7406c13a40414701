// The crawl layer's contract: what the pipeline calls to turn one link into documents.
//
// A Crawler knows one platform (Medium, Substack, GitHub, LinkedIn, or any site as an article).
// It fetches through the Fetcher it is given, extracts, and returns documents; it never knows
// which database stores them (the pipeline does that). Per-link failures (404, login wall, bot
// wall, paywall) are values in CrawlOutcome, never exceptions: llmtwin::Error is thrown only for
// programming and usage errors.
//
// CrawlerDispatcher is the book's fluent registry (register a crawler for a host), hardened:
// patterns are matched on the parsed host ("medium.com", "*.substack.com", or a host plus a path
// prefix "linkedin.com/posts/"), never on a string prefix of the URL, so
// https://medium.com.evil.example is not Medium. Unknown hosts go to the generic article crawler;
// after that first fetch, page markers may re-route the page to the Medium or Substack crawler
// (custom domains), which then reuse the page instead of fetching it again.
//
// Deviation from the book: `Crawl` returns documents instead of saving them, and a crawler may
// return several documents (a profile is discovered into links first, see Discover).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/crawl_options.h"
#include "crawl/host_pattern.h"
#include "domain/documents.h"

namespace llmtwin {

class Fetcher;
struct FetchResult;

struct AuthorRef {
  std::string id;         // the user's _id (UUIDv4), copied into each document's author_id
  std::string full_name;  // copied into author_full_name
};

struct CrawlContext {
  Fetcher& fetcher;
  const CrawlOptions& options;
  AuthorRef author;
  std::string run_id;
  // Conditional request validators for a link already stored (set by --refresh); a 304 gives
  // CrawlStatus::kUnchanged.
  std::string if_none_match, if_modified_since;
};

enum class CrawlStatus {
  kCrawled,    // documents were produced
  kUnchanged,  // 304 Not Modified on a conditional request
  kSkipped,    // deliberately not stored (a paywalled post with options.skip_paywalled)
  kFailed,     // see error_category and message
};

// Stable lower-case name ("crawled", "unchanged", "skipped", "failed") for logs and run records.
std::string_view CrawlStatusName(CrawlStatus status);

struct CrawlOutcome {
  CrawlStatus status = CrawlStatus::kFailed;
  std::string crawler;  // "medium", "substack", "github", "linkedin", "article"
  std::vector<ArticleDocument> articles;
  std::vector<PostDocument> posts;
  std::vector<RepositoryDocument> repositories;
  // When failed or skipped: FetchErrorCategoryName(...) of the fetch, or one of ours:
  // "bot-wall", "login-wall", "paywalled", "not-found", "parse", "unsupported".
  std::string error_category;
  std::string message;  // for a person: what happened and, when there is one, what works instead
  std::string etag, last_modified;  // validators of the main response, for the next --refresh
};

class Crawler {
 public:
  virtual ~Crawler() = default;
  virtual std::string_view name() const = 0;
  // Fetches `link` and turns it into documents.
  virtual CrawlOutcome Crawl(const std::string& link, CrawlContext& ctx) = 0;
  // Same, for a page the dispatcher already fetched (a custom domain re-routed by its markers).
  // The default ignores the page and crawls the link.
  virtual CrawlOutcome CrawlFetched(const std::string& link, const FetchResult& page, CrawlContext& ctx);
  // A profile / publication / user URL -> the post or repository URLs it lists (empty when the
  // URL lists nothing or the crawler cannot list).
  virtual std::vector<std::string> Discover(const std::string& url, CrawlContext& ctx);
};

using CrawlerFactory = std::function<std::unique_ptr<Crawler>()>;

class CrawlerDispatcher {
 public:
  // The registry used by the pipeline and the CLI: medium.com, *.medium.com, *.substack.com,
  // github.com, linkedin.com, *.linkedin.com; everything else goes to the article crawler.
  static CrawlerDispatcher Default();

  // Registers `factory` for a pattern: "host", "*.host" (any subdomain of host, not host itself),
  // or either followed by a path prefix ("linkedin.com/pulse/"). Hosts are compared lower-cased,
  // a leading "www." of the link's host is ignored. Throws Error(kUsage) on an empty or
  // malformed pattern. Returns *this (fluent).
  CrawlerDispatcher& Register(std::string_view pattern, CrawlerFactory factory);
  // The crawler for hosts no pattern matches (the generic article crawler in Default()).
  CrawlerDispatcher& RegisterFallback(CrawlerFactory factory);
  // A crawler that pages may be re-routed to when `detect(page)` holds (custom domains).
  CrawlerDispatcher& RegisterMarkers(std::function<bool(const FetchResult&)> detect, CrawlerFactory factory);

  // The name of the crawler a link goes to before any fetch ("" when the link is not an http(s)
  // URL). Pure: no network.
  std::string CrawlerNameFor(std::string_view link) const;
  // A new crawler for the link, by URL alone (nullptr when the link is not an http(s) URL).
  std::unique_ptr<Crawler> CrawlerFor(std::string_view link) const;

  // Crawls one link: by host, or for unknown hosts by fetching once and re-routing by markers.
  CrawlOutcome Crawl(const std::string& link, CrawlContext& ctx) const;
  // Lists the post / repository URLs behind a profile, publication, user or site URL.
  std::vector<std::string> Discover(const std::string& url, CrawlContext& ctx) const;

 private:
  struct Route {
    HostPattern pattern;
    CrawlerFactory factory;
  };
  struct MarkerRoute {
    std::function<bool(const FetchResult&)> detect;
    CrawlerFactory factory;
  };
  // The most specific route for a link (path-prefixed routes before host-only ones).
  const Route* Match(const Url& url) const;

  std::vector<Route> routes_;
  std::vector<MarkerRoute> marker_routes_;
  CrawlerFactory fallback_;
};

}  // namespace llmtwin
