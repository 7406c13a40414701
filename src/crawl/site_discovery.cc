#include "crawl/site_discovery.h"

#include <algorithm>

#include "crawl/crawl_util.h"
#include "domain/url.h"

namespace llmtwin {
namespace {

constexpr int kMaxSitemaps = 10;

bool LooksLikeListing(const std::string& url) {
  const auto segments = PathSegments(url);
  if (segments.empty()) return true;
  static constexpr std::string_view kListing[] = {"tag", "tags", "category", "categories", "author", "page", "feed", "search"};
  return std::any_of(segments.begin(), segments.end(), [](const std::string& s) {
    return std::find(std::begin(kListing), std::end(kListing), s) != std::end(kListing);
  });
}

}  // namespace

std::vector<std::string> AnnouncedFeeds(const HtmlDocument& page) {
  std::vector<std::string> feeds;
  for (const HtmlNode& link : page.Select("link[rel=alternate]")) {
    const std::string type = link.Attr("type");
    if (type.find("rss") == std::string::npos && type.find("atom") == std::string::npos) continue;
    auto resolved = ResolveUrl(page.url(), link.Attr("href"));
    if (resolved) AppendUnique(feeds, *resolved);
  }
  return feeds;
}

Feed FetchFirstFeed(CrawlContext& ctx, const std::vector<std::string>& candidates, std::string* feed_url) {
  for (const auto& candidate : candidates) {
    const FetchResult result = FetchText(ctx, candidate);
    if (!result.ok()) continue;
    Feed feed = ParseFeed(result.body, result.final_url.empty() ? candidate : result.final_url);
    if (!feed.ok) continue;
    if (feed_url) *feed_url = candidate;
    return feed;
  }
  return {};
}

std::vector<std::string> DiscoverSitePosts(const std::string& url, CrawlContext& ctx) {
  std::vector<std::string> posts;
  const std::string origin = Origin(url);
  if (origin.empty()) return posts;
  std::vector<std::string> candidates;
  const FetchResult page = FetchText(ctx, url);
  if (page.ok()) {
    if (LooksLikeHtml(page)) {
      for (auto& feed : AnnouncedFeeds(HtmlDocument::ParseUtf8(page.body, page.final_url))) AppendUnique(candidates, feed);
    } else if (Feed feed = ParseFeed(page.body, page.final_url); feed.ok) {
      for (auto& item : feed.items) AppendUnique(posts, item.link);
      return posts;  // the URL was a feed itself
    }
  }
  for (const char* path : {"/feed", "/rss", "/atom.xml", "/index.xml", "/feed.xml", "/rss.xml"})
    AppendUnique(candidates, origin + path);
  if (Feed feed = FetchFirstFeed(ctx, candidates); feed.ok)
    for (auto& item : feed.items) AppendUnique(posts, item.link);

  std::vector<std::string> sitemaps = {origin + "/sitemap.xml"};
  for (size_t i = 0; i < sitemaps.size() && static_cast<int>(i) < kMaxSitemaps; ++i) {
    const FetchResult result = FetchText(ctx, sitemaps[i]);
    if (!result.ok()) continue;
    Sitemap sitemap = ParseSitemap(result.body);
    for (auto& child : sitemap.sitemaps) AppendUnique(sitemaps, child);
    for (auto& loc : sitemap.urls)
      if (!LooksLikeListing(loc) && Origin(loc) == origin) AppendUnique(posts, loc);
  }
  return posts;
}

}  // namespace llmtwin
