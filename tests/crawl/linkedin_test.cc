#include "crawl/linkedin_crawler.h"

#include "crawl_env.h"

namespace llmtwin {
namespace {

using testing::Contains;
using testing::Describe;

class LinkedInTest : public testing::CrawlTest {};

TEST_F(LinkedInTest, PublicPostGivesAPostDocumentFromItsJsonLd) {
  const std::string link = "https://www.linkedin.com/posts/pauliusztin_llm-mlops-activity-7179000000000000000-AbCd";
  const CrawlOutcome outcome = CrawlerDispatcher::Default().Crawl(link, Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  EXPECT_EQ(outcome.crawler, "linkedin");
  ASSERT_EQ(outcome.posts.size(), 1u);
  EXPECT_TRUE(outcome.articles.empty());
  const PostDocument& post = outcome.posts[0];
  EXPECT_EQ(post.platform, "linkedin");
  EXPECT_EQ(post.link.value_or(""), link);
  EXPECT_TRUE(post.content.text.starts_with("The LLM Twin course is free: 12 lessons, all the code.\n\nYou will learn to:"));
  EXPECT_FALSE(Contains(post.content.text, "Great work!"));  // comments are not the post
  EXPECT_EQ(post.content.image.value_or(""), "https://media.licdn.com/dms/image/synthetic/feedshare-shrink_800/0/1711111111111");
  EXPECT_EQ(post.image, post.content.image);
  EXPECT_EQ(post.meta.published_at.substr(0, 19), "2024-03-27T15:04:05");
  EXPECT_EQ(post.extra.value("byline", ""), "Paul Iusztin");
  EXPECT_EQ(post.author_full_name, "Paul Iusztin");
}

TEST_F(LinkedInTest, RedirectToTheAuthwallIsALoginWallErrorThatSaysWhatWorks) {
  const CrawlOutcome outcome =
      LinkedInCrawler().Crawl("https://www.linkedin.com/feed/update/urn:li:activity:7179000000000000001", Context());
  EXPECT_EQ(outcome.status, CrawlStatus::kFailed);
  EXPECT_EQ(outcome.error_category, "login-wall");
  EXPECT_TRUE(Contains(outcome.message, "llmtwin import linkedin-export")) << outcome.message;
  EXPECT_TRUE(Contains(outcome.message, "linkedin.com/posts/"));
  EXPECT_TRUE(outcome.posts.empty());
}

TEST_F(LinkedInTest, SignInPageInPlaceOfAPostIsALoginWall) {
  const CrawlOutcome outcome =
      LinkedInCrawler().Crawl("https://www.linkedin.com/posts/someone_private-activity-7100000000000000000-WxYz", Context());
  EXPECT_EQ(outcome.status, CrawlStatus::kFailed);
  EXPECT_EQ(outcome.error_category, "login-wall");
}

TEST_F(LinkedInTest, ProfileIsALoginWallWithoutAnyRequest) {
  const CrawlOutcome outcome = LinkedInCrawler().Crawl("https://www.linkedin.com/in/pauliusztin/", Context());
  EXPECT_EQ(outcome.error_category, "login-wall");
  EXPECT_TRUE(Contains(outcome.message, "linkedin-export"));
}

struct PulseCase {
  const char* url;
  const char* title;
  const char* snippet;
};

class LinkedInPulseTest : public testing::CrawlTest, public ::testing::WithParamInterface<PulseCase> {};

TEST_P(LinkedInPulseTest, PulseArticleOfEachEraGivesAnArticleDocument) {
  const PulseCase& c = GetParam();
  const CrawlOutcome outcome = CrawlerDispatcher::Default().Crawl(c.url, Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  ASSERT_EQ(outcome.articles.size(), 1u);
  const ArticleDocument& doc = outcome.articles[0];
  EXPECT_EQ(doc.platform, "linkedin");
  EXPECT_EQ(doc.content.title, c.title);
  EXPECT_TRUE(Contains(doc.content.content, c.snippet)) << doc.content.content.substr(0, 800);
  EXPECT_FALSE(Contains(doc.content.content, "Likes")) << doc.content.content.substr(0, 300);  // no social counters
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, LinkedInPulseTest,
    ::testing::Values(
        PulseCase{"https://www.linkedin.com/pulse/how-can-ai-change-financial-services-consolidation-finai-ramya-joseph",
                  "How Can AI Change Financial Services? Consolidation of the #FinAI tweetstorm", "AI"},
        PulseCase{"https://de.linkedin.com/pulse/ich-war-am-wochenende-auf-einer-hochzeit-im-wendland-inga-hoeltmann",
                  "Ich war am Wochenende auf einer Hochzeit im Wendland.", "Das Wendland ist eine schöne"},
        PulseCase{"https://www.linkedin.com/pulse/what-set-your-soul-fire-2017-ellyn-shook",
                  "What will set your soul on fire in 2017", "2017"}));

}  // namespace
}  // namespace llmtwin
