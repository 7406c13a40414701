// GitHub repositories -> RepositoryDocument (content: path -> exact text of each kept file).
//
// The repository is fetched as a tarball through our Fetcher (codeload.github.com/<o>/<r>/tar.gz/
// <ref>, then the API's /repos/<o>/<r>/tarball) and read in memory by repository_archive.h, which
// decides what to keep and records what it skipped and why (`skipped_files`). Why a tarball and
// not a git clone: docs/crawlers.md. A user URL (github.com/<user>) is not a repository: Discover
// lists the user's public repositories through the REST API (github_api.h); Crawl says so.
#pragma once

#include "crawl/crawler.h"

namespace llmtwin {

class GitHubCrawler : public Crawler {
 public:
  std::string_view name() const override { return "github"; }
  CrawlOutcome Crawl(const std::string& link, CrawlContext& ctx) override;
  std::vector<std::string> Discover(const std::string& url, CrawlContext& ctx) override;
};

}  // namespace llmtwin
