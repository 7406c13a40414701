// The Medium export reader (platform_export.h): posts/*.html of "Download your information".
#include <libxml/tree.h>

#include <algorithm>
#include <regex>

#include "common/error.h"
#include "crawl/platform_export.h"
#include "extract/extractor.h"
#include "extract/html_document.h"
#include "extract/markdown.h"
#include "extract/text_util.h"

namespace llmtwin {
namespace {

// The post id from the footer's https://medium.com/p/<id>, else the hex suffix of the file name.
std::string PostId(const HtmlDocument& page, std::string_view file_name) {
  static const std::regex kFooter(R"(^https?://medium\.com/p/([0-9a-f]{8,16})$)");
  for (const HtmlNode& a : page.Select("footer a")) {
    std::smatch m;
    const std::string href = a.Attr("href");
    if (std::regex_match(href, m, kFooter)) return m[1];
  }
  static const std::regex kSuffix(R"(-([0-9a-f]{8,16})\.html$)");
  std::smatch m;
  const std::string name(file_name);
  if (std::regex_search(name, m, kSuffix)) return m[1];
  return {};
}

void Remove(const HtmlNode& node) {
  xmlNodePtr n = node.get();
  xmlUnlinkNode(n);
  xmlFreeNode(n);
}

// Text compared as a reader sees it: no-break spaces are spaces, runs of spaces one.
std::string Collapse(std::string text) {
  for (size_t at; (at = text.find("\xC2\xA0")) != std::string::npos;) text.replace(at, 2, " ");
  std::string out;
  for (char c : text) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// The title and subtitle Medium repeats at the top of a story's body (as graf--title and
// graf--subtitle, or as plain paragraphs and headings with the same text, after a lead figure) are
// not content: removed up to the first paragraph that is something else.
void DropLeadingRepeats(const HtmlNode& body, const std::string& title, const std::string& subtitle) {
  const std::string t = Collapse(title);
  std::vector<xmlNodePtr> repeats;
  auto inside_repeat = [&](xmlNodePtr node) {
    for (xmlNodePtr p = node->parent; p; p = p->parent)
      if (std::find(repeats.begin(), repeats.end(), p) != repeats.end()) return true;
    return false;
  };
  for (const HtmlNode& graf : body.XPath(".//*[contains(concat(' ', normalize-space(@class), ' '), ' graf ')]")) {
    if (inside_repeat(graf.get()) || graf.HasClass("graf--figure")) continue;
    const std::string text = Collapse(graf.Text());
    if (text.empty() && !graf.HasClass("graf--title")) continue;
    if (graf.HasClass("graf--title") || graf.HasClass("graf--subtitle") || text == t || (!subtitle.empty() && text == subtitle)) {
      repeats.push_back(graf.get());
      continue;
    }
    break;
  }
  // Removed once the walk is over: a node freed during it could be the parent of one still listed.
  for (xmlNodePtr node : repeats) Remove(HtmlNode(node));
}

bool IsMediumPostName(std::string_view name) {
  return name.ends_with(".html") && (DirName(name) == "posts" || DirName(name).ends_with("/posts"));
}

class MediumExportReader : public ExportReader {
 public:
  std::string_view kind() const override { return "medium"; }

  void Read(const ExportArchive& archive, const ExportOptions& options, const ExportSink& sink) const override {
    RequireExportKind(archive, "medium", "no posts/*.html");
    archive.ForEach(
        [&](std::string_view name) { return IsMediumPostName(name); },
        [&](std::string_view name, std::string_view bytes) {
          MediumPostFile file;
          try {
            file = ParseMediumPostFile(bytes, BaseName(name));
          } catch (const Error& e) {
            throw Error(ErrorKind::kInvalidInput, archive.Where(name) + ": " + e.what());
          }
          ExportItem item;
          item.entry = std::string(name);
          item.title = file.title;
          item.link = file.draft ? "https://medium.com/p/" + file.id : file.canonical_url;
          if (file.draft && !options.include_drafts) item.skip_reason = "draft";
          else if (file.response && options.skip_responses) item.skip_reason = "response";
          else if (file.markdown.empty()) item.skip_reason = "empty";
          else if (file.response) item.post = ToPost(file, item.link);
          else item.article = ToArticle(file, item.link);
          sink(item);
        });
  }

 private:
  static ArticleDocument ToArticle(MediumPostFile& file, const std::string& link) {
    ArticleDocument doc;
    doc.platform = "medium";
    doc.link = link;
    doc.content.title = file.title;
    doc.content.subtitle = file.subtitle;
    doc.content.content = std::move(file.markdown);
    doc.meta.published_at = file.published_at;
    doc.meta.source = "medium-export";
    doc.extra["medium_post_id"] = file.id;
    if (file.draft) doc.extra["draft"] = true;
    doc.extra["extracted_from"] = "export";
    return doc;
  }

  static PostDocument ToPost(MediumPostFile& file, const std::string& link) {
    PostDocument doc;
    doc.platform = "medium";
    doc.link = link;
    doc.content.text = std::move(file.markdown);
    doc.meta.published_at = file.published_at;
    doc.meta.source = "medium-export";
    doc.extra["medium_post_id"] = file.id;
    doc.extra["medium_kind"] = "response";
    doc.extra["extracted_from"] = "export";
    return doc;
  }
};

}  // namespace

MediumPostFile ParseMediumPostFile(std::string_view html, std::string_view file_name) {
  const HtmlDocument page = HtmlDocument::Parse(html);
  const HtmlNode title = page.SelectFirst("h1.p-name");
  const HtmlNode body = page.SelectFirst("section[data-field=body]");
  if (!page.SelectFirst("article.h-entry") || !title || !body)
    throw Error(ErrorKind::kInvalidInput,
                "not a Medium post page (expected <article class=\"h-entry\"> with <h1 class=\"p-name\"> and "
                "<section data-field=\"body\">)");
  MediumPostFile file;
  file.id = PostId(page, file_name);
  file.title = title.Text();
  const HtmlNode subtitle = page.SelectFirst("section[data-field=subtitle]");
  if (subtitle && !subtitle.Text().empty()) file.subtitle = subtitle.Text();
  const HtmlNode time = page.SelectFirst("time.dt-published");
  if (time) file.published_at = NormalizeDate(time.Attr("datetime"));
  if (const HtmlNode canonical = page.SelectFirst("a.p-canonical")) file.canonical_url = canonical.Attr("href");
  if (const HtmlNode author = page.SelectFirst("a.p-author")) file.author = author.Text();
  file.draft = file_name.starts_with("draft_") || file.published_at.empty() || file.canonical_url.empty();
  if (file.id.empty() && file.canonical_url.empty())
    throw Error(ErrorKind::kInvalidInput, "a Medium post page without a post id (no medium.com/p/<id> link, no -<id>.html name)");
  // Every story's body opens with a title paragraph (graf--title), empty in an untitled draft; a
  // response has none, and no subtitle section either.
  file.response = !file.draft && body.Select(".graf--title").empty() && !subtitle;
  // Medium makes up a subtitle from the first paragraph, cut with "…", when the author gave none.
  if (file.subtitle && file.subtitle->ends_with("…")) file.subtitle.reset();
  if (!file.response) DropLeadingRepeats(body, file.title, subtitle ? Collapse(subtitle.Text()) : "");
  // The divider before the first section is not content; later ones are the author's section breaks.
  if (const HtmlNode first_divider = body.SelectFirst("hr.section-divider")) Remove(first_divider);
  file.markdown = std::string(text::Trim(RenderNode(body.get(), RenderFormat::kMarkdown, ExtractOptions{}, file.canonical_url)));
  return file;
}

std::unique_ptr<ExportReader> MakeMediumExportReader() { return std::make_unique<MediumExportReader>(); }

}  // namespace llmtwin
