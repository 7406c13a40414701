// The llmtwin program: parses the command line, sets up logging and runs one subcommand.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "common/error.h"
#include "common/log.h"
#include "common/redact.h"
#include "llmtwin/version.h"

namespace {

// glibc gives each thread that meets a locked arena a new one, up to 8 per core: the ETL's 16-32
// link workers and the transfer thread end up in 16 arenas on 2 cores, each keeping the memory it
// once held. Two arenas per core keep the workers apart enough (no more CPU per link) and halve
// the peak memory of `llmtwin etl` (300 synthetic links into SQLite: 290 -> 100-190 MB).
// MALLOC_ARENA_MAX, when set, is the user's choice and wins.
// (glibc only: with jemalloc, malloc_config.cc sets the arenas.)
void LimitMallocArenas() {
#ifndef LLMTWIN_WITH_JEMALLOC
  if (std::getenv("MALLOC_ARENA_MAX") != nullptr) return;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  mallopt(M_ARENA_MAX, static_cast<int>(2 * cores));
#endif
}

}  // namespace

int main(int argc, char** argv) {
  using namespace llmtwin;
  using namespace llmtwin::cli;
  LimitMallocArenas();

  CLI::App app("llmtwin: collect an author's articles, posts and code into a data warehouse for an LLM twin");
  app.set_version_flag("--version", "llmtwin " LLMTWIN_VERSION);
  app.footer(kExitCodesHelp);
  app.require_subcommand(1);
  bool verbose = false, quiet = false;
  std::string log_format = "text";
  app.add_flag("-v,--verbose", verbose, "Log debug details");
  app.add_flag("-q,--quiet", quiet, "Log only warnings and errors");
  app.add_option("--log-format", log_format, "Log line format: text or json")
      ->check(CLI::IsMember({"text", "json"}));

  Context context;
  AddRegisteredCommands(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitSuccess : kExitUsageError;
  }

  LogOptions log_options;
  log_options.format = ParseLogFormat(log_format);
  log_options.level = verbose ? spdlog::level::debug : quiet ? spdlog::level::warn : spdlog::level::info;
  InitLogging(log_options);

  if (!context.run) return kExitUsageError;
  try {
    return context.run();
  } catch (const Error& e) {
    spdlog::error("{}", e.what());
    return ExitCodeFor(e.kind());
  } catch (const std::exception& e) {
    spdlog::error("internal error: {}", RedactSecrets(e.what()));
    return kExitRuntimeError;
  }
}
