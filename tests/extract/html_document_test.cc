// HtmlDocument: parsing any bytes, charsets, and the selector/script helpers crawlers use.
#include <gtest/gtest.h>

#include <regex>

#include "common/error.h"
#include "extract/html_document.h"

namespace llmtwin {
namespace {

TEST(HtmlDocument, CssSelectorsFindMediumEraMarkup) {
  const HtmlDocument doc = HtmlDocument::Parse(
      "<h1 class='pw-post-title x'>Title</h1><p data-selectable-paragraph=''>One</p>"
      "<p class='graf graf--p'>Two</p><div id='main'><span>Three</span></div>");
  EXPECT_EQ(doc.SelectText("h1.pw-post-title"), "Title");
  EXPECT_EQ(doc.Select("[data-selectable-paragraph]").size(), 1u);
  EXPECT_EQ(doc.SelectText("p.graf--p"), "Two");
  EXPECT_EQ(doc.SelectText("#main > span"), "Three");
  EXPECT_EQ(doc.SelectText("div span"), "Three");
  EXPECT_EQ(doc.Select("h1, p").size(), 3u);
  EXPECT_EQ(doc.Select("[class^='graf']").size(), 1u);
  EXPECT_EQ(doc.Select("[class*='post-title']").size(), 1u);
  EXPECT_EQ(doc.Select("[class$='--p']").size(), 1u);
  EXPECT_TRUE(doc.SelectFirst("h1").HasClass("pw-post-title"));
  EXPECT_FALSE(doc.SelectFirst("h1").HasClass("pw-post"));
}

TEST(HtmlDocument, UnsupportedSelectorsAreErrorsNamingTheSelector) {
  const HtmlDocument doc = HtmlDocument::Parse("<p>x</p>");
  try {
    doc.Select("p:nth-child(2)");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidInput);
    EXPECT_NE(std::string(e.what()).find("p:nth-child(2)"), std::string::npos);
  }
}

TEST(HtmlDocument, NodeTextAttributesAndInnerHtml) {
  const HtmlDocument doc = HtmlDocument::Parse("<div id=a data-x='1'>  Hello <b>big</b>\n world <script>x()</script></div>");
  const HtmlNode div = doc.SelectFirst("#a");
  EXPECT_EQ(div.Text(), "Hello big world");
  EXPECT_EQ(div.Attr("data-x"), "1");
  EXPECT_EQ(div.Attr("missing"), "");
  EXPECT_NE(div.InnerHtml().find("<b>big</b>"), std::string::npos);
  EXPECT_EQ(div.OuterHtml().rfind("<div", 0), 0u);
  EXPECT_EQ(div.Children().size(), 2u);
  EXPECT_EQ(div.Children()[0].Parent(), div);
}

TEST(HtmlDocument, ScriptHelpersReadEmbeddedState) {
  const HtmlDocument doc = HtmlDocument::Parse(
      "<script id='__NEXT_DATA__' type='application/json'>{\"a\":1}</script>"
      "<script>window.__APOLLO_STATE__ = {\"Post:1\":{\"title\":\"x } y\"}};</script>"
      "<script>window._preloads = JSON.parse(\"{\\\"post\\\":{\\\"id\\\":7}}\")</script>");
  EXPECT_EQ(doc.ScriptById("__NEXT_DATA__"), "{\"a\":1}");
  EXPECT_EQ(doc.ScriptAssignedJson("window.__APOLLO_STATE__"), "{\"Post:1\":{\"title\":\"x } y\"}}");
  EXPECT_EQ(doc.ScriptAssignedJson("window._preloads"), "{\"post\":{\"id\":7}}");
  EXPECT_EQ(doc.ScriptAssignedJson("window.__MISSING__"), "");
  const auto match = doc.ScriptMatching(std::regex(R"re("id\\":(\d+))re"), 1);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(*match, "7");
}

TEST(HtmlDocument, MetaContentIsCaseInsensitiveAndReadsValueAttributes) {
  const HtmlDocument doc =
      HtmlDocument::Parse("<meta property='OG:Title' content='A'><meta name='author' value='Jakob Ulbrich'>");
  EXPECT_EQ(doc.MetaContent("og:title"), "A");
  EXPECT_EQ(doc.MetaContent("author"), "Jakob Ulbrich");
}

TEST(HtmlDocument, DeclaredLegacyCharsetIsDecoded) {
  // "café" in windows-1252 is 63 61 66 E9.
  const HtmlDocument doc = HtmlDocument::Parse("<meta charset='iso-8859-1'><p>caf\xE9</p>");
  EXPECT_EQ(doc.SelectText("p"), "caf\xC3\xA9");
}

TEST(HtmlDocument, StaleLegacyCharsetOnUtf8BytesIsReadAsUtf8) {
  // A page saved as UTF-8 that still declares gb2312 (Mozilla's "qq" test page does).
  const HtmlDocument doc = HtmlDocument::Parse(
      "<meta http-equiv='Content-Type' content='text/html; charset=gb2312'><h1>DeepMind\xE6\x96\xB0\xE7\x94\xB5\xE8\x84\x91</h1>");
  EXPECT_EQ(doc.SelectText("h1"), "DeepMind\xE6\x96\xB0\xE7\x94\xB5\xE8\x84\x91");
  // Real GB2312 bytes (not valid UTF-8) are still decoded as declared: "\xD6\xD0" is U+4E2D.
  const HtmlDocument gb = HtmlDocument::Parse("<meta charset='gb2312'><h1>\xD6\xD0</h1>");
  EXPECT_EQ(gb.SelectText("h1"), "\xE4\xB8\xAD");
}

TEST(HtmlDocument, Html5NamedReferencesAreDecodedLikeHtml4Ones) {
  // libxml2 knows HTML 4's names only; Hugo prints "&mldr;". Two code points for one name
  // (&NotEqualTilde; is U+2242 U+0338); an escaped "&amp;mldr;" stays text, an unknown name stays.
  const HtmlDocument doc = HtmlDocument::Parse(
      "<meta charset='utf-8'><title>A&mldr;B</title><p id='a' title='&check; done'>Yeah&mldr; &hellip; &rarr; &rightarrow; "
      "&NotEqualTilde; &amp;mldr; &notanentity; AT&T;</p>");
  EXPECT_EQ(doc.SelectText("title"), "A\u2026B");
  EXPECT_EQ(doc.SelectText("p"), "Yeah\u2026 \u2026 \u2192 \u2192 \u2242\u0338 &mldr; &notanentity; AT&T;");
  EXPECT_EQ(doc.SelectFirst("#a").Attr("title"), "\u2713 done");
  // The same without a declared charset (read as UTF-8) and in a legacy one.
  EXPECT_EQ(HtmlDocument::Parse("<p>x&mldr;</p>").SelectText("p"), "x\u2026");
  EXPECT_EQ(HtmlDocument::Parse("<meta charset='iso-8859-1'><p>caf\xE9&mldr;</p>").SelectText("p"), "caf\u00E9\u2026");
}

TEST(HtmlDocument, InvalidUtf8IsRepairedNotMisdecoded) {
  const HtmlDocument doc = HtmlDocument::Parse("<p>ok \xC3\xA9 bad \xFF\xFE end</p>");
  EXPECT_EQ(doc.SelectText("p"), "ok \xC3\xA9 bad \xEF\xBF\xBD\xEF\xBF\xBD end");
}

TEST(RepairUtf8, ReplacesEachInvalidSequenceAndKeepsValidText) {
  EXPECT_EQ(RepairUtf8("abc"), "abc");
  EXPECT_EQ(RepairUtf8("\xE2\x82\xAC"), "\xE2\x82\xAC");
  EXPECT_EQ(RepairUtf8("a\xE2\x82"), "a\xEF\xBF\xBD");                  // truncated sequence
  EXPECT_EQ(RepairUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(RepairUtf8(std::string("a\0b", 3)), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(RepairUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");       // overlong
}

TEST(CssToXPath, CompilesTheSupportedSubset) {
  EXPECT_EQ(CssToXPath("h1"), ".//h1");
  EXPECT_EQ(CssToXPath("#x"), ".//*[@id='x']");
  EXPECT_EQ(CssToXPath("a > b"), ".//a/b");
  EXPECT_EQ(CssToXPath("a,b"), ".//a | .//b");
  EXPECT_THROW(CssToXPath(""), Error);
  EXPECT_THROW(CssToXPath("a["), Error);
}

TEST(HtmlDocument, SpacesInsideQuotedValuesAreNoAttributes) {
  // An SVG icon sprite: one path's "d" holds 3,000 spaces. The attribute cap must not cut inside
  // the quotes (an open quote swallowed the rest of a real page).
  std::string path_data;
  for (int i = 0; i < 3000; ++i) path_data += "1,2 ";
  const HtmlDocument document = HtmlDocument::Parse(
      "<html><body><svg style='display:none'><symbol id='i'><path d=\"" + path_data + "\"/></symbol></svg>"
      "<main><p class='lead'>The article text.</p></main></body></html>",
      "");
  const std::vector<HtmlNode> lead = document.Select("p.lead");
  ASSERT_EQ(lead.size(), 1u);
  EXPECT_EQ(lead.front().Text(), "The article text.");
  EXPECT_EQ(document.Select("path").front().Attr("d").size(), path_data.size());
}

TEST(HtmlDocument, ContentAfterTheEndOfTheDocumentIsInTheBody) {
  // A caching plugin printed the article after "</body></html>"; browsers show it in the body.
  const HtmlDocument document = HtmlDocument::Parse(
      "<html><head><title>T</title></head><body><header>Site</header></body></html>\n"
      "<div class='post'><p>The article text.</p></div></body></html><!-- cached -->",
      "");
  EXPECT_EQ(document.Select("body .post p").size(), 1u);
  EXPECT_EQ(document.Select("html").size(), 1u);
  EXPECT_NE(document.Body().Text().find("The article text."), std::string::npos);
  // With the line breaks a real page has around the end tags.
  const HtmlDocument sibling = HtmlDocument::Parse(
      "<html>\n<head><title>T</title></head>\n<body class='x'>\n<header>Site</header>\n</body>\n</html>\n"
      " <div class='post'><p>The article text.</p></div></body></html>",
      "");
  EXPECT_EQ(sibling.Select("body .post p").size(), 1u);
}

TEST(HtmlDocument, TextSeparatesBlocksAndLineBreaks) {
  const HtmlDocument doc = HtmlDocument::ParseUtf8(
      "<h1 id=t>The Best Notion Alternatives<div>Top Note-taking Tools</div></h1>"
      "<p id=b>Matt Check<br>Head Winemaker</p><p id=i>in<b>line</b> text</p>");
  EXPECT_EQ(doc.XPath("//*[@id='t']").front().Text(), "The Best Notion Alternatives Top Note-taking Tools");
  EXPECT_EQ(doc.XPath("//*[@id='b']").front().Text(), "Matt Check Head Winemaker");
  EXPECT_EQ(doc.XPath("//*[@id='i']").front().Text(), "inline text");  // inline elements join words
}

}  // namespace
}  // namespace llmtwin
