#include "pipeline/run_record.h"

#include <unistd.h>

#include "domain/hash.h"
#include "warehouse/warehouse.h"

namespace llmtwin {
namespace {

std::string HostName() {
  char name[256] = {};
  return ::gethostname(name, sizeof name - 1) == 0 ? std::string(name) : std::string();
}

}  // namespace

RunRecord::RunRecord(warehouse::Warehouse& warehouse, std::string run_id, const EtlRequest& request, bool refresh,
                     const Json& extra)
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
          {"parameters",
           {{"user_full_name", request.user_full_name}, {"links", request.links.size()}, {"sources", request.sources}}},
          {"steps", Json::array()}};
  if (!request.shard.IsWhole()) run_["shard"] = {{"index", request.shard.index}, {"count", request.shard.count}};
  if (extra.is_object()) {
    for (const auto& [key, value] : extra.items())
      if (!run_.contains(key)) run_[key] = value;
  }
  Save();
}

void RunRecord::AddStep(std::string_view name, const std::string& started_at, double seconds, std::string_view status,
                        Json metadata) {
  run_["steps"].push_back(Json{{"name", name},
                               {"status", status},
                               {"started_at", started_at},
                               {"duration_s", seconds},
                               {"metadata", std::move(metadata)}});
  run_["updated_at"] = NowIso8601();
  Save();
}

void RunRecord::AddCrawlStep(const CrawlStepResult& crawl, const std::string& started_at, double seconds) {
  run_["totals"] = DomainCountsJson(crawl.Totals());
  AddStep("crawl_links", started_at, seconds, crawl.interrupted ? "interrupted" : "completed",
          {{"crawled_links", crawl.metadata}, {"llmtwin", crawl.llmtwin_metadata}});
}

void RunRecord::SetUser(const std::string& user_id) { run_["user_id"] = user_id; }

void RunRecord::Finish(std::string_view status) {
  run_["status"] = status;
  run_["ended_at"] = NowIso8601();
  run_["updated_at"] = run_["ended_at"];
  Save();
}

void RunRecord::Save() { warehouse_.ReplaceJson(kRunsCollection, run_); }

}  // namespace llmtwin
