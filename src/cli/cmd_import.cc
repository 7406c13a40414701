// `llmtwin import linkedin-export FILE --author NAME [--warehouse URI]`: loads the posts of a
// LinkedIn data export (Shares.csv) into the warehouse as PostDocuments.
//
// LinkedIn profiles and feeds are behind a login wall, so the author's own export is the honest
// way to get all of their posts. Posts are upserted by link (re-importing a newer export updates
// changed posts and adds new ones; nothing is duplicated). Shares without text (reposts without a
// comment) or without a link are skipped and counted.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "common/error.h"
#include "crawl/linkedin_export.h"
#include "domain/documents.h"
#include "extract/extractor.h"
#include "warehouse/warehouse.h"

namespace llmtwin::cli {
namespace {

struct ImportLinkedInArgs {
  std::string file;
  std::string author;
  std::string warehouse;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kIo, path + ": cannot open the file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

PostDocument ToPost(const LinkedInShare& share, const UserDocument& user, const std::string& imported_at) {
  PostDocument post;
  post.id = NewDocumentId();
  post.platform = "linkedin";
  post.author_id = user.id;
  post.author_full_name = user.FullName();
  post.link = share.share_link;
  post.content.text = share.commentary;
  if (!share.media_url.empty()) post.content.image = post.image = share.media_url;
  post.meta.published_at = NormalizeDate(share.date);
  post.meta.crawled_at = imported_at;
  post.meta.source = "linkedin-export";
  if (!share.shared_url.empty()) post.extra["shared_url"] = share.shared_url;
  if (!share.visibility.empty()) post.extra["visibility"] = share.visibility;
  post.meta.content_hash = post.ContentHash();
  return post;
}

int RunImportLinkedIn(const ImportLinkedInArgs& args) {
  if (args.author.find_first_not_of(" \t") == std::string::npos)
    throw Error(ErrorKind::kUsage, "--author must name the person whose export this is");
  std::vector<LinkedInShare> shares;
  try {
    shares = ParseLinkedInShares(ReadFile(args.file));
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::kInvalidInput) throw;
    throw Error(ErrorKind::kInvalidInput, args.file + ": " + e.what());
  }
  auto warehouse = warehouse::OpenWarehouse(args.warehouse);
  const UserDocument user = warehouse->GetOrCreateUser(args.author);
  const std::string now = NowIso8601();
  size_t inserted = 0, updated = 0, unchanged = 0, skipped = 0;
  for (const auto& share : shares) {
    if (share.commentary.empty() || share.share_link.empty()) {
      ++skipped;
      continue;
    }
    PostDocument post = ToPost(share, user, now);
    switch (warehouse->Upsert(post).outcome) {
      case warehouse::UpsertOutcome::kInserted: ++inserted; break;
      case warehouse::UpsertOutcome::kUpdated: ++updated; break;
      case warehouse::UpsertOutcome::kUnchanged: ++unchanged; break;
    }
  }
  std::printf("linkedin-export: %zu shares in %s for %s -> %s: %zu inserted, %zu updated, %zu unchanged, "
              "%zu skipped (no text or no link)\n",
              shares.size(), args.file.c_str(), user.FullName().c_str(), warehouse->Describe().c_str(), inserted,
              updated, unchanged, skipped);
  return kExitSuccess;
}

void AddImportCommand(CLI::App& root, Context& context) {
  CLI::App* import = root.add_subcommand("import", "Import data an author exported from a platform");
  import->require_subcommand(1);
  auto args = std::make_shared<ImportLinkedInArgs>();
  CLI::App* linkedin = import->add_subcommand(
      "linkedin-export", "Load the posts of a LinkedIn data export (Shares.csv) as PostDocuments");
  linkedin->add_option("file", args->file, "Shares.csv from the export (Settings > Data privacy > Get a copy of your data)")
      ->required()
      ->check(CLI::ExistingFile);
  linkedin->add_option("--author", args->author, "The author's full name (the user the posts belong to)")->required();
  linkedin->add_option("--warehouse", args->warehouse,
                       "sqlite:PATH or mongodb://... (default: DATABASE_HOST/DATABASE_NAME, else sqlite:data/twin.sqlite)");
  linkedin->callback([args, &context] { context.run = [args] { return RunImportLinkedIn(*args); }; });
}

const CommandRegistrar kRegisterImport(60, AddImportCommand);

}  // namespace
}  // namespace llmtwin::cli
