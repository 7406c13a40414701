#include "fetch/charset.h"

#include <gtest/gtest.h>

namespace llmtwin {
namespace {

TEST(DecodeToUtf8, HeaderCharsetLatin1BecomesUtf8) {
  const auto out = DecodeToUtf8("caf\xe9", "text/html; charset=ISO-8859-1");
  EXPECT_EQ(out.text, "caf\xC3\xA9");
  EXPECT_EQ(out.charset, "windows-1252");
}

TEST(DecodeToUtf8, MetaCharsetWhenHeaderHasNone) {
  EXPECT_EQ(DecodeToUtf8("<meta charset='windows-1252'><p>\x80</p>", "text/html").text,
            "<meta charset='windows-1252'><p>\xE2\x82\xAC</p>");
  EXPECT_EQ(CharsetFromDocument("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"),
            "shift_jis");
  EXPECT_EQ(CharsetFromDocument("<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><rss/>"), "iso-8859-15");
}

TEST(DecodeToUtf8, BomWinsAndIsRemoved) {
  EXPECT_EQ(DecodeToUtf8("\xEF\xBB\xBFhi", "text/html; charset=iso-8859-1").text, "hi");
  const std::string utf16le("\xFF\xFEh\0i\0", 6);
  EXPECT_EQ(DecodeToUtf8(utf16le, "").text, "hi");
}

TEST(DecodeToUtf8, UnlabelledInvalidUtf8IsTreatedAsWindows1252) {
  EXPECT_EQ(DecodeToUtf8("na\xefve", "text/plain").text, "na\xC3\xAFve");
  EXPECT_EQ(DecodeToUtf8("na\xC3\xAFve", "text/plain").charset, "utf-8");
}

TEST(DecodeToUtf8, InvalidBytesInDeclaredUtf8BecomeReplacementCharacters) {
  const auto out = DecodeToUtf8("a\xff" "b", "text/html; charset=utf-8");
  EXPECT_EQ(out.text, "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(out.replaced, 1);
}

TEST(DecodeToUtf8, UnknownCharsetFallsBackToUtf8AndSaysSo) {
  const auto out = DecodeToUtf8("abc", "text/html; charset=x-no-such-charset");
  EXPECT_EQ(out.text, "abc");
  EXPECT_FALSE(out.known);
}

TEST(DecodeOwnedToUtf8, GivesTheSameTextAsTheCopyingVersion) {
  for (const char* body : {"plain ascii", "caf\xC3\xA9", "caf\xe9", "\xEF\xBB\xBF" "bom", "<meta charset=latin1>\xe9"}) {
    for (const char* type : {"", "text/html; charset=utf-8", "text/html; charset=iso-8859-1"}) {
      EXPECT_EQ(DecodeOwnedToUtf8(std::string(body), type).text, DecodeToUtf8(std::string_view(body), type).text)
          << body << " / " << type;
    }
  }
}

TEST(IsTextContentType, TextXmlJsonAreTextImagesAreNot) {
  EXPECT_TRUE(IsTextContentType("text/html; charset=utf-8"));
  EXPECT_TRUE(IsTextContentType("application/rss+xml"));
  EXPECT_TRUE(IsTextContentType("application/json"));
  EXPECT_TRUE(IsTextContentType(""));
  EXPECT_FALSE(IsTextContentType("image/png"));
  EXPECT_FALSE(IsTextContentType("application/octet-stream"));
}

}  // namespace
}  // namespace llmtwin
