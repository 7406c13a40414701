#include <gtest/gtest.h>

#include "common/error.h"
#include "crawl/crawler.h"

namespace llmtwin {
namespace {

TEST(Dispatcher, RoutesEachPlatformByParsedHost) {
  const CrawlerDispatcher dispatcher = CrawlerDispatcher::Default();
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://medium.com/@pauliusztin/post-a3b4c5d6e7f8"), "medium");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://towardsdatascience.medium.com/post-a3b4c5d6e7f8"), "medium");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://decodingml.substack.com/p/x?r=1ttoeh"), "substack");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://github.com/decodingml/llm-twin-course"), "github");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://www.linkedin.com/posts/x-activity-1"), "linkedin");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://de.linkedin.com/pulse/x"), "linkedin");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://mlabonne.github.io/blog/posts/x.html"), "article");
  EXPECT_EQ(dispatcher.CrawlerNameFor("ftp://medium.com/x"), "");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://medium.com./@a/post-a3b4c5d6e7f8"), "medium");  // a rooted host
}

TEST(Dispatcher, LookalikeHostsAreNotThePlatform) {
  const CrawlerDispatcher dispatcher = CrawlerDispatcher::Default();
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://medium.com.evil.example/@a/post-a3b4c5d6e7f8"), "article");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://evil.example/https://medium.com/@a/post"), "article");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://notgithub.com/a/b"), "article");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://substack.com.evil.example/p/x"), "article");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://medium.com@evil.example/x"), "article");
}

TEST(Dispatcher, SubstackAppPostLinksGoToTheSubstackCrawler) {
  const CrawlerDispatcher dispatcher = CrawlerDispatcher::Default();
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://substack.com/@decodingml/p-140000001"), "substack");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://www.substack.com/home/post/p-140000002"), "substack");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://substack.com/about"), "article");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://substack.com/homepage"), "article");
}

// The dispatcher matches the parsed host, which is the ASCII (punycode) form of an IDN host: an
// unknown IDN host goes to the generic crawler, an IDN subdomain of a platform to the platform, and
// full-width letters map to the host they spell.
TEST(Dispatcher, IdnHostsRouteByTheirAsciiForm) {
  const CrawlerDispatcher dispatcher = CrawlerDispatcher::Default();
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://bücher.example/straße"), "article");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://xn--bcher-kva.example/straße"), "article");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://bücher.substack.com/p/x"), "substack");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://ｇｉｔｈｕｂ.com/decodingml/llm-twin-course"), "github");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://☃.example/x"), "");  // IDNA rejects it: no crawler
}

class Named : public Crawler {
 public:
  explicit Named(std::string name) : name_(std::move(name)) {}
  std::string_view name() const override { return name_; }
  CrawlOutcome Crawl(const std::string&, CrawlContext&) override { return {}; }

 private:
  std::string name_;
};

CrawlerFactory Factory(const std::string& name) {
  return [name] { return std::make_unique<Named>(name); };
}

TEST(Dispatcher, MostSpecificPatternWins) {
  CrawlerDispatcher dispatcher;
  dispatcher.Register("*.example.com", Factory("wildcard"))
      .Register("www.example.com", Factory("host"))
      .Register("www.example.com/special/", Factory("prefix"))
      .RegisterFallback(Factory("fallback"));
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://www.example.com/special/page"), "prefix");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://www.example.com/other"), "host");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://blog.example.com/x"), "wildcard");
  EXPECT_EQ(dispatcher.CrawlerNameFor("https://example.com/x"), "fallback");
}

TEST(Dispatcher, MalformedPatternIsAUsageError) {
  CrawlerDispatcher dispatcher;
  EXPECT_THROW(dispatcher.Register("https://medium.com", Factory("x")), Error);
  EXPECT_THROW(dispatcher.Register("", Factory("x")), Error);
  EXPECT_THROW(dispatcher.Register("medium.com", nullptr), Error);
}

}  // namespace
}  // namespace llmtwin
