// `llmtwin warehouse export|import`: the book's export format (DIR/<Class>.json) or JSON Lines.
#include <spdlog/spdlog.h>

#include <cstdio>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "warehouse/dataset_export.h"
#include "warehouse/duplicate_index.h"
#include "warehouse/export_import.h"
#include "warehouse/warehouse.h"

namespace llmtwin::cli {
namespace {

struct WarehouseArgs {
  std::string uri;
  std::string dir;
  std::string format = "book";
  // --format dataset only
  std::string author;
  bool no_duplicates = false;
  std::size_t min_words = 0;
};

int RunDatasetExport(const WarehouseArgs& args) {
  auto store = warehouse::OpenWarehouse(args.uri);
  warehouse::DatasetOptions options;
  options.author_id = warehouse::AuthorIdFor(*store, args.author);
  options.include_duplicates = !args.no_duplicates;
  options.min_words = args.min_words;
  options.command = "llmtwin warehouse export --format dataset --dir " + args.dir;
  if (!args.author.empty()) options.command += " --author '" + args.author + "'";
  if (args.no_duplicates) options.command += " --no-duplicates";
  if (args.min_words) options.command += " --min-words " + std::to_string(args.min_words);
  const auto summary = warehouse::ExportDataset(*store, args.dir, options);
  const auto totals = summary.Totals();
  std::printf("exported to %s (dataset): %zu rows, %zu words; %zu near-duplicates and %zu short rows left out\n",
              args.dir.c_str(), totals.rows, totals.words, summary.duplicates_removed, summary.short_removed);
  for (const auto& [file, rows] : summary.rows_per_file) std::printf("  %-26s %zu\n", file.c_str(), rows);
  std::printf("  %-26s the dataset card\n", "README.md");
  return kExitSuccess;
}

int RunExport(const WarehouseArgs& args) {
  if (args.format == "dataset") return RunDatasetExport(args);
  if (!args.author.empty() || args.no_duplicates || args.min_words)
    throw Error(ErrorKind::kUsage, "--author, --no-duplicates and --min-words go with --format dataset");
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
  exp->add_option("--format", export_args->format,
                  "book (DIR/<Class>.json), jsonl (DIR/<collection>.jsonl) or dataset (DIR/data/*.jsonl and a "
                  "dataset card DIR/README.md, for training)")
      ->check(CLI::IsMember({"book", "jsonl", "dataset"}));
  exp->add_option("--author", export_args->author, "dataset: only this author (full name as stored, or id)");
  exp->add_flag("--no-duplicates", export_args->no_duplicates,
                "dataset: leave out documents that are a copy of another (llmtwin duplicates)");
  exp->add_option("--min-words", export_args->min_words, "dataset: leave out rows of fewer words");
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
