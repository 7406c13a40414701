// Config loading and link validation: the fixed cost every `llmtwin etl` pays before crawling.
#include <benchmark/benchmark.h>

#include <string>

#include "domain/url.h"
#include "pipeline/config.h"

namespace {

void BM_LoadBookConfig(benchmark::State& state) {
  const std::string path = std::string(LLMTWIN_SOURCE_DIR) + "/configs/digital_data_etl_paul_iusztin.yaml";
  for (auto _ : state) benchmark::DoNotOptimize(llmtwin::LoadEtlConfig(path));
}
BENCHMARK(BM_LoadBookConfig);

void BM_ParseHttpUrl(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(llmtwin::ParseHttpUrl("https://decodingml.substack.com/p/an-end-to-end-framework?r=1ttoeh"));
}
BENCHMARK(BM_ParseHttpUrl);

}  // namespace

BENCHMARK_MAIN();
