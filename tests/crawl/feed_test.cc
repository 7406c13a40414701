#include "crawl/feed.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace llmtwin {
namespace {

std::string ReadShared(const std::string& relative) {
  std::ifstream in(std::string(LLMTWIN_TESTDATA_DIR) + "/fixtures/" + relative, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(Feed, MediumPublicationFeedGivesItemsWithGuidCreatorAndFullContent) {
  const Feed feed = ParseFeed(ReadShared("medium/masters3d-medium-publication-feed.xml"), "https://tech.masters3d.com/feed");
  ASSERT_TRUE(feed.ok);
  EXPECT_EQ(feed.title, "Tech Masters3d - Medium");
  ASSERT_EQ(feed.items.size(), 4u);
  const FeedItem& first = feed.items[0];
  EXPECT_EQ(first.title, "How to run SwiftPM Tests");
  EXPECT_EQ(first.guid, "https://medium.com/p/135b6538ee08");
  EXPECT_EQ(first.author, "J Cheyo Jimenez");
  EXPECT_EQ(first.published, "Sat, 17 Dec 2016 02:18:45 GMT");
  EXPECT_EQ(first.updated, "2016-12-17T02:18:45.329Z");
  EXPECT_NE(first.content_html.find("Utilities/bootstrap test"), std::string::npos);
  EXPECT_EQ(first.categories.size(), 3u);
  EXPECT_EQ(first.link.rfind("https://tech.masters3d.com/how-to-run-swiftpm-tests-135b6538ee08", 0), 0u);
}

TEST(Feed, AtomFeedEntriesResolveRelativeLinks) {
  const Feed feed = ParseFeed(R"(<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><link href="/" rel="alternate"/>
<entry><title>One</title><id>tag:x,1</id><link rel="alternate" href="/posts/one/"/>
<published>2024-01-02T03:04:05Z</published><author><name>Ann</name></author>
<content type="html">&lt;p&gt;Hi&lt;/p&gt;</content></entry></feed>)",
                              "https://blog.example/atom.xml");
  ASSERT_TRUE(feed.ok);
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].link, "https://blog.example/posts/one/");
  EXPECT_EQ(feed.items[0].author, "Ann");
  EXPECT_EQ(feed.items[0].content_html, "<p>Hi</p>");
  EXPECT_EQ(feed.link, "https://blog.example/");
}

TEST(Feed, HtmlOrGarbageIsNotAFeed) {
  EXPECT_FALSE(ParseFeed("<html><body>hi</body></html>").ok);
  EXPECT_FALSE(ParseFeed("").ok);
  EXPECT_FALSE(ParseFeed("\x01\x02 not xml").ok);
}

TEST(Feed, ExternalEntitiesAreNotExpanded) {
  const Feed feed = ParseFeed(R"(<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>&x;</title></item></channel></rss>)");
  ASSERT_TRUE(feed.ok);
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title.find("root:"), std::string::npos);
}

TEST(Sitemap, UrlsetAndIndexAreTold) {
  const Sitemap urlset = ParseSitemap(R"(<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> https://b.example/a </loc></url>
<url><loc>https://b.example/b</loc></url></urlset>)");
  ASSERT_TRUE(urlset.ok);
  EXPECT_EQ(urlset.urls, (std::vector<std::string>{"https://b.example/a", "https://b.example/b"}));
  const Sitemap index = ParseSitemap(R"(<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://b.example/post-sitemap.xml</loc></sitemap></sitemapindex>)");
  ASSERT_TRUE(index.ok);
  EXPECT_EQ(index.sitemaps, (std::vector<std::string>{"https://b.example/post-sitemap.xml"}));
  EXPECT_FALSE(ParseSitemap("<rss/>").ok);
}

}  // namespace
}  // namespace llmtwin
