// Shared helpers of the reliability tests: a throw-away warehouse (SQLite file or a fresh database
// on the test MongoDB/FerretDB), one pipeline run with the real fetcher and crawlers, and the run's
// per-link records read back from the warehouse, so each test states only its faults and verdicts.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "crawl/crawler.h"
#include "fetch/fetcher.h"
#include "pipeline/etl_pipeline.h"
#include "pipeline/interrupt.h"
#include "support/fixture_server.h"
#include "warehouse/warehouse.h"

namespace llmtwin::test {

inline std::string UniqueName(const char* prefix) {
  static std::mt19937_64 random{std::random_device{}()};
  return std::string(prefix) + std::to_string(::getpid()) + "_" + std::to_string(random() % 100000000);
}

struct WarehouseTarget {
  std::string name;  // "sqlite" or "mongodb"
  std::string uri;   // the server URI for mongodb
};

inline void PrintTo(const WarehouseTarget& target, std::ostream* os) { *os << target.name; }

// SQLite always; MongoDB (FerretDB) too when scripts/test.sh started one.
inline std::vector<WarehouseTarget> WarehouseTargets() {
  std::vector<WarehouseTarget> targets = {{"sqlite", ""}};
  if (const char* mongo = std::getenv("LLMTWIN_TEST_MONGO_URI"); mongo && *mongo) targets.push_back({"mongodb", mongo});
  return targets;
}

// A warehouse of its own for one test, removed afterwards.
class ScratchWarehouse {
 public:
  explicit ScratchWarehouse(const WarehouseTarget& target) : mongo_(target.name != "sqlite") {
    if (!mongo_) {
      dir_ = std::filesystem::temp_directory_path() / UniqueName("llmtwin_rel_");
      std::filesystem::create_directories(dir_);
      uri_ = "sqlite:" + (dir_ / "twin.sqlite").string();
    } else {
      std::string base = target.uri;
      while (!base.empty() && base.back() == '/') base.pop_back();
      uri_ = base + "/" + UniqueName("rel_");
    }
    warehouse_ = warehouse::OpenWarehouse(uri_);
  }
  ~ScratchWarehouse() {
    try {
      if (warehouse_ && mongo_)
        for (const char* c : {"users", "articles", "posts", "repositories", kRunsCollection, kRunLinksCollection})
          warehouse_->DropCollection(c);
    } catch (...) {
    }
    warehouse_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  warehouse::Warehouse& operator*() { return *warehouse_; }
  warehouse::Warehouse* operator->() { return warehouse_.get(); }
  warehouse::Warehouse* get() { return warehouse_.get(); }
  const std::string& uri() const { return uri_; }

 private:
  bool mongo_;
  std::filesystem::path dir_;
  std::string uri_;
  std::unique_ptr<warehouse::Warehouse> warehouse_;
};

// One pipeline run (a fetcher of its own, as the CLI does).
inline RunReport RunPipeline(warehouse::Warehouse& warehouse, const EtlRequest& request, const RunOptions& options = {}) {
  Fetcher fetcher(request.crawl);
  const CrawlerDispatcher dispatcher = CrawlerDispatcher::Default();
  EtlPipeline pipeline(warehouse, dispatcher, fetcher);
  return pipeline.Run(request, options);
}

// The run's per-link records, by link.
inline std::map<std::string, Json> LinkRecords(warehouse::Warehouse& warehouse, const std::string& run_id) {
  std::map<std::string, Json> by_link;
  for (Json& record : warehouse.FindJson(kRunLinksCollection, warehouse::Query().Where("run_id", run_id))) {
    const std::string link = record.value("link", "");  // before the move (C++17 evaluates `= x` first)
    by_link[link] = std::move(record);
  }
  return by_link;
}

}  // namespace llmtwin::test
