// Progress of a pipeline run, for people: a one-line bar on a terminal (links done of total, rate,
// ETA, failures so far), plain log lines when stderr is not a terminal (CI, files, pipes), and a
// summary table per domain at the end.
//
// The reporter only formats; the runner owns the counts and calls Update() from one thread.
#pragma once

#include <chrono>
#include <cstdio>
#include <map>
#include <string>

namespace llmtwin {

// Per-domain counts of one run: the book's {successful, total} plus ours.
struct DomainCounts {
  int total = 0;
  int stored = 0;             // new or changed documents written
  int unchanged = 0;          // already stored (idempotent re-run) or 304 on --refresh
  int skipped_duplicate = 0;  // the same normalised link appeared earlier in this run
  int skipped = 0;            // skipped by policy (e.g. paywalled with skip_paywalled)
  int failed = 0;
  int successful() const { return stored + unchanged; }  // the book's "successful" crawls

  DomainCounts& operator+=(const DomainCounts& other) {
    total += other.total;
    stored += other.stored;
    unchanged += other.unchanged;
    skipped_duplicate += other.skipped_duplicate;
    skipped += other.skipped;
    failed += other.failed;
    return *this;
  }
};

class ProgressReporter {
 public:
  // `interactive`: draw a bar (true on a terminal); otherwise log a line every `log_every` links.
  ProgressReporter(int total, bool interactive, std::FILE* out = stderr);

  void Update(int done, int failed, const std::string& last_link);
  void Finish();  // clears the bar
  static std::string SummaryTable(const std::map<std::string, DomainCounts>& per_domain);

 private:
  int total_;
  bool interactive_;
  std::FILE* out_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
  int last_logged_ = 0;
};

// Whether stderr is a terminal (decides bar vs log lines).
bool StderrIsTerminal();

}  // namespace llmtwin
