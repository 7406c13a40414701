// Extraction speed on the Mozilla Readability test pages (testdata/eval/readability/*/source.html):
// parse + metadata + main content + Markdown + text, one core. Reported as bytes_per_second (MB/s
// of HTML); the target is 40 MB/s, the Python tools people use run at 10-12 MB/s here.
// BM_ParseOnly is libxml2's bare parse, the ceiling for the whole pipeline.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "extract/page_file.h"

namespace {

const std::vector<std::string>& Pages() {
  static const std::vector<std::string> pages = [] {
    std::vector<std::string> out;
    const std::filesystem::path dir = std::filesystem::path(LLMTWIN_TESTDATA_DIR) / "eval" / "readability";
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      const auto source = entry.path() / "source.html";
      if (std::filesystem::exists(source)) out.push_back(llmtwin::ReadPageFile(source.string()));
    }
    return out;
  }();
  return pages;
}

int64_t TotalBytes() {
  int64_t total = 0;
  for (const auto& page : Pages()) total += static_cast<int64_t>(page.size());
  return total;
}

void BM_ExtractPage(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& page : Pages()) {
      auto extracted = llmtwin::ExtractPage(page, "http://fakehost/test/page.html");
      benchmark::DoNotOptimize(extracted);
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
  state.counters["pages"] = static_cast<double>(Pages().size());
}
BENCHMARK(BM_ExtractPage)->Unit(benchmark::kMillisecond)->MinTime(2.0);

void BM_ParseOnly(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& page : Pages()) {
      auto document = llmtwin::HtmlDocument::Parse(page, "http://fakehost/test/page.html");
      benchmark::DoNotOptimize(document);
    }
  }
  state.SetBytesProcessed(state.iterations() * TotalBytes());
}
BENCHMARK(BM_ParseOnly)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
