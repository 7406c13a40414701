#include "support/fixture_server.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
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

struct PipeCloser {
  void operator()(FILE* pipe) const { pclose(pipe); }
};

std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// Parses the launcher's `export A=1 B=2 ...` line.
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
  Start({});  // the launcher serves the repository's fixtures when given no manifest
}

FixtureServer::FixtureServer(const std::vector<std::string>& manifests) { Start(manifests); }

void FixtureServer::Start(const std::vector<std::string>& manifests) {
  char dir_template[] = "/tmp/llmtwin-fixture-server.XXXXXX";
  if (!mkdtemp(dir_template)) throw Error(ErrorKind::kIo, "cannot create a temporary directory");
  runtime_dir_ = dir_template;
  // tests/support/fixture_server.sh is the one way every suite starts the server; --watch-pid: the
  // server never outlives a test process that crashed or was killed.
  std::string command = "bash " + ShellQuote(LLMTWIN_FIXTURE_SERVER_LAUNCHER) + " " + ShellQuote(runtime_dir_) +
                        " --watch-pid " + std::to_string(getpid());
  const char* env_binary = std::getenv("LLMTWIN_FIXTURE_SERVER");
  command += " --binary " + ShellQuote(env_binary && *env_binary ? env_binary : LLMTWIN_FIXTURE_SERVER_BIN);
  for (const std::string& manifest : manifests) command += " --manifest " + ShellQuote(manifest);
  std::string line;
  {
    const std::unique_ptr<FILE, PipeCloser> out(popen(command.c_str(), "r"));
    if (!out) throw Error(ErrorKind::kIo, "cannot run " + std::string(LLMTWIN_FIXTURE_SERVER_LAUNCHER));
    char buffer[1024];
    while (std::fgets(buffer, sizeof buffer, out.get())) line += buffer;
  }
  https_port_ = std::atoi(EnvLineValue(line, "LLMTWIN_TEST_HTTPS_PORT").c_str());
  http_port_ = std::atoi(EnvLineValue(line, "LLMTWIN_TEST_HTTP_PORT").c_str());
  badcert_port_ = std::atoi(EnvLineValue(line, "LLMTWIN_TEST_BADCERT_PORT").c_str());
  ca_file_ = EnvLineValue(line, "LLMTWIN_TEST_CA");
  pid_ = std::atoi(EnvLineValue(line, "LLMTWIN_TEST_SERVER_PID").c_str());
  if (https_port_ <= 0 || http_port_ <= 0 || ca_file_.empty() || pid_ <= 0) {
    if (pid_ > 0) kill(pid_, SIGTERM);
    pid_ = -1;
    throw Error(ErrorKind::kIo, "the fixture server did not start (tests/support/fixture_server.sh; its messages "
                                "are above)");
  }
}

FixtureServer::~FixtureServer() {
  if (pid_ > 0 && kill(pid_, SIGTERM) == 0) {
    // Not our child (the launcher started it), so it cannot be waited for: wait until it is gone.
    for (int i = 0; i < 250 && kill(pid_, 0) == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
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
