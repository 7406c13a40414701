#include "pipeline/run_record.h"

#include <unistd.h>

#include "common/stage_cpu.h"
#include "domain/hash.h"
#include "warehouse/warehouse.h"

namespace llmtwin {
std::string HostName() {
  char name[256] = {};
  return ::gethostname(name, sizeof name - 1) == 0 ? std::string(name) : std::string();
}

namespace {

// The run's parameters as the book records them, plus the exports it imports.
Json ParametersJson(const EtlRequest& request) {
  Json parameters = {{"user_full_name", request.user_full_name}, {"links", request.links.size()}, {"sources", request.sources}};
  if (!request.exports.empty()) {
    parameters["exports"] = Json::array();
    for (const ExportSpec& e : request.exports) parameters["exports"].push_back({{"kind", e.kind}, {"path", e.path}});
  }
  return parameters;
}

}  // namespace

RunRecord::RunRecord(warehouse::Warehouse& warehouse, std::string run_id, const EtlRequest& request, bool refresh,
                     const Json& extra, bool continues)
    : warehouse_(warehouse), id_(std::move(run_id)) {
  const std::string now = NowIso8601();
  run_ = {{"_id", id_},
          {"pipeline", "digital_data_etl"},
          {"status", "running"},
          {"started_at", now},
          {"updated_at", now},
          {"config_path", request.config_path},
          {"config_sha256", Sha256Hex(request.config_text)},
          {"warehouse", warehouse_.Describe()},
          {"host", HostName()},
          {"pid", static_cast<long>(::getpid())},
          {"refresh", refresh},
          {"parameters", ParametersJson(request)},
          {"steps", Json::array()}};
  if (!request.shard.IsWhole()) run_["shard"] = {{"index", request.shard.index}, {"count", request.shard.count}};
  if (extra.is_object()) {
    for (const auto& [key, value] : extra.items())
      if (!run_.contains(key)) run_[key] = value;
  }
  if (continues) {
    if (const auto earlier = warehouse_.FindJsonById(kRunsCollection, id_)) {
      if (earlier->contains("started_at")) run_["started_at"] = (*earlier)["started_at"];
      if (earlier->contains("steps") && (*earlier)["steps"].is_array()) run_["steps"] = (*earlier)["steps"];
      SumTotals();
    }
  }
  Save();
}

void RunRecord::SumTotals() {
  Json totals;
  for (const Json& step : run_["steps"]) {
    if (!step.contains("totals") || !step["totals"].is_object()) continue;
    if (totals.is_null()) totals = Json::object();
    for (const auto& [key, value] : step["totals"].items()) {
      if (value.is_number_integer()) totals[key] = totals.value(key, 0) + value.get<int>();
    }
  }
  if (!totals.is_null()) run_["totals"] = std::move(totals);
}

void RunRecord::AddStep(std::string_view name, const std::string& started_at, double seconds, std::string_view status,
                        Json metadata, const DomainCounts* counts) {
  Json& steps = run_["steps"];
  for (auto it = steps.begin(); it != steps.end();) {
    it = it->value("name", "") == name ? steps.erase(it) : it + 1;
  }
  Json step{{"name", name},
            {"status", status},
            {"started_at", started_at},
            {"duration_s", seconds},
            {"metadata", std::move(metadata)}};
  if (counts != nullptr) step["totals"] = DomainCountsJson(*counts);
  steps.push_back(std::move(step));
  SumTotals();
  run_["updated_at"] = NowIso8601();
  Save();
}

void RunRecord::AddCrawlStep(const CrawlStepResult& crawl, const std::string& started_at, double seconds) {
  const DomainCounts totals = crawl.Totals();
  SetDuplicatesFound("crawl_links", crawl.duplicates_found);
  AddStep("crawl_links", started_at, seconds, crawl.interrupted ? "interrupted" : "completed",
          {{"crawled_links", crawl.metadata}, {"llmtwin", crawl.llmtwin_metadata}}, &totals);
}

void RunRecord::SetDuplicatesFound(std::string_view name, int found) {
  Json& by_step = run_["duplicates_found_by_step"];
  if (!by_step.is_object()) by_step = Json::object();
  by_step[std::string(name)] = found;
  int total = 0;
  for (const auto& [step, n] : by_step.items()) total += n.get<int>();
  run_["duplicates_found"] = total;  // near-duplicates of documents stored by this run's steps
}

void RunRecord::SetUser(const std::string& user_id) { run_["user_id"] = user_id; }

void RunRecord::Finish(std::string_view status) {
  run_["status"] = status;
  run_["ended_at"] = NowIso8601();
  run_["updated_at"] = run_["ended_at"];
  Save();
}

void RunRecord::Save() {
  const StageScope stage(Stage::kRunRecords);
  warehouse_.ReplaceJson(kRunsCollection, run_);
}

}  // namespace llmtwin
