#include "crawl/medium_crawler.h"

#include <algorithm>

#include "crawl_env.h"

namespace llmtwin {
namespace {

using testing::Contains;
using testing::Describe;

struct EraCase {
  const char* url;
  const char* era;
  const char* title;
  const char* published_prefix;  // JSON-LD datePublished: the first publish
  const char* body_snippet;
};

class MediumEraTest : public testing::CrawlTest, public ::testing::WithParamInterface<EraCase> {};

TEST_P(MediumEraTest, EachMarkupEraGivesTitleFirstPublishDateAndBody) {
  const EraCase& c = GetParam();
  MediumCrawler crawler;
  const CrawlOutcome outcome = crawler.Crawl(c.url, Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  ASSERT_EQ(outcome.articles.size(), 1u);
  const ArticleDocument& doc = outcome.articles[0];
  EXPECT_EQ(doc.platform, "medium");
  EXPECT_EQ(doc.link, c.url);
  EXPECT_EQ(doc.content.title, c.title);
  EXPECT_TRUE(doc.meta.published_at.starts_with(c.published_prefix)) << doc.meta.published_at;
  EXPECT_EQ(doc.extra.value("markup_era", ""), c.era);
  EXPECT_TRUE(Contains(doc.content.content, c.body_snippet)) << doc.content.content.substr(0, 600);
  EXPECT_FALSE(doc.content.content.starts_with(std::string("# ") + c.title));
  // Medium's meta description is the first paragraph cut short, not a subtitle.
  EXPECT_FALSE(doc.content.subtitle.value_or("").ends_with("…")) << doc.content.subtitle.value_or("");
  EXPECT_EQ(doc.author_full_name, "Paul Iusztin");
  EXPECT_FALSE(doc.meta.content_hash.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, MediumEraTest,
    ::testing::Values(
        EraCase{"https://medium.com/@pippinlee/the-open-journalism-project-better-student-journalism-fb39f4f701bb",
                "graf-2015", "The Open Journalism Project: Better Student Journalism", "2015-03-17T16:27:40",
                "We pushed out the first version of the"},
        EraCase{"https://medium.com/@johncwelch/samantha-and-the-great-big-lie-d146a92473a1", "apollo",
                "Samantha and The Great Big Lie", "2015-10-15T02:19:15", "How to get shanked doing what people say they want"},
        EraCase{"https://medium.com/walmartglobaltech/building-domain-driven-microservices-af688aa1b1b8",
                "selectable-2020", "Building Domain Driven Microservices", "2020-07-01T04:06:45", "Domain-Driven Design"},
        EraCase{"https://medium.com/@JakobUlbrich/flag-attributes-in-android-how-to-use-them-ac4ec8aee7d1", "pw-2022",
                "Flag Attributes in Android — How to Use Them", "", "seen something like the following line very often"}),
    [](const ::testing::TestParamInfo<EraCase>& param_info) {
      std::string era = param_info.param.era;
      era.erase(std::remove(era.begin(), era.end(), '-'), era.end());
      return era;
    });

class MediumTest : public testing::CrawlTest {};

TEST_F(MediumTest, Apollo2021PageOfAPublicationGivesTheWholePost) {
  const CrawlOutcome outcome = MediumCrawler().Crawl("https://medium.com/webpack/webpack-3-official-release-15fd2dd8f07b", Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  const ArticleDocument& doc = outcome.articles[0];
  EXPECT_EQ(doc.content.title, "🍾🚀 webpack 3: Official Release!! 🚀🍾");
  EXPECT_TRUE(doc.meta.published_at.starts_with("2017-06-19T17:23:28")) << doc.meta.published_at;
  EXPECT_GT(doc.content.content.size(), 2000u);
}

TEST_F(MediumTest, BotWallIsNeverStoredAndThePostComesFromTheAuthorsFeed) {
  const std::string link = "https://medium.com/@pauliusztin/an-end-to-end-framework-for-production-ready-llm-systems-a3b4c5d6e7f8";
  const CrawlOutcome outcome = CrawlerDispatcher::Default().Crawl(link, Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  EXPECT_EQ(outcome.crawler, "medium");
  const ArticleDocument& doc = outcome.articles.at(0);
  EXPECT_EQ(doc.content.title, "An End-to-End Framework for Production-Ready LLM Systems");
  EXPECT_EQ(doc.extra.value("extracted_from", ""), "feed");
  EXPECT_EQ(doc.content.subtitle.value_or(""), "Building your LLM Twin");
  EXPECT_TRUE(doc.content.content.starts_with("What is your LLM Twin?")) << doc.content.content;
  EXPECT_EQ(doc.meta.published_at.substr(0, 19), "2024-03-25T14:30:12");
  EXPECT_TRUE(Contains(doc.content.content, "What is your LLM Twin?")) << doc.content.content;
  EXPECT_TRUE(Contains(doc.content.content, "python -m tools.run --run-etl"));
  EXPECT_FALSE(Contains(doc.content.content, "Just a moment"));
  EXPECT_FALSE(Contains(doc.content.content, "Verify you are human"));
  EXPECT_FALSE(Contains(doc.content.content, "_/stat"));
  EXPECT_FALSE(Contains(doc.content.content, "originally published"));
  EXPECT_FALSE(Contains(doc.content.content, "source=rss"));
  EXPECT_EQ(doc.extra.value("byline", ""), "Paul Iusztin");
}

TEST_F(MediumTest, BotWallForAPostMissingFromTheFeedIsABotWallFailure) {
  const CrawlOutcome outcome =
      MediumCrawler().Crawl("https://medium.com/@pauliusztin/an-old-post-not-in-the-feed-9e8d7c6b5a41", Context());
  EXPECT_EQ(outcome.status, CrawlStatus::kFailed);
  EXPECT_EQ(outcome.error_category, "bot-wall");
  EXPECT_TRUE(Contains(outcome.message, "latest")) << outcome.message;
  EXPECT_TRUE(outcome.articles.empty());
}

TEST_F(MediumTest, ProfileIsDiscoveredThroughItsFeedWithoutTrackingParameters) {
  const auto posts = CrawlerDispatcher::Default().Discover("https://medium.com/@pauliusztin", Context());
  EXPECT_EQ(posts, (std::vector<std::string>{
                       "https://medium.com/@pauliusztin/an-end-to-end-framework-for-production-ready-llm-systems-a3b4c5d6e7f8",
                       "https://medium.com/@pauliusztin/your-content-is-gold-0f1e2d3c4b5a"}));
}

TEST_F(MediumTest, ProfileUrlIsNotCrawledAsAPost) {
  const CrawlOutcome outcome = MediumCrawler().Crawl("https://medium.com/@pauliusztin", Context());
  EXPECT_EQ(outcome.status, CrawlStatus::kFailed);
  EXPECT_EQ(outcome.error_category, "unsupported");
  EXPECT_TRUE(Contains(outcome.message, "discover"));
}

TEST_F(MediumTest, CustomDomainPageIsReroutedByItsMarkers) {
  const CrawlOutcome outcome =
      CrawlerDispatcher::Default().Crawl("https://tech.masters3d.com/how-to-run-swiftpm-tests-135b6538ee08", Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  EXPECT_EQ(outcome.crawler, "medium");
  const ArticleDocument& doc = outcome.articles.at(0);
  EXPECT_EQ(doc.platform, "medium");
  EXPECT_EQ(doc.extra.value("markup_era", ""), "pw-2022");
  EXPECT_TRUE(Contains(doc.content.content, "Build and test on the command line"));
  EXPECT_TRUE(Contains(doc.content.content, "Utilities/bootstrap generate-xcodeproj"));
  EXPECT_FALSE(Contains(doc.content.content, "Responses (2)"));
}

TEST_F(MediumTest, CustomDomainBotWallFallsBackToThePublicationFeed) {
  const CrawlOutcome outcome =
      CrawlerDispatcher::Default().Crawl("https://tech.masters3d.com/how-to-setup-swift-6c69b03d838b", Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  EXPECT_EQ(outcome.crawler, "medium");
  EXPECT_EQ(outcome.articles.at(0).extra.value("extracted_from", ""), "feed");
  EXPECT_EQ(outcome.articles.at(0).extra.value("feed", ""), "https://tech.masters3d.com/feed");
}

TEST_F(MediumTest, CustomDomainPublicationIsDiscoveredThroughItsFeed) {
  const auto posts = CrawlerDispatcher::Default().Discover("https://tech.masters3d.com/", Context());
  ASSERT_EQ(posts.size(), 4u);
  EXPECT_TRUE(posts[0].starts_with("https://tech.masters3d.com/how-to-run-swiftpm-tests-135b6538ee08"));
}

TEST(MediumIds, PostIdIsTheHexSuffixOfTheSlug) {
  EXPECT_EQ(MediumPostId("https://medium.com/@a/samantha-and-the-great-big-lie-d146a92473a1"), "d146a92473a1");
  EXPECT_EQ(MediumPostId("https://medium.com/p/135b6538ee08"), "135b6538ee08");
  EXPECT_EQ(MediumPostId("https://medium.com/@a/post-ce26018c3f2?source=rss"), "ce26018c3f2");
  EXPECT_EQ(MediumPostId("https://medium.com/@pauliusztin"), "");
  EXPECT_EQ(MediumPostId("https://medium.com/@a/the-decade-review"), "");
}

TEST(MediumIds, FeedOfAUserAPublicationAndACustomDomain) {
  EXPECT_EQ(MediumFeedUrls("https://medium.com/@a/post-d146a92473a1"), (std::vector<std::string>{"https://medium.com/feed/@a"}));
  EXPECT_EQ(MediumFeedUrls("https://medium.com/webpack/x-15fd2dd8f07b"), (std::vector<std::string>{"https://medium.com/feed/webpack"}));
  EXPECT_EQ(MediumFeedUrls("https://tech.masters3d.com/x-135b6538ee08"), (std::vector<std::string>{"https://tech.masters3d.com/feed"}));
  EXPECT_EQ(MediumFeedUrls("https://someone.medium.com/x-135b6538ee08"), (std::vector<std::string>{"https://someone.medium.com/feed"}));
}

}  // namespace
}  // namespace llmtwin
