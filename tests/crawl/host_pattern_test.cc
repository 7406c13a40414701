#include "crawl/host_pattern.h"

#include <gtest/gtest.h>

namespace llmtwin {
namespace {

bool Matches(std::string_view pattern, std::string_view url) {
  auto p = HostPattern::Parse(pattern);
  auto u = ParseHttpUrl(url);
  return p && u && p->Matches(*u);
}

TEST(HostPattern, ExactHostMatchesItselfAndWwwOnly) {
  EXPECT_TRUE(Matches("medium.com", "https://medium.com/@a/post-abc123"));
  EXPECT_TRUE(Matches("medium.com", "https://WWW.Medium.com/@a"));
  EXPECT_FALSE(Matches("medium.com", "https://medium.com.evil.example/@a/post"));
  EXPECT_FALSE(Matches("medium.com", "https://evil.example/?u=https://medium.com/"));
  EXPECT_FALSE(Matches("medium.com", "https://notmedium.com/"));
  EXPECT_FALSE(Matches("medium.com", "https://medium.com@evil.example/"));
}

TEST(HostPattern, ARootedHostWithItsTrailingDotIsTheSameHost) {
  EXPECT_TRUE(Matches("medium.com", "https://medium.com./@a/post-abc123"));
  EXPECT_TRUE(Matches("*.substack.com", "https://decodingml.substack.com./p/x"));
  EXPECT_FALSE(Matches("medium.com", "https://medium.com../@a"));
}

TEST(HostPattern, WildcardMatchesSubdomainsOnWholeLabels) {
  EXPECT_TRUE(Matches("*.substack.com", "https://decodingml.substack.com/p/x"));
  EXPECT_FALSE(Matches("*.substack.com", "https://substack.com/p/x"));
  EXPECT_FALSE(Matches("*.substack.com", "https://evilsubstack.com/p/x"));
  EXPECT_FALSE(Matches("*.substack.com", "https://a.substack.com.evil.example/p/x"));
}

TEST(HostPattern, PathPrefixMatchesAtSegmentBoundaries) {
  EXPECT_TRUE(Matches("linkedin.com/pulse", "https://www.linkedin.com/pulse/some-article"));
  EXPECT_TRUE(Matches("linkedin.com/posts/", "https://www.linkedin.com/posts/jane_activity-1"));
  EXPECT_FALSE(Matches("linkedin.com/pulse", "https://www.linkedin.com/pulsefoo"));
  EXPECT_FALSE(Matches("linkedin.com/pulse", "https://www.linkedin.com/in/jane"));
}

TEST(HostPattern, MalformedPatternsAreRejected) {
  EXPECT_FALSE(HostPattern::Parse(""));
  EXPECT_FALSE(HostPattern::Parse("*."));
  EXPECT_FALSE(HostPattern::Parse("https://medium.com"));
  EXPECT_FALSE(HostPattern::Parse(".medium.com"));
}

TEST(HostPattern, HostIsOrUnderComparesWholeLabels) {
  EXPECT_TRUE(HostIsOrUnder("medium.com", "medium.com"));
  EXPECT_TRUE(HostIsOrUnder("Towards.Medium.com", "medium.com"));
  EXPECT_FALSE(HostIsOrUnder("medium.com.evil.example", "medium.com"));
  EXPECT_FALSE(HostIsOrUnder("xmedium.com", "medium.com"));
}

}  // namespace
}  // namespace llmtwin
