#include "extract/metadata.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>

#include "domain/url.h"
#include "extract/text_util.h"

namespace llmtwin {
namespace {

const char* AsChars(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

// What one walk over the document collects for the ranking below.
struct Evidence {
  std::string html_lang;
  std::string title_tag;
  std::vector<std::string> h1s;
  std::vector<xmlNodePtr> h1_nodes;
  std::vector<std::string> time_datetimes;      // <time datetime>, in document order
  std::string pubdate_time;                     // <time pubdate> / itemprop=datePublished
  std::string itemprop_modified;
  std::vector<std::string> microdata_authors;   // itemprop=author
  std::vector<std::string> rel_authors;         // <a rel=author>
  xmlNodePtr author_link = nullptr;             // the first <a href=".../author/...">
  struct Byline {
    xmlNodePtr element;
    std::string names;
  };
  std::vector<Byline> bylines;                  // elements whose class/id says byline/author
  struct ShownDate {
    std::string class_and_id, text;
  };
  std::vector<ShownDate> visible_dates;         // elements whose class says date/published
  std::unordered_map<std::string, int> date_class_uses;  // how often each such class occurs
  std::string canonical;
  std::string image_src;
  std::vector<std::string> rel_tags;
  std::string labelled_author;                  // the name after a "Written by" label
  int label_checks = 0;
  bool day_first = false;                       // the page's region writes 03/10/2023 for 3 October
  std::vector<xmlNodePtr> publishing_notes;     // body text nodes saying "published" ("originally published on")
};

// Whether a page in `language` ("en-GB", "fr", "pt_BR") writes numeric dates day first: every
// region but the United States, and English without a region (most such pages are American).
bool WritesDayFirst(std::string_view language) {
  const std::string lower = text::ToLower(text::Trim(language));
  if (lower.empty()) return false;
  if (lower == "en" || lower.starts_with("en-us") || lower.starts_with("en_us")) return false;
  return true;
}

std::string Attr(xmlNodePtr node, const char* name) { return HtmlNode(node).Attr(name); }

bool LooksLikeUrl(std::string_view s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0 || s.rfind("//", 0) == 0 || s.rfind("/", 0) == 0;
}

// The class and id of an element, lower-cased, for the byline/date evidence.
std::string ClassAndId(xmlNodePtr node) {
  std::string out;
  for (xmlAttrPtr attr = node->properties; attr != nullptr; attr = attr->next) {
    const char* name = AsChars(attr->name);
    if ((std::strcmp(name, "class") == 0 || std::strcmp(name, "id") == 0) && attr->children != nullptr &&
        attr->children->content != nullptr) {
      // Real class lists are short; a megabyte one is hostile and would make every match slow.
      out += text::ToLower(std::string_view(AsChars(attr->children->content)).substr(0, 1024));
      out += ' ';
    }
  }
  return out;
}

bool IsBylineClass(std::string_view ci) {
  if (ci.empty()) return false;
  if (ci.find("avatar") != std::string_view::npos || ci.find("author-bio") != std::string_view::npos ||
      ci.find("authorbio") != std::string_view::npos || ci.find("comment") != std::string_view::npos ||
      ci.find("authority") != std::string_view::npos || ci.find("authoriz") != std::string_view::npos ||
      ci.find("follow") != std::string_view::npos || ci.find("author-note") != std::string_view::npos) {
    // "authority-control" is a Wikipedia navbox; "followauthor" widgets list other writers to
    // follow under a heading ("Yahoo News Exclusives"); an "author-note" is a note, headed "A note
    // from Sleyca".
    return false;
  }
  // The author's job beside the name ("author-title": "AI platform for healthcare").
  for (std::string_view role : {"author-title", "author_title", "author-role", "author-job", "author-position",
                                "author-description", "author-desc"}) {
    if (ci.find(role) != std::string_view::npos) return false;
  }
  return ci.find("byline") != std::string_view::npos || ci.find("author") != std::string_view::npos ||
         ci.find("writer") != std::string_view::npos;
}

bool IsDateClass(std::string_view ci) {
  if (ci.empty()) return false;
  if (ci.find("update") != std::string_view::npos || ci.find("comment") != std::string_view::npos) return false;
  return ci.find("date") != std::string_view::npos || ci.find("publish") != std::string_view::npos ||
         ci.find("posted") != std::string_view::npos || ci.find("timestamp") != std::string_view::npos ||
         ci.find("post-time") != std::string_view::npos;
}

// JSON-LD bodies are sometimes wrapped for old parsers: "<![CDATA[ ... ]]>", "<!-- ... -->",
// "//<![CDATA[ ... //]]>".
std::string StripScriptWrappers(std::string body) {
  std::string_view view = text::Trim(body);
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::string_view open : {"//<![CDATA[", "<![CDATA[", "<!--"}) {
      if (view.substr(0, open.size()) == open) {
        view = text::Trim(view.substr(open.size()));
        changed = true;
      }
    }
    for (std::string_view close : {"//]]>", "]]>", "//-->", "-->"}) {
      if (view.size() >= close.size() && view.substr(view.size() - close.size()) == close) {
        view = text::Trim(view.substr(0, view.size() - close.size()));
        changed = true;
      }
    }
  }
  return std::string(view);
}

bool HasAncestor(xmlNodePtr node, std::initializer_list<std::string_view> names) {
  for (xmlNodePtr up = node; up != nullptr && up->type == XML_ELEMENT_NODE; up = up->parent) {
    for (std::string_view name : names) {
      if (name == AsChars(up->name)) return true;
    }
  }
  return false;
}

// The text pieces of an element (its text nodes, trimmed), so that "<span>Luke Kim</span>
// <span>December 17, 2025</span>" does not read as "Luke KimDecember 17, 2025".
std::vector<std::string> TextPieces(const HtmlNode& element, size_t limit) {
  std::vector<std::string> pieces;
  xmlNodePtr root = element.get();
  if (root == nullptr) return pieces;
  // Links to tag and category pages in a byline ("Personal finance") are topics, not names; an
  // avatar drawn as SVG holds initials. A walk that stops at `limit` pieces: a byline class may
  // wrap a whole article.
  for (xmlNodePtr node = root->children; node != nullptr && pieces.size() < limit;) {
    if (node->type == XML_ELEMENT_NODE) {
      const std::string_view name = AsChars(node->name);
      bool skip = name == "script" || name == "style" || name == "svg";
      if (name == "a") {
        const std::string href = Attr(node, "href");
        skip = href.find("/tag/") != std::string::npos || href.find("/category/") != std::string::npos ||
               Attr(node, "rel").find("tag") != std::string::npos;
      }
      if (!skip && node->children != nullptr) {
        node = node->children;
        continue;
      }
    } else if (node->type == XML_TEXT_NODE && node->content != nullptr) {
      std::string piece = text::CollapseWhitespace(AsChars(node->content));
      if (!piece.empty()) pieces.push_back(std::move(piece));
    }
    node = text::NextSkippingChildren(node, root);
  }
  return pieces;
}

bool IsBylineLabel(std::string_view piece) {
  std::string label = text::ToLower(text::Trim(piece));
  while (!label.empty() && (label.back() == ':' || label.back() == ' ')) label.pop_back();
  for (std::string_view known : {"by", "written by", "article by", "posted by", "published by", "words by", "story by",
                                 "text by", "authored by", "author", "authors", "written by:", "reviewed by", "von",
                                 "par", "por", "contributors", "contributor"}) {
    if (label == known) return true;
  }
  return false;
}

std::string CleanName(std::string_view raw);

// The name in a byline element: a marked-up name, else the first text piece that reads as a
// name ("By" / dates / separators skipped).
bool LooksLikeProperName(std::string_view name);

std::string BylineName(const HtmlNode& byline) {
  for (const char* xpath : {".//*[@itemprop='name']", ".//*[contains(@class,'name') and not(contains(@class,'username'))]",
                            ".//a[contains(@href,'author') or contains(@rel,'author')]"}) {
    for (const HtmlNode& candidate : byline.XPath(xpath)) {
      std::string value = candidate.Text();
      if (value.empty() && candidate.Tag() == "meta") value = candidate.Attr("content");
      const int words = text::CountWords(value);
      if (words >= 1 && words <= 5 && value.size() < 60 && !CleanName(value).empty()) return value;
    }
  }
  // The first piece that reads as a name, with the names listed after it between joiners:
  // "Written by <span>Dr Marna van der Merwe</span>, <span>Dr Dieter Veldsman</span>, ...".
  std::vector<std::string> names;
  bool joined = false;  // a joiner came after the last name
  for (const std::string& piece : TextPieces(byline, 24)) {
    if (names.empty() && IsBylineLabel(piece)) continue;
    const std::string_view bare = text::Trim(piece);
    if (!names.empty() && (bare == "," || bare == "&" || bare == "and" || bare == ", and")) {
      joined = true;
      continue;
    }
    const std::string name = CleanName(piece);
    const bool one_name = !name.empty() && text::CountWords(name) <= 6;
    if (names.empty()) {
      if (one_name) names.push_back(name);
      continue;
    }
    if (!joined || !one_name || !LooksLikeProperName(name)) break;
    names.push_back(name);
    joined = false;
  }
  return text::Join(names, ", ");
}

// Links to an author's page ("/author/jane-doe/", "/authors/jane", "?author=3" is not one: that
// form is also used for filters).
bool IsAuthorPageLink(std::string_view href) {
  for (std::string_view path : {"/author/", "/authors/", "/contributor/", "/contributors/", "/writer/", "/writers/"}) {
    const size_t at = href.find(path);
    if (at != std::string_view::npos && at + path.size() < href.size()) return true;
  }
  return false;
}

// The element around `node`, or `node` itself at the top of the document.
xmlNodePtr ParentElementOrSelf(xmlNodePtr node) {
  return node->parent != nullptr && node->parent->type == XML_ELEMENT_NODE ? node->parent : node;
}

bool IsAncestor(xmlNodePtr ancestor, xmlNodePtr node) {
  for (xmlNodePtr up = node; up != nullptr; up = up->parent) {
    if (up == ancestor) return true;
  }
  return false;
}

// Whether an element sits in a comment thread (an ancestor classed "comment..."), where
// "author" classes name the commenters.
bool InComments(xmlNodePtr node) {
  int depth = 0;
  for (xmlNodePtr up = node->parent; up != nullptr && up->type == XML_ELEMENT_NODE && depth < 12; up = up->parent, ++depth) {
    if (up->properties != nullptr && ClassAndId(up).find("comment") != std::string::npos) return true;
  }
  return false;
}

// Parses one JSON-LD body and adds its objects to `objects`, arrays and @graph flattened (bounded
// work: 200 objects per page).
void AddJsonLd(std::string body, std::vector<nlohmann::json>& objects) {
  if (objects.size() >= 200) return;
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded()) {
    // Common breakage: raw newlines inside strings, or a trailing ';'.
    for (char& c : body) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    while (!body.empty() && (body.back() == ';' || body.back() == ' ')) body.pop_back();
    parsed = nlohmann::json::parse(body, nullptr, false);
  }
  if (parsed.is_discarded()) return;
  // No copies: copying a value recurses into it, and a hostile page nests 100,000 arrays deep.
  std::vector<nlohmann::json> pending;
  pending.push_back(std::move(parsed));
  while (!pending.empty() && objects.size() < 200) {
    nlohmann::json item = std::move(pending.back());
    pending.pop_back();
    if (item.is_array()) {
      for (auto it = item.rbegin(); it != item.rend(); ++it) pending.push_back(std::move(*it));
    } else if (item.is_object() && item.contains("@graph")) {
      nlohmann::json graph = std::move(item["@graph"]);
      item.erase("@graph");
      if (item.contains("@type")) objects.push_back(std::move(item));
      if (graph.is_array()) {
        for (auto it = graph.rbegin(); it != graph.rend(); ++it) pending.push_back(std::move(*it));
      } else {
        pending.push_back(std::move(graph));
      }
    } else if (item.is_object()) {
      objects.push_back(std::move(item));
    }
  }
}

void Walk(const HtmlDocument& document, PageMetadata& meta, Evidence& ev) {
  const HtmlNode root = document.Root();
  if (!root) return;
  ev.html_lang = root.Attr("lang");
  if (ev.html_lang.empty()) ev.html_lang = root.Attr("xml:lang");
  xmlNodePtr node = root.get();
  bool in_body = false;
  while (node != nullptr) {
    bool descend = true;
    if (node->type == XML_ELEMENT_NODE) {
      const char* name = AsChars(node->name);
      if (std::strcmp(name, "body") == 0) in_body = true;
      switch (name[0]) {
        case 'm':
          if (std::strcmp(name, "meta") == 0) {
            std::string key = Attr(node, "property");
            if (key.empty()) key = Attr(node, "name");
            if (key.empty()) key = Attr(node, "itemprop");
            if (key.empty()) key = Attr(node, "http-equiv");
            std::string content = Attr(node, "content");
            if (content.empty()) content = Attr(node, "value");
            // JSON-LD written into a meta tag, as an old Remix release renders a meta function's
            // "script:ld+json" entry.
            if (key == "script:ld+json") AddJsonLd(content, meta.json_ld);
            if (!key.empty() && !content.empty() && meta.meta.size() < 2000) {
              // A property attribute may list several properties ("og:title twitter:title").
              for (const std::string& part : text::Split(text::CollapseWhitespace(key), ' ')) {
                if (part.empty()) continue;
                std::string property = text::ToLower(part);
                // Dublin Core in RDFa ("dc:creator", "dcterms:created") is the "dc.creator" of HTML meta.
                if (property.starts_with("dc:") || property.starts_with("dcterms:")) property[property.find(':')] = '.';
                meta.meta.emplace_back(std::move(property), std::string(text::Trim(content)));
              }
            }
            if (in_body) {
              const std::string itemprop = Attr(node, "itemprop");
              if (itemprop == "datePublished" && ev.pubdate_time.empty()) ev.pubdate_time = content;
              if (itemprop == "dateModified" && ev.itemprop_modified.empty()) ev.itemprop_modified = content;
            }
            descend = false;
          }
          break;
        case 'l':
          if (std::strcmp(name, "link") == 0) {
            const std::string rel = text::ToLower(Attr(node, "rel"));
            if (rel == "canonical" && ev.canonical.empty()) ev.canonical = Attr(node, "href");
            if (rel == "image_src" && ev.image_src.empty()) ev.image_src = Attr(node, "href");
            descend = false;
          }
          break;
        case 't':
          if (std::strcmp(name, "title") == 0) {
            if (ev.title_tag.empty() && !in_body) ev.title_tag = HtmlNode(node).Text();
            descend = false;
          } else if (std::strcmp(name, "time") == 0) {
            std::string datetime = Attr(node, "datetime");
            if (datetime.empty()) datetime = HtmlNode(node).Text();
            if (!datetime.empty() && ev.time_datetimes.size() < 50) {
              if ((HtmlNode(node).HasAttr("pubdate") || Attr(node, "itemprop") == "datePublished") &&
                  ev.pubdate_time.empty()) {
                ev.pubdate_time = datetime;
              }
              ev.time_datetimes.push_back(datetime);
            }
          }
          break;
        case 's':
          if (std::strcmp(name, "script") == 0) {
            const std::string type = text::ToLower(text::Trim(Attr(node, "type")));
            if (type == "application/ld+json") AddJsonLd(StripScriptWrappers(HtmlNode(node).RawText()), meta.json_ld);
            descend = false;
          } else if (std::strcmp(name, "style") == 0 || std::strcmp(name, "svg") == 0) {
            descend = false;
          }
          break;
        case 'h':
          if (std::strcmp(name, "h1") == 0 && ev.h1s.size() < 10) {
            ev.h1s.emplace_back(text::WithoutTrailingPermalinkMark(HtmlNode(node).Text()));
            ev.h1_nodes.push_back(node);
            descend = false;
          }
          break;
        case 'a':
          if (std::strcmp(name, "a") == 0) {
            const std::string rel = text::ToLower(Attr(node, "rel"));
            if (rel.find("author") != std::string::npos && ev.rel_authors.size() < 10) {
              ev.rel_authors.push_back(HtmlNode(node).Text());
            }
            if (ev.author_link == nullptr && in_body && IsAuthorPageLink(Attr(node, "href"))) ev.author_link = node;
            if ((rel == "tag" || rel == "category tag") && ev.rel_tags.size() < 50) {
              ev.rel_tags.push_back(HtmlNode(node).Text());
            }
          }
          break;
        default:
          break;
      }
      if (descend && in_body && ev.labelled_author.empty() && ev.label_checks < 2000) {
        // "<p>Written by</p><p>Jane Doe</p>": a label element followed by the name.
        xmlNodePtr first = node->children;
        if (first != nullptr && first->type == XML_TEXT_NODE && first->next == nullptr && first->content != nullptr) {
          ++ev.label_checks;
          // Not inside code: "ORDER <span>BY</span> <span>period</span>".
          if (IsBylineLabel(AsChars(first->content)) && !HasAncestor(node, {"pre", "code"})) {
            for (xmlNodePtr next = node->next; next != nullptr; next = next->next) {
              if (next->type != XML_ELEMENT_NODE && !(next->type == XML_TEXT_NODE && next->content != nullptr)) continue;
              const std::string value = next->type == XML_TEXT_NODE ? text::CollapseWhitespace(AsChars(next->content))
                                                                     : BylineName(HtmlNode(next));
              if (text::Trim(value).empty()) continue;
              ev.labelled_author = CleanName(value);
              break;
            }
          }
        }
      }
      if (descend && in_body) {
        const std::string itemprop = Attr(node, "itemprop");
        if (!itemprop.empty()) {
          if (itemprop.find("author") != std::string::npos || itemprop.find("creator") != std::string::npos) {
            // <span itemprop=author itemscope><span itemprop=name>Jane</span></span>
            HtmlNode author(node);
            HtmlNode name_node = author.XPath(".//*[@itemprop='name']").empty()
                                     ? HtmlNode()
                                     : author.XPath(".//*[@itemprop='name']").front();
            std::string value = name_node ? name_node.Text() : author.Text();
            if (value.empty()) value = Attr(node, "content");
            // Only the first: pages list other articles' authors with the same markup.
            if (ev.microdata_authors.empty()) ev.microdata_authors.push_back(value);
            descend = false;
          } else if (itemprop == "datePublished" && ev.pubdate_time.empty()) {
            ev.pubdate_time = Attr(node, "datetime");
            if (ev.pubdate_time.empty()) ev.pubdate_time = Attr(node, "content");
            if (ev.pubdate_time.empty()) ev.pubdate_time = HtmlNode(node).Text();
          } else if (itemprop == "dateModified" && ev.itemprop_modified.empty()) {
            ev.itemprop_modified = Attr(node, "datetime");
            if (ev.itemprop_modified.empty()) ev.itemprop_modified = Attr(node, "content");
          }
        }
        if (descend && node->properties != nullptr) {
          const std::string ci = ClassAndId(node);
          if (IsBylineClass(ci) && ev.bylines.size() < 10 && !InComments(node)) {
            std::string value = BylineName(HtmlNode(node));
            if (!value.empty() && value.size() < 120) ev.bylines.push_back({node, std::move(value)});
          }
          if (IsDateClass(ci)) {  // "publish-date-author" holds both
            if (ev.date_class_uses.size() < 1000 || ev.date_class_uses.count(ci) != 0) ++ev.date_class_uses[ci];
            if (ev.visible_dates.size() < 10) {
              std::string value = HtmlNode(node).Text();
              if (!value.empty() && value.size() < 100) ev.visible_dates.push_back({ci, std::move(value)});
            }
          }
        }
      }
    }
    if (in_body && node->type == XML_TEXT_NODE && node->content != nullptr && ev.publishing_notes.size() < 20) {
      const std::string_view piece = AsChars(node->content);
      if (piece.size() <= 2000 &&
          (piece.find("ublished") != std::string_view::npos || piece.find("UBLISHED") != std::string_view::npos)) {
        ev.publishing_notes.push_back(node);
      }
    }
    if (descend && node->type == XML_ELEMENT_NODE && node->children != nullptr) {
      node = node->children;
      continue;
    }
    while (node != nullptr && node->next == nullptr) {
      node = node->parent;
      if (node == root.get() || node == nullptr) return;
    }
    if (node != nullptr) node = node->next;
  }
}

bool HasType(const nlohmann::json& object, std::initializer_list<std::string_view> types) {
  auto matches = [&](const nlohmann::json& type) {
    if (!type.is_string()) return false;
    const std::string& t = type.get_ref<const std::string&>();
    for (std::string_view candidate : types) {
      if (t == candidate) return true;
    }
    return false;
  };
  const auto it = object.find("@type");
  if (it == object.end()) return false;
  if (it->is_array()) {
    for (const auto& type : *it) {
      if (matches(type)) return true;
    }
    return false;
  }
  return matches(*it);
}

std::string JsonString(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_array() && !it->empty() && it->front().is_string()) return it->front().get<std::string>();
  if (it->is_object()) {
    for (const char* inner : {"name", "url", "@value", "@id"}) {
      const auto in = it->find(inner);
      if (in != it->end() && in->is_string()) return in->get<std::string>();
    }
  }
  return {};
}

// HTML entities left in JSON-LD strings by some CMSs ("Don&#8217;t").
std::string DecodeEntities(const std::string& s) {
  if (s.find('&') == std::string::npos) return s;
  HtmlDocument fragment = HtmlDocument::ParseUtf8("<p>" + s + "</p>");
  return fragment.Body().Text();
}

// A lower-case word naming a newsroom job ("writer", "columnist").
bool IsRoleNoun(std::string_view word) {
  for (std::string_view known : {"writer", "editor", "reporter", "correspondent", "contributor", "columnist"}) {
    if (word == known) return true;
  }
  return false;
}

std::string CleanName(std::string_view raw) {
  std::string name = text::CollapseWhitespace(raw);
  // "By Jane Doe", "by: Jane", "Written by Jane", "Posted by Jane"
  for (std::string_view prefix : {"more about ", "more from ", "view all posts by ", "all posts by ", "articles by ",
                                  "posts by ", "written by ", "posted by ", "published by ", "words by ", "story by ",
                                  "article by ",
                                  "reviewed by ", "by: ", "by ", "author: ", "authors: ", "author ", "von ", "par ",
                                  "por "}) {
    const size_t at = text::ToLower(name).find(prefix);
    if (at != std::string::npos && at < 20 && (at == 0 || name[at - 1] == ' ')) {
      name = name.substr(at + prefix.size());
      break;
    }
  }
  // Cut trailing date/role parts: "Jane Doe | July 3, 2024", "Jane Doe, Staff Writer", "Jane Doe - 5 min read"
  for (std::string_view separator : {" | ", " \xE2\x80\xA2 ", " \xC2\xB7 ", " \xE2\x8B\x85 ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ",
                                     "\n", " on ", " On ", " updated ", " Updated ", " published ", " Published "}) {
    const size_t at = name.find(separator);
    if (at != std::string::npos && at > 0) name = name.substr(0, at);
  }
  // "Jane Doe http://jane.example" (a name followed by the author's site).
  for (std::string_view url_start : {" http://", " https://", " www."}) {
    const size_t at = name.find(url_start);
    if (at != std::string::npos) name = name.substr(0, at);
  }
  name = std::string(text::Trim(name));
  // "MixmasterFred »", "Jane Doe →": a link's arrow.
  for (std::string_view arrow : {"\xC2\xBB", "\xE2\x80\xBA", "\xE2\x86\x92"}) {
    if (name.size() >= arrow.size() && name.compare(name.size() - arrow.size(), arrow.size(), arrow) == 0) {
      name = std::string(text::Trim(std::string_view(name).substr(0, name.size() - arrow.size())));
    }
  }
  while (!name.empty() && (name.back() == ',' || name.back() == ':' || name.back() == '.')) name.pop_back();
  while (!name.empty() && (name.front() == ',' || name.front() == ':' || name.front() == '|' || name.front() == ' ')) {
    name.erase(0, 1);
  }
  if (!name.empty() && name.front() == '@') return {};  // a handle
  if (LooksLikeUrl(name)) return {};
  if (name.size() > 80 || text::CountWords(name) > 8) return {};
  // Dates, read times, ids and "role: name" lists are not names.
  for (char c : name) {
    if ((c >= '0' && c <= '9') || c == ':' || c == '@' || c == '/' || c == '=' || c == '{' || c == '<') return {};
  }
  if (text::EqualsIgnoreCase(name, "admin") || IsBylineLabel(name)) return {};
  // A template's empty value ("undefined", "null").
  for (std::string_view empty : {"undefined", "null", "none", "nan", "n/a"}) {
    if (text::EqualsIgnoreCase(name, empty)) return {};
  }
  for (std::string_view label : {"last updated", "updated", "published", "posted"}) {  // a date's label
    if (text::StartsWithIgnoreCase(name, label)) return {};
  }
  // A name has letters; "page.head.extra.author" and "jane.doe" are template keys and user ids.
  // (Lead bytes C3..DF and E3.. start letters; C2 and E2 start symbols and punctuation such as "•".)
  bool letters = false;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    letters = letters || std::isalpha(u) || (u >= 0xC3 && u <= 0xDF) || u >= 0xE3;
  }
  if (!letters) return {};
  // A role without a name ("Staff Writer", "Senior Editor").
  bool all_roles = true;
  for (const std::string& word : text::Split(text::ToLower(name), ' ')) {
    bool role = false;
    for (std::string_view known : {"staff", "senior", "guest", "editorial", "contributing", "author"}) {
      role = role || word == known;
    }
    role = role || IsRoleNoun(word);
    all_roles = all_roles && role;
  }
  if (all_roles) return {};
  // A reading time ("5 mins read", its digits already dropped).
  const std::string lower = text::ToLower(name);
  if (lower == "read" || (lower.size() > 5 && lower.compare(lower.size() - 5, 5, " read") == 0)) return {};
  if (name.find(' ') == std::string::npos && name.find('.') != std::string::npos &&
      std::islower(static_cast<unsigned char>(name.front()))) {
    return {};
  }
  return name;
}

// "MD", "Ph.D.", "CFP", "Jr.": a title written after a name, not another person.
bool IsCredential(std::string_view word) {
  if (word.size() > 6 || word.find(' ') != std::string_view::npos) return false;
  for (std::string_view known : {"PhD", "Ph.D", "Jr", "Jr.", "Sr", "Sr."}) {
    if (word == known) return true;
  }
  int letters = 0;
  for (char c : word) {
    if (c >= 'A' && c <= 'Z') {
      ++letters;
    } else if (c != '.') {
      return false;
    }
  }
  return letters >= 2;
}

// Whether a byline part is a job ending in a role ("WCI Columnist", "Senior Food Writer"). Alone
// it is how some sites credit a piece ("SFist Contributor"); after a name it is that name's job.
bool EndsWithRole(std::string_view part) {
  const size_t space = part.rfind(' ');
  return space != std::string_view::npos && IsRoleNoun(text::ToLower(part.substr(space + 1)));
}

// Splits "Jane Doe and John Roe" / "Jane Doe, John Roe" into names.
std::vector<std::string> SplitNames(const std::string& names) {
  std::vector<std::string> out;
  if (names.size() > 200) return out;  // a paragraph, not a list of names
  std::string rest = names;
  for (std::string_view joiner : {" and ", " & ", " und ", " et ", " y "}) {
    size_t at = 0;
    while ((at = rest.find(joiner)) != std::string::npos) rest.replace(at, joiner.size(), ", ");
  }
  // "Doe, Jane" (one name written last-first) is rare in bylines; commas separate people, except
  // before a credential, which stays with its name ("Jane Doe, MD", "Jane Doe, CFP").
  for (const std::string& part : text::Split(rest, ',')) {
    const std::string name = CleanName(part);
    if (name.empty() || (!out.empty() && EndsWithRole(name))) continue;
    if (!out.empty() && IsCredential(name)) {
      out.back() += ", " + name;
    } else {
      out.push_back(name);
    }
  }
  return out;
}

// Adds the names of a JSON-LD author value; organisations go to `organisations` (a page's
// publisher listed as author is a fallback, not a person who wrote it).
void AddAuthorsFromJson(const nlohmann::json& value, const std::unordered_map<std::string, const nlohmann::json*>& by_id,
                        std::vector<std::string>& out, std::vector<std::string>& organisations, std::string& written,
                        int depth = 0) {
  if (depth > 3) return;
  if (value.is_string()) {
    for (const std::string& name : SplitNames(DecodeEntities(value.get<std::string>()))) out.push_back(name);
  } else if (value.is_array()) {
    for (const auto& item : value) AddAuthorsFromJson(item, by_id, out, organisations, written, depth + 1);
  } else if (value.is_object()) {
    std::string name = JsonString(value, "name");
    if (name.empty() && value.contains("@id") && value["@id"].is_string()) {
      const auto it = by_id.find(value["@id"].get<std::string>());
      if (it != by_id.end() && it->second != &value) {
        AddAuthorsFromJson(*it->second, by_id, out, organisations, written, depth + 1);
        return;
      }
    }
    if (!name.empty() && !LooksLikeUrl(name)) {
      const std::string clean = CleanName(DecodeEntities(name));
      if (clean.empty()) return;
      if (HasType(value, {"Organization", "NewsMediaOrganization", "Corporation", "EducationalOrganization",
                          "GovernmentOrganization", "LocalBusiness", "MedicalOrganization", "NGO", "WebSite", "Brand"})) {
        organisations.push_back(clean);
      } else if (const std::vector<std::string> names = SplitNames(DecodeEntities(name)); names.size() >= 2) {
        // One Person object naming several ("Manoj Jain and Jagpreet Chhatwal, The Commercial Appeal").
        if (out.empty() && written.empty()) written = DecodeEntities(name);
        for (const std::string& one : names) out.push_back(one);
      } else {
        out.push_back(clean);
      }
    }
  }
}

// The part after the last " | " of a <title> ("Post | Colin Watson's blog" -> "Colin Watson's blog").
std::string SiteSuffix(std::string_view title) {
  const size_t at = title.rfind(" | ");
  return at == std::string_view::npos ? std::string() : std::string(text::Trim(title.substr(at + 3)));
}

std::string NormForCompare(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}

// Words of a text, lower-cased (runs of letters and digits).
std::vector<std::string> LowerWords(std::string_view s) {
  std::vector<std::string> words;
  std::string current;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      current.push_back(static_cast<char>(std::tolower(u)));
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

double WordOverlap(std::string_view a, std::string_view b) {
  const std::vector<std::string> wa = LowerWords(a), wb = LowerWords(b);
  if (wa.empty() || wb.empty()) return 0;
  const std::set<std::string> sb(wb.begin(), wb.end());
  size_t common = 0;
  for (const std::string& w : std::set<std::string>(wa.begin(), wa.end())) common += sb.count(w);
  // Dice coefficient: a site name inside a long title shares all its words but is no match.
  const size_t sa = std::set<std::string>(wa.begin(), wa.end()).size();
  return 2.0 * static_cast<double>(common) / static_cast<double>(sa + sb.size());
}

constexpr double kTitleOverlap = 0.5;

// Whether `damaged` is `intact` with some characters replaced by "?" (each "?" standing for one
// to four bytes: a UTF-8 character, or an apostrophe and a letter), and at least one such "?"
// stands where `intact` has no "?".
bool MatchesWithLostCharacters(std::string_view damaged, std::string_view intact) {
  // Backtracking is bounded: each "?" tries at most five lengths, and six of them at most.
  if (damaged.size() > 300 || intact.size() > 300 || std::count(damaged.begin(), damaged.end(), '?') > 6) return false;
  std::function<bool(size_t, size_t, bool)> match = [&](size_t d, size_t i, bool lost) -> bool {
    while (d < damaged.size() && damaged[d] != '?') {
      if (i >= intact.size() || damaged[d] != intact[i]) return false;
      ++d, ++i;
    }
    if (d == damaged.size()) return i == intact.size() && lost;
    if (i < intact.size() && intact[i] == '?' && match(d + 1, i + 1, lost)) return true;
    for (size_t n = 1; n <= 4 && i + n <= intact.size(); ++n) {
      if (match(d + 1, i + n, true)) return true;
    }
    return false;
  };
  return match(0, 0, false);
}

// Whether a text has letters and none of them is lower-case ASCII.
bool IsAllCaps(std::string_view s) {
  bool upper = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    upper = upper || (c >= 'A' && c <= 'Z');
  }
  return upper;
}

std::string Absolute(const std::string& base, const std::string& reference) {
  if (reference.empty()) return {};
  if (base.empty()) return reference;
  auto resolved = ResolveUrl(base, reference);
  return resolved ? *resolved : reference;
}

void AddUnique(std::vector<std::string>& list, const std::string& value) {
  const std::string key = NormForCompare(value);
  if (key.empty()) return;
  for (const auto& existing : list) {
    if (NormForCompare(existing) == key) return;
  }
  list.push_back(value);
}

// The text of a small element (a byline, a date line), or nothing when its subtree has more than
// `max_nodes` nodes: walking up from a label may reach <body>, and reading a whole page for each
// of 150 labels would make hostile pages quadratic.
std::optional<std::string> ShortText(xmlNodePtr element, int max_nodes = 80) {
  int count = 0;
  for (xmlNodePtr node = element->children; node != nullptr;) {
    if (++count > max_nodes) return std::nullopt;
    if (node->children != nullptr) {
      node = node->children;
      continue;
    }
    node = text::NextSkippingChildren(node, element);
  }
  return HtmlNode(element).Text();
}

// The <h1> that holds `title`, else the first <h1>; nullptr when the page has none.
xmlNodePtr TitleHeading(const Evidence& ev, const std::string& title) {
  for (size_t i = 0; i < ev.h1_nodes.size(); ++i) {
    if (ev.h1s[i] == title) return ev.h1_nodes[i];
  }
  return ev.h1_nodes.empty() ? nullptr : ev.h1_nodes.front();
}

// Visits the non-blank text nodes after the end of `heading` in document order (scripts and
// styles skipped), at most `budget` of them, until `visit` returns true: where bylines and dates sit.
template <typename Visit>
void ForTextNodesAfter(xmlNodePtr heading, int budget, Visit visit) {
  xmlNodePtr node = heading;
  while (node != nullptr && budget > 0) {
    if (node->children != nullptr && node != heading && node->type == XML_ELEMENT_NODE &&
        std::strcmp(AsChars(node->name), "script") != 0 && std::strcmp(AsChars(node->name), "style") != 0) {
      node = node->children;
    } else {
      while (node != nullptr && node->next == nullptr) node = node->parent;
      if (node == nullptr) return;
      node = node->next;
    }
    if (node->type == XML_TEXT_NODE && node->content != nullptr && !text::Trim(AsChars(node->content)).empty()) {
      --budget;
      if (visit(node)) return;
    }
  }
}

// Visits the non-blank text nodes inside `root` in document order (scripts and styles skipped), at
// most `budget` of them, until `visit` returns true.
template <typename Visit>
void ForTextNodesIn(xmlNodePtr root, int budget, Visit visit) {
  for (xmlNodePtr node = root->children; node != nullptr && budget > 0;) {
    if (node->type == XML_ELEMENT_NODE && node->children != nullptr && std::strcmp(AsChars(node->name), "script") != 0 &&
        std::strcmp(AsChars(node->name), "style") != 0) {
      node = node->children;
      continue;
    }
    if (node->type == XML_TEXT_NODE && node->content != nullptr && !text::Trim(AsChars(node->content)).empty()) {
      --budget;
      if (visit(node)) return;
    }
    node = text::NextSkippingChildren(node, root);
  }
}

// Whether two normalised dates are one day read in the two numeric orders: "11.03.17" under an
// Engadget title is November 3 (month first), which the markup's "2017-11-03" settles.
bool SameDayWithMonthAndDaySwapped(std::string_view a, std::string_view b) {
  if (a.size() < 10 || b.size() < 10 || a.substr(0, 4) != b.substr(0, 4)) return false;
  return a.substr(5, 2) == b.substr(8, 2) && a.substr(8, 2) == b.substr(5, 2);
}

// The day a post's URL names, as "YYYY-MM-DD": "/2023/10/03/slug", "/blog/2023/october/03/slug"
// (year, month, day: URLs are written year first). "" when the path names no whole day.
std::string DateInUrl(std::string_view url) {
  const auto parsed = ParseUrl(url);
  if (!parsed) return {};
  const std::vector<std::string> segments = text::Split(parsed->path, '/');
  auto number = [](const std::string& s, int low, int high) {
    if (s.empty() || s.size() > 4 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return 0;
    const int value = std::stoi(s);
    return value >= low && value <= high ? value : 0;
  };
  for (size_t i = 0; i + 2 < segments.size(); ++i) {
    const int year = segments[i].size() == 4 ? number(segments[i], 1990, 2100) : 0;
    if (year == 0) continue;
    int month = segments[i + 1].size() <= 2 ? number(segments[i + 1], 1, 12) : 0;
    // A month's name or its first three letters ("october", "oct"; not "mayor").
    static constexpr std::string_view kMonthNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                                       "july",    "august",   "september", "october", "november", "december"};
    const std::string name = text::ToLower(segments[i + 1]);
    for (size_t m = 0; m < 12 && month == 0 && name.size() >= 3; ++m) {
      if (name == kMonthNames[m] || name == kMonthNames[m].substr(0, 3)) month = static_cast<int>(m) + 1;
    }
    const int day = segments[i + 2].size() <= 2 ? number(segments[i + 2], 1, 31) : 0;
    if (month == 0 || day == 0) continue;
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
  }
  return {};
}

// Words with a letter in them: "Dec 20, 2025 at 3:00 am" has three. Numbers and separators such
// as "·" do not make a text a sentence.
int LetterWords(std::string_view s) {
  int n = 0;
  bool counted = false;  // the current word has been counted
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      counted = false;
      continue;
    }
    // ASCII letters and the lead bytes of letters beyond ASCII (C2 xx and E2 xx are symbols and
    // punctuation: the no-break space, "·", dashes, bullets).
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC3 && c <= 0xDF) || c >= 0xE3;
    if (letter && !counted) {
      ++n;
      counted = true;
    }
  }
  return n;
}

// A text piece that is a date as pages show it ("July 18, 2025", "Published on 23.07.2025",
// "- Mar 27, 2024"), not a sentence that mentions one, and not an update date.
std::string DateFromPiece(std::string_view piece, bool allow_updated = false, bool day_first = false) {
  const std::string_view trimmed = text::Trim(piece);
  if (trimmed.size() < 6 || trimmed.size() > 48) return {};
  // With `allow_updated`, "Updated: October 23, 2025" and "Last updated on 10/31/2024" count.
  if (!allow_updated) {
    // English, and "aktualisiert", "mis à jour", "actualizado"/"atualizado", "aggiornato", "bijgewerkt".
    for (std::string_view update : {"updat", "modif", "edited", "revised", "aktualisiert", "mis \xC3\xA0 jour",
                                     "actualizado", "atualizado", "aggiornato", "bijgewerkt"}) {
      if (text::ContainsIgnoreCase(trimmed, update)) return {};
    }
  }
  if (LetterWords(trimmed) > 6) return {};
  int digits = 0;
  for (char c : trimmed) digits += c >= '0' && c <= '9';
  if (digits < 5) return {};  // a year and a day at least
  return NormalizeDate(trimmed, /*keep_offset=*/true, day_first);
}

// The first date shown just after (or just before) the title's <h1>: where bylines put it. The
// few text nodes right after the heading come first, then those right before it ("5 min read ·
// February 6, 2026" above the title), then further down: a list of other posts' dates may follow.
std::string VisibleDateNearTitle(const Evidence& ev, const std::string& title, bool allow_updated = false,
                                 int forward_budget = 150, bool look_back = true, std::string* shown_text = nullptr) {
  xmlNodePtr h1 = TitleHeading(ev, title);
  if (h1 == nullptr) return {};
  constexpr int kRightAfter = 12;
  std::string date;
  ForTextNodesAfter(h1, std::min(forward_budget, kRightAfter), [&](xmlNodePtr text_node) {
    date = DateFromPiece(AsChars(text_node->content), allow_updated, ev.day_first);
    if (!date.empty() && shown_text != nullptr) *shown_text = AsChars(text_node->content);
    return !date.empty();
  });
  if (!date.empty()) return date;
  // Backward: bylines above the heading (a few elements only).
  int budget = look_back ? 20 : 0;
  for (xmlNodePtr node = h1->prev != nullptr ? h1->prev : h1->parent; node != nullptr && budget > 0;
       node = node->prev != nullptr ? node->prev : node->parent) {
    if (node->type != XML_ELEMENT_NODE || node->children == nullptr) continue;
    const std::optional<std::string> short_text = ShortText(node);
    if (!short_text || short_text->size() > 200) break;
    --budget;
    date = DateFromPiece(*short_text, allow_updated, ev.day_first);
    if (!date.empty()) {
      if (shown_text != nullptr) *shown_text = *short_text;
      return date;
    }
  }
  if (forward_budget <= kRightAfter) return {};
  ForTextNodesAfter(h1, forward_budget, [&](xmlNodePtr text_node) {
    date = DateFromPiece(AsChars(text_node->content), allow_updated, ev.day_first);
    if (!date.empty() && shown_text != nullptr) *shown_text = AsChars(text_node->content);
    return !date.empty();
  });
  return date;
}

// Several names as their source wrote them ("Ann, Bob, and Cy", "Ann & Bob"): the span of `raw`
// from the first name to the last; ", "-joined when the names are not found there in order.
std::string NamesAsWritten(const std::string& raw, const std::vector<std::string>& names) {
  if (names.empty()) return {};
  const size_t begin = raw.find(names.front());
  const size_t last = raw.rfind(names.back());
  if (begin == std::string::npos || last == std::string::npos || last < begin) return text::Join(names, ", ");
  std::string written = text::CollapseWhitespace(std::string_view(raw).substr(begin, last + names.back().size() - begin));
  // Names from separate elements keep their spacing: "Thomas Broderick , Nalea Ko".
  for (size_t at = 0; (at = written.find(" ,", at)) != std::string::npos;) written.erase(at, 1);
  return written;
}

// The span of `raw` from the first of `names` to the last when only joiners ("," "&" "and")
// separate them there, else "": "Ann, 4+ years covering hardware<br>Bob" is two bylines, and
// "Ann ... Reviewed by Bob" is an author and a reviewer.
std::string NamesSpan(const std::string& raw, const std::vector<std::string>& names) {
  if (names.empty() || raw.find(names.front()) == std::string::npos) return {};
  const std::string span = NamesAsWritten(raw, names);
  std::string rest = span;
  for (const std::string& name : names) {
    if (const size_t at = rest.find(name); at != std::string::npos) rest.replace(at, name.size(), " ");
  }
  size_t joiners = 0;  // and one between each two: "Ann Lee Full Bio" is a name and a link label
  for (const std::string& word : text::Split(rest, ' ')) {
    if (word.empty()) continue;
    if (word != "," && word != "&" && word != "and" && word != ";") return {};
    ++joiners;
  }
  return joiners + 1 >= names.size() ? span : std::string();
}

// The text after a byline label at the start of `text` ("By Jane Doe", "Written by: Jane Doe",
// "Contributors: Jane Doe"), or "" when `text` does not open with one.
std::string AfterBylineLabel(std::string_view text) {
  static constexpr std::string_view kLabels[] = {"written by", "posted by", "published by", "words by", "story by",
                                                 "article by", "contributors", "contributor", "authors", "author",
                                                 "by"};
  const std::string lower = text::ToLower(text.substr(0, 20));
  for (std::string_view label : kLabels) {
    if (lower.rfind(label, 0) != 0) continue;
    std::string_view rest = text.substr(label.size());
    // The label must end there: "By Jane", "by: Jane", not "Bylaws" or "Authority".
    if (rest.empty() || (rest.front() != ' ' && rest.front() != ':')) return {};
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == ':')) rest.remove_prefix(1);
    return std::string(rest);
  }
  return {};
}

// The block element (a few levels up at most) around the first link to an author page.
xmlNodePtr AuthorLinkBlock(const Evidence& ev) {
  if (ev.author_link == nullptr) return nullptr;
  xmlNodePtr block = ev.author_link->parent;
  for (int level = 0; block != nullptr && block->type == XML_ELEMENT_NODE && level < 4; ++level) {
    if (IsBlockElement(AsChars(block->name))) break;
    block = block->parent;
  }
  return block != nullptr && block->type == XML_ELEMENT_NODE ? block : nullptr;
}

// The text of that block when it is a short byline, else "".
std::string AuthorLinkBlockText(const Evidence& ev) {
  xmlNodePtr block = AuthorLinkBlock(ev);
  const std::string text = block == nullptr ? std::string() : ShortText(block).value_or(std::string());
  return text.size() < 300 ? text : std::string();
}

// The names linked to author pages in the byline that holds the first such link ("By <a>Ann</a>,
// <a>Bob</a> and <a>Cy</a>"), in order, repeats included.
std::vector<std::string> AuthorLinkNameList(const Evidence& ev) {
  std::vector<std::string> names;
  if (ev.author_link == nullptr) return names;
  if (xmlNodePtr block = AuthorLinkBlock(ev); block != nullptr) {
    for (const HtmlNode& link : HtmlNode(block).XPath(".//a[@href]")) {
      if (!IsAuthorPageLink(link.Attr("href"))) continue;
      const std::string name = CleanName(link.Text());
      if (!name.empty() && text::CountWords(name) <= 6) names.push_back(name);
      if (names.size() >= 10) break;
    }
  }
  return names;
}

// Whether every word of a name starts with a capital letter (particles such as "van" aside): a
// byline label followed by a sentence ("By default we ...") is no byline.
bool LooksLikeProperName(std::string_view name) {
  const std::vector<std::string> words = text::Split(std::string(name), ' ');
  if (words.empty() || words.size() > 5) return false;
  for (const std::string& word : words) {
    if (word.empty()) continue;
    const auto first = static_cast<unsigned char>(word.front());
    if (first >= 0x80 || (first >= 'A' && first <= 'Z') || (first >= '0' && first <= '9')) continue;
    static constexpr std::string_view kParticles[] = {"van", "der", "den", "de", "von", "da", "di", "la", "le", "du", "bin", "al", "y", "del", "dos"};
    bool particle = false;
    for (std::string_view known : kParticles) particle = particle || word == known;
    if (!particle) return false;
  }
  return true;
}

// Those names as that byline writes them; "" when there is none.
std::string AuthorLinkNames(const Evidence& ev) {
  if (ev.author_link == nullptr) return {};
  const std::vector<std::string> names = AuthorLinkNameList(ev);
  if (names.empty()) return CleanName(HtmlNode(ev.author_link).Text());
  if (names.size() == 1) {
    // A first name in the link ("Articles by Juliette") and the whole name beside it in the
    // author card ("Juliette Carreiro", "Tech Writer").
    const std::string& name = names.front();
    xmlNodePtr block = AuthorLinkBlock(ev);
    if (name.find(' ') == std::string::npos && block != nullptr) {
      for (const std::string& piece : TextPieces(HtmlNode(block), 20)) {
        if (!piece.starts_with(name + " ")) continue;
        const std::string whole = CleanName(piece);
        const size_t words = text::Split(whole, ' ').size();
        if (whole.starts_with(name + " ") && words >= 2 && words <= 3 && LooksLikeProperName(whole)) return whole;
      }
    }
    return name;
  }
  std::vector<std::string> unique;
  for (const std::string& name : names) AddUnique(unique, name);
  const std::string block_text = AuthorLinkBlockText(ev);
  return block_text.empty() ? text::Join(unique, ", ") : NamesAsWritten(block_text, unique);
}

// A user name standing for a person ("ibby", "sara.r.peter"): one lower-case token of letters,
// digits, ".", "_" or "-", which a label or a field must declare to be the author, since such
// tokens are also template keys ("page.head.author") and plain words ("by default").
bool IsUserHandle(std::string_view token) {
  token = text::Trim(token);
  if (token.size() < 2 || token.size() > 40 || !std::islower(static_cast<unsigned char>(token.front()))) return false;
  int letters = 0, digits = 0;
  for (char c : token) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::islower(u) || std::isdigit(u) || c == '.' || c == '_' || c == '-')) return false;
    letters += std::islower(u) ? 1 : 0;
    digits += std::isdigit(u) ? 1 : 0;
  }
  if (digits > 2) return false;  // "mdelatorreq6vkpg2ma0ci" is a generated id
  for (std::string_view word : {"default", "design", "hand", "far", "now", "then", "way", "email", "phone", "mail",
                                "appointment", "invitation", "admin", "author", "guest", "staff", "editor", "anonymous",
                                "unknown", "null", "undefined", "none"}) {
    if (token == word) return false;
  }
  return letters >= 2;
}

// The names in a short block that opens with a byline label, near the title's <h1>: "By <a>Jane
// Doe</a> | May 3", "<p>Written by Jane Doe and John Roe</p>", where the markup has no author class.
// Returns the names as written ("Jane Doe and John Roe"), or "".
// Looks `forward_budget` text nodes past the heading, then a few elements above it.
std::string BylineNearTitle(const Evidence& ev, const std::string& title, int forward_budget = 150) {
  xmlNodePtr h1 = TitleHeading(ev, title);
  if (h1 == nullptr) return {};
  auto names_in = [](xmlNodePtr element) -> std::string {
    const std::string block = ShortText(element).value_or(std::string());
    if (block.size() > 160) return {};
    std::string rest = AfterBylineLabel(block);
    if (rest.empty()) return {};
    // "Jane Doe in Category", "Jane Doe on May 3".
    for (std::string_view cut : {" in ", " on ", " On "}) {
      if (const size_t at = rest.find(cut); at != std::string::npos) rest.resize(at);
    }
    // The whole block a label and a user name: "<p>by ibby</p>".
    if (IsUserHandle(rest) && AfterBylineLabel(block) == rest) return std::string(text::Trim(rest));
    const std::vector<std::string> names = SplitNames(rest);
    if (names.empty()) return {};
    for (const std::string& name : names) {
      if (!LooksLikeProperName(name)) return {};
    }
    return rest;
  };
  // Forward over at most 150 text nodes from the end of the <h1>.
  std::string found;
  ForTextNodesAfter(h1, forward_budget, [&](xmlNodePtr text_node) {
    const std::string_view piece = text::Trim(AsChars(text_node->content));
    if (AfterBylineLabel(piece).empty() && !IsBylineLabel(piece)) return false;
    // The smallest element around the label that also holds the name: "<span>By <a>Jane</a></span>"
    // within "<p><span>By <a>Jane</a></span> <span>May 3, 2024</span></p>"; up to its block.
    for (xmlNodePtr element = text_node->parent; element != nullptr && element->type == XML_ELEMENT_NODE;
         element = element->parent) {
      found = names_in(element);
      if (!found.empty()) return true;
      if (IsBlockElement(AsChars(element->name))) break;
    }
    return false;
  });
  if (!found.empty()) return found;
  // Backward: bylines above the heading (a few elements only).
  int budget = 12;
  for (xmlNodePtr node = h1->prev != nullptr ? h1->prev : h1->parent; node != nullptr && budget > 0;
       node = node->prev != nullptr ? node->prev : node->parent) {
    if (node->type != XML_ELEMENT_NODE || node->children == nullptr) continue;
    --budget;
    std::string names = names_in(node);
    if (!names.empty()) return names;
  }
  return {};
}

// The names of the byline right under the title's <h1> (within its first dozen text nodes): an
// element classed byline/author holding one of them, else a block opening with a byline label.
// Credits of reviewers and editors are skipped. Only whole names of two words or more count
// ("Charles Patterson, WCI Columnist" gives the name; a lone "Corti" or a "SECTIONS" label does not).
std::string BylineUnderTitle(const Evidence& ev, const std::string& title) {
  constexpr int kUnderTitle = 12;
  xmlNodePtr h1 = TitleHeading(ev, title);
  if (h1 == nullptr) return {};
  std::string shown;
  ForTextNodesAfter(h1, kUnderTitle, [&](xmlNodePtr text_node) {
    for (const Evidence::Byline& byline : ev.bylines) {
      if (!IsAncestor(byline.element, text_node)) continue;
      // A reviewer's, editor's or photographer's credit names someone else than the writer.
      const std::string credit = text::ToLower(ShortText(byline.element).value_or(std::string()));
      for (std::string_view other : {"review", "fact check", "fact-check", "edited", "photo", "illustrat"}) {
        if (credit.find(other) != std::string::npos) return false;
      }
      shown = byline.names;
      return true;
    }
    return false;
  });
  if (shown.empty()) shown = BylineNearTitle(ev, title, kUnderTitle);
  const std::vector<std::string> names = SplitNames(shown);
  const bool whole_names = !names.empty() && std::all_of(names.begin(), names.end(), [](const std::string& name) {
    return name.find(' ') != std::string::npos && LooksLikeProperName(name);
  });
  return whole_names ? shown : "";
}

// The name that opens `text` ("David at December 16, 2025" -> "David", "Danielle Padula, Head of
// Marketing" -> "Danielle Padula", "Vanessa Mendez, MD, gastroenterologist" -> "Vanessa Mendez,
// MD"): capitalised words up to the first that is not one, credentials kept with it.
std::string NameOpening(std::string_view text) {
  const std::vector<std::string> words = text::Split(text::CollapseWhitespace(text), ' ');
  std::string name;
  size_t taken = 0;
  for (size_t i = 0; i < words.size() && taken < 4; ++i) {
    std::string word = words[i];
    const bool ends_phrase = !word.empty() && (word.back() == ',' || word.back() == '.' || word.back() == ';');
    if (ends_phrase && !(word.size() == 2 && word.back() == '.')) word.pop_back();  // keep initials ("C.")
    if (word.empty() || !LooksLikeProperName(word)) break;
    // An all-caps word after a name is a dateline or a desk ("Md Aynal Haque RAJSHAHI").
    if (taken > 0 && word.size() >= 4 && IsAllCaps(word)) break;
    name += (name.empty() ? "" : " ") + word;
    ++taken;
    if (ends_phrase) {
      for (size_t j = i + 1; j < words.size(); ++j) {  // "Jane Roe, MD, FACP"
        std::string credential = words[j];
        const bool more = !credential.empty() && credential.back() == ',';
        if (more) credential.pop_back();
        if (!IsCredential(credential)) break;
        name += ", " + credential;
        if (!more) break;
      }
      break;
    }
  }
  return CleanName(name);
}

// A byline written into a sentence: "Posted by David at 11:15 AM", "This post was written by
// Danielle Padula, Head of ...", "Last updated March 3, 2025 by <a>Erik Demaine</a>". Only
// phrases that say who wrote or posted the page count: "Photo by", "Theme by" do not.
std::string BylineInASentence(const HtmlDocument& document, std::string_view description) {
  static constexpr std::string_view kPhrases[] = {"posted by ", "written by ", "authored by ", "published by "};
  // The phrase opens the line ("Posted by David at ..."), or "This post was" / "This article was"
  // does: "a novel written by Stephen King" inside a paragraph is no byline.
  const auto name_after_phrase = [](std::string_view piece) -> std::string {
    const std::string lower = text::ToLower(piece);
    for (std::string_view phrase : kPhrases) {
      const size_t at = lower.find(phrase);
      if (at == std::string::npos) continue;
      const std::string_view before = text::Trim(std::string_view(lower).substr(0, at));
      if (!before.empty() && before != "this post was" && before != "this article was" && before != "this page was") {
        continue;
      }
      return NameOpening(piece.substr(at + phrase.size()));
    }
    return {};
  };
  if (const std::string_view trimmed = text::Trim(description);
      text::StartsWithIgnoreCase(trimmed, "this post was written by ") || text::StartsWithIgnoreCase(trimmed, "by ")) {
    if (std::string name = NameOpening(trimmed.substr(trimmed.find("by ") + 3)); !name.empty()) return name;
  }
  const HtmlNode body = document.Body();
  if (!body) return {};
  std::string name;
  // 20,000 text nodes: a long page's byline sits in its first or last screens.
  ForTextNodesIn(body.get(), 20000, [&](xmlNodePtr node) {
    const std::string_view piece = text::Trim(AsChars(node->content));
    if (piece.size() >= 300) return false;
    // The text opens a line: after "<i>Kaligaminarile</i>", " written by" is inside a sentence.
    const bool opens_line = node->prev == nullptr || (node->prev->type == XML_ELEMENT_NODE &&
                                                      (IsBlockElement(AsChars(node->prev->name)) ||
                                                       std::strcmp(AsChars(node->prev->name), "br") == 0));
    if (!opens_line) return false;
    name = name_after_phrase(std::string(piece) + " ");
    if (!name.empty()) return true;
    // "Posted by " or "<date> by " and the name in the link that follows.
    const std::string lower = text::ToLower(piece);
    bool labelled = false;
    for (std::string_view phrase : kPhrases) labelled = labelled || (lower + " ") == phrase;
    if ((labelled || (lower.ends_with(" by") && !DateFromPiece(piece.substr(0, piece.size() - 3), true).empty())) &&
        node->next != nullptr && node->next->type == XML_ELEMENT_NODE) {
      name = NameOpening(HtmlNode(node->next).Text());
    }
    return !name.empty();
  });
  return name;
}

// The name a site goes by: og:site_name, else the end of its <title> ("Go ahead, self-host
// Postgres | Pierce Freeman", "Zero waste living — Polly Barks"): who speaks for a page that names
// nobody. A name, not a tagline ("AI platform for healthcare"); "Body by Bikini" is not a byline.
std::string SiteAsAuthor(std::string_view title_tag, const std::string& site_name) {
  std::string suffix;
  for (std::string_view separator : {" | ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " - "}) {
    const size_t at = title_tag.rfind(separator);
    if (at != std::string_view::npos && at > 0) {
      suffix = std::string(text::Trim(title_tag.substr(at + separator.size())));
      break;
    }
  }
  for (const std::string& candidate : {site_name, suffix}) {
    const std::string name = text::CollapseWhitespace(DecodeEntities(candidate));
    if (!name.empty() && text::CountWords(name) <= 4 && LooksLikeProperName(name) && !CleanName(name).empty()) {
      return name;
    }
  }
  return {};
}

// A lower-case word that companies', outlets' and institutions' names use ("network", "ltd").
bool IsInstitutionWord(std::string_view word) {
  static constexpr std::string_view kWords[] = {
      "network", "association", "university", "institute", "society", "foundation", "group",   "inc",
      "ltd",     "llc",         "news",       "media",     "report",  "magazine",   "journal", "times",
      "herald",  "tribune",     "gazette",    "daily",     "weekly",  "radio",      "center",  "centre",
      "council", "department",  "agency",     "company",   "corporation", "college", "school"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

// Whether a name in a list of authors is an outlet or an institution: it opens with "The", or
// has three words or more, one of them a word institutions' names use.
bool NamesAnInstitution(std::string_view name) {
  if (text::StartsWithIgnoreCase(name, "the ")) return true;
  const std::vector<std::string> words = text::Split(text::ToLower(text::CollapseWhitespace(name)), ' ');
  return words.size() >= 3 && std::any_of(words.begin(), words.end(), IsInstitutionWord);
}

// The person a personal site's copyright line names ("© 2025 Toby Hede. All rights reserved."):
// two or three capitalised words and no company word. Companies' lines ("© 2026 Body By Bikini
// Ltd", "Copyright © Examiner Echo Group Limited") name no author.
std::string CopyrightHolder(const HtmlDocument& document) {
  const HtmlNode body = document.Body();
  if (!body) return {};
  std::string holder;
  ForTextNodesIn(body.get(), 20000, [&](xmlNodePtr text_node) {
    const std::string_view piece = text::Trim(AsChars(text_node->content));
    size_t at = piece.find("\xC2\xA9");  // ©
    size_t skip = 2;
    if (at == std::string_view::npos && text::StartsWithIgnoreCase(piece, "copyright ")) at = 0, skip = 10;
    if (at == std::string_view::npos || piece.size() > 200) return false;
    std::string_view rest = piece.substr(at + skip);
    // Past more marks and the years: "Copyright © 2019-2025 ", "© 2025, ".
    while (!rest.empty()) {
      rest = text::Trim(rest);
      if (rest.starts_with("\xC2\xA9")) {
        rest.remove_prefix(2);
      } else if (rest.size() >= 4 && std::all_of(rest.begin(), rest.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
                 (rest.size() == 4 || !std::isdigit(static_cast<unsigned char>(rest[4])))) {
        rest.remove_prefix(4);  // a year ("98 Buck Social" keeps its number)
      } else if (rest.front() == '-' || rest.front() == ',') {
        rest.remove_prefix(1);
      } else if (rest.starts_with("\xE2\x80\x93")) {
        rest.remove_prefix(3);
      } else {
        break;
      }
    }
    if (text::StartsWithIgnoreCase(rest, "by ")) rest.remove_prefix(3);
    const size_t end = rest.find_first_of(".,|\xC2");
    const std::string name = text::CollapseWhitespace(rest.substr(0, end));
    const size_t words = text::Split(name, ' ').size();
    // Beyond the institution words: business words and the line's own words ("All rights").
    static constexpr std::string_view kCompanyWords[] = {
        "limited",  "llp",      "gmbh",      "corp",      "co",          "press",        "publishing", "studio",
        "studios",  "labs",     "partners",  "holdings",  "services",    "solutions",    "technologies", "systems",
        "club",     "team",     "the",       "by",        "and",         "blog",         "all",        "rights",
        "reserved", "digital",  "health",    "care",      "productions", "house",        "energy",     "advisors",
        "coaching", "financial", "academy",  "shop",      "store",       "consulting",   "law",        "clinic",
        "hospital", "museum",   "office",    "electrical", "international", "global",    "world",      "online",
        "official"};
    // Person-like: each word capitalised letters ("Toby", "O'Neil", "Jean-Luc"), not initials or
    // capitals ("TE", "AB", "Int").
    bool person = words >= 2 && words <= 3 && LooksLikeProperName(name) && !CleanName(name).empty();
    for (const std::string& word : text::Split(name, ' ')) {
      if (!person) break;
      const std::string lower = text::ToLower(word);
      for (std::string_view known : kCompanyWords) person = person && lower != known;
      person = person && !IsInstitutionWord(lower);
      person = person && word.size() >= 2 && !IsAllCaps(word) &&
               std::all_of(word.begin(), word.end(), [](char c) {
                 return std::isalpha(static_cast<unsigned char>(c)) || c == '\'' || c == '-' || static_cast<unsigned char>(c) >= 0x80;
               });
    }
    if (person) holder = name;
    return true;  // the first copyright line decides
  });
  return holder;
}

// The date a page says its article was first published on ("This article was originally
// published on 26 Sep 2019 at 4:12pm but has been regularly updated", "Originally published at
// example.com on May 3, 2020"): republished and cross-posted pages carry the later date in their
// markup. Only a whole date (with its day) within a few words of the phrase counts.
std::string OriginallyPublishedDate(const Evidence& ev) {
  for (xmlNodePtr text_node : ev.publishing_notes) {
    const std::string_view piece = AsChars(text_node->content);
    const std::string lower = text::ToLower(piece);
    for (std::string_view phrase : {"originally published", "first published"}) {
      const size_t at = lower.find(phrase);
      if (at == std::string::npos) continue;
      // The words after the phrase, up to the end of the sentence or 80 bytes.
      std::string_view rest = std::string_view(piece).substr(at + phrase.size(), 80);
      if (const size_t stop = rest.find_first_of(";!?"); stop != std::string_view::npos) rest = rest.substr(0, stop);
      // A day and a year, not "in April 2020 and was updated in April 2024".
      if (std::string found = NormalizeDayKeepingOffset(rest, ev.day_first); !found.empty()) return found;
    }
  }
  return {};
}

// A date the page shows with a label ("Posted on April 13, 2023", "Published: 03 Dec 2025") or
// beside the byline's name (an author card: "Luke Kim" then "December 17, 2025"), wherever they
// sit: for pages whose title is no <h1>, or whose byline is far from it. One pass over the text.
std::string DateByLabelOrByline(const HtmlDocument& document, const std::string& author, bool day_first) {
  static constexpr std::string_view kLabels[] = {"posted on", "published on", "published:", "posted:",
                                                 "date published", "publication date", "date:",
                                                 "ver\xC3\xB6" "ffentlicht am", "publi\xC3\xA9 le", "publicado el",
                                                 "publicado em", "pubblicato il", "gepubliceerd op"};
  const HtmlNode body = document.Body();
  if (!body) return {};
  int after_author = -1;                  // text nodes still to look at after the author's name
  std::array<xmlNodePtr, 4> before{};     // the last text nodes before the current one
  size_t seen = 0;
  std::string date;
  ForTextNodesIn(body.get(), 200000, [&](xmlNodePtr node) {
    const std::string_view piece = text::Trim(AsChars(node->content));
    for (std::string_view label : kLabels) {
      if (piece.size() > label.size() && text::StartsWithIgnoreCase(piece, label)) {
        date = DateFromPiece(piece.substr(label.size()), false, day_first);
        if (!date.empty()) return true;
      }
    }
    if (after_author > 0) {
      date = DateFromPiece(piece, false, day_first);
      if (!date.empty()) return true;
      --after_author;
    }
    if (after_author < 0 && author.size() >= 3 && piece.size() < 200 && piece.find(author) != std::string_view::npos) {
      after_author = 6;
      for (size_t k = 0; k < before.size() && k < seen; ++k) {
        date = DateFromPiece(AsChars(before[(seen - 1 - k) % before.size()]->content), false, day_first);
        if (!date.empty()) return true;
      }
    }
    before[seen++ % before.size()] = node;
    return false;
  });
  return date;
}

// Publication dates in a page's state scripts (Next.js, Contentful, WordPress REST payloads):
// `"publishedDate":"2019-08-16T..."` and its spellings. A plain scan (std::regex over every
// script cost more than the whole extraction).
std::string ScriptDate(const HtmlDocument& document) {
  static constexpr std::string_view kKeys[] = {"datePublished", "publishedDate", "publishDate", "published_at",
                                               "publishedAt", "publication_date", "firstPublishedAt", "date_published",
                                               "first_published_at", "publishedOn"};
  for (const HtmlNode& script : document.XPath("//script")) {
    const std::string body = script.RawText();
    for (std::string_view key : kKeys) {
      for (size_t at = body.find(key); at != std::string::npos; at = body.find(key, at + key.size())) {
        size_t i = at + key.size();
        while (i < body.size() && (body[i] == '"' || body[i] == '\'' || body[i] == '\\' || body[i] == ' ')) ++i;
        if (i >= body.size() || body[i] != ':') continue;
        ++i;
        while (i < body.size() && (body[i] == ' ' || body[i] == '"' || body[i] == '\'' || body[i] == '\\')) ++i;
        size_t end = i;
        while (end < body.size() && end - i < 40 &&
               (std::isdigit(static_cast<unsigned char>(body[end])) || std::strchr("-:T.+Z", body[end]) != nullptr)) {
          ++end;
        }
        if (end - i < 10) continue;
        const std::string date = NormalizeDateKeepingOffset(std::string_view(body).substr(i, end - i));
        if (!date.empty()) return date;
      }
    }
  }
  return {};
}

}  // namespace

std::string CleanTitle(std::string_view raw_title, std::string_view site_name) {
  std::string title = text::CollapseWhitespace(raw_title);
  static constexpr std::string_view kSeparators[] = {" | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: ", " \xC2\xBB ",
                                                      " / ", " \xC2\xB7 ", " \xE2\x80\xA2 "};
  const std::string site_key = NormForCompare(site_name);
  // "Post | Section | Site": with two or more " | ", what follows the first is the site's trail.
  if (const size_t first = title.find(" | "); first != std::string::npos && first > 0 &&
                                              title.find(" | ", first + 3) != std::string::npos &&
                                              text::CountWords(title.substr(0, first)) >= 3) {
    return CleanTitle(title.substr(0, first), site_name);
  }
  // " - by Author" (Substack) and "by Author | Medium" suffixes.
  for (std::string_view separator : kSeparators) {
    const size_t at = title.rfind(separator);
    if (at == std::string::npos || at == 0) continue;
    const std::string before = title.substr(0, at);
    const std::string after = title.substr(at + separator.size());
    const std::string after_key = NormForCompare(after);
    const std::string before_key = NormForCompare(before);
    const bool after_is_site = !site_key.empty() && (after_key == site_key || site_key.find(after_key) == 0 ||
                                                     after_key.find(site_key) != std::string::npos);
    const bool before_is_site = !site_key.empty() && before_key == site_key;
    if (after_is_site || text::StartsWithIgnoreCase(after, "by ")) {
      return CleanTitle(before, site_name);
    }
    if (before_is_site) return std::string(text::Trim(after));
    // Without a known site name: a short last part after a "|" is a site name.
    if ((separator == " | " || separator == " \xC2\xBB " || separator == " :: ") && text::CountWords(after) <= 4 &&
        text::CountWords(before) >= 2) {
      return CleanTitle(before, site_name);
    }
    if ((separator == " - " || separator == " \xE2\x80\x94 " || separator == " \xE2\x80\x93 ") &&
        text::CountWords(after) <= 3 && text::CountWords(before) >= 4) {
      return CleanTitle(before, site_name);
    }
    // "The Agency | ML (Machine Learning) at Georgia Tech": a site or section name first.
    if (separator == " | " && text::CountWords(before) <= 2 && text::CountWords(after) >= 4 &&
        title.find(separator) == at) {
      return std::string(text::Trim(after));
    }
  }
  return title;
}

std::string PageMetadata::Meta(std::string_view name) const {
  for (const auto& [key, value] : meta) {
    if (key == name) return value;
  }
  return {};
}

nlohmann::json PageMetadata::ToJson() const {
  return nlohmann::json{{"title", title},          {"subtitle", subtitle},   {"author", author},
                        {"authors", authors},      {"published", published}, {"modified", modified},
                        {"language", language},    {"canonical_url", canonical_url},
                        {"site_name", site_name},  {"image", image},         {"tags", tags}};
}

PageMetadata ExtractMetadata(const HtmlDocument& document) {
  PageMetadata meta;
  Evidence ev;
  Walk(document, meta, ev);
  {
    // The region the page is written for: <html lang>, else the meta tags that name it.
    std::string language = ev.html_lang;
    for (std::string_view key : {"content-language", "og:locale", "dc.language", "language"}) {
      if (language.find('-') != std::string::npos || language.find('_') != std::string::npos) break;
      if (const std::string named = meta.Meta(std::string(key)); !named.empty() &&
                                                                 (language.empty() || named.size() > language.size())) {
        language = named;
      }
    }
    ev.day_first = WritesDayFirst(language);
  }
  auto first_meta = [&](std::initializer_list<std::string_view> names) -> std::string {
    for (std::string_view name : names) {
      std::string value = meta.Meta(name);
      if (!value.empty()) return value;
    }
    return {};
  };

  // The JSON-LD object that describes this page: an Article-like type first, then a WebPage.
  std::unordered_map<std::string, const nlohmann::json*> by_id;
  const nlohmann::json* article = nullptr;
  const nlohmann::json* webpage = nullptr;
  // An article type beats the other things a page may describe first (a video embedded above
  // the story, a recipe card): their author and dates are not the article's.
  const nlohmann::json* other_work = nullptr;
  for (const auto& object : meta.json_ld) {
    if (!object.is_object()) continue;
    if (object.contains("@id") && object["@id"].is_string()) by_id.emplace(object["@id"].get<std::string>(), &object);
    if (article == nullptr &&
        HasType(object, {"Article", "NewsArticle", "BlogPosting", "TechArticle", "ScholarlyArticle", "Report",
                         "SocialMediaPosting", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
                         "LiveBlogPosting", "DiscussionForumPosting", "AdvertiserContentArticle", "BackgroundNewsArticle"})) {
      article = &object;
    }
    if (other_work == nullptr &&
        HasType(object, {"Review", "Recipe", "HowTo", "MedicalWebPage", "Posting", "Blog", "VideoObject"})) {
      other_work = &object;
    }
    if (webpage == nullptr && HasType(object, {"WebPage", "ItemPage", "AboutPage", "FAQPage", "QAPage", "CollectionPage"})) {
      webpage = &object;
    }
  }
  if (article == nullptr) article = other_work;
  const nlohmann::json empty = nlohmann::json::object();
  const nlohmann::json& ld = article != nullptr ? *article : (webpage != nullptr ? *webpage : empty);

  // Site name.
  meta.site_name = first_meta({"og:site_name", "application-name", "al:ios:app_name"});
  if (meta.site_name.empty() && ld.contains("publisher")) {
    const auto& publisher = ld["publisher"];
    if (publisher.is_object()) {
      meta.site_name = JsonString(publisher, "name");
      if (meta.site_name.empty() && publisher.contains("@id") && publisher["@id"].is_string()) {
        const auto it = by_id.find(publisher["@id"].get<std::string>());
        if (it != by_id.end()) meta.site_name = JsonString(*it->second, "name");
      }
    }
  }
  meta.site_name = DecodeEntities(text::CollapseWhitespace(meta.site_name));

  // Title: candidates, then prefer the visible <h1> when it is one of them undecorated.
  std::string ld_title = DecodeEntities(JsonString(ld, "headline"));
  if (ld_title.empty() && article != nullptr) ld_title = DecodeEntities(JsonString(ld, "name"));
  const std::string og_title = DecodeEntities(first_meta({"og:title", "twitter:title", "dc.title", "dcterms.title", "parsely-title",
                                           "sailthru.title"}));
  // The site's name as a heading: equal to og:site_name, a host name ("davidbau.com"), or the
  // part of the <title> before a colon when og:title is the rest ("Engora Data Blog: Small
  // adventures with small language models"). It is a logo, and no part of the title.
  const auto is_site_heading = [&](const std::string& h1) {
    if (!meta.site_name.empty() && NormForCompare(h1) == NormForCompare(meta.site_name)) return true;
    if (h1.find(' ') == std::string::npos && h1.find('.') != std::string::npos && document.url().find(h1) != std::string::npos) {
      return true;
    }
    const std::string tag = text::CollapseWhitespace(ev.title_tag);
    // The site's name in the header, which the <title> carries after the post's own title
    // ("Evolve: Shared Mutable History — evolve extension for Mercurial").
    for (std::string_view separator : {" | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: ", " \xC2\xB7 "}) {
      const size_t at = tag.rfind(separator);
      if (at != std::string::npos && at > 0 && NormForCompare(tag.substr(at + separator.size())) == NormForCompare(h1)) {
        return true;
      }
    }
    // "<h1>: <og:title>" as the <title>.
    if (h1.empty() || tag.size() <= h1.size() + 2 || tag.compare(0, h1.size(), h1) != 0) return false;
    const std::string_view rest = std::string_view(tag).substr(h1.size());
    return rest.front() == ':' && !og_title.empty() && NormForCompare(rest.substr(1)) == NormForCompare(og_title);
  };
  std::string tag_title_raw = text::CollapseWhitespace(ev.title_tag);
  for (const std::string& h1 : ev.h1s) {
    if (h1.empty() || !is_site_heading(h1) || tag_title_raw.compare(0, h1.size(), h1) != 0) continue;
    // "davidbau.com Vibe Coding", "Engora Data Blog: Small adventures ...": the site goes.
    std::string_view rest = text::Trim(std::string_view(tag_title_raw).substr(h1.size()));
    while (!rest.empty() && std::string_view(":|-").find(rest.front()) != std::string_view::npos) rest = text::Trim(rest.substr(1));
    if (text::CountWords(rest) >= 2) tag_title_raw = std::string(rest);
    break;
  }
  // A title cut short with an ellipsis ("Wedding Planning Checklists Wedding Timeline…") is no
  // candidate while another source has it whole.
  const auto truncated = [](std::string_view title) {
    title = text::Trim(title);
    return title.ends_with("\xE2\x80\xA6") || title.ends_with("...");
  };
  std::string tag_title = CleanTitle(tag_title_raw, meta.site_name);
  if (truncated(tag_title)) tag_title.clear();
  std::vector<std::string> candidates;
  for (const std::string& candidate : {ld_title, og_title}) {
    if (!text::Trim(candidate).empty() && !truncated(candidate)) candidates.push_back(CleanTitle(candidate, meta.site_name));
  }
  // A headline cut to a length limit without an ellipsis (schema.org tools once capped it at 110
  // characters: "... Solutions (Including") is the start of another source's title, cut inside it.
  const auto cut_short = [&](const std::string& title) {
    for (const std::string& other : {og_title, tag_title}) {
      const std::string whole = CleanTitle(other, meta.site_name);
      if (title.size() < 60 || whole.size() <= title.size() + 2 || whole.compare(0, title.size(), title) != 0) continue;
      const std::string_view rest = text::Trim(std::string_view(whole).substr(title.size()));
      const bool separator = std::string_view("|-:(\xC2\xB7").find(rest.front()) != std::string_view::npos ||
                             rest.starts_with("\xE2\x80\x93") || rest.starts_with("\xE2\x80\x94");
      // Cut inside a word, or before more words that are no site suffix.
      if (!separator && (whole[title.size()] != ' ' || text::CountWords(rest) >= 1)) return true;
    }
    return false;
  };
  std::erase_if(candidates, cut_short);
  // The visible <h1> is what a reader calls the title; meta titles are often SEO variants of it
  // ("Top 10 Trends to Watch" on the page, "Trends For 2026 | Site" in og:title). An <h1> that
  // shares most of its words with a meta title is the article's heading, not a logo or a section.
  std::vector<std::string> reference = candidates;
  if (!tag_title.empty()) reference.push_back(tag_title);
  std::string h1_title;
  double best_overlap = 0;
  for (const std::string& h1 : ev.h1s) {
    const int words = text::CountWords(h1);
    if (words == 0 || words > 40) continue;
    if (is_site_heading(h1)) continue;
    for (const std::string& candidate : reference) {
      const double overlap = WordOverlap(h1, candidate);
      if (overlap > best_overlap) {
        best_overlap = overlap;
        h1_title = h1;
      }
    }
  }
  if (best_overlap < kTitleOverlap) h1_title.clear();
  // The page's only <h1>, written as a headline (six words or more, not in capitals), is the
  // title even when the meta titles are SEO rewrites sharing few of its words ("Top 10: Best
  // Language Learning App (tested by experts)" on the page, "Best Apps to Learn a Language in
  // 2025" in og:title). Short headings are labels and logos ("M&A Updates", "Yoga Pathways").
  if (h1_title.empty() && ev.h1s.size() == 1) {
    const std::string& only = ev.h1s.front();
    const int words = text::CountWords(only);
    // (Not a lead-in: "A message from John Furrier, co-founder of SiliconANGLE:".)
    const bool lead_in = text::Trim(only).ends_with(":");
    if (words >= 6 && words <= 40 && !IsAllCaps(only) && !lead_in && !is_site_heading(only)) h1_title = only;
  }
  // An <h1> that wraps a meta title with extras ("Dec 18 2025 <title>", "<title> Posted on ... by
  // ...", "<title> – Site") is decorated: the meta title is the clean form.
  if (!h1_title.empty()) {
    for (const std::string& candidate : reference) {
      const std::string clean(text::Trim(candidate));
      const size_t at = clean.size() >= 12 ? h1_title.find(clean) : std::string::npos;
      if (at == std::string::npos || clean.size() >= h1_title.size()) continue;
      const std::string extra = h1_title.substr(0, at) + " " + h1_title.substr(at + clean.size());
      const std::string_view trimmed = text::Trim(extra);
      bool separator = !trimmed.empty() && (std::string_view("|-:\xC2\xB7").find(trimmed.front()) != std::string_view::npos ||
                                            text::StartsWithIgnoreCase(trimmed, "\xE2\x80\x93") ||
                                            text::StartsWithIgnoreCase(trimmed, "\xE2\x80\x94"));
      // After a colon or a dash, three words or more that are not the site's name are the
      // heading's subtitle ("Big Data Analytics in Retail: Enhancing Customer Insights ..."), part
      // of the title; "| Opinion", "– Artlyst" and "— Strength Training" are labels.
      if (separator && at == 0 && trimmed.front() != '|' && !trimmed.starts_with("\xC2\xB7")) {
        const std::string_view rest = text::Trim(trimmed.substr(trimmed.front() == ':' || trimmed.front() == '-' ? 1 : 3));
        const bool site = !meta.site_name.empty() && text::ContainsIgnoreCase(meta.site_name, text::ToLower(rest));
        if (text::CountWords(rest) >= 3 && !site) separator = false;
      }
      const bool byline = text::ContainsIgnoreCase(trimmed, "posted") || text::ContainsIgnoreCase(trimmed, " by ");
      // A section label before the title: "Blog: <title>", "Title:<title>".
      const bool label = at > 0 && trimmed.back() == ':' && text::CountWords(trimmed) <= 2;
      if (separator || byline || label || !NormalizeDate(trimmed).empty()) {
        h1_title = clean;
        break;
      }
    }
  }
  // An <h1> whose characters beyond ASCII were lost to "?" on the way ("Event Planning? Beginner?
  // Guide") is a damaged copy of the meta title that matches it with each "?" standing for a
  // character or two.
  if (h1_title.find('?') != std::string::npos) {
    for (const std::string& candidate : reference) {
      if (MatchesWithLostCharacters(h1_title, candidate)) {
        h1_title = candidate;
        break;
      }
    }
  }
  // An <h1> in capitals is styled text; the meta title closest to it has the author's case
  // ("BEST DRIP COFFEE MAKER IN 2026: ..." on the page, "Best Drip Coffee Maker 2026: ..." in og:title).
  if (!h1_title.empty() && IsAllCaps(h1_title)) {
    double closest = kTitleOverlap;
    const std::string heading = h1_title;
    for (const std::string& candidate : reference) {
      if (const double overlap = WordOverlap(heading, candidate); overlap >= closest && !IsAllCaps(candidate)) {
        closest = overlap;
        h1_title = candidate;
      }
    }
  }
  if (!h1_title.empty()) {
    meta.title = h1_title;
  } else if (!candidates.empty()) {
    meta.title = candidates.front();
  } else if (!tag_title.empty()) {
    meta.title = tag_title;
  } else if (ev.h1s.size() == 1) {
    meta.title = ev.h1s.front();
  }
  meta.title = text::RepairDoubleEncodedUtf8(text::CollapseWhitespace(meta.title));

  // Subtitle.
  meta.subtitle = DecodeEntities(JsonString(ld, "description"));
  if (meta.subtitle.empty()) meta.subtitle = first_meta({"og:description", "description", "twitter:description", "dc.description"});
  meta.subtitle = text::RepairDoubleEncodedUtf8(text::CollapseWhitespace(meta.subtitle));

  // Authors.
  std::vector<std::string> authors;
  std::vector<std::string> organisations;
  std::string written;  // the one text several names were read from, to show them as written
  if (ld.contains("author")) AddAuthorsFromJson(ld["author"], by_id, authors, organisations, written);
  if (authors.empty() && ld.contains("creator")) AddAuthorsFromJson(ld["creator"], by_id, authors, organisations, written);
  auto add_names = [&](const std::string& raw) {
    if (authors.empty() && SplitNames(raw).size() >= 2) written = raw;
    for (const std::string& name : SplitNames(raw)) AddUnique(authors, name);
  };
  // A name that is the site's own ("Cleveland Clinic" on clevelandclinic.org, "USA TODAY" with
  // og:site_name "USA TODAY") is the publisher: kept as the last resort, after any person's byline.
  const std::string site_key = NormForCompare(meta.site_name);
  std::string domain_key;
  if (const auto url = ParseUrl(document.url()); url && !url->host.empty()) {
    const std::vector<std::string> labels = text::Split(url->host, '.');
    if (labels.size() >= 2) domain_key = NormForCompare(labels[labels.size() - 2]);
  }
  // A JSON-LD Person named like the domain is the owner of a personal site (simonsarris.com), so
  // the domain is compared only with names from untyped sources.
  auto settle = [&](bool typed_person = false) {
    for (const std::string& name : authors) {
      const std::string key = NormForCompare(name);
      const bool publisher = !key.empty() && ((!site_key.empty() && (key == site_key || site_key.rfind(key, 0) == 0)) ||
                                              (!typed_person && !domain_key.empty() && key == domain_key));
      if (!publisher) return;
    }
    for (const std::string& name : authors) organisations.push_back(name);
    authors.clear();
    written.clear();
  };
  settle(/*typed_person=*/true);
  if (authors.empty()) {
    for (std::string_view key : {"author", "article:author", "parsely-author", "sailthru.author", "dc.creator",
                                 "dcterms.creator", "byl", "cxenseparse:author"}) {
      for (const auto& [name, value] : meta.meta) {
        if (name == key && !LooksLikeUrl(value)) add_names(value);
      }
      settle();
      if (!authors.empty()) break;
    }
  }
  std::string labelled_handle;  // a user name that Yoast's "Written by" card gives
  if (authors.empty()) {
    // Yoast's reading card: twitter:label1 "Written by", twitter:data1 the name.
    for (const auto& [name, value] : meta.meta) {
      if (name.rfind("twitter:label", 0) != 0 || !text::EqualsIgnoreCase(text::Trim(value), "written by")) continue;
      const std::string written_by = meta.Meta("twitter:data" + name.substr(std::string_view("twitter:label").size()));
      add_names(written_by);
      // The label says it is the author, so a user name counts ("sara.r.peter"), after any name
      // the page shows: WordPress writes the login of whoever posted a guest's article.
      if (authors.empty() && IsUserHandle(written_by)) labelled_handle = std::string(text::Trim(written_by));
    }
    settle();
  }
  if (authors.empty()) {
    // One scholarly author per tag, written "Last, First".
    for (const auto& [name, value] : meta.meta) {
      if (name != "citation_author") continue;
      const size_t comma = value.find(',');
      AddUnique(authors, CleanName(comma == std::string::npos
                                       ? value
                                       : std::string(text::Trim(value.substr(comma + 1))) + " " + value.substr(0, comma)));
    }
  }
  if (authors.empty()) {
    for (const std::string& value : ev.microdata_authors) add_names(value);
    settle();
  }
  if (authors.empty()) {
    for (const std::string& value : ev.rel_authors) add_names(value);
    settle();
  }
  if (authors.empty()) {
    // A byline naming the site ("by Clemson News") is the page's own: the bylines after it
    // belong to the other posts listed below, unless they sit in that byline's own parent (an
    // author list crediting "Corti" and then "Joakim Edin").
    xmlNodePtr site_byline_block = nullptr;
    for (const Evidence::Byline& byline : ev.bylines) {
      if (site_byline_block != nullptr && !IsAncestor(site_byline_block, byline.element)) break;
      add_names(byline.names);
      const bool named_someone = !authors.empty();
      settle();
      if (!authors.empty()) break;
      if (named_someone && site_byline_block == nullptr) site_byline_block = ParentElementOrSelf(byline.element);
    }
  }
  if (authors.empty()) {
    add_names(AuthorLinkNames(ev));
    settle();
  }
  if (authors.empty()) {
    add_names(BylineNearTitle(ev, meta.title));
    settle();
  }
  if (authors.empty() && !ev.labelled_author.empty()) {
    add_names(ev.labelled_author);
    settle();
  }
  if (authors.empty()) {
    add_names(BylineInASentence(document, first_meta({"description", "og:description"})));
    settle();
  }
  if (authors.empty() && !labelled_handle.empty()) authors.push_back(labelled_handle);
  if (authors.empty()) {
    for (const std::string& name : organisations) AddUnique(authors, name);
  }
  if (authors.empty()) {
    // Personal blogs named after their author: "Colin Watson's blog".
    const std::string site = meta.site_name.empty() ? SiteSuffix(ev.title_tag) : meta.site_name;
    const size_t at = site.find("'s ");
    const size_t curly = site.find("\xE2\x80\x99s ");
    const size_t end = at != std::string::npos ? at : curly;
    if (end != std::string::npos && text::ContainsIgnoreCase(site.substr(end), "blog")) add_names(site.substr(0, end));
  }
  // Nobody named at all: the site is the author (a personal site's title ends with its owner's
  // name; a company's, with the company, which schema.org also allows as an author), else the
  // person a personal site's copyright line names.
  if (authors.empty()) {
    if (std::string site = SiteAsAuthor(ev.title_tag, meta.site_name); !site.empty()) authors.push_back(std::move(site));
  }
  if (authors.empty()) add_names(CopyrightHolder(document));
  // With people named, the site itself in the same list is the publisher, not a co-author
  // ("Manoj Jain and Jagpreet Chhatwal, The Commercial Appeal").
  // So is an outlet or institution credited after them ("…, The Hechinger Report", "Arlene
  // Marturano, South Carolina Garden-based Learning Network").
  if (authors.size() >= 2) {
    std::vector<std::string> people;
    for (const std::string& name : authors) {
      if ((site_key.empty() || NormForCompare(name) != site_key) && !NamesAnInstitution(name)) people.push_back(name);
    }
    // Only when what is left reads as people ("Center for Drug Evaluation and Research" is one
    // institution, not a person called "Research").
    const bool persons = std::all_of(people.begin(), people.end(), [](const std::string& name) {
      return name.find(' ') != std::string::npos && LooksLikeProperName(name);
    });
    if (!people.empty() && (people.size() == authors.size() || persons)) authors = std::move(people);
  }
  // One name from the metadata (Yoast writes only the first author) that the page's byline, or
  // its citation_author tags, list with others: all of them ("Rui Ma, Heba Ledwon & Suparn Patra").
  if (authors.size() == 1) {
    const std::string key = NormForCompare(authors.front());
    std::vector<std::string> cited;
    for (const auto& [name, value] : meta.meta) {
      if (name == "citation_author" || name == "citation_authors") {
        for (const std::string& cited_name : SplitNames(value)) AddUnique(cited, cited_name);
      }
    }
    std::vector<std::string> linked;
    for (const std::string& name : AuthorLinkNameList(ev)) AddUnique(linked, name);
    const std::string linked_as_written = linked.size() >= 2 ? NamesSpan(AuthorLinkBlockText(ev), linked) : "";
    const auto is_ours = [&](const std::string& name) {
      const std::string name_key = NormForCompare(name);
      return name_key == key || name_key.ends_with(" " + key);  // "Dr Marna van der Merwe"
    };
    if (!linked_as_written.empty() && linked.size() <= 10 && std::any_of(linked.begin(), linked.end(), is_ours)) {
      authors = linked;
      written = linked_as_written;
    } else if (cited.size() >= 2 && cited.size() <= 30 && std::any_of(cited.begin(), cited.end(), is_ours)) {
      authors = cited;
    }
  }
  // The byline printed right under the title is who readers are told wrote the piece; metadata
  // may name the account that posted it (a WordPress login, "KatieS"), a template's default or a
  // former author. When the two share no name, the printed byline wins.
  if (!authors.empty()) {
    const std::string shown = BylineUnderTitle(ev, meta.title);
    const std::vector<std::string> shown_names = SplitNames(shown);
    const bool shares_a_name = std::any_of(authors.begin(), authors.end(), [&](const std::string& name) {
      return std::any_of(shown_names.begin(), shown_names.end(),
                         [&](const std::string& other) { return WordOverlap(name, other) > 0; });
    });
    if (!shown_names.empty() && !shares_a_name) {
      authors = shown_names;
      written = shown_names.size() >= 2 ? shown : "";
    }
  }
  for (const std::string& name : authors) AddUnique(meta.authors, text::RepairDoubleEncodedUtf8(name));
  // Several names from separate fields (a JSON-LD list) are shown as the page's byline writes
  // them when the byline holds them all ("Ann, Bob, and Cy").
  if (written.empty() && meta.authors.size() >= 2) {
    for (const std::string& byline : {AuthorLinkBlockText(ev), BylineNearTitle(ev, meta.title)}) {
      const size_t first = byline.find(meta.authors.front());
      if (first != std::string::npos && byline.find(meta.authors.back(), first) != std::string::npos) {
        written = byline;
        break;
      }
    }
  }
  meta.author = written.empty() ? text::Join(meta.authors, ", ")
                                : NamesAsWritten(text::RepairDoubleEncodedUtf8(written), meta.authors);

  // Dates.
  std::vector<std::string> published_sources = {JsonString(ld, "datePublished"), JsonString(ld, "dateCreated")};
  for (std::string_view key : {"article:published_time", "og:published_time", "article:published", "published_time",
                               "datepublished", "date", "dc.date.issued", "dc.date", "dcterms.date", "dcterms.created",
                               "pubdate", "publish-date", "publish_date", "publication_date", "sailthru.date",
                               "parsely-pub-date", "citation_publication_date", "article.published", "published",
                               "article:published_date", "date.published", "post_date"}) {
    published_sources.push_back(meta.Meta(key));
  }
  // Other spellings ("published-date", "og:publish_date", "pdate"); names that say "date" before
  // those that say "time" ("published-time" on one page was its build time).
  for (const bool want_date : {true, false}) {
    for (const auto& [name, value] : meta.meta) {
      const bool publish = name.find("publish") != std::string::npos && name.find("publisher") == std::string::npos;
      const bool date = name.find("date") != std::string::npos;
      if ((publish && date == want_date) ||
          (want_date && (name == "pdate" || name == "date-pub" || name == "displaydate" || name == "citation_date"))) {
        published_sources.push_back(value);
      }
    }
  }
  published_sources.push_back(ev.pubdate_time);
  for (const auto& value : ev.time_datetimes) published_sources.push_back(value);
  // A date class used three times or more dates a list of other posts ("related", "latest"); a
  // shown month without its day ("February 2025") is an archive heading.
  for (const auto& shown : ev.visible_dates) {
    const auto digits = std::count_if(shown.text.begin(), shown.text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (ev.date_class_uses[shown.class_and_id] < 3 && digits >= 5) published_sources.push_back(shown.text);
  }
  for (const std::string& source : published_sources) {
    if (source.empty()) continue;
    meta.published = NormalizeDate(source, /*keep_offset=*/true, ev.day_first);
    if (!meta.published.empty()) break;
  }
  // JSON-LD whose datePublished is its dateModified to the second was stamped at the last save;
  // the day the page marks as its publication (<time pubdate>, itemprop=datePublished) is the
  // publication when it is earlier.
  if (!meta.published.empty() && !ev.pubdate_time.empty() &&
      NormalizeDate(JsonString(ld, "dateModified"), /*keep_offset=*/true, ev.day_first) == meta.published) {
    if (const std::string marked = NormalizeDate(ev.pubdate_time, /*keep_offset=*/true, ev.day_first);
        !marked.empty() && marked.compare(0, 10, meta.published, 0, 10) < 0) {
      meta.published = marked;
    }
  }
  // Costlier fallbacks, only when the page's markup says nothing.
  if (meta.published.empty()) {
    meta.published = VisibleDateNearTitle(ev, meta.title);
  } else if (std::string shown_text, shown = VisibleDateNearTitle(ev, meta.title, false, 12, true, &shown_text);
             !shown.empty() && shown.compare(0, 10, meta.published, 0, 10) < 0 &&
             !(MonthAndDayOrderGuessed(shown_text) && SameDayWithMonthAndDaySwapped(shown, meta.published))) {
    // The byline right by the title (under it, or just above it) shows an earlier day than the
    // markup claims: themes stamp markup with the build, crawl or update time, never with a day
    // before the post existed, and a UTC stamp just after midnight is the day before where the
    // author lives. (A later shown day is usually an update, and the markup is kept.)
    meta.published = shown;
  }
  if (const std::string original = OriginallyPublishedDate(ev);
      !original.empty() && (meta.published.empty() || original.compare(0, 10, meta.published, 0, 10) < 0)) {
    meta.published = original;
  }
  if (meta.published.empty()) meta.published = ScriptDate(document);
  if (meta.published.empty()) {
    meta.published = DateByLabelOrByline(document, meta.authors.empty() ? "" : meta.authors.front(), ev.day_first);
  }
  // The day in the post's URL: it settles a numeric date read in the wrong order ("03/10/2023" on a
  // British page whose URL says /2023/october/03/), and dates a page that shows none.
  if (const std::string url_day = DateInUrl(document.url()); !url_day.empty()) {
    if (SameDayWithMonthAndDaySwapped(meta.published, url_day)) {
      std::swap_ranges(meta.published.begin() + 5, meta.published.begin() + 7, meta.published.begin() + 8);
    } else if (meta.published.empty()) {
      meta.published = url_day + "T00:00:00Z";
    }
  }
  // A page that shows only when it was updated states no other date: that one is the best known.
  if (meta.published.empty()) meta.published = VisibleDateNearTitle(ev, meta.title, /*allow_updated=*/true);

  for (const std::string& source : {JsonString(ld, "dateModified"), meta.Meta("article:modified_time"),
                                    meta.Meta("og:updated_time"), meta.Meta("article:modified"),
                                    meta.Meta("last-modified"), meta.Meta("dcterms.modified"), ev.itemprop_modified}) {
    if (source.empty()) continue;
    meta.modified = NormalizeDate(source, /*keep_offset=*/true, ev.day_first);
    if (!meta.modified.empty()) break;
  }
  // Likewise a page whose markup dates only its last change.
  if (meta.published.empty()) meta.published = meta.modified;

  // Language.
  std::string language = ev.html_lang;
  if (language.empty()) language = first_meta({"content-language", "dc.language", "language"});
  if (language.empty()) language = JsonString(ld, "inLanguage");
  if (language.empty()) {
    language = meta.Meta("og:locale");
    for (char& c : language) {
      if (c == '_') c = '-';
    }
  }
  meta.language = std::string(text::Trim(language));
  if (const size_t comma = meta.language.find(','); comma != std::string::npos) meta.language.resize(comma);

  // Canonical URL, image, tags.
  const std::string& base = document.url();
  std::string canonical = ev.canonical;
  if (canonical.empty()) canonical = meta.Meta("og:url");
  if (canonical.empty()) canonical = JsonString(ld, "url");
  meta.canonical_url = canonical.empty() ? base : Absolute(base, std::string(text::Trim(canonical)));

  std::string image = first_meta({"og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"});
  if (image.empty()) image = JsonString(ld, "image");
  if (image.empty()) image = ev.image_src;
  meta.image = Absolute(base, std::string(text::Trim(image)));

  for (const auto& [name, value] : meta.meta) {
    if (name == "article:tag" || name == "og:article:tag") AddUnique(meta.tags, std::string(text::Trim(value)));
  }
  if (ld.contains("keywords")) {
    const auto& keywords = ld["keywords"];
    if (keywords.is_string()) {
      for (const std::string& tag : text::Split(keywords.get<std::string>(), ',')) {
        AddUnique(meta.tags, std::string(text::Trim(tag)));
      }
    } else if (keywords.is_array()) {
      for (const auto& tag : keywords) {
        if (tag.is_string()) AddUnique(meta.tags, std::string(text::Trim(tag.get<std::string>())));
      }
    }
  }
  if (meta.tags.empty()) {
    for (const std::string& tag : text::Split(first_meta({"parsely-tags", "keywords", "news_keywords"}), ',')) {
      AddUnique(meta.tags, std::string(text::Trim(tag)));
    }
  }
  if (meta.tags.empty()) {
    for (const std::string& tag : ev.rel_tags) AddUnique(meta.tags, tag);
  }
  if (meta.tags.size() > 50) meta.tags.resize(50);
  return meta;
}

}  // namespace llmtwin
