#include "crawl/github_api.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <thread>

#include "crawl/crawl_util.h"
#include "crawl/host_pattern.h"
#include "domain/url.h"

namespace llmtwin {
namespace {

constexpr int kMaxPages = 50;  // 5,000 repositories

// First path segments that are GitHub's own pages, not users or organisations.
bool IsReservedName(std::string_view name) {
  static constexpr std::string_view kReserved[] = {
      "about", "apps", "collections", "contact", "customer-stories", "enterprise", "events", "explore", "features",
      "login", "marketplace", "new", "notifications", "orgs", "organizations", "pricing", "pulls", "issues", "search",
      "settings", "signup", "sponsors", "topics", "trending", "users", "join", "codespaces", "security", "site"};
  return std::find(std::begin(kReserved), std::end(kReserved), name) != std::end(kReserved);
}

bool IsGitHubHost(std::string_view url) {
  auto parsed = ParseHttpUrl(url);
  return parsed && (parsed->host == "github.com" || parsed->host == "www.github.com");
}

}  // namespace

std::optional<GitHubRepoRef> ParseGitHubRepoUrl(std::string_view url) {
  if (!IsGitHubHost(url)) return std::nullopt;
  const auto segments = PathSegments(url);
  if (segments.size() < 2 || IsReservedName(segments[0])) return std::nullopt;
  GitHubRepoRef ref{segments[0], segments[1], ""};
  if (ref.repo.ends_with(".git")) ref.repo.resize(ref.repo.size() - 4);
  if (segments.size() >= 4 && segments[2] == "tree") ref.ref = segments[3];
  return ref;
}

std::string ParseGitHubUserUrl(std::string_view url) {
  if (!IsGitHubHost(url)) return {};
  const auto segments = PathSegments(url);
  return segments.size() == 1 && !IsReservedName(segments[0]) ? segments[0] : std::string();
}

std::string NextPageLink(std::string_view header) {
  // <https://api.github.com/user/1/repos?page=2>; rel="next", <...>; rel="last"
  size_t pos = 0;
  while (pos < header.size()) {
    const auto open = header.find('<', pos);
    if (open == std::string_view::npos) break;
    const auto close = header.find('>', open);
    if (close == std::string_view::npos) break;
    const auto next = header.find('<', close);
    const std::string_view params = header.substr(close + 1, next == std::string_view::npos ? std::string_view::npos : next - close - 1);
    if (params.find("rel=\"next\"") != std::string_view::npos || params.find("rel=next") != std::string_view::npos)
      return std::string(header.substr(open + 1, close - open - 1));
    pos = close + 1;
  }
  return {};
}

std::optional<std::vector<std::string>> ParseRepositoryList(std::string_view json_text, bool include_forks) {
  const auto json = nlohmann::json::parse(json_text, nullptr, false);
  if (!json.is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& repo : json) {
    if (!repo.is_object() || !repo.contains("html_url") || !repo["html_url"].is_string()) continue;
    if (!include_forks && repo.value("fork", false)) continue;
    AppendUnique(out, repo["html_url"].get<std::string>());
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> GitHubApiHeaders() {
  std::vector<std::pair<std::string, std::string>> headers = {{"Accept", "application/vnd.github+json"},
                                                              {"X-GitHub-Api-Version", "2022-11-28"}};
  if (const char* token = std::getenv("GITHUB_TOKEN"); token && *token)
    headers.emplace_back("Authorization", std::string("Bearer ") + token);
  return headers;
}

GitHubListing ListUserRepositories(const std::string& user, CrawlContext& ctx) {
  GitHubListing listing;
  std::string url = "https://api.github.com/users/" + user + "/repos?per_page=100&type=owner&sort=updated&page=1";
  for (int page = 0; page < kMaxPages && !url.empty(); ++page) {
    if (!HostIsOrUnder(ParseHttpUrl(url) ? ParseHttpUrl(url)->host : "", "api.github.com")) {
      listing.error = "pagination left api.github.com (" + url + "); stopped";
      break;
    }
    FetchRequest request;
    request.url = url;
    request.headers = GitHubApiHeaders();
    // api.github.com's robots.txt disallows everything: it is addressed to search engines, not to
    // clients of the documented REST API, whose own rate limits we honour (X-RateLimit-*).
    request.obey_robots = false;
    const FetchResult result = ctx.fetcher.Fetch(std::move(request));
    const std::string remaining = result.Header("x-ratelimit-remaining");
    const long long reset = std::atoll(result.Header("x-ratelimit-reset").c_str());
    if (!result.ok()) {
      listing.error = OutcomeFromFetch("github", result).message;
      if (remaining == "0") listing.error += " (rate limit exhausted; set GITHUB_TOKEN for 5,000 requests an hour)";
      break;
    }
    auto repos = ParseRepositoryList(result.body, ctx.options.include_forks);
    if (!repos) {
      listing.error = url + ": not a JSON list of repositories";
      break;
    }
    for (auto& repo : *repos) AppendUnique(listing.repositories, std::move(repo));
    url = NextPageLink(result.Header("link"));
    if (!url.empty() && remaining == "0") {
      const long long wait = reset - static_cast<long long>(std::time(nullptr));
      if (wait > 60) {
        listing.error = "GitHub API rate limit exhausted; listing stopped after page " + std::to_string(page + 1) +
                        " (resets in " + std::to_string(wait) + " s; set GITHUB_TOKEN for a higher limit)";
        break;
      }
      if (wait > 0) {
        spdlog::info("github: rate limit exhausted, waiting {} s for the reset", wait);
        std::this_thread::sleep_for(std::chrono::seconds(wait));
      }
    }
  }
  return listing;
}

}  // namespace llmtwin
