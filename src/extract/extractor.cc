#include "extract/extractor.h"

#include "common/stage_cpu.h"

#include "extract/content_finder.h"
#include "extract/markdown.h"
#include "extract/metadata.h"
#include "extract/text_util.h"

namespace llmtwin {

namespace {

// Pages whose text was stored as UTF-8, read back as Latin-1/Windows-1252 and saved as UTF-8 again
// show "isnâ€™t" and "budget.Â " to every reader. Two or more of the telltale sequences ("â€",
// "Ã" before a Latin-1 byte, "Â" before a space: its no-break space is a space or a line end by
// now) are taken as such a page, and its text is repaired; one could be a page about mojibake.
std::string RepairIfDoubleEncoded(std::string text) {
  constexpr std::string_view kA = "\xC3\x82";  // "Â"
  // "Â" before a space, a line break or the end: a double-encoded no-break space.
  const auto stray_a_at = [&](size_t at) {
    return at + kA.size() >= text.size() || text[at + kA.size()] == ' ' || text[at + kA.size()] == '\n';
  };
  int telltales = 0;
  for (std::string_view telltale : {std::string_view("\xC3\xA2\xE2\x82\xAC"), std::string_view("\xC3\x83\xC2"), kA}) {
    for (size_t at = text.find(telltale); at != std::string::npos && telltales < 2; at = text.find(telltale, at + 1)) {
      if (telltale != kA || stray_a_at(at)) ++telltales;
    }
  }
  if (telltales < 2) return text;
  text = text::RepairDoubleEncodedUtf8(text);
  for (size_t at = text.find(kA); at != std::string::npos; at = text.find(kA, at)) {
    if (stray_a_at(at)) {
      text.erase(at, kA.size());  // what follows now starts at `at`
    } else {
      at += kA.size();
    }
  }
  return text;
}

}  // namespace

ExtractedPage ExtractPage(const HtmlDocument& document, const ExtractOptions& options) {
  const StageScope stage(Stage::kExtraction);
  ExtractedPage page;
  page.metadata = ExtractMetadata(document);
  if (!options.content) return page;
  const HtmlNode body = document.Body();
  const MainContent content = FindMainContent(body.get(), page.metadata.title);
  const StageScope rendering(Stage::kMarkdown);
  page.markdown = RepairIfDoubleEncoded(RenderContent(content, RenderFormat::kMarkdown, options, document.url()));
  if (options.text) page.text = RepairIfDoubleEncoded(RenderContent(content, RenderFormat::kText, options, document.url()));
  return page;
}

ExtractedPage ExtractPage(std::string_view html, std::string_view url, const ExtractOptions& options) {
  const HtmlDocument document = HtmlDocument::Parse(html, url);
  return ExtractPage(document, options);
}

std::string HtmlFragmentToMarkdown(std::string_view html, std::string_view base_url, const ExtractOptions& options) {
  const StageScope stage(Stage::kMarkdown);
  const HtmlDocument document = HtmlDocument::ParseUtf8(html, base_url);
  return RenderNode(document.Body().get(), RenderFormat::kMarkdown, options, base_url);
}

std::string HtmlFragmentToMarkdown(const HtmlNode& container, std::string_view base_url, const ExtractOptions& options) {
  const StageScope stage(Stage::kMarkdown);
  return RenderNode(container.get(), RenderFormat::kMarkdown, options, base_url);
}

std::string HtmlFragmentToText(std::string_view html) {
  const StageScope stage(Stage::kMarkdown);
  const HtmlDocument document = HtmlDocument::ParseUtf8(html);
  return RenderNode(document.Body().get(), RenderFormat::kText, ExtractOptions{}, {});
}

}  // namespace llmtwin
