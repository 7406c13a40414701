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

namespace llmtwin {
namespace {

TEST(NormalizeUrl, BookSubstackReferralLinksMatchCleanOnes) {
  EXPECT_EQ(NormalizeUrl("https://decodingml.substack.com/p/real-time-feature-pipelines?r=1ttoeh"),
            NormalizeUrl("https://decodingml.substack.com/p/real-time-feature-pipelines"));
  EXPECT_EQ(NormalizeUrl("https://decodingml.substack.com/p/x?r=1ttoeh"), "https://decodingml.substack.com/p/x");
}

TEST(NormalizeUrl, LowerCasesSchemeAndHostDropsDefaultPortAndFragment) {
  EXPECT_EQ(NormalizeUrl("HTTPS://Medium.COM:443/@User/Post#section"), "https://medium.com/@User/Post");
  EXPECT_EQ(NormalizeUrl("http://example.com:80/a"), "http://example.com/a");
  EXPECT_EQ(NormalizeUrl("http://example.com:8080/a"), "http://example.com:8080/a");
}

TEST(NormalizeUrl, RemovesTrackingParametersAndSortsTheRest) {
  EXPECT_EQ(NormalizeUrl("https://a.com/p?utm_source=x&b=2&source=rss----&a=1&fbclid=z"), "https://a.com/p?a=1&b=2");
  EXPECT_EQ(NormalizeUrl("https://medium.com/@u/post-abc?source=rss-xyz------2"), "https://medium.com/@u/post-abc");
}

TEST(NormalizeUrl, TrailingSlashRuleIsConsistent) {
  EXPECT_EQ(NormalizeUrl("https://a.com/blog/post/"), "https://a.com/blog/post");
  EXPECT_EQ(NormalizeUrl("https://a.com/blog/post"), "https://a.com/blog/post");
  EXPECT_EQ(NormalizeUrl("https://a.com"), "https://a.com/");
  EXPECT_EQ(NormalizeUrl("https://a.com/"), "https://a.com/");
  EXPECT_EQ(NormalizeUrl("https://a.com/blog/index.html"), "https://a.com/blog");
}

TEST(NormalizeUrl, DropsCredentialsAndDecodesUnreservedEscapes) {
  EXPECT_EQ(NormalizeUrl("https://u:p@a.com/%7Euser/%2f"), "https://a.com/~user/%2F");
}

TEST(NormalizeUrl, BytesBeyondAsciiArePercentEncodedAsBrowsersSendThem) {
  EXPECT_EQ(NormalizeUrl("https://blog.example/stra\xC3\x9F" "e?q=\xC3\xA9t\xC3\xA9"),
            "https://blog.example/stra%C3%9Fe?q=%C3%A9t%C3%A9");
  EXPECT_EQ(NormalizeUrl("https://blog.example/stra\xC3\x9F" "e"), NormalizeUrl("https://blog.example/stra%c3%9fe/"));
  // The form earlier builds stored keeps the bytes.
  EXPECT_EQ(NormalizeUrlKeepingRawUtf8("https://blog.example/stra\xC3\x9F" "e/"), "https://blog.example/stra\xC3\x9F" "e");
}

TEST(NormalizeUrl, RejectsNonHttpLinks) {
  EXPECT_FALSE(NormalizeUrl("javascript:alert(1)"));
  EXPECT_FALSE(NormalizeUrl("mailto:a@b.c"));
}

// Found by tests/fuzz/url_fuzzer.cc (seed regression-empty-host-labels): libcurl parses
// "http:///../x" with the host "..", which normalised to "http://./x" and then to "http:///x", so
// the dedupe key was not stable. Empty host labels are no host at all.
TEST(NormalizeUrl, EmptyHostLabelsAreRejectedSoTheKeyIsAFixedPoint) {
  std::string why;
  EXPECT_FALSE(ParseHttpUrl("http:///../[::1=y#z", &why));
  EXPECT_EQ(why, "has an invalid host name");
  EXPECT_FALSE(NormalizeUrl("http://a..b/x"));
  EXPECT_FALSE(NormalizeUrl("http://.a/x"));
  EXPECT_EQ(NormalizeUrl("https://a.example./x"), "https://a.example/x");  // one trailing dot is fine
  for (const char* link : {"https://a.example./x/", "HTTPS://U:P@A.com:443/%7e/?b=1&a=2#f"}) {
    const auto once = NormalizeUrl(link);
    ASSERT_TRUE(once) << link;
    EXPECT_EQ(NormalizeUrl(*once), once) << link;
  }
}

}  // namespace
}  // namespace llmtwin

namespace llmtwin {
namespace {

TEST(NormalizeUrl, RefusesLinksWhoseKeyIsNotStable) {
  // Found by the URL fuzzer: curl parses it, but its reassembly parses differently.
  const auto key = NormalizeUrl("http://[::1!]:@80.8.?y#z");
  if (key) {
    EXPECT_EQ(NormalizeUrl(*key), key);
  }
}

}  // namespace
}  // namespace llmtwin

// Internationalised (IDN) hosts are converted to their ASCII form by our URL layer (libidn2,
// IDNA2008 + UTS #46 non-transitional), not by libcurl, whose conversion depends on the process
// locale (llmtwin runs in "C", where `https://bücher.example/straße` failed as invalid-url).
namespace llmtwin {
namespace {

TEST(ParseHttpUrl, IdnHostBecomesPunycode) {
  auto url = ParseHttpUrl("https://bücher.example/straße");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "xn--bcher-kva.example");
  EXPECT_EQ(url->path, "/straße");  // the path is not the host's business: kept as written
  EXPECT_EQ(url->ToString(), "https://xn--bcher-kva.example/straße");
  // Upper case, percent-encoded UTF-8 and full-width forms map to the same host.
  EXPECT_EQ(ParseHttpUrl("https://BÜCHER.Example/")->host, "xn--bcher-kva.example");
  EXPECT_EQ(ParseHttpUrl("https://b%C3%BCcher.example/")->host, "xn--bcher-kva.example");
  EXPECT_EQ(ParseHttpUrl("https://ｇｉｔｈｕｂ。com/")->host, "github.com");
  // Non-transitional: ß is a letter of its own (not "ss"), as browsers resolve it.
  EXPECT_EQ(ParseHttpUrl("https://straße.de/")->host, "xn--strae-oqa.de");
  EXPECT_EQ(ParseUrl("https://user:pw@bücher.example/")->host, "xn--bcher-kva.example");
}

TEST(ParseHttpUrl, AsciiLabelsOfAnIdnHostAreLeftAsWritten) {
  // IDNA's hyphen rules reject "ab--c" and "-x"; hosts like these exist and were accepted before,
  // so only labels with non-ASCII characters go through IDNA.
  EXPECT_EQ(ParseHttpUrl("https://x_y.ab--c.bücher.example/")->host, "x_y.ab--c.xn--bcher-kva.example");
  EXPECT_EQ(ParseHttpUrl("https://ab--c.example/")->host, "ab--c.example");
  EXPECT_EQ(ParseHttpUrl("https://xn--bcher-kva.example/")->host, "xn--bcher-kva.example");
}

TEST(NormalizeUrl, IdnHostBecomesPunycode) {
  EXPECT_EQ(NormalizeUrl("https://bücher.example/straße"), "https://xn--bcher-kva.example/stra%C3%9Fe");
  EXPECT_EQ(NormalizeUrl("HTTPS://BÜCHER.example.:443/a/?utm_source=x&b=1#f"), "https://xn--bcher-kva.example/a?b=1");
}

TEST(NormalizeUrl, IdnAndPunycodeFormsShareOneKey) {
  const auto key = NormalizeUrl("https://xn--bcher-kva.example/straße");
  ASSERT_TRUE(key);
  for (const char* link : {"https://bücher.example/straße", "https://BÜCHER.EXAMPLE/straße/",
                           "https://b%C3%BCcher.example/straße", "https://XN--BCHER-KVA.example/straße#x"}) {
    EXPECT_EQ(NormalizeUrl(link), key) << link;
  }
}

TEST(NormalizeUrl, IdnKeysAreAFixedPoint) {
  for (const char* link : {"https://bücher.example/straße", "https://é.example./x/?b=2&a=1",
                           "https://u:p@ＢÜＣＨＥＲ.example:8443/%7e/stra%c3%9fe", "http://straße.de/",
                           "https://a。b.example/"}) {
    const auto once = NormalizeUrl(link);
    ASSERT_TRUE(once) << link;
    EXPECT_EQ(NormalizeUrl(*once), once) << link;
    const size_t host_start = once->find("://") + 3;
    const std::string authority = once->substr(host_start, once->find('/', host_start) - host_start);
    for (char c : authority) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << "the host of " << *once << " is ASCII";
  }
}

TEST(ParseHttpUrl, InvalidIdnHostIsRejectedWithItsName) {
  std::string why;
  // U+2603 SNOWMAN is not allowed in a host name by IDNA2008.
  EXPECT_FALSE(ParseHttpUrl("https://☃.example/x", &why));
  EXPECT_EQ(why.rfind("has an invalid internationalised host name '☃.example' (", 0), 0u) << why;
  EXPECT_FALSE(NormalizeUrl("https://☃.example/x"));
  // A hyphen rule broken by a label that has non-ASCII characters.
  EXPECT_FALSE(ParseHttpUrl("https://ab--ü.example/", &why));
  EXPECT_NE(why.find("'ab--ü.example'"), std::string::npos) << why;
  // Bytes that are not UTF-8 are named as %XX.
  EXPECT_FALSE(ParseHttpUrl("https://%FFx.example/", &why));
  EXPECT_NE(why.find("'%FFx.example'"), std::string::npos) << why;
}

TEST(ParseHttpUrl, IdnHostThatMapsToNonHostCharactersIsRejected) {
  // U+FF0F FULLWIDTH SOLIDUS maps to "/": the host must not become "evil.com" with a path.
  std::string why;
  EXPECT_FALSE(ParseHttpUrl("https://evil.com／x.example/", &why));
  EXPECT_NE(why.find("'evil.com／x.example'"), std::string::npos) << why;
  EXPECT_NE(why.find("'com／x' maps to 'com/x'"), std::string::npos) << why;
  EXPECT_FALSE(ParseHttpUrl("https://ｘ＠ｙ.example/", &why));
  EXPECT_FALSE(ParseHttpUrl("https://ａ：8080.example/", &why));
  EXPECT_FALSE(NormalizeUrl("https://evil.com／x.example/"));
  // A label that maps to nothing (U+00AD SOFT HYPHEN) leaves an empty label.
  EXPECT_FALSE(ParseHttpUrl("https://\u00ad.example/", &why));
  EXPECT_EQ(why, "has an invalid host name");
}

TEST(ParseUrl, KeepsAHostIdnaRejectsAsWrittenSoCredentialsCanStillBeDropped) {
  auto url = ParseUrl("https://user:secret@☃.example/a");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "☃.example");
  EXPECT_EQ(url->ToString(), "https://☃.example/a");
}

}  // namespace
}  // namespace llmtwin
