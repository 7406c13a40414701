#include "support/fixture_server.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/error.h"

namespace llmtwin::test {
namespace {

namespace fs = std::filesystem;

int EnvInt(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoi(v) : 0;
}

// Parses the server's `export A=1 B=2 ...` line.
std::string EnvLineValue(const std::string& line, const std::string& name) {
  std::istringstream in(line);
  std::string word;
  while (in >> word) {
    if (word.rfind(name + "=", 0) == 0) return word.substr(name.size() + 1);
  }
  return "";
}

}  // namespace

FixtureServer& FixtureServer::Shared() {
  static FixtureServer server;
  return server;
}

FixtureServer::FixtureServer() {
  https_port_ = EnvInt("LLMTWIN_TEST_HTTPS_PORT");
  http_port_ = EnvInt("LLMTWIN_TEST_HTTP_PORT");
  badcert_port_ = EnvInt("LLMTWIN_TEST_BADCERT_PORT");
  const char* ca = std::getenv("LLMTWIN_TEST_CA");
  if (https_port_ > 0 && http_port_ > 0 && badcert_port_ > 0 && ca && *ca) {
    ca_file_ = ca;
    return;
  }
  std::vector<std::string> fixture_manifests;
  for (const char* manifest : {LLMTWIN_SHARED_MANIFEST, LLMTWIN_LOCAL_MANIFEST}) {
    if (fs::exists(manifest)) fixture_manifests.push_back(manifest);
  }
  Start(fixture_manifests);
}

FixtureServer::FixtureServer(const std::vector<std::string>& manifests) { Start(manifests); }

void FixtureServer::Start(const std::vector<std::string>& manifests) {
  std::string binary = LLMTWIN_FIXTURE_SERVER_BIN;
  if (const char* env = std::getenv("LLMTWIN_FIXTURE_SERVER"); env && *env) binary = env;
  if (!fs::exists(binary))
    throw Error(ErrorKind::kIo, "fixture server binary " + binary +
                                    " not found: run scripts/setup.d/fixture_server.sh (needs Go)");
  char dir_template[] = "/tmp/llmtwin-fixture-server.XXXXXX";
  if (!mkdtemp(dir_template)) throw Error(ErrorKind::kIo, "cannot create a temporary directory");
  runtime_dir_ = dir_template;
  const std::string env_file = runtime_dir_ + "/env";
  const std::string log_file = runtime_dir_ + "/log";
  // --exit-with-parent: the server never outlives a test process that crashed or was killed.
  std::vector<std::string> args = {binary, "--ca-out", runtime_dir_ + "/ca.pem", "--env-out", env_file,
                                   "--exit-with-parent"};
  for (const std::string& manifest : manifests) {
    args.push_back("--manifest");
    args.push_back(manifest);
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  pid_ = fork();
  if (pid_ < 0) throw Error(ErrorKind::kIo, "fork failed");
  if (pid_ == 0) {
    if (FILE* log = std::fopen(log_file.c_str(), "w")) {
      dup2(fileno(log), STDOUT_FILENO);
      dup2(fileno(log), STDERR_FILENO);
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (fs::exists(env_file)) break;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      std::ifstream log(log_file);
      std::stringstream text;
      text << log.rdbuf();
      throw Error(ErrorKind::kIo, "fixture server exited at start: " + text.str());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::ifstream in(env_file);
  std::string line;
  std::getline(in, line);
  https_port_ = std::atoi(EnvLineValue(line, "LLMTWIN_TEST_HTTPS_PORT").c_str());
  http_port_ = std::atoi(EnvLineValue(line, "LLMTWIN_TEST_HTTP_PORT").c_str());
  badcert_port_ = std::atoi(EnvLineValue(line, "LLMTWIN_TEST_BADCERT_PORT").c_str());
  ca_file_ = EnvLineValue(line, "LLMTWIN_TEST_CA");
  if (https_port_ <= 0 || http_port_ <= 0 || ca_file_.empty()) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    throw Error(ErrorKind::kIo, "fixture server did not become ready within 20 s");
  }
}

FixtureServer::~FixtureServer() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
  if (!runtime_dir_.empty()) {
    std::error_code ignored;
    fs::remove_all(runtime_dir_, ignored);
  }
}

std::vector<std::string> FixtureServer::ConnectTo(const std::vector<std::string>& hosts) const {
  std::vector<std::string> entries;
  const std::vector<std::string> all = hosts.empty() ? std::vector<std::string>{""} : hosts;
  for (const auto& host : all) {
    entries.push_back(host + ":443:127.0.0.1:" + std::to_string(https_port_));
    entries.push_back(host + ":80:127.0.0.1:" + std::to_string(http_port_));
  }
  return entries;
}

CrawlOptions FixtureServer::Options(const std::vector<std::string>& hosts) const {
  CrawlOptions options;
  options.connect_to = ConnectTo(hosts);
  options.cacert = ca_file_;
  options.allow_private_addresses = true;
  options.min_delay_ms = 0;
  options.connect_timeout_s = 5;
  options.timeout_s = 20;
  options.backoff_base_ms = 10;
  options.backoff_max_ms = 200;
  return options;
}

}  // namespace llmtwin::test
