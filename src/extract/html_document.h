// A parsed HTML page (libxml2's HTML parser) and the queries crawlers run on it.
//
// HtmlDocument owns the htmlDocPtr (RAII); HtmlNode is a non-owning handle valid while its
// document lives. Queries are XPath 1.0 or a CSS selector subset compiled to XPath (tag, .class,
// #id, [attr], [attr=v], [attr^=v], [attr*=v], [attr$=v], descendant and child combinators,
// comma groups): enough for "h1.pw-post-title", "[data-selectable-paragraph]", "p.graf--p".
//
// Deviation from a browser: the charset is taken from a BOM or a <meta charset> in the first
// 4 KiB (else UTF-8), and invalid UTF-8 is replaced by U+FFFD before parsing, so text is always
// valid UTF-8. Every traversal in this layer is iterative: libxml2 builds trees of any depth
// (100,000 nested tags), and recursion over them would overflow the stack.
#pragma once

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace llmtwin {

// Whether an element (lower-case tag name) starts a new block of text: its text never runs into
// the text before or after it.
bool IsBlockElement(const char* name);

class HtmlNode {
 public:
  HtmlNode() = default;
  explicit HtmlNode(xmlNodePtr node) : node_(node) {}

  xmlNodePtr get() const { return node_; }
  explicit operator bool() const { return node_ != nullptr; }
  bool operator==(const HtmlNode& other) const { return node_ == other.node_; }

  // Lower-case tag name of an element ("" for text and other nodes).
  std::string_view Tag() const;
  bool IsElement() const;
  // The attribute's value, or "" when absent.
  std::string Attr(std::string_view name) const;
  bool HasAttr(std::string_view name) const;
  bool HasClass(std::string_view class_name) const;
  // The text content with whitespace runs collapsed to one space and trimmed.
  std::string Text() const;  // collapsed whitespace; blocks and <br> separate words
  // The text content as is (scripts' and <pre>'s contents).
  std::string RawText() const;
  // The serialised children / the node itself, as HTML.
  std::string InnerHtml() const;
  std::string OuterHtml() const;
  HtmlNode Parent() const;
  std::vector<HtmlNode> Children() const;  // element children
  // Descendants matching a CSS selector (see the file comment) / an XPath relative to this node.
  std::vector<HtmlNode> Select(std::string_view css) const;
  HtmlNode SelectFirst(std::string_view css) const;
  std::vector<HtmlNode> XPath(std::string_view xpath) const;

 private:
  xmlNodePtr node_ = nullptr;
};

class HtmlDocument {
 public:
  // Parses any bytes; never throws on malformed HTML (libxml2 recovers), only on allocation
  // failure (Error kInternal). `url` is kept for resolving links; it may be empty.
  static HtmlDocument Parse(std::string_view html, std::string_view url = {});
  // Parses bytes already decoded to UTF-8 (invalid sequences are still repaired).
  static HtmlDocument ParseUtf8(std::string_view html, std::string_view url = {});
  // A new document whose <body> holds deep copies of `nodes`, in order: part of a page to render
  // on its own, without serialising it and parsing it again.
  static HtmlDocument FragmentOf(const std::vector<HtmlNode>& nodes, std::string_view url = {});

  HtmlDocument(HtmlDocument&&) noexcept = default;
  HtmlDocument& operator=(HtmlDocument&&) noexcept = default;

  htmlDocPtr get() const { return doc_.get(); }
  const std::string& url() const { return url_; }
  HtmlNode Root() const;  // <html>, or a null node for an empty document
  HtmlNode Body() const;  // <body>, or Root()
  HtmlNode Head() const;  // <head>, or a null node

  std::vector<HtmlNode> Select(std::string_view css) const;
  HtmlNode SelectFirst(std::string_view css) const;
  std::vector<HtmlNode> XPath(std::string_view xpath) const;
  // Text of the first matching node, or "".
  std::string SelectText(std::string_view css) const;
  // Content of <meta property|name=`name`> (case-insensitive), or "".
  std::string MetaContent(std::string_view name) const;
  // The contents of the first <script> whose id is `id`, or "".
  std::string ScriptById(std::string_view id) const;
  // The first <script> whose contents match `pattern`; `group` selects a capture group.
  std::optional<std::string> ScriptMatching(const std::regex& pattern, int group = 0) const;
  // The JSON value assigned in a script ("window.__APOLLO_STATE__ = {...}", "window._preloads =
  // JSON.parse("...")"): the text of the balanced {...}/[...] or the decoded JSON.parse string
  // after `assignment`, or "" when not found.
  std::string ScriptAssignedJson(std::string_view assignment) const;

 private:
  struct DocFree {
    void operator()(xmlDoc* doc) const;
  };
  HtmlDocument(htmlDocPtr doc, std::string url) : doc_(doc), url_(std::move(url)) {}
  std::unique_ptr<xmlDoc, DocFree> doc_;
  std::string url_;
};

// ---- One-pass element walks ----
// A selector evaluated through XPath walks the whole tree once per branch of a union and allocates
// a node set per step; crawlers that test several selectors on one page answer them in one walk
// with these instead (same nodes, same document order).

// Calls `visit(xmlNodePtr element)` for every element below `root` (not `root` itself; a document
// node may be given) in document order, without recursion. `visit` returns true to descend into
// the element's children, false to skip them.
template <typename Visit>
void ForEachElement(xmlNodePtr root, Visit visit) {
  if (root == nullptr) return;
  xmlNodePtr node = root->children;
  while (node != nullptr) {
    bool descend = false;
    if (node->type == XML_ELEMENT_NODE) descend = visit(node) && node->children != nullptr;
    if (descend) {
      node = node->children;
      continue;
    }
    while (node != nullptr && node != root && node->next == nullptr) node = node->parent;
    if (node == nullptr || node == root) return;
    node = node->next;
  }
}

// The value of attribute `name` (exact name; libxml2's HTML parser lower-cases them) as XPath's
// `@name` reads it: a view of the attribute's text when it is one text node, else of `storage`.
// Empty when absent; `present` (optional) tells absent from empty.
std::string_view AttrValue(xmlNodePtr element, const char* name, std::string& storage, bool* present = nullptr);

// Whether a class attribute's value holds `token` as one of its whitespace-separated words, as the
// compiled CSS ".token" tests it (contains(concat(' ', normalize-space(@class), ' '), ' token ')).
bool HasClassToken(std::string_view class_value, std::string_view token);

// Compiles a CSS selector (the subset above) to an XPath expression relative to a context node;
// throws Error(kInvalidInput) naming the selector when it is outside the subset.
std::string CssToXPath(std::string_view css);

// Replaces invalid UTF-8 sequences (and NUL bytes) with U+FFFD; returns the input unchanged
// when it is already valid.
std::string RepairUtf8(std::string_view bytes);

}  // namespace llmtwin
