// Settings of how politely and robustly llmtwin fetches: the `crawl:` block of a config and the
// network flags of every command that fetches. Shared by the fetch, crawl and pipeline layers, so
// it lives below all of them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace llmtwin {

// How politely and robustly we fetch. Defaults are what a well-behaved crawler should do.
struct CrawlOptions {
  std::string user_agent;              // empty = "llmtwin/<version> (+contact URL)"
  int concurrency = 16;                // transfers in flight across all hosts
  int per_host_connections = 2;        // transfers in flight per host
  int min_delay_ms = 500;              // between two requests to one host
  double crawl_delay_cap_s = 10;       // robots.txt Crawl-delay is honoured up to this
  bool respect_robots = true;
  double connect_timeout_s = 10;
  double timeout_s = 60;               // whole transfer
  int low_speed_limit_bytes = 1024;    // abort when slower than this ...
  double low_speed_time_s = 20;        // ... for this long
  long long max_body_bytes = 20LL << 20;
  int max_redirects = 10;
  int retries = 3;                     // extra attempts on network errors, 408, 429 and 5xx
  int backoff_base_ms = 500;
  int backoff_max_ms = 30000;
  std::vector<std::string> connect_to; // curl CONNECT_TO entries: HOST:PORT:ADDR:PORT
  std::string cacert;                  // extra CA bundle file
  std::string proxy;                   // empty = the standard proxy variables
  bool allow_private_addresses = false; // refuse loopback/private/link-local targets unless set
  std::vector<std::string> allowed_addresses; // exact IPs allowed despite the guard ("127.0.0.1")
  bool skip_paywalled = false;         // Substack: skip paid posts instead of storing the public part
  bool include_forks = false;          // GitHub user pages: also crawl forks
  int max_repo_file_bytes = 1 << 20;   // GitHub: larger files are skipped and recorded
};

enum class CrawlOptionKind { kUnknown, kScalar, kList };

// Whether `key` names a crawl option, and whether it holds one value or a list.
CrawlOptionKind CrawlOptionKindOf(std::string_view key);

// Sets a scalar option, or appends to a list option, from text. Returns "" on success, otherwise
// what is wrong ("expected an integer, got 'x'").
std::string TrySetCrawlOption(CrawlOptions& options, std::string_view key, std::string_view value);

// Empties a list option (a config's list replaces the default instead of adding to it).
void ClearCrawlList(CrawlOptions& options, std::string_view key);

// Applies one `crawl:` key given as text (the command line's --crawl KEY=VALUE and the flags that
// mirror it). Throws Error(kUsage) on an unknown key or a bad value.
void SetCrawlOption(CrawlOptions& options, std::string_view key, std::string_view value);

// The User-Agent actually sent: options.user_agent, or the default naming llmtwin and a contact URL.
std::string EffectiveUserAgent(const CrawlOptions& options);

}  // namespace llmtwin
