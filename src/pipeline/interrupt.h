// Ctrl-C and SIGTERM handling for long runs: the first signal asks the run to stop cleanly
// (transfers cancelled, run recorded as interrupted); a second one exits at once.
//
// Signal handlers may only touch lock-free atomics, so the handler sets a flag and the runner
// polls it; a watcher thread turns the flag into a callback (cancelling the fetcher).
#pragma once

#include <atomic>

namespace llmtwin {

class InterruptGuard {
 public:
  InterruptGuard();   // installs the SIGINT/SIGTERM handlers
  ~InterruptGuard();  // restores the previous handlers
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  static bool Requested();
  static void Reset();  // for tests
  static void Request();  // same as receiving a signal (tests, the Python binding)
};

}  // namespace llmtwin
