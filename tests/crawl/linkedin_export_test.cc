#include "crawl/linkedin_export.h"

#include <gtest/gtest.h>

#include "common/error.h"

namespace llmtwin {
namespace {

TEST(Csv, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
  const auto rows = ParseCsv("\xEF\xBB\xBF" "a,b,c\r\n1,\"x, \"\"y\"\"\nz\",\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "x, \"y\"\nz", ""}));
}

TEST(Csv, UnterminatedQuoteNamesTheLine) {
  try {
    ParseCsv("a,b\n1,\"open\n2,3\n");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidInput);
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
}

TEST(LinkedInShares, ColumnsAreFoundByNameAndMultiLinePostsSurvive) {
  const auto shares = ParseLinkedInShares(
      "Visibility,Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl\n"
      "MEMBER_NETWORK,2024-03-01 10:20:30,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1,"
      "\"First line\n\nSecond, with \"\"quotes\"\"\",https://blog.example/x,\n"
      ",,,,,\n");
  ASSERT_EQ(shares.size(), 1u);
  EXPECT_EQ(shares[0].date, "2024-03-01 10:20:30");
  EXPECT_EQ(shares[0].commentary, "First line\n\nSecond, with \"quotes\"");
  EXPECT_EQ(shares[0].shared_url, "https://blog.example/x");
  EXPECT_EQ(shares[0].visibility, "MEMBER_NETWORK");
}

TEST(LinkedInShares, WindowsLineEndsInsidePostsBecomeNewlines) {
  const auto shares = ParseLinkedInShares("Date,ShareLink,ShareCommentary\r\n2024-01-01,https://l.example/1,\"a\r\n\r\nb\"\r\n");
  ASSERT_EQ(shares.size(), 1u);
  EXPECT_EQ(shares[0].commentary, "a\n\nb");
}

TEST(LinkedInShares, MissingRequiredColumnIsInvalidInput) {
  EXPECT_THROW(ParseLinkedInShares("Date,Text\n2024-01-01,hello\n"), Error);
  EXPECT_THROW(ParseLinkedInShares(""), Error);
}

}  // namespace
}  // namespace llmtwin
