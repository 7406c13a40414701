// What every crawler does the same way: issue a request in the run's context, turn a failed fetch
// into a CrawlOutcome, start a document with the run's author and provenance, and small URL
// helpers. Kept here so each platform file holds only what is specific to its platform.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crawl/crawler.h"
#include "fetch/fetcher.h"

namespace llmtwin {

// GET `url` as text; `conditional` adds the context's If-None-Match / If-Modified-Since (only for
// the link itself, never for an API or feed request made on its behalf).
FetchResult FetchText(CrawlContext& ctx, const std::string& url, bool conditional = false,
                      std::vector<std::pair<std::string, std::string>> headers = {});

// A failed/skipped outcome.
CrawlOutcome FailedOutcome(std::string_view crawler, std::string category, std::string message);
// The outcome of a fetch that did not give a 2xx: kUnchanged for a 304, otherwise kFailed with
// "not-found" for 404/410 and FetchErrorCategoryName(...) for the rest.
CrawlOutcome OutcomeFromFetch(std::string_view crawler, const FetchResult& result);

// A new document carrying the run's author, run id and crawl time, with a fresh id.
ArticleDocument NewArticle(const CrawlContext& ctx, std::string_view platform, const std::string& link);
PostDocument NewPost(const CrawlContext& ctx, std::string_view platform, const std::string& link);
RepositoryDocument NewRepository(const CrawlContext& ctx, std::string_view platform, const std::string& link);

// Sets content_hash and the HTTP validators, and wraps the document into a kCrawled outcome.
CrawlOutcome CrawledArticle(std::string_view crawler, ArticleDocument article, const FetchResult* page);

// `url` without the query parameters named in `names` ("source", "r", ...) and without fragment.
std::string StripQueryParameters(std::string_view url, std::initializer_list<std::string_view> names);
// The path segments of a URL ("" and query excluded); empty when not an http(s) URL.
std::vector<std::string> PathSegments(std::string_view url);
// scheme://host[:port] of a URL ("" when not an http(s) URL).
std::string Origin(std::string_view url);

// Whether a response body is HTML (by Content-Type, else by sniffing the first bytes).
bool LooksLikeHtml(const FetchResult& result);

// Adds `url` to `out` unless already there (order kept).
void AppendUnique(std::vector<std::string>& out, std::string url);

}  // namespace llmtwin
