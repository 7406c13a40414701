// Markdown and plain-text rendering of each HTML construct (HtmlFragmentToMarkdown / ToText).
#include <gtest/gtest.h>

#include "extract/extractor.h"

namespace llmtwin {
namespace {

std::string Md(std::string_view html, ExtractOptions options = {}) {
  return HtmlFragmentToMarkdown(html, "https://example.com/blog/post", options);
}

TEST(Markdown, HeadingsBecomeAtxHeadingsWithoutInnerEmphasis) {
  EXPECT_EQ(Md("<h2>Getting <b>started</b></h2><h3>Install</h3>"), "## Getting started\n\n### Install\n");
}

TEST(Markdown, ParagraphsAreOneLineEachWithoutHardWrapping) {
  EXPECT_EQ(Md("<p>A long\n   paragraph that was\nwrapped in the source.</p><p>Second.</p>"),
            "A long paragraph that was wrapped in the source.\n\nSecond.\n");
}

TEST(Markdown, EmphasisHugsTheWords) {
  EXPECT_EQ(Md("<p>This is<em> very </em>important and <strong>bold</strong>.</p>"),
            "This is *very* important and **bold**.\n");
  EXPECT_EQ(Md("<p><b><strong>Twice</strong></b> bold</p>"), "**Twice** bold\n");
}

TEST(Markdown, NestedListsAreIndentedUnderTheirItem) {
  EXPECT_EQ(Md("<ul><li>One<ul><li>One.a</li><li>One.b</li></ul></li><li>Two</li></ul>"),
            "- One\n  - One.a\n  - One.b\n- Two\n");
}

TEST(Markdown, OrderedListsKeepTheirStartNumber) {
  EXPECT_EQ(Md("<ol start=\"3\"><li>Three</li><li>Four</li></ol>"), "3. Three\n4. Four\n");
}

TEST(Markdown, CodeBlocksAreFencedWithTheirLanguage) {
  EXPECT_EQ(Md("<pre><code class=\"language-python\">def f():\n    return 1\n</code></pre>"),
            "```python\ndef f():\n    return 1\n```\n");
  EXPECT_EQ(Md("<pre class=\"lang-cpp\">int x;</pre>"), "```cpp\nint x;\n```\n");
  EXPECT_EQ(Md("<div class=\"highlight highlight-source-rust\"><pre>fn main() {}</pre></div>"),
            "```rust\nfn main() {}\n```\n");
  EXPECT_EQ(Md("<pre>a<br>b</pre>"), "```\na\nb\n```\n");
}

TEST(Markdown, CodeBlockFenceOutgrowsBackticksInTheCode) {
  EXPECT_EQ(Md("<pre>```\nnested\n```</pre>"), "````\n```\nnested\n```\n````\n");
}

TEST(Markdown, InlineCodeUsesBackticks) {
  EXPECT_EQ(Md("<p>Call <code>f(x)</code> now</p>"), "Call `f(x)` now\n");
}

TEST(Markdown, DataTablesBecomeGfmTables) {
  EXPECT_EQ(Md("<table><thead><tr><th>Name</th><th>Score</th></tr></thead>"
               "<tbody><tr><td>a|b</td><td>1</td></tr><tr><td>c</td><td>2</td></tr></tbody></table>"),
            "| Name | Score |\n| --- | --- |\n| a\\|b | 1 |\n| c | 2 |\n");
}

TEST(Markdown, TablesWithoutHeaderGetAnEmptyHeaderRow) {
  EXPECT_EQ(Md("<table><tr><td>x</td><td>y</td></tr></table>"), "|  |  |\n| --- | --- |\n| x | y |\n");
}

TEST(Markdown, LayoutTablesRenderTheirBlocks) {
  EXPECT_EQ(Md("<table><tr><td><p>First paragraph.</p><p>Second paragraph.</p></td></tr></table>"),
            "First paragraph.\n\nSecond paragraph.\n");
}

TEST(Markdown, BlockquotesArePrefixed) {
  EXPECT_EQ(Md("<p>Before</p><blockquote><p>Quoted one.</p><p>Quoted two.</p></blockquote><p>After</p>"),
            "Before\n\n> Quoted one.\n>\n> Quoted two.\n\nAfter\n");
}

TEST(Markdown, FigureCaptionsAreKept) {
  EXPECT_EQ(Md("<figure><img src=\"a.png\"><figcaption>The architecture.</figcaption></figure>"),
            "The architecture.\n");
}

TEST(Markdown, LinksAndImagesOnlyWhenAskedAndAbsolute) {
  const std::string html = "<p>See <a href=\"/docs\">the docs</a>.</p><p><img src=\"img/a.png\" alt=\"A\"></p>";
  EXPECT_EQ(Md(html), "See the docs.\n");
  ExtractOptions options;
  options.links = true;
  options.images = true;
  EXPECT_EQ(Md(html, options), "See [the docs](https://example.com/docs).\n\n![A](https://example.com/blog/img/a.png)\n");
}

TEST(Markdown, TrackingPixelsAndScriptsAreDropped) {
  ExtractOptions options;
  options.images = true;
  EXPECT_EQ(Md("<p>Text</p><img src=\"https://medium.com/_/stat?event=post\" width=\"1\" height=\"1\">"
               "<script>var x = 1;</script><style>p{}</style>",
               options),
            "Text\n");
}

TEST(Markdown, ParagraphsThatLookLikeMarkdownSyntaxAreEscaped) {
  EXPECT_EQ(Md("<p># not a heading</p><p>1. not a list</p>"), "\\# not a heading\n\n1\\. not a list\n");
}

TEST(Markdown, LineBreaksStayInsideTheParagraph) {
  EXPECT_EQ(Md("<p>Roses are red<br>Violets are blue</p>"), "Roses are red\nViolets are blue\n");
}

TEST(PlainText, HasNoMarkupButKeepsBlocksApart) {
  EXPECT_EQ(HtmlFragmentToText("<h2>Title</h2><p>Some <em>text</em>.</p><ul><li>a</li><li>b</li></ul>"
                               "<pre class=\"language-go\">x := 1</pre>"),
            "Title\n\nSome text.\n\n- a\n- b\n\nx := 1\n");
}

TEST(PlainText, TableCellsAreSeparatedByBars) {
  EXPECT_EQ(HtmlFragmentToText("<table><tr><th>k</th><th>v</th></tr><tr><td>a</td><td>1</td></tr></table>"),
            "k | v\na | 1\n");
}

TEST(Markdown, HeadingPermalinksAreNoText) {
  ExtractOptions with_links;
  with_links.links = true;
  EXPECT_EQ(Md("<h2>Install<a class='headerlink' href='#install' title='Permalink to this headline'>\xC2\xB6</a></h2>"
               "<p>See <a href='#usage'>usage</a> and <a href='#c'>#</a> C#.</p>",
               with_links),
            "## Install\n\nSee usage and C#.\n");
}

}  // namespace
}  // namespace llmtwin
