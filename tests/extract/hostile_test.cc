// Hostile input: no crash, no hang, bounded memory. Each case is sized to prove the property
// (deep trees beyond any recursion budget, pages far larger than real ones) while staying fast.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <random>

#include "extract/extractor.h"

namespace llmtwin {
namespace {

std::string Repeat(std::string_view s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out.append(s);
  return out;
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

TEST(Hostile, HundredThousandNestedDivsDoNotOverflowTheStack) {
  const std::string html = "<html><body>" + Repeat("<div>", 100000) +
                           "<p>Deep text, with commas, long enough to count as a paragraph.</p>" +
                           Repeat("</div>", 100000) + "<p>After the deep part.</p>";
  const ExtractedPage page = ExtractPage(html, "https://x.example/");
  // Without XML_PARSE_HUGE libxml2 stops at depth 256 and the page comes out empty.
  EXPECT_NE(page.text.find("Deep text, with commas"), std::string::npos);
  EXPECT_EQ(HtmlDocument::Parse(html).SelectFirst("#missing"), HtmlNode());
}

TEST(Hostile, HundredThousandNestedInlineAndListTags) {
  for (const char* open : {"<b>", "<ul><li>", "<blockquote>", "<table><tr><td>", "<a href=x>", "<span>"}) {
    SCOPED_TRACE(open);
    const std::string html = Repeat(open, 100000) + "Some words, with commas, to score.";
    const ExtractedPage page = ExtractPage(html, "");
    EXPECT_LT(page.markdown.size(), html.size() * 2);
    EXPECT_LT(HtmlFragmentToMarkdown(html, "").size(), html.size() * 2);
  }
}

TEST(Hostile, JsonLdNestedAHundredThousandDeepDoesNotOverflowTheStack) {
  const std::string deep = Repeat("[", 100000) + Repeat("]", 100000);
  const std::string object = "{\"@type\":\"Article\",\"headline\":\"Deep\",\"x\":" + deep + "}";
  for (const std::string& head : {"<script type='application/ld+json'>" + deep + "</script>",
                                  "<script type='application/ld+json'>" + object + "</script>",
                                  "<script type='application/ld+json'>{\"@graph\":[" + object + "],\"y\":" + deep +
                                      ",\"@type\":\"WebPage\"}</script>",
                                  "<meta name='script:ld+json' content='" + deep + "'>"}) {
    const ExtractedPage page = ExtractPage("<html><head>" + head + "</head><body><p>Text.</p></body></html>", "");
    EXPECT_NE(page.text.find("Text."), std::string::npos);
  }
}

TEST(Hostile, FiftyMegabytePageIsExtractedInBoundedTimeAndMemory) {
  const std::string paragraph = "<p>" + Repeat("All work and no play makes Jack a dull boy, again. ", 20) + "</p>\n";
  const std::string html = "<html><head><title>Big</title></head><body><article>" +
                           Repeat(paragraph, 50 * 1024 * 1024 / paragraph.size()) + "</article></body></html>";
  const double rss_before = PeakRssMb();
  const auto start = std::chrono::steady_clock::now();
  const ExtractedPage page = ExtractPage(html, "");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GT(page.text.size(), html.size() / 2);
  EXPECT_LT(seconds, 30.0);
  // Document, text and Markdown together stay within a small multiple of the input.
  EXPECT_LT(PeakRssMb() - rss_before, 20.0 * static_cast<double>(html.size()) / (1024 * 1024));
}

TEST(Hostile, ManyBylineLabelsOnABigPageStayLinear) {
  // 150 "By" labels straight in <body> (each one's block is the whole page) and 40 MB of text:
  // reading the block's text per label is 6 GB of work (13 s here; 0.9 s bounded as it is).
  std::string html = "<html><body><h1>Title of the page</h1>";
  for (int i = 0; i < 200; ++i) html += "By <b>someone</b> ";
  const std::string paragraph = "<p>" + std::string(2000, 'x') + " words, and more words.</p>";
  while (html.size() < 40u * 1024 * 1024) html += paragraph;
  html += "</body></html>";
  const auto start = std::chrono::steady_clock::now();
  const ExtractedPage page = ExtractPage(html, "https://x.example/");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(page.metadata.title, "Title of the page");
  EXPECT_LT(seconds, 10.0);  // a guard against the quadratic walk, not a benchmark
}

TEST(Hostile, InvalidUtf8GivesValidUtf8) {
  std::string html = "<title>T\xFF\xFE</title><p>caf\xE9 \xC3\x28 \xF0\x28\x8C\xBC \xED\xA0\x80 ok, fine, text.</p>";
  const ExtractedPage page = ExtractPage(html, "");
  EXPECT_EQ(RepairUtf8(page.text), page.text);
  EXPECT_EQ(RepairUtf8(page.markdown), page.markdown);
  EXPECT_EQ(RepairUtf8(page.metadata.title), page.metadata.title);
  EXPECT_NO_THROW(page.metadata.ToJson().dump());
}

TEST(Hostile, BinaryJunkDoesNotCrash) {
  std::mt19937 random(42);
  std::string junk(1 << 20, '\0');
  for (char& c : junk) c = static_cast<char>(random() & 0xFF);
  const ExtractedPage page = ExtractPage(junk, "https://x.example/");
  EXPECT_EQ(RepairUtf8(page.text), page.text);
  // Junk with tag characters sprinkled in.
  for (size_t i = 0; i < junk.size(); i += 7) junk[i] = "<>/=\"'&"[random() % 7];
  EXPECT_NO_THROW(ExtractPage(junk, ""));
  EXPECT_NO_THROW(ExtractPage("", ""));
  EXPECT_NO_THROW(ExtractPage(std::string(1000, '\0'), ""));
}

TEST(Hostile, AbsurdAttributes) {
  const std::string long_value(8 << 20, 'a');
  std::string many = "<div";
  for (int i = 0; i < 50000; ++i) many += " a" + std::to_string(i) + "=x";
  many += ">text, words, commas</div>";
  const std::string html = "<html lang='" + std::string(100000, 'x') + "'><body><div class='" + long_value + "' id='" +
                           long_value + "'><p style='" + long_value + "'>Hello, world, here.</p></div>" + many +
                           "<a href='" + long_value + "'>link</a><meta name='author' content='" + long_value + "'>" +
                           "</body></html>";
  ExtractOptions options;
  options.links = true;
  const ExtractedPage page = ExtractPage(html, "https://x.example/", options);
  EXPECT_NE(page.text.find("Hello, world"), std::string::npos);
  EXPECT_TRUE(page.metadata.author.empty());  // an 8 MB "name" is not a name
}

TEST(Hostile, UnterminatedConstructs) {
  for (const char* html : {"<p>open <!-- comment never closed", "<script>var x = '", "<![CDATA[ x", "<div class=\"",
                           "<table><tr><td>cell", "<pre><code>code", "&#xFFFFFFFF; &#0; &bogus; &#x110000;"}) {
    SCOPED_TRACE(html);
    EXPECT_NO_THROW(ExtractPage(html, ""));
    EXPECT_NO_THROW(HtmlFragmentToMarkdown(html, ""));
  }
}

}  // namespace
}  // namespace llmtwin
