#include "common/redact.h"

#include <gtest/gtest.h>

namespace llmtwin {
namespace {

TEST(RedactSecrets, HidesPasswordsInsideUris) {
  EXPECT_EQ(RedactSecrets("connecting to mongodb://admin:hunter2@db.example:27017/twin"),
            "connecting to mongodb://admin:****@db.example:27017/twin");
  EXPECT_EQ(RedactSecrets("https://u:p%40ss@host/x"), "https://u:****@host/x");
}

TEST(RedactSecrets, HidesTokenQueryParameters) {
  EXPECT_EQ(RedactSecrets("GET https://api.example/x?access_token=abc123&page=2"),
            "GET https://api.example/x?access_token=****&page=2");
  EXPECT_EQ(RedactSecrets("https://h/?a=1&api_key=zzz"), "https://h/?a=1&api_key=****");
}

TEST(RedactSecrets, HidesAuthorizationHeadersAndGithubTokens) {
  EXPECT_EQ(RedactSecrets("Authorization: Bearer abc.def"), "Authorization: Bearer ****");
  EXPECT_EQ(RedactSecrets("token is ghp_0123456789abcdefghijABCDEFGHIJ"), "token is ****");
  EXPECT_EQ(RedactSecrets("github_pat_11AAAAAAA0123456789_abcdefghijklmnop"), "****");
}

TEST(RedactSecrets, LeavesOrdinaryTextAlone) {
  EXPECT_EQ(RedactSecrets("stored 12 articles from https://medium.com/@x/post"),
            "stored 12 articles from https://medium.com/@x/post");
  EXPECT_EQ(RedactSecrets("mongodb://db.example:27017/twin"), "mongodb://db.example:27017/twin");
}

}  // namespace
}  // namespace llmtwin

namespace llmtwin {
namespace {

TEST(RedactSecrets, ElidesOverlongTokensInsteadOfScanningThem) {
  const std::string url = "https://user:hunter2@example.com/" + std::string(100000, 'a');
  const std::string out = RedactSecrets("fetching " + url + " failed");
  EXPECT_EQ(out, "fetching [" + std::to_string(url.size()) + " characters elided] failed");
  EXPECT_EQ(out.find("hunter2"), std::string::npos);
}

}  // namespace
}  // namespace llmtwin
