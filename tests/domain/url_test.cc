#include "domain/url.h"

#include <gtest/gtest.h>

namespace llmtwin {
namespace {

TEST(ParseHttpUrl, AcceptsHttpAndHttpsWithHost) {
  auto url = ParseHttpUrl("https://Medium.com:443/@user/post-1?x=1#frag");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "medium.com");
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->path, "/@user/post-1");
  EXPECT_EQ(url->query, "x=1");
  EXPECT_EQ(url->fragment, "frag");
}

TEST(ParseHttpUrl, RejectsOtherSchemesWithAReason) {
  std::string why;
  EXPECT_FALSE(ParseHttpUrl("ftp://example.com/x", &why));
  EXPECT_EQ(why, "is not an http(s) URL");
  EXPECT_FALSE(ParseHttpUrl("javascript:alert(1)", &why));
  EXPECT_FALSE(ParseHttpUrl("file:///etc/passwd", &why));
  EXPECT_EQ(why, "is not an http(s) URL");
}

TEST(ParseHttpUrl, RejectsNonUrlsAndOverlongUrls) {
  std::string why;
  EXPECT_FALSE(ParseHttpUrl("not a url", &why));
  EXPECT_FALSE(ParseHttpUrl("medium.com/@x", &why));
  EXPECT_FALSE(ParseHttpUrl("https://example.com/" + std::string(10000, 'a'), &why));
  EXPECT_EQ(why, "is longer than 8192 characters");
}

TEST(ParseUrl, KeepsCredentialsOutOfToStringByDefault) {
  auto url = ParseUrl("https://user:secret@example.com/a");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->password, "secret");
  EXPECT_EQ(url->ToString(), "https://example.com/a");
  EXPECT_EQ(url->ToString(true), "https://user:secret@example.com/a");
}

TEST(ResolveUrl, ResolvesRelativeReferences) {
  EXPECT_EQ(ResolveUrl("https://a.com/x/y", "../z?q=1"), "https://a.com/z?q=1");
  EXPECT_EQ(ResolveUrl("https://a.com/x/y", "//b.com/p"), "https://b.com/p");
  EXPECT_EQ(ResolveUrl("https://a.com/x/y", "https://c.com/"), "https://c.com/");
}

}  // namespace
}  // namespace llmtwin
