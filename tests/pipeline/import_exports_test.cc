// The import_exports step end to end, on SQLite and (when LLMTWIN_TEST_MONGO_URI is set, as
// scripts/test.sh does) MongoDB/FerretDB: the real export files through the pipeline into a real
// warehouse, run records for every item, bad archives that change nothing, and one document per
// post whether the post is imported first and crawled after (the fixture server serves the same
// Medium and Substack URLs) or crawled first and imported after.
#include "pipeline/import_exports.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>

#include "common/error.h"
#include "crawl/crawler.h"
#include "fetch/fetcher.h"
#include "pipeline/etl_pipeline.h"
#include "pipeline/interrupt.h"
#include "support/fixture_server.h"
#include "support/zip_builder.h"
#include "warehouse/duplicate_index.h"
#include "warehouse/warehouse.h"

namespace llmtwin {
namespace {

namespace fs = std::filesystem;

const fs::path kExports = fs::path(LLMTWIN_TESTDATA_DIR) / "fixtures/exports";
// Served by the fixture server (testdata/fixtures and testdata/synthetic MANIFEST.json).
const char* kMediumUrl = "https://medium.com/@pippinlee/the-open-journalism-project-better-student-journalism-fb39f4f701bb";
const char* kSubstackPublication = "https://decodingml.substack.com";
const char* kSubstackUrl = "https://decodingml.substack.com/p/the-llm-twin-data-pipeline";

struct WarehouseTarget {
  std::string name;
  std::string uri;
};

void PrintTo(const WarehouseTarget& target, std::ostream* os) { *os << target.name; }

std::vector<WarehouseTarget> Targets() {
  std::vector<WarehouseTarget> targets = {{"sqlite", ""}};
  if (const char* mongo = std::getenv("LLMTWIN_TEST_MONGO_URI"); mongo && *mongo) targets.push_back({"mongodb", mongo});
  return targets;
}

std::string UniqueName(const char* prefix) {
  std::random_device rd;
  return std::string(prefix) + std::to_string(::getpid()) + "_" + std::to_string(rd() % 1000000);
}

class ImportExportsTest : public ::testing::TestWithParam<WarehouseTarget> {
 protected:
  void SetUp() override {
    InterruptGuard::Reset();
    dir_ = fs::temp_directory_path() / UniqueName("llmtwin_import_");
    fs::create_directories(dir_);
    if (GetParam().name == "sqlite") {
      uri_ = "sqlite:" + (dir_ / "twin.sqlite").string();
    } else {
      std::string base = GetParam().uri;
      while (!base.empty() && base.back() == '/') base.pop_back();
      uri_ = base + "/" + UniqueName("import_");
    }
    warehouse_ = warehouse::OpenWarehouse(uri_);
    request_.user_full_name = "Test Author";
    request_.crawl = test::FixtureServer::Shared().Options();
  }
  void TearDown() override {
    if (warehouse_ && GetParam().name != "sqlite") {
      for (const char* c : {"users", "articles", "posts", "repositories", kRunsCollection, kRunLinksCollection,
                            warehouse::kSignaturesCollection, warehouse::kTemplatesCollection})
        warehouse_->DropCollection(c);
    }
    warehouse_.reset();
    fs::remove_all(dir_);
  }

  RunReport RunOnce(const RunOptions& options = {}) {
    Fetcher fetcher(request_.crawl);
    const CrawlerDispatcher dispatcher = CrawlerDispatcher::Default();
    EtlPipeline pipeline(*warehouse_, dispatcher, fetcher);
    return pipeline.Run(request_, options);
  }
  RunReport Import(std::vector<ExportSpec> exports) {
    request_.links.clear();
    request_.exports = std::move(exports);
    return RunOnce();
  }
  RunReport Crawl(std::vector<std::string> links) {
    request_.exports.clear();
    request_.links = std::move(links);
    return RunOnce();
  }

  // Every collection's size: what "the warehouse is unchanged" compares.
  std::map<std::string, size_t> Sizes() {
    std::map<std::string, size_t> sizes;
    for (const char* c : {"users", "articles", "posts", "repositories", kRunsCollection, kRunLinksCollection})
      sizes[c] = warehouse_->CountJson(c);
    return sizes;
  }

  // A Medium export of one story (a real export file) whose canonical link is `url`.
  fs::path MediumExportFor(const std::string& url) {
    std::string html = testing::ReadBytes(kExports / "medium/hashdag/posts/2021-09-22_Kaspa-launch-plan-9a63f4d754a6.html");
    const std::string old = "https://medium.com/@hashdag/kaspa-launch-plan-9a63f4d754a6";
    html.replace(html.find(old), old.size(), url);
    const fs::path zip = dir_ / "medium.zip";
    testing::WriteZip(zip, {{"posts/2015-03-17_The-Open-Journalism-Project-fb39f4f701bb.html", html}});
    return zip;
  }
  // A Substack export of one published post (a real export file) with the slug of kSubstackUrl.
  fs::path SubstackExport() {
    const fs::path folder = dir_ / "substack";
    fs::create_directories(folder / "posts");
    testing::WriteBytes(folder / "posts.csv",
                        "post_id,post_date,is_published,email_sent_at,inbox_sent_at,type,audience,title,subtitle,podcast_url\n"
                        "140000001.the-llm-twin-data-pipeline,2024-03-01T10:00:00.000Z,true,,,newsletter,everyone,"
                        "The LLM Twin data pipeline,From the export,\n");
    testing::WriteBytes(folder / "posts/140000001.the-llm-twin-data-pipeline.html",
                        testing::ReadBytes(kExports / "substack/digitalsovereignty/posts/155903106.embrace-for-future-impact.html"));
    return folder;
  }
  ExportSpec SubstackSpec() {
    ExportSpec spec{"substack", SubstackExport().string(), {}};
    spec.options.publication_url = kSubstackPublication;
    return spec;
  }

  fs::path dir_;
  std::string uri_;
  std::unique_ptr<warehouse::Warehouse> warehouse_;
  EtlRequest request_;
};

TEST_P(ImportExportsTest, ImportIsARunWithEveryItemsFateAndImportingTwiceChangesNothing) {
  const std::vector<ExportSpec> exports = {{"medium", (kExports / "medium/hashdag").string(), {}},
                                           {"x", (kExports / "x/andreruffert").string(), {}}};
  const RunReport first = Import(exports);
  EXPECT_EQ(first.status, "succeeded");
  EXPECT_EQ(first.imports.per_kind.at("medium-export").total, 6);
  EXPECT_EQ(first.imports.per_kind.at("medium-export").stored, 4);  // 3 stories and 1 response
  EXPECT_EQ(first.imports.per_kind.at("medium-export").skipped, 2);  // 2 drafts
  EXPECT_EQ(first.imports.per_kind.at("x-archive").stored, 26);
  EXPECT_EQ(first.imports.skip_reasons.at("x-archive").at("retweet"), 4);
  EXPECT_EQ(warehouse_->Count<ArticleDocument>(), 3u);
  EXPECT_EQ(warehouse_->Count<PostDocument>(), 27u);
  for (const auto& post : warehouse_->BulkFind<PostDocument>()) {
    EXPECT_EQ(post.author_full_name, "Test Author");
    EXPECT_EQ(post.meta.run_id, first.run_id);
  }

  auto run = warehouse_->FindJsonById(kRunsCollection, first.run_id);
  ASSERT_TRUE(run);
  ASSERT_EQ((*run)["steps"].size(), 2u);  // no links: crawl_links does not run
  EXPECT_EQ((*run)["steps"][1]["name"], "import_exports");
  const Json& medium = (*run)["steps"][1]["metadata"]["imported"]["medium-export"];
  EXPECT_EQ(medium["stored"], 4);
  EXPECT_EQ(medium["skipped_by_reason"]["draft"], 2);
  EXPECT_EQ((*run)["totals"]["total"], 36);
  const auto items = warehouse_->FindJson(kRunLinksCollection, warehouse::Query().Where("run_id", first.run_id));
  ASSERT_EQ(items.size(), 36u);
  int drafts = 0;
  for (const Json& item : items) {
    EXPECT_EQ(item["step"], "import_exports");
    if (item.value("skip_reason", "") == "draft") {
      ++drafts;
      EXPECT_EQ(item["outcome"], "skipped");
      EXPECT_TRUE(item["entry"].get<std::string>().starts_with("posts/draft_")) << item.dump();
    }
  }
  EXPECT_EQ(drafts, 2);

  const auto before = Sizes();
  const RunReport second = Import(exports);
  EXPECT_EQ(second.status, "succeeded");
  EXPECT_EQ(second.imports.per_kind.at("medium-export").unchanged, 4);
  EXPECT_EQ(second.imports.per_kind.at("x-archive").unchanged, 26);
  EXPECT_EQ(second.imports.per_kind.at("x-archive").stored, 0);
  auto after = Sizes();
  EXPECT_EQ(after["articles"], before.at("articles"));
  EXPECT_EQ(after["posts"], before.at("posts"));
  EXPECT_EQ(after["users"], before.at("users"));
}

TEST_P(ImportExportsTest, AShardedRunImportsTheExportsInShardZeroOnly) {
  request_.exports = {{"x", (kExports / "x/andreruffert").string(), {}}};
  request_.links.clear();
  request_.shard = Shard{1, 2};
  const RunReport other = RunOnce();
  EXPECT_TRUE(other.imports.per_kind.empty());
  EXPECT_EQ(warehouse_->Count<PostDocument>(), 0u);
  auto run = warehouse_->FindJsonById(kRunsCollection, other.run_id);
  ASSERT_TRUE(run);
  for (const Json& step : (*run)["steps"]) EXPECT_NE(step["name"], "import_exports");

  request_.shard = Shard{0, 2};
  const RunReport first = RunOnce();
  EXPECT_EQ(first.imports.per_kind.at("x-archive").stored, 26);
  EXPECT_EQ(warehouse_->Count<PostDocument>(), 26u);
}

TEST_P(ImportExportsTest, BadArchivesAreOneErrorAndLeaveTheWarehouseAsItWas) {
  Import({{"linkedin", (fs::path(LLMTWIN_TESTDATA_DIR) / "synthetic/linkedin/Shares.csv").string(), {}}});
  const auto before = Sizes();
  // Not a zip, truncated, another kind, a post file that does not parse.
  testing::WriteBytes(dir_ / "not.zip", "PK? no, just text");
  testing::WriteZip(dir_ / "full.zip", testing::FolderEntries(kExports / "medium/anlijudavid"));
  const std::string full = testing::ReadBytes(dir_ / "full.zip");
  testing::WriteBytes(dir_ / "cut.zip", full.substr(0, full.size() * 2 / 3));
  testing::WriteZip(dir_ / "substack.zip", testing::FolderEntries(kExports / "substack/digitalsovereignty"));
  auto broken = testing::FolderEntries(kExports / "medium/hashdag");
  broken.push_back({"posts/2024-01-01_Half-written-0123456789ab.html", "<html><body><article>"});
  testing::WriteZip(dir_ / "broken.zip", broken);
  const std::pair<std::string, std::string> bad[] = {{"not.zip", "not a zip archive"},
                                                     {"cut.zip", "truncated"},
                                                     {"substack.zip", "not a Medium export"},
                                                     {"broken.zip", "posts/2024-01-01_Half-written-0123456789ab.html"}};
  for (const auto& [name, says] : bad) {
    SCOPED_TRACE(name);
    // The good export before it is not written either: the whole request is read first.
    request_.user_full_name = "Someone New";
    try {
      Import({{"x", (kExports / "x/andreruffert").string(), {}}, {"medium", (dir_ / name).string(), {}}});
      ADD_FAILURE() << "no error";
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::kInvalidInput);
      EXPECT_NE(std::string(e.what()).find((dir_ / name).string()), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(says), std::string::npos) << e.what();
    }
    EXPECT_EQ(Sizes(), before);
  }
}

TEST_P(ImportExportsTest, MediumAndSubstackPostsImportedThenCrawledAreStoredOnce) {
  const RunReport imported = Import({{"medium", MediumExportFor(kMediumUrl).string(), {}}, SubstackSpec()});
  ASSERT_EQ(imported.status, "succeeded");
  ASSERT_EQ(warehouse_->Count<ArticleDocument>(), 2u);
  const auto ids_before = warehouse_->BulkFind<ArticleDocument>();

  const RunReport crawled = Crawl({kMediumUrl, kSubstackUrl});
  EXPECT_EQ(crawled.crawl.Totals().unchanged, 2) << crawled.status;
  EXPECT_EQ(warehouse_->Count<ArticleDocument>(), 2u);
  const auto medium = warehouse_->Find<ArticleDocument>(warehouse::Warehouse::ByLink(kMediumUrl));
  ASSERT_TRUE(medium);
  EXPECT_EQ(medium->content.title, "Kaspa launch plan");  // the export's copy, not crawled again
  EXPECT_EQ(medium->meta.source, "medium-export");
}

TEST_P(ImportExportsTest, MediumAndSubstackPostsCrawledThenImportedAreUpdatedInPlace) {
  const RunReport crawled = Crawl({kMediumUrl, kSubstackUrl});
  ASSERT_EQ(crawled.crawl.Totals().stored, 2) << crawled.status;
  const auto medium_crawled = warehouse_->Find<ArticleDocument>(warehouse::Warehouse::ByLink(kMediumUrl));
  const auto substack_crawled = warehouse_->Find<ArticleDocument>(warehouse::Warehouse::ByLink(kSubstackUrl));
  ASSERT_TRUE(medium_crawled && substack_crawled);

  const RunReport imported = Import({{"medium", MediumExportFor(kMediumUrl).string(), {}}, SubstackSpec()});
  EXPECT_EQ(imported.imports.per_kind.at("medium-export").stored, 1);  // updated in place
  EXPECT_EQ(imported.imports.per_kind.at("substack-export").stored, 1);
  EXPECT_EQ(warehouse_->Count<ArticleDocument>(), 2u);
  const auto medium = warehouse_->Find<ArticleDocument>(warehouse::Warehouse::ByLink(kMediumUrl));
  const auto substack = warehouse_->Find<ArticleDocument>(warehouse::Warehouse::ByLink(kSubstackUrl));
  ASSERT_TRUE(medium && substack);
  EXPECT_EQ(medium->id, medium_crawled->id);
  EXPECT_EQ(substack->id, substack_crawled->id);
  EXPECT_EQ(medium->content.title, "Kaspa launch plan");
  EXPECT_EQ(substack->content.title, "The LLM Twin data pipeline");
  const auto items = warehouse_->FindJson(kRunLinksCollection, warehouse::Query().Where("run_id", imported.run_id));
  for (const Json& item : items) EXPECT_EQ(item["outcome"], "updated") << item.dump();

  // And a second import changes nothing more.
  const RunReport again = Import({{"medium", MediumExportFor(kMediumUrl).string(), {}}, SubstackSpec()});
  EXPECT_EQ(again.imports.per_kind.at("medium-export").unchanged, 1);
  EXPECT_EQ(again.imports.per_kind.at("substack-export").unchanged, 1);
}

TEST_P(ImportExportsTest, AMediumResponseACrawlStoredAsAnArticleStaysOneDocument) {
  ASSERT_EQ(Crawl({kMediumUrl}).crawl.Totals().stored, 1);
  std::string html = testing::ReadBytes(kExports / "medium/hashdag/posts/2022-07-06_Correct-Dyson-9d023446a5ca.html");
  const std::string old = "https://medium.com/@hashdag/correct-dyson-9d023446a5ca";
  html.replace(html.find(old), old.size(), kMediumUrl);
  testing::WriteZip(dir_ / "responses.zip", {{"posts/2015-03-17_Correct-fb39f4f701bb.html", html}});
  const RunReport imported = Import({{"medium", (dir_ / "responses.zip").string(), {}}});
  EXPECT_EQ(imported.imports.per_kind.at("medium-export").unchanged, 1);
  EXPECT_EQ(warehouse_->Count<ArticleDocument>(), 1u);
  EXPECT_EQ(warehouse_->Count<PostDocument>(), 0u);
}

TEST_P(ImportExportsTest, AStoryCrossPostedInTheMediumAndTheSubstackExportsIsRecordedAsACopy) {
  // The author pasted the Medium story into a Substack post.
  const fs::path substack = SubstackExport();
  testing::WriteBytes(substack / "posts/140000001.the-llm-twin-data-pipeline.html",
                      testing::ReadBytes(kExports / "medium/hashdag/posts/2021-09-22_Kaspa-launch-plan-9a63f4d754a6.html"));
  ExportSpec substack_spec{"substack", substack.string(), {}};
  substack_spec.options.publication_url = kSubstackPublication;
  const RunReport imported = Import({{"medium", MediumExportFor(kMediumUrl).string(), {}}, substack_spec});
  ASSERT_EQ(imported.status, "succeeded");
  EXPECT_EQ(imported.imports.duplicates_found, 1);
  const auto run = warehouse_->FindJsonById(kRunsCollection, imported.run_id);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->value("duplicates_found", 0), 1);
  // The Substack item (stored second) lists its copy: the Medium story, published first.
  const auto medium = warehouse_->Find<ArticleDocument>(warehouse::Warehouse::ByLink(kMediumUrl));
  ASSERT_TRUE(medium);
  int listed = 0;
  for (const Json& item : warehouse_->FindJson(kRunLinksCollection, warehouse::Query().Where("run_id", imported.run_id))) {
    if (!item.contains("duplicates")) continue;
    ++listed;
    EXPECT_EQ(item["domain"], "substack-export") << item.dump();
    EXPECT_EQ(item["duplicates"][0].value("duplicate_of", ""), medium->id) << item.dump();
  }
  EXPECT_EQ(listed, 1);
  warehouse::DuplicateIndex index(*warehouse_);
  const auto clusters = index.Clusters();
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].members.size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Warehouses, ImportExportsTest, ::testing::ValuesIn(Targets()),
                         [](const ::testing::TestParamInfo<WarehouseTarget>& target) { return target.param.name; });

}  // namespace
}  // namespace llmtwin
