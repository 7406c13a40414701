// The local fixture server, for GoogleTests of every layer.
//
// When scripts/test.sh started the server (LLMTWIN_TEST_HTTPS_PORT, LLMTWIN_TEST_HTTP_PORT,
// LLMTWIN_TEST_BADCERT_PORT and LLMTWIN_TEST_CA are set) tests use it; otherwise the helper starts
// the built binary (<build>/tools/fixture-server, or $LLMTWIN_FIXTURE_SERVER) through
// tests/support/fixture_server.sh, the launcher every suite uses, and stops it when destroyed, so
// `ctest` and a single test binary work without the script. What the server serves is described in
// tests/server/main.go: testdata/fixtures and testdata/synthetic at their original URLs (any host),
// faults under faults.test, robots.txt scenarios under *.robots.test, synthetic pages under bench.test.
//
// A test that serves files it writes at run time (a repository tarball built from a folder tree)
// starts a private instance with FixtureServer(manifests): the same binary, serving only those
// manifests, on its own ports with its own throw-away CA, stopped when the object is destroyed.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/crawl_options.h"

namespace llmtwin::test {

class FixtureServer {
 public:
  // The process-wide server, started on first use. Throws llmtwin::Error when it cannot start.
  static FixtureServer& Shared();

  FixtureServer();  // attaches to the environment's server or starts one serving the fixtures
  // Always starts a server of its own that serves only `manifests` (MANIFEST.json paths; the
  // files they name are relative to them). Throws llmtwin::Error when it cannot start.
  explicit FixtureServer(const std::vector<std::string>& manifests);
  ~FixtureServer();
  FixtureServer(const FixtureServer&) = delete;
  FixtureServer& operator=(const FixtureServer&) = delete;

  int https_port() const { return https_port_; }
  int http_port() const { return http_port_; }
  int badcert_port() const { return badcert_port_; }  // serves a certificate for another host name
  const std::string& ca_file() const { return ca_file_; }
  bool started_here() const { return pid_ > 0; }

  // curl CONNECT_TO entries sending `hosts` (every host when empty) on ports 443 and 80 to the
  // server's HTTPS and HTTP ports on 127.0.0.1.
  std::vector<std::string> ConnectTo(const std::vector<std::string>& hosts = {}) const;

  // Options for tests: connect_to for `hosts` (every host when empty), the test CA, private
  // addresses allowed (the server is on 127.0.0.1), no politeness delay, short timeouts and
  // backoff so a failing test fails fast. Tests of a rule set that rule back explicitly.
  CrawlOptions Options(const std::vector<std::string>& hosts = {}) const;

 private:
  void Start(const std::vector<std::string>& manifests);

  int https_port_ = 0;
  int http_port_ = 0;
  int badcert_port_ = 0;
  std::string ca_file_;
  std::string runtime_dir_;
  pid_t pid_ = -1;
};

}  // namespace llmtwin::test
