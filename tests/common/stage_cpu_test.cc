#include "common/stage_cpu.h"

#include <gtest/gtest.h>

#include <time.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

namespace llmtwin {
namespace {

std::uint64_t ThreadCpuNanos() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000ULL + static_cast<std::uint64_t>(ts.tv_nsec);
}

// Spends `ms` of this thread's CPU (not wall time: the machine may be shared).
void Burn(int ms) {
  const std::uint64_t end = ThreadCpuNanos() + static_cast<std::uint64_t>(ms) * 1'000'000ULL;
  volatile std::uint64_t x = 0;
  while (ThreadCpuNanos() < end) x = x + 1;
}

std::uint64_t Of(Stage stage) { return StageCpuTotals()[static_cast<size_t>(stage)]; }

TEST(StageCpu, DisabledScopesChargeNothing) {
  EnableStageCpu(false);
  const auto before = Of(Stage::kMarkdown);
  {
    const StageScope scope(Stage::kMarkdown);
    Burn(5);
  }
  EXPECT_EQ(Of(Stage::kMarkdown), before);
}

TEST(StageCpu, AnInnerScopeIsTakenOutOfTheOuterOne) {
  EnableStageCpu(true);
  const auto rules = Of(Stage::kCrawlerRules), parse = Of(Stage::kParse);
  std::thread worker([] {
    const StageScope outer(Stage::kCrawlerRules);
    Burn(20);
    {
      const StageScope inner(Stage::kParse);
      Burn(40);
    }
    Burn(20);
  });
  worker.join();
  EnableStageCpu(false);
  const double rules_ms = static_cast<double>(Of(Stage::kCrawlerRules) - rules) / 1e6;
  const double parse_ms = static_cast<double>(Of(Stage::kParse) - parse) / 1e6;
  // 40 ms each: the parse is not counted in the rules too.
  EXPECT_GE(parse_ms, 40);
  EXPECT_GE(rules_ms, 40);
  EXPECT_LT(rules_ms, 55);
  EXPECT_LT(parse_ms, 55);
}

TEST(StageCpu, TheLineNamesEveryStageAndTheTotal) {
  const std::string line = StageCpuLine(ProcessCpuNanos(), 10);
  EXPECT_EQ(line.rfind("cpu per link (ms, 10 links):", 0), 0u) << line;
  for (int i = 0; i < static_cast<int>(Stage::kCount); ++i)
    EXPECT_NE(line.find(std::string(StageName(static_cast<Stage>(i))) + " "), std::string::npos) << line;
  EXPECT_NE(line.find(" other "), std::string::npos) << line;
  EXPECT_NE(line.find("; total "), std::string::npos) << line;
}

}  // namespace
}  // namespace llmtwin
