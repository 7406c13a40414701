#include "extract/markdown.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

#include "domain/url.h"
#include "extract/html_document.h"
#include "extract/tag_set.h"
#include "extract/text_util.h"

namespace llmtwin {
namespace {

const char* AsChars(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

constexpr int kMaxDepth = 200;

bool NameIs(xmlNodePtr node, const char* name) { return !std::strcmp(AsChars(node->name), name); }

std::string AttrOf(xmlNodePtr node, const char* name) {
  for (xmlAttrPtr attr = node->properties; attr != nullptr; attr = attr->next) {
    if (text::EqualsIgnoreCase(AsChars(attr->name), name)) {
      if (attr->children == nullptr || attr->children->content == nullptr) return {};
      return AsChars(attr->children->content);
    }
  }
  return {};
}

// Tags whose content is never text a reader sees.
bool IsNonContent(const char* name) {
  static const TagSet kTags{"script", "style",  "noscript", "template", "svg",    "canvas", "iframe",
                            "object", "embed",  "head",     "title",    "meta",   "link",   "button",
                            "input",  "select", "textarea", "option",   "math",   "audio",  "video",
                            "map",    "dialog", "frameset", "frame",    "source", "track",  "param",
                            "rt",     "rp"};
  return kTags.Contains(name);
}

// The language of a code block from its classes or data attributes, or "".
std::string CodeLanguageOf(xmlNodePtr node) {
  const std::string data = AttrOf(node, "data-lang").empty() ? AttrOf(node, "data-language") : AttrOf(node, "data-lang");
  if (!data.empty()) return text::ToLower(text::Trim(data));
  const std::string classes = AttrOf(node, "class");
  if (classes.empty()) return {};
  static constexpr std::string_view kPrefixes[] = {"language-", "lang-", "highlight-source-", "highlight-", "brush:",
                                                   "sourcecode-"};
  const std::string lower = text::ToLower(classes);
  for (std::string_view prefix : kPrefixes) {
    size_t at = lower.find(prefix);
    while (at != std::string::npos && at > 0 && lower[at - 1] != ' ' && lower[at - 1] != ';') {
      at = lower.find(prefix, at + 1);
    }
    if (at == std::string::npos) continue;
    size_t start = at + prefix.size();
    while (start < lower.size() && lower[start] == ' ') ++start;
    size_t end = start;
    while (end < lower.size() && lower[end] != ' ' && lower[end] != ';' && lower[end] != '"') ++end;
    std::string language = lower.substr(start, end - start);
    if (!language.empty() && language != "none" && language != "plaintext" && language != "text" &&
        language.size() < 30) {
      return language;
    }
  }
  return {};
}

// The text of a <pre> as written: text nodes verbatim, <br> as a newline, blocks on new lines.
std::string PreformattedText(xmlNodePtr root) {
  std::string out;
  xmlNodePtr node = root->children;
  while (node != nullptr) {
    bool descend = false;
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content != nullptr) out += AsChars(node->content);
    } else if (node->type == XML_ELEMENT_NODE) {
      const char* name = AsChars(node->name);
      if (!std::strcmp(name, "br")) {
        out.push_back('\n');
      } else if (!IsNonContent(name)) {
        if ((!std::strcmp(name, "div") || !std::strcmp(name, "p") || !std::strcmp(name, "li")) && !out.empty() &&
            out.back() != '\n') {
          out.push_back('\n');
        }
        descend = node->children != nullptr;
      }
    }
    if (descend) {
      node = node->children;
      continue;
    }
    node = text::NextSkippingChildren(node, root);
  }
  // Trim blank lines around the code and trailing spaces on the last line.
  size_t begin = 0;
  while (begin < out.size()) {
    const size_t eol = out.find('\n', begin);
    if (eol == std::string::npos) break;
    if (!text::Trim(std::string_view(out).substr(begin, eol - begin)).empty()) break;
    begin = eol + 1;
  }
  size_t end = out.size();
  while (end > begin && (out[end - 1] == '\n' || out[end - 1] == ' ' || out[end - 1] == '\t' || out[end - 1] == '\r')) --end;
  std::string code = out.substr(begin, end - begin);
  // Non-breaking spaces in code are spaces (copied, not replaced in place: GCC 12 -O3 -Wrestrict).
  std::string clean;
  clean.reserve(code.size());
  for (size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '\xC2' && i + 1 < code.size() && code[i + 1] == '\xA0') {
      clean.push_back(' ');
      ++i;
    } else {
      clean.push_back(code[i]);
    }
  }
  return clean;
}

class Renderer {
 public:
  Renderer(RenderFormat format, const ExtractOptions& options, std::string_view base_url, const MainContent* content)
      : markdown_(format == RenderFormat::kMarkdown), options_(options), base_url_(base_url), content_(content) {}

  void RenderChildren(xmlNodePtr node, int depth) {
    for (xmlNodePtr child = node->children; child != nullptr; child = child->next) Render(child, depth + 1);
  }

  bool RenderedNoscript(xmlNodePtr node) const { return content_ != nullptr && content_->RendersNoscript(node); }

  void Render(xmlNodePtr node, int depth) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content != nullptr) AppendText(AsChars(node->content));
      return;
    }
    if (node->type != XML_ELEMENT_NODE) return;
    if (content_ != nullptr && content_->IsSkipped(node)) return;
    const char* name = AsChars(node->name);
    if (IsNonContent(name) && !RenderedNoscript(node)) return;
    if (depth > kMaxDepth) {
      FlattenText(node);
      return;
    }
    if (inline_only_ > 0) {
      RenderInlineOnly(node, name, depth);
      return;
    }
    switch (name[0]) {
      case 'h':
        if (name[1] >= '1' && name[1] <= '6' && name[2] == 0) return RenderHeading(node, name[1] - '0', depth);
        if (!std::strcmp(name, "hr")) return RenderRule();
        break;
      case 'u':
        if (!std::strcmp(name, "ul")) return RenderList(node, false, depth);
        break;
      case 'o':
        if (!std::strcmp(name, "ol")) return RenderList(node, true, depth);
        break;
      case 'm':
        if (!std::strcmp(name, "menu")) return RenderList(node, false, depth);
        break;
      case 'l':
        if (!std::strcmp(name, "li")) return RenderListItem(node, "- ", depth);
        break;
      case 'p':
        if (!std::strcmp(name, "pre")) return RenderPre(node);
        break;
      case 'x':
        if (!std::strcmp(name, "xmp")) return RenderPre(node);
        break;
      case 'b':
        if (!std::strcmp(name, "blockquote")) return RenderQuote(node, depth);
        if (!std::strcmp(name, "br")) return LineBreak();
        if (!std::strcmp(name, "b")) return RenderWrapped(node, "**", depth);
        break;
      case 't':
        if (!std::strcmp(name, "table")) return RenderTable(node, depth);
        break;
      default:
        break;
    }
    if (IsBlockElement(name)) {
      FlushParagraph();
      RenderChildren(node, depth);
      FlushParagraph();
      return;
    }
    RenderInline(node, name, depth);
  }

  std::string Finish() {
    FlushParagraph();
    while (!out_.empty() && (out_.back() == '\n' || out_.back() == ' ')) out_.pop_back();
    if (!out_.empty()) out_.push_back('\n');
    return std::move(out_);
  }

 private:
  struct Container {
    std::string first;  // prefix of the first line ("- ", "1. ", "> ")
    std::string rest;   // prefix of the following lines ("  ", "   ", "> ")
    bool first_used = false;
  };

  // ---- inline content ----

  void AppendText(std::string_view s) {
    if (!inline_.empty() || !text::Trim(s).empty()) text::AppendCollapsed(inline_, s, pending_space_);
  }

  void LineBreak() {
    if (inline_only_ > 0) {
      pending_space_ = true;
      return;
    }
    if (!inline_.empty() && inline_.back() != '\n') inline_.push_back('\n');
    pending_space_ = false;
  }

  // Puts a pending space now, so that an opening marker sits before the next word.
  void SettleSpace() {
    if (pending_space_ && !inline_.empty() && inline_.back() != ' ' && inline_.back() != '\n') inline_.push_back(' ');
    pending_space_ = false;
  }

  void RenderWrapped(xmlNodePtr node, std::string_view marker, int depth) {
    if (!markdown_ || in_heading_) return RenderChildren(node, depth);
    SettleSpace();
    size_t start = inline_.size();
    const uint64_t flushes = flushes_;
    RenderChildren(node, depth);
    if (flushes != flushes_) return;  // a block inside the inline element ended the paragraph
    while (start < inline_.size() && inline_[start] == ' ') ++start;  // "<em> very</em>": the space stays out
    if (inline_.size() == start) return;
    // Emphasis must hug the words: "*word*", never "* word*".
    size_t end = inline_.size();
    while (end > start && (inline_[end - 1] == ' ' || inline_[end - 1] == '\n')) --end;
    if (end == start || text::Trim(std::string_view(inline_).substr(start, end - start)).empty()) return;
    if (inline_.find('\n', start) != std::string::npos) return;  // markers cannot span lines
    // Already wrapped by the same marker (<b><strong>x</strong></b>): keep one.
    if (inline_.compare(start, marker.size(), marker) == 0) return;
    const std::string tail = inline_.substr(end);
    inline_.resize(end);
    inline_.insert(start, marker);
    inline_.append(marker);
    inline_.append(tail);
  }

  void RenderCode(xmlNodePtr node) {
    std::string code = text::CollapseWhitespace(PreformattedText(node));
    if (code.empty()) return;
    if (!markdown_) {
      SettleSpace();
      inline_ += code;
      return;
    }
    SettleSpace();
    size_t longest = 0, run = 0;
    for (char c : code) {
      run = c == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    const std::string fence(longest + 1, '`');
    const bool pad = code.front() == '`' || code.back() == '`';
    inline_ += fence + (pad ? " " : "") + code + (pad ? " " : "") + fence;
  }

  void RenderLink(xmlNodePtr node, int depth) {
    std::string href = std::string(text::Trim(AttrOf(node, "href")));
    // A heading's permalink ("<a class=headerlink href=#install>¶</a>") is no text.
    if (!href.empty() && href[0] == '#' && node->children != nullptr && node->children->next == nullptr &&
        node->children->type == XML_TEXT_NODE && node->children->content != nullptr &&
        text::IsPermalinkMark(AsChars(node->children->content))) {
      return;
    }
    if (!markdown_ || !options_.links || href.empty() || href[0] == '#' || text::StartsWithIgnoreCase(href, "javascript:")) {
      return RenderChildren(node, depth);
    }
    SettleSpace();
    const size_t start = inline_.size();
    const uint64_t flushes = flushes_;
    RenderChildren(node, depth);
    if (flushes != flushes_) return;
    size_t end = inline_.size();
    while (end > start && inline_[end - 1] == ' ') --end;
    if (end == start || inline_.find('\n', start) != std::string::npos) return;
    const std::string label = inline_.substr(start, end - start);
    inline_.resize(start);
    inline_ += "[" + label + "](" + Absolute(href) + ")";
  }

  void RenderImage(xmlNodePtr node) {
    if (!markdown_ || !options_.images) return;
    std::string src = AttrOf(node, "src");
    for (const char* lazy : {"data-src", "data-original", "data-lazy-src"}) {
      const std::string candidate = AttrOf(node, lazy);
      if (!candidate.empty() && (src.empty() || src.rfind("data:", 0) == 0)) src = candidate;
    }
    src = std::string(text::Trim(src));
    if (src.empty() || src.rfind("data:", 0) == 0) return;
    // Tracking pixels.
    if (AttrOf(node, "width") == "1" || AttrOf(node, "height") == "1" || AttrOf(node, "width") == "0") return;
    std::string alt = text::CollapseWhitespace(AttrOf(node, "alt"));
    for (char& c : alt) {
      if (c == '[' || c == ']') c = ' ';
    }
    SettleSpace();
    inline_ += "![" + alt + "](" + Absolute(src) + ")";
  }

  std::string Absolute(const std::string& reference) const {
    if (base_url_.empty()) return reference;
    auto resolved = ResolveUrl(base_url_, reference);
    std::string url = resolved ? *resolved : reference;
    // Parentheses and spaces would end a Markdown link early.
    std::string escaped;
    for (char c : url) {
      if (c == ' ') escaped += "%20";
      else if (c == '(') escaped += "%28";
      else if (c == ')') escaped += "%29";
      else escaped.push_back(c);
    }
    return escaped;
  }

  void RenderInline(xmlNodePtr node, const char* name, int depth) {
    switch (name[0]) {
      case 'a':
        if (!std::strcmp(name, "a")) return RenderLink(node, depth);
        break;
      case 'e':
        if (!std::strcmp(name, "em")) return RenderWrapped(node, "*", depth);
        break;
      case 'i':
        if (!std::strcmp(name, "i")) return RenderWrapped(node, "*", depth);
        if (!std::strcmp(name, "img")) return RenderImage(node);
        break;
      case 's':
        if (!std::strcmp(name, "strong")) return RenderWrapped(node, "**", depth);
        if (!std::strcmp(name, "s") || !std::strcmp(name, "strike")) return RenderWrapped(node, "~~", depth);
        if (!std::strcmp(name, "sup") || !std::strcmp(name, "sub")) return RenderChildren(node, depth);
        break;
      case 'c':
        if (!std::strcmp(name, "code")) return RenderCode(node);
        break;
      case 'k':
        if (!std::strcmp(name, "kbd")) return RenderCode(node);
        break;
      case 'd':
        if (!std::strcmp(name, "del")) return RenderWrapped(node, "~~", depth);
        break;
      case 't':
        if (!std::strcmp(name, "tt")) return RenderCode(node);
        break;
      default:
        break;
    }
    RenderChildren(node, depth);
  }

  // Inside headings and table cells every block is inline: blocks become spaces.
  void RenderInlineOnly(xmlNodePtr node, const char* name, int depth) {
    if (!std::strcmp(name, "br")) return LineBreak();
    if (IsBlockElement(name)) {
      pending_space_ = true;
      RenderChildren(node, depth);
      pending_space_ = true;
      return;
    }
    if (!std::strcmp(name, "b")) return RenderWrapped(node, "**", depth);
    RenderInline(node, name, depth);
  }

  // Text of a subtree too deep to render structurally, without recursion.
  void FlattenText(xmlNodePtr root) {
    xmlNodePtr node = root->children;
    pending_space_ = true;
    while (node != nullptr) {
      bool descend = false;
      if (node->type == XML_TEXT_NODE && node->content != nullptr) {
        AppendText(AsChars(node->content));
      } else if (node->type == XML_ELEMENT_NODE && (!IsNonContent(AsChars(node->name)) || RenderedNoscript(node)) &&
                 (content_ == nullptr || !content_->IsSkipped(node))) {
        descend = node->children != nullptr;
        if (IsBlockElement(AsChars(node->name))) pending_space_ = true;
      }
      if (descend) {
        node = node->children;
        continue;
      }
      node = text::NextSkippingChildren(node, root);
    }
    pending_space_ = true;
  }

  // ---- blocks ----

  // Writes one line with the container prefixes.
  void WriteLine(std::string_view line) {
    for (Container& container : containers_) {
      if (!container.first_used) {
        out_ += container.first;
        container.first_used = true;
      } else {
        out_ += container.rest;
      }
    }
    out_.append(line);
    out_.push_back('\n');
  }

  void BlankLine() {
    std::string prefix;
    for (const Container& container : containers_) prefix += container.first_used ? container.rest : container.first;
    while (!prefix.empty() && prefix.back() == ' ') prefix.pop_back();
    // Inside list items the blank line has no prefix (only blockquotes need theirs).
    bool quote = false;
    for (const Container& container : containers_) quote = quote || container.rest == "> ";
    if (quote) {
      out_ += prefix;
    }
    out_.push_back('\n');
  }

  // Starts a block: separates it from the previous one.
  void BeginBlock() {
    if (out_.empty()) return;
    const bool tight = list_depth_ > 0 && last_block_in_list_;
    if (!tight) BlankLine();
  }

  void EmitBlock(std::string_view block) {
    BeginBlock();
    size_t start = 0;
    while (start <= block.size()) {
      size_t end = block.find('\n', start);
      if (end == std::string_view::npos) end = block.size();
      WriteLine(block.substr(start, end - start));
      start = end + 1;
    }
    last_block_in_list_ = list_depth_ > 0;
  }

  void FlushParagraph() {
    pending_space_ = false;
    ++flushes_;
    if (inline_.empty()) return;
    std::string paragraph;
    paragraph.swap(inline_);
    // Trim each line (a <br> leaves spaces around the newline).
    std::string cleaned;
    for (const std::string& line : text::Split(paragraph, '\n')) {
      const std::string_view trimmed = text::Trim(line);
      if (trimmed.empty()) continue;
      if (!cleaned.empty()) cleaned.push_back('\n');
      cleaned.append(trimmed);
    }
    if (cleaned.empty()) return;
    if (markdown_) cleaned = EscapeBlockStart(cleaned);
    EmitBlock(cleaned);
  }

  // A paragraph that starts like Markdown syntax ("# ", "1. ", "- ", "> ") would change meaning.
  static std::string EscapeBlockStart(const std::string& paragraph) {
    if (paragraph.empty()) return paragraph;
    const char c = paragraph[0];
    bool escape = false;
    if (c == '#') {
      size_t hashes = 0;
      while (hashes < paragraph.size() && paragraph[hashes] == '#') ++hashes;
      escape = hashes <= 6 && (hashes == paragraph.size() || paragraph[hashes] == ' ');
    } else if (c == '>') {
      escape = true;
    } else if (c == '-' || c == '+' || c == '*' || c == '=' || c == '_') {
      // A list marker ("- x"), or a line of only that character (a rule or a setext underline).
      escape = (paragraph.size() > 1 && paragraph[1] == ' ' && c != '=' && c != '_') ||
               paragraph.find_first_not_of(std::string(1, c) + " ") == std::string::npos;
    }
    if (escape) return "\\" + paragraph;
    size_t digits = 0;
    while (digits < paragraph.size() && digits < 9 && std::isdigit(static_cast<unsigned char>(paragraph[digits]))) ++digits;
    if (digits > 0 && digits + 1 < paragraph.size() && (paragraph[digits] == '.' || paragraph[digits] == ')') &&
        paragraph[digits + 1] == ' ') {
      return paragraph.substr(0, digits) + "\\" + paragraph.substr(digits);
    }
    return paragraph;
  }

  std::string RenderInlineToString(xmlNodePtr node, int depth) {
    FlushParagraph();
    ++inline_only_;
    RenderChildren(node, depth);
    --inline_only_;
    std::string content;
    content.swap(inline_);
    pending_space_ = false;
    return text::CollapseWhitespace(content);
  }

  void RenderHeading(xmlNodePtr node, int level, int depth) {
    // A heading is emphasis already: "## **Title**" is noise.
    ++in_heading_;
    const std::string content = RenderInlineToString(node, depth);
    --in_heading_;
    if (content.empty()) return;
    if (markdown_) {
      EmitBlock(std::string(static_cast<size_t>(level), '#') + " " + content);
    } else {
      EmitBlock(content);
    }
  }

  void RenderRule() {
    FlushParagraph();
    if (markdown_) EmitBlock("---");
  }

  void RenderList(xmlNodePtr node, bool ordered, int depth) {
    FlushParagraph();
    const bool was_in_list = list_depth_ > 0;
    if (!was_in_list) last_block_in_list_ = false;
    ++list_depth_;
    long number = 1;
    if (ordered) {
      const std::string start = AttrOf(node, "start");
      if (!start.empty()) number = std::strtol(start.c_str(), nullptr, 10);
      if (number < 0 || number > 1000000000) number = 1;
    }
    for (xmlNodePtr child = node->children; child != nullptr; child = child->next) {
      if (child->type == XML_ELEMENT_NODE && NameIs(child, "li")) {
        if (content_ != nullptr && content_->IsSkipped(child)) continue;
        const std::string marker = ordered ? std::to_string(number++) + ". " : "- ";
        RenderListItem(child, marker, depth + 1);
      } else {
        Render(child, depth + 1);
      }
    }
    FlushParagraph();
    --list_depth_;
    if (list_depth_ == 0) last_block_in_list_ = false;
  }

  void RenderListItem(xmlNodePtr node, const std::string& marker, int depth) {
    FlushParagraph();
    const bool own_list = list_depth_ == 0;
    if (own_list) ++list_depth_;
    containers_.push_back({marker, std::string(marker.size(), ' '), false});
    RenderChildren(node, depth);
    FlushParagraph();
    containers_.pop_back();
    if (own_list) --list_depth_;
  }

  void RenderQuote(xmlNodePtr node, int depth) {
    FlushParagraph();
    if (!markdown_) {
      RenderChildren(node, depth);
      FlushParagraph();
      return;
    }
    BeginBlock();
    const bool saved_last = last_block_in_list_;
    containers_.push_back({"> ", "> ", false});
    const size_t saved_size = out_.size();
    RenderChildren(node, depth);
    FlushParagraph();
    containers_.pop_back();
    last_block_in_list_ = saved_last;
    // Remove the separator the first inner block wrote right after our own.
    FixDoubleSeparator(saved_size);
  }

  void FixDoubleSeparator(size_t position) {
    // After BeginBlock of the quote wrote "\n", the first inner block wrote ">\n": drop the latter.
    if (position < out_.size() && out_.compare(position, 2, ">\n") == 0) out_.erase(position, 2);
  }

  void RenderPre(xmlNodePtr node) {
    FlushParagraph();
    const std::string code = PreformattedText(node);
    if (text::Trim(code).empty()) return;
    if (!markdown_) {
      EmitBlock(code);
      return;
    }
    std::string language = CodeLanguageOf(node);
    if (language.empty()) {
      for (xmlNodePtr child = node->children; child != nullptr && language.empty(); child = child->next) {
        if (child->type == XML_ELEMENT_NODE && NameIs(child, "code")) language = CodeLanguageOf(child);
      }
    }
    for (xmlNodePtr parent = node->parent; parent != nullptr && language.empty() && parent->type == XML_ELEMENT_NODE;
         parent = parent->parent) {
      language = CodeLanguageOf(parent);
      if (parent->parent != nullptr && parent->parent->parent == nullptr) break;
      if (parent != node->parent && parent != node->parent->parent) break;
    }
    size_t longest = 0, run = 0;
    for (char c : code) {
      run = c == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    const std::string fence(std::max<size_t>(3, longest + 1), '`');
    EmitBlock(fence + language + "\n" + code + "\n" + fence);
  }

  // ---- tables ----

  static void CollectRows(xmlNodePtr table, std::vector<xmlNodePtr>& rows) {
    for (xmlNodePtr child = table->children; child != nullptr; child = child->next) {
      if (child->type != XML_ELEMENT_NODE) continue;
      if (NameIs(child, "tr")) {
        rows.push_back(child);
      } else if (NameIs(child, "thead") || NameIs(child, "tbody") || NameIs(child, "tfoot")) {
        for (xmlNodePtr row = child->children; row != nullptr; row = row->next) {
          if (row->type == XML_ELEMENT_NODE && NameIs(row, "tr")) rows.push_back(row);
        }
      }
    }
  }

  // Layout tables hold blocks (paragraphs, lists, nested tables); data tables hold short cells.
  static bool IsLayoutTable(xmlNodePtr table, const std::vector<xmlNodePtr>& rows) {
    if (rows.empty()) return true;
    size_t cells = 0;
    for (xmlNodePtr row : rows) {
      for (xmlNodePtr cell = row->children; cell != nullptr; cell = cell->next) {
        if (cell->type != XML_ELEMENT_NODE) continue;
        ++cells;
        // Any block-holding descendant (bounded look) makes it a layout table.
        int budget = 200;
        xmlNodePtr node = cell->children;
        while (node != nullptr && budget-- > 0) {
          if (node->type == XML_ELEMENT_NODE) {
            const char* name = AsChars(node->name);
            if (!std::strcmp(name, "table") || !std::strcmp(name, "p") || !std::strcmp(name, "ul") ||
                !std::strcmp(name, "ol") || !std::strcmp(name, "pre") || !std::strcmp(name, "blockquote") ||
                !std::strcmp(name, "h1") || !std::strcmp(name, "h2") || !std::strcmp(name, "h3")) {
              return true;
            }
            if (node->children != nullptr) {
              node = node->children;
              continue;
            }
          }
          node = text::NextSkippingChildren(node, cell);
        }
      }
    }
    (void)table;
    return cells <= 1;
  }

  void RenderTable(xmlNodePtr node, int depth) {
    FlushParagraph();
    std::vector<xmlNodePtr> rows;
    CollectRows(node, rows);
    if (IsLayoutTable(node, rows)) {
      RenderChildren(node, depth);
      FlushParagraph();
      return;
    }
    std::string caption;
    std::vector<std::vector<std::string>> cells;
    bool header = false;
    for (xmlNodePtr child = node->children; child != nullptr; child = child->next) {
      if (child->type == XML_ELEMENT_NODE && NameIs(child, "caption")) caption = RenderInlineToString(child, depth);
    }
    size_t columns = 0;
    for (size_t r = 0; r < rows.size(); ++r) {
      std::vector<std::string> row;
      bool all_th = true;
      for (xmlNodePtr cell = rows[r]->children; cell != nullptr; cell = cell->next) {
        if (cell->type != XML_ELEMENT_NODE || (!NameIs(cell, "td") && !NameIs(cell, "th"))) continue;
        if (content_ != nullptr && content_->IsSkipped(cell)) continue;
        all_th = all_th && NameIs(cell, "th");
        std::string value = RenderInlineToString(cell, depth + 1);
        if (markdown_) {
          std::string escaped;
          for (char c : value) {
            if (c == '|') escaped += "\\|";
            else escaped.push_back(c);
          }
          value.swap(escaped);
        }
        row.push_back(std::move(value));
        long span = std::strtol(AttrOf(cell, "colspan").c_str(), nullptr, 10);
        for (long s = 1; s < std::min(span, 50L); ++s) row.emplace_back();
      }
      if (row.empty()) continue;
      if (r == 0 && all_th) header = true;
      columns = std::max(columns, row.size());
      cells.push_back(std::move(row));
    }
    if (cells.empty()) return;
    if (!caption.empty()) EmitBlock(caption);
    std::string block;
    if (!markdown_) {
      for (const auto& row : cells) {
        std::string line;
        for (const auto& cell : row) {
          if (cell.empty()) continue;
          if (!line.empty()) line += " | ";
          line += cell;
        }
        if (line.empty()) continue;
        if (!block.empty()) block.push_back('\n');
        block += line;
      }
      if (!block.empty()) EmitBlock(block);
      return;
    }
    auto append_row = [&](const std::vector<std::string>& row) {
      std::string line = "|";
      for (size_t c = 0; c < columns; ++c) {
        line += " ";
        line += c < row.size() ? row[c] : "";
        line += " |";
      }
      if (!block.empty()) block.push_back('\n');
      block += line;
    };
    size_t first_body = 0;
    if (header) {
      append_row(cells[0]);
      first_body = 1;
    } else {
      append_row(std::vector<std::string>(columns));  // GFM needs a header row
    }
    std::string separator = "|";
    for (size_t c = 0; c < columns; ++c) separator += " --- |";
    block += "\n" + separator;
    for (size_t r = first_body; r < cells.size(); ++r) append_row(cells[r]);
    EmitBlock(block);
  }

  bool markdown_;
  const ExtractOptions& options_;
  std::string base_url_;
  const MainContent* content_;
  std::string out_;
  std::string inline_;
  bool pending_space_ = false;
  int inline_only_ = 0;
  int in_heading_ = 0;
  uint64_t flushes_ = 0;  // counts paragraph ends, so inline wrappers know their content moved
  int list_depth_ = 0;
  bool last_block_in_list_ = false;
  std::vector<Container> containers_;
};

}  // namespace

std::string RenderContent(const MainContent& content, RenderFormat format, const ExtractOptions& options,
                          std::string_view base_url) {
  Renderer renderer(format, options, base_url, &content);
  for (xmlNodePtr root : content.roots()) renderer.Render(root, 0);
  return renderer.Finish();
}

std::string RenderNode(xmlNodePtr node, RenderFormat format, const ExtractOptions& options, std::string_view base_url) {
  Renderer renderer(format, options, base_url, nullptr);
  if (node != nullptr) renderer.RenderChildren(node, 0);
  return renderer.Finish();
}

}  // namespace llmtwin
