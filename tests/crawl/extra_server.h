// Test helper: a second fixture-server instance serving a manifest the test writes at run time
// (a repository tarball built from a folder tree), next to the shared one from tests/support.
// It runs the same Go binary (tests/server) on free loopback ports with its own throw-away CA and
// is stopped when the object is destroyed.
#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/crawl_options.h"

namespace llmtwin::testing {

class ExtraFixtureServer {
 public:
  explicit ExtraFixtureServer(const std::filesystem::path& manifest) {
    namespace fs = std::filesystem;
    std::string binary = LLMTWIN_FIXTURE_SERVER_BIN;
    if (const char* env = std::getenv("LLMTWIN_FIXTURE_SERVER"); env && *env) binary = env;
    if (!fs::exists(binary)) throw std::runtime_error("fixture server binary " + binary + " not found");
    dir_ = manifest.parent_path();
    const std::string env_file = (dir_ / "server.env").string();
    std::vector<std::string> args = {binary, "--manifest", manifest.string(), "--ca-out", (dir_ / "ca.pem").string(),
                                     "--env-out", env_file};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t parent = getpid();
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (getppid() != parent) _exit(1);
      execv(argv[0], argv.data());
      _exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!fs::exists(env_file) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::ifstream in(env_file);
    std::string word;
    while (in >> word) {
      if (word.rfind("LLMTWIN_TEST_HTTPS_PORT=", 0) == 0) https_port_ = std::atoi(word.c_str() + 24);
      if (word.rfind("LLMTWIN_TEST_CA=", 0) == 0) ca_file_ = word.substr(16);
    }
    if (https_port_ <= 0 || ca_file_.empty()) {
      Stop();
      throw std::runtime_error("the extra fixture server did not start");
    }
  }
  ~ExtraFixtureServer() { Stop(); }
  ExtraFixtureServer(const ExtraFixtureServer&) = delete;
  ExtraFixtureServer& operator=(const ExtraFixtureServer&) = delete;

  // `base` with every one of `hosts` sent to this server and its CA trusted instead.
  CrawlOptions Options(CrawlOptions base, const std::vector<std::string>& hosts) const {
    base.connect_to.clear();
    for (const auto& host : hosts) base.connect_to.push_back(host + ":443:127.0.0.1:" + std::to_string(https_port_));
    base.cacert = ca_file_;
    return base;
  }

 private:
  void Stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  int https_port_ = 0;
  std::string ca_file_;
};

}  // namespace llmtwin::testing
