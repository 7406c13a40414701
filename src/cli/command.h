// The frame every subcommand plugs into.
//
// A subcommand lives in cmd_<name>.cc: a function that adds its CLI11 subcommand and options and,
// in the subcommand's callback, sets Context::run; a static CommandRegistrar in the same file
// registers that function, so main.cc never changes when a command is added. Options shared by
// every command that fetches are added by NetworkFlags so they are spelled the same everywhere.
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

using AddCommandFn = void (*)(CLI::App& root, Context& context);

// Registers a subcommand at static-initialisation time; `order` sets its place in --help.
struct CommandRegistrar {
  CommandRegistrar(int order, AddCommandFn add);
};

// Adds every registered subcommand to `root`, in order.
void AddRegisteredCommands(CLI::App& root, Context& context);

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

// --warehouse URI, on every command that touches the warehouse.
void AddWarehouseOption(CLI::App* command, std::string& uri);

// The warehouse a command uses: --warehouse when given, else the config's `warehouse:`, else the
// environment (DATABASE_HOST / DATABASE_NAME) or the embedded default file.
std::string ResolveWarehouseUri(const std::string& flag, const std::string& from_config = "");

}  // namespace llmtwin::cli
