// RSS 2.0 / Atom feeds and XML sitemaps: how posts are discovered, and Medium's only source of
// full text for pages behind its bot wall.
//
// Parsing uses libxml2's XML parser (not a regex, not the HTML parser): namespaces are resolved,
// so `content:encoded`, `dc:creator` and `atom:updated` are found whatever prefix a feed binds
// them to. Network access is disabled and entities are not expanded (XXE-safe). A document that
// is not a feed gives an empty Feed with `ok == false`, never an exception: feeds are web input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace llmtwin {

struct FeedItem {
  std::string title;
  std::string link;          // resolved against the feed's URL
  std::string guid;          // RSS guid / Atom id
  std::string author;        // dc:creator, author name
  std::string published;     // as written (pubDate / published); normalise with NormalizeDate
  std::string updated;       // atom:updated / Atom updated
  std::string content_html;  // content:encoded / Atom content (HTML)
  std::string summary_html;  // description / Atom summary
  std::vector<std::string> categories;
};

struct Feed {
  bool ok = false;           // the document was an RSS or Atom feed
  std::string title;
  std::string link;          // the site the feed belongs to
  std::vector<FeedItem> items;
};

// Parses RSS 2.0, RSS 1.0 (RDF) or Atom. `feed_url` resolves relative links; it may be empty.
Feed ParseFeed(std::string_view xml, std::string_view feed_url = {});

struct Sitemap {
  bool ok = false;                     // a <urlset> or <sitemapindex>
  std::vector<std::string> urls;       // <urlset><url><loc>
  std::vector<std::string> sitemaps;   // <sitemapindex><sitemap><loc>
};

// Parses an XML sitemap or sitemap index (sitemaps.org 0.9).
Sitemap ParseSitemap(std::string_view xml);

}  // namespace llmtwin
