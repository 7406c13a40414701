// Loads and validates the pipeline config (`llmtwin etl --config FILE`).
//
// The shape is the book's, so its configs run unchanged:
//   parameters: {user_full_name: "First Last", links: [url, ...]}
//   settings: {...}            # ZenML's (docker, orchestrator); accepted and ignored here
// plus our own top-level keys:
//   sources: [url, ...]        # profiles/publications whose posts are discovered and added
//   crawl: {...}               # politeness, limits and network options (CrawlOptions below)
//   warehouse: URI             # default warehouse for this config (the command line wins)
//   exports:                   # the author's platform exports, imported before crawl_links
//     - {kind: medium, path: medium.zip, include_drafts: false, skip_responses: false}
//     - {kind: substack, path: substack/, publication_url: https://NAME.substack.com}
//     - {kind: x, path: twitter.zip, skip_replies: false, handle: NAME}
//     - {kind: linkedin, path: Shares.csv}
//   (a relative path is read from the config file's folder; with exports, links may be omitted)
//
// Validation collects every problem and reports them together, each naming the file, the line and
// the key ("configs/a.yaml:12: parameters.links[3]: 'ftp://x' is not an http(s) URL"). Duplicate
// links are dropped with a warning; unknown keys are warnings, never silently ignored.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "common/crawl_options.h"
#include "crawl/platform_export.h"

namespace llmtwin {

struct EtlConfig {
  std::string path;                    // as given, for messages and the run record
  std::string text;                    // the file's bytes, for the run record's hash
  std::string user_full_name;
  std::vector<std::string> links;      // validated http(s) URLs, duplicates dropped, order kept
  std::vector<std::string> sources;
  std::vector<ExportSpec> exports;     // kind checked; paths resolved against the config's folder
  CrawlOptions crawl;
  std::string warehouse;               // empty = not set in the file
  std::vector<std::string> warnings;   // "file:line: key: message"
};

// Reads and validates a config file. Throws Error(kConfig) naming every problem found.
EtlConfig LoadEtlConfig(const std::filesystem::path& path);

// Same, from text; `name` is used in messages in place of a file path.
EtlConfig ParseEtlConfig(std::string_view yaml_text, std::string_view name);

}  // namespace llmtwin
