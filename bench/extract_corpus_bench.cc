// Extraction throughput on a list of saved real pages (bench/run_all.sh gives it the 711 WCXB
// article pages of testdata/eval): llmtwin::ExtractPage (charset detection, libxml2 parse,
// metadata, main content, Markdown and text) over every page, on one core, several repetitions.
// The same list goes to the Python peers (bench/python/extract_peers.py: trafilatura, html2text)
// so the MB/s figures compare the same bytes. Pages are read (and gunzipped) before timing.
//
// Usage: extract_corpus_bench --pages LIST.tsv [--reps 3]
//   LIST.tsv: id <TAB> path <TAB> url, one page a line.
// Prints one JSON line: {"tool","pages","bytes","reps":[{"wall_s","cpu_s"}],"maxrss_kb"}.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "extract/extractor.h"
#include "extract/page_file.h"
#include "process_cpu.h"

namespace {

struct Page {
  std::string url;
  std::string html;
};

}  // namespace

int main(int argc, char** argv) {
  std::string list;
  int reps = 3;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--pages" && i + 1 < argc) list = argv[++i];
    else if (arg == "--reps" && i + 1 < argc) reps = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: %s --pages LIST.tsv [--reps 3]\n", argv[0]);
      return 2;
    }
  }
  if (list.empty() || reps < 1) {
    std::fprintf(stderr, "usage: %s --pages LIST.tsv [--reps 3]\n", argv[0]);
    return 2;
  }
  std::vector<Page> pages;
  long long total_bytes = 0;
  std::ifstream in(list);
  for (std::string line; std::getline(in, line);) {
    const auto tab1 = line.find('\t');
    if (tab1 == std::string::npos) continue;
    const auto tab2 = line.find('\t', tab1 + 1);
    const std::string path = line.substr(tab1 + 1, tab2 == std::string::npos ? std::string::npos : tab2 - tab1 - 1);
    Page page{tab2 == std::string::npos ? std::string() : line.substr(tab2 + 1), llmtwin::ReadPageFile(path)};
    total_bytes += static_cast<long long>(page.html.size());
    pages.push_back(std::move(page));
  }
  if (pages.empty()) {
    std::fprintf(stderr, "%s: no pages in %s\n", argv[0], list.c_str());
    return 1;
  }

  nlohmann::json result = {{"tool", "llmtwin"}, {"pages", pages.size()}, {"bytes", total_bytes}, {"reps", nlohmann::json::array()}};
  for (int rep = 0; rep < reps; ++rep) {
    std::size_t markdown_bytes = 0;
    const double cpu0 = ProcessCpuSeconds();
    const auto t0 = std::chrono::steady_clock::now();
    for (const Page& page : pages) markdown_bytes += llmtwin::ExtractPage(page.html, page.url).markdown.size();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    result["reps"].push_back({{"wall_s", wall}, {"cpu_s", ProcessCpuSeconds() - cpu0}, {"markdown_bytes", markdown_bytes}});
  }
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  result["maxrss_kb"] = usage.ru_maxrss;
  std::printf("%s\n", result.dump().c_str());
  return 0;
}
