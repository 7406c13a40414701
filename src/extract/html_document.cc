#include "extract/html_document.h"

#include <libxml/HTMLtree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>

#include "common/error.h"
#include "common/stage_cpu.h"
#include "extract/tag_set.h"
#include "extract/text_util.h"

namespace llmtwin {

bool IsBlockElement(const char* name) {
  static const TagSet kTags{
      "p",       "div",      "section", "article", "main",     "header",  "footer",     "aside",  "nav",
      "address", "center",   "details", "summary", "fieldset", "figure",  "figcaption", "form",   "hgroup",
      "dl",      "dt",       "dd",      "ul",      "ol",       "li",      "table",      "tr",     "td",
      "th",      "thead",    "tbody",   "tfoot",   "caption",  "pre",     "blockquote", "hr",     "h1",
      "h2",      "h3",       "h4",      "h5",      "h6",       "body",    "html",       "menu",   "dir",
      "picture", "legend",   "output",  "listing", "xmp",      "plaintext"};
  return kTags.Contains(name);
}

namespace {

// RAII over the libxml2 XPath handles.
struct XPathContextFree {
  void operator()(xmlXPathContext* context) const { xmlXPathFreeContext(context); }
};
struct XPathObjectFree {
  void operator()(xmlXPathObject* object) const { xmlXPathFreeObject(object); }
};
struct BufferFree {
  void operator()(xmlBuffer* buffer) const { xmlBufferFree(buffer); }
};
using XPathContextPtr = std::unique_ptr<xmlXPathContext, XPathContextFree>;
using XPathObjectPtr = std::unique_ptr<xmlXPathObject, XPathObjectFree>;
using BufferPtr = std::unique_ptr<xmlBuffer, BufferFree>;

const char* AsChars(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

std::vector<HtmlNode> EvalXPath(xmlDocPtr doc, xmlNodePtr context_node, std::string_view xpath) {
  std::vector<HtmlNode> nodes;
  if (doc == nullptr) return nodes;
  XPathContextPtr context(xmlXPathNewContext(doc));
  if (!context) throw Error(ErrorKind::kInternal, "cannot allocate an XPath context");
  context->node = context_node != nullptr ? context_node : reinterpret_cast<xmlNodePtr>(doc);
  const std::string expression(xpath);
  XPathObjectPtr result(xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expression.c_str()), context.get()));
  if (!result) throw Error(ErrorKind::kInvalidInput, "invalid XPath expression: " + expression);
  if (result->type == XPATH_NODESET && result->nodesetval != nullptr) {
    nodes.reserve(static_cast<size_t>(result->nodesetval->nodeNr));
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) nodes.emplace_back(result->nodesetval->nodeTab[i]);
  }
  return nodes;
}

bool IsSkippedForText(xmlNodePtr node) {
  if (node->type != XML_ELEMENT_NODE) return false;
  const char* name = AsChars(node->name);
  return std::strcmp(name, "script") == 0 || std::strcmp(name, "style") == 0 || std::strcmp(name, "noscript") == 0 ||
         std::strcmp(name, "template") == 0;
}

// Visits the text below `root` in document order without recursion; `boundary` is called where a
// block element or a <br> starts or ends, so that text on either side is not glued together.
template <typename Visit, typename Boundary>
void ForEachText(xmlNodePtr root, bool skip_scripts, Visit visit, Boundary boundary) {
  if (root == nullptr) return;
  if (root->type == XML_TEXT_NODE || root->type == XML_CDATA_SECTION_NODE) {
    if (root->content != nullptr) visit(std::string_view(AsChars(root->content)));
    return;
  }
  auto breaks = [](xmlNodePtr node) {
    if (node->type != XML_ELEMENT_NODE) return false;
    const char* name = AsChars(node->name);
    return std::strcmp(name, "br") == 0 || IsBlockElement(name);
  };
  xmlNodePtr node = root->children;
  while (node != nullptr) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content != nullptr) visit(std::string_view(AsChars(node->content)));
    } else if (node->type == XML_ELEMENT_NODE) {
      if (breaks(node)) boundary();
      if (node->children != nullptr && !(skip_scripts && IsSkippedForText(node))) {
        node = node->children;
        continue;
      }
    }
    while (node != nullptr && node->next == nullptr) {
      node = node->parent;
      if (node == root) return;
      if (node != nullptr && breaks(node)) boundary();
    }
    if (node != nullptr) {
      if (breaks(node)) boundary();
      node = node->next;
    }
  }
}

// Whether `bytes` is valid UTF-8 without NUL bytes (the common case, checked without copying).
bool IsValidUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    // Skip ASCII eight bytes at a time.
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        // NUL check: a zero byte in the word.
        if (((word - 0x0101010101010101ULL) & ~word & 0x8080808080808080ULL) != 0) return false;
        i += 8;
        continue;
      }
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      if (c == 0) return false;
      ++i;
      continue;
    }
    size_t length = 0;
    const size_t valid = text::Utf8SequenceAt(s, n, i, length);
    if (length == 0 || valid != length) return false;
    i += length;
  }
  return true;
}

// Valid UTF-8 containing at least one multi-byte sequence.
bool LooksLikeUtf8(std::string_view bytes) {
  bool multibyte = false;
  for (unsigned char c : bytes) {
    if (c >= 0x80) {
      multibyte = true;
      break;
    }
  }
  return multibyte && IsValidUtf8(bytes);
}

// Sniffs the charset the way a browser's prescan does, in simplified form: a BOM, then a
// `charset=` in the first 4 KiB. Returns "" for UTF-8 / unknown.
std::string SniffCharset(std::string_view html) {
  if (html.size() >= 2) {
    const auto b0 = static_cast<unsigned char>(html[0]);
    const auto b1 = static_cast<unsigned char>(html[1]);
    if (b0 == 0xFF && b1 == 0xFE) return "UTF-16LE";
    if (b0 == 0xFE && b1 == 0xFF) return "UTF-16BE";
  }
  const std::string head = text::ToLower(html.substr(0, 4096));
  size_t pos = 0;
  while ((pos = head.find("charset", pos)) != std::string::npos) {
    // Only a charset inside a <meta> tag counts (not one in a script or a link's type).
    const size_t tag_start = head.rfind('<', pos);
    const bool in_meta = tag_start != std::string::npos && head.compare(tag_start, 5, "<meta") == 0 &&
                         head.find('>', tag_start) > pos;
    pos += 7;
    if (!in_meta) continue;
    size_t i = pos;
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t')) ++i;
    if (i >= head.size() || head[i] != '=') continue;
    ++i;
    while (i < head.size() && (head[i] == ' ' || head[i] == '"' || head[i] == '\'')) ++i;
    size_t end = i;
    while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) || head[end] == '-' ||
                                 head[end] == '_' || head[end] == ':' || head[end] == '.')) {
      ++end;
    }
    std::string charset = head.substr(i, end - i);
    if (charset.empty()) continue;
    if (charset == "utf-8" || charset == "utf8" || charset == "unicode" || charset == "us-ascii" ||
        charset == "ascii" || charset.rfind("utf-16", 0) == 0) {
      return "";  // a page that reached us as bytes in a <meta> is ASCII-compatible: treat as UTF-8
    }
    // A page declared as a legacy charset (windows-1252, gb2312, shift_jis, ...) whose bytes are
    // valid UTF-8 with non-ASCII text is UTF-8 (a CMS template's stale <meta>, or a page saved as
    // UTF-8; the server's header, which we may not have, said so). Real legacy-encoded text almost
    // never forms valid multi-byte UTF-8 throughout.
    const bool single_byte = charset == "iso-8859-1" || charset == "latin1" || charset == "latin-1" ||
                             charset == "l1" || charset == "iso8859-1" || charset == "cp1252" ||
                             charset == "windows-1252" || charset == "iso-8859-15";
    if (LooksLikeUtf8(html)) return "";
    // Browsers decode these labels as windows-1252 (WHATWG Encoding Standard).
    if (single_byte && charset != "iso-8859-15") return "windows-1252";
    return charset;
  }
  return "";
}

// libxml2 prints encoding and I/O errors to stderr from any thread; a page's flaws are not ours to
// report. The handlers are per thread in libxml2, so they are set before every parse.
void IgnoreGenericError(void*, const char*, ...) {}
void IgnoreStructuredError(void*, xmlErrorPtr) {}

void PrepareLibxml() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlThrDefSetGenericErrorFunc(nullptr, IgnoreGenericError);
    xmlThrDefSetStructuredErrorFunc(nullptr, IgnoreStructuredError);
  });
  xmlSetGenericErrorFunc(nullptr, IgnoreGenericError);
  xmlSetStructuredErrorFunc(nullptr, IgnoreStructuredError);
}

constexpr int kParseOptions =
    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_RECOVER | HTML_PARSE_COMPACT | XML_PARSE_HUGE;

// libxml2 checks each new attribute against all earlier ones of the tag and appends it by walking
// the list: quadratic in the attribute count, so 50,000 attributes on one tag take half a minute.
// Tags with more than kMaxAttributes whitespace-separated tokens outside quoted values are cut to
// that many, between attributes (browsers would keep them all, but no real page has a thousand
// attributes on one element). Quoted values are skipped whole: an SVG path's "d" holds thousands of
// spaces, and cutting inside it left an open quote that swallowed the rest of the page.
constexpr size_t kMaxAttributes = 1000;

std::string LimitAttributes(std::string_view html, bool& changed) {
  changed = false;
  std::string out;
  size_t copied = 0;
  size_t pos = 0;
  while (true) {
    const void* found = std::memchr(html.data() + pos, '<', html.size() - pos);
    if (found == nullptr) break;
    const size_t open = static_cast<size_t>(static_cast<const char*>(found) - html.data());
    pos = open + 1;
    if (pos >= html.size() || !std::isalpha(static_cast<unsigned char>(html[pos]))) continue;
    size_t tokens = 0;
    bool in_space = false;
    bool after_equals = false;
    char quote = 0;
    size_t cut = std::string_view::npos;
    size_t i = pos;
    for (; i < html.size(); ++i) {
      const char c = html[i];
      if (quote != 0) {  // a quoted value: its spaces and '>' are text (an SVG path has thousands)
        if (c == quote) quote = 0;
        continue;
      }
      if (c == '>') break;
      if ((c == '"' || c == '\'') && after_equals) {
        quote = c;
        after_equals = false;
        in_space = false;
        continue;
      }
      const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
      if (!space && in_space && ++tokens > kMaxAttributes && cut == std::string_view::npos) cut = i;
      if (!space) after_equals = c == '=';
      in_space = space;
    }
    if (cut != std::string_view::npos) {
      if (!changed) out.reserve(html.size());
      changed = true;
      out.append(html.data() + copied, cut - copied);
      copied = i;  // resume at the '>' (or the end)
    }
    pos = i;
    if (pos >= html.size()) break;
  }
  if (changed) out.append(html.data() + copied, html.size() - copied);
  return out;
}

// libxml2's HTML parser knows HTML 4's 253 named character references (and "&apos;"); the 1,872
// that HTML5 added ("&mldr;" for an ellipsis, which Hugo sites print, "&check;", "&rightarrow;")
// it leaves in the text as written. They are rewritten to numeric references first, which every
// parser reads. "&amp;mldr;" is left alone: its '&' starts "&amp;".
struct Html5Entity {
  std::string_view name;
  char32_t first, second;
};
constexpr Html5Entity kHtml5Entities[] = {
#include "extract/html5_entities.inc"
};

std::string NumberHtml5Entities(std::string_view html, bool& changed) {
  changed = false;
  std::string out;
  size_t copied = 0;
  for (size_t pos = 0; pos < html.size();) {
    const void* found = std::memchr(html.data() + pos, '&', html.size() - pos);
    if (found == nullptr) break;
    const size_t amp = static_cast<size_t>(static_cast<const char*>(found) - html.data());
    pos = amp + 1;
    const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (pos >= html.size() || !alpha(html[pos])) continue;  // "&#8230;", "& "
    size_t end = pos + 1;
    while (end < html.size() && end - pos < 32 && (alpha(html[end]) || (html[end] >= '0' && html[end] <= '9'))) ++end;
    if (end >= html.size() || html[end] != ';') continue;
    const std::string_view name = html.substr(pos, end - pos);
    if (name == "amp" || name == "nbsp" || name == "quot" || name == "lt" || name == "gt") continue;  // most of them
    const auto* entity = std::lower_bound(std::begin(kHtml5Entities), std::end(kHtml5Entities), name,
                                          [](const Html5Entity& e, std::string_view n) { return e.name < n; });
    if (entity == std::end(kHtml5Entities) || entity->name != name) continue;
    if (!changed) out.reserve(html.size() + 64);
    changed = true;
    out.append(html.data() + copied, amp - copied);
    char number[32];
    for (const char32_t point : {entity->first, entity->second}) {
      if (point == 0) continue;
      const int n = std::snprintf(number, sizeof number, "&#x%X;", static_cast<unsigned>(point));
      out.append(number, static_cast<size_t>(n));
    }
    copied = end + 1;
    pos = copied;
  }
  if (changed) out.append(html.data() + copied, html.size() - copied);
  return out;
}

// The input libxml2 is given: attributes limited, HTML5's named references numbered. Returns the
// page itself when neither applies (no copy).
std::string_view PrepareForLibxml(std::string_view html, std::string& storage) {
  bool limited = false;
  std::string limited_html = LimitAttributes(html, limited);
  if (limited) {
    storage = std::move(limited_html);
    html = storage;
  }
  bool numbered = false;
  std::string numbered_html = NumberHtml5Entities(html, numbered);
  if (numbered) {
    storage = std::move(numbered_html);
    html = storage;
  }
  return html;
}

htmlDocPtr ReadUtf8(std::string_view html, const std::string& url) {
  if (html.size() >= 3 && html.compare(0, 3, "\xEF\xBB\xBF") == 0) html.remove_prefix(3);  // UTF-8 BOM
  std::string prepared;
  html = PrepareForLibxml(html, prepared);
  std::string repaired;
  if (!IsValidUtf8(html)) {
    repaired = RepairUtf8(html);
    html = repaired;
  }
  // libxml2 takes an int size; pages beyond 2 GiB are cut (the fetcher caps bodies far lower).
  const int size = static_cast<int>(std::min<size_t>(html.size(), 0x7FFFFFFF));
  return htmlReadMemory(html.data(), size, url.empty() ? nullptr : url.c_str(), "UTF-8", kParseOptions);
}

}  // namespace

// ---- HtmlNode ----

std::string_view HtmlNode::Tag() const {
  if (node_ == nullptr || node_->type != XML_ELEMENT_NODE || node_->name == nullptr) return {};
  return AsChars(node_->name);
}

bool HtmlNode::IsElement() const { return node_ != nullptr && node_->type == XML_ELEMENT_NODE; }

std::string HtmlNode::Attr(std::string_view name) const {
  if (!IsElement()) return {};
  for (xmlAttrPtr attr = node_->properties; attr != nullptr; attr = attr->next) {
    if (attr->name == nullptr || !text::EqualsIgnoreCase(AsChars(attr->name), name)) continue;
    if (attr->children == nullptr) return {};
    if (attr->children->next == nullptr && attr->children->type == XML_TEXT_NODE) {
      return attr->children->content != nullptr ? AsChars(attr->children->content) : "";
    }
    xmlChar* value = xmlNodeListGetString(node_->doc, attr->children, 1);
    std::string out = value != nullptr ? AsChars(value) : "";
    xmlFree(value);
    return out;
  }
  return {};
}

bool HtmlNode::HasAttr(std::string_view name) const {
  if (!IsElement()) return false;
  for (xmlAttrPtr attr = node_->properties; attr != nullptr; attr = attr->next) {
    if (attr->name != nullptr && text::EqualsIgnoreCase(AsChars(attr->name), name)) return true;
  }
  return false;
}

bool HtmlNode::HasClass(std::string_view class_name) const {
  const std::string classes = Attr("class");
  size_t i = 0;
  while (i < classes.size()) {
    while (i < classes.size() && std::isspace(static_cast<unsigned char>(classes[i]))) ++i;
    size_t end = i;
    while (end < classes.size() && !std::isspace(static_cast<unsigned char>(classes[end]))) ++end;
    if (std::string_view(classes).substr(i, end - i) == class_name) return true;
    i = end;
  }
  return false;
}

std::string HtmlNode::Text() const {
  std::string out;
  bool pending = false;
  ForEachText(
      node_, true, [&](std::string_view s) { text::AppendCollapsed(out, s, pending); }, [&] { pending = true; });
  return out;
}

std::string HtmlNode::RawText() const {
  std::string out;
  ForEachText(node_, false, [&](std::string_view s) { out.append(s); }, [] {});
  return out;
}

std::string HtmlNode::OuterHtml() const {
  if (node_ == nullptr) return {};
  BufferPtr buffer(xmlBufferCreate());
  if (!buffer) throw Error(ErrorKind::kInternal, "cannot allocate a buffer to serialise HTML");
  htmlNodeDump(buffer.get(), node_->doc, node_);
  return std::string(AsChars(xmlBufferContent(buffer.get())), static_cast<size_t>(xmlBufferLength(buffer.get())));
}

std::string HtmlNode::InnerHtml() const {
  if (node_ == nullptr) return {};
  BufferPtr buffer(xmlBufferCreate());
  if (!buffer) throw Error(ErrorKind::kInternal, "cannot allocate a buffer to serialise HTML");
  for (xmlNodePtr child = node_->children; child != nullptr; child = child->next) {
    htmlNodeDump(buffer.get(), node_->doc, child);
  }
  return std::string(AsChars(xmlBufferContent(buffer.get())), static_cast<size_t>(xmlBufferLength(buffer.get())));
}

HtmlNode HtmlNode::Parent() const {
  if (node_ == nullptr || node_->parent == nullptr || node_->parent->type != XML_ELEMENT_NODE) return HtmlNode();
  return HtmlNode(node_->parent);
}

std::vector<HtmlNode> HtmlNode::Children() const {
  std::vector<HtmlNode> children;
  if (node_ == nullptr) return children;
  for (xmlNodePtr child = node_->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE) children.emplace_back(child);
  }
  return children;
}

std::vector<HtmlNode> HtmlNode::Select(std::string_view css) const {
  if (node_ == nullptr) return {};
  return EvalXPath(node_->doc, node_, CssToXPath(css));
}

HtmlNode HtmlNode::SelectFirst(std::string_view css) const {
  auto nodes = Select(css);
  return nodes.empty() ? HtmlNode() : nodes.front();
}

std::vector<HtmlNode> HtmlNode::XPath(std::string_view xpath) const {
  if (node_ == nullptr) return {};
  return EvalXPath(node_->doc, node_, xpath);
}

std::string_view AttrValue(xmlNodePtr element, const char* name, std::string& storage, bool* present) {
  if (present != nullptr) *present = false;
  if (element == nullptr || element->type != XML_ELEMENT_NODE) return {};
  for (xmlAttrPtr attr = element->properties; attr != nullptr; attr = attr->next) {
    if (attr->name == nullptr || std::strcmp(AsChars(attr->name), name) != 0) continue;
    if (present != nullptr) *present = true;
    if (attr->children == nullptr) return {};
    if (attr->children->next == nullptr && attr->children->type == XML_TEXT_NODE) {
      return attr->children->content != nullptr ? std::string_view(AsChars(attr->children->content)) : std::string_view();
    }
    xmlChar* value = xmlNodeListGetString(element->doc, attr->children, 1);
    storage = value != nullptr ? AsChars(value) : "";
    xmlFree(value);
    return storage;
  }
  return {};
}

bool HasClassToken(std::string_view class_value, std::string_view token) {
  // XPath's normalize-space splits on exactly these four characters.
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  size_t i = 0;
  while (i < class_value.size()) {
    while (i < class_value.size() && space(class_value[i])) ++i;
    size_t end = i;
    while (end < class_value.size() && !space(class_value[end])) ++end;
    if (end > i && class_value.substr(i, end - i) == token) return true;
    i = end;
  }
  return false;
}

// ---- HtmlDocument ----

void HtmlDocument::DocFree::operator()(xmlDoc* doc) const {
  const StageScope stage(Stage::kParse);  // building and freeing the tree are the parse's cost
  xmlFreeDoc(doc);
}

namespace {

struct NodeFree {
  void operator()(xmlNode* node) const { xmlFreeNode(node); }
};

xmlNodePtr ChildNamed(xmlNodePtr parent, const char* name) {
  for (xmlNodePtr child = parent->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE && std::strcmp(AsChars(child->name), name) == 0) return child;
  }
  return nullptr;
}

// Content after "</body></html>" (a caching plugin's second copy, a theme printing after the end)
// becomes a second <html> element in libxml2; browsers put it in the body, and so do we.
void MoveTrailingRootsIntoBody(htmlDocPtr doc) {
  xmlNodePtr root = xmlDocGetRootElement(doc);
  if (root == nullptr) return;
  xmlNodePtr body = ChildNamed(root, "body");
  // The second <html> is the root's next sibling or its last child, depending on what follows.
  std::vector<xmlNodePtr> extras;
  for (xmlNodePtr node = root->children; node != nullptr; node = node->next) extras.push_back(node);
  for (xmlNodePtr node = root->next; node != nullptr; node = node->next) extras.push_back(node);
  for (xmlNodePtr extra : extras) {
    if (extra->type == XML_ELEMENT_NODE && std::strcmp(AsChars(extra->name), "html") == 0) {
      if (body == nullptr) {
        body = xmlNewDocNode(doc, nullptr, reinterpret_cast<const xmlChar*>("body"), nullptr);
        if (body == nullptr) return;
        xmlAddChild(root, body);
      }
      for (xmlNodePtr part = extra->children; part != nullptr;) {
        xmlNodePtr next_part = part->next;
        const bool is_body = part->type == XML_ELEMENT_NODE && std::strcmp(AsChars(part->name), "body") == 0;
        const bool is_head = part->type == XML_ELEMENT_NODE && std::strcmp(AsChars(part->name), "head") == 0;
        if (is_body) {
          for (xmlNodePtr child = part->children; child != nullptr;) {
            xmlNodePtr next_child = child->next;
            xmlUnlinkNode(child);
            xmlAddChild(body, child);
            child = next_child;
          }
        } else if (!is_head) {
          xmlUnlinkNode(part);
          xmlAddChild(body, part);
        }
        part = next_part;
      }
      xmlUnlinkNode(extra);
      std::unique_ptr<xmlNode, NodeFree> emptied(extra);
    }
  }
}

}  // namespace

HtmlDocument HtmlDocument::Parse(std::string_view html, std::string_view url) {
  const StageScope stage(Stage::kParse);
  PrepareLibxml();
  const std::string url_string(url);
  const std::string charset = SniffCharset(html);
  htmlDocPtr doc = nullptr;
  if (!charset.empty()) {
    std::string prepared;
    const std::string_view input = charset.rfind("UTF-16", 0) == 0 ? html : PrepareForLibxml(html, prepared);
    const int size = static_cast<int>(std::min<size_t>(input.size(), 0x7FFFFFFF));
    doc = htmlReadMemory(input.data(), size, url_string.empty() ? nullptr : url_string.c_str(), charset.c_str(),
                         kParseOptions);
  }
  // No declared charset, UTF-8, or a charset libxml2/iconv does not know: read as (repaired) UTF-8.
  if (doc == nullptr) doc = ReadUtf8(html, url_string);
  if (doc == nullptr) doc = htmlNewDocNoDtD(nullptr, nullptr);  // empty input gives no document
  if (doc == nullptr) throw Error(ErrorKind::kInternal, "cannot allocate an HTML document");
  MoveTrailingRootsIntoBody(doc);
  return HtmlDocument(doc, url_string);
}

HtmlDocument HtmlDocument::ParseUtf8(std::string_view html, std::string_view url) {
  const StageScope stage(Stage::kParse);
  PrepareLibxml();
  const std::string url_string(url);
  htmlDocPtr doc = ReadUtf8(html, url_string);
  if (doc == nullptr) doc = htmlNewDocNoDtD(nullptr, nullptr);
  if (doc == nullptr) throw Error(ErrorKind::kInternal, "cannot allocate an HTML document");
  MoveTrailingRootsIntoBody(doc);
  return HtmlDocument(doc, url_string);
}

HtmlDocument HtmlDocument::FragmentOf(const std::vector<HtmlNode>& nodes, std::string_view url) {
  HtmlDocument fragment = ParseUtf8("<html><body></body></html>", url);
  const xmlNodePtr body = fragment.Body().get();
  for (const HtmlNode& node : nodes) {
    xmlNodePtr copy = xmlDocCopyNode(node.get(), fragment.get(), /*recursive=*/1);
    if (copy == nullptr) throw Error(ErrorKind::kInternal, "cannot allocate a copy of an HTML node");
    xmlAddChild(body, copy);
  }
  return fragment;
}

HtmlNode HtmlDocument::Root() const { return HtmlNode(doc_ ? xmlDocGetRootElement(doc_.get()) : nullptr); }

HtmlNode HtmlDocument::Body() const {
  const HtmlNode root = Root();
  if (!root) return root;
  xmlNodePtr body = ChildNamed(root.get(), "body");
  return body != nullptr ? HtmlNode(body) : root;
}

HtmlNode HtmlDocument::Head() const {
  const HtmlNode root = Root();
  if (!root) return root;
  return HtmlNode(ChildNamed(root.get(), "head"));
}

std::vector<HtmlNode> HtmlDocument::Select(std::string_view css) const {
  return EvalXPath(doc_.get(), nullptr, CssToXPath(css));
}

HtmlNode HtmlDocument::SelectFirst(std::string_view css) const {
  auto nodes = Select(css);
  return nodes.empty() ? HtmlNode() : nodes.front();
}

std::vector<HtmlNode> HtmlDocument::XPath(std::string_view xpath) const { return EvalXPath(doc_.get(), nullptr, xpath); }

std::string HtmlDocument::SelectText(std::string_view css) const { return SelectFirst(css).Text(); }

std::string HtmlDocument::MetaContent(std::string_view name) const {
  for (const HtmlNode& meta : XPath("//meta")) {
    std::string key = meta.Attr("property");
    if (key.empty()) key = meta.Attr("name");
    if (key.empty()) key = meta.Attr("itemprop");
    if (!text::EqualsIgnoreCase(key, name)) continue;
    std::string content = meta.Attr("content");
    if (content.empty()) content = meta.Attr("value");
    return content;
  }
  return {};
}

std::string HtmlDocument::ScriptById(std::string_view id) const {
  for (const HtmlNode& script : XPath("//script")) {
    if (script.Attr("id") == id) return script.RawText();
  }
  return {};
}

std::optional<std::string> HtmlDocument::ScriptMatching(const std::regex& pattern, int group) const {
  for (const HtmlNode& script : XPath("//script")) {
    const std::string body = script.RawText();
    std::smatch match;
    if (std::regex_search(body, match, pattern)) return match[group].str();
  }
  return std::nullopt;
}

namespace {

// The end of the balanced JSON value starting at `text[start]` ('{' or '['), or npos.
size_t BalancedEnd(std::string_view text, size_t start) {
  int depth = 0;
  bool in_string = false;
  char quote = 0;
  for (size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == quote) {
        in_string = false;
      }
      continue;
    }
    if (c == '"' || c == '\'') {
      in_string = true;
      quote = c;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
  }
  return std::string_view::npos;
}

}  // namespace

std::string HtmlDocument::ScriptAssignedJson(std::string_view assignment) const {
  for (const HtmlNode& script : XPath("//script")) {
    const std::string body = script.RawText();
    size_t pos = body.find(assignment);
    if (pos == std::string::npos) continue;
    pos += assignment.size();
    while (pos < body.size() && (std::isspace(static_cast<unsigned char>(body[pos])) || body[pos] == '=')) ++pos;
    if (pos >= body.size()) continue;
    if (body[pos] == '{' || body[pos] == '[') {
      const size_t end = BalancedEnd(body, pos);
      if (end != std::string_view::npos) return body.substr(pos, end - pos);
      continue;
    }
    static constexpr std::string_view kJsonParse = "JSON.parse(";
    if (body.compare(pos, kJsonParse.size(), kJsonParse) == 0) {
      pos += kJsonParse.size();
      if (pos >= body.size() || (body[pos] != '"' && body[pos] != '\'')) continue;
      const char quote = body[pos];
      size_t end = pos + 1;
      while (end < body.size() && body[end] != quote) end += body[end] == '\\' ? 2 : 1;
      if (end >= body.size()) continue;
      std::string literal = body.substr(pos + 1, end - pos - 1);
      // A JavaScript string literal in double quotes decodes as a JSON string.
      const auto decoded = nlohmann::json::parse("\"" + literal + "\"", nullptr, false);
      if (decoded.is_string()) return decoded.get<std::string>();
    }
  }
  return {};
}

// ---- CSS to XPath ----

namespace {

// Built with append: GCC 12 at -O3 warns (-Wrestrict, a false positive) on "'" + std::string(v).
std::string Quoted(std::string_view value, char quote) {
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back(quote);
  out.append(value);
  out.push_back(quote);
  return out;
}

std::string XPathLiteral(std::string_view value) {
  if (value.find('\'') == std::string_view::npos) return Quoted(value, '\'');
  if (value.find('"') == std::string_view::npos) return Quoted(value, '"');
  throw Error(ErrorKind::kInvalidInput, "selector value has both quote kinds: " + std::string(value));
}

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

std::string CompoundToXPath(std::string_view css, size_t& i, std::string_view whole) {
  auto fail = [&](const std::string& why) {
    return Error(ErrorKind::kInvalidInput, "unsupported CSS selector '" + std::string(whole) + "': " + why);
  };
  std::string tag = "*";
  std::string predicates;
  if (i < css.size() && (IsIdentChar(css[i]) || css[i] == '*')) {
    const size_t start = i;
    if (css[i] == '*') {
      ++i;
    } else {
      while (i < css.size() && IsIdentChar(css[i])) ++i;
    }
    tag = text::ToLower(css.substr(start, i - start));
  }
  while (i < css.size()) {
    const char c = css[i];
    if (c == '.' || c == '#') {
      const size_t start = ++i;
      while (i < css.size() && IsIdentChar(css[i])) ++i;
      if (i == start) throw fail("empty class or id");
      const std::string name(css.substr(start, i - start));
      if (c == '.') {
        predicates += "[contains(concat(' ',normalize-space(@class),' '),' " + name + " ')]";
      } else {
        predicates += "[@id=" + XPathLiteral(name) + "]";
      }
    } else if (c == '[') {
      const size_t close = css.find(']', i);
      if (close == std::string_view::npos) throw fail("unclosed [");
      std::string_view inside = text::Trim(css.substr(i + 1, close - i - 1));
      i = close + 1;
      const size_t op = inside.find_first_of("^*$=");
      if (op == std::string_view::npos) {
        predicates += "[@" + std::string(inside) + "]";
        continue;
      }
      const std::string attr(text::Trim(inside.substr(0, op)));
      const char kind = inside[op];
      size_t value_start = op + 1;
      if (kind != '=') {
        if (value_start >= inside.size() || inside[value_start] != '=') throw fail("bad attribute operator");
        ++value_start;
      }
      std::string_view value = text::Trim(inside.substr(value_start));
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
        value = value.substr(1, value.size() - 2);
      }
      const std::string literal = XPathLiteral(value);
      if (kind == '=') {
        predicates += "[@" + attr + "=" + literal + "]";
      } else if (kind == '^') {
        predicates += "[starts-with(@" + attr + "," + literal + ")]";
      } else if (kind == '*') {
        predicates += "[contains(@" + attr + "," + literal + ")]";
      } else {
        predicates += "[substring(@" + attr + ",string-length(@" + attr + ")-string-length(" + literal + ")+1)=" +
                      literal + "]";
      }
    } else {
      break;
    }
  }
  if (tag == "*" && predicates.empty()) throw fail("empty compound selector");
  return tag + predicates;
}

}  // namespace

std::string CssToXPath(std::string_view css) {
  std::string xpath;
  for (const std::string& group : text::Split(css, ',')) {
    const std::string_view selector = text::Trim(group);
    if (selector.empty()) throw Error(ErrorKind::kInvalidInput, "empty CSS selector in '" + std::string(css) + "'");
    std::string path = ".//";
    size_t i = 0;
    bool first = true;
    while (i < selector.size()) {
      bool child = false;
      bool had_space = false;
      while (i < selector.size() && (selector[i] == ' ' || selector[i] == '>')) {
        if (selector[i] == '>') child = true;
        had_space = true;
        ++i;
      }
      if (i >= selector.size()) break;
      if (!first) {
        path += child ? "/" : "//";
      } else if (had_space && child) {
        throw Error(ErrorKind::kInvalidInput, "CSS selector starts with '>': " + std::string(css));
      }
      path += CompoundToXPath(selector, i, css);
      first = false;
      if (i < selector.size() && selector[i] != ' ' && selector[i] != '>') {
        throw Error(ErrorKind::kInvalidInput,
                    "unsupported CSS selector '" + std::string(css) + "' at '" + std::string(selector.substr(i)) + "'");
      }
    }
    if (!xpath.empty()) xpath += " | ";
    xpath += path;
  }
  return xpath;
}

// ---- UTF-8 repair ----

std::string RepairUtf8(std::string_view bytes) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  size_t copied = 0;  // bytes[0, copied) are in `out` (only when a repair happened)
  bool repaired = false;
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  auto replace = [&](size_t bad_length) {
    if (!repaired) {
      out.reserve(n + 16);
      repaired = true;
    }
    out.append(bytes.data() + copied, i - copied);
    out.append(kReplacement);
    i += bad_length;
    copied = i;
  };
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      if (c == 0) {
        replace(1);
      } else {
        ++i;
      }
      continue;
    }
    size_t length = 0;
    const size_t k = text::Utf8SequenceAt(s, n, i, length);
    if (length == 0) {
      replace(1);
    } else if (k == length) {
      i += length;
    } else {
      replace(k);  // the maximal invalid prefix becomes one U+FFFD
    }
  }
  if (!repaired) return std::string(bytes);
  out.append(bytes.data() + copied, n - copied);
  return out;
}

}  // namespace llmtwin
