#include "domain/link.h"

#include <gtest/gtest.h>

namespace llmtwin {
namespace {

TEST(NormalizedLink, HoldsTheNormalizedFormAndUsesItAsKeyWhenThePlatformGivesNoIdentity) {
  const auto link = NormalizedLink::Of("https://Example.com/blog/post/?utm_source=x");
  EXPECT_TRUE(link.is_url());
  EXPECT_EQ(link.link(), "https://Example.com/blog/post/?utm_source=x");
  EXPECT_EQ(link.normalized(), "https://example.com/blog/post");
  EXPECT_EQ(link.key(), "https://example.com/blog/post");
  EXPECT_EQ(link.stored_forms(), std::vector<std::string>{"https://example.com/blog/post"});
  EXPECT_FALSE(link.has_older_forms());
}

TEST(NormalizedLink, KeepsALinkThatIsNotAUrlRaw) {
  const auto link = NormalizedLink::Of("not a url");
  EXPECT_FALSE(link.is_url());
  EXPECT_EQ(link.key(), "not a url");
}

TEST(NormalizedLink, AMediumStoryIsOneKeyOnTheAuthorsSubdomainAPublicationAndItsIdLink) {
  const std::string expected = "https://medium.com/p/2cc6bb01141f";
  for (const char* address :
       {"https://medium.com/decodingml/an-end-to-end-framework-2cc6bb01141f",
        "https://pauliusztin.medium.com/an-end-to-end-framework-2cc6bb01141f?source=rss",
        "https://medium.com/@pauliusztin/an-end-to-end-framework-2cc6bb01141f",
        "https://medium.com/p/2cc6bb01141f"}) {
    const auto link = NormalizedLink::Of(address);
    EXPECT_EQ(link.key(), expected) << address;
  }
  // The form builds before identities stored stays among the forms looked up.
  const auto link = NormalizedLink::Of("https://medium.com/decodingml/an-end-to-end-framework-2cc6bb01141f");
  EXPECT_TRUE(link.has_older_forms());
  EXPECT_EQ(link.stored_forms().at(1), "https://medium.com/decodingml/an-end-to-end-framework-2cc6bb01141f");
}

TEST(NormalizedLink, APublicationsOwnDomainIsTheStoryOnlyWhenTheCrawlerSaysSo) {
  // By the link alone a custom domain could be anything.
  EXPECT_EQ(NormalizedLink::Of("https://towardsdatascience.com/some-story-2cc6bb01141f").key(),
            "https://towardsdatascience.com/some-story-2cc6bb01141f");
  EXPECT_EQ(NormalizedLink::Of("https://towardsdatascience.com/some-story-2cc6bb01141f",
                               MediumIdentityLink(MediumStoryIdInPath("https://towardsdatascience.com/some-story-2cc6bb01141f")))
                .key(),
            "https://medium.com/p/2cc6bb01141f");
}

TEST(NormalizedLink, ASubstackPostOnItsCustomDomainIsKeyedByItsSubstackName) {
  const auto custom = NormalizedLink::Of("https://map.simonsarris.com/p/the-most-precious-resource-is-agency",
                                         SubstackIdentityLink("simonsarris", "the-most-precious-resource-is-agency"));
  const auto native = NormalizedLink::Of("https://simonsarris.substack.com/p/the-most-precious-resource-is-agency?r=1ttoeh");
  EXPECT_EQ(custom.key(), native.key());
  EXPECT_EQ(custom.key(), "https://simonsarris.substack.com/p/the-most-precious-resource-is-agency");
  EXPECT_EQ(custom.normalized(), "https://map.simonsarris.com/p/the-most-precious-resource-is-agency");
}

TEST(MediumStoryIdOf, TakesOnlyHexIdsWithADigitOnMediumHosts) {
  EXPECT_EQ(MediumStoryIdOf("https://medium.com/p/9261e7eb44b"), "9261e7eb44b");
  EXPECT_EQ(MediumStoryIdOf("https://medium.com/@x/why-i-deface-decaffeeded"), "");  // letters only: a word
  EXPECT_EQ(MediumStoryIdOf("https://medium.com/@x/short-12ab"), "");
  EXPECT_EQ(MediumStoryIdOf("https://example.com/post-2cc6bb01141f"), "");  // not Medium's host
  EXPECT_EQ(MediumStoryIdOf("https://notmedium.com/post-2cc6bb01141f"), "");
}

}  // namespace
}  // namespace llmtwin
