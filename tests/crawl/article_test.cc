#include "crawl/article_crawler.h"

#include "crawl/page_markers.h"
#include "crawl_env.h"

namespace llmtwin {
namespace {

using testing::Contains;
using testing::Describe;

struct BlogCase {
  const char* url;
  const char* platform;
  const char* title;
  const char* published_prefix;
};

class BlogTest : public testing::CrawlTest, public ::testing::WithParamInterface<BlogCase> {};

TEST_P(BlogTest, AnyBlogGivesItsMainContentAsAnArticle) {
  const BlogCase& c = GetParam();
  const CrawlOutcome outcome = CrawlerDispatcher::Default().Crawl(c.url, Context());
  ASSERT_EQ(outcome.status, CrawlStatus::kCrawled) << Describe(outcome);
  EXPECT_EQ(outcome.crawler, "article");
  const ArticleDocument& doc = outcome.articles.at(0);
  EXPECT_EQ(doc.platform, c.platform);
  EXPECT_EQ(doc.content.title, c.title);
  EXPECT_TRUE(doc.meta.published_at.starts_with(c.published_prefix)) << doc.meta.published_at;
  EXPECT_GT(doc.content.content.size(), 1000u);
  EXPECT_FALSE(outcome.etag.empty());  // kept for the next conditional re-crawl
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, BlogTest,
    ::testing::Values(
        BlogCase{"https://wptavern.com/stack-overflow-jobs-data-shows-reactjs-skills-in-high-demand-wordpress-market-oversaturated-with-developers",
                 "wptavern.com", "Stack Overflow Jobs Data Shows ReactJS Skills in High Demand, WordPress Market Oversaturated with Developers",
                 "2017-03-09T23:16:02"},
        BlogCase{"https://pythonspeed.com/articles/pipenv-docker/", "pythonspeed.com",
                 "Faster Docker builds with pipenv, poetry, or pip-tools",
                 "2019-06-17"},  // the page's JSON-LD and article:published_time (trafilatura's 2020-06-04 is the visible update)
        BlogCase{"https://berthub.eu/articles/posts/reverse-engineering-source-code-of-the-biontech-pfizer-vaccine",
                 "berthub.eu", "Reverse Engineering the source code of the BioNTech/Pfizer SARS-CoV-2 Vaccine", "2020-12-25T19:12:20"},
        BlogCase{"https://josephg.com/blog/crdts-are-the-future", "josephg.com", "I was wrong. CRDTs are the future",
                 "2020-09-26T11:08:40"},
        BlogCase{"http://danluu.com/latency-mitigation/", "danluu.com", "Latency mitigation strategies (by John Carmack)", ""}));

class ArticleTest : public testing::CrawlTest {};

TEST_F(ArticleTest, UnchangedPageIsReportedAsUnchanged) {
  const std::string link = "https://pythonspeed.com/articles/pipenv-docker/";
  const CrawlOutcome first = CrawlerDispatcher::Default().Crawl(link, Context());
  ASSERT_EQ(first.status, CrawlStatus::kCrawled) << Describe(first);
  Context().if_none_match = first.etag;
  const CrawlOutcome second = CrawlerDispatcher::Default().Crawl(link, Context());
  EXPECT_EQ(second.status, CrawlStatus::kUnchanged) << Describe(second);
  EXPECT_TRUE(second.articles.empty());
}

TEST_F(ArticleTest, MissingPageIsNotFound) {
  const CrawlOutcome outcome = CrawlerDispatcher::Default().Crawl("https://blog.example.org/posts/gone/", Context());
  EXPECT_EQ(outcome.status, CrawlStatus::kFailed);
  EXPECT_EQ(outcome.error_category, "not-found");
}

TEST_F(ArticleTest, SiteIsDiscoveredThroughItsAnnouncedFeedAndSitemap) {
  const auto posts = CrawlerDispatcher::Default().Discover("https://blog.example.org/", Context());
  EXPECT_EQ(posts, (std::vector<std::string>{"https://blog.example.org/posts/2024/shipping-a-crawler/",
                                              "https://blog.example.org/posts/2023/feeds-are-underrated/",
                                              "https://blog.example.org/posts/2022/an-old-post-not-in-the-feed/"}));
}

TEST(PageMarkers, ChallengePagesAreRecognisedAndArticlesAreNot) {
  FetchResult wall;
  wall.status = 200;
  wall.body = "<html><head><title>Just a moment...</title></head><body>Verify you are human</body></html>";
  EXPECT_TRUE(IsChallengePage(wall));
  FetchResult upper_case = wall;
  upper_case.body = "<HTML><HEAD><TITLE>JUST A MOMENT...</TITLE></HEAD></HTML>";
  EXPECT_TRUE(IsChallengePage(upper_case));
  FetchResult script_only;
  script_only.status = 403;
  script_only.body = "<html><head><title>x</title></head><body>" + std::string(60000, 'z') +
                     "<script>window._cf_chl_opt={cvId: '3'};</script></body></html>";
  EXPECT_TRUE(IsChallengePage(script_only));
  FetchResult by_header;
  by_header.headers = {{"cf-mitigated", "challenge"}};
  EXPECT_TRUE(IsChallengePage(by_header));
  FetchResult article;
  article.body = "<html><head><title>How I beat bots</title></head><body><p>" + std::string(70000, 'x') +
                 " a site may ask you to verify you are human.</p></body></html>";
  EXPECT_FALSE(IsChallengePage(article));
  // Cloudflare's bot-detection script and a Turnstile comment form on a real article.
  FetchResult protected_article;
  protected_article.body = "<html><head><title>Notes</title><script src=\"/cdn-cgi/challenge-platform/scripts/jsd/main.js\">"
                           "</script></head><body><article><p>" + std::string(60000, 'y') +
                           "</p></article><form><div class=\"cf-turnstile\"></div><script "
                           "src=\"https://challenges.cloudflare.com/turnstile/v0/api.js\"></script></form></body></html>";
  EXPECT_FALSE(IsChallengePage(protected_article));
}

}  // namespace
}  // namespace llmtwin
