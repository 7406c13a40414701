// The backends every conformance test runs on: SQLite (always) and MongoDB (FerretDB in
// scripts/test.sh) when LLMTWIN_TEST_MONGO_URI is set. Without it the MongoDB tests are skipped,
// unless CI or LLMTWIN_REQUIRE_MONGO is set: then they fail, so CI cannot silently lose them.
// Each test gets a fresh SQLite file or a fresh MongoDB database (twin_test_<random>), dropped after.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "domain/documents.h"
#include "warehouse/mongo_warehouse.h"
#include "warehouse/sqlite_warehouse.h"
#include "warehouse/warehouse.h"

namespace llmtwin::warehouse::testing {

inline std::filesystem::path FreshTempDir() {
  auto dir = std::filesystem::temp_directory_path() / ("llmtwin-wh-" + NewDocumentId());
  std::filesystem::create_directories(dir);
  return dir;
}

class BackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = FreshTempDir();
    if (GetParam() == "sqlite") {
      warehouse_ = SqliteWarehouse::Open((dir_ / "twin.sqlite").string());
      return;
    }
    const char* uri = std::getenv("LLMTWIN_TEST_MONGO_URI");
    if (!uri || !*uri) {
      if (std::getenv("CI") || std::getenv("LLMTWIN_REQUIRE_MONGO"))
        FAIL() << "LLMTWIN_TEST_MONGO_URI is not set but CI/LLMTWIN_REQUIRE_MONGO is: run scripts/test.sh";
      GTEST_SKIP() << "LLMTWIN_TEST_MONGO_URI is not set (scripts/test.sh starts FerretDB and sets it)";
    }
    mongo_database_ = "twin_test_" + NewDocumentId().substr(0, 8);
    auto mongo = MongoWarehouse::Open(uri, mongo_database_);
    mongo_ = mongo.get();
    warehouse_ = std::move(mongo);
  }
  void TearDown() override {
    if (mongo_) mongo_->DropDatabase();
    warehouse_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  Warehouse& wh() { return *warehouse_; }
  // Another connection to the same warehouse, as another process would open it.
  std::unique_ptr<Warehouse> OpenAgain() {
    if (GetParam() == "sqlite") return SqliteWarehouse::Open((dir_ / "twin.sqlite").string());
    return MongoWarehouse::Open(std::getenv("LLMTWIN_TEST_MONGO_URI"), mongo_database_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<Warehouse> warehouse_;
  MongoWarehouse* mongo_ = nullptr;
  std::string mongo_database_;
};

inline std::string BackendName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

#define LLMTWIN_INSTANTIATE_BACKENDS(Suite) \
  INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::Values("sqlite", "mongo"), BackendName)

inline ArticleDocument MakeArticle(const std::string& link, const std::string& text = "Some text",
                                   const std::string& author_id = "author-1") {
  ArticleDocument doc;
  doc.id = NewDocumentId();
  doc.link = link;
  doc.platform = "medium";
  doc.author_id = author_id;
  doc.author_full_name = "Ada Lovelace";
  doc.content.title = "Title of " + link;
  doc.content.subtitle = "A subtitle";
  doc.content.content = text;
  doc.content.language = "en";
  return doc;
}

}  // namespace llmtwin::warehouse::testing
