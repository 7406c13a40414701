// `llmtwin etl --config FILE`: the digital_data_etl pipeline (get_or_create_user, crawl_links).
#include <spdlog/spdlog.h>

#include <cstdio>
#include <map>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "domain/names.h"
#include "domain/url.h"
#include "pipeline/config.h"

namespace llmtwin::cli {
namespace {

struct EtlArgs {
  std::string config_path;
  bool dry_run = false;
  NetworkFlags network;
};

int RunEtl(const EtlArgs& args) {
  EtlConfig config = LoadEtlConfig(args.config_path);
  for (const auto& warning : config.warnings) spdlog::warn("{}", warning);
  args.network.ApplyTo(config.crawl);
  const PersonName name = SplitFullName(config.user_full_name);

  std::map<std::string, int> per_host;
  for (const auto& link : config.links) per_host[ParseHttpUrl(link)->host]++;
  std::printf("config: %s\nuser: %s (first_name=\"%s\", last_name=\"%s\")\nlinks: %zu on %zu domains\n",
              config.path.c_str(), config.user_full_name.c_str(), name.first_name.c_str(), name.last_name.c_str(),
              config.links.size(), per_host.size());
  for (const auto& [host, count] : per_host) std::printf("  %-40s %d\n", host.c_str(), count);
  for (const auto& source : config.sources) std::printf("source: %s\n", source.c_str());
  std::printf("would crawl:\n");
  for (const auto& link : config.links) std::printf("  %s\n", link.c_str());
  return kExitSuccess;
}

void AddEtlCommand(CLI::App& root, Context& context) {
  auto args = std::make_shared<EtlArgs>();
  CLI::App* etl = root.add_subcommand("etl", "Run the digital_data_etl pipeline from a YAML config");
  etl->add_option("-c,--config", args->config_path, "Pipeline config (the book's YAML shape)")
      ->required()
      ->check(CLI::ExistingFile);
  etl->add_flag("--dry-run", args->dry_run, "Load and validate the config and print what would be crawled");
  args->network.AddTo(etl);
  etl->callback([args, &context] { context.run = [args] { return RunEtl(*args); }; });
}

const CommandRegistrar kRegisterEtl(10, AddEtlCommand);

}  // namespace

}  // namespace llmtwin::cli
