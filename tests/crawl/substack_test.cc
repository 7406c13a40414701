#include "crawl/substack_crawler.h"

#include "crawl_env.h"

namespace llmtwin {
namespace {

using testing::Contains;
using testing::Describe;

class SubstackTest : public testing::CrawlTest {};

TEST_F(SubstackTest, FreePostComesFromTheJsonApiWithoutWidgets) {
  const std::string link = "https://decodingml.substack.com/p/the-llm-twin-data-pipeline?r=1ttoeh";
  const CrawlOutcome outcome = CrawlerDispatcher::Default().Crawl(link, Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  EXPECT_EQ(outcome.crawler, "substack");
  const ArticleDocument& doc = outcome.articles.at(0);
  EXPECT_EQ(doc.link, link);
  EXPECT_EQ(doc.platform, "substack");
  EXPECT_EQ(doc.content.title, "The LLM Twin data pipeline");
  EXPECT_EQ(doc.content.subtitle.value_or(""), "Crawl, clean and load your digital footprint");
  EXPECT_EQ(doc.meta.published_at.substr(0, 19), "2024-03-28T13:01:12");
  EXPECT_FALSE(doc.meta.paywalled);
  EXPECT_EQ(doc.extra.value("extracted_from", ""), "api");
  EXPECT_EQ(doc.extra.value("wordcount", 0), 1234);
  EXPECT_TRUE(Contains(doc.content.content, "Why a data warehouse?")) << doc.content.content;
  EXPECT_TRUE(Contains(doc.content.content, "llmtwin etl --config"));
  EXPECT_FALSE(Contains(doc.content.content, "Subscribe for free"));
  // The canonical URL equals the link once the referral parameter is gone: not repeated.
  EXPECT_TRUE(doc.meta.canonical_url.empty()) << doc.meta.canonical_url;
}

TEST_F(SubstackTest, PaidPostIsMarkedAndKeepsOnlyThePublicPart) {
  const CrawlOutcome outcome = SubstackCrawler().Crawl("https://decodingml.substack.com/p/paid-deep-dive-into-rag", Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  const ArticleDocument& doc = outcome.articles.at(0);
  EXPECT_TRUE(doc.meta.paywalled);
  EXPECT_EQ(doc.extra.value("audience", ""), "only_paid");
  EXPECT_TRUE(Contains(doc.content.content, "three moving parts"));
}

TEST_F(SubstackTest, PaidPostIsSkippedWhenTheConfigSaysSo) {
  options().skip_paywalled = true;
  const CrawlOutcome outcome = SubstackCrawler().Crawl("https://decodingml.substack.com/p/paid-deep-dive-into-rag", Context());
  EXPECT_EQ(outcome.status, CrawlStatus::kSkipped);
  EXPECT_EQ(outcome.error_category, "paywalled");
  EXPECT_TRUE(outcome.articles.empty());
}

TEST_F(SubstackTest, ApiFailureFallsBackToThePage) {
  // No API response is recorded for this post: /api/v1/posts/<slug> answers 404.
  const CrawlOutcome outcome =
      SubstackCrawler().Crawl("https://anncoulter.substack.com/p/highlights-from-james-bennets-17000", Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  const ArticleDocument& doc = outcome.articles.at(0);
  // This capture was re-serialised as XHTML (CDATA-wrapped scripts): the DOM path reads it.
  EXPECT_TRUE(doc.extra.value("extracted_from", "").starts_with("page")) << doc.extra.dump();
  EXPECT_EQ(doc.content.title, "Highlights from James Bennet's 17,000 word attack on the New York Times");
  EXPECT_EQ(doc.meta.published_at.substr(0, 10), "2023-12-16");
  EXPECT_FALSE(doc.meta.paywalled);
  EXPECT_GT(doc.content.content.size(), 2000u);
}

TEST_F(SubstackTest, PageFallbackReadsThePostObjectOfWindowPreloads) {
  const CrawlOutcome outcome = SubstackCrawler().Crawl("https://preloads.substack.com/p/preloaded-post", Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  const ArticleDocument& doc = outcome.articles.at(0);
  EXPECT_EQ(doc.extra.value("extracted_from", ""), "page-preloads");
  EXPECT_EQ(doc.content.title, "Preloaded: the post object in the page");
  EXPECT_EQ(doc.content.subtitle.value_or(""), "What window._preloads carries");
  EXPECT_EQ(doc.extra.value("audience", ""), "everyone");
  EXPECT_EQ(doc.extra.value("bylines", std::vector<std::string>{}), std::vector<std::string>{"Simon Sarris"});
  EXPECT_TRUE(Contains(doc.content.content, "So the crawler reads it when the API is unreachable."));
  EXPECT_FALSE(Contains(doc.content.content, "Subscribe now"));
}

TEST_F(SubstackTest, RobotsTxtForbiddingTheApiFallsBackToThePage) {
  const CrawlOutcome outcome = SubstackCrawler().Crawl("https://norobotsapi.substack.com/p/preloaded-post", Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  EXPECT_EQ(outcome.articles.at(0).extra.value("extracted_from", ""), "page-preloads");
}

TEST_F(SubstackTest, CustomDomainIsReroutedByMarkersAndReadThroughTheApi) {
  const CrawlOutcome outcome =
      CrawlerDispatcher::Default().Crawl("https://map.simonsarris.com/p/the-most-precious-resource-is-agency", Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  EXPECT_EQ(outcome.crawler, "substack");
  const ArticleDocument& doc = outcome.articles.at(0);
  EXPECT_EQ(doc.content.title, "The Most Precious Resource is Agency");
  EXPECT_EQ(doc.extra.value("extracted_from", ""), "api");
  EXPECT_EQ(doc.meta.published_at.substr(0, 19), "2021-07-01T00:26:54");
  EXPECT_TRUE(Contains(doc.content.content, "The world is a very malleable place."));
}

TEST_F(SubstackTest, CustomDomain2025PageWithoutScriptsIsReadFromTheDom) {
  const CrawlOutcome outcome =
      CrawlerDispatcher::Default().Crawl("https://12gramsofcarbon.com/p/ilyas-30-papers-to-carmack-vlaes", Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  EXPECT_EQ(outcome.crawler, "substack");
  const ArticleDocument& doc = outcome.articles.at(0);
  EXPECT_EQ(doc.content.title, "Ilya's Papers to Carmack: VLAEs");
  EXPECT_FALSE(doc.content.subtitle.has_value()) << *doc.content.subtitle;  // not the author's bio
  EXPECT_EQ(doc.meta.published_at.substr(0, 10), "2025-03-06");
  EXPECT_GT(doc.content.content.size(), 2000u);
}

TEST_F(SubstackTest, AppPostLinkIsFollowedToThePublicationsPost) {
  // substack.com/@handle/p-<id> names the post by id; the app redirects to /p/<slug>.
  const std::string link = "https://substack.com/@decodingml/p-140000001";
  const CrawlOutcome outcome = CrawlerDispatcher::Default().Crawl(link, Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  EXPECT_EQ(outcome.crawler, "substack");
  const ArticleDocument& doc = outcome.articles.at(0);
  EXPECT_EQ(doc.link, link);
  EXPECT_EQ(doc.content.title, "The LLM Twin data pipeline");
  EXPECT_EQ(doc.extra.value("extracted_from", ""), "api");
  EXPECT_EQ(doc.extra.value("site", ""), "decodingml.substack.com");
  // The publication's URL is where the post lives.
  EXPECT_TRUE(doc.meta.canonical_url.starts_with("https://decodingml.substack.com/p/the-llm-twin-data-pipeline"))
      << doc.meta.canonical_url;
}

TEST_F(SubstackTest, AppPostLinkShowingThePostIsReadFromItsPreloads) {
  const CrawlOutcome outcome = CrawlerDispatcher::Default().Crawl("https://substack.com/home/post/p-140000002", Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  EXPECT_EQ(outcome.crawler, "substack");
  EXPECT_EQ(outcome.articles.at(0).extra.value("extracted_from", ""), "page-preloads");
  // Other substack.com pages are no post links.
  EXPECT_TRUE(IsSubstackAppPostLink("https://substack.com/@decodingml/p-1"));
  EXPECT_FALSE(IsSubstackAppPostLink("https://substack.com/@decodingml"));
  EXPECT_FALSE(IsSubstackAppPostLink("https://substack.com/@decodingml/note/c-1"));
  EXPECT_FALSE(IsSubstackAppPostLink("https://decodingml.substack.com/@decodingml/p-1"));
}

TEST_F(SubstackTest, FeedIsTheLastResort) {
  const CrawlOutcome outcome = SubstackCrawler().Crawl("https://feedonly.substack.com/p/written-for-the-feed", Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  const ArticleDocument& doc = outcome.articles.at(0);
  EXPECT_EQ(doc.extra.value("extracted_from", ""), "feed");
  EXPECT_EQ(doc.content.title, "Written for the feed");
  EXPECT_TRUE(Contains(doc.content.content, "the feed still has the full text"));
}

TEST_F(SubstackTest, MissingPostEverywhereIsAFailureValue) {
  const CrawlOutcome outcome = SubstackCrawler().Crawl("https://feedonly.substack.com/p/does-not-exist", Context());
  EXPECT_EQ(outcome.status, CrawlStatus::kFailed);
  EXPECT_EQ(outcome.error_category, "not-found");
}

TEST_F(SubstackTest, UnreachableSiteReportsTheNetworkCauseNotAParseError) {
  options().connect_to = {":443:127.0.0.1:1"};  // nothing listens on port 1: connection refused
  options().retries = 0;
  const CrawlOutcome outcome = SubstackCrawler().Crawl("https://decodingml.substack.com/p/the-llm-twin-data-pipeline", Context());
  EXPECT_EQ(outcome.status, CrawlStatus::kFailed);
  EXPECT_EQ(outcome.error_category, "connect") << Describe(outcome);
}

TEST_F(SubstackTest, PublicationIsDiscoveredThroughArchivePages) {
  const auto posts = CrawlerDispatcher::Default().Discover("https://decodingml.substack.com/", Context());
  ASSERT_EQ(posts.size(), 16u);
  EXPECT_EQ(posts.front(), "https://decodingml.substack.com/p/issue-15-of-decoding-ml");
  EXPECT_EQ(posts[12], "https://decodingml.substack.com/p/issue-03-of-decoding-ml");  // ?r= stripped
  EXPECT_EQ(posts.back(), "https://decodingml.substack.com/p/post-without-canonical-url");
}

TEST(SubstackRules, AudienceDecidesThePaywall) {
  EXPECT_FALSE(IsGatedAudience("everyone"));
  EXPECT_FALSE(IsGatedAudience(""));
  EXPECT_TRUE(IsGatedAudience("only_paid"));
  EXPECT_TRUE(IsGatedAudience("founding"));
  EXPECT_EQ(SubstackSlug("https://x.substack.com/p/a-post?r=2"), "a-post");
  EXPECT_EQ(SubstackSlug("https://x.substack.com/archive"), "");
}

TEST(SubstackRules, WidgetsAreRemovedAndProseKept) {
  const std::string body = CleanedSubstackBody(
      "<p>Keep me.</p><div class=\"subscription-widget-wrap\"><div class=\"subscription-widget\"><p>Subscribe</p></div></div>"
      "<p class=\"button-wrapper\"><a class=\"button\">Share</a></p><p>And me.</p>").Body().InnerHtml();
  EXPECT_TRUE(Contains(body, "Keep me.") && Contains(body, "And me."));
  EXPECT_FALSE(Contains(body, "Subscribe"));
  EXPECT_FALSE(Contains(body, "Share"));
}

}  // namespace
}  // namespace llmtwin
