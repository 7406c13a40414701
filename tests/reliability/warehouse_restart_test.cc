// The warehouse dies in the middle of a run: a FerretDB of the test's own (build/tools/ferretdb, a
// free loopback port, its own data folder) is killed with SIGKILL after a few links have been
// stored and restarted on the same port and data folder a few links later. The run must go on
// (links crawled while the database is down fail with the `warehouse` category), finish, record
// every link's fate once the database is back, keep every document stored before the crash intact
// (same _id, same content hash), and a re-run must complete the links that failed. Also: a
// warehouse that cannot be reached at start is a clear error within a few seconds.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/error.h"
#include "reliability/reliability_env.h"

namespace llmtwin {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The FerretDB test server binary: $LLMTWIN_FERRETDB, else <build>/tools/ferretdb, else build/.
std::string FerretDbBinary() {
  if (const char* env = std::getenv("LLMTWIN_FERRETDB"); env && *env) return env;
  for (const fs::path& candidate : {fs::path(LLMTWIN_BINARY_DIR) / "tools/ferretdb",
                                    fs::path(LLMTWIN_SOURCE_DIR) / "build/tools/ferretdb"})
    if (fs::exists(candidate)) return candidate.string();
  return "";
}

// One FerretDB process we can kill and start again on the same port and data folder.
class FerretDb {
 public:
  FerretDb(std::string binary, fs::path dir) : binary_(std::move(binary)), dir_(std::move(dir)) {
    fs::create_directories(dir_ / "data");
  }
  ~FerretDb() { Kill(); }

  // Starts the server (on port 0 the first time: any free port) and waits until it listens.
  void Start() {
    const fs::path ready = dir_ / "uri";
    fs::remove(ready);
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    const std::string data = (dir_ / "data").string(), log = (dir_ / "ferretdb.log").string();
    pid_ = ::fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the test
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 1);
      ::dup2(null, 2);
      ::execl(binary_.c_str(), binary_.c_str(), "-listen", listen.c_str(), "-data", data.c_str(), "-ready-file",
              ready.string().c_str(), "-log", log.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (Clock::now() < deadline) {
      std::ifstream in(ready);
      std::string uri;
      if (in >> uri && uri.rfind("mongodb://", 0) == 0) {
        const auto colon = uri.rfind(':');
        port_ = std::stoi(uri.substr(colon + 1));
        return;
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        FAIL() << "ferretdb exited at start (see " << log << ")";
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL() << "ferretdb not ready within 30 s";
  }

  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  std::string uri(const std::string& database) const {
    return "mongodb://127.0.0.1:" + std::to_string(port_) + "/" + database;
  }

 private:
  std::string binary_;
  fs::path dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

class WarehouseRestart : public ::testing::Test {
 protected:
  void SetUp() override {
    InterruptGuard::Reset();
    binary_ = FerretDbBinary();
    if (binary_.empty()) {
      // scripts/test.sh always builds it; a bare ctest without it cannot run this test.
      if (std::getenv("LLMTWIN_TEST_MONGO_URI")) FAIL() << "build/tools/ferretdb is missing";
      GTEST_SKIP() << "no FerretDB binary (scripts/setup.sh --with-test-tools builds it)";
    }
    dir_ = fs::temp_directory_path() / test::UniqueName("llmtwin_ferret_");
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  std::string binary_;
  fs::path dir_;
};

TEST_F(WarehouseRestart, FerretDbKilledAndRestartedMidRunLosesNothingAndAReRunCompletesTheRest) {
  FerretDb server(binary_, dir_);
  ASSERT_NO_FATAL_FAILURE(server.Start());
  const std::string uri = server.uri("twin_restart");
  auto warehouse = warehouse::OpenWarehouse(uri);

  EtlRequest request;
  request.user_full_name = "Crash Survivor";
  request.crawl = test::FixtureServer::Shared().Options({"bench.test"});
  request.crawl.per_host_connections = 2;
  request.crawl.min_delay_ms = 20;
  const std::string key = test::UniqueName("r");
  const int kLinks = 30;
  for (int i = 0; i < kLinks; ++i) request.links.push_back("https://bench.test/page/" + std::to_string(100 + i) + "?kb=8&" + key);

  // Kill the database after the 6th recorded link, bring it back after the 14th.
  std::map<std::string, std::string> stored_before_crash;  // _id -> content hash
  int seen = 0;
  RunOptions options;
  options.link_workers = 2;
  options.on_link = [&](const Json& record) {
    ++seen;
    if (seen == 6) {
      for (const auto& a : warehouse->BulkFind<ArticleDocument>()) stored_before_crash[a.id] = a.meta.content_hash;
      server.Kill();
    } else if (seen == 14) {
      server.Start();
    }
    (void)record;
  };
  const auto start = Clock::now();
  const RunReport first = test::RunPipeline(*warehouse, request, options);
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), 120);
  ASSERT_FALSE(stored_before_crash.empty());

  EXPECT_EQ(first.status, "partial");
  EXPECT_GT(first.crawl.failed, 0);
  // Every link's fate is in the warehouse, including those decided while it was down.
  auto records = test::LinkRecords(*warehouse, first.run_id);
  ASSERT_EQ(records.size(), static_cast<size_t>(kLinks));
  int stored = 0, failed = 0;
  for (const auto& [link, r] : records) {
    const std::string outcome = r.value("outcome", "");
    if (outcome == "stored") ++stored;
    else if (outcome == "failed") {
      ++failed;
      EXPECT_EQ(r.value("error_category", ""), "warehouse") << r.dump();
    } else {
      ADD_FAILURE() << "unexpected outcome " << r.dump();
    }
  }
  EXPECT_EQ(stored + failed, kLinks);
  EXPECT_GT(failed, 0);
  auto run = warehouse->FindJsonById(kRunsCollection, first.run_id);
  ASSERT_TRUE(run);
  EXPECT_EQ((*run)["status"], "partial");
  EXPECT_EQ((*run)["totals"]["failed"], failed);

  // Nothing stored before the crash was lost or changed; what is stored is whole.
  for (const auto& [id, hash] : stored_before_crash) {
    auto doc = warehouse->Get<ArticleDocument>(id);
    ASSERT_TRUE(doc) << id << " lost in the crash";
    EXPECT_EQ(doc->meta.content_hash, hash);
  }
  // (A write cut by the kill may have landed before the error came back: at most that many more.)
  const auto articles = warehouse->BulkFind<ArticleDocument>();
  EXPECT_GE(articles.size(), static_cast<size_t>(stored));
  EXPECT_LE(articles.size(), static_cast<size_t>(stored + 2));
  for (const auto& a : articles) {
    EXPECT_FALSE(a.content.content.empty()) << a.link;
    EXPECT_EQ(a.meta.content_hash, a.ContentHash()) << a.link << " is corrupt";
  }

  // The re-run completes the rest: every link stored once.
  const RunReport second = test::RunPipeline(*warehouse, request);
  EXPECT_EQ(second.status, "succeeded");
  EXPECT_EQ(warehouse->Count<ArticleDocument>(), static_cast<size_t>(kLinks));
  EXPECT_EQ(warehouse->Count<UserDocument>(), 1u);
  for (const auto& [domain, counts] : second.crawl.per_domain) {
    EXPECT_EQ(counts.stored + counts.unchanged, kLinks) << domain;
    EXPECT_EQ(counts.stored, kLinks - static_cast<int>(articles.size())) << domain;
  }
}

TEST_F(WarehouseRestart, UnreachableWarehouseAtStartIsAClearErrorWithinSeconds) {
  // A port that was just listening and is now closed: nothing answers there.
  FerretDb server(binary_, dir_);
  ASSERT_NO_FATAL_FAILURE(server.Start());
  const std::string uri = server.uri("twin");
  server.Kill();
  const auto start = Clock::now();
  try {
    auto opened = warehouse::OpenWarehouse(uri);
    FAIL() << "opened an unreachable warehouse: " << opened->Describe();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kWarehouse);
    EXPECT_NE(std::string(e.what()).find("cannot reach MongoDB"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), 10);
}

}  // namespace
}  // namespace llmtwin
