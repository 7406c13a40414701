// `llmtwin import KIND PATH --author NAME [--warehouse URI]`: loads an author's own platform export
// into the warehouse, as a pipeline run (get_or_create_user, import_exports) with a run record.
//
//   import medium-export PATH     Medium's "Download your information" zip or its folder
//   import substack-export PATH   Substack's export zip or folder (--publication-url URL)
//   import x-archive PATH         X's "Download an archive" zip or folder
//   import linkedin-export PATH   LinkedIn's export zip or folder, or its Shares.csv
//
// Crawling reaches only part of an author's writing (bot walls, login walls, paywalls, drafts); the
// export is the complete and polite copy. The whole export is read and checked before the
// warehouse is opened: a bad one (not a zip, truncated, another kind, a file that does not parse)
// is one error naming the archive and the entry, exit 2, nothing written. Documents are upserted by
// link, so importing twice changes nothing and a post crawled before is updated in place.
#include <spdlog/spdlog.h>

#include <cstdio>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "common/error.h"
#include "crawl/crawler.h"
#include "domain/names.h"
#include "fetch/fetcher.h"
#include "pipeline/etl_pipeline.h"
#include "pipeline/import_exports.h"
#include "pipeline/interrupt.h"
#include "pipeline/progress.h"
#include "warehouse/warehouse.h"

namespace llmtwin::cli {
namespace {

struct ImportArgs {
  std::string kind;
  std::string path;
  std::string author;
  std::string warehouse;
  ExportOptions options;
};

std::string SkipSummary(const std::map<std::string, int>& reasons) {
  std::string out;
  for (const auto& [reason, n] : reasons) out += (out.empty() ? "" : ", ") + reason + " " + std::to_string(n);
  return out.empty() ? "" : " (" + out + ")";
}

int RunImport(const ImportArgs& args) {
  if (SplitFullName(args.author).first_name.empty())
    throw Error(ErrorKind::kUsage, "--author must name the person whose export this is");
  EtlRequest request;
  request.user_full_name = args.author;
  request.exports.push_back(ExportSpec{args.kind, args.path, args.options});
  // Read the whole export before the warehouse is even opened.
  const std::vector<size_t> items = ValidateExports(request.exports);
  auto warehouse = warehouse::OpenWarehouse(ResolveWarehouseUri(args.warehouse));
  Fetcher fetcher(request.crawl);  // the pipeline's; an import fetches nothing
  const CrawlerDispatcher dispatcher = CrawlerDispatcher::Default();
  EtlPipeline pipeline(*warehouse, dispatcher, fetcher);
  InterruptGuard interrupt_guard;
  RunOptions options;
  options.progress_bar = StderrIsTerminal();
  options.validated_export_items = items.at(0);
  size_t inserted = 0, updated = 0;
  options.on_link = [&](const Json& record) {
    const std::string outcome = record.value("outcome", "");
    inserted += outcome == "stored";
    updated += outcome == "updated";
  };
  const RunReport report = pipeline.Run(request, options);
  const std::string key = ExportCountKey(args.kind);
  const DomainCounts counts = report.imports.per_kind.count(key) ? report.imports.per_kind.at(key) : DomainCounts{};
  const auto reasons = report.imports.skip_reasons.count(key) ? report.imports.skip_reasons.at(key) : std::map<std::string, int>{};
  std::printf("%s: %d items in %s for %s -> %s: %zu inserted, %zu updated, %d unchanged, %d skipped%s, %d failed\n",
              key.c_str(), counts.total, args.path.c_str(), report.user.user.FullName().c_str(),
              warehouse->Describe().c_str(), inserted, updated, counts.unchanged, counts.skipped,
              SkipSummary(reasons).c_str(), counts.failed);
  std::printf("run %s: %s\n%s", report.run_id.c_str(), report.status.c_str(),
              ProgressReporter::SummaryTable(report.PerDomainAndKind()).c_str());
  if (report.status == "interrupted") return kExitInterrupted;
  if (report.Failed() > 0) {
    std::printf("%d item(s) failed: `llmtwin runs show %s` lists why\n", report.Failed(), report.run_id.c_str());
    return kExitPartialFailure;
  }
  return kExitSuccess;
}

CLI::App* AddKind(CLI::App* import, Context& context, const char* name, const char* kind, const char* help,
                  const char* path_help, std::shared_ptr<ImportArgs>& args) {
  args = std::make_shared<ImportArgs>();
  args->kind = kind;
  CLI::App* command = import->add_subcommand(name, help);
  command->add_option("path", args->path, path_help)->required()->check(CLI::ExistingPath);
  command->add_option("--author", args->author, "The author's full name (the user the documents belong to)")->required();
  AddWarehouseOption(command, args->warehouse);
  command->callback([args, &context] { context.run = [args] { return RunImport(*args); }; });
  return command;
}

void AddImportCommand(CLI::App& root, Context& context) {
  CLI::App* import = root.add_subcommand("import", "Import the data an author exported from a platform");
  import->require_subcommand(1);
  std::shared_ptr<ImportArgs> medium, substack, x, linkedin;
  CLI::App* m = AddKind(import, context, "medium-export", "medium",
                        "Load a Medium export (posts/*.html) as ArticleDocuments (responses as PostDocuments)",
                        "The zip Medium mails (Settings > Download your information) or its unpacked folder", medium);
  m->add_flag("--include-drafts", medium->options.include_drafts, "Also import drafts (draft_*.html), linked as medium.com/p/<id>");
  m->add_flag("--skip-responses", medium->options.skip_responses,
              "Leave out responses (short replies to other stories; kept as PostDocuments by default)");
  CLI::App* s = AddKind(import, context, "substack-export", "substack",
                        "Load a Substack export (posts.csv + posts/*.html) as ArticleDocuments",
                        "The zip of Settings > Exports, or its unpacked folder", substack);
  s->add_option("--publication-url", substack->options.publication_url,
                "Where the posts live: https://NAME.substack.com or the publication's custom domain")
      ->required();
  s->add_flag("--include-drafts", substack->options.include_drafts, "Also import unpublished posts");
  CLI::App* t = AddKind(import, context, "x-archive", "x", "Load an X (Twitter) archive (data/tweets.js) as PostDocuments",
                        "The zip of Settings > Download an archive, or its unpacked folder", x);
  t->add_flag("--skip-replies", x->options.skip_replies, "Leave out replies (kept by default)");
  t->add_option("--handle", x->options.handle, "The account's handle when the archive has no data/account.js");
  AddKind(import, context, "linkedin-export", "linkedin", "Load the posts of a LinkedIn data export as PostDocuments",
          "The export's zip or folder (Get a copy of your data), or its Shares.csv", linkedin);
}

const CommandRegistrar kRegisterImport(60, AddImportCommand);

}  // namespace
}  // namespace llmtwin::cli
