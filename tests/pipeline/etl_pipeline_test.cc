// End-to-end tests of the digital_data_etl pipeline: the real fetcher against the local HTTPS
// fixture server, the real crawlers, and a real warehouse (SQLite here; MongoDB/FerretDB when
// LLMTWIN_TEST_MONGO_URI is set, as scripts/test.sh does).
#include "pipeline/etl_pipeline.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>

#include "crawl/crawler.h"
#include "fetch/fetcher.h"
#include "pipeline/interrupt.h"
#include "pipeline/shard.h"
#include "support/fixture_server.h"
#include "warehouse/duplicate_index.h"
#include "warehouse/warehouse.h"

namespace llmtwin {
namespace {

// Real captures served by the fixture server at their original URLs, across platforms.
const std::vector<std::string> kFixtureLinks = {
    "https://pythonspeed.com/articles/pipenv-docker/",
    "https://josephg.com/blog/crdts-are-the-future",
    "https://berthub.eu/articles/posts/reverse-engineering-source-code-of-the-biontech-pfizer-vaccine",
    "https://12gramsofcarbon.com/p/ilyas-30-papers-to-carmack-vlaes",
    "https://medium.com/@johncwelch/samantha-and-the-great-big-lie-d146a92473a1",
    "https://www.linkedin.com/pulse/what-set-your-soul-fire-2017-ellyn-shook",
};
// The same article with a referral parameter: a duplicate after normalisation.
const char* kDuplicateLink = "https://josephg.com/blog/crdts-are-the-future?utm_source=newsletter";
const char* kMissingLink = "https://faults.test/status?code=404";

std::string UniqueName(const char* prefix) {
  std::random_device rd;
  return std::string(prefix) + std::to_string(::getpid()) + "_" + std::to_string(rd() % 1000000);
}

// One warehouse per test: a temporary SQLite file, or a fresh database on the test MongoDB.
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

class EtlPipelineTest : public ::testing::TestWithParam<WarehouseTarget> {
 protected:
  void SetUp() override {
    InterruptGuard::Reset();
    if (GetParam().name == "sqlite") {
      dir_ = std::filesystem::temp_directory_path() / UniqueName("llmtwin_etl_");
      std::filesystem::create_directories(dir_);
      uri_ = "sqlite:" + (dir_ / "twin.sqlite").string();
    } else {
      std::string base = GetParam().uri;
      while (!base.empty() && base.back() == '/') base.pop_back();
      uri_ = base + "/" + UniqueName("etl_");
    }
    warehouse_ = warehouse::OpenWarehouse(uri_);
    request_.user_full_name = "Test  Author";
    request_.crawl = test::FixtureServer::Shared().Options();
    request_.config_path = "inline";
    request_.config_text = "test";
  }
  void TearDown() override {
    others_.push_back(std::move(warehouse_));
    for (auto& w : others_) {
      if (w && GetParam().name != "sqlite") {
        for (const char* c : {"users", "articles", "posts", "repositories", kRunsCollection, kRunLinksCollection})
          w->DropCollection(c);
      }
      w.reset();
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  RunReport RunOnce(const RunOptions& options = {}, warehouse::Warehouse* into = nullptr) {
    Fetcher fetcher(request_.crawl);
    const CrawlerDispatcher dispatcher = CrawlerDispatcher::Default();
    EtlPipeline pipeline(into ? *into : *warehouse_, dispatcher, fetcher);
    return pipeline.Run(request_, options);
  }

  // Another empty warehouse of the same kind, dropped with the test's.
  warehouse::Warehouse& AnotherWarehouse() {
    const std::string uri = GetParam().name == "sqlite" ? "sqlite:" + (dir_ / UniqueName("other_")).string() + ".sqlite"
                                                        : uri_ + "_" + std::to_string(others_.size());
    others_.push_back(warehouse::OpenWarehouse(uri));
    return *others_.back();
  }

  std::filesystem::path dir_;
  std::string uri_;
  std::unique_ptr<warehouse::Warehouse> warehouse_;
  std::vector<std::unique_ptr<warehouse::Warehouse>> others_;
  EtlRequest request_;
};

// What a warehouse holds, run-independent: each content document's class, _id, link and hash.
std::set<std::string> StoredContent(warehouse::Warehouse& w) {
  std::set<std::string> out;
  for (DocumentClass cls : {DocumentClass::kArticle, DocumentClass::kPost, DocumentClass::kRepository}) {
    for (const Json& d : w.FindDocuments(cls))
      out.insert(std::string(CollectionName(cls)) + " " + d.value("_id", "") + " " + d.value("link", "") + " " +
                 d.value("content_hash", ""));
  }
  return out;
}

TEST_P(EtlPipelineTest, StoresEveryPlatformsDocumentsAndRecordsEachLinksFate) {
  request_.links = kFixtureLinks;
  request_.links.push_back(kDuplicateLink);
  request_.links.push_back(kMissingLink);
  const RunReport report = RunOnce();

  EXPECT_EQ(report.status, "partial");
  EXPECT_EQ(report.crawl.failed, 1);
  EXPECT_EQ(report.user.user.first_name, "Test");
  EXPECT_EQ(report.user.user.last_name, "Author");
  EXPECT_TRUE(report.user.created);

  // Six fixture pages became six documents (five articles and one LinkedIn Pulse article).
  const auto articles = warehouse_->BulkFind<ArticleDocument>();
  EXPECT_EQ(articles.size(), kFixtureLinks.size());
  for (const auto& a : articles) {
    EXPECT_EQ(a.author_id, report.user.user.id);
    EXPECT_EQ(a.author_full_name, "Test Author");
    EXPECT_EQ(a.meta.run_id, report.run_id);
    EXPECT_FALSE(a.content.title.empty()) << a.link;
    EXPECT_GT(a.content.content.size(), 500u) << a.link;
  }

  // The book's metadata per domain, and ours.
  const Json& crawled = report.crawl.metadata;
  EXPECT_EQ(crawled["josephg.com"]["total"], 2);
  EXPECT_EQ(crawled["josephg.com"]["successful"], 1);  // the duplicate is not a successful crawl
  EXPECT_EQ(crawled["faults.test"]["successful"], 0);
  EXPECT_EQ(report.crawl.per_domain.at("josephg.com").skipped_duplicate, 1);

  // The run record and one outcome per link are in the warehouse.
  auto run = warehouse_->FindJsonById(kRunsCollection, report.run_id);
  ASSERT_TRUE(run);
  EXPECT_EQ((*run)["status"], "partial");
  ASSERT_EQ((*run)["steps"].size(), 2u);
  EXPECT_EQ((*run)["steps"][0]["name"], "get_or_create_user");
  EXPECT_EQ((*run)["steps"][0]["metadata"]["user"]["query"]["user_full_name"], "Test  Author");
  EXPECT_EQ((*run)["steps"][1]["name"], "crawl_links");
  EXPECT_EQ((*run)["steps"][1]["metadata"]["crawled_links"]["josephg.com"]["total"], 2);
  auto links = warehouse_->FindJson(kRunLinksCollection, warehouse::Query().Where("run_id", report.run_id));
  ASSERT_EQ(links.size(), request_.links.size());
  int failed = 0;
  for (const Json& l : links) {
    if (l["outcome"] == "failed") {
      ++failed;
      EXPECT_EQ(l["link"], kMissingLink);
      EXPECT_EQ(l["error_category"], "not-found");
    }
  }
  EXPECT_EQ(failed, 1);
}

TEST_P(EtlPipelineTest, RunRecordsCountTheCopiesFoundAmongTheAuthorsDocuments) {
  // The page's article, crawled once into another warehouse, is already stored here as the
  // author's Substack copy of it.
  request_.links = {kFixtureLinks[0]};
  const auto elsewhere_dir = std::filesystem::temp_directory_path() / UniqueName("llmtwin_etl_copy_");
  std::filesystem::create_directories(elsewhere_dir);
  ArticleDocument copy;
  {
    auto elsewhere = warehouse::OpenWarehouse("sqlite:" + (elsewhere_dir / "twin.sqlite").string());
    Fetcher fetcher(request_.crawl);
    const CrawlerDispatcher dispatcher = CrawlerDispatcher::Default();
    ASSERT_EQ(EtlPipeline(*elsewhere, dispatcher, fetcher).Run(request_, {}).status, "succeeded");
    copy = elsewhere->BulkFind<ArticleDocument>().at(0);
  }
  std::filesystem::remove_all(elsewhere_dir);
  const std::string published = copy.meta.published_at;
  copy.meta = {};
  copy.meta.published_at = published;
  copy.id.clear();
  copy.author_id = warehouse_->GetOrCreateUser(request_.user_full_name).id;
  copy.link = "https://copy.substack.com/p/pipenv-docker";
  copy.platform = "copy.substack.com";
  warehouse_->Upsert(copy);
  warehouse::DuplicateIndex(*warehouse_).Add(DocumentClass::kArticle, copy.ToJson());

  const RunReport report = RunOnce();
  ASSERT_EQ(report.status, "succeeded");
  EXPECT_EQ(report.crawl.duplicates_found, 1);
  const auto run = warehouse_->FindJsonById(kRunsCollection, report.run_id);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->value("duplicates_found", 0), 1);
  const auto links = warehouse_->FindJson(kRunLinksCollection, warehouse::Query().Where("run_id", report.run_id));
  ASSERT_EQ(links.size(), 1u);
  ASSERT_TRUE(links[0].contains("duplicates"));
  EXPECT_EQ(links[0]["duplicates"].size(), 1u);
  const auto clusters = warehouse::DuplicateIndex(*warehouse_).Clusters();
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].members.front().platform, "pythonspeed.com");  // the own site before Substack
}

TEST_P(EtlPipelineTest, SecondRunStoresNothingTwice) {
  request_.links = kFixtureLinks;
  const RunReport first = RunOnce();
  ASSERT_EQ(first.status, "succeeded");
  const size_t stored = warehouse_->Count<ArticleDocument>();
  const RunReport second = RunOnce();
  EXPECT_EQ(second.status, "succeeded");
  EXPECT_FALSE(second.user.created);
  EXPECT_EQ(second.user.user.id, first.user.user.id);
  EXPECT_EQ(warehouse_->Count<ArticleDocument>(), stored);
  EXPECT_EQ(warehouse_->Count<UserDocument>(), 1u);
  for (const auto& [domain, counts] : second.crawl.per_domain) {
    EXPECT_EQ(counts.unchanged, counts.total) << domain;
    EXPECT_EQ(counts.stored, 0) << domain;
  }
}

TEST_P(EtlPipelineTest, RefreshRecrawlsStoredLinksAndKeepsTheirIds) {
  request_.links = {kFixtureLinks[0], kFixtureLinks[1]};
  RunOnce();
  const auto before = warehouse_->BulkFind<ArticleDocument>();
  RunOptions refresh;
  refresh.refresh = true;
  const RunReport again = RunOnce(refresh);
  EXPECT_EQ(again.status, "succeeded");
  const auto after = warehouse_->BulkFind<ArticleDocument>();
  ASSERT_EQ(after.size(), before.size());
  for (const auto& b : before) {
    auto same = warehouse_->Get<ArticleDocument>(b.id);
    ASSERT_TRUE(same) << b.link;
    EXPECT_EQ(same->meta.content_hash, b.meta.content_hash);
  }
  // Re-fetched (not skipped as already stored): both links hit the server again.
  for (const auto& [domain, counts] : again.crawl.per_domain) EXPECT_EQ(counts.unchanged, counts.total) << domain;
}

TEST_P(EtlPipelineTest, InterruptStopsTheRunAndRecordsIt) {
  for (int i = 0; i < 40; ++i) request_.links.push_back("https://bench.test/page/" + std::to_string(i));
  request_.crawl.per_host_connections = 1;
  request_.crawl.min_delay_ms = 50;
  RunOptions options;
  options.link_workers = 2;
  options.on_link = [](const Json&) { InterruptGuard::Request(); };  // Ctrl-C after the first link
  const RunReport report = RunOnce(options);
  InterruptGuard::Reset();
  EXPECT_EQ(report.status, "interrupted");
  auto run = warehouse_->FindJsonById(kRunsCollection, report.run_id);
  ASSERT_TRUE(run);
  EXPECT_EQ((*run)["status"], "interrupted");
  EXPECT_LT(warehouse_->Count<ArticleDocument>(), 40u);
  // Nothing half-written: every stored document is complete.
  for (const auto& a : warehouse_->BulkFind<ArticleDocument>()) EXPECT_FALSE(a.content.content.empty());
}

TEST_P(EtlPipelineTest, ThreeShardsStoreWhatOneRunStoresAndTheirMetadataAddsUpToIts) {
  request_.links = kFixtureLinks;
  request_.links.push_back("https://bench.test/page/3?kb=20");  // the captures' hosts leave shard 0 of 3 empty
  request_.links.push_back(kDuplicateLink);
  request_.links.push_back(kMissingLink);
  const RunReport whole = RunOnce();
  ASSERT_EQ(whole.crawl.Totals().total, static_cast<int>(request_.links.size()));

  warehouse::Warehouse& sharded = AnotherWarehouse();
  Json metadata = Json::object(), ours = Json::object();
  DomainCounts totals;
  std::set<std::string> shard_user_ids;
  for (int i = 0; i < 3; ++i) {
    request_.shard = Shard{i, 3};
    const RunReport part = RunOnce({}, &sharded);
    shard_user_ids.insert(part.user.user.id);
    EXPECT_EQ(part.crawl.Totals().total, static_cast<int>(LinksOfShard(request_.links, request_.shard).size()));
    for (const auto& [domain, counts] : part.crawl.metadata.items()) {
      EXPECT_FALSE(metadata.contains(domain)) << domain << " was crawled by two shards";
      metadata[domain] = counts;
      ours[domain] = part.crawl.llmtwin_metadata[domain];
    }
    totals += part.crawl.Totals();
    auto record = sharded.FindJsonById(kRunsCollection, part.run_id);
    ASSERT_TRUE(record);
    EXPECT_EQ((*record)["shard"], (Json{{"index", i}, {"count", 3}}));
  }
  // The links spread over every shard (else this test would prove less than it says).
  std::set<int> used;
  for (const auto& link : request_.links) used.insert(ShardOfLink(link, 3));
  EXPECT_EQ(used.size(), 3u);

  EXPECT_EQ(shard_user_ids.size(), 1u);
  // The same per-domain counts, whatever order the domains were recorded in.
  const auto unordered = [](const Json& j) { return nlohmann::json::parse(j.dump()); };
  EXPECT_EQ(unordered(metadata), unordered(whole.crawl.metadata));
  EXPECT_EQ(unordered(ours), unordered(whole.crawl.llmtwin_metadata));
  EXPECT_EQ(DomainCountsJson(totals), DomainCountsJson(whole.crawl.Totals()));
  EXPECT_EQ(StoredContent(sharded), StoredContent(*warehouse_));
  EXPECT_EQ(StoredContent(sharded).size(), kFixtureLinks.size() + 1);
}

TEST_P(EtlPipelineTest, AnInvalidShardStartsNoRun) {
  request_.links = {kFixtureLinks[0]};
  request_.shard = Shard{3, 3};
  EXPECT_THROW(RunOnce(), Error);
  EXPECT_EQ(warehouse_->CountJson(kRunsCollection), 0u);
}

INSTANTIATE_TEST_SUITE_P(Warehouses, EtlPipelineTest, ::testing::ValuesIn(Targets()),
                         [](const ::testing::TestParamInfo<WarehouseTarget>& target) { return target.param.name; });

TEST(LinkDomain, IsTheHostWithANonDefaultPort) {
  EXPECT_EQ(LinkDomain("https://Medium.com/@x/y"), "medium.com");
  EXPECT_EQ(LinkDomain("http://localhost:8080/x"), "localhost:8080");
}

}  // namespace
}  // namespace llmtwin
