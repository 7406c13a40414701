// `llmtwin discover URL... [--json]`: lists the post or repository URLs behind profiles,
// publications, GitHub users and sites (the crawl layer's Discover), one per line or as JSON, so a
// user can see what `sources:` would add before crawling anything.
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include <cstdio>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "common/error.h"
#include "crawl/crawler.h"
#include "domain/url.h"
#include "fetch/fetcher.h"

namespace llmtwin::cli {
namespace {

struct DiscoverArgs {
  std::vector<std::string> urls;
  bool json = false;
  NetworkFlags network;
};

int RunDiscover(const DiscoverArgs& args) {
  for (const auto& url : args.urls) {
    std::string why;
    if (!ParseHttpUrl(url, &why)) throw Error(ErrorKind::kUsage, "'" + url + "' " + why);
  }
  CrawlOptions options;
  args.network.ApplyTo(options);
  Fetcher fetcher(options);
  CrawlContext ctx{fetcher, options, {}, ""};
  const CrawlerDispatcher dispatcher = CrawlerDispatcher::Default();
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  int empty = 0;
  for (const auto& url : args.urls) {
    const std::vector<std::string> found = dispatcher.Discover(url, ctx);
    if (found.empty()) {
      ++empty;
      const std::string crawler = dispatcher.CrawlerNameFor(url);
      if (crawler == "linkedin")
        spdlog::warn("{}: LinkedIn lists nothing without a login; load your posts with `llmtwin import linkedin-export "
                     "Shares.csv --author NAME`", url);
      else
        spdlog::warn("{}: nothing found ({} discovery)", url, crawler);
    }
    if (args.json) {
      out.push_back({{"source", url}, {"crawler", dispatcher.CrawlerNameFor(url)}, {"links", found}});
    } else {
      for (const auto& link : found) std::printf("%s\n", link.c_str());
    }
  }
  if (args.json) std::printf("%s\n", out.dump(2).c_str());
  if (empty == static_cast<int>(args.urls.size())) return kExitPartialFailure;
  return empty > 0 ? kExitPartialFailure : kExitSuccess;
}

void AddDiscoverCommand(CLI::App& root, Context& context) {
  auto args = std::make_shared<DiscoverArgs>();
  CLI::App* discover = root.add_subcommand(
      "discover", "List the post or repository URLs behind a profile, publication, GitHub user or site");
  discover->add_option("url", args->urls, "Medium profile/publication, Substack publication, GitHub user, any blog")
      ->required();
  discover->add_flag("--json", args->json, "Print [{source, crawler, links}] as JSON instead of one URL per line");
  args->network.AddTo(discover);
  discover->footer(
      "Medium: the profile's or publication's RSS feed (its latest 10 posts). Substack: the /api/v1/archive pages.\n"
      "GitHub: the user's public repositories (REST API; GITHUB_TOKEN raises the rate limit; forks with\n"
      "--crawl include_forks=true). Other sites: their feeds and sitemap. LinkedIn lists nothing without a\n"
      "login: use `llmtwin import linkedin-export`.");
  discover->callback([args, &context] { context.run = [args] { return RunDiscover(*args); }; });
}

const CommandRegistrar kRegisterDiscover(30, AddDiscoverCommand);

}  // namespace
}  // namespace llmtwin::cli
