#include "extract/content_finder.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <unordered_set>

#include "extract/needle_set.h"
#include "extract/text_util.h"

namespace llmtwin {
namespace {

const char* AsChars(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

enum class Kind : uint8_t {
  kOther,
  kDiv,        // div, section, article, main: containers that can become candidates
  kP,
  kPre,
  kTd,
  kBlockquote,
  kList,       // ul, ol, dl
  kLi,         // li, dd, dt
  kHeading,    // h1..h6
  kTh,
  kTable,
  kA,
  kImg,
  kInput,
  kEmbed,      // object, embed, video, audio
  kForm,
  kBody,
};

struct TagInfo {
  Kind kind = Kind::kOther;
  bool excluded = false;  // never content: skipped with its subtree
  bool layout = false;    // page furniture (nav, aside, footer): excluded unless it holds <main>
  bool block = false;     // a block that stops a div from being a paragraph (readability's DIV_TO_P_ELEMS)
};

TagInfo ClassifyTag(const char* name) {
  TagInfo info;
  switch (name[0]) {
    case 'a':
      if (!std::strcmp(name, "a")) info.kind = Kind::kA;
      else if (!std::strcmp(name, "article")) info.kind = Kind::kDiv;
      else if (!std::strcmp(name, "aside")) info.layout = true;
      else if (!std::strcmp(name, "audio") || !std::strcmp(name, "applet")) info.excluded = true;
      else if (!std::strcmp(name, "address")) info.kind = Kind::kLi;
      break;
    case 'b':
      if (!std::strcmp(name, "blockquote")) info.kind = Kind::kBlockquote, info.block = true;
      else if (!std::strcmp(name, "body")) info.kind = Kind::kBody;
      // A button is furniture, but libxml2 (2.9) ignores "</button>" while a <div> inside it is
      // open, so one broken menu button can hold the rest of the page, <main> included.
      else if (!std::strcmp(name, "button")) info.layout = true;
      break;
    case 'c':
      if (!std::strcmp(name, "canvas")) info.excluded = true;
      break;
    case 'd':
      if (!std::strcmp(name, "div")) info.kind = Kind::kDiv, info.block = true;
      else if (!std::strcmp(name, "dl")) info.kind = Kind::kList, info.block = true;
      else if (!std::strcmp(name, "dd") || !std::strcmp(name, "dt")) info.kind = Kind::kLi;
      else if (!std::strcmp(name, "dialog")) info.excluded = true;
      break;
    case 'e':
      if (!std::strcmp(name, "embed")) info.kind = Kind::kEmbed, info.excluded = true;
      break;
    case 'f':
      if (!std::strcmp(name, "form")) info.kind = Kind::kForm;
      else if (!std::strcmp(name, "footer")) info.layout = true;
      else if (!std::strcmp(name, "frameset") || !std::strcmp(name, "frame")) info.excluded = true;
      break;
    case 'h':
      if (name[1] >= '1' && name[1] <= '6' && name[2] == 0) info.kind = Kind::kHeading;
      else if (!std::strcmp(name, "header")) info.kind = Kind::kDiv;
      else if (!std::strcmp(name, "hr")) info.kind = Kind::kOther;
      break;
    case 'i':
      if (!std::strcmp(name, "img")) info.kind = Kind::kImg, info.block = true;
      else if (!std::strcmp(name, "input")) info.kind = Kind::kInput, info.excluded = true;
      else if (!std::strcmp(name, "iframe")) info.kind = Kind::kEmbed, info.excluded = true;
      break;
    case 'l':
      if (!std::strcmp(name, "li")) info.kind = Kind::kLi;
      else if (!std::strcmp(name, "link")) info.excluded = true;
      break;
    case 'm':
      if (!std::strcmp(name, "main")) info.kind = Kind::kDiv;
      else if (!std::strcmp(name, "menu") || !std::strcmp(name, "meta") || !std::strcmp(name, "math")) info.excluded = !std::strcmp(name, "menu") || !std::strcmp(name, "meta");
      break;
    case 'n':
      if (!std::strcmp(name, "nav")) info.layout = true;
      // Furniture like <nav>: "<noscript><div></noscript>" is common, and libxml2 ignores the end
      // tag while the div is open, so a noscript can hold the whole page.
      else if (!std::strcmp(name, "noscript")) info.layout = true;
      break;
    case 'o':
      if (!std::strcmp(name, "ol")) info.kind = Kind::kList, info.block = true;
      else if (!std::strcmp(name, "object")) info.kind = Kind::kEmbed, info.excluded = true;
      else if (!std::strcmp(name, "option")) info.excluded = true;
      break;
    case 'p':
      if (!std::strcmp(name, "p")) info.kind = Kind::kP, info.block = true;
      else if (!std::strcmp(name, "pre")) info.kind = Kind::kPre, info.block = true;
      break;
    case 'r':
      // Ruby annotations: the reading in small type over the words (furigana), not words of the text.
      if (!std::strcmp(name, "rt") || !std::strcmp(name, "rp")) info.excluded = true;
      break;
    case 's':
      if (!std::strcmp(name, "section")) info.kind = Kind::kDiv, info.block = true;
      else if (!std::strcmp(name, "script") || !std::strcmp(name, "style") || !std::strcmp(name, "svg") ||
               !std::strcmp(name, "select")) info.excluded = true;
      break;
    case 't':
      if (!std::strcmp(name, "td")) info.kind = Kind::kTd;
      else if (!std::strcmp(name, "th")) info.kind = Kind::kTh;
      else if (!std::strcmp(name, "table")) info.kind = Kind::kTable, info.block = true;
      else if (!std::strcmp(name, "textarea") || !std::strcmp(name, "template") || !std::strcmp(name, "title")) info.excluded = true;
      break;
    case 'u':
      if (!std::strcmp(name, "ul")) info.kind = Kind::kList, info.block = true;
      break;
    case 'v':
      if (!std::strcmp(name, "video")) info.kind = Kind::kEmbed, info.excluded = true;
      break;
    default:
      break;
  }
  return info;
}

// Class/id word lists (lower case substrings).
const NeedleSet kUnlikely{
    "-ad-",      "ai2html",    "banner",    "breadcrumb", "combx",     "comment",    "community", "cover-wrap",
    "disqus",    "extra",      "footer",    "gdpr",       "header",    "legends",    "menu",      "related",
    "remark",    "replies",    "rss",       "shoutbox",   "sidebar",   "skyscraper", "social",    "sponsor",
    "supplemental", "ad-break", "agegate",  "pagination", "pager",     "popup",      "yom-remote", "cookie",
    "consent",   "share",      "promo",     "recommend",  "modal",     "toolbar",    "navbar",    "masthead",
    "author-bio", "authorbio", "byline",    "read-next",  "readnext",  "more-stories", "trending", "outbrain",
    "taboola",   "advert",     "donate",    "paywall-cta", "-cta",     "cta-",       "call-to-action",
    "kommentar", "comentario", "komentarz",
};
// Unlikely too, but a newsletter's own pages use them for the issue itself ("newsletter-content"):
// such an element is dropped only when it has a form field or little prose, as signup boxes do.
const NeedleSet kSignupBox{"newsletter", "subscribe", "signup", "sign-up"};
// A reader's comment, however its class ends: "comments-body" and "comment-content" hold a comment's
// words, not the article's, though "body" and "content" would otherwise save the block (kMaybe).
const NeedleSet kCommentBody{"comment-body",    "comments-body",  "comment_body",  "commentbody",
                             "comment-content", "comments-content", "comment_content", "commentcontent",
                             "comment-text",    "comment_text",   "commenttext"};
const NeedleSet kMaybe{"and", "article", "body", "column", "content", "main", "mathjax", "shadow"};
const NeedleSet kNegative{
    "-ad-",   "hidden", "banner",  "combx",    "comment", "com-",   "contact",  "footer",  "gdpr",     "masthead",
    "media",  "meta",   "outbrain", "promo",   "related", "scroll", "share",    "shoutbox", "sidebar", "skyscraper",
    "sponsor", "shopping", "tags",  "social",  "author", "byline", "caption-credit",
};  // kSignupBox's words and "widget" (kWidgetNameWord) weigh against a block too
const NeedleSet kPositive{"article", "body", "content", "entry", "hentry", "h-entry", "main",
                                          "page",    "post", "text",    "blog",  "story",  "prose"};
// Small widgets removed wherever they are, even inside the article ("Share this", "Subscribe").
const NeedleSet kWidget{"share",  "social", "subscribe", "newsletter", "related", "recommend",
                                        "comment", "signup", "sign-up",  "cookie",     "consent", "promo",
                                        "advert", "sponsor", "read-more", "readmore",  "read-next", "author-bio",
                                        "authorbio", "author-box", "authorbox", "post-tags", "tag-list", "tags-list",
                                        "donate", "popup", "modal", "breadcrumb", "pagination",
                                        "-cta", "cta-", "call-to-action", "kommentar", "comentario", "komentarz",
                                        "post-rating", "article-rating", "entry-utility", "entry-meta",
                                        "post-meta", "postmeta", "entry-footer", "entryfooter", "disclaimer", "disclosure",
                                        "affiliate-text", "affiliatetext", "affiliate-notice",
                                        "author-card", "author-info", "authorinfo", "entry-author", "about-author",
                                        "about-the-author", "author-description", "saboxplugin", "article--authors",
                                        "captcha", "news-letter", "post-views", "postviews", "view-count",
                                        "views-count", "viewcount", "tptn_counter", "pvc_stats",
                                        "cat-links", "tags-links", "tag-links", "entry-categories", "entry-tags"};

bool ContainsAny(std::string_view haystack, const NeedleSet& needles) { return needles.FoundIn(haystack); }

// The word lists above that an element's class and id hold, one bit each, found in one pass over
// them (Info::class_words). "header" has a bit of its own (UnlikelyClass).
enum ClassWords : std::uint32_t {
  kUnlikelyWord = 1 << 0,  // kUnlikely but "header"
  kHeaderWord = 1 << 1,
  kSignupBoxWord = 1 << 2,
  kMaybeWord = 1 << 3,
  kNegativeWord = 1 << 4,
  kPositiveWord = 1 << 5,
  kWidgetWord = 1 << 6,
  kRatingWord = 1 << 7,
  kWidgetNameWord = 1 << 8,  // "widget": negative, but a block of prose so named is no sidebar widget
};
const NeedleSet kClassWords = NeedleSet()
                                  .Add(kUnlikely.Without("header"), kUnlikelyWord)
                                  .Add("header", kHeaderWord)
                                  .Add(kSignupBox, kSignupBoxWord)
                                  .Add(kMaybe, kMaybeWord)
                                  .Add(kNegative, kNegativeWord)
                                  .Add(kPositive, kPositiveWord)
                                  .Add(kWidget, kWidgetWord)
                                  .Add("rating", kRatingWord)
                                  .Add("widget", kWidgetNameWord);

// Whether the class list has an unlikely word (kUnlikely). A table's "header" styles its header
// row ("ingredients table-header", "table-header-fixed"): the word says nothing of page furniture.
bool UnlikelyClass(Kind kind, std::uint32_t class_words) {
  return (class_words & (kind == Kind::kTable ? kUnlikelyWord : kUnlikelyWord | kHeaderWord)) != 0;
}

struct Flags {
  bool strip_unlikely = true;
  bool weight_classes = true;
  bool clean_conditionally = true;
  // React's streaming renderer ships the page in <div hidden> blocks that a script moves into
  // place; when nothing visible is long enough, hidden blocks are read too.
  bool skip_hidden = true;
  // Retried: furniture (<nav>, <aside>, <header>, <button>) holding much prose without <main> is
  // broken markup swallowing the article, not a menu. Only on a retry: a kudos list in a <footer>
  // is prose too.
  bool furniture_may_hold_article = false;
};

// A fingerprint of a subtree's text with its spaces taken out: a polynomial hash (mod 2^64) and
// the base raised to the text's length, so that a parent's print is its parts' prints combined in
// order in O(1) (hash(AB) = hash(A) * base^|B| + hash(B)). Two blocks with the same print hold the
// same words: a site that ships its article once per screen size (Framer, Webflow) and hides all but
// one with media queries would otherwise be read two or three times over.
struct TextPrint {
  static constexpr uint64_t kBase = 0x9E3779B97F4A7C15ull;
  uint64_t hash = 0;
  uint64_t power = 1;

  void Append(const TextPrint& part) {
    hash = hash * part.power + part.hash;
    power *= part.power;
  }
  void Append(unsigned char c) {
    hash = hash * kBase + c;
    power *= kBase;
  }
  bool operator==(const TextPrint&) const = default;
};

struct TextPrintHash {
  size_t operator()(const TextPrint& print) const { return static_cast<size_t>(print.hash ^ (print.power >> 1)); }
};

struct Info {
  xmlNodePtr node = nullptr;
  int32_t parent = -1;
  Kind kind = Kind::kOther;
  bool excluded = false;
  bool deferred = false;        // excluded at Leave unless the subtree holds the main content
  bool signup_only = false;     // deferred only for a newsletter/subscribe class
  bool script_free_copy = false;  // a <noscript> holding prose: rendered as content
  bool dead = false;            // excluded itself or below an excluded ancestor
  bool has_main = false;        // the subtree holds <main>, role=main or itemprop=articleBody
  bool block = false;           // this element is a block (DIV_TO_P)
  bool has_block_desc = false;  // some descendant is a block
  bool scored = false;
  int8_t weight = 0;            // class/id weight (-50..50)
  bool in_code = false;
  uint32_t text = 0;            // collapsed text length of the subtree (bytes)
  uint32_t direct_text = 0;     // text of direct text children
  uint32_t link_text = 0;
  uint32_t commas = 0;
  uint32_t p = 0, img = 0, li = 0, input = 0, embed = 0, heading_text = 0;
  uint32_t good_text = 0;       // text of prose paragraphs (not links) in the subtree
  uint32_t pre = 0;             // <pre> blocks in the subtree
  uint32_t list_text = 0;       // text inside lists (ul, ol, dl) in the subtree
  uint32_t tables = 0;          // tables in the subtree
  uint32_t th = 0;              // header cells in the subtree
  uint32_t data_tables = 0;     // data tables (IsDataTable) in the subtree
  bool data_table = false;      // a table: whether it is a data table (IsDataTable, decided at Leave)
  float score = 0;
  TextPrint print;              // the subtree's text, spaces aside (responsive copies of a block)
  std::string class_id;         // lower-cased "class id"
  std::uint32_t class_words = 0;  // the word lists class_id holds (ClassWords)
};

uint32_t CollapsedLength(const char* s, uint32_t& commas, TextPrint* print = nullptr) {
  uint32_t n = 0;
  bool space = true;
  for (const char* p = s; *p != 0; ++p) {
    const auto c = static_cast<unsigned char>(*p);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      if (!space) ++n;
      space = true;
    } else {
      ++n;
      space = false;
      if (c == ',') ++commas;
      if (print != nullptr) print->Append(c);
    }
  }
  return n;
}

constexpr size_t kMaxClassBytes = 1024;

// Prose (paragraph text, links aside) in page furniture above which the furniture must have
// swallowed the article.
constexpr uint32_t kSwallowedProse = 1500;

// React's streaming renderer sends each late part of the page as <div hidden id="S:0">, which a
// script moves into its place at once: content a reader sees, not hidden text.
bool IsReactStreamedPart(xmlNodePtr node) {
  for (xmlAttrPtr attr = node->properties; attr != nullptr; attr = attr->next) {
    if (std::strcmp(AsChars(attr->name), "id") != 0 || attr->children == nullptr || attr->children->content == nullptr) continue;
    const std::string_view id = AsChars(attr->children->content);
    return id.size() > 2 && id.starts_with("S:") &&
           std::all_of(id.begin() + 2, id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
  }
  return false;
}

// A collapsed accordion panel: the answer under a question, the steps under a heading, shown
// with one click. ARIA's accordion pattern makes it a region labelled by its button; UI kits
// name it "collapse" (Chakra's "chakra-collapse", MUI's "MuiCollapse").
bool IsCollapsedPanel(xmlNodePtr node) {
  bool region = false, labelled = false;
  for (xmlAttrPtr attr = node->properties; attr != nullptr; attr = attr->next) {
    if (attr->children == nullptr || attr->children->content == nullptr) continue;
    const char* name = AsChars(attr->name);
    const std::string_view value = AsChars(attr->children->content);
    if (!std::strcmp(name, "role")) region = value == "region";
    if (!std::strcmp(name, "aria-labelledby")) labelled = !value.empty();
    if (!std::strcmp(name, "class") && text::ContainsIgnoreCase(value.substr(0, kMaxClassBytes), "collapse")) {
      return true;
    }
  }
  return region && labelled;
}

// Calls `visit` with each whitespace-separated token of a class list until it returns true;
// returns whether one did.
template <typename Visit>
bool AnyClassToken(std::string_view class_list, Visit visit) {
  size_t start = 0;
  while (start < class_list.size()) {
    size_t end = class_list.find_first_of(" \t\n\r\f", start);
    if (end == std::string_view::npos) end = class_list.size();
    const std::string_view token = class_list.substr(start, end - start);
    start = end + 1;
    if (!token.empty() && visit(token)) return true;
  }
  return false;
}

// Whether a heading's class says "header" only at the start of its tokens ("header-anchor-post"
// on every <h2> of a Substack post, "headerTitle"): a style of headings, what the element is. A
// token that ends in it ("et_pb_module_header", "CardSectionHeader__Title", "t-list-header") names
// the header of a module, a card or a list: a widget's title, furniture like the others.
bool HeaderOnlyStartsTokens(std::string_view class_id) {
  bool starts = false;
  const bool elsewhere = AnyClassToken(class_id, [&](std::string_view token) {
    const size_t at = token.find("header");
    if (at == std::string_view::npos) return false;
    if (at != 0) return true;
    starts = true;
    return false;
  });
  return starts && !elsewhere;
}

// The stems of the words two line rules look for (IsSubscribeCall, IsAffiliateNote), in lower
// and upper case, found in the text nodes under `root` in one pass: the cheap test before a
// block's words are copied. Short paragraphs are most of a page's text, and each rule scanning
// them on its own was 0.5% of the extraction.
enum LineStem : std::uint32_t { kSubscribeStem = 1, kAffiliateStem = 2 };
std::uint32_t LineStemsIn(xmlNodePtr root) {
  // Each stem starts at a rare letter where it can ("bscri", not "ubscri"): the scan's cost is the
  // text positions whose byte starts a stem.
  static const NeedleSet kStems =
      NeedleSet()
          .Add(NeedleSet{"bscri", "BSCRI", "gn up", "gn Up", "GN UP", "gning up", "GNING UP", "join our", "Join our",
                         "join Our", "Join Our", "JOIN OUR", "bonn", "BONN", "uscr", "USCR", "wsletter", "WSLETTER",
                         "nscri", "NSCRI", "pisz", "PISZ"},
               kSubscribeStem)
          .Add(NeedleSet{"ffiliat", "FFILIAT", "qualifying purchases", "Qualifying purchases", "filiad", "filiazion",
                         "filiacyj", "ffiliés", "rtnerlink", "rtner-link"},
               kAffiliateStem);
  std::uint32_t stems = 0;
  for (xmlNodePtr node = root->children; node != nullptr;) {
    if (node->type == XML_TEXT_NODE && node->content != nullptr) stems |= kStems.TagsIn(AsChars(node->content));
    node = node->children != nullptr && node->type == XML_ELEMENT_NODE ? node->children
                                                                       : text::NextSkippingChildren(node, root);
  }
  return stems;
}

// A note that the page's links earn the site a commission, in the site's own voice: "This post
// contains affiliate links", "As an Amazon Associate I earn from qualifying purchases", "Dieser
// Artikel enthält Affiliate-Links". A sentence about affiliate links as a topic ("streamers earn a
// commission via affiliate links") names no post and speaks for no one.
bool IsAffiliateNote(std::string_view words) {
  static const NeedleSet kAffiliate{"affiliate link", "affiliate-link", "affiliatelink", "qualifying purchases",
                                    "affiliate commission", "liens affiliés", "liens d'affiliation",
                                    "enlaces de afiliado", "link di affiliazione", "linki afiliacyjne",
                                    "partnerlinks", "partner-links"};
  static const NeedleSet kOwnVoice{" we ", " i ", " us ", " our ", " my ", "this post", "this article",
                                   "this page", "this site", "this website", "this blog", "this review",
                                   "this guide", " wir ", " uns ", "dieser artikel", "diese seite", "dieser seite",
                                   "dieser beitrag", "diesem artikel", "diesem beitrag", " nous ", "cet article",
                                   "este artículo", "esta página", "questo articolo", "ten artykuł"};
  std::string lower = " " + text::ToLower(words) + " ";
  for (char& c : lower) {
    if (c == ',' || c == '.' || c == '!' || c == ':' || c == ';' || c == '(' || c == ')' || c == '*') c = ' ';
  }
  return kAffiliate.FoundIn(lower) && kOwnVoice.FoundIn(lower);
}

// Whether a word that may name the article (kMaybe) saves a block whose class also has an unlikely
// word: it does in a class token of its own ("entry-content related-posts"), not in the unlikely
// word's own token, where it names that furniture's part ("related-content", "comments-body",
// "sidebar-main": the content of the related box, the body of a comment).
bool MaybeWordSaves(std::string_view class_id) {
  return AnyClassToken(class_id, [](std::string_view token) {
    const std::uint32_t words = kClassWords.TagsIn(token);
    if (!(words & kMaybeWord)) return false;
    if (!(words & kUnlikelyWord)) return true;
    // Both in one token: the word that comes first names the block ("toc-content-sidebar" is a
    // content column beside a sidebar).
    for (size_t end = 1; end <= token.size(); ++end) {
      const std::uint32_t head = kClassWords.TagsIn(token.substr(0, end));
      if (head & kMaybeWord) return true;
      if (head & kUnlikelyWord) return false;
    }
    return true;
  });
}

// Whether a word of a class token (the parts between '-' and '_': "story-lead-text" has "story",
// "lead" and "text") is one of `words`. A modifier that says a block holds such a part somewhere
// ("with-excerpt", "has-credit", "no-intro") does not count.
template <size_t N>
bool AnyClassWord(std::string_view class_list, const std::string_view (&words)[N]) {
  return AnyClassToken(class_list, [&](std::string_view token) {
    if (token.starts_with("with") || token.starts_with("has-") || token.starts_with("no-")) return false;
    size_t start = 0;
    while (start < token.size()) {
      size_t end = token.find_first_of("-_", start);
      if (end == std::string_view::npos) end = token.size();
      const std::string_view word = token.substr(start, end - start);
      if (std::find(std::begin(words), std::end(words), word) != std::end(words)) return true;
      start = end + 1;
    }
    return false;
  });
}

// Text a sighted reader of the article never sees as such. Screen-reader text moved off screen by
// the site's CSS: "Skip to content", a label over a code block ("Text within this block will
// maintain its original spacing"), "(opens in a new tab)". And Medium's "speechify-ignore", which
// tells read-aloud tools to skip the page's chrome: the search box, the byline block, "Press enter
// or click to view image in full size" over every picture.
bool IsHiddenByClass(const char* class_list) {
  // Every element with a class comes here: a quick look for the words before splitting the list.
  if (std::strstr(class_list, "sr-only") == nullptr && std::strstr(class_list, "screen-reader") == nullptr &&
      std::strstr(class_list, "hid") == nullptr && std::strstr(class_list, "a11y") == nullptr &&
      std::strstr(class_list, "assistive") == nullptr && std::strstr(class_list, "invisible") == nullptr &&
      std::strstr(class_list, "speechify") == nullptr && std::strstr(class_list, "d-none") == nullptr) {
    return false;
  }
  static constexpr std::string_view kClasses[] = {"sr-only", "screen-reader-text", "visually-hidden", "visuallyhidden",
                                                  "hide-text", "screen-reader-only", "u-visually-hidden", "a11y-hidden",
                                                  "assistive-text", "element-invisible", "speechify-ignore"};
  // display:none by a CSS framework's utility (Bootstrap's "hidden" and "d-none", Tailwind's
  // "hidden", Gravity Forms' hidden fields), unless a breakpoint shows it again ("hidden
  // md:block", "d-none d-lg-flex"): then it is hidden on phones only.
  static constexpr std::string_view kDisplayNone[] = {"hidden", "d-none", "is-hidden", "gform_hidden",
                                                      "gfield_visibility_hidden"};
  bool display_none = false;
  bool shown_at_a_breakpoint = false;
  const bool hidden = AnyClassToken(class_list, [&](std::string_view token) {
    if (std::find(std::begin(kClasses), std::end(kClasses), token) != std::end(kClasses)) return true;
    if (std::find(std::begin(kDisplayNone), std::end(kDisplayNone), token) != std::end(kDisplayNone)) display_none = true;
    if ((token.find(':') != std::string_view::npos && !token.ends_with(":hidden")) ||
        (token.starts_with("d-") && token != "d-none" && token.find('-', 2) != std::string_view::npos)) {
      shown_at_a_breakpoint = true;
    }
    return false;
  });
  return hidden || (display_none && !shown_at_a_breakpoint);
}

bool IsHidden(xmlNodePtr node) {
  bool hidden = false;
  for (xmlAttrPtr attr = node->properties; attr != nullptr && !hidden; attr = attr->next) {
    const char* name = AsChars(attr->name);
    if (!std::strcmp(name, "class") && attr->children != nullptr && attr->children->content != nullptr &&
        IsHiddenByClass(AsChars(attr->children->content))) {
      return true;
    }
    if (!std::strcmp(name, "hidden")) {
      if (IsReactStreamedPart(node)) return false;
      hidden = true;
      continue;
    }
    if (attr->children == nullptr || attr->children->content == nullptr) continue;
    const char* value = AsChars(attr->children->content);
    if (!std::strcmp(name, "aria-hidden") && !std::strcmp(value, "true")) return true;
    if (!std::strcmp(name, "style")) {
      const std::string style = text::ToLower(std::string_view(value).substr(0, kMaxClassBytes));
      std::string compact;
      for (char c : style) {
        if (c != ' ') compact.push_back(c);
      }
      hidden = compact.find("display:none") != std::string::npos || compact.find("visibility:hidden") != std::string::npos;
    }
  }
  return hidden && !IsCollapsedPanel(node);
}

// A call to action drawn as a button: "Leave a comment", "Share", "Start free trial", "Subscribe
// now". Substack wraps one in <p class="button-wrapper">, WordPress in "wp-block-button(s)",
// sites in <a class="btn btn-primary">. A button is an action, not the author's text.
bool IsButtonLink(Kind kind, std::string_view class_id) {
  return AnyClassToken(class_id, [kind](std::string_view token) {
    if (token == "button-wrapper" || token == "wp-block-button" || token == "wp-block-buttons") return true;
    return kind == Kind::kA &&
           (token == "btn" || token == "button" || token.starts_with("btn-") || token.starts_with("button-"));
  });
}

// The words of a link that leads away from the article, standing alone on its line: "Read more",
// "Learn more about pricing", "Check price at Amazon", "Book now", "See the rating", "Back to the
// list", "zurück". ("You can
// learn more in the report" is a sentence, and a link inside a sentence is not alone; "Get started
// with Docker" in a list of links names a page, so only the bare phrase counts for most.)
bool IsCallToAction(std::string_view link_text) {
  std::string lower = text::ToLower(text::Trim(link_text));
  while (!lower.empty() && !std::isalnum(static_cast<unsigned char>(lower.back()))) lower.pop_back();  // "→", "»", "."
  static constexpr std::string_view kLeads[] = {"read more", "learn more", "continue reading", "keep reading",
                                                "check price", "see price", "view price", "read full review",
                                                "read the full review", "see the rating", "back to", "zurück zu",
                                                "zurück zur", "zurück zum"};
  static constexpr std::string_view kWhole[] = {"read review", "see rating", "view deal", "see deal", "get deal",
                                                "buy now", "shop now", "book now", "order now", "get a quote",
                                                "get quote", "where to buy", "sign up", "subscribe", "download now",
                                                "try it free", "start free trial", "get started", "click here", "back",
                                                "go back", "zurück"};
  for (std::string_view lead : kLeads) {
    if (lower == lead || (lower.starts_with(lead) && lower[lead.size()] == ' ')) return true;
  }
  return std::find(std::begin(kWhole), std::end(kWhole), lower) != std::end(kWhole);
}

std::string RoleOf(xmlNodePtr node) {
  for (xmlAttrPtr attr = node->properties; attr != nullptr; attr = attr->next) {
    if (!std::strcmp(AsChars(attr->name), "role") && attr->children != nullptr && attr->children->content != nullptr) {
      return text::ToLower(AsChars(attr->children->content));
    }
  }
  return {};
}

// "lg:hidden", "bp1100:hidden": hidden at a desktop's width, as a reader of the page sees it (a
// mobile-only banner). "max-md:hidden", "empty:hidden", "print:hidden" hide it elsewhere only.
bool HiddenOnWideScreens(std::string_view token) {
  if (!token.ends_with(":hidden")) return false;
  const std::string_view variant = token.substr(0, token.find(':'));
  static constexpr std::string_view kNotWidth[] = {"max-", "empty", "print", "group", "peer", "hover", "focus",
                                                   "first", "last", "only", "open", "aria-", "data-"};
  for (std::string_view word : kNotWidth) {
    if (variant.starts_with(word)) return false;
  }
  return true;
}

// Bootstrap's "hidden-xs", "hidden-sm" and the like ("hidden-phone", "hidden-mobile",
// "hidden-tablet"): hidden on a phone's or a tablet's screen only, shown at a desktop's width (a list
// of features a phone leaves out to save room). Not hidden text, and no evidence against the block.
bool HiddenOnSmallScreensOnly(std::string_view token) {
  if (!token.starts_with("hidden-")) return false;
  static constexpr std::string_view kSmall[] = {"xs", "sm", "phone", "mobile", "tablet", "xs-down", "sm-down", "small"};
  return std::find(std::begin(kSmall), std::end(kSmall), token.substr(7)) != std::end(kSmall);
}

// Takes out of a class list the words that name no part of a page. Page builders call every block
// a "widget": Elementor wraps a paragraph in "elementor-widget elementor-widget-text-editor" >
// "elementor-widget-container", HubSpot in "widget-span widget-type-cell" > "hs_cos_wrapper_widget",
// SiteOrigin in "so-panel widget widget_sow-editor", CKEditor's saved editing view in "ck-widget";
// that is layout, not the sidebar widgets the word weighs against (a builder widget whose type is
// page furniture, a list of posts, a menu or a share bar, keeps it). Drupal's
// "field--label-hidden" (Drupal 7: "field-label-hidden") hides a field's label, not the field. Tailwind's variant classes
// ("empty:hidden", "md:hidden", "dark:prose-invert") style a state or a screen size: "empty:hidden"
// hides the element only when it is empty. "overflow-hidden" and "overflow-y-scroll" clip a box.
void DropLayoutWords(std::string& class_id) {
  if (class_id.find("widget") == std::string::npos && class_id.find("hidden") == std::string::npos &&
      class_id.find(':') == std::string::npos && class_id.find("overflow-") == std::string::npos) {
    return;
  }
  static constexpr std::string_view kLayoutTokens[] = {"widget_sow-editor", "so-widget-sow-editor",
                                                       "so-widget-sow-editor-base", "ck-widget", "hs_cos_wrapper_widget",
                                                       "widget-span", "field--label-hidden", "field-label-hidden"};
  static constexpr std::string_view kTypedWidgetPrefixes[] = {"elementor-widget", "widget-type-"};
  static const NeedleSet kFurnitureTypes{
      "posts", "loop", "archive", "nav", "menu", "form", "button", "comment", "share", "social", "author",
      "post-info", "breadcrumb", "search", "sitemap", "portfolio", "call-to-action", "cta", "login", "popup"};
  const bool site_origin_panel = class_id.find("so-panel") != std::string::npos;
  std::string kept;
  kept.reserve(class_id.size());
  AnyClassToken(class_id, [&](std::string_view token) {
    if (token.find(':') != std::string_view::npos && !HiddenOnWideScreens(token)) return false;
    if (token.starts_with("overflow-") || (site_origin_panel && token == "widget")) return false;
    if (HiddenOnSmallScreensOnly(token)) return false;
    if (std::find(std::begin(kLayoutTokens), std::end(kLayoutTokens), token) != std::end(kLayoutTokens)) return false;
    const auto typed = std::find_if(std::begin(kTypedWidgetPrefixes), std::end(kTypedWidgetPrefixes),
                                    [&](std::string_view prefix) { return token.starts_with(prefix); });
    if (typed != std::end(kTypedWidgetPrefixes) && !ContainsAny(token.substr(typed->size()), kFurnitureTypes)) return false;
    if (!kept.empty()) kept.push_back(' ');
    kept.append(token);
    return false;  // on to the next token
  });
  class_id = std::move(kept);
}

std::string ClassIdOf(xmlNodePtr node, bool& article_body) {
  std::string out;
  // A heading's id is the anchor a table of contents links to, made from its words ("Social
  // Shopping" -> id="h-social-shopping"): it says what the section is about, not what the element is.
  const bool heading = (node->name[0] == 'h' || node->name[0] == 'H') && node->name[1] >= '1' && node->name[1] <= '6' &&
                       node->name[2] == 0;
  for (xmlAttrPtr attr = node->properties; attr != nullptr; attr = attr->next) {
    const char* name = AsChars(attr->name);
    if (attr->children == nullptr || attr->children->content == nullptr) continue;
    if (!std::strcmp(name, "class") || (!heading && !std::strcmp(name, "id"))) {
      if (!out.empty()) out.push_back(' ');
      // Real class lists are short; a megabyte one is hostile and would make every match slow.
      out += text::ToLower(std::string_view(AsChars(attr->children->content)).substr(0, kMaxClassBytes));
    } else if (!std::strcmp(name, "itemprop")) {
      const char* value = AsChars(attr->children->content);
      if (std::strstr(value, "articleBody") != nullptr || std::strstr(value, "text") != nullptr) article_body = true;
    }
  }
  DropLayoutWords(out);
  return out;
}

// A table of data, not of layout, judged as Readability.js judges it: not role=presentation; a
// caption, a summary or header cells (th, thead, tfoot, col) make it data; a table holding a table
// is layout (a navigation box), and so is a single row or column (a box around an ad or a
// picture); ten rows, five columns or more than ten cells are data.
bool IsDataTable(const Info& info) {
  if (info.tables > 0) return false;
  for (xmlAttrPtr attr = info.node->properties; attr != nullptr; attr = attr->next) {
    const char* name = AsChars(attr->name);
    if (!std::strcmp(name, "summary")) return true;
    if (!std::strcmp(name, "role") && attr->children != nullptr && attr->children->content != nullptr &&
        text::EqualsIgnoreCase(AsChars(attr->children->content), "presentation")) {
      return false;
    }
  }
  size_t rows = 0, columns = 0;
  const auto count_row = [&](xmlNodePtr row) {
    ++rows;
    size_t cells = 0;
    for (xmlNodePtr cell = row->children; cell != nullptr; cell = cell->next) {
      if (cell->type == XML_ELEMENT_NODE && (!std::strcmp(AsChars(cell->name), "td") || !std::strcmp(AsChars(cell->name), "th"))) {
        ++cells;
      }
    }
    columns = std::max(columns, cells);
  };
  for (xmlNodePtr child = info.node->children; child != nullptr; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    const char* name = AsChars(child->name);
    if (!std::strcmp(name, "caption") || !std::strcmp(name, "thead") || !std::strcmp(name, "tfoot") ||
        !std::strcmp(name, "colgroup") || !std::strcmp(name, "col")) {
      return true;
    }
    if (!std::strcmp(name, "tr")) {
      count_row(child);
    } else if (!std::strcmp(name, "tbody")) {
      for (xmlNodePtr row = child->children; row != nullptr; row = row->next) {
        if (row->type == XML_ELEMENT_NODE && !std::strcmp(AsChars(row->name), "tr")) count_row(row);
      }
    }
  }
  if (info.th > 0) return true;
  if (rows <= 1 || columns <= 1) return false;
  return rows >= 10 || columns > 4 || rows * columns > 10;
}

class Analysis {
 public:
  Analysis(xmlNodePtr body, Flags flags) : body_(body), flags_(flags) {}

  void Run() {
    Walk();
    MarkDead();
    ScoreParagraphs();
  }

  std::vector<Info> infos;
  std::vector<int32_t> paragraphs;  // infos scored as paragraphs
  std::vector<int32_t> virtual_paragraphs;  // containers whose own text forms a paragraph

  int32_t IndexOf(xmlNodePtr node) const {
    return static_cast<int32_t>(reinterpret_cast<intptr_t>(node->_private)) - 1;
  }

  float LinkDensity(const Info& info) const {
    return info.text == 0 ? 0.0f : static_cast<float>(info.link_text) / static_cast<float>(info.text);
  }

  // Clears the back-pointers the analysis stored in the nodes.
  void Release() {
    for (Info& info : infos) info.node->_private = nullptr;
  }

 private:
  void Enter(xmlNodePtr node, int32_t parent) {
    Info info;
    info.node = node;
    info.parent = parent;
    const TagInfo tag = ClassifyTag(AsChars(node->name));
    info.kind = tag.kind;
    info.block = tag.block;
    info.excluded = tag.excluded;
    info.deferred = tag.layout;
    info.in_code = parent >= 0 && (infos[static_cast<size_t>(parent)].in_code ||
                                   infos[static_cast<size_t>(parent)].kind == Kind::kPre);
    if (!std::strcmp(AsChars(node->name), "code")) info.in_code = true;
    bool article_body = false;
    if (node->properties != nullptr && !info.excluded) {
      if (flags_.skip_hidden && IsHidden(node)) info.excluded = true;
      const std::string role = node->properties != nullptr ? RoleOf(node) : std::string();
      if (role == "menu" || role == "menubar" || role == "alert" || role == "alertdialog" || role == "dialog" ||
          role == "search") {
        info.excluded = true;
      } else if (role == "navigation" || role == "complementary" || role == "banner" || role == "contentinfo") {
        info.deferred = true;
      } else if (role == "main") {
        info.has_main = true;
      }
      info.class_id = ClassIdOf(node, article_body);
      info.class_words = kClassWords.TagsIn(info.class_id);
      // <article> and <main> say "content" in markup; their class names are not evidence against it
      // (Substack's post is <article class="newsletter-post">).
      const bool semantic_content = !std::strcmp(AsChars(node->name), "article") || !std::strcmp(AsChars(node->name), "main");
      if (!info.excluded && flags_.strip_unlikely && !info.class_id.empty() && info.kind != Kind::kBody && !semantic_content &&
          info.kind != Kind::kA && !info.in_code &&
          (!InTable(parent) ||
           (info.kind == Kind::kDiv && (info.class_words & kUnlikelyWord) && ContainsAny(info.class_id, kCommentBody))) &&
          (UnlikelyClass(info.kind, info.kind == Kind::kHeading && (info.class_words & kHeaderWord) && HeaderOnlyStartsTokens(info.class_id)
                                        ? info.class_words & ~std::uint32_t{kHeaderWord}
                                        : info.class_words) ||
           (info.class_words & kSignupBoxWord)) &&
          (!(info.class_words & kMaybeWord) || !MaybeWordSaves(info.class_id)) && !article_body) {
        info.deferred = true;
        info.signup_only = !(info.class_words & (kUnlikelyWord | kHeaderWord));
      }
      if (article_body) info.has_main = true;
      if (flags_.weight_classes && !info.class_id.empty()) {
        int weight = 0;
        // Class and id are weighed together (readability weighs each: close enough, and cheaper).
        if (info.class_words & (kNegativeWord | kSignupBoxWord | kWidgetNameWord)) weight -= 25;
        if (info.class_words & kPositiveWord) weight += 25;
        info.weight = static_cast<int8_t>(weight);
      }
      if (article_body) info.weight = static_cast<int8_t>(std::min(info.weight + 50, 100));
    }
    if (!std::strcmp(AsChars(node->name), "main")) info.has_main = true;
    if (info.kind == Kind::kDiv && !std::strcmp(AsChars(node->name), "article") && flags_.weight_classes) {
      info.weight = static_cast<int8_t>(std::min(info.weight + 15, 100));
    }
    node->_private = reinterpret_cast<void*>(static_cast<intptr_t>(infos.size() + 1));
    infos.push_back(std::move(info));
  }

  bool InTable(int32_t index) const {
    for (int depth = 0; index >= 0 && depth < 8; ++depth) {
      const Info& info = infos[static_cast<size_t>(index)];
      if (info.kind == Kind::kTable) return true;
      index = info.parent;
    }
    return false;
  }

  void Leave(int32_t index) {
    Info& info = infos[static_cast<size_t>(index)];
    // Page furniture is dropped unless broken markup put the article inside it (an unclosed
    // <nav> swallowing <main> is common, and libxml2 nests what follows inside it): it holds
    // <main>, or, on the furniture retry, most of the page and more prose than furniture has.
    // A newsletter/subscribe block is a signup box only with a form field or little prose.
    const bool signup_box_with_prose = info.signup_only && info.input == 0 && info.good_text >= kSwallowedProse;
    // A <noscript> holding paragraphs of prose is the page's copy for readers without scripts
    // (Blogger's dynamic views ship the post only so and in a script template): the content.
    // Its paragraphs are its own children (an unclosed "<noscript><div>" holds the rest of the
    // page in that one div).
    const bool script_free_copy = info.deferred && info.good_text >= 500 &&
                                  !std::strcmp(AsChars(info.node->name), "noscript") && OwnParagraphs(info.node) >= 2;
    if (script_free_copy) info.script_free_copy = true;
    if (info.deferred && !info.has_main && !Swallowed(info) && !signup_box_with_prose && !script_free_copy) {
      info.excluded = true;
    }
    // A newsletter's issue: its class is no evidence against it either.
    if (signup_box_with_prose && flags_.weight_classes && !(info.class_words & (kNegativeWord | kWidgetNameWord))) {
      info.weight = static_cast<int8_t>(std::min(info.weight + 25, 100));
    }
    if (info.excluded) return;
    if (info.kind == Kind::kTable) info.data_table = IsDataTable(info);
    if (IsParagraphLike(info)) {
      if (info.text >= 25 && info.link_text * 2 < info.text) {
        info.good_text = std::max(info.good_text, info.text - info.link_text);
      }
    } else if (info.direct_text >= 25) {
      info.good_text += info.direct_text;
    }
    if (info.parent < 0) return;
    Info& parent = infos[static_cast<size_t>(info.parent)];
    parent.good_text += info.good_text;
    parent.text += info.text;
    parent.print.Append(info.print);
    parent.link_text += info.kind == Kind::kA ? info.text : info.link_text;
    parent.commas += info.commas;
    parent.p += info.p + (info.kind == Kind::kP ? 1 : 0);
    parent.img += info.img + (info.kind == Kind::kImg ? 1 : 0);
    parent.pre += info.pre + (info.kind == Kind::kPre ? 1 : 0);
    parent.tables += info.tables + (info.kind == Kind::kTable ? 1 : 0);
    parent.list_text += info.kind == Kind::kList ? info.text : info.list_text;
    parent.th += info.th + (info.kind == Kind::kTh ? 1 : 0);
    parent.data_tables += info.data_tables + (info.data_table ? 1 : 0);
    parent.li += info.li + (info.kind == Kind::kLi ? 1 : 0);
    parent.input += info.input + (info.kind == Kind::kInput ? 1 : 0);
    parent.embed += info.embed + (info.kind == Kind::kEmbed ? 1 : 0);
    parent.heading_text += info.kind == Kind::kHeading ? info.text : info.heading_text;
    parent.has_block_desc = parent.has_block_desc || info.block || info.has_block_desc;
    parent.has_main = parent.has_main || info.has_main;
  }

  static int OwnParagraphs(xmlNodePtr node) {
    int paragraphs = 0;
    for (xmlNodePtr child = node->children; child != nullptr; child = child->next) {
      if (child->type == XML_ELEMENT_NODE && !std::strcmp(AsChars(child->name), "p")) ++paragraphs;
    }
    return paragraphs;
  }

  // Marks every node below an excluded one (their facts were never added to the ancestors).
  void MarkDead() {
    for (Info& info : infos) {
      info.dead = info.excluded || (info.parent >= 0 && infos[static_cast<size_t>(info.parent)].dead);
    }
  }

  // Furniture that holds most of the page's text, much of it prose: an unclosed <nav>, <aside>,
  // <header> or <button> that libxml2 nested the rest of the page into.
  bool Swallowed(const Info& info) const {
    return flags_.furniture_may_hold_article && info.good_text >= kSwallowedProse &&
           2 * static_cast<uint64_t>(info.text) >= body_text_;
  }

  // The collapsed text length of the body, scripts and styles aside.
  static uint64_t BodyText(xmlNodePtr body) {
    uint64_t total = 0;
    for (xmlNodePtr node = body->children; node != nullptr;) {
      if (node->type == XML_ELEMENT_NODE && node->children != nullptr && std::strcmp(AsChars(node->name), "script") != 0 &&
          std::strcmp(AsChars(node->name), "style") != 0) {
        node = node->children;
        continue;
      }
      if (node->type == XML_TEXT_NODE && node->content != nullptr) {
        uint32_t commas = 0;
        total += CollapsedLength(AsChars(node->content), commas);
      }
      node = text::NextSkippingChildren(node, body);
    }
    return total;
  }

  void Walk() {
    if (body_ == nullptr) return;
    if (flags_.furniture_may_hold_article) body_text_ = BodyText(body_);
    infos.reserve(4096);
    Enter(body_, -1);
    int32_t current = 0;  // index of the element whose children we are visiting
    xmlNodePtr node = body_->children;
    if (infos[0].excluded) node = nullptr;
    while (true) {
      while (node != nullptr) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
          if (node->content != nullptr) {
            Info& owner = infos[static_cast<size_t>(current)];
            uint32_t commas = 0;
            const uint32_t length = CollapsedLength(AsChars(node->content), commas, &owner.print);
            owner.text += length;
            owner.direct_text += length;
            owner.commas += commas;
          }
          node = node->next;
          continue;
        }
        if (node->type != XML_ELEMENT_NODE) {
          node = node->next;
          continue;
        }
        Enter(node, current);
        const auto index = static_cast<int32_t>(infos.size() - 1);
        if (!infos.back().excluded && node->children != nullptr) {
          current = index;
          node = node->children;
          continue;
        }
        Leave(index);
        node = node->next;
      }
      // Finished the children of `current`: leave it and continue with its next sibling.
      if (current == 0) break;
      xmlNodePtr done = infos[static_cast<size_t>(current)].node;
      const int32_t parent = infos[static_cast<size_t>(current)].parent;
      Leave(current);
      current = parent;
      node = done->next;
    }
    Leave(0);
  }

  static bool IsParagraphLike(const Info& info) {
    return info.kind == Kind::kP || info.kind == Kind::kPre || info.kind == Kind::kTd ||
           (info.kind == Kind::kHeading && info.node->name[1] != '1') ||
           ((info.kind == Kind::kDiv || info.kind == Kind::kBlockquote) && !info.has_block_desc);
  }

  float InitialScore(const Info& info) const {
    float score = 0;
    switch (info.kind) {
      case Kind::kDiv: score = 5; break;
      case Kind::kPre:
      case Kind::kTd:
      case Kind::kBlockquote: score = 3; break;
      case Kind::kList:
      case Kind::kLi:
      case Kind::kForm: score = -3; break;
      case Kind::kHeading:
      case Kind::kTh: score = -5; break;
      default: break;
    }
    return score + info.weight;
  }

  void AddToAncestors(int32_t start, float content_score, bool include_start) {
    int32_t index = include_start ? start : infos[static_cast<size_t>(start)].parent;
    for (int level = 0; index >= 0 && level < 5; ++level) {
      Info& ancestor = infos[static_cast<size_t>(index)];
      if (!ancestor.scored) {
        ancestor.scored = true;
        ancestor.score = InitialScore(ancestor);
      }
      const float divider = level == 0 ? 1.0f : level == 1 ? 2.0f : static_cast<float>(level) * 3.0f;
      ancestor.score += content_score / divider;
      index = ancestor.parent;
    }
  }

  void ScoreParagraphs() {
    for (size_t i = 0; i < infos.size(); ++i) {
      const Info& info = infos[i];
      if (info.dead || info.parent < 0) continue;
      const bool is_paragraph = IsParagraphLike(info);
      if (is_paragraph) {
        if (info.text < 25) continue;
        paragraphs.push_back(static_cast<int32_t>(i));
        const float score = 1.0f + static_cast<float>(info.commas) + std::min(static_cast<float>(info.text) / 100.0f, 3.0f);
        AddToAncestors(static_cast<int32_t>(i), score, false);
      } else if ((info.kind == Kind::kDiv || info.kind == Kind::kBlockquote) && info.direct_text >= 25) {
        // Text directly in a container with blocks: readability wraps it in a <p>.
        virtual_paragraphs.push_back(static_cast<int32_t>(i));
        const float score = 1.0f + std::min(static_cast<float>(info.direct_text) / 100.0f, 3.0f);
        AddToAncestors(static_cast<int32_t>(i), score, true);
      }
    }
  }

  xmlNodePtr body_;
  uint64_t body_text_ = 0;  // with furniture_may_hold_article: the body's collapsed text length
  Flags flags_;
};

std::string NormTitle(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}

// The label of a piece of page furniture, left behind as a heading when the furniture itself is
// cleaned away: "Table of Contents" over the links, "Related posts", "Share this article",
// "Leave a reply", "Back to top". Compared as NormTitle keys (letters and digits, lower case).
bool IsFurnitureLabel(std::string_view key) {
  static constexpr std::string_view kLabels[] = {
      "tableofcontents", "contents", "inthisarticle", "onthispage", "jumpto", "skiptocontent", "backtotop",
      "related", "relatedposts", "relatedarticles", "relatedstories", "relatedcontent", "youmayalsolike",
      "youmightalsolike", "recommended", "recommendedforyou", "readnext", "morestories", "share", "sharethis",
      "sharethisarticle", "sharethispost", "comments", "leaveacomment", "leaveareply", "postacomment",
      // German, Spanish, French, Italian, Polish
      "inhaltsverzeichnis", "teilen", "artikelteilen", "diesenartikelteilen", "beitragteilen", "kommentare",
      "kommentieren", "kommentarschreiben", "nachoben", "zurücknachoben", "índice", "compartir", "comentarios",
      "dejauncomentario", "volverarriba", "sommaire", "partager", "commentaires", "laisseruncommentaire",
      "condividi", "commenti", "udostępnij", "komentarze", "spistreści"};
  return std::find(std::begin(kLabels), std::end(kLabels), key) != std::end(kLabels);
}

// A block's text folded for matching lead phrases: ASCII and Latin-1 letters lower-cased
// ("LE PUEDE", "TAMBIÉN"), no-break spaces as spaces, runs of spaces as one, and the marks a
// teaser line starts with ("» ", "► ", "+ ") taken off the front.
std::string FoldLead(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {  // no-break space
      c = ' ';
      ++i;
    }
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (out.empty()) {
      // Leading marks: ASCII punctuation, and the two- and three-byte symbols (C2: «»•·, E2: ►→–).
      if (c < 0x80 && !std::isalnum(c)) continue;
      if (c == 0xC2 || c == 0xE2) {
        i += c == 0xC2 ? 1 : 2;
        continue;
      }
    }
    if (space) out.push_back(' ');
    space = false;
    if (c == 0xC3 && i + 1 < s.size()) {
      const auto next = static_cast<unsigned char>(s[i + 1]);
      out.push_back(static_cast<char>(c));
      out.push_back(static_cast<char>(next >= 0x80 && next <= 0x9E && next != 0x97 ? next + 0x20 : next));
      ++i;
      continue;
    }
    out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

// Takes the first of `endings` that `text` ends with off its end; whether one was there.
bool RemoveEnding(std::string_view& text, std::initializer_list<std::string_view> endings) {
  for (std::string_view ending : endings) {
    if (text.ends_with(ending)) {
      text.remove_suffix(ending.size());
      return true;
    }
  }
  return false;
}

// The first (or last) words of a subtree's text: its first (last) text node that is not blank, a
// cheap look at how a block starts (or ends) before its whole text is read.
template <bool kFromEnd>
std::string_view EdgeText(xmlNodePtr node) {
  const auto inward = [](xmlNodePtr n) { return kFromEnd ? n->last : n->children; };
  const auto onward = [](xmlNodePtr n) { return kFromEnd ? n->prev : n->next; };
  for (xmlNodePtr at = inward(node); at != nullptr;) {
    if ((at->type == XML_TEXT_NODE || at->type == XML_CDATA_SECTION_NODE) && at->content != nullptr) {
      const std::string_view text = text::Trim(AsChars(at->content));
      if (!text.empty()) return text;
    }
    if (at->type == XML_ELEMENT_NODE && inward(at) != nullptr) {
      at = inward(at);
      continue;
    }
    while (at != node && onward(at) == nullptr) at = at->parent;
    if (at == node) break;
    at = onward(at);
  }
  return {};
}
std::string_view FirstText(xmlNodePtr node) { return EdgeText<false>(node); }
std::string_view LastText(xmlNodePtr node) { return EdgeText<true>(node); }

// A teaser inside the article: "Read more: <a>Looted colonial art</a>", "LE PUEDE INTERESAR:
// <a>...</a>", "Czytaj też: <a>...</a>", or the label over a list of such links ("Auch
// interessant:", "Schon gelesen?", "Zum Weiterlesen:"). Newsrooms in every language put links to
// their other stories between the paragraphs and after the last one; the words that lead them in
// are few. Returns 0 (not a teaser), 1 (a teaser line: the phrase, then mostly link text) or 2
// (a label alone, or a short line ending in a colon, that may head a list of links).
int TeaserLead(std::string_view text, uint32_t link_text, bool heading = false) {
  struct Lead {
    std::string_view words;
    bool label;  // also a label on its own ("Lea" and "Mira" alone are not)
  };
  static constexpr Lead kLeads[] = {
      // English
      {"read more", true}, {"read also", true}, {"also read", true}, {"see also", false}, {"related", true},
      {"related articles", true}, {"related stories", true}, {"related posts", true}, {"related content", true},
      {"related reading", true}, {"more on this", true}, {"more on this topic", true}, {"more on this story", true},
      {"you may also like", true}, {"you might also like", true}, {"recommended reading", true}, {"read next", true},
      {"don't miss", true}, {"more stories", true}, {"also see", false}, {"you may be interested in", true},
      {"you might be interested in", true}, {"you may also be interested in", true},
      {"you might also be interested in", true}, {"discover more", true},
      // German
      {"lesen sie auch", true}, {"lesen sie außerdem", true}, {"lesen sie mehr", true}, {"lies auch", true},
      {"auch lesen", true}, {"auch interessant", true}, {"ebenfalls interessant", true}, {"schon gelesen", true},
      {"mehr zum thema", true}, {"zum weiterlesen", true}, {"weiterlesen", true}, {"mehr dazu", true},
      {"das könnte sie auch interessieren", true}, {"das könnte dich auch interessieren", true},
      {"das könnte sie interessieren", true}, {"das könnte dich interessieren", true}, {"weitere artikel", true},
      {"weitere beiträge", true}, {"weitere themen", true}, {"mehr themen", true}, {"passend zum thema", true},
      {"passend dazu", true}, {"verwandte artikel", true}, {"verwandte beiträge", true}, {"ähnliche artikel", true},
      {"ähnliche beiträge", true}, {"siehe auch", false}, {"lesetipp", true}, {"lesetipps", true},
      {"unsere empfehlung", true}, {"beiträge zum thema", true}, {"artikel zum thema", true},
      {"weitere informationen", true}, {"weitere infos", true}, {"mehr informationen", true},
      // Spanish, Portuguese
      {"lea también", true}, {"lee también", true}, {"lea además", true}, {"lea más", true}, {"lee más", true},
      {"lea", false}, {"lee", false}, {"mire", false}, {"mira", false}, {"vea", false}, {"vea también", true},
      {"ve también", true}, {"ver también", true}, {"le puede interesar", true}, {"te puede interesar", true},
      {"puede interesarte", true}, {"le podría interesar", true}, {"te podría interesar", true},
      {"también puedes leer", true}, {"noticias relacionadas", true}, {"noticia relacionada", true},
      {"lectura recomendada", true}, {"leia também", true}, {"leia mais", true}, {"veja também", true},
      {"confira também", true}, {"más información", true},
      // French, Italian, Dutch
      {"lire aussi", true}, {"à lire aussi", true}, {"a lire aussi", true}, {"lire également", true},
      {"à lire également", true}, {"voir aussi", false}, {"sur le même sujet", true}, {"à voir aussi", true},
      {"articles similaires", true}, {"leggi anche", true}, {"potrebbe interessarti", true},
      {"ti potrebbe interessare", true}, {"articoli correlati", true}, {"lees ook", true}, {"lees meer", true},
      {"bekijk ook", true}, {"ook interessant", true},
      // Polish
      {"czytaj też", true}, {"czytaj także", true}, {"czytaj również", true}, {"zobacz też", true},
      {"zobacz także", true}, {"zobacz również", true}, {"przeczytaj też", true}, {"przeczytaj także", true},
      {"przeczytaj również", true}, {"polecamy", true},
  };
  if (text.size() > 400) return 0;
  const std::string folded = FoldLead(text);
  size_t best = 0;
  std::string_view best_words;
  bool label = false;
  for (const Lead& lead : kLeads) {
    if (lead.words.size() <= best || !folded.starts_with(lead.words)) continue;
    // A whole word: "lea" is not "leading", "related" is not "relatedness".
    if (folded.size() > lead.words.size()) {
      const auto next = static_cast<unsigned char>(folded[lead.words.size()]);
      if (std::isalnum(next) || next >= 0x80) continue;
    }
    best = lead.words.size();
    best_words = lead.words;
    label = lead.label;
  }
  if (best == 0) return 0;
  std::string_view rest = std::string_view(folded).substr(best);
  bool separated = false;  // "Read more: <a>", "Related | <a>", "Lesen Sie auch » <a>"
  while (!rest.empty()) {
    const char c = rest.front();
    if (c == ':' || c == '|' || c == '>' || (c == '-' && rest.size() > 1 && rest[1] == ' ' && rest.data() > folded.data() && rest.data()[-1] == ' ')) {
      separated = true;  // a hyphen between spaces only: "MIRA-Award" is a name
    } else if (rest.starts_with("\xC2\xBB") || rest.starts_with("\xE2\x80\x93") || rest.starts_with("\xE2\x80\x94")) {
      separated = true;  // "»", "–", "—"
      rest.remove_prefix(rest[0] == '\xC2' ? 2 : 3);
      continue;
    } else if (c != ' ' && c != '?' && c != '!' && c != '.') {
      break;
    }
    rest.remove_prefix(1);
  }
  if (rest.empty()) return label ? 2 : 0;
  // A heading that starts with a label and says a few words more ("Related articles that may
  // interest you", "More stories from our newsroom") heads the same list.
  if (heading && label && link_text == 0 && rest.size() <= 40 && best_words.find(' ') != std::string_view::npos) return 2;
  // "Lea", "Mira" lead a teaser only with a separator: "Mira <a>Award</a>" is a name.
  if (!separated && best_words.find(' ') == std::string_view::npos && !label) return 0;
  // The rest of the line is a link (or links): a teaser. Without a separator the whole rest must
  // be the link ("Lesen Sie auch <a>...</a>"): "Read more about ad blocking <a>here</a>" is a sentence.
  const float linked = static_cast<float>(link_text) / static_cast<float>(rest.size());
  if (linked >= (separated ? 0.6f : 0.95f)) return 1;
  // "Lesen Sie auch die folgenden Beiträge:": a short label that ends in a colon.
  if (label && folded.size() < 80 && folded.back() == ':' && link_text == 0) return 2;
  return 0;
}


// A call to follow the site elsewhere: "Follow us on Twitter", "Folgen Sie uns auf Facebook",
// "Síguenos en Instagram", "Follow AP on Facebook, X, Instagram and TikTok". It starts with the
// verb and names the reader's object (us, me, our) or two networks or more: "Follow these steps
// shared on Twitter" and "Lucas Nolan is a reporter. Follow him on Twitter" are the author's.
bool IsFollowUsLine(std::string_view first_words, const std::function<std::string()>& whole_text) {
  static constexpr std::string_view kVerbs[] = {"follow", "join", "folge", "folgen", "síguenos", "siguenos", "sígueme",
                                                "únete", "unete", "suivez", "rejoignez", "seguici", "seguiteci",
                                                "obserwuj", "dołącz", "like us", "connect with us"};
  if (first_words.empty() || std::strchr("FfJjSsUuRrOoDdLlCc\xC3", first_words.front()) == nullptr) return false;
  const std::string start = FoldLead(first_words.substr(0, 48));
  const bool verb_first = std::any_of(std::begin(kVerbs), std::end(kVerbs), [&](std::string_view verb) {
    return start.starts_with(verb) && (start.size() == verb.size() || start[verb.size()] == ' ' || start[verb.size()] == ':');
  });
  if (!verb_first) return false;
  const std::string all = FoldLead(whole_text());
  static constexpr std::string_view kNetworks[] = {"twitter", "facebook", "instagram", "youtube", "telegram", "whatsapp",
                                                   "tiktok", "linkedin", "pinterest", "threads", "bluesky", "mastodon"};
  int networks = 0;
  for (std::string_view network : kNetworks) networks += all.find(network) != std::string::npos;
  if (networks == 0) return false;
  if (networks >= 2) return true;
  static constexpr std::string_view kOurs[] = {" us ", " us:", " me ", " our ", " my ", " uns ", "nos ", " nous ",
                                               "nous ", " ci ", "guenos", "gueme", "uns auf", "us on", "me on"};
  const std::string padded = " " + all + " ";
  return std::any_of(std::begin(kOurs), std::end(kOurs),
                     [&](std::string_view word) { return padded.find(word) != std::string::npos; });
}

// A call to subscribe to the site: "Subscribe now to our eNATION edition for the full story",
// "Do you want to be informed of our actions? Sign up here", "Never miss the latest news by signing
// up to our newsletter", "Dann abonnieren Sie unseren Newsletter!", "Suscríbete a nuestro boletín".
// The phrase asks the reader to subscribe to ours (our, here, please) and starts a sentence (or
// follows "by", "then"): "sign up for automated savings" and "the plan you sign up for our review
// covers" are the author's. Only small blocks are read, and only when their text nodes hold a
// stem of these words (LineStemsIn).
bool IsSubscribeCall(std::string_view text) {
  static constexpr std::string_view kCalls[] = {
      "subscribe to our", "subscribe now to our", "subscribe today to our", "sign up for our", "sign up to our",
      "signing up for our", "signing up to our", "sign up here", "subscribe here", "please subscribe",
      "join our newsletter", "join our mailing list", "subscribe to the newsletter", "sign up for the newsletter",
      // German, Spanish, French, Italian, Polish
      "abonnieren sie unser", "abonniere unser", "abonnieren sie jetzt", "abonniere jetzt",
      "melde dich für unseren newsletter", "melden sie sich für unseren newsletter", "suscríbete a nuestr",
      "suscríbase a nuestr", "suscribirse a nuestr", "suscríbete aquí", "suscribirse aquí",
      "abonnez-vous à notre", "inscrivez-vous à notre", "iscriviti alla nostra", "zapisz się do naszego"};
  const std::string folded = FoldLead(text);
  for (std::string_view call : kCalls) {
    for (size_t at = folded.find(call); at != std::string::npos; at = folded.find(call, at + 1)) {
      if (call == "please subscribe") return true;
      std::string_view before = std::string_view(folded).substr(0, at);
      while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
      if (before.empty() || std::strchr(".?!:-", before.back()) != nullptr || before.ends_with(" by") ||
          before.ends_with("then") || before.ends_with("dann")) {
        return true;
      }
    }
  }
  return false;
}

// The site's copyright notice under the article: "© 2020 CBS Interactive Inc. All Rights Reserved.",
// "© 2022, Site.com. This article is the copyrighted property of ...". It starts with the mark (or
// the word) and the year, and reserves the rights; a book excerpt's credit ("From the book ... Copyright © 2019
// ... All rights reserved") and a sentence about licences do not start so.
bool IsCopyrightNotice(std::string_view first_words, const std::function<std::string()>& whole_text) {
  // The mark or the word, then the year: "© 2020", "Copyright © 2018", "Copyright 2023", "(c) 2017".
  std::string_view rest = first_words;
  bool marked = false;
  while (true) {
    while (rest.starts_with(" ") || rest.starts_with("\xC2\xA0")) rest.remove_prefix(rest[0] == ' ' ? 1 : 2);
    size_t mark = 0;
    if (rest.starts_with("\xC2\xA9")) {
      mark = 2;
    } else if (rest.starts_with("(c)") || rest.starts_with("(C)")) {
      mark = 3;
    } else if (rest.size() >= 9 && text::EqualsIgnoreCase(rest.substr(0, 9), "copyright")) {
      mark = 9;
    }
    if (mark == 0) break;
    rest.remove_prefix(mark);
    marked = true;
  }
  if (!marked || rest.empty() || rest.front() < '0' || rest.front() > '9') return false;
  static constexpr std::string_view kReserved[] = {
      "all rights reserved", "copyrighted property", "alle rechte vorbehalten", "todos los derechos reservados",
      "tous droits réservés", "tutti i diritti riservati", "wszelkie prawa zastrzeżone", "todos os direitos reservados"};
  const std::string all = FoldLead(whole_text());
  return std::any_of(std::begin(kReserved), std::end(kReserved),
                     [&](std::string_view words) { return all.find(words) != std::string::npos; });
}

// A picture's credit on a line of its own: "(Credit: Clayton Aldern / Grist)", "Crédits photos :
// Bestimage", "Titelbild: Geyres Christophe/ABACA", "Image credit: Eurogamer". The line is the label
// and a name in one run of text: who took or owns the picture, not the article's words. A label in
// an element of its own heads a field ("<strong>Photo Credit:</strong> site.com" in a list of
// projects names where each comes from), and "Credits:" alone heads a list of names: both stay.
bool IsCreditLine(std::string_view first_words) {
  if (first_words.empty() || std::strchr("(CcPpIiBbTtFf", first_words.front()) == nullptr ||
      first_words.substr(0, 40).find(':') == std::string_view::npos) {
    return false;
  }
  static constexpr std::string_view kLabels[] = {
      "credit", "credits", "photo credit", "photo credits", "image credit", "image credits", "picture credit",
      "crédit photo", "crédits photo", "crédits photos", "crédit", "crédits", "bildnachweis", "fotonachweis", "bildquelle",
      "beitragsbild", "titelbild", "fotocredit", "fotocredits", "foto", "fotos", "photo", "photos"};
  const std::string start = FoldLead(first_words.substr(0, 40));
  return std::any_of(std::begin(kLabels), std::end(kLabels), [&](std::string_view label) {
    if (!start.starts_with(label)) return false;
    std::string_view rest = std::string_view(start).substr(label.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (!rest.starts_with(":")) return false;
    rest.remove_prefix(1);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    return !rest.empty();
  });
}

// The legal line under a signup or comment form: "By signing up, you agree to receive...", "By
// posting a comment, you consent to...", "Mit dem Absenden stimmen Sie ... zu": it starts with the
// act of sending the form and says the reader agrees to terms.
bool IsFormConsentLine(std::string_view first_words, const std::function<std::string()>& whole_text) {
  static constexpr std::string_view kActs[] = {
      "by signing up", "by subscribing", "by submitting", "by clicking", "by registering", "by posting a comment",
      "by entering your", "by providing your", "by continuing", "mit dem absenden", "mit der anmeldung",
      "mit klick auf", "mit dem klick", "en cliquant", "en vous inscrivant", "en soumettant", "al suscribirte",
      "al hacer clic", "al registrarte", "al enviar", "cliccando", "iscrivendoti", "klikając", "zapisując się"};
  if (first_words.empty() || std::strchr("BbMmEeAaCcIiKkZz", first_words.front()) == nullptr) return false;
  const std::string start = FoldLead(first_words.substr(0, 48));
  if (std::none_of(std::begin(kActs), std::end(kActs), [&](std::string_view act) { return start.starts_with(act); })) {
    return false;
  }
  const std::string all = FoldLead(whole_text());
  static constexpr std::string_view kTerms[] = {"agree", "consent", "accept", "acknowledge", "privacy", "terms of",
                                                "einverstanden", "stimmen sie", "stimme ich", "zustimm", "akzeptier",
                                                "datenschutz", "acceptez", "accepte", "confidentialité", "acepta",
                                                "consient", "privacidad", "accetti", "akceptuj", "zgod"};
  return std::any_of(std::begin(kTerms), std::end(kTerms),
                     [&](std::string_view word) { return all.find(word) != std::string::npos; });
}

struct Attempt {
  std::vector<xmlNodePtr> roots;
  std::unordered_set<xmlNodePtr> skipped;
  std::unordered_set<xmlNodePtr> noscripts;  // <noscript> copies of the content, rendered
  uint64_t text_length = 0;
};

class Selector {
 public:
  Selector(Analysis& analysis, Flags flags, std::string_view title)
      : a_(analysis), infos_(analysis.infos), flags_(flags), title_key_(NormTitle(title)) {}

  Attempt Select() {
    Attempt attempt;
    if (infos_.empty()) return attempt;
    int32_t top = TopCandidate();
    if (top > 0) top = TitledCandidate(top);
    std::vector<int32_t> chosen;
    if (top < 0) {
      chosen.push_back(0);  // the body
    } else {
      chosen = MergeSiblings(top);
    }
    if (top >= 0 && !chosen.empty()) {
      const int32_t lead = LeadBefore(chosen.front());
      if (lead >= 0) chosen.insert(chosen.begin(), lead);
    }
    for (int32_t index : chosen) article_text_ += infos_[static_cast<size_t>(index)].text;
    for (const Info& info : infos_) {
      if (info.script_free_copy && !info.dead) attempt.noscripts.insert(info.node);
    }
    for (int32_t index : chosen) {
      const Info& root = infos_[static_cast<size_t>(index)];
      if (root.text >= kRepeatedBlockText && root.has_block_desc && !seen_.insert(root.print).second) continue;  // a copy of a root before
      attempt.roots.push_back(root.node);
      attempt.text_length += Clean(index, attempt.skipped);
    }
    return attempt;
  }

 private:
  float Final(const Info& info) const { return info.score * (1.0f - a_.LinkDensity(info)); }

  bool Contains(int32_t ancestor, int32_t index) const {
    for (; index >= 0; index = infos_[static_cast<size_t>(index)].parent) {
      if (index == ancestor) return true;
    }
    return false;
  }

  // The article under the page's title when the best candidate is another: a page that scrolls
  // on into the next stories holds several articles of one shape, and the scores may pick a later
  // one. The first h1 or h2 that is the title; the block of prose around it (its nearest scored
  // ancestor with 400 bytes of prose), when that block is apart from the candidate (not the
  // header above its body) and the candidate lies in a block of the same tag and class with at
  // most twice its prose.
  int32_t TitledCandidate(int32_t best) const {
    if (title_key_.empty()) return best;
    int32_t heading = -1;
    for (size_t i = 0; i < infos_.size(); ++i) {
      const Info& info = infos_[i];
      if (info.kind != Kind::kHeading || info.dead || info.text == 0 || info.text >= 400 ||
          (info.node->name[1] != '1' && info.node->name[1] != '2')) {
        continue;
      }
      const std::string key = NormTitle(HtmlText(info.node));
      if (!key.empty() && (key == title_key_ || (key.size() > 20 && title_key_.find(key) != std::string::npos))) {
        heading = static_cast<int32_t>(i);
        break;
      }
    }
    if (heading < 0 || Contains(best, heading)) return best;
    int32_t at = infos_[static_cast<size_t>(heading)].parent;
    for (int level = 0; at > 0 && level < 6; ++level, at = infos_[static_cast<size_t>(at)].parent) {
      const Info& info = infos_[static_cast<size_t>(at)];
      if (!info.scored || info.good_text < 400) continue;
      if (Contains(at, best)) return best;
      // The candidate lies in an article of the same shape (tag and class) as this one.
      const std::string shape = ClassOnly(info.node);
      if (shape.empty()) return best;
      int32_t up = best;
      for (int depth = 0; up > 0 && depth < 6; ++depth, up = infos_[static_cast<size_t>(up)].parent) {
        const Info& other = infos_[static_cast<size_t>(up)];
        if (!std::strcmp(AsChars(other.node->name), AsChars(info.node->name)) && ClassOnly(other.node) == shape) {
          // An article as long as the other (not the section of a page builder holding the title).
          return 6 * static_cast<uint64_t>(info.good_text) >= other.good_text ? at : best;
        }
      }
      return best;
    }
    return best;
  }

  // Whether a class list names the article's lead: the standfirst between the headline and the
  // body ("lead", "story-lead-text", "article__intro", "chapo", "entry-excerpt", "texto-bajada",
  // "atc-IntroText"). News templates put it in the article's header, outside the body the
  // scores pick.
  static bool IsLeadClass(std::string_view class_id) {
    static constexpr std::string_view kWords[] = {"lead", "leadtext", "intro", "introtext", "standfirst", "chapo",
                                                  "abstract", "excerpt", "perex", "bajada", "sommario", "subtitle"};
    return AnyClassWord(class_id, kWords);
  }

  // "teaser-text", "article-teaser": German newsrooms call the standfirst a teaser; it is the
  // lead when none of its words are a link (a teaser for another story is one).
  static bool IsTeaserTextClass(std::string_view class_id) {
    static constexpr std::string_view kWords[] = {"teaser", "teasertext"};
    return AnyClassWord(class_id, kWords);
  }

  // The lead paragraph of the article just before the content root: in an element that precedes
  // the root or one of its three nearest ancestors (the article's header), with a lead's class,
  // prose rather than links. Returns its index, or -1.
  int32_t LeadBefore(int32_t root) const {
    int32_t at = root;
    for (int level = 0; level < 3; ++level) {
      const Info& current = infos_[static_cast<size_t>(at)];
      if (current.parent <= 0) break;
      int siblings = 0;
      for (xmlNodePtr sibling = current.node->prev; sibling != nullptr && siblings < 3; sibling = sibling->prev) {
        if (sibling->type != XML_ELEMENT_NODE || sibling->_private == nullptr) continue;
        ++siblings;
        const int32_t found = FindLead(sibling);
        if (found >= 0) return found;
      }
      at = current.parent;
    }
    return -1;
  }

  int32_t FindLead(xmlNodePtr subtree) const {
    int visited = 0;
    for (xmlNodePtr node = subtree; node != nullptr && visited < 200; ++visited) {
      bool descend = false;
      if (node->type == XML_ELEMENT_NODE && node->_private != nullptr) {
        const int32_t index = a_.IndexOf(node);
        const Info& info = infos_[static_cast<size_t>(index)];
        if (info.dead || info.kind == Kind::kA || info.kind == Kind::kList || info.kind == Kind::kLi ||
            !std::strcmp(AsChars(node->name), "figure")) {
          // not a lead, nor anything below it: a picture's caption is about the picture
          // ("lead-asset__caption", "intro-image"), whatever its class says
        } else if (!info.class_id.empty() && info.kind != Kind::kHeading && info.text >= 60 && info.text <= 1500 &&
                   (!info.has_block_desc || (info.p > 0 && info.img == 0 && info.heading_text == 0)) && info.weight >= 0 &&
                   info.li == 0 && 2 * info.link_text < info.text &&
                   (IsLeadClass(info.class_id) || (info.link_text == 0 && IsTeaserTextClass(info.class_id)))) {
          return index;
        } else {
          descend = node->children != nullptr;
        }
      }
      if (descend) {
        node = node->children;
        continue;
      }
      node = node == subtree ? nullptr : text::NextSkippingChildren(node, subtree);
    }
    return -1;
  }

  // Whether `ancestor`'s child holding `index` has two siblings of its shape (tag and class) holding
  // prose: a page builder's sections, one component repeated down the page. (One such sibling
  // alone is often the site's FAQ or contact box in the builder's section.)
  bool SameShapeSectionWithProse(int32_t ancestor, int32_t index) const {
    constexpr uint32_t kSectionProse = 100;
    constexpr int kOtherSections = 2;
    // (A story among stories of one shape is no section: a page scrolling on into the next ones.)
    for (; index >= 0 && infos_[static_cast<size_t>(index)].parent != ancestor; index = infos_[static_cast<size_t>(index)].parent) {
      if (!std::strcmp(AsChars(infos_[static_cast<size_t>(index)].node->name), "article")) return false;
    }
    if (index < 0 || !std::strcmp(AsChars(infos_[static_cast<size_t>(index)].node->name), "article")) return false;
    const xmlNodePtr branch = infos_[static_cast<size_t>(index)].node;
    const std::string shape = ClassOnly(branch);
    if (shape.empty()) return false;
    int found = 0;
    for (xmlNodePtr sibling = infos_[static_cast<size_t>(ancestor)].node->children; sibling != nullptr; sibling = sibling->next) {
      if (sibling == branch || sibling->type != XML_ELEMENT_NODE || sibling->_private == nullptr) continue;
      const Info& other = infos_[static_cast<size_t>(a_.IndexOf(sibling))];
      if (other.good_text >= kSectionProse && !other.excluded && !std::strcmp(AsChars(sibling->name), AsChars(branch->name)) &&
          ClassOnly(sibling) == shape && ++found >= kOtherSections) {
        return true;
      }
    }
    return false;
  }

  // Whether `ancestor` is an <article> with few links, and the only one from it down to `index`:
  // the post's own element, around the page builder's containers that split its text (Elementor's
  // "e-con" boxes), not one story among several.
  bool EnclosingArticle(int32_t ancestor, int32_t index) const {
    if (std::strcmp(AsChars(infos_[static_cast<size_t>(ancestor)].node->name), "article") != 0 ||
        a_.LinkDensity(infos_[static_cast<size_t>(ancestor)]) >= 0.1f) {
      return false;
    }
    for (; index >= 0 && index != ancestor; index = infos_[static_cast<size_t>(index)].parent) {
      if (!std::strcmp(AsChars(infos_[static_cast<size_t>(index)].node->name), "article")) return false;
    }
    return true;
  }

  int32_t TopCandidate() {
    std::vector<std::pair<float, int32_t>> top;
    for (size_t i = 0; i < infos_.size(); ++i) {
      Info& info = infos_[i];
      if (!info.scored || info.dead) continue;
      info.score = Final(info);
      top.emplace_back(info.score, static_cast<int32_t>(i));
    }
    if (top.empty()) return -1;
    std::partial_sort(top.begin(), top.begin() + std::min<size_t>(5, top.size()), top.end(),
                      [](const auto& x, const auto& y) { return x.first > y.first; });
    top.resize(std::min<size_t>(5, top.size()));
    int32_t best = top.front().second;
    if (infos_[static_cast<size_t>(best)].kind == Kind::kBody) return best;

    // Several strong candidates under one ancestor: the ancestor is the article.
    std::vector<std::vector<int32_t>> alternative_ancestors;
    const float best_score = top.front().first;
    for (size_t i = 1; i < top.size(); ++i) {
      if (best_score <= 0 || top[i].first / best_score < 0.75f) continue;
      std::vector<int32_t> ancestors;
      for (int32_t p = infos_[static_cast<size_t>(top[i].second)].parent; p >= 0; p = infos_[static_cast<size_t>(p)].parent) {
        ancestors.push_back(p);
      }
      alternative_ancestors.push_back(std::move(ancestors));
    }
    if (alternative_ancestors.size() >= 3) {
      for (int32_t p = infos_[static_cast<size_t>(best)].parent; p > 0; p = infos_[static_cast<size_t>(p)].parent) {
        int containing = 0;
        for (const auto& list : alternative_ancestors) {
          containing += std::find(list.begin(), list.end(), p) != list.end();
        }
        if (containing >= 3) {
          best = p;
          break;
        }
      }
    }
    // An ancestor that scores almost as high as the candidate, with few links, is the article: its
    // own paragraphs (an introduction before nested <section>s) score there, and the candidate is
    // one of its sections. Readability's walk up stops at the first parent that scores lower.
    for (size_t i = 1; i < top.size(); ++i) {
      const Info& other = infos_[static_cast<size_t>(top[i].second)];
      if (best_score > 0 && top[i].first >= 0.9f * best_score && other.kind == Kind::kDiv &&
          other.good_text > infos_[static_cast<size_t>(best)].good_text && a_.LinkDensity(other) < 0.1f &&
          Contains(top[i].second, best)) {
        best = top[i].second;
        break;
      }
    }
    // A picture or a table in a <figure> is a part of an article, never the article: when the
    // page's text ends up inside one (an unclosed table swallows the text after it), the article
    // is the figure's parent.
    if (const int32_t figure = FigureAncestor(infos_[static_cast<size_t>(best)]); figure >= 0) {
      const int32_t above = infos_[static_cast<size_t>(figure)].parent;
      if (above > 0) best = above;
    }
    // Walk up while the parent scores higher (the content was split into sections).
    {
      float last = infos_[static_cast<size_t>(best)].score;
      const float threshold = last / 3.0f;
      for (int32_t p = infos_[static_cast<size_t>(best)].parent; p > 0; p = infos_[static_cast<size_t>(p)].parent) {
        const Info& parent = infos_[static_cast<size_t>(p)];
        if (!parent.scored) continue;
        if (parent.score < threshold) break;
        if (parent.score > last) {
          best = p;
          break;
        }
        last = parent.score;
      }
    }
    // Content split into sibling blocks (page builders, card layouts): an ancestor holding much
    // more prose than the candidate is the article. Readability's scores fade with distance, so
    // they cannot see this; the prose length can.
    {
      constexpr float ratio = 1.75f;  // tuned on the dev sets: 1.5-2.0 all help, 1.3 adds noise
      // Less when the rest is in sections of the candidate's own shape (tuned: 1.1-1.4 alike).
      constexpr float kShapeRatio = 1.2f;
      // And when the ancestor is the page's <article> (tuned: 1.25-1.4 alike; 1.2 takes in bylines
      // and calls to action around short posts).
      constexpr float kArticleRatio = 1.3f;
      int32_t current = best;
      for (int32_t p = infos_[static_cast<size_t>(best)].parent; p >= 0; p = infos_[static_cast<size_t>(p)].parent) {
        const Info& ancestor = infos_[static_cast<size_t>(p)];
        const float prose = static_cast<float>(infos_[static_cast<size_t>(current)].good_text);
        if (a_.LinkDensity(ancestor) >= 0.35f) continue;  // not into link lists (tuned: 0.3-0.4 alike)
        if (static_cast<float>(ancestor.good_text) >= ratio * prose ||
            (static_cast<float>(ancestor.good_text) >= kShapeRatio * prose && SameShapeSectionWithProse(p, current)) ||
            (static_cast<float>(ancestor.good_text) >= kArticleRatio * prose && EnclosingArticle(p, current))) {
          current = p;
        }
      }
      best = current;
    }
    // An only child is as good as its parent.
    for (int32_t p = infos_[static_cast<size_t>(best)].parent; p > 0; p = infos_[static_cast<size_t>(p)].parent) {
      int element_children = 0;
      for (xmlNodePtr c = infos_[static_cast<size_t>(p)].node->children; c != nullptr; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) ++element_children;
      }
      if (element_children != 1) break;
      best = p;
    }
    return best;
  }

  std::vector<int32_t> MergeSiblings(int32_t top) {
    const Info& best = infos_[static_cast<size_t>(top)];
    if (best.parent < 0) return {top};
    const float threshold = std::max(10.0f, best.score * 0.2f);
    const std::string best_class = ClassOnly(best.node);
    std::vector<int32_t> chosen;
    bool before_top = true;
    for (xmlNodePtr sibling = infos_[static_cast<size_t>(best.parent)].node->children; sibling != nullptr;
         sibling = sibling->next) {
      if (sibling->type != XML_ELEMENT_NODE || sibling->_private == nullptr) continue;
      const int32_t index = a_.IndexOf(sibling);
      const Info& info = infos_[static_cast<size_t>(index)];
      if (info.excluded) continue;
      if (index == top) {
        chosen.push_back(index);
        before_top = false;
        continue;
      }
      float bonus = 0;
      if (!best_class.empty() && ClassOnly(sibling) == best_class) bonus = best.score * 0.2f;
      bool append = info.scored && info.score + bonus >= threshold;
      // A block of prose beside the article, in paragraphs and with few links, is more of it: an
      // introduction or summary before the body (Readability's score fades over the wrapper that
      // holds its paragraphs), or a further section after it in the same template (a Drupal FAQ
      // field beside the body field). After the body, a sibling of another class family is more
      // often the site's voice: a donation plea, a legal panel, a disclaimer, readers' comments.
      if (!append && info.p >= 2 && info.good_text >= 500 && a_.LinkDensity(info) < 0.1f &&
          (!flags_.weight_classes || info.weight >= 0) && (before_top || SharesClassToken(best_class, ClassOnly(sibling)))) {
        bool title_seen = true;
        append = !ShouldSkip(info, title_seen);
      }
      if (!append && (info.kind == Kind::kP || (info.kind == Kind::kDiv && !info.has_block_desc))) {
        const float density = a_.LinkDensity(info);
        if (info.text > 80 && density < 0.25f) {
          append = true;
        } else if (info.text < 80 && info.text > 0 && density == 0.0f) {
          const std::string content = HtmlText(sibling);
          append = content.find(". ") != std::string::npos || (!content.empty() && content.back() == '.');
        }
        // A line the cleaning would drop inside the article is not merged beside it either: the
        // site's copyright line and a credit end with a full stop too.
        bool title_seen = true;
        if (append && ShouldSkip(info, title_seen)) append = false;
      }
      if (append) chosen.push_back(index);
    }
    return chosen;
  }

  // Whether two class attributes have a word in common ("field field--name-body" and
  // "field field--name-field-faq" share "field").
  static bool SharesClassToken(std::string_view a, std::string_view b) {
    return AnyClassToken(a, [&](std::string_view token) {
      return AnyClassToken(b, [&](std::string_view other) { return token == other; });
    });
  }

  static std::string ClassOnly(xmlNodePtr node) {
    for (xmlAttrPtr attr = node->properties; attr != nullptr; attr = attr->next) {
      if (!std::strcmp(AsChars(attr->name), "class") && attr->children != nullptr && attr->children->content != nullptr) {
        return AsChars(attr->children->content);
      }
    }
    return {};
  }

  // Whether a table cell holds the element (looked for four levels up).
  bool InTableCell(const Info& info) const {
    int32_t at = info.parent;
    for (int level = 0; at >= 0 && level < 4; ++level, at = infos_[static_cast<size_t>(at)].parent) {
      const Kind kind = infos_[static_cast<size_t>(at)].kind;
      if (kind == Kind::kTd || kind == Kind::kTh || kind == Kind::kTable) return true;
    }
    return false;
  }

  static std::string HtmlText(xmlNodePtr node) {
    xmlChar* content = xmlNodeGetContent(node);
    std::string out = content != nullptr ? text::CollapseWhitespace(AsChars(content)) : std::string();
    xmlFree(content);
    return out;
  }

  bool ShouldSkip(const Info& info, bool& title_seen) const {
    if (info.excluded) return true;
    // LineStemsIn, read once for the rules that need it.
    std::optional<std::uint32_t> line_stems;
    const auto stems = [&] {
      if (!line_stems) line_stems = LineStemsIn(info.node);
      return *line_stems;
    };
    if (info.kind == Kind::kHeading && (info.node->name[1] == '1' || info.node->name[1] == '2')) {
      if (flags_.weight_classes && info.weight < 0) return true;
      if (!title_seen && !title_key_.empty() && info.text < 400) {
        const std::string key = NormTitle(HtmlText(info.node));
        if (!key.empty() && (key == title_key_ || (key.size() > 20 && title_key_.find(key) != std::string::npos))) {
          title_seen = true;
          return true;
        }
      }
    }
    if (info.in_code) return false;
    if (info.text < 80 && IsButtonLink(info.kind, info.class_id)) return true;
    if (IsLoneCallToAction(info)) return true;
    if (info.text > 0 && info.text < 30 && !info.has_block_desc &&
        (info.kind == Kind::kHeading || info.kind == Kind::kP || info.kind == Kind::kDiv ||
         !std::strcmp(AsChars(info.node->name), "summary")) &&
        IsFurnitureLabel(NormTitle(HtmlText(info.node)))) {
      return true;
    }
    if (IsTeaser(info)) return true;
    if (IsCutExcerpt(info)) return true;
    if (IsBlogExcerpt(info)) return true;
    if (IsStoryCard(info)) return true;
    if (IsPictureCredit(info)) return true;
    if (IsWordPressCaption(info)) return true;
    if (IsCreditedCaption(info)) return true;
    // Lines of the site's own voice, each in a small block of text alone (a paragraph, a list item,
    // a div of text): the follow-us and subscribe calls, the copyright notice, the legal line
    // under a form. Their first words are read first, the whole text only when they may be one.
    const auto line_under = [&](uint32_t bytes) {
      return info.text < bytes && !info.has_block_desc &&
             (info.kind == Kind::kP || info.kind == Kind::kLi || info.kind == Kind::kDiv);
    };
    const auto whole_text = [&] { return HtmlText(info.node); };
    if (line_under(250) && IsFollowUsLine(FirstText(info.node), whole_text)) return true;
    if (info.text >= 40 && line_under(300) && (stems() & kSubscribeStem) && IsSubscribeCall(whole_text())) return true;
    if (line_under(300) && IsCopyrightNotice(FirstText(info.node), whole_text)) return true;
    // (A paragraph may hold the picture itself: "<p><img><br><em>(Credit: ...)</em></p>".)
    if (info.text > 0 && info.text < 100 && (info.kind == Kind::kP || (info.kind == Kind::kDiv && !info.has_block_desc)) &&
        IsCreditLine(FirstText(info.node))) {
      return true;
    }
    if (line_under(500) && IsFormConsentLine(FirstText(info.node), whole_text)) return true;
    // A teaser box for another story: its class says so and its words are a link. (A "teaser" that
    // is not mostly a link is the article's own lead: German newsrooms call the standfirst so.)
    if (info.text < 1000 && !info.has_main && info.class_id.find("teaser") != std::string::npos &&
        (info.kind == Kind::kA || a_.LinkDensity(info) > 0.5f)) {
      return true;
    }
    // Share/subscribe/related widgets inside the article.
    if (!info.class_id.empty() && info.kind != Kind::kBody && info.text < 500 && info.kind != Kind::kP &&
        info.kind != Kind::kA && info.kind != Kind::kPre && (info.class_words & kWidgetWord) &&
        !(info.class_words & kMaybeWord)) {
      return true;
    }
    // A box asking the reader to rate the article ("Wie bewerten Sie diesen Artikel?"): a rating
    // class on a block with no digit in its words, outside tables. A rating with a number ("4.6
    // overall rating", "5/10") is the article's own verdict, and a table's rating cells are data.
    if ((info.class_words & kRatingWord) && info.block && info.kind != Kind::kP && info.text < 500 &&
        !(info.class_words & kMaybeWord) && !InTableCell(info)) {
      const std::string words = HtmlText(info.node);
      if (std::none_of(words.begin(), words.end(), [](char c) { return c >= '0' && c <= '9'; })) return true;
    }
    // A disclosure or the post's metadata line is one paragraph as often as a box
    // ("<p class='aawp-disclaimer'>", "<p class='postmetadata'>").
    static const NeedleSet kParagraphWidget{"disclaimer", "disclosure", "postmeta", "post-meta",
                                                            "entry-meta", "entry-utility", "entry-footer"};
    if (info.kind == Kind::kP && info.text < 500 && !info.class_id.empty() && ContainsAny(info.class_id, kParagraphWidget)) {
      return true;
    }
    // The site's note that its links earn it a commission ("This post contains affiliate links. If
    // you buy through them, we may earn a commission"): about the site's business, not the topic.
    if ((info.kind == Kind::kP || (info.kind == Kind::kDiv && !info.has_block_desc)) &&
        info.text < 400 && info.text >= 20 && (stems() & kAffiliateStem) && IsAffiliateNote(whole_text())) {
      return true;
    }
    if (!flags_.clean_conditionally) return false;
    if (info.kind == Kind::kForm || info.kind == Kind::kTable || info.kind == Kind::kList ||
        (info.kind == Kind::kDiv && info.node->name[0] != 'a' && info.node->name[0] != 'm')) {
      return CleanConditionally(info);
    }
    return false;
  }

  // A teaser line or a teaser label inside the article (TeaserLead), and the list of links a
  // label heads.
  bool IsTeaser(const Info& info) const {
    if (info.node == teaser_list_) return true;
    if (info.text == 0 || info.text > 400 || info.has_block_desc ||
        (info.kind != Kind::kP && info.kind != Kind::kHeading && info.kind != Kind::kDiv && info.kind != Kind::kLi)) {
      return false;
    }
    // The lead words are text, the story a link. A line that is one link as a whole is left to the
    // link-density rules of its block (the CMS's "Related: ..." styled as a heading inside the link).
    if (info.link_text + 1 >= info.text) return false;
    // Prose with a link or two is no teaser, and its text need not be read: a label is short, and
    // a teaser line's link is most of what follows its lead words (at most 48 bytes of them).
    if (info.text >= 80 && 10 * static_cast<uint64_t>(info.link_text) < 6 * static_cast<uint64_t>(info.text - 48)) return false;
    const int lead = TeaserLead(HtmlText(info.node), info.link_text, info.kind == Kind::kHeading);
    if (lead == 0) return false;
    if (lead == 2) {
      // The links the label announces: the next element, when it is a list of links.
      xmlNodePtr next = info.node->next;
      while (next != nullptr && (next->type != XML_ELEMENT_NODE || !std::strcmp(AsChars(next->name), "hr"))) next = next->next;
      if (next != nullptr && next->_private != nullptr) {
        const Info& list = infos_[static_cast<size_t>(a_.IndexOf(next))];
        if ((list.kind == Kind::kList || list.kind == Kind::kDiv) && a_.LinkDensity(list) > 0.2f) teaser_list_ = next;
      }
    }
    return true;
  }

  // A story card's excerpt: a paragraph cut off with an ellipsis after a word ("... on Tuesday,
  // December 1...", "Schon vor Jahren hat die Stadt beschl…"), alone beside a linked headline in
  // a small box. Sites list their other stories so under an article; an author's own trailing
  // "so in no particular order…" sits in the article's text, not in a box of its headline.
  bool IsCutExcerpt(const Info& info) const {
    if (info.text < 40 || info.text > 400 || info.link_text != 0 || info.has_block_desc ||
        (info.kind != Kind::kP && info.kind != Kind::kDiv)) {
      return false;
    }
    // The box: the first ancestor (four levels up) with more than the excerpt's text; the rest
    // of its words are few, and at least a third of them (a headline's worth) is a link.
    int32_t at = info.parent;
    for (int level = 0; at >= 0 && level < 4; ++level, at = infos_[static_cast<size_t>(at)].parent) {
      const Info& box = infos_[static_cast<size_t>(at)];
      if (box.text <= info.text + 10) continue;
      if (box.text > info.text + 300 || box.link_text < 15 || 3 * box.link_text < box.text - info.text) return false;
      // The cut: "..." or "…" right after a word. (One after a space is a cut at a word's end,
      // as an events calendar shortens the description of each event it lists: its content.)
      const std::string words = HtmlText(info.node);
      std::string_view rest(words);
      if (!RemoveEnding(rest, {"...", "\xE2\x80\xA6"}) || rest.empty()) return false;
      const auto last = static_cast<unsigned char>(rest.back());
      return last >= 0x80 || std::isalnum(last) != 0;
    }
    return false;
  }

  // A blog's excerpt of another post: WordPress ends the excerpts it lists (previous and next post,
  // related posts, archives) with " […]" after the last word it kept ("every family with […]").
  // An author's elision in a quote follows the sentence it shortens ("a Stanford study. [...]").
  static bool IsBlogExcerpt(const Info& info) {
    if (info.text < 60 || info.text > 800 || info.has_block_desc || 4 * info.link_text > info.text ||
        (info.kind != Kind::kP && info.kind != Kind::kDiv)) {
      return false;
    }
    std::string_view rest = LastText(info.node);
    if (!RemoveEnding(rest, {"[\xE2\x80\xA6]", "[...]"})) return false;
    if (rest.size() < 2 || rest.back() != ' ') return false;
    const auto last = static_cast<unsigned char>(rest[rest.size() - 2]);
    return last >= 0x80 || std::isalnum(last) != 0;
  }

  // A card for another story: a box whose class says "card", headed by a headline that is a link
  // as a whole, over a short summary ("<div class='card'><h3><a>The Ultimate Elopement
  // Checklist</a></h3><p>Although an elopement...</p></div>"): the site's other pages listed under
  // the article. (A card whose heading is no link is a box of the article's own.)
  bool IsStoryCard(const Info& info) const {
    if (info.text < 40 || info.text > 600 || info.has_main || info.class_id.empty() || info.kind == Kind::kHeading ||
        info.kind == Kind::kA || info.link_text < 15) {
      return false;
    }
    static constexpr std::string_view kWords[] = {"card", "tile", "teaser", "promo", "cards", "tiles"};
    if (!AnyClassWord(info.class_id, kWords)) return false;
    for (xmlNodePtr at = info.node->children; at != nullptr;) {
      if (at->type == XML_ELEMENT_NODE && at->_private != nullptr) {
        const Info& inner = infos_[static_cast<size_t>(a_.IndexOf(at))];
        if (inner.kind == Kind::kHeading) return inner.text >= 15 && inner.link_text + 1 >= inner.text;
        if (inner.kind == Kind::kP || inner.kind == Kind::kList) return false;  // text before any headline
        if (at->children != nullptr) {
          at = at->children;
          continue;
        }
      }
      at = text::NextSkippingChildren(at, info.node);
    }
    return false;
  }

  // The credit line of a picture, in an element of its own ("<span class='credit'>Foto: dpa</span>",
  // "<p class='image-copyright'>", "<div class='photographer'>"): who took the photo, not the
  // article's words. (A caption's description stays: only the credit's own element goes.)
  static bool IsPictureCredit(const Info& info) {
    static constexpr std::string_view kWords[] = {"credit", "credits", "copyright", "photographer", "photocredit",
                                                  "imagecredit", "fotocredit", "bildnachweis", "fotonachweis",
                                                  "bildquelle", "urheber"};
    return info.text > 0 && info.text < 90 && info.kind != Kind::kHeading && !info.class_id.empty() &&
           AnyClassWord(info.class_id, kWords);
  }

  // The caption WordPress writes under a picture ("wp-caption-text" in the classic editor,
  // "wp-element-caption" in the block editor): a line about the picture, which the dev sets' news
  // and blog truths leave out of the text (Readability.js keeps it: one page of its set).
  static bool IsWordPressCaption(const Info& info) {
    if (info.class_id.find("-caption") == std::string::npos) return false;
    return AnyClassToken(info.class_id, [](std::string_view token) {
      return token == "wp-caption-text" || token == "wp-element-caption";
    });
  }

  // A picture's caption that credits the picture ("... glow in the winter light. Photograph by Uli
  // Lorimer.", "Pilates snags the No. 1 spot.Mikolette / Getty Images", "Sylt, Germany | © 2010 Jon
  // Norris"): it describes the picture, as WordPress's own captions do, and goes with them. (A
  // credit alone under 60 bytes stays: "Getty Images" under a how-to's step is kept by Readability's
  // tests; WCXB and the trafilatura set drop it.)
  static bool IsCreditedCaption(const Info& info) {
    if (info.text < 60 || info.text > 400) return false;
    static constexpr std::string_view kCaption[] = {"caption", "figcaption", "imagecaption", "photocaption", "legend", "imagedescription", "bildunterschrift", "bu"};
    if (std::strcmp(AsChars(info.node->name), "figcaption") &&
        (info.class_id.empty() || info.kind == Kind::kHeading || info.has_block_desc || !AnyClassWord(info.class_id, kCaption))) {
      return false;
    }
    static const NeedleSet kCredits{"getty images", "photo by", "photograph by", "photographed by", "photo credit",
                                    "photo:", "photos:", "image credit", "image:", "credit:", "credits:",
                                    "\xC2\xA9", "shutterstock", "istock", "alamy", "courtesy of",
                                    "foto:", "fotos:", "bild:", "quelle:", "crédit", "fuente:", "zdjęcie:"};
    return ContainsAny(text::ToLower(HtmlText(info.node)), kCredits);
  }

  // A call-to-action link alone on its line ("<p><a>See the rating</a>.</p>"), or that line.
  bool IsLoneCallToAction(const Info& info) const {
    if (info.text == 0 || info.text > 40) return false;
    bool alone = false;
    if (info.kind == Kind::kA) {
      // The line is the block around the link: "Sign up" inside <em> in "Forwarded? <em><a>Sign
      // up</a></em> to get it" is part of a sentence.
      int32_t up = info.parent;
      while (up >= 0 && !infos_[static_cast<size_t>(up)].block) up = infos_[static_cast<size_t>(up)].parent;
      alone = (up >= 0 && infos_[static_cast<size_t>(up)].text <= info.text + 1) || OnALineOfItsOwn(info.node);
    } else if (info.kind == Kind::kP || info.kind == Kind::kLi || (info.kind == Kind::kDiv && !info.has_block_desc)) {
      alone = info.link_text > 0 && info.link_text + 1 >= info.text;
    }
    return alone && IsCallToAction(HtmlText(info.node));
  }

  // Whether an inline element stands between blocks with no text beside it: "</p><a>zurück zur
  // Listenansicht</a></div>" is a line of its own, though the block around it holds the article.
  bool OnALineOfItsOwn(xmlNodePtr node) const {
    // At the start or end of an inline parent ("<em><a>Sign up</a></em> to get it") it is not.
    const bool block_parent = node->parent != nullptr && node->parent->_private != nullptr &&
                              infos_[static_cast<size_t>(a_.IndexOf(node->parent))].block;
    if (!block_parent) return false;
    for (int side = 0; side < 2; ++side) {
      for (xmlNodePtr at = side == 0 ? node->prev : node->next; at != nullptr; at = side == 0 ? at->prev : at->next) {
        if (at->type == XML_TEXT_NODE) {
          if (at->content != nullptr && !text::Trim(AsChars(at->content)).empty()) return false;
          continue;
        }
        if (at->type != XML_ELEMENT_NODE) continue;
        if (at->_private == nullptr) break;  // an element not analysed (a script): look no further
        if (!infos_[static_cast<size_t>(a_.IndexOf(at))].block) return false;
        break;
      }
    }
    return true;
  }

  // Whether a data table holds the node: its cells' wrappers are short and may be all links.
  bool InDataTable(const Info& info) const {
    int32_t index = info.parent;
    for (int depth = 0; index >= 0 && depth < 6; ++depth) {
      const Info& ancestor = infos_[static_cast<size_t>(index)];
      if (ancestor.kind == Kind::kTable) return ancestor.data_table;
      index = ancestor.parent;
    }
    return false;
  }

  // A block that only "widget" in its class weighs against, holding prose (250 bytes with commas
  // between clauses, Readability's sign of prose: a rating box's lines have none), or a part of
  // one (its name line, its text container): a review template's or a page builder's component
  // ("c-product-widget" with a product's review), not a sidebar's widget, which the sidebar's own
  // class drops. An affiliate widget is an advertisement however much it says.
  bool InWidgetOfProse(const Info& info) const {
    constexpr uint32_t kWidgetProse = 250;
    constexpr uint32_t kWidgetCommas = 2;
    const auto named_only = [](const Info& block) {
      return (block.class_words & (kNegativeWord | kSignupBoxWord | kWidgetNameWord)) == kWidgetNameWord;
    };
    if (!named_only(info)) return false;
    int32_t at = static_cast<int32_t>(&info - infos_.data());
    for (int level = 0; at >= 0 && level < 5; ++level, at = infos_[static_cast<size_t>(at)].parent) {
      const Info& block = infos_[static_cast<size_t>(at)];
      if (!named_only(block)) return false;
      if (block.good_text >= kWidgetProse && block.commas >= kWidgetCommas) return block.class_id.find("affiliate") == std::string::npos;
    }
    return false;
  }

  bool CleanConditionally(const Info& info) const {
    // A table without paragraphs is kept as data too: its wrappers are judged as usual.
    if (info.kind == Kind::kTable && (info.data_table || (info.p == 0 && info.text > 0 && info.img <= 1))) return false;
    // A block holding a data table, or inside one, is the table (Readability.js keeps both):
    // a table of app names linking to their store pages is link-dense, and its cells are short.
    if (info.data_tables > 0 || InDataTable(info)) return false;
    const float weight = flags_.weight_classes ? info.weight : 0;
    // Only the class weight, not the content score (Readability.js also tests weight + 0): a
    // list's score starts at -3 for its tag, so a list holding one captioned screenshot (whose
    // caption <p> scored it) fell below zero and a whole list of news items went.
    // Unless the block is half the article with 1,000 bytes of prose: a class word weighs against
    // a widget, and a page's main text in "o-media" or "author_guidelines" is none (a class that
    // says "hidden" somewhere, "elementor-hidden-mobile", is still taken at its word).
    if (weight < 0 && !(info.good_text >= 1000 && 2 * static_cast<uint64_t>(info.text) >= article_text_ &&
                        info.class_id.find("hidden") == std::string::npos) &&
        !InWidgetOfProse(info)) {
      return true;
    }
    // (Not for a list that is nothing but links: the commas of its titles, "Statista, Education &
    // Science", are no prose; a list of sources or of branch offices is judged by its links.)
    if (info.commas >= 10 && !(info.kind == Kind::kList && info.li > 0 && a_.LinkDensity(info) > 0.9f)) return false;
    // A wrapper around code (<div class="highlight"><pre>) is content however short the code is.
    if (info.pre > 0 && a_.LinkDensity(info) < 0.5f) return false;
    // A block that is mostly lists is judged as a list (Readability.js: list text over 90%).
    const bool is_list = info.kind == Kind::kList || (info.text > 0 && static_cast<float>(info.list_text) > 0.9f * static_cast<float>(info.text));
    const float p = static_cast<float>(info.p);
    const float img = static_cast<float>(info.img);
    const float li = static_cast<float>(info.li) - 100.0f;
    const float input = static_cast<float>(info.input);
    const float heading_density = info.text == 0 ? 0.0f : static_cast<float>(info.heading_text) / static_cast<float>(info.text);
    const float link_density = a_.LinkDensity(info);
    const uint32_t length = info.text;
    const bool in_figure = HasFigureAncestor(info);
    // Pictures outnumbering paragraphs make a gallery or an ad, unless the block holds prose of its
    // own: a forum post with smileys, a recipe's steps with a photo each, text between <br>s.
    if (img > 1 && p / img < 0.5f && !in_figure && info.good_text < 250) return true;
    if (!is_list && li > p) return true;
    if (input > std::floor(p / 3.0f)) return true;
    if (!is_list && heading_density < 0.9f && length < 25 && (img == 0 || img > 2) && !in_figure) return true;
    // A block of links that is most of the article is the article: a post of bookmarks, a digest
    // of the week's links with a line of their own each ("via netzpolitik.org").
    if (3 * static_cast<uint64_t>(length) >= 2 * article_text_) {
      return false;
    }
    // Readability.js's 0.2 drops a block of prose whose words link now and then (a recipe's
    // ingredients linked to a glossary above its steps): 250 bytes of prose under half links, few of
    // them headings (a teaser's linked headline over its summary is no prose of the article), stay.
    // A wrapper holding only a heading that links to its subject, over the prose about it (a
    // listicle's <header><h3><a>White Oak Bayou Trail</a></h3></header><main><p>...), is the
    // section's heading: a teaser's linked headline has a summary or a list of links after it.
    if (info.heading_text == info.text && length > 0 && length < 200 && HeadsProse(info)) return false;
    const bool linked_prose = info.good_text >= 250 && link_density < 0.5f && 10 * info.heading_text < info.text;
    if (!is_list && weight < 25 && link_density > 0.2f && !linked_prose) return true;
    if (weight >= 25 && link_density > 0.5f) return true;
    if ((info.embed == 1 && length < 75) || info.embed > 1) return true;
    // A list of links and nothing else (related posts, a table of contents). Items that link some
    // of their words ("Neil has patches up to <a>improve the tab unloader</a>") are the author's
    // list: Readability.js keeps every list. (Tuned: 0.5 dropped such lists; 0.75-0.9 alike.)
    if (is_list && info.li > 0 && link_density > 0.75f) return true;
    return false;
  }

  bool HeadsProse(const Info& info) const {
    const xmlNodePtr next = xmlNextElementSibling(info.node);
    if (next == nullptr || next->_private == nullptr) return false;
    const Info& body = infos_[static_cast<size_t>(a_.IndexOf(next))];
    return !body.excluded && body.good_text >= 100 && a_.LinkDensity(body) < 0.25f;
  }

  // The <figure> among the element's four nearest ancestors, or -1.
  int32_t FigureAncestor(const Info& info) const {
    int32_t index = info.parent;
    for (int depth = 0; index >= 0 && depth < 4; ++depth) {
      const Info& ancestor = infos_[static_cast<size_t>(index)];
      if (!std::strcmp(AsChars(ancestor.node->name), "figure")) return index;
      index = ancestor.parent;
    }
    return -1;
  }
  bool HasFigureAncestor(const Info& info) const { return FigureAncestor(info) >= 0; }

  // The title again as the article's first line, in a paragraph or in bold rather than a heading
  // (<p><b>Latency mitigation strategies</b></p> under the page's <h1>).
  bool RepeatsTheTitle(const Info& info, bool& title_seen) const {
    if (title_seen || title_key_.empty() || info.text == 0 || info.text >= 400 || info.has_block_desc) return false;
    if (NormTitle(HtmlText(info.node)) != title_key_) return false;
    title_seen = true;
    return true;
  }

  // A block whose words were already kept, in a block before it: one of the copies a page ships
  // for each screen size. (A wrapper holding nothing but one block has that block's words: it is
  // not compared, its block is.) Short blocks repeat for good reasons ("Pros", "Yes").
  bool IsRepeatedBlock(const Info& info) {
    if (info.excluded || info.text < kRepeatedBlockText || !info.has_block_desc) return false;
    if (info.parent >= 0 && infos_[static_cast<size_t>(info.parent)].print == info.print) return false;
    return !seen_.insert(info.print).second;
  }

  // Marks the nodes to skip below `root`; returns the text length kept.
  uint64_t Clean(int32_t root, std::unordered_set<xmlNodePtr>& skipped) {
    uint64_t kept = infos_[static_cast<size_t>(root)].text;
    bool title_seen = false;
    bool text_seen = false;  // whether any text was kept before this node
    const xmlNodePtr root_node = infos_[static_cast<size_t>(root)].node;
    xmlNodePtr node = root_node->children;
    // The last heading kept, while no text has been kept after it: a heading left at the end of
    // the text once the list it headed was cleaned ("Recommended Stories", "References").
    xmlNodePtr trailing_heading = nullptr;
    bool root_prose = false;  // a paragraph of prose kept below this root
    xmlNodePtr after_heading = nullptr;  // the first node of the walk past trailing_heading's subtree
    bool past_heading = false;
    while (node != nullptr) {
      bool descend = false;
      if (node == after_heading) past_heading = true;
      if (node->type == XML_TEXT_NODE && node->content != nullptr &&
          (!text_seen || trailing_heading != nullptr) && !text::Trim(AsChars(node->content)).empty()) {
        text_seen = true;
        if (trailing_heading != nullptr && past_heading) trailing_heading = nullptr;
      }
      if (node->type == XML_ELEMENT_NODE && node->_private != nullptr) {
        const Info& info = infos_[static_cast<size_t>(a_.IndexOf(node))];
        if (ShouldSkip(info, title_seen) || IsRepeatedBlock(info) || (!text_seen && RepeatsTheTitle(info, title_seen)) ||
            (!prose_seen_ && (IsDateLine(info) || IsHeaderPictureCaption(info))) || IsUpdateLine(info)) {
          skipped.insert(node);
          if (!info.excluded) kept -= std::min<uint64_t>(kept, info.text);
        } else {
          if (!info.has_block_desc && info.text >= 150) prose_seen_ = root_prose = true;
          if (info.kind == Kind::kHeading && info.text > 0) {
            trailing_heading = node;
            after_heading = text::NextSkippingChildren(node, root_node);
            past_heading = false;
          }
          descend = node->children != nullptr;
        }
      }
      if (descend) {
        node = node->children;
        continue;
      }
      node = text::NextSkippingChildren(node, root_node);
    }
    if (trailing_heading != nullptr && root_prose) {
      const uint64_t heading_text = infos_[static_cast<size_t>(a_.IndexOf(trailing_heading))].text;
      if (kept >= heading_text + 800) {  // not on a page whose text is short enough for the fallbacks
        skipped.insert(trailing_heading);
        kept -= heading_text;
      }
    }
    return kept;
  }

  // The article's date on a line of its own above the text ("23.10.2018", "Aktualisiert:
  // 03.04.2020, 10:12", "Published on: February 14, 2025", "7. oktober 2020"): the page's
  // metadata, read into the document's date; a block under 60 bytes whose words are all numbers,
  // months, weekdays and the few labels a date line has, with a year or a day.month.year.
  bool IsDateLine(const Info& info) const {
    if (info.text == 0 || info.text >= 60 || info.has_block_desc || info.in_code ||
        !(info.block || info.kind == Kind::kHeading || info.kind == Kind::kLi)) {
      return false;
    }
    return LooksLikeADate(HtmlText(info.node));
  }

  // The page's "Last updated on June 2, 2025" or "Last reviewed January 2023" anywhere in the
  // text, as often under it as over it: a date line that says the page was changed or checked.
  bool IsUpdateLine(const Info& info) const {
    if (info.text == 0 || info.text >= 60 || info.has_block_desc || info.in_code ||
        !(info.block || info.kind == Kind::kHeading || info.kind == Kind::kLi)) {
      return false;
    }
    const std::string_view first = FirstText(info.node);
    if (first.empty() || std::strchr("LlUuRrZzAaMm", first.front()) == nullptr) return false;
    static constexpr std::string_view kLeads[] = {"last updated", "updated", "last reviewed", "reviewed",
                                                  "last modified", "zuletzt aktualisiert", "aktualisiert",
                                                  "actualizado", "última actualización", "mis à jour",
                                                  "dernière mise à jour", "aggiornato", "ultimo aggiornamento"};
    const std::string start = FoldLead(first.substr(0, 40));
    if (std::none_of(std::begin(kLeads), std::end(kLeads), [&](std::string_view lead) { return start.starts_with(lead); })) {
      return false;
    }
    return LooksLikeADate(HtmlText(info.node));
  }

  // The caption of the lead picture in the article's <header> ("<header><h1>..</h1><figure>..
  // <figcaption>Premio Nobel de la Paz (REUTERS/..)</figcaption>"), above the first paragraph of
  // prose: a line about the picture, which the dev sets' truths leave out. A caption in the text,
  // or over the text outside a <header>, stays (Readability.js keeps those: five pages of its set).
  bool IsHeaderPictureCaption(const Info& info) const {
    if (info.text == 0 || info.text >= 300 || info.in_code || std::strcmp(AsChars(info.node->name), "figcaption")) return false;
    int32_t at = info.parent;
    for (int level = 0; at >= 0 && level < 6; ++level, at = infos_[static_cast<size_t>(at)].parent) {
      if (!std::strcmp(AsChars(infos_[static_cast<size_t>(at)].node->name), "header")) return true;
    }
    return false;
  }

  static bool LooksLikeADate(std::string_view line) {
    static constexpr std::string_view kMonths[] = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
        "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
        "januar", "jänner", "jän", "februar", "märz", "mai", "juni", "juli", "oktober", "okt", "dezember", "dez",
        "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre", "octubre",
        "noviembre", "diciembre", "ene", "abr", "ago", "dic", "janvier", "février", "mars", "avril", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre", "janv", "févr", "avr", "juil", "déc",
        "gennaio", "febbraio", "aprile", "maggio", "giugno", "luglio", "settembre", "ottobre", "dicembre",
        "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
        "października", "listopada", "grudnia", "januari", "februari", "maart", "mei", "augustus", "oktober"};
    static constexpr std::string_view kLabels[] = {
        "published", "updated", "posted", "last", "modified", "reviewed", "on", "at", "am", "pm", "um", "uhr", "veröffentlicht",
        "aktualisiert", "stand", "erstellt", "zuletzt", "publicado", "actualizado", "el", "de", "del", "publié", "mis",
        "à", "jour", "le", "pubblicato", "aggiornato", "il", "opublikowano", "zaktualizowano", "dnia", "r", "h",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu",
        "fri", "sat", "sun", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lunes",
        "martes", "miércoles", "jueves", "viernes", "sábado", "domingo", "lundi", "mardi", "mercredi", "jeudi",
        "vendredi", "samedi", "dimanche"};
    const std::string folded = FoldLead(line);
    bool year = false, month = false, long_number = false;
    int numbers = 0;
    size_t at = 0;
    while (at < folded.size()) {
      const auto is_word = [](unsigned char c) { return std::isalnum(c) || c >= 0x80; };
      while (at < folded.size() && !is_word(static_cast<unsigned char>(folded[at]))) ++at;
      size_t end = at;
      while (end < folded.size() && is_word(static_cast<unsigned char>(folded[end]))) ++end;
      if (end == at) break;
      std::string_view word = std::string_view(folded).substr(at, end - at);
      at = end;
      size_t digits = 0;
      while (digits < word.size() && std::isdigit(static_cast<unsigned char>(word[digits]))) ++digits;
      if (digits > 0) {
        const std::string_view suffix = word.substr(digits);  // "16th", "2nd"
        if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return false;
        ++numbers;
        if (digits == 4 && (word.starts_with("19") || word.starts_with("20"))) year = true;
        else if (digits > 2) long_number = true;
        continue;
      }
      if (std::find(std::begin(kMonths), std::end(kMonths), word) != std::end(kMonths)) {
        month = true;
        continue;
      }
      if (std::find(std::begin(kLabels), std::end(kLabels), word) == std::end(kLabels)) return false;
    }
    if (long_number) return false;
    return (year && (month || numbers >= 3)) || (!year && !month && numbers == 3 && folded.size() <= 10);
  }

  static constexpr uint32_t kRepeatedBlockText = 120;
  uint64_t article_text_ = 0;  // the text of the roots chosen, before cleaning
  mutable bool prose_seen_ = false;  // a paragraph of prose was kept (in this attempt's roots so far)
  mutable xmlNodePtr teaser_list_ = nullptr;  // the list of links under a teaser label, skipped with it

  Analysis& a_;
  std::vector<Info>& infos_;
  Flags flags_;
  std::string title_key_;
  std::unordered_set<TextPrint, TextPrintHash> seen_;  // the prints of the blocks kept so far
};

}  // namespace

struct MainContent::State {
  std::unordered_set<xmlNodePtr> skipped;
  std::unordered_set<xmlNodePtr> noscripts;
};

MainContent::MainContent() : state_(std::make_unique<State>()) {}
MainContent::~MainContent() = default;
MainContent::MainContent(MainContent&&) noexcept = default;
MainContent& MainContent::operator=(MainContent&&) noexcept = default;

bool MainContent::IsSkipped(xmlNodePtr node) const { return state_->skipped.count(node) > 0; }

bool MainContent::RendersNoscript(xmlNodePtr node) const { return state_->noscripts.count(node) > 0; }

MainContent FindMainContent(xmlNodePtr body, std::string_view title) {
  MainContent result;
  if (body == nullptr) return result;
  // Readability retries under 500 characters; these counts are bytes of UTF-8 and the dev sets
  // showed 800 recovering more articles cut short by cleaning (500: 0.929, 800: 0.931 on WCXB).
  static constexpr uint64_t kMinimumText = 800;
  const Flags attempts[] = {{true, true, true, true, false},
                            {false, true, true, true, false},
                            {false, false, true, true, false},
                            {false, false, false, true, false},
                            {true, true, true, true, true},
                            {false, false, false, false, true}};
  Attempt best;
  for (const Flags& flags : attempts) {
    Analysis analysis(body, flags);
    Attempt attempt;
    try {
      analysis.Run();
      Selector selector(analysis, flags, title);
      attempt = selector.Select();
    } catch (...) {
      analysis.Release();
      throw;
    }
    analysis.Release();
    if (!flags.skip_hidden) {
      // Hidden text replaces the visible result only when it is an article and the visible is not.
      if (attempt.text_length >= kMinimumText && attempt.text_length > 2 * best.text_length) best = std::move(attempt);
      break;
    }
    if (attempt.text_length >= kMinimumText) {
      best = std::move(attempt);
      break;
    }
    if (best.roots.empty() || attempt.text_length > best.text_length) best = std::move(attempt);
  }
  result.roots_ = std::move(best.roots);
  result.state_->skipped = std::move(best.skipped);
  result.state_->noscripts = std::move(best.noscripts);
  return result;
}

}  // namespace llmtwin
