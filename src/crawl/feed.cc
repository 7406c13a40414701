#include "crawl/feed.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>

#include "domain/url.h"

namespace llmtwin {
namespace {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocHandle = std::unique_ptr<xmlDoc, XmlDocFree>;

struct XmlCharFree {
  void operator()(xmlChar* text) const { xmlFree(text); }
};

constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";

XmlDocHandle ParseXml(std::string_view xml) {
  if (xml.empty() || xml.size() > static_cast<size_t>(INT32_MAX)) return nullptr;
  // No network, no entity expansion, recover from the small errors real feeds have.
  const int flags = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_RECOVER |
                    XML_PARSE_NOCDATA | XML_PARSE_COMPACT | XML_PARSE_HUGE;
  return XmlDocHandle(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, flags));
}

std::string_view Name(xmlNodePtr node) { return reinterpret_cast<const char*>(node->name); }

std::string_view Ns(xmlNodePtr node) {
  return node->ns && node->ns->href ? std::string_view(reinterpret_cast<const char*>(node->ns->href))
                                    : std::string_view();
}

bool Is(xmlNodePtr node, std::string_view name, std::string_view ns = {}) {
  if (node->type != XML_ELEMENT_NODE || Name(node) != name) return false;
  return ns.empty() || Ns(node) == ns;
}

std::string Text(xmlNodePtr node) {
  std::unique_ptr<xmlChar, XmlCharFree> content(xmlNodeGetContent(node));
  if (!content) return {};
  std::string text(reinterpret_cast<const char*>(content.get()));
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return {};
  const auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

std::string Attr(xmlNodePtr node, const char* name) {
  std::unique_ptr<xmlChar, XmlCharFree> value(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)));
  return value ? std::string(reinterpret_cast<const char*>(value.get())) : std::string();
}

std::vector<xmlNodePtr> Children(xmlNodePtr node) {
  std::vector<xmlNodePtr> out;
  for (xmlNodePtr child = node ? node->children : nullptr; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE) out.push_back(child);
  return out;
}

std::string Resolve(std::string_view base, const std::string& link) {
  if (link.empty() || base.empty()) return link;
  auto resolved = ResolveUrl(base, link);
  return resolved ? *resolved : link;
}

// The href of an Atom <link> with rel=alternate (or no rel).
std::string AtomLink(xmlNodePtr parent) {
  for (xmlNodePtr child : Children(parent)) {
    if (!Is(child, "link")) continue;
    const std::string rel = Attr(child, "rel");
    if (rel.empty() || rel == "alternate") return Attr(child, "href");
  }
  return {};
}

FeedItem ParseRssItem(xmlNodePtr item, std::string_view base) {
  FeedItem out;
  for (xmlNodePtr child : Children(item)) {
    const std::string_view ns = Ns(child);
    const std::string_view name = Name(child);
    if (ns.empty()) {
      if (name == "title") out.title = Text(child);
      else if (name == "link") out.link = Resolve(base, Text(child));
      else if (name == "guid") out.guid = Text(child);
      else if (name == "pubDate") out.published = Text(child);
      else if (name == "description") out.summary_html = Text(child);
      else if (name == "author" && out.author.empty()) out.author = Text(child);
      else if (name == "category") out.categories.push_back(Text(child));
    } else if (ns == kContentNs && name == "encoded") {
      out.content_html = Text(child);
    } else if (ns == kDcNs && name == "creator") {
      out.author = Text(child);
    } else if (ns == kDcNs && name == "date" && out.published.empty()) {
      out.published = Text(child);
    } else if (ns == kAtomNs && name == "updated") {
      out.updated = Text(child);
    }
  }
  if (out.link.empty() && !out.guid.empty() && out.guid.rfind("http", 0) == 0) out.link = out.guid;
  return out;
}

FeedItem ParseAtomEntry(xmlNodePtr entry, std::string_view base) {
  FeedItem out;
  for (xmlNodePtr child : Children(entry)) {
    const std::string_view name = Name(child);
    if (name == "title") out.title = Text(child);
    else if (name == "id") out.guid = Text(child);
    else if (name == "published") out.published = Text(child);
    else if (name == "updated") out.updated = Text(child);
    else if (name == "content") out.content_html = Text(child);
    else if (name == "summary") out.summary_html = Text(child);
    else if (name == "category") out.categories.push_back(Attr(child, "term"));
    else if (name == "author" && out.author.empty()) {
      for (xmlNodePtr part : Children(child))
        if (Is(part, "name")) out.author = Text(part);
    }
  }
  out.link = Resolve(base, AtomLink(entry));
  if (out.published.empty()) out.published = out.updated;
  return out;
}

}  // namespace

Feed ParseFeed(std::string_view xml, std::string_view feed_url) {
  Feed feed;
  XmlDocHandle doc = ParseXml(xml);
  if (!doc) return feed;
  xmlNodePtr root = xmlDocGetRootElement(doc.get());
  if (!root) return feed;
  if (Is(root, "rss") || Is(root, "RDF")) {
    feed.ok = true;
    // RSS 2.0 nests items in <channel>; RSS 1.0 puts them beside it.
    std::vector<xmlNodePtr> containers = {root};
    for (xmlNodePtr child : Children(root))
      if (Is(child, "channel")) containers.push_back(child);
    for (xmlNodePtr container : containers) {
      for (xmlNodePtr child : Children(container)) {
        if (Is(child, "item")) {
          feed.items.push_back(ParseRssItem(child, feed_url));
        } else if (container != root && Ns(child).empty()) {
          if (Is(child, "title")) feed.title = Text(child);
          else if (Is(child, "link")) feed.link = Text(child);
        }
      }
    }
  } else if (Is(root, "feed")) {
    feed.ok = true;
    for (xmlNodePtr child : Children(root)) {
      if (Is(child, "entry")) feed.items.push_back(ParseAtomEntry(child, feed_url));
      else if (Is(child, "title")) feed.title = Text(child);
    }
    feed.link = Resolve(feed_url, AtomLink(root));
  }
  return feed;
}

Sitemap ParseSitemap(std::string_view xml) {
  Sitemap sitemap;
  XmlDocHandle doc = ParseXml(xml);
  if (!doc) return sitemap;
  xmlNodePtr root = xmlDocGetRootElement(doc.get());
  if (!root) return sitemap;
  const bool urlset = Is(root, "urlset");
  const bool index = Is(root, "sitemapindex");
  if (!urlset && !index) return sitemap;
  sitemap.ok = true;
  for (xmlNodePtr entry : Children(root)) {
    if (!Is(entry, urlset ? "url" : "sitemap")) continue;
    for (xmlNodePtr part : Children(entry)) {
      if (!Is(part, "loc")) continue;
      std::string loc = Text(part);
      if (loc.empty()) continue;
      (urlset ? sitemap.urls : sitemap.sitemaps).push_back(std::move(loc));
    }
  }
  return sitemap;
}

}  // namespace llmtwin
