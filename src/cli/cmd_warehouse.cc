// `llmtwin warehouse export|import`: the book's export format (DIR/<Class>.json) or JSON Lines.
#include <spdlog/spdlog.h>

#include <cstdio>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "warehouse/duplicate_index.h"
#include "warehouse/export_import.h"
#include "warehouse/warehouse.h"

namespace llmtwin::cli {
namespace {

struct WarehouseArgs {
  std::string uri;
  std::string dir;
  std::string format = "book";
};

int RunExport(const WarehouseArgs& args) {
  const auto format = warehouse::ParseExportFormat(args.format);
  auto store = warehouse::OpenWarehouse(args.uri);
  const auto counts = warehouse::ExportWarehouse(*store, args.dir, format);
  std::printf("exported to %s (%s format):\n", args.dir.c_str(), args.format.c_str());
  for (const auto& [cls, n] : counts)
    std::printf("  %-20s %zu\n", std::string(ClassName(cls)).c_str(), n);
  return kExitSuccess;
}

int RunImport(const WarehouseArgs& args) {
  auto store = warehouse::OpenWarehouse(args.uri);
  const auto results = warehouse::ImportWarehouse(*store, args.dir);
  std::printf("imported from %s:\n", args.dir.c_str());
  for (const auto& [cls, result] : results) {
    if (result.file.empty()) {
      std::printf("  %-20s no file\n", std::string(ClassName(cls)).c_str());
      continue;
    }
    std::printf("  %-20s %zu read, %zu inserted, %zu updated, %zu unchanged\n", std::string(ClassName(cls)).c_str(),
                result.read, result.counts.inserted, result.counts.updated, result.counts.unchanged);
  }
  // Imported documents are stored documents: their copies are found now, as the pipeline does.
  warehouse::DuplicateIndex index(*store);
  const std::size_t indexed = index.Recompute();
  std::size_t copies = 0;
  const auto clusters = index.Clusters();
  for (const auto& cluster : clusters) copies += cluster.members.size() - 1;
  std::printf("  duplicates: %zu document(s) compared, %zu cluster(s), %zu copies (llmtwin duplicates)\n", indexed,
              clusters.size(), copies);
  return kExitSuccess;
}

void AddWarehouseFlag(CLI::App* command, std::string& uri) {
  command->add_option("--warehouse", uri,
                      "Warehouse URI: sqlite:PATH or mongodb://HOST:PORT/DB (default: DATABASE_HOST/DATABASE_NAME, "
                      "else sqlite:data/twin.sqlite)")
      ->type_name("URI");
}

void AddWarehouseCommand(CLI::App& root, Context& context) {
  CLI::App* group = root.add_subcommand("warehouse", "Export or import the warehouse (the book's format)");
  group->require_subcommand(1);

  auto export_args = std::make_shared<WarehouseArgs>();
  CLI::App* exp = group->add_subcommand("export", "Write every document to DIR (book: one JSON array per class)");
  exp->add_option("--dir", export_args->dir, "Output folder (created if missing)")->required();
  exp->add_option("--format", export_args->format, "book (DIR/<Class>.json) or jsonl (DIR/<collection>.jsonl)")
      ->check(CLI::IsMember({"book", "jsonl"}));
  AddWarehouseFlag(exp, export_args->uri);
  exp->callback([export_args, &context] { context.run = [export_args] { return RunExport(*export_args); }; });

  auto import_args = std::make_shared<WarehouseArgs>();
  CLI::App* imp = group->add_subcommand(
      "import", "Upsert by _id every document of DIR/<Class>.json (or DIR/<collection>.jsonl); idempotent");
  imp->add_option("--dir", import_args->dir, "Folder holding the export files")->required()->check(CLI::ExistingDirectory);
  AddWarehouseFlag(imp, import_args->uri);
  imp->callback([import_args, &context] { context.run = [import_args] { return RunImport(*import_args); }; });
}

const CommandRegistrar kRegisterWarehouse(40, AddWarehouseCommand);

}  // namespace
}  // namespace llmtwin::cli
