// Loads and validates the pipeline config (`llmtwin etl --config FILE`).
//
// The shape is the book's, so its configs run unchanged:
//   parameters: {user_full_name: "First Last", links: [url, ...]}
//   settings: {...}            # ZenML's (docker, orchestrator); accepted and ignored here
// plus our own top-level keys:
//   sources: [url, ...]        # profiles/publications whose posts are discovered and added
//   crawl: {...}               # politeness, limits and network options (CrawlOptions below)
//   warehouse: URI             # default warehouse for this config (the command line wins)
//
// Validation collects every problem and reports them together, each naming the file, the line and
// the key ("configs/a.yaml:12: parameters.links[3]: 'ftp://x' is not an http(s) URL"). Duplicate
// links are dropped with a warning; unknown keys are warnings, never silently ignored.
#pragma once

#include <filesystem>
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
  bool skip_paywalled = false;         // Substack: skip paid posts instead of storing the public part
  bool include_forks = false;          // GitHub user pages: also crawl forks
  int max_repo_file_bytes = 1 << 20;   // GitHub: larger files are skipped and recorded
};

struct EtlConfig {
  std::string path;                    // as given, for messages and the run record
  std::string text;                    // the file's bytes, for the run record's hash
  std::string user_full_name;
  std::vector<std::string> links;      // validated http(s) URLs, duplicates dropped, order kept
  std::vector<std::string> sources;
  CrawlOptions crawl;
  std::string warehouse;               // empty = not set in the file
  std::vector<std::string> warnings;   // "file:line: key: message"
};

// Reads and validates a config file. Throws Error(kConfig) naming every problem found.
EtlConfig LoadEtlConfig(const std::filesystem::path& path);

// Same, from text; `name` is used in messages in place of a file path.
EtlConfig ParseEtlConfig(std::string_view yaml_text, std::string_view name);

// Applies one `crawl:` key given as text (the command line's --set crawl.KEY=VALUE and the flags
// that mirror them). Throws Error(kUsage) on an unknown key or a bad value.
void SetCrawlOption(CrawlOptions& options, std::string_view key, std::string_view value);

// The User-Agent actually sent: options.user_agent, or the default naming llmtwin and a contact URL.
std::string EffectiveUserAgent(const CrawlOptions& options);

}  // namespace llmtwin
