// The run record of one digital_data_etl run: a document in `pipeline_runs` that says which run
// it is (config and its hash, warehouse, host and pid, parameters, the shard when sharded), how
// far it got ("running" until it ends; a record left "running" by a dead process is marked
// "killed" by EtlPipeline::MarkAbandonedRuns) and each finished step with its duration and the
// book's metadata. Each link's fate is kept apart, in `pipeline_run_links` (EtlPipeline::CrawlLinks
// writes those).
//
// One class writes it for every way a run happens: `llmtwin etl` (EtlPipeline::Run: both steps)
// and a crawl_links step orchestrated elsewhere (the Python binding under ZenML, which passes the
// orchestrator's run id and a few fields of its own), so `llmtwin runs show` reads both alike.
#pragma once

#include <string>
#include <string_view>

#include "domain/documents.h"
#include "pipeline/etl_pipeline.h"

namespace llmtwin {

namespace warehouse {
class Warehouse;
}

// This machine's name, as a run record carries it (MarkAbandonedRuns compares it to tell its own
// dead runs from another host's).
std::string HostName();

class RunRecord {
 public:
  // Writes the record as "running" under `run_id`. `extra` fields (an object) are added unless the
  // record has a field of that name already. With `continues`, a record already under that id (an
  // earlier step of the same orchestrated run: import_exports before crawl_links) keeps its start
  // and its steps; otherwise it is replaced. Either way a step added again under the same name (an
  // orchestrator retrying a step with its run id) replaces the earlier entry.
  RunRecord(warehouse::Warehouse& warehouse, std::string run_id, const EtlRequest& request, bool refresh,
            const Json& extra = Json::object(), bool continues = false);

  const std::string& id() const { return id_; }
  const Json& json() const { return run_; }

  // Appends a step that has ended (status: completed | failed | interrupted) and saves. A step that
  // stores documents gives its counts: the run's totals are the sum of its steps' counts.
  void AddStep(std::string_view name, const std::string& started_at, double seconds, std::string_view status,
               Json metadata, const DomainCounts* counts = nullptr);
  // Appends the crawl_links step with the book's metadata and ours, and sets the run's totals.
  void AddCrawlStep(const CrawlStepResult& crawl, const std::string& started_at, double seconds);
  // Records how many stored documents of step `name` were found to have a copy; the run's
  // `duplicates_found` is the sum over its steps (saved with the next step).
  void SetDuplicatesFound(std::string_view name, int found);
  void SetUser(const std::string& user_id);
  // Ends the run: status (succeeded | partial | failed | interrupted) and ended_at; saves.
  void Finish(std::string_view status);

 private:
  void Save();
  void SumTotals();  // the run's totals: the sum of its steps' counts

  warehouse::Warehouse& warehouse_;
  std::string id_;
  Json run_;
};

}  // namespace llmtwin
