// Choosing and opening a warehouse: URIs, the book's environment variables, the default file, and
// the error for an unreachable MongoDB.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include "common/error.h"
#include "warehouse/field_codec.h"
#include "warehouse/warehouse.h"
#include "warehouse_fixture.h"

namespace llmtwin::warehouse::testing {
namespace {

// Sets (or unsets, with nullptr) an environment variable for one test and restores it after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) setenv(name, value, 1);
    else unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

class ScopedCwd {
 public:
  explicit ScopedCwd(const std::filesystem::path& dir) : old_(std::filesystem::current_path()) {
    std::filesystem::current_path(dir);
  }
  ~ScopedCwd() { std::filesystem::current_path(old_); }

 private:
  std::filesystem::path old_;
};

TEST(OpenWarehouse, SqliteUriCreatesTheFileAndItsFoldersInWalMode) {
  const auto dir = FreshTempDir();
  const auto path = dir / "a" / "b" / "twin.sqlite";
  auto warehouse = OpenWarehouse("sqlite:" + path.string());
  EXPECT_EQ(warehouse->Describe(), "sqlite:" + path.string());
  EXPECT_TRUE(std::filesystem::exists(path));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  // The unique index on the link key exists (and is what makes duplicate links fail).
  sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE type='index' AND sql LIKE '%UNIQUE%_key%'", -1,
                     &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 3);  // articles, posts, repositories
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
}

TEST(OpenWarehouse, ADocumentKeyedByAnEarlierBuildIsFoundAndRekeyedByItsLink) {
  // Earlier builds kept the bytes beyond ASCII raw in the link key; today's key percent-encodes
  // them. A warehouse written then must not get a second copy of the page on the next crawl.
  const auto dir = FreshTempDir();
  const auto path = dir / "twin.sqlite";
  const std::string link = "https://blog.example/stra\xC3\x9F" "e";
  std::string id;
  {
    auto warehouse = OpenWarehouse("sqlite:" + path.string());
    ArticleDocument doc = MakeArticle(link, "v1");
    id = warehouse->Upsert(doc).id;
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const std::string legacy = "UPDATE articles SET doc = json_set(doc, '$._key', '" + link + "')";
  ASSERT_EQ(sqlite3_exec(db, legacy.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  EXPECT_EQ(sqlite3_changes(db), 1);
  sqlite3_close(db);

  auto warehouse = OpenWarehouse("sqlite:" + path.string());
  EXPECT_EQ(warehouse->Count<ArticleDocument>(Warehouse::ByLink("https://blog.example/stra%C3%9Fe")), 1u);
  ArticleDocument recrawl = MakeArticle("https://blog.example/stra%c3%9fe/", "v2");
  const UpsertResult result = warehouse->Upsert(recrawl);
  EXPECT_EQ(result.outcome, UpsertOutcome::kUpdated);
  EXPECT_EQ(result.id, id);
  EXPECT_EQ(warehouse->Count<ArticleDocument>(), 1u);
  EXPECT_EQ(warehouse->Count<ArticleDocument>(Warehouse::ByLink(link)), 1u);
  std::filesystem::remove_all(dir);
}

TEST(OpenWarehouse, EmptyUriWithoutDatabaseHostUsesDataTwinSqliteInTheCurrentFolder) {
  const auto dir = FreshTempDir();
  ScopedEnv host("DATABASE_HOST", nullptr);
  {
    ScopedCwd cwd(dir);
    EXPECT_EQ(DefaultWarehouseUri(), "sqlite:data/twin.sqlite");
    auto warehouse = OpenWarehouse("");
  }
  EXPECT_TRUE(std::filesystem::exists(dir / "data" / "twin.sqlite"));
  std::filesystem::remove_all(dir);
}

TEST(OpenWarehouse, DatabaseHostSelectsMongoDb) {
  ScopedEnv host("DATABASE_HOST", "mongodb://llm_engineering:llm_engineering@127.0.0.1:1");
  EXPECT_EQ(DefaultWarehouseUri(), "mongodb://llm_engineering:llm_engineering@127.0.0.1:1");
  ScopedEnv bare("DATABASE_HOST", "db.internal:27017");
  EXPECT_EQ(DefaultWarehouseUri(), "mongodb://db.internal:27017");
}

TEST(OpenWarehouse, UnreachableMongoFailsWithinSecondsNamingHostWithoutCredentials) {
  const auto start = std::chrono::steady_clock::now();
  try {
    OpenWarehouse("mongodb://admin:s3cr3tpass@127.0.0.1:1/twin");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_EQ(e.kind(), ErrorKind::kWarehouse);
    EXPECT_NE(message.find("cannot reach MongoDB at 127.0.0.1:1 within 3 s"), std::string::npos) << message;
    EXPECT_EQ(message.find("s3cr3tpass"), std::string::npos) << message;
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(8));
}

TEST(OpenWarehouse, RejectsUnknownSchemesAndBadMongoUris) {
  try {
    OpenWarehouse("postgres://x");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
  }
  EXPECT_THROW(OpenWarehouse("sqlite:"), Error);
  try {
    OpenWarehouse("mongodb://user:pw@");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_EQ(std::string(e.what()).find(":pw@"), std::string::npos) << e.what();
  }
}

TEST(OpenWarehouse, RejectsAFileThatIsNotADatabase) {
  const auto dir = FreshTempDir();
  std::ofstream(dir / "text.sqlite") << "this is not a database, just some text long enough to be a header";
  EXPECT_THROW(OpenWarehouse("sqlite:" + (dir / "text.sqlite").string()), Error);
  std::filesystem::remove_all(dir);
}

TEST(FieldCodec, EncodesDotsPercentAndLeadingDollarReversibly) {
  EXPECT_EQ(EncodeFieldName("src/main.py"), "src/main%2Epy");
  EXPECT_EQ(EncodeFieldName("$ref"), "%24ref");
  EXPECT_EQ(EncodeFieldName("a$b"), "a$b");
  EXPECT_EQ(EncodeFieldName("100%"), "100%25");
  EXPECT_EQ(EncodeFieldName("Title"), "Title");
  for (const char* name : {"src/main.py", "$ref", "a$b", "100%", "%2E", "%", "..", "$", "a%2", "%zz", "", "ü.md"})
    EXPECT_EQ(DecodeFieldName(EncodeFieldName(name)), name) << name;
  EXPECT_EQ(EncodeFieldPath("content.$ref.100%"), "content.%24ref.100%25");
}

TEST(FieldCodec, EncodesKeysAtEveryDepthAndLeavesValuesAlone) {
  const Json doc = Json::parse(R"({"content": {"a.py": "x.y"}, "list": [{"$k": "$v"}]})");
  const Json stored = EncodeKeys(doc);
  EXPECT_EQ(stored.dump(), R"({"content":{"a%2Epy":"x.y"},"list":[{"%24k":"$v"}]})");
  EXPECT_EQ(DecodeKeys(stored), doc);
}

}  // namespace
}  // namespace llmtwin::warehouse::testing
