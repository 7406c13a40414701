// The HTTP engine: the only door of llmtwin to the network.
//
// One event-loop thread drives libcurl's multi interface, so many transfers are in flight on one
// thread (connection reuse, HTTP/2 multiplexing where offered, gzip/deflate/brotli decoding).
// Crawlers are plain blocking code on worker threads: Fetch() submits a request and waits for its
// result; Submit() returns a future. The engine is polite by default (robots.txt per origin,
// Crawl-delay up to a cap, a minimum delay and a connection limit per host, a global concurrency
// limit, a User-Agent naming llmtwin) and robust (timeouts, body-size limit, redirects followed
// by us so that loops are reported as loops and robots/address rules apply to every hop, retries
// with exponential backoff + jitter honouring Retry-After).
//
// Per-request failures are values (FetchResult::error), never exceptions: one bad link must not
// abort a run. Llmtwin::Error is thrown only for programming/config errors (an unreadable
// `cacert`, a malformed `connect_to` entry).
//
// Deviations worth knowing (see docs/fetch.md): politeness state (delay, connection limit,
// robots.txt) is kept per origin (scheme://host:port), as RFC 9309 scopes robots.txt; `cacert`
// adds to the system trust store (OpenSSL backend; replaces it with other TLS backends);
// the private-address guard checks the address actually connected to, so with a proxy it checks
// the proxy.
#pragma once

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/crawl_options.h"
#include "fetch/clock.h"

namespace llmtwin {

// What went wrong, in terms a user can act on. Stable names (FetchErrorCategoryName) appear in
// run records, logs and JSON output.
enum class FetchErrorCategory {
  kNone,
  kDns,                // "dns": the host name does not resolve
  kConnect,            // "connect": refused / unreachable
  kTls,                // "tls": handshake or certificate verification failed
  kTimeout,            // "timeout": connect, total or low-speed timeout
  kTooLarge,           // "too-large": body exceeded max_body_bytes; the transfer was aborted
  kTooManyRedirects,   // "too-many-redirects"
  kRedirectLoop,       // "redirect-loop": a redirect led back to a URL already visited
  kHttp4xx,            // "http-4xx"
  kHttp5xx,            // "http-5xx" (after the retries)
  kRobotsDisallowed,   // "robots-disallowed": robots.txt forbids this URL for our user agent
  kRobotsUnavailable,  // "robots-unavailable": robots.txt answered 5xx / was unreachable; retry later
  kBlockedAddress,     // "blocked-address": private/loopback/link-local target refused
  kInvalidUrl,         // "invalid-url"
  kCancelled,          // "cancelled"
  kBadContent,         // "bad-content": undecodable encoding, or binary where text was asked
  kNetwork,            // "network": connection reset, body cut short, other transport errors
  kHttpOther,          // "http-other": an unexpected status (1xx/3xx without Location)
};

// "dns", "http-4xx", "robots-disallowed", ...
std::string_view FetchErrorCategoryName(FetchErrorCategory category);

struct FetchRequest {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;  // extra request headers
  std::string if_none_match;      // an ETag from a previous fetch -> If-None-Match
  std::string if_modified_since;  // a Last-Modified from a previous fetch -> If-Modified-Since
  bool decode_text = true;        // false: raw bytes (tarballs, images), no charset decoding
  long long max_body_bytes = 0;   // 0 = options.max_body_bytes
  bool obey_robots = true;        // also needs options.respect_robots
  bool head = false;              // HEAD instead of GET
};

struct FetchResult {
  std::string requested_url;
  std::string final_url;                                     // after redirects
  long status = 0;                                           // of the final response; 0 if none
  std::vector<std::pair<std::string, std::string>> headers;  // of the final response, in order
  std::string content_type;                                  // the Content-Type header as sent
  std::string charset;                                       // the charset the body was decoded from
  std::string body;                                          // UTF-8 when decode_text
  std::string etag, last_modified;                           // for the next conditional request
  std::string http_version;                                  // "1.1", "2"
  std::vector<std::string> redirects;                        // the URLs redirected through, in order
  int attempts = 0;                                          // transfers made for the final URL + earlier hops
  double total_seconds = 0;       // from the first transfer start to completion (waits included)
  double connect_seconds = 0;     // of the last transfer (0 when a connection was reused)
  double tls_seconds = 0;         // TLS handshake done, since start of the last transfer
  double ttfb_seconds = 0;        // first byte, since start of the last transfer
  double wait_seconds = 0;        // spent waiting for politeness delays, robots.txt and backoff
  int new_connections = 0;        // connections opened by the last transfer (0 = an existing one was reused)
  Clock::TimePoint started_at{};  // when the last transfer started, on the fetcher's clock
  FetchErrorCategory error = FetchErrorCategory::kNone;
  std::string error_message;

  // The first value of a response header (case-insensitive name); "" when absent.
  std::string Header(std::string_view name) const;
  bool ok() const { return error == FetchErrorCategory::kNone && status >= 200 && status < 300; }
  bool not_modified() const { return error == FetchErrorCategory::kNone && status == 304; }  // "unchanged"
};

class Fetcher {
 public:
  // Validates `options` (throws Error(kConfig) on a bad connect_to entry or unreadable cacert) and
  // starts the event-loop thread. `clock` (not owned) defaults to SteadyClock.
  explicit Fetcher(const CrawlOptions& options, Clock* clock = nullptr);
  ~Fetcher();  // cancels what is queued or in flight and joins the thread
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Thread-safe. The future is always fulfilled (never throws); after CancelAll/destruction with
  // kCancelled.
  std::future<FetchResult> Submit(FetchRequest request);
  // Submit(request).get().
  FetchResult Fetch(FetchRequest request);
  // Completes every queued and in-flight request with kCancelled. Later submissions still work.
  void CancelAll();

 private:
  class Engine;
  std::unique_ptr<Engine> engine_;
};

}  // namespace llmtwin
