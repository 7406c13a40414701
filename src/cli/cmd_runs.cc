// `llmtwin runs list` and `llmtwin runs show RUN_ID`: read back the run records the pipeline keeps
// in the warehouse (pipeline_runs, and one pipeline_run_links document per link).
#include <cstdio>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "pipeline/etl_pipeline.h"
#include "warehouse/warehouse.h"

namespace llmtwin::cli {
namespace {

struct RunsArgs {
  std::string warehouse;
  std::string run_id;
  size_t limit = 20;
  bool json = false;
  bool failed_only = false;
};

std::string Counts(const Json& run) {
  if (!run.contains("totals")) return "";
  const Json& t = run["totals"];
  return std::to_string(t.value("total", 0)) + " links: " + std::to_string(t.value("stored", 0)) + " stored, " +
         std::to_string(t.value("unchanged", 0)) + " unchanged, " + std::to_string(t.value("skipped_duplicate", 0)) +
         " duplicate, " + std::to_string(t.value("skipped", 0)) + " skipped, " + std::to_string(t.value("failed", 0)) +
         " failed";
}

int List(const RunsArgs& args) {
  auto warehouse = warehouse::OpenWarehouse(ResolveWarehouseUri(args.warehouse));
  auto runs = warehouse->FindJson(kRunsCollection, warehouse::Query().SortBy("started_at", false).Limit(args.limit));
  if (args.json) {
    std::printf("%s\n", Json(runs).dump(2).c_str());
    return kExitSuccess;
  }
  std::printf("%-36s  %-20s  %-11s  %-20s  %s\n", "run id", "started", "status", "user", "links");
  for (const Json& run : runs) {
    std::string user;
    if (run.contains("parameters")) user = run["parameters"].value("user_full_name", "");
    std::printf("%-36s  %-20s  %-11s  %-20s  %s\n", run.value("_id", "").c_str(), run.value("started_at", "").c_str(),
                run.value("status", "").c_str(), user.c_str(), Counts(run).c_str());
  }
  return kExitSuccess;
}

int Show(const RunsArgs& args) {
  auto warehouse = warehouse::OpenWarehouse(ResolveWarehouseUri(args.warehouse));
  auto run = warehouse->FindJsonById(kRunsCollection, args.run_id);
  if (!run) throw Error(ErrorKind::kNotFound, "no run '" + args.run_id + "' in " + warehouse->Describe());
  warehouse::Query q = warehouse::Query().Where("run_id", args.run_id).SortBy("index");
  auto links = warehouse->FindJson(kRunLinksCollection, q);
  if (args.failed_only)
    std::erase_if(links, [](const Json& l) { return l.value("outcome", "") != "failed" && l.value("outcome", "") != "cancelled"; });
  if (args.json) {
    Json out = *run;
    out["links"] = links;
    std::printf("%s\n", out.dump(2).c_str());
    return kExitSuccess;
  }
  std::printf("run %s (%s)\nstatus: %s\nstarted: %s\nended: %s\nconfig: %s (sha256 %s)\n%s\n",
              run->value("_id", "").c_str(), run->value("pipeline", "").c_str(), run->value("status", "").c_str(),
              run->value("started_at", "").c_str(), run->value("ended_at", "").c_str(),
              run->value("config_path", "").c_str(), run->value("config_sha256", "").substr(0, 12).c_str(),
              Counts(*run).c_str());
  if (run->contains("steps")) {
    for (const Json& step : (*run)["steps"])
      std::printf("step %-20s %-11s %.2fs\n", step.value("name", "").c_str(), step.value("status", "").c_str(),
                  step.value("duration_s", 0.0));
  }
  for (const Json& link : links) {
    // Export items name their entry in the archive, and why they were skipped.
    const std::string link_or_entry = link.value("link", "").empty() ? link.value("entry", "") : link.value("link", "");
    std::printf("  %-18s %-9s %s", link.value("outcome", "").c_str(), link.value("crawler", "").c_str(),
                link_or_entry.c_str());
    if (link.contains("skip_reason")) std::printf("  (%s)", link.value("skip_reason", "").c_str());
    if (link.contains("entry") && !link.value("link", "").empty()) std::printf("  [%s]", link.value("entry", "").c_str());
    if (link.contains("error_category"))
      std::printf("  [%s] %s", link.value("error_category", "").c_str(), link.value("message", "").c_str());
    std::printf("\n");
  }
  return kExitSuccess;
}

void AddRunsCommand(CLI::App& root, Context& context) {
  auto args = std::make_shared<RunsArgs>();
  CLI::App* runs = root.add_subcommand("runs", "Read back pipeline run records");
  runs->require_subcommand(1);
  CLI::App* list = runs->add_subcommand("list", "List recent runs, newest first");
  AddWarehouseOption(list, args->warehouse);
  list->add_option("--limit", args->limit, "How many runs")->check(CLI::PositiveNumber);
  list->add_flag("--json", args->json, "Print the run records as a JSON array");
  list->callback([args, &context] { context.run = [args] { return List(*args); }; });
  CLI::App* show = runs->add_subcommand("show", "Show one run: steps, per-domain counts and every link's fate");
  show->add_option("run_id", args->run_id, "The run id (from `runs list`)")->required();
  AddWarehouseOption(show, args->warehouse);
  show->add_flag("--json", args->json, "Print the run record and its links as JSON");
  show->add_flag("--failed", args->failed_only, "Only the links that failed");
  show->callback([args, &context] { context.run = [args] { return Show(*args); }; });
}

const CommandRegistrar kRegisterRuns(60, AddRunsCommand);

}  // namespace
}  // namespace llmtwin::cli
