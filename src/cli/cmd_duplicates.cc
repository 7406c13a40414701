// `llmtwin duplicates`: the clusters of near-duplicate documents within each author's writing
// (the same piece on several platforms), with the canonical copy first; --recompute rebuilds them
// (after a parameter change, or for a warehouse filled before duplicates were tracked).
#include <cstdio>
#include <iostream>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "domain/names.h"
#include "warehouse/duplicate_index.h"
#include "warehouse/warehouse.h"

namespace llmtwin::cli {
namespace {

struct DuplicatesArgs {
  std::string uri;
  std::string author;
  std::string platform_order;
  bool json = false;
  bool recompute = false;
};

std::string Shorten(std::string text, std::size_t width) {
  for (auto& c : text)
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  if (text.size() <= width) return text;
  std::size_t cut = width - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

int RunDuplicates(const DuplicatesArgs& args) {
  auto store = warehouse::OpenWarehouse(args.uri);
  const std::string author_id = warehouse::AuthorIdFor(*store, args.author);
  warehouse::DuplicateOptions options;
  if (!args.platform_order.empty()) options.platform_order = PlatformOrder::Parse(args.platform_order);
  warehouse::DuplicateIndex index(*store, options);
  if (args.recompute) {
    const std::size_t indexed = index.Recompute(author_id);
    std::fprintf(stderr, "indexed %zu document(s) (%s, threshold %.2f)\n", indexed, options.params.Tag().c_str(),
                 options.params.threshold);
  }
  const auto clusters = index.Clusters(author_id);
  if (args.json) {
    Json out = Json::array();
    for (const auto& cluster : clusters) {
      Json members = Json::array();
      for (const auto& m : cluster.members) {
        members.push_back({{"id", m.id},
                           {"collection", m.collection},
                           {"platform", m.platform},
                           {"title", m.title},
                           {"link", m.link},
                           {"published_at", m.published_at},
                           {"canonical", m.canonical},
                           {"similarity", m.similarity}});
      }
      out.push_back({{"author_id", cluster.author_id}, {"canonical", cluster.members.front().id}, {"members", members}});
    }
    std::cout << out.dump(2) << '\n';
    return kExitSuccess;
  }
  for (const auto& cluster : clusters) {
    std::printf("cluster of %zu (author %s)\n", cluster.members.size(), cluster.author_id.c_str());
    for (const auto& m : cluster.members) {
      char shown[16];
      std::snprintf(shown, sizeof shown, "%.2f", m.similarity);
      const std::string similarity = m.canonical ? "canonical" : shown;
      std::printf("  %-9s  %-24s  %-44s  %s\n", similarity.c_str(), Shorten(m.platform, 24).c_str(),
                  Shorten(m.title.empty() ? "(" + m.collection + ")" : m.title, 44).c_str(), m.link.c_str());
    }
  }
  std::size_t copies = 0;
  for (const auto& cluster : clusters) copies += cluster.members.size() - 1;
  std::printf("%zu cluster(s), %zu duplicate document(s)\n", clusters.size(), copies);
  return kExitSuccess;
}

void AddDuplicatesCommand(CLI::App& root, Context& context) {
  auto args = std::make_shared<DuplicatesArgs>();
  CLI::App* command = root.add_subcommand(
      "duplicates", "List the clusters of near-duplicate documents (the same piece on several platforms)");
  command->add_option("--author", args->author, "Author's full name (as stored) or author id");
  command->add_flag("--json", args->json, "Print the clusters as a JSON array");
  command->add_flag("--recompute", args->recompute,
                    "Rebuild templates, signatures and clusters first (after a parameter change)");
  command->add_option("--platform-order", args->platform_order,
                      "With --recompute: which copy is canonical when dates tie, e.g. own,substack,medium,linkedin "
                      "(\"own\": the author's own site)");
  AddWarehouseOption(command, args->uri);
  command->callback([args, &context] {
    context.run = [args] { return RunDuplicates(*args); };
  });
}

const CommandRegistrar kRegisterDuplicates(55, AddDuplicatesCommand);

}  // namespace
}  // namespace llmtwin::cli
