// Fetch throughput: pages/s, MB/s and CPU time per page fetching N distinct synthetic pages of
// realistic size (~75 KB of HTML) from the local fixture server (HTTPS, HTTP/2) at several
// concurrency levels, through the same Fetcher the crawlers use (robots and delays off: this
// measures the engine, not politeness). CPU time is this process's (user + system), so the
// server's share is not counted. bench/run_fetch_bench.sh runs it next to the Python aiohttp
// baseline (bench/python/fetch_aiohttp.py) on the same server.
//
// Usage: fetch_bench [--pages N] [--kb K] [--concurrency 1,8,64] [--scheme https|http]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "fetch/fetcher.h"
#include "process_cpu.h"
#include "support/fixture_server.h"

int main(int argc, char** argv) {
  int pages = 10000;
  int kb = 75;
  std::string scheme = "https";
  std::vector<int> levels = {1, 8, 64};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const char* value = i + 1 < argc ? argv[i + 1] : "";
    if (arg == "--pages") pages = std::atoi(value), ++i;
    else if (arg == "--kb") kb = std::atoi(value), ++i;
    else if (arg == "--scheme") scheme = value, ++i;
    else if (arg == "--concurrency") {
      levels.clear();
      std::stringstream list(value);
      std::string item;
      while (std::getline(list, item, ',')) levels.push_back(std::atoi(item.c_str()));
      ++i;
    } else {
      std::fprintf(stderr, "usage: %s [--pages N] [--kb K] [--concurrency 1,8,64] [--scheme https|http]\n", argv[0]);
      return 2;
    }
  }

  auto& server = llmtwin::test::FixtureServer::Shared();
  std::printf("| tool | concurrency | pages | seconds | pages/s | MB/s | CPU ms/page | failed |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  for (int level : levels) {
    llmtwin::CrawlOptions options = server.Options({"bench.test"});
    options.concurrency = level;
    options.per_host_connections = level;
    options.respect_robots = false;
    options.min_delay_ms = 0;
    options.timeout_s = 60;
    llmtwin::Fetcher fetcher(options);
    // Warm up: one connection and its TLS handshake.
    fetcher.Fetch({.url = scheme + "://bench.test/page/warmup?kb=" + std::to_string(kb)});

    const double cpu0 = ProcessCpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::future<llmtwin::FetchResult>> futures;
    futures.reserve(pages);
    for (int i = 0; i < pages; ++i)
      futures.push_back(fetcher.Submit({.url = scheme + "://bench.test/page/" + std::to_string(i) + "?kb=" + std::to_string(kb)}));
    long long bytes = 0;
    int failed = 0;
    for (auto& f : futures) {
      const llmtwin::FetchResult r = f.get();
      if (!r.ok()) {
        if (failed++ == 0) std::fprintf(stderr, "first failure: %s\n", r.error_message.c_str());
        continue;
      }
      bytes += static_cast<long long>(r.body.size());
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = ProcessCpuSeconds() - cpu0;
    std::printf("| llmtwin (C++, libcurl multi, %s) | %d | %d | %.2f | %.0f | %.1f | %.3f | %d |\n", scheme.c_str(), level,
                pages, seconds, pages / seconds, bytes / seconds / 1e6, cpu * 1000 / pages, failed);
    std::fflush(stdout);
  }
  return 0;
}
