// CrawlerDispatcher (crawler.h) and the Crawler defaults.
#include <algorithm>

#include "common/error.h"
#include "crawl/article_crawler.h"
#include "crawl/crawl_util.h"
#include "crawl/crawler.h"
#include "crawl/github_crawler.h"
#include "crawl/linkedin_crawler.h"
#include "crawl/medium_crawler.h"
#include "crawl/page_markers.h"
#include "crawl/substack_crawler.h"
#include "domain/url.h"

namespace llmtwin {

std::string_view CrawlStatusName(CrawlStatus status) {
  switch (status) {
    case CrawlStatus::kCrawled: return "crawled";
    case CrawlStatus::kUnchanged: return "unchanged";
    case CrawlStatus::kSkipped: return "skipped";
    case CrawlStatus::kFailed: return "failed";
  }
  return "failed";
}

CrawlOutcome Crawler::CrawlFetched(const std::string& link, const FetchResult& /*page*/, CrawlContext& ctx) {
  return Crawl(link, ctx);
}

std::vector<std::string> Crawler::Discover(const std::string& /*url*/, CrawlContext& /*ctx*/) { return {}; }

template <typename T>
CrawlerFactory Make() {
  return [] { return std::make_unique<T>(); };
}

CrawlerDispatcher CrawlerDispatcher::Default() {
  CrawlerDispatcher dispatcher;
  dispatcher.Register("medium.com", Make<MediumCrawler>())
      .Register("*.medium.com", Make<MediumCrawler>())
      .Register("*.substack.com", Make<SubstackCrawler>())
      .Register("substack.com/@", Make<SubstackCrawler>())  // the app's post links: /@handle/p-<id>
      .Register("substack.com/home/post/", Make<SubstackCrawler>())
      .Register("github.com", Make<GitHubCrawler>())
      .Register("linkedin.com", Make<LinkedInCrawler>())
      .Register("*.linkedin.com", Make<LinkedInCrawler>())
      .RegisterMarkers([](const FetchResult& page) { return IsMediumPage(page); }, Make<MediumCrawler>())
      .RegisterMarkers([](const FetchResult& page) { return IsSubstackPage(page); }, Make<SubstackCrawler>())
      .RegisterFallback(Make<ArticleCrawler>());
  return dispatcher;
}

CrawlerDispatcher& CrawlerDispatcher::Register(std::string_view pattern, CrawlerFactory factory) {
  auto parsed = HostPattern::Parse(pattern);
  if (!parsed) throw Error(ErrorKind::kUsage, "crawler pattern '" + std::string(pattern) + "' is not host, *.host or host/path");
  if (!factory) throw Error(ErrorKind::kUsage, "crawler pattern '" + std::string(pattern) + "' has no factory");
  routes_.push_back({std::move(*parsed), std::move(factory)});
  return *this;
}

CrawlerDispatcher& CrawlerDispatcher::RegisterFallback(CrawlerFactory factory) {
  fallback_ = std::move(factory);
  return *this;
}

CrawlerDispatcher& CrawlerDispatcher::RegisterMarkers(std::function<bool(const FetchResult&)> detect,
                                                      CrawlerFactory factory) {
  marker_routes_.push_back({std::move(detect), std::move(factory)});
  return *this;
}

const CrawlerDispatcher::Route* CrawlerDispatcher::Match(const Url& url) const {
  const Route* best = nullptr;
  for (const Route& route : routes_) {
    if (!route.pattern.Matches(url)) continue;
    // More specific wins: a path prefix beats none, an exact host beats a wildcard.
    auto rank = [](const Route& r) { return r.pattern.path_prefix.size() * 2 + (r.pattern.wildcard ? 0 : 1); };
    if (!best || rank(route) > rank(*best)) best = &route;
  }
  return best;
}

std::unique_ptr<Crawler> CrawlerDispatcher::CrawlerFor(std::string_view link) const {
  auto url = ParseHttpUrl(link);
  if (!url) return nullptr;
  if (const Route* route = Match(*url)) return route->factory();
  if (!fallback_) throw Error(ErrorKind::kInternal, "CrawlerDispatcher has no fallback crawler");
  return fallback_();
}

std::string CrawlerDispatcher::CrawlerNameFor(std::string_view link) const {
  auto crawler = CrawlerFor(link);
  return crawler ? std::string(crawler->name()) : std::string();
}

CrawlOutcome CrawlerDispatcher::Crawl(const std::string& link, CrawlContext& ctx) const {
  std::string why;
  auto url = ParseHttpUrl(link, &why);  // the host in its ASCII form: an IDN host matches as punycode
  if (!url) return FailedOutcome("", "invalid-url", "'" + link + "' " + why);
  if (const Route* route = Match(*url)) {
    auto crawler = route->factory();
    CrawlOutcome outcome = crawler->Crawl(link, ctx);
    if (outcome.crawler.empty()) outcome.crawler = crawler->name();
    return outcome;
  }
  if (!fallback_) throw Error(ErrorKind::kInternal, "CrawlerDispatcher has no fallback crawler");
  // Unknown host: fetch once, then let the page's markers choose (Medium or Substack on a custom
  // domain), else the fallback crawler reads the page it was given.
  const FetchResult page = FetchText(ctx, link, /*conditional=*/true);
  std::unique_ptr<Crawler> crawler;
  if (page.ok()) {
    for (const MarkerRoute& route : marker_routes_) {
      if (route.detect(page)) {
        crawler = route.factory();
        break;
      }
    }
  }
  if (!crawler) crawler = fallback_();
  CrawlOutcome outcome = crawler->CrawlFetched(link, page, ctx);
  if (outcome.crawler.empty()) outcome.crawler = crawler->name();
  return outcome;
}

std::vector<std::string> CrawlerDispatcher::Discover(const std::string& url, CrawlContext& ctx) const {
  auto parsed = ParseHttpUrl(url);
  if (!parsed) throw Error(ErrorKind::kInvalidInput, "'" + url + "' is not an http(s) URL");
  if (const Route* route = Match(*parsed)) return route->factory()->Discover(url, ctx);
  if (!fallback_) throw Error(ErrorKind::kInternal, "CrawlerDispatcher has no fallback crawler");
  const FetchResult page = FetchText(ctx, url);
  if (page.ok()) {
    for (const MarkerRoute& route : marker_routes_)
      if (route.detect(page)) return route.factory()->Discover(url, ctx);
  }
  return fallback_()->Discover(url, ctx);
}

}  // namespace llmtwin
