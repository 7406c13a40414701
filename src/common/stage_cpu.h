// CPU time per stage of the ETL (fetch/TLS, parse, crawler rules, extraction, Markdown, storage,
// duplicates, run records), summed over every thread: `llmtwin etl --stage-cpu` prints it per link,
// and bench/run_all.sh reports it, so where a link's CPU goes is visible without a profiler.
//
// A StageScope charges the calling thread's CPU time (CLOCK_THREAD_CPUTIME_ID) from its start to
// its end to one stage; a scope opened inside another one takes its time out of the outer stage
// (the parse inside a crawler's rules is parse, not rules). Accounting is off unless
// EnableStageCpu(true) was called: a disabled scope costs one relaxed atomic load, no clock read.
// Any layer may open scopes (this header knows nothing of HTTP, HTML or storage).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace llmtwin {

enum class Stage : int {
  kFetch,         // the transfer engine's thread: HTTP, TLS, decompression
  kParse,         // HTML parsing (libxml2), including fragments
  kCrawlerRules,  // the platform crawlers' own reading: selectors, JSON, markers, documents
  kExtraction,    // metadata and main-content finding
  kMarkdown,      // rendering Markdown / text
  kStorage,       // warehouse lookups and writes of documents
  kDuplicates,    // near-duplicate indexing
  kRunRecords,    // link outcomes and run records
  kCount
};

std::string_view StageName(Stage stage);

void EnableStageCpu(bool on);
bool StageCpuEnabled();

// Nanoseconds of CPU charged to each stage so far, over all threads.
std::array<std::uint64_t, static_cast<int>(Stage::kCount)> StageCpuTotals();

// The process's CPU time so far (user + system), in nanoseconds.
std::uint64_t ProcessCpuNanos();

// One line: CPU per link in milliseconds by stage, "other" (what no stage took: startup, the
// pipeline's glue, the kernel's work outside the threads' scopes) and the total.
std::string StageCpuLine(std::uint64_t process_cpu_nanos, std::size_t links);

class StageScope {
 public:
  explicit StageScope(Stage stage);
  ~StageScope();
  StageScope(const StageScope&) = delete;
  StageScope& operator=(const StageScope&) = delete;

 private:
  bool active_ = false;
  int outer_ = -1;  // the stage this scope interrupted (-1: none)
};

}  // namespace llmtwin
