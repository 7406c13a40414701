// `llmtwin etl --config FILE` runs the digital_data_etl pipeline (get_or_create_user, then
// crawl_links); `llmtwin crawl URL... --author NAME` runs the same pipeline on links given on the
// command line. Both store into the warehouse and print a per-domain summary.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <map>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "common/stage_cpu.h"
#include "crawl/crawler.h"
#include "domain/names.h"
#include "domain/url.h"
#include "fetch/fetcher.h"
#include "pipeline/config.h"
#include "pipeline/etl_pipeline.h"
#include "pipeline/interrupt.h"
#include "pipeline/progress.h"
#include "warehouse/warehouse.h"

namespace llmtwin::cli {
namespace {

struct RunArgs {
  std::string config_path;
  std::vector<std::string> urls;  // crawl
  std::string author;             // crawl
  std::string warehouse;
  bool dry_run = false;
  bool refresh = false;
  bool stage_cpu = false;  // print the CPU per link by stage at the end
  std::string shard;  // etl: "I/K", empty = the whole job
  NetworkFlags network;
};

void PrintPlan(const EtlRequest& request) {
  const PersonName name = SplitFullName(request.user_full_name);
  const std::vector<std::string> links = LinksOfShard(request.links, request.shard);
  std::map<std::string, int> per_domain;
  for (const auto& link : links) per_domain[LinkDomain(link)]++;
  std::printf("user: %s (first_name=\"%s\", last_name=\"%s\")\n", request.user_full_name.c_str(),
              name.first_name.c_str(), name.last_name.c_str());
  if (!request.shard.IsWhole())
    std::printf("shard: %s (by host: %zu of the config's %zu links)\n", request.shard.ToString().c_str(), links.size(),
                request.links.size());
  std::printf("links: %zu on %zu domains\n", links.size(), per_domain.size());
  for (const auto& [domain, count] : per_domain) std::printf("  %-40s %d\n", domain.c_str(), count);
  for (const auto& source : request.sources) std::printf("source: %s\n", source.c_str());
  for (const auto& e : request.exports) std::printf("export: %s %s\n", e.kind.c_str(), e.path.c_str());
}

int RunPipeline(const EtlRequest& request, const std::string& warehouse_uri, const RunArgs& args) {
  PrintPlan(request);
  if (args.dry_run) {
    std::printf("would crawl:\n");
    for (const auto& link : LinksOfShard(request.links, request.shard)) std::printf("  %s\n", link.c_str());
    return kExitSuccess;
  }
  // Before the Fetcher starts its thread: the engine's scope is opened when the thread starts.
  if (args.stage_cpu) EnableStageCpu(true);
  auto warehouse = warehouse::OpenWarehouse(warehouse_uri);
  std::printf("warehouse: %s\n", warehouse->Describe().c_str());
  std::fflush(stdout);
  Fetcher fetcher(request.crawl);
  const CrawlerDispatcher dispatcher = CrawlerDispatcher::Default();
  EtlPipeline pipeline(*warehouse, dispatcher, fetcher);
  InterruptGuard interrupt_guard;
  RunOptions options;
  options.refresh = args.refresh;
  options.progress_bar = StderrIsTerminal();
  const RunReport report = pipeline.Run(request, options);
  if (args.stage_cpu) {
    // Links and export items the run handled (each counted once).
    std::size_t items = 0;
    for (const auto& [domain, counts] : report.PerDomainAndKind()) items += static_cast<std::size_t>(counts.total);
    std::fprintf(stderr, "%s\n", StageCpuLine(ProcessCpuNanos(), items).c_str());
  }
  std::printf("\nrun %s: %s\n%s", report.run_id.c_str(), report.status.c_str(),
              ProgressReporter::SummaryTable(report.PerDomainAndKind()).c_str());
  if (report.status == "interrupted") return kExitInterrupted;
  if (report.Failed() > 0) {
    std::printf("%d link(s) or export item(s) failed: `llmtwin runs show %s` lists why\n", report.Failed(),
                report.run_id.c_str());
    return kExitPartialFailure;
  }
  return kExitSuccess;
}

int RunEtl(const RunArgs& args) {
  EtlConfig config = LoadEtlConfig(args.config_path);
  for (const auto& warning : config.warnings) spdlog::warn("{}", warning);
  args.network.ApplyTo(config.crawl);
  EtlRequest request{config.user_full_name, config.links, config.sources, config.exports, config.crawl, config.path, config.text};
  if (!args.shard.empty()) request.shard = ParseShard(args.shard);
  std::printf("config: %s\n", config.path.c_str());
  return RunPipeline(request, ResolveWarehouseUri(args.warehouse, config.warehouse), args);
}

int RunCrawl(const RunArgs& args) {
  EtlRequest request;
  request.user_full_name = args.author;
  if (SplitFullName(args.author).first_name.empty()) throw Error(ErrorKind::kUsage, "--author is empty");
  for (const auto& url : args.urls) {
    std::string why;
    if (!ParseHttpUrl(url, &why)) throw Error(ErrorKind::kUsage, "'" + url + "' " + why);
    request.links.push_back(url);
  }
  args.network.ApplyTo(request.crawl);
  return RunPipeline(request, ResolveWarehouseUri(args.warehouse), args);
}

void AddEtlCommand(CLI::App& root, Context& context) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* etl = root.add_subcommand("etl", "Run the digital_data_etl pipeline from a YAML config");
  etl->add_option("-c,--config", args->config_path, "Pipeline config (the book's YAML shape)")
      ->required()
      ->check(CLI::ExistingFile);
  AddWarehouseOption(etl, args->warehouse);
  etl->add_flag("--refresh", args->refresh,
                "Re-check stored links with conditional requests and update changed documents in place");
  etl->add_flag("--dry-run", args->dry_run, "Load and validate the config and print what would be crawled");
  etl->add_option("--shard", args->shard,
                  "I/K: crawl only the links whose host hashes to I of K (0 <= I < K); K processes with "
                  "0/K..K-1/K do the whole job, each host's politeness in one of them")
      ->type_name("I/K");
  etl->add_flag("--stage-cpu", args->stage_cpu,
                "At the end, print on stderr the CPU per link by stage (fetch/tls, parse, crawler rules, "
                "extraction, markdown, storage, duplicates, run records, other)");
  args->network.AddTo(etl);
  etl->callback([args, &context] { context.run = [args] { return RunEtl(*args); }; });
}

void AddCrawlCommand(CLI::App& root, Context& context) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* crawl = root.add_subcommand("crawl", "Crawl links for an author and store what is found");
  crawl->add_option("urls", args->urls, "Links to crawl (articles, posts, repositories, profiles)")->required();
  crawl->add_option("--author", args->author, "The author's full name (created if new)")->required();
  AddWarehouseOption(crawl, args->warehouse);
  crawl->add_flag("--refresh", args->refresh, "Re-check stored links and update changed documents");
  crawl->add_flag("--dry-run", args->dry_run, "Print what would be crawled");
  crawl->add_flag("--stage-cpu", args->stage_cpu, "At the end, print on stderr the CPU per link by stage");
  args->network.AddTo(crawl);
  crawl->callback([args, &context] { context.run = [args] { return RunCrawl(*args); }; });
}

const CommandRegistrar kRegisterEtl(10, AddEtlCommand);
const CommandRegistrar kRegisterCrawl(20, AddCrawlCommand);

}  // namespace
}  // namespace llmtwin::cli
