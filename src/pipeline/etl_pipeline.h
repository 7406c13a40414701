// The digital_data_etl pipeline: the book's two steps, get_or_create_user then crawl_links,
// run natively (threads) and recorded in the warehouse.
//
// crawl_links crawls links on different hosts concurrently on a pool of worker threads (the
// fetcher keeps per-host politeness), stores each link's documents as soon as they are crawled
// (upsert by normalized link, one transaction per document: a run killed half-way leaves no
// half-written document and the next run does the rest) and records every link's fate.
//
// Deviations from the book, on purpose:
//  - a link whose normalized form is already stored is not crawled again (idempotent re-runs);
//    --refresh re-checks stored links with conditional requests and updates changed documents in
//    place (same _id, new content_hash, updated_at);
//  - the same link given twice (after normalisation) is crawled once and counted as a duplicate,
//    never as a successful crawl;
//  - run records (`pipeline_runs`) and per-link outcomes (`pipeline_run_links`, one document per
//    link, so memory and record size stay bounded however many links) are kept in the warehouse.
//    The book's step metadata is inside them unchanged: get_or_create_user {query, retrieved},
//    crawl_links {<domain>: {successful, total}}.
//  - sharded by host (shard.h): a run given shard I/K crawls only the links whose host hashes to
//    I; K such runs together do what one unsharded run does, and their metadata adds up to its.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/crawl_options.h"
#include "crawl/platform_export.h"
#include "domain/documents.h"
#include "pipeline/progress.h"
#include "pipeline/shard.h"

namespace llmtwin {

class Fetcher;
class CrawlerDispatcher;
namespace warehouse {
class Warehouse;
class DuplicateIndex;
}

inline constexpr const char* kRunsCollection = "pipeline_runs";
inline constexpr const char* kRunLinksCollection = "pipeline_run_links";

struct EtlRequest {
  std::string user_full_name;
  std::vector<std::string> links;
  std::vector<std::string> sources;  // profiles/publications whose posts are discovered and added
  std::vector<ExportSpec> exports;   // platform exports imported before crawl_links (import_exports)
  CrawlOptions crawl;
  std::string config_path;  // for the run record ("" when not from a file)
  std::string config_text;  // hashed into the run record
  Shard shard;              // crawl only the links (given and discovered) of this shard (shard.h)
};

struct RunOptions {
  bool refresh = false;
  int link_workers = 0;         // links crawled at once; 0 = min(crawl.concurrency, 32)
  bool progress_bar = false;    // draw a bar (on a terminal) instead of log lines
  std::function<void(const Json& link_record)> on_link;  // called for every link (tests, Python)
  // The items ValidateExports counted when the caller ran it already (the CLI does, before it opens
  // the warehouse); Run validates the request's exports itself otherwise.
  std::optional<size_t> validated_export_items;
  size_t first_link_index = 0;     // index of crawl_links' first record (after import_exports' items)
};

// What happened to one link; stored in pipeline_run_links.
struct LinkOutcome {
  std::string link, normalized, domain;
  std::string outcome;  // stored | updated | unchanged | skipped-duplicate | skipped | failed | cancelled
  std::string crawler, error_category, message;
  std::vector<std::string> document_ids;
  // Documents stored from this link that have a copy among the author's others (near-duplicates,
  // warehouse/duplicate_index.h): {id, duplicate_of (absent when it is the canonical copy), similarity}.
  Json duplicates = Json::array();
  double seconds = 0;
};

struct UserStepResult {
  UserDocument user;
  bool created = false;
  Json metadata;  // the book's {query: {user_full_name}, retrieved: {user_id, first_name, last_name}}
};

struct CrawlStepResult {
  std::map<std::string, DomainCounts> per_domain;
  int failed = 0;
  int duplicates_found = 0;  // documents stored in this run found to have a copy (LinkOutcome::duplicates)
  bool interrupted = false;
  Json metadata;  // the book's {<domain>: {successful, total}}
  Json llmtwin_metadata;  // ours: per domain {stored, unchanged, skipped_duplicate, skipped, failed, total}

  DomainCounts Totals() const;  // all domains together
  std::string Status() const;   // the run's status: succeeded | partial | failed | interrupted
};

// Counts as run records write them: {total, successful, stored, unchanged, skipped_duplicate,
// skipped, failed}.
Json DomainCountsJson(const DomainCounts& counts);

struct ImportStepResult {
  std::map<std::string, DomainCounts> per_kind;                     // "medium-export" -> counts
  std::map<std::string, std::map<std::string, int>> skip_reasons;   // "medium-export" -> {draft: 2}
  int failed = 0;
  bool interrupted = false;        // Ctrl-C: items after it were not imported
  int duplicates_found = 0;        // documents stored by this step found to have a copy
  Json metadata = Json::object();  // per kind: {exports: [path], total, stored, unchanged, skipped, skipped_by_reason, failed}
};

struct RunReport {
  std::string run_id;
  std::string status;  // succeeded | partial | failed | interrupted
  UserStepResult user;
  ImportStepResult imports;  // empty when the request has no exports
  CrawlStepResult crawl;

  // Every domain's and export kind's counts, for the summary table.
  std::map<std::string, DomainCounts> PerDomainAndKind() const;
  int Failed() const { return crawl.failed + imports.failed; }
};

class EtlPipeline {
 public:
  EtlPipeline(warehouse::Warehouse& warehouse, const CrawlerDispatcher& dispatcher, Fetcher& fetcher);
  ~EtlPipeline();

  // Both steps, with a run record. Throws Error only when the run cannot start (warehouse).
  RunReport Run(const EtlRequest& request, const RunOptions& options);

  // The steps on their own (the ZenML pipeline runs them as separate steps).
  UserStepResult GetOrCreateUser(const std::string& user_full_name);
  CrawlStepResult CrawlLinks(const UserDocument& user, const EtlRequest& request, const RunOptions& options,
                             const std::string& run_id);

  // Marks run records left "running" by a process that no longer exists as "killed".
  int MarkAbandonedRuns();

 private:
  LinkOutcome CrawlOne(const std::string& link, const UserDocument& user, const EtlRequest& request,
                       const RunOptions& options, const std::string& run_id);

  warehouse::Warehouse& warehouse_;
  const CrawlerDispatcher& dispatcher_;
  Fetcher& fetcher_;
  std::unique_ptr<warehouse::DuplicateIndex> duplicates_;  // stored articles and posts are indexed
};

// The domain a link is counted under in run metadata: the URL's host[:port], as the book's netloc.
std::string LinkDomain(const std::string& link);

}  // namespace llmtwin
