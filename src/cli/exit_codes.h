// Exit codes of the llmtwin program (also printed by `llmtwin --help`).
#pragma once

#include "common/error.h"

namespace llmtwin::cli {

enum ExitCode : int {
  kExitSuccess = 0,         // everything asked was done
  kExitPartialFailure = 1,  // the run finished but some links failed (see the summary / run record)
  kExitUsageError = 2,      // bad command line or config: nothing was done
  kExitRuntimeError = 3,    // the run could not proceed (warehouse unreachable, I/O error, bug)
  kExitInterrupted = 130,   // stopped by Ctrl-C / SIGTERM; the run is recorded as interrupted
};

inline constexpr const char* kExitCodesHelp =
    "Exit codes:\n"
    "  0    success\n"
    "  1    partial failure: the run finished but some links failed\n"
    "  2    usage or config error: nothing was done\n"
    "  3    runtime error: warehouse unreachable, I/O error, internal error\n"
    "  130  interrupted (Ctrl-C)\n";

inline int ExitCodeFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage:
    case ErrorKind::kConfig:
    case ErrorKind::kInvalidInput: return kExitUsageError;
    case ErrorKind::kInterrupted: return kExitInterrupted;
    default: return kExitRuntimeError;
  }
}

}  // namespace llmtwin::cli
