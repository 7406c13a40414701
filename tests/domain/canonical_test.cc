#include "domain/canonical.h"

#include <gtest/gtest.h>

namespace llmtwin {
namespace {

TEST(PlatformOrder, RanksOwnSiteThenSubstackMediumLinkedInByDefault) {
  const PlatformOrder order;
  EXPECT_EQ(order.Rank("mlabonne.github.io"), 0);
  EXPECT_EQ(order.Rank("decodingml.substack.com"), 1);
  EXPECT_EQ(order.Rank("Medium"), 2);
  EXPECT_EQ(order.Rank("linkedin"), 3);
}

TEST(PlatformOrder, ParsesAConfiguredOrderAndRanksUnlistedPlatformsLast) {
  const PlatformOrder order = PlatformOrder::Parse("medium, substack");
  EXPECT_EQ(order.Rank("medium"), 0);
  EXPECT_EQ(order.Rank("x.substack.com"), 1);
  EXPECT_EQ(order.Rank("linkedin"), 2);
}

TEST(ChooseCanonical, TheEarliestPublishedCopyWins) {
  const std::vector<CanonicalCandidate> members = {
      {"a", "2024-05-02T00:00:00Z", "x.substack.com"}, {"b", "2024-05-01T23:00:00Z", "linkedin"}, {"c", "", "own.blog"}};
  EXPECT_EQ(ChooseCanonical(members, PlatformOrder()), 1u);
}

TEST(ChooseCanonical, OnTheSameDayOrWithoutDatesThePlatformOrderDecides) {
  const std::vector<CanonicalCandidate> same_day = {{"a", "2024-05-02T18:00:00Z", "medium"},
                                                    {"b", "2024-05-02T09:00:00Z", "x.substack.com"}};
  EXPECT_EQ(ChooseCanonical(same_day, PlatformOrder()), 1u);
  EXPECT_EQ(ChooseCanonical(same_day, PlatformOrder::Parse("medium,substack")), 0u);
  const std::vector<CanonicalCandidate> undated = {{"a", "", "medium"}, {"b", "", "x.substack.com"}};
  EXPECT_EQ(ChooseCanonical(undated, PlatformOrder()), 1u);
}

}  // namespace
}  // namespace llmtwin
