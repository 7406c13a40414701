#include "common/stage_cpu.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <time.h>

#include <atomic>

namespace llmtwin {
namespace {

constexpr int kStages = static_cast<int>(Stage::kCount);

std::atomic<bool> g_enabled{false};
std::array<std::atomic<std::uint64_t>, kStages> g_totals{};

// The stage the calling thread is in (-1: none) and when it last changed stage.
thread_local int t_stage = -1;
thread_local std::uint64_t t_since = 0;

std::uint64_t ThreadCpuNanos() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000ULL + static_cast<std::uint64_t>(ts.tv_nsec);
}

// Charges the time since the last change to the current stage and returns now.
std::uint64_t ChargeCurrent() {
  const std::uint64_t now = ThreadCpuNanos();
  if (t_stage >= 0) g_totals[static_cast<size_t>(t_stage)].fetch_add(now - t_since, std::memory_order_relaxed);
  return now;
}

}  // namespace

std::string_view StageName(Stage stage) {
  switch (stage) {
    case Stage::kFetch: return "fetch/tls";
    case Stage::kParse: return "parse";
    case Stage::kCrawlerRules: return "crawler rules";
    case Stage::kExtraction: return "extraction";
    case Stage::kMarkdown: return "markdown";
    case Stage::kStorage: return "storage";
    case Stage::kDuplicates: return "duplicates";
    case Stage::kRunRecords: return "run records";
    case Stage::kCount: break;
  }
  return "?";
}

void EnableStageCpu(bool on) { g_enabled.store(on, std::memory_order_relaxed); }
bool StageCpuEnabled() { return g_enabled.load(std::memory_order_relaxed); }

std::array<std::uint64_t, kStages> StageCpuTotals() {
  std::array<std::uint64_t, kStages> out{};
  for (int i = 0; i < kStages; ++i) out[static_cast<size_t>(i)] = g_totals[static_cast<size_t>(i)].load(std::memory_order_relaxed);
  return out;
}

std::uint64_t ProcessCpuNanos() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto nanos = [](const timeval& tv) {
    return static_cast<std::uint64_t>(tv.tv_sec) * 1'000'000'000ULL + static_cast<std::uint64_t>(tv.tv_usec) * 1000ULL;
  };
  return nanos(usage.ru_utime) + nanos(usage.ru_stime);
}

std::string StageCpuLine(std::uint64_t process_cpu_nanos, std::size_t links) {
  const double per = links > 0 ? 1e-6 / static_cast<double>(links) : 0;  // ns -> ms per link
  std::string line = fmt::format("cpu per link (ms, {} links):", links);
  std::uint64_t staged = 0;
  const auto totals = StageCpuTotals();
  for (int i = 0; i < kStages; ++i) {
    staged += totals[static_cast<size_t>(i)];
    line += fmt::format(" {} {:.3f},", StageName(static_cast<Stage>(i)), static_cast<double>(totals[static_cast<size_t>(i)]) * per);
  }
  const std::uint64_t other = process_cpu_nanos > staged ? process_cpu_nanos - staged : 0;
  line += fmt::format(" other {:.3f}; total {:.3f}", static_cast<double>(other) * per,
                      static_cast<double>(process_cpu_nanos) * per);
  return line;
}

StageScope::StageScope(Stage stage) {
  if (!g_enabled.load(std::memory_order_relaxed)) return;
  active_ = true;
  outer_ = t_stage;
  t_since = ChargeCurrent();
  t_stage = static_cast<int>(stage);
}

StageScope::~StageScope() {
  if (!active_) return;
  t_since = ChargeCurrent();
  t_stage = outer_;
}

}  // namespace llmtwin
