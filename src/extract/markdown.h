// Renders HTML subtrees as Markdown (GFM) or as plain text.
//
// Markdown: ATX headings, *emphasis* and **strong**, `code`, nested lists (ordered lists keep their
// start number), fenced code blocks with the language taken from class="language-x" / "lang-x" /
// "highlight-x" / "highlight-source-x" / "brush: x" / data-lang, GFM tables for data tables
// (layout tables are rendered as the blocks they hold), blockquotes, figure captions, horizontal
// rules; links and images only when asked. No hard wrapping: a paragraph is one line.
// Plain text: the same blocks without markup; list items keep a "- " / "1. " marker, table cells
// are separated by " | ", paragraphs by a blank line.
//
// Recursion follows the tree but stops at depth 200: deeper subtrees (hostile pages nest 100,000
// tags) are flattened to their text iteratively, so rendering never overflows the stack.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>

#include "extract/content_finder.h"
#include "extract/extractor.h"

namespace llmtwin {

enum class RenderFormat { kMarkdown, kText };

// Renders every root of `content` (skipping its skipped nodes) in document order.
std::string RenderContent(const MainContent& content, RenderFormat format, const ExtractOptions& options,
                          std::string_view base_url);

// Renders the children of `node` with nothing skipped but non-content tags (script, style, ...).
std::string RenderNode(xmlNodePtr node, RenderFormat format, const ExtractOptions& options, std::string_view base_url);

}  // namespace llmtwin
