#include "extract/extractor.h"

#include "extract/content_finder.h"
#include "extract/markdown.h"
#include "extract/metadata.h"

namespace llmtwin {

ExtractedPage ExtractPage(const HtmlDocument& document, const ExtractOptions& options) {
  ExtractedPage page;
  page.metadata = ExtractMetadata(document);
  const HtmlNode body = document.Body();
  const MainContent content = FindMainContent(body.get(), page.metadata.title);
  page.markdown = RenderContent(content, RenderFormat::kMarkdown, options, document.url());
  page.text = RenderContent(content, RenderFormat::kText, options, document.url());
  return page;
}

ExtractedPage ExtractPage(std::string_view html, std::string_view url, const ExtractOptions& options) {
  const HtmlDocument document = HtmlDocument::Parse(html, url);
  return ExtractPage(document, options);
}

std::string HtmlFragmentToMarkdown(std::string_view html, std::string_view base_url, const ExtractOptions& options) {
  const HtmlDocument document = HtmlDocument::ParseUtf8(html, base_url);
  return RenderNode(document.Body().get(), RenderFormat::kMarkdown, options, base_url);
}

std::string HtmlFragmentToText(std::string_view html) {
  const HtmlDocument document = HtmlDocument::ParseUtf8(html);
  return RenderNode(document.Body().get(), RenderFormat::kText, ExtractOptions{}, {});
}

}  // namespace llmtwin
