// The CPU time this process has used so far (user + system), for the benchmark programs that
// report CPU beside wall time (the peers they are compared with are measured the same way).
#pragma once

#include <sys/resource.h>

inline double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec) + static_cast<double>(usage.ru_utime.tv_usec) / 1e6 +
         static_cast<double>(usage.ru_stime.tv_sec) + static_cast<double>(usage.ru_stime.tv_usec) / 1e6;
}
