#include "crawl/github_crawler.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "crawl/crawl_util.h"
#include "crawl/github_api.h"
#include "crawl/repository_archive.h"

namespace llmtwin {
namespace {

// A tarball is held in memory while it is read: bounded, since several links are crawled at once.
constexpr long long kMaxTarballBytes = 256LL << 20;

}  // namespace

CrawlOutcome GitHubCrawler::Crawl(const std::string& link, CrawlContext& ctx) {
  const auto ref = ParseGitHubRepoUrl(link);
  if (!ref) {
    std::string message = link + ": not a repository URL (github.com/<owner>/<repo>)";
    if (!ParseGitHubUserUrl(link).empty())
      message += "; it is a user page: list its repositories with `llmtwin discover " + link + "` or add it to `sources:`";
    return FailedOutcome(name(), "unsupported", message);
  }
  const std::string git_ref = ref->ref.empty() ? "HEAD" : ref->ref;
  const std::vector<std::pair<std::string, bool>> candidates = {
      {"https://codeload.github.com/" + ref->owner + "/" + ref->repo + "/tar.gz/" + git_ref, false},
      {"https://api.github.com/repos/" + ref->owner + "/" + ref->repo + "/tarball" + (ref->ref.empty() ? "" : "/" + ref->ref), true}};
  FetchResult tarball;
  for (const auto& [url, is_api] : candidates) {
    FetchRequest request;
    request.url = url;
    request.decode_text = false;
    request.max_body_bytes = std::max(ctx.options.max_body_bytes, kMaxTarballBytes);
    request.if_none_match = ctx.if_none_match;
    request.if_modified_since = ctx.if_modified_since;
    if (is_api) {
      request.headers = GitHubApiHeaders();
      request.obey_robots = false;  // see ListUserRepositories: the REST API is not a crawled site
    }
    tarball = ctx.fetcher.Fetch(std::move(request));
    if (tarball.ok() || tarball.not_modified()) break;
  }
  if (!tarball.ok()) return OutcomeFromFetch(name(), tarball);

  RepositoryArchiveLimits limits;
  limits.max_file_bytes = ctx.options.max_repo_file_bytes;
  RepositoryFiles files = ReadRepositoryArchive(tarball.body, limits);
  if (!files.ok) return FailedOutcome(name(), "parse", link + ": " + files.error);

  RepositoryDocument doc = NewRepository(ctx, "github", link);
  doc.name = ref->repo;
  doc.content = std::move(files.files);
  doc.skipped_files = std::move(files.skipped);
  doc.meta.etag = tarball.etag;
  doc.meta.last_modified = tarball.last_modified;
  doc.extra["owner"] = ref->owner;
  // GitHub names the top folder <owner>-<repo>-<short sha>: the commit we read.
  if (const auto dash = files.root.rfind('-'); dash != std::string::npos) doc.extra["commit"] = files.root.substr(dash + 1);
  doc.extra["total_bytes"] = files.total_bytes;
  if (files.truncated) doc.extra["truncated"] = true;
  doc.meta.content_hash = doc.ContentHash();

  CrawlOutcome outcome;
  outcome.status = CrawlStatus::kCrawled;
  outcome.crawler = name();
  outcome.etag = tarball.etag;
  outcome.last_modified = tarball.last_modified;
  outcome.repositories.push_back(std::move(doc));
  return outcome;
}

std::vector<std::string> GitHubCrawler::Discover(const std::string& url, CrawlContext& ctx) {
  if (const auto ref = ParseGitHubRepoUrl(url)) return {"https://github.com/" + ref->owner + "/" + ref->repo};
  const std::string user = ParseGitHubUserUrl(url);
  if (user.empty()) return {};
  GitHubListing listing = ListUserRepositories(user, ctx);
  if (!listing.error.empty()) spdlog::warn("github: {}", listing.error);
  return listing.repositories;
}

}  // namespace llmtwin
