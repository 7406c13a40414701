// The frame every subcommand plugs into.
//
// A subcommand is a function Add<Name>Command(CLI::App& root, Context&) that adds its CLI11
// subcommand and options and sets `run` for when it is chosen. main.cc lists them. Options shared
// by every command that fetches (network) or touches the warehouse are added by the helpers below
// so they are spelled and documented the same everywhere.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <vector>

#include "pipeline/config.h"

namespace llmtwin::cli {

struct Context {
  std::function<int()> run;  // set by the chosen subcommand's callback; returns the exit code
};

// Network options of every command that fetches; applied on top of a config's `crawl:` block.
struct NetworkFlags {
  std::vector<std::string> connect_to;
  std::string cacert;
  std::string user_agent;
  int concurrency = 0;  // 0 = keep the config's
  bool no_robots = false;
  bool allow_private = false;
  std::vector<std::string> crawl_settings;  // KEY=VALUE

  void AddTo(CLI::App* command);
  // Applies the flags that were given; throws Error(kUsage) on a bad --crawl KEY=VALUE.
  void ApplyTo(CrawlOptions& options) const;
};

}  // namespace llmtwin::cli
