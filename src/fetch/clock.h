// The clock the fetcher reads for politeness delays, backoff and Retry-After.
//
// A seam in the LevelDB Env sense: production code uses SteadyClock; tests of timing rules inject a
// ManualClock and move time forward themselves, so a rule like "wait 30 s before the next request
// to this host" is checked without sleeping 30 s. Only scheduling reads this clock: libcurl's own
// timeouts (connect, total, low-speed) always run on real time.
#pragma once

#include <atomic>
#include <chrono>

namespace llmtwin {

class Clock {
 public:
  using Duration = std::chrono::steady_clock::duration;
  using TimePoint = std::chrono::steady_clock::time_point;

  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

// Real monotonic time.
class SteadyClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::steady_clock::now(); }
  static SteadyClock* Instance();
};

// Time that moves only when told to (thread-safe). Starts at the real current time so that
// durations measured against it stay meaningful in logs.
class ManualClock final : public Clock {
 public:
  ManualClock() : now_(std::chrono::steady_clock::now().time_since_epoch().count()) {}
  TimePoint Now() const override { return TimePoint(Duration(now_.load())); }
  void Advance(Duration by) { now_.fetch_add(by.count()); }

 private:
  std::atomic<Duration::rep> now_;
};

}  // namespace llmtwin
