#include "extract/metadata/page_walk.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>

#include "domain/url.h"
#include "extract/text_util.h"
#include "extract/metadata/bylines.h"
#include "extract/metadata/json_ld.h"
#include "extract/metadata/names.h"

namespace llmtwin::metadata {

// Whether a page in `language` ("en-GB", "fr", "pt_BR") writes numeric dates day first: every
// region but the United States, and English without a region (most such pages are American).
bool WritesDayFirst(std::string_view language) {
  const std::string lower = text::ToLower(text::Trim(language));
  if (lower.empty()) return false;
  if (lower == "en" || lower.starts_with("en-us") || lower.starts_with("en_us")) return false;
  return true;
}

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
  // The words that make a byline first: most classes have none of them, and the exclusions below
  // are only read for the few that do.
  if (ci.find("byline") == std::string_view::npos && ci.find("author") == std::string_view::npos &&
      ci.find("writer") == std::string_view::npos)
    return false;
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
  return true;
}

bool IsDateClass(std::string_view ci) {
  if (ci.empty()) return false;
  // (a date word first, as for bylines: most classes have none)
  const bool date = ci.find("date") != std::string_view::npos || ci.find("publish") != std::string_view::npos ||
                    ci.find("posted") != std::string_view::npos || ci.find("timestamp") != std::string_view::npos ||
                    ci.find("post-time") != std::string_view::npos;
  return date && ci.find("update") == std::string_view::npos && ci.find("comment") == std::string_view::npos;
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

// The text of a small element (a byline, a date line), or nothing when its subtree has more than
// `max_nodes` nodes: walking up from a label may reach <body>, and reading a whole page for each
// of 150 labels would make hostile pages quadratic.
std::optional<std::string> ShortText(xmlNodePtr element, int max_nodes) {
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

std::string Absolute(const std::string& base, const std::string& reference) {
  if (reference.empty()) return {};
  if (base.empty()) return reference;
  auto resolved = ResolveUrl(base, reference);
  return resolved ? *resolved : reference;
}

}  // namespace llmtwin::metadata
