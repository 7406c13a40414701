// The small part of GitHub's REST API the crawler needs: which URL names a repository or a user,
// listing a user's public repositories page by page (Link: rel="next"), and rate limits.
//
// The token comes from GITHUB_TOKEN when set and is sent as `Authorization: Bearer` to
// api.github.com only; it is never logged or put in an error message. When X-RateLimit-Remaining
// reaches 0 the listing stops (or waits, when the reset is less than a minute away) instead of
// hammering the API into 403s.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crawl/crawler.h"

namespace llmtwin {

struct GitHubRepoRef {
  std::string owner, repo;
  std::string ref;  // from /tree/<ref>; "" = the default branch
};

// github.com/<owner>/<repo>[/tree/<ref>...]; std::nullopt for user pages and GitHub's own pages.
std::optional<GitHubRepoRef> ParseGitHubRepoUrl(std::string_view url);
// github.com/<user> -> "user"; "" otherwise.
std::string ParseGitHubUserUrl(std::string_view url);

// The rel="next" target of a Link header, or "".
std::string NextPageLink(std::string_view link_header);

// html_url of each repository in a /users/<u>/repos page (forks only when `include_forks`);
// std::nullopt when the text is not a JSON array.
std::optional<std::vector<std::string>> ParseRepositoryList(std::string_view json_text, bool include_forks);

// Request headers for api.github.com: Accept, API version and, when GITHUB_TOKEN is set, the
// bearer token.
std::vector<std::pair<std::string, std::string>> GitHubApiHeaders();

struct GitHubListing {
  std::vector<std::string> repositories;
  std::string error;  // "" when every page was read
};

// Lists a user's public repositories through the REST API (api_base defaults to
// https://api.github.com), following Link pagination and respecting rate limits.
GitHubListing ListUserRepositories(const std::string& user, CrawlContext& ctx);

}  // namespace llmtwin
