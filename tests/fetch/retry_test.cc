#include "fetch/retry.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include "fetch/address_guard.h"

namespace llmtwin {
namespace {

TEST(ParseRetryAfter, SecondsAndHttpDates) {
  EXPECT_EQ(ParseRetryAfter("120", 0), std::chrono::milliseconds(120000));
  EXPECT_EQ(ParseRetryAfter(" 0 ", 0), std::chrono::milliseconds(0));
  // Wed, 21 Oct 2015 07:28:00 GMT = 1445412480
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", 1445412480 - 30), std::chrono::milliseconds(30000));
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", 1445412480 + 30), std::chrono::milliseconds(0));
  EXPECT_FALSE(ParseRetryAfter("soon", 0));
  EXPECT_FALSE(ParseRetryAfter("-5", 0));
}

TEST(BackoffDelay, DoublesUpToTheMaximumWithJitterInTheUpperHalf) {
  EXPECT_EQ(BackoffDelay(1, 100, 10000, 0.0), std::chrono::milliseconds(50));
  EXPECT_EQ(BackoffDelay(1, 100, 10000, 1.0), std::chrono::milliseconds(100));
  EXPECT_EQ(BackoffDelay(3, 100, 10000, 1.0), std::chrono::milliseconds(400));
  EXPECT_EQ(BackoffDelay(30, 100, 1000, 1.0), std::chrono::milliseconds(1000));
  EXPECT_EQ(BackoffDelay(30, 100, 1000, 0.0), std::chrono::milliseconds(500));
}

TEST(RetryPolicy, RetriesTransientFailuresOnly) {
  EXPECT_TRUE(IsRetryableStatus(408));
  EXPECT_TRUE(IsRetryableStatus(429));
  EXPECT_TRUE(IsRetryableStatus(503));
  EXPECT_FALSE(IsRetryableStatus(404));
  EXPECT_FALSE(IsRetryableStatus(403));
  EXPECT_TRUE(IsRetryableCategory(CategoryOfCurlError(CURLE_COULDNT_CONNECT)));
  EXPECT_TRUE(IsRetryableCategory(CategoryOfCurlError(CURLE_PARTIAL_FILE)));
  EXPECT_TRUE(IsRetryableCategory(CategoryOfCurlError(CURLE_OPERATION_TIMEDOUT)));
  EXPECT_FALSE(IsRetryableCategory(CategoryOfCurlError(CURLE_COULDNT_RESOLVE_HOST)));
  EXPECT_FALSE(IsRetryableCategory(CategoryOfCurlError(CURLE_PEER_FAILED_VERIFICATION)));
  EXPECT_EQ(CategoryOfCurlError(CURLE_COULDNT_RESOLVE_HOST), FetchErrorCategory::kDns);
  EXPECT_EQ(CategoryOfStatus(304), FetchErrorCategory::kNone);
  EXPECT_EQ(CategoryOfStatus(410), FetchErrorCategory::kHttp4xx);
  EXPECT_EQ(CategoryOfStatus(502), FetchErrorCategory::kHttp5xx);
}

TEST(FetchErrorCategoryName, StableNames) {
  EXPECT_EQ(FetchErrorCategoryName(FetchErrorCategory::kDns), "dns");
  EXPECT_EQ(FetchErrorCategoryName(FetchErrorCategory::kHttp4xx), "http-4xx");
  EXPECT_EQ(FetchErrorCategoryName(FetchErrorCategory::kRobotsDisallowed), "robots-disallowed");
  EXPECT_EQ(FetchErrorCategoryName(FetchErrorCategory::kTooLarge), "too-large");
}

bool PublicV4(const char* text) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  inet_pton(AF_INET, text, &a.sin_addr);
  return IsPublicAddress(reinterpret_cast<sockaddr*>(&a));
}

bool PublicV6(const char* text) {
  sockaddr_in6 a{};
  a.sin6_family = AF_INET6;
  inet_pton(AF_INET6, text, &a.sin6_addr);
  return IsPublicAddress(reinterpret_cast<sockaddr*>(&a));
}

TEST(IsPublicAddress, RefusesLoopbackPrivateLinkLocalAndMetadata) {
  for (const char* a : {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
                        "0.0.0.0", "100.64.0.1", "224.0.0.1", "255.255.255.255"})
    EXPECT_FALSE(PublicV4(a)) << a;
  for (const char* a : {"93.184.216.34", "8.8.8.8", "172.32.0.1", "1.1.1.1"}) EXPECT_TRUE(PublicV4(a)) << a;
  for (const char* a : {"::1", "::", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "ff02::1"})
    EXPECT_FALSE(PublicV6(a)) << a;
  EXPECT_TRUE(PublicV6("2606:4700::1111"));
  EXPECT_TRUE(PublicV6("::ffff:8.8.8.8"));
}

}  // namespace
}  // namespace llmtwin
