// Discovering a site's posts without a platform API: its feeds (RSS/Atom, announced with
// <link rel=alternate> or at the usual paths /feed, /rss, /atom.xml, /index.xml, /feed.xml) and
// its sitemap (/sitemap.xml, following a sitemap index one level, as WordPress and Hugo write).
//
// Feeds come first because they list posts only; a sitemap also lists tag pages, authors and
// the home page, so its URLs are kept only when they look like posts (deeper than the site root
// and not an obvious listing such as /tag/, /category/, /page/2).
#pragma once

#include <string>
#include <vector>

#include "crawl/crawler.h"
#include "crawl/feed.h"
#include "extract/html_document.h"

namespace llmtwin {

// The feed URLs a page announces (<link rel=alternate type=application/rss+xml|atom+xml>),
// resolved against the page's URL, in document order.
std::vector<std::string> AnnouncedFeeds(const HtmlDocument& page);

// Fetches the first feed that parses among `candidates`; Feed{ok=false} when none does.
Feed FetchFirstFeed(CrawlContext& ctx, const std::vector<std::string>& candidates, std::string* feed_url = nullptr);

// Post URLs of a site: announced feeds, then the usual feed paths, then the sitemap. `page` is
// the site's page already parsed (may be null: then it is fetched).
std::vector<std::string> DiscoverSitePosts(const std::string& url, CrawlContext& ctx);

}  // namespace llmtwin
