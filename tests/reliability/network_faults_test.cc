// Network faults end to end: one pipeline run whose links hit every fault the fixture server can
// simulate (5xx, a 500 that recovers, stalls, slow drips, bodies cut short, 429 storms with long
// Retry-After, a gzip bomb, a redirect loop), plus an unresolvable `.invalid` host, a certificate
// for the wrong host and a refused port. The run must finish, record every link's fate with an
// error category a user can act on, store the good pages complete, and a re-run must retry only
// what failed and complete what has recovered. Real fetcher, crawlers, pipeline and warehouse;
// traffic only to 127.0.0.1 (the DNS failure is the resolver's answer for a reserved name).
#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "reliability/reliability_env.h"

namespace llmtwin {
namespace {

using test::FixtureServer;

class NetworkFaults : public ::testing::TestWithParam<test::WarehouseTarget> {
 protected:
  void SetUp() override {
    InterruptGuard::Reset();
    warehouse_ = std::make_unique<test::ScratchWarehouse>(GetParam());
    const FixtureServer& server = FixtureServer::Shared();
    // Only the fixture hosts go to the local server: other names are resolved for real, so the
    // `.invalid` host fails in DNS.
    request_.crawl = server.Options({"faults.test", "bench.test"});
    request_.crawl.connect_to.push_back("badtls.test:443:127.0.0.1:" + std::to_string(server.badcert_port()));
    request_.crawl.connect_to.push_back("refused.test:443:127.0.0.1:1");  // nothing listens on port 1
    request_.crawl.timeout_s = 5;
    request_.crawl.connect_timeout_s = 3;
    request_.crawl.low_speed_limit_bytes = 1024;
    request_.crawl.low_speed_time_s = 2;
    request_.crawl.retries = 1;
    request_.crawl.max_body_bytes = 1 << 20;
    request_.crawl.backoff_max_ms = 1000;  // a Retry-After above this is not waited for
    request_.user_full_name = "Fault Tolerant";
    request_.config_path = "inline";
    request_.config_text = "network faults";
  }

  std::unique_ptr<test::ScratchWarehouse> warehouse_;
  EtlRequest request_;
};

TEST_P(NetworkFaults, EveryFaultGetsARecordedFateAndTheGoodPagesAreStored) {
  const std::string key = test::UniqueName("k");
  // link -> {outcome, error category} expected after the first run.
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"https://bench.test/page/11?kb=20&" + key, {"stored", ""}},
      {"https://bench.test/page/12?kb=20&" + key, {"stored", ""}},
      // A 500 that turns into 200 within the retries is a success.
      {"https://faults.test/flaky?fail=1&key=once" + key, {"stored", ""}},
      // A 500 that lasts longer than the retries fails this run (and recovers by the next).
      {"https://faults.test/flaky?fail=2&key=twice" + key, {"failed", "http-5xx"}},
      {"https://faults.test/status?code=503&" + key, {"failed", "http-5xx"}},
      {"https://faults.test/stall?ms=20000&" + key, {"failed", "timeout"}},
      {"https://faults.test/drip?bytes=100000&chunk=10&interval_ms=400&" + key, {"failed", "timeout"}},
      {"https://faults.test/short?declared=100000&actual=100&" + key, {"failed", "network"}},
      {"https://faults.test/gzip-bomb?" + key, {"failed", "too-large"}},
      {"https://faults.test/loop/a?" + key, {"failed", "redirect-loop"}},
      {"https://no-such-host.invalid/post/" + key, {"failed", "dns"}},
      {"https://badtls.test/post/" + key, {"failed", "tls"}},
      {"https://refused.test/post/" + key, {"failed", "connect"}},
  };
  for (const auto& [link, fate] : expected) request_.links.push_back(link);
  // A 429 storm: every request told to come back in an hour. None is waited for (the cap is 1 s),
  // none blocks the other links.
  std::vector<std::string> storm;
  for (int i = 0; i < 20; ++i)
    storm.push_back("https://faults.test/retry-after?seconds=3600&fail=100&key=storm" + std::to_string(i) + key);
  request_.links.insert(request_.links.end(), storm.begin(), storm.end());

  // The server builds its gzip bomb on first use (seconds on a loaded machine, which the
  // low-speed limit would count as a stall): have it built before the run.
  {
    CrawlOptions warm = request_.crawl;
    warm.low_speed_limit_bytes = 0;
    warm.timeout_s = 60;
    Fetcher fetcher(warm);
    (void)fetcher.Fetch({.url = "https://faults.test/gzip-bomb?warm-up", .max_body_bytes = 1024, .obey_robots = false});
  }
  const auto start = std::chrono::steady_clock::now();
  const RunReport first = test::RunPipeline(**warehouse_, request_);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 60) << "the faults must not stall the run";

  EXPECT_EQ(first.status, "partial");
  auto records = test::LinkRecords(**warehouse_, first.run_id);
  ASSERT_EQ(records.size(), request_.links.size()) << "every link's fate is recorded";
  for (const auto& [link, fate] : expected) {
    ASSERT_TRUE(records.count(link)) << link;
    const Json& r = records[link];
    EXPECT_EQ(r.value("outcome", ""), fate.first) << link << ": " << r.dump();
    EXPECT_EQ(r.value("error_category", ""), fate.second) << link << ": " << r.dump();
    if (fate.first == "failed") {
      EXPECT_FALSE(r.value("message", "").empty()) << link;
    }
  }
  for (const auto& link : storm) {
    const Json& r = records[link];
    EXPECT_EQ(r.value("outcome", ""), "failed") << r.dump();
    EXPECT_EQ(r.value("error_category", ""), "http-4xx") << r.dump();
    EXPECT_NE(r.value("message", "").find("429"), std::string::npos) << r.dump();
  }
  // The run record's totals add up to the links given.
  auto run = warehouse_->get()->FindJsonById(kRunsCollection, first.run_id);
  ASSERT_TRUE(run);
  EXPECT_EQ((*run)["status"], "partial");
  EXPECT_EQ((*run)["totals"]["total"], request_.links.size());
  EXPECT_EQ((*run)["totals"]["stored"], 3);
  EXPECT_EQ((*run)["totals"]["failed"], request_.links.size() - 3);

  // Stored documents are complete; nothing was stored for a failed link.
  const auto articles = warehouse_->get()->BulkFind<ArticleDocument>();
  ASSERT_EQ(articles.size(), 3u);
  for (const auto& a : articles) {
    EXPECT_FALSE(a.content.content.empty()) << a.link;
    EXPECT_FALSE(a.meta.content_hash.empty()) << a.link;
  }

  // The re-run: stored links are not fetched again, failed ones are retried, and the 500 that
  // has recovered is completed.
  const RunReport second = test::RunPipeline(**warehouse_, request_);
  auto again = test::LinkRecords(**warehouse_, second.run_id);
  ASSERT_EQ(again.size(), request_.links.size());
  for (const auto& [link, fate] : expected) {
    const std::string outcome = again[link].value("outcome", "");
    if (fate.first == "stored") {
      EXPECT_EQ(outcome, "unchanged") << link;
    } else if (link.find("key=twice") != std::string::npos) {
      EXPECT_EQ(outcome, "stored") << again[link].dump();
    } else {
      EXPECT_EQ(outcome, "failed") << link;
    }
  }
  EXPECT_EQ(warehouse_->get()->Count<ArticleDocument>(), 4u);
  for (const auto& a : warehouse_->get()->BulkFind<ArticleDocument>()) EXPECT_EQ(a.author_id, first.user.user.id);
}

INSTANTIATE_TEST_SUITE_P(Warehouses, NetworkFaults, ::testing::ValuesIn(test::WarehouseTargets()),
                         [](const ::testing::TestParamInfo<test::WarehouseTarget>& target) { return target.param.name; });

}  // namespace
}  // namespace llmtwin
