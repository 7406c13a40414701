// The one walk over a page that collects the evidence the metadata rules rank (meta tags, JSON-LD
// bodies, <title>, <h1>s, <time>s, bylines, author links, date classes, "published" notes), and
// the node helpers those rules share. The walk is bounded (caps on every list) so that a hostile
// page costs no more than one pass; the rules that look further (near the title, whole-body
// scans) have budgets of their own.
#pragma once

#include <libxml/tree.h>

#include <cstring>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/extractor.h"
#include "extract/html_document.h"
#include "extract/text_util.h"

namespace llmtwin::metadata {

inline const char* AsChars(const xmlChar* s) { return reinterpret_cast<const char*>(s); }
inline std::string Attr(xmlNodePtr node, const char* name) { return HtmlNode(node).Attr(name); }

// What one walk over the document collects for the ranking.
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

// Fills `meta.meta` (every meta tag) and `meta.json_ld` (every JSON-LD object) and `ev`.
void Walk(const HtmlDocument& document, PageMetadata& meta, Evidence& ev);

// Whether a page in `language` ("en-GB", "fr", "pt_BR") writes numeric dates day first.
bool WritesDayFirst(std::string_view language);
bool LooksLikeUrl(std::string_view s);
// The class and id of an element, lower-cased (the first 1 KiB of each).
std::string ClassAndId(xmlNodePtr node);
bool IsBylineClass(std::string_view ci);
bool IsDateClass(std::string_view ci);
bool HasAncestor(xmlNodePtr node, std::initializer_list<std::string_view> names);
// The trimmed text nodes of an element, at most `limit` (tag links and scripts skipped).
std::vector<std::string> TextPieces(const HtmlNode& element, size_t limit);
// Links to an author's page ("/author/jane-doe/").
bool IsAuthorPageLink(std::string_view href);
xmlNodePtr ParentElementOrSelf(xmlNodePtr node);
bool IsAncestor(xmlNodePtr ancestor, xmlNodePtr node);
// Whether an element sits in a comment thread.
bool InComments(xmlNodePtr node);
// The text of a small element, or nothing when its subtree has more than `max_nodes` nodes.
std::optional<std::string> ShortText(xmlNodePtr element, int max_nodes = 80);
// The <h1> that holds `title`, else the first <h1>; nullptr when the page has none.
xmlNodePtr TitleHeading(const Evidence& ev, const std::string& title);
std::string Absolute(const std::string& base, const std::string& reference);

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

}  // namespace llmtwin::metadata
