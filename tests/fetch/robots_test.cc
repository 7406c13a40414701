#include "fetch/robots.h"

#include <gtest/gtest.h>

namespace llmtwin {
namespace {

TEST(RobotsRules, LongestMatchWinsAndAllowWinsATie) {
  const auto rules = RobotsRules::Parse(
      "User-agent: *\n"
      "Disallow: /private\n"
      "Allow: /private/open\n"
      "Allow: /tie\n"
      "Disallow: /tie\n",
      "llmtwin");
  EXPECT_TRUE(rules.Allowed("/"));
  EXPECT_TRUE(rules.Allowed("/public/page"));
  EXPECT_FALSE(rules.Allowed("/private"));
  EXPECT_FALSE(rules.Allowed("/private/secret"));
  EXPECT_FALSE(rules.Allowed("/privateer"));  // rules are prefixes
  EXPECT_TRUE(rules.Allowed("/private/open/doc"));
  EXPECT_TRUE(rules.Allowed("/tie"));
}

TEST(RobotsRules, OurGroupReplacesTheStarGroup) {
  const auto rules = RobotsRules::Parse(
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: OtherBot\nAllow: /\n\n"
      "User-agent: LLMTwin/2.0\nDisallow: /no\n",
      "llmtwin");
  EXPECT_TRUE(rules.Allowed("/yes"));
  EXPECT_FALSE(rules.Allowed("/no/x"));
}

TEST(RobotsRules, FallsBackToStarGroupWhenNoneNamesUs) {
  const auto rules = RobotsRules::Parse("User-agent: googlebot\nDisallow: /\n\nUser-agent: *\nDisallow: /tmp\n", "llmtwin");
  EXPECT_TRUE(rules.Allowed("/"));
  EXPECT_FALSE(rules.Allowed("/tmp/x"));
}

TEST(RobotsRules, GroupsWithSeveralUserAgentsAndRepeatedGroupsMerge) {
  const auto rules = RobotsRules::Parse(
      "User-agent: a\nUser-agent: llmtwin\nDisallow: /one\n\n"
      "User-agent: llmtwin\nDisallow: /two\n",
      "llmtwin");
  EXPECT_FALSE(rules.Allowed("/one"));
  EXPECT_FALSE(rules.Allowed("/two"));
  EXPECT_TRUE(rules.Allowed("/three"));
}

TEST(RobotsRules, WildcardAndEndAnchor) {
  const auto rules = RobotsRules::Parse("User-agent: *\nDisallow: /*.pdf$\nDisallow: /a*/b\n", "llmtwin");
  EXPECT_FALSE(rules.Allowed("/docs/file.pdf"));
  EXPECT_TRUE(rules.Allowed("/docs/file.pdf?download=1"));
  EXPECT_TRUE(rules.Allowed("/docs/file.pdfx"));
  EXPECT_FALSE(rules.Allowed("/axxx/b"));
  EXPECT_FALSE(rules.Allowed("/a/b/c"));
  EXPECT_TRUE(rules.Allowed("/b/a"));
}

TEST(RobotsRules, EmptyDisallowIsNoRuleAndRobotsTxtIsAlwaysAllowed) {
  EXPECT_TRUE(RobotsRules::Parse("User-agent: *\nDisallow:\n", "llmtwin").Allowed("/anything"));
  EXPECT_TRUE(RobotsRules::Parse("User-agent: *\nDisallow: /\n", "llmtwin").Allowed("/robots.txt"));
  EXPECT_FALSE(RobotsRules::Parse("User-agent: *\nDisallow: /\n", "llmtwin").Allowed("/"));
}

TEST(RobotsRules, IgnoresCommentsUnknownKeysRulesOutsideGroupsAndOddLineEndings) {
  const auto rules = RobotsRules::Parse(
      "\xEF\xBB\xBF# comment\r\nDisallow: /before-any-group\r\n"
      "user-agent: * # everyone\r"
      "foo: bar\r\n"
      "DISALLOW: /x # trailing comment\n"
      "Sitemap: https://example.com/sitemap.xml\n"
      "Disalow: /typo\n",
      "llmtwin");
  EXPECT_TRUE(rules.Allowed("/before-any-group"));
  EXPECT_FALSE(rules.Allowed("/x/y"));
  EXPECT_FALSE(rules.Allowed("/typo"));
  ASSERT_EQ(rules.sitemaps().size(), 1u);
  EXPECT_EQ(rules.sitemaps()[0], "https://example.com/sitemap.xml");
}

TEST(RobotsRules, PercentEncodingAndUtf8PatternsCompareEqual) {
  const auto rules = RobotsRules::Parse("User-agent: *\nDisallow: /caf\xC3\xA9\nDisallow: /a%2fb\n", "llmtwin");
  EXPECT_FALSE(rules.Allowed("/caf%C3%A9/menu"));
  EXPECT_FALSE(rules.Allowed("/caf%c3%a9"));
  EXPECT_FALSE(rules.Allowed("/a%2Fb"));
  EXPECT_TRUE(rules.Allowed("/a/b"));
}

TEST(RobotsRules, CrawlDelayOfTheChosenGroup) {
  EXPECT_EQ(RobotsRules::Parse("User-agent: *\nCrawl-delay: 2.5\n", "llmtwin").crawl_delay(), 2.5);
  EXPECT_FALSE(RobotsRules::Parse("User-agent: other\nCrawl-delay: 9\n", "llmtwin").crawl_delay());
  EXPECT_FALSE(RobotsRules::Parse("User-agent: *\nCrawl-delay: soon\n", "llmtwin").crawl_delay());
}

TEST(RobotsRules, AllowAllAndDisallowAll) {
  EXPECT_TRUE(RobotsRules::AllowAll().Allowed("/x"));
  EXPECT_FALSE(RobotsRules::DisallowAll().Allowed("/x"));
  EXPECT_TRUE(RobotsRules::DisallowAll().Allowed("/robots.txt"));
}

TEST(RobotsProductToken, IsTheNameBeforeTheVersion) {
  EXPECT_EQ(RobotsProductToken("llmtwin/0.1 (+https://example.com)"), "llmtwin");
  EXPECT_EQ(RobotsProductToken("  Googlebot-News "), "googlebot-news");
  EXPECT_EQ(RobotsProductToken("*"), "*");
}

TEST(RobotsPatternMatches, BacktracksOverSeveralWildcardsWithoutBlowingUp) {
  EXPECT_TRUE(RobotsPatternMatches("/*a*b*c$", "/xxaxxbxxc"));
  EXPECT_FALSE(RobotsPatternMatches("/*a*b*c$", "/xxaxxbxxcd"));
  const std::string long_path = "/" + std::string(20000, 'a');
  EXPECT_FALSE(RobotsPatternMatches("/*a*a*a*a*a*b", long_path));
}

}  // namespace
}  // namespace llmtwin
