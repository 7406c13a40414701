// The Fetcher through the real network stack: libcurl talking HTTPS/HTTP to the local fixture
// server on 127.0.0.1 (tests/server), host names mapped with CONNECT_TO.
#include "fetch/fetcher.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <thread>

#include "common/error.h"
#include "fetch/extra_ca.h"
#include "support/fixture_server.h"

namespace llmtwin {
namespace {

using namespace std::chrono_literals;
using test::FixtureServer;

const char* const kMediumPage =
    "https://medium.com/@pippinlee/the-open-journalism-project-better-student-journalism-fb39f4f701bb";

CrawlOptions TestOptions() { return FixtureServer::Shared().Options(); }

// A fresh key per test run, so the server's per-key counters never see a previous run.
std::string Unique(const std::string& base) {
  static int counter = 0;
  return base + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "-" +
         std::to_string(++counter);
}

std::string PercentEncode(const std::string& s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') out += static_cast<char>(c);
    else out += {'%', kHex[c >> 4], kHex[c & 15]};
  }
  return out;
}

// How many requests the server saw for `url`.
int Hits(const std::string& url) {
  CrawlOptions options = TestOptions();
  options.respect_robots = false;
  Fetcher fetcher(options);
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/hits?url=" + PercentEncode(url)});
  EXPECT_TRUE(r.ok()) << r.error_message;
  return std::atoi(r.body.c_str());
}

template <typename T>
bool ReadyWithin(std::future<T>& future, std::chrono::milliseconds limit) {
  return future.wait_for(limit) == std::future_status::ready;
}

TEST(Fetcher, ServesASharedFixtureAtItsOriginalUrlOverHttp2) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch({.url = kMediumPage});
  ASSERT_TRUE(r.ok()) << FetchErrorCategoryName(r.error) << ": " << r.error_message;
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.http_version, "2");
  EXPECT_EQ(r.final_url, kMediumPage);
  EXPECT_NE(r.content_type.find("text/html"), std::string::npos);
  EXPECT_NE(r.body.find("The Open Journalism Project"), std::string::npos);
  EXPECT_FALSE(r.etag.empty());
  EXPECT_FALSE(r.last_modified.empty());
  EXPECT_EQ(r.attempts, 1);
  EXPECT_GT(r.total_seconds, 0);
  EXPECT_GT(r.ttfb_seconds, 0);
  // A fresh connection reports its TLS handshake time.
  Fetcher fresh(TestOptions());
  const FetchResult direct = fresh.Fetch({.url = kMediumPage, .obey_robots = false});
  EXPECT_EQ(direct.new_connections, 1);
  EXPECT_GT(direct.tls_seconds, 0);
  EXPECT_GE(direct.tls_seconds, direct.connect_seconds);
}

TEST(Fetcher, PlainHttpWorksWithHttp11) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch({.url = "http://faults.test/ok?plain"});
  ASSERT_TRUE(r.ok()) << r.error_message;
  EXPECT_EQ(r.http_version, "1.1");
  EXPECT_EQ(r.tls_seconds, 0);
}

TEST(Fetcher, ReusesTheConnectionForTheNextRequestToTheSameHost) {
  Fetcher fetcher(TestOptions());
  const FetchResult first = fetcher.Fetch({.url = "https://faults.test/ok?first", .obey_robots = false});
  const FetchResult second = fetcher.Fetch({.url = "https://faults.test/ok?second", .obey_robots = false});
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first.new_connections, 1);
  EXPECT_EQ(second.new_connections, 0);
}

TEST(Fetcher, ManyTransfersInFlightMultiplexOverOneConnection) {
  CrawlOptions options = TestOptions();
  options.per_host_connections = 16;
  Fetcher fetcher(options);
  std::vector<std::future<FetchResult>> futures;
  for (int i = 0; i < 40; ++i)
    futures.push_back(fetcher.Submit({.url = "https://bench.test/page/" + std::to_string(i) + "?kb=8"}));
  int opened = 0;
  for (auto& f : futures) {
    const FetchResult r = f.get();
    ASSERT_TRUE(r.ok()) << r.error_message;
    ASSERT_GT(r.body.size(), 8000u);
    opened += r.new_connections;
  }
  EXPECT_LE(opened, 2);  // HTTP/2: streams share a connection
}

TEST(Fetcher, DecodesGzipDeflateAndBrotli) {
  Fetcher fetcher(TestOptions());
  for (const std::string enc : {"gzip", "deflate", "br"}) {
    const FetchResult r = fetcher.Fetch({.url = "https://faults.test/compressed?enc=" + enc});
    ASSERT_TRUE(r.ok()) << enc << ": " << r.error_message;
    EXPECT_EQ(std::to_string(r.body.size()), r.Header("X-Uncompressed-Length")) << enc;
    EXPECT_EQ(r.Header("content-encoding"), enc);
    EXPECT_NE(r.body.find("é ü 中文"), std::string::npos) << enc;
    EXPECT_NE(r.Header("X-Accept-Encoding-Seen").find("br"), std::string::npos);
  }
}

TEST(Fetcher, DecodesBodiesToUtf8FromHeaderBomOrMeta) {
  Fetcher fetcher(TestOptions());
  auto body = [&](const std::string& which) {
    const FetchResult r = fetcher.Fetch({.url = "https://faults.test/charset?case=" + which});
    EXPECT_TRUE(r.ok()) << which << ": " << r.error_message;
    return r.body;
  };
  EXPECT_NE(body("latin1-header").find("naïve café"), std::string::npos);
  EXPECT_NE(body("latin1-meta").find("naïve café"), std::string::npos);
  EXPECT_NE(body("win1252-http-equiv").find("€ 5"), std::string::npos);
  EXPECT_NE(body("utf16-bom").find("<title>café</title>"), std::string::npos);
  EXPECT_EQ(body("utf8-bom").rfind("<html><title>café", 0), 0u);
  EXPECT_NE(body("header-wins").find("café"), std::string::npos);
  EXPECT_NE(body("invalid-utf8").find("ok \xEF\xBF\xBD\xEF\xBF\xBD bad"), std::string::npos);
  // Raw mode keeps the bytes as sent.
  const FetchResult raw = fetcher.Fetch({.url = "https://faults.test/charset?case=latin1-header", .decode_text = false});
  EXPECT_NE(raw.body.find("caf\xe9"), std::string::npos);
}

TEST(Fetcher, SendsTheLlmtwinUserAgentAndExtraHeaders) {
  CrawlOptions options = TestOptions();
  Fetcher fetcher(options);
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/echo", .headers = {{"X-Probe", "42"}}});
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r.body.find("\"user-agent\":\"" + EffectiveUserAgent(options) + "\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("\"x-probe\":\"42\""), std::string::npos);
  EXPECT_NE(EffectiveUserAgent(options).find("llmtwin/"), std::string::npos);
}

TEST(Fetcher, HeadRequestsHaveNoBody) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch({.url = kMediumPage, .head = true});
  ASSERT_TRUE(r.ok()) << r.error_message;
  EXPECT_TRUE(r.body.empty());
  EXPECT_FALSE(r.Header("Content-Length").empty());
}

TEST(Fetcher, HeaderLookupIsCaseInsensitive) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/headers?X-Custom-Thing=abc"});
  EXPECT_EQ(r.Header("x-custom-thing"), "abc");
  EXPECT_EQ(r.Header("X-CUSTOM-THING"), "abc");
  EXPECT_EQ(r.Header("absent"), "");
}

// ---- Retries ----

TEST(Fetcher, RetriesA500UntilItSucceeds) {
  Fetcher fetcher(TestOptions());
  const std::string url = "https://faults.test/flaky?fail=2&key=" + Unique("500");
  const FetchResult r = fetcher.Fetch({.url = url});
  ASSERT_TRUE(r.ok()) << r.error_message;
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(Hits(url), 3);
}

TEST(Fetcher, GivesUpAfterTheConfiguredRetriesWithHttp5xx) {
  CrawlOptions options = TestOptions();
  options.retries = 2;
  Fetcher fetcher(options);
  const std::string url = "https://faults.test/flaky?fail=50&code=503&key=" + Unique("503");
  const FetchResult r = fetcher.Fetch({.url = url});
  EXPECT_EQ(r.error, FetchErrorCategory::kHttp5xx);
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(Hits(url), 3);
}

TEST(Fetcher, RetriesA408) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/flaky?fail=1&code=408&key=" + Unique("408")});
  ASSERT_TRUE(r.ok()) << r.error_message;
  EXPECT_EQ(r.attempts, 2);
}

TEST(Fetcher, DoesNotRetryA404) {
  Fetcher fetcher(TestOptions());
  const std::string url = "https://faults.test/status?code=404&key=" + Unique("404");
  const FetchResult r = fetcher.Fetch({.url = url});
  EXPECT_EQ(r.error, FetchErrorCategory::kHttp4xx);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(r.body, "status 404");
  EXPECT_EQ(Hits(url), 1);
}

TEST(Fetcher, Honours429RetryAfterSecondsOnTheInjectedClock) {
  ManualClock clock;
  CrawlOptions options = TestOptions();
  options.backoff_max_ms = 120000;
  Fetcher fetcher(options, &clock);
  const std::string url = "https://faults.test/retry-after?seconds=30&key=" + Unique("ra");
  auto future = fetcher.Submit({.url = url});
  // The first attempt is answered 429 + Retry-After: 30; nothing happens until 30 s pass.
  for (int i = 0; i < 1000 && Hits(url) < 1; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_EQ(Hits(url), 1);
  EXPECT_FALSE(ReadyWithin(future, 300ms));
  clock.Advance(29s);
  EXPECT_FALSE(ReadyWithin(future, 200ms));
  clock.Advance(1s);
  ASSERT_TRUE(ReadyWithin(future, 5000ms));
  const FetchResult r = future.get();
  ASSERT_TRUE(r.ok()) << r.error_message;
  EXPECT_EQ(r.attempts, 2);
  EXPECT_GE(r.wait_seconds, 30);
  EXPECT_EQ(Hits(url), 2);
}

TEST(Fetcher, Honours503RetryAfterAsAnHttpDate) {
  ManualClock clock;
  CrawlOptions options = TestOptions();
  options.backoff_max_ms = 120000;
  Fetcher fetcher(options, &clock);
  const std::string url = "https://faults.test/retry-after?seconds=20&date=1&code=503&key=" + Unique("date");
  auto future = fetcher.Submit({.url = url});
  for (int i = 0; i < 1000 && Hits(url) < 1; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_FALSE(ReadyWithin(future, 300ms));
  clock.Advance(15s);  // the date has one-second resolution: 19-20 s from now
  EXPECT_FALSE(ReadyWithin(future, 200ms));
  clock.Advance(6s);
  ASSERT_TRUE(ReadyWithin(future, 5000ms));
  const FetchResult r = future.get();
  EXPECT_TRUE(r.ok()) << r.error_message;
  EXPECT_EQ(r.attempts, 2);
}

TEST(Fetcher, DoesNotWaitForARetryAfterLongerThanTheBackoffCap) {
  CrawlOptions options = TestOptions();
  options.backoff_max_ms = 5000;
  Fetcher fetcher(options);
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/retry-after?seconds=3600&key=" + Unique("cap")});
  EXPECT_EQ(r.error, FetchErrorCategory::kHttp4xx);
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_NE(r.error_message.find("Retry-After"), std::string::npos);
}

TEST(Fetcher, BackoffWaitsOnTheInjectedClock) {
  ManualClock clock;
  CrawlOptions options = TestOptions();
  options.backoff_base_ms = 10000;
  options.backoff_max_ms = 10000;
  Fetcher fetcher(options, &clock);
  const std::string url = "https://faults.test/flaky?fail=1&key=" + Unique("backoff");
  auto future = fetcher.Submit({.url = url});
  for (int i = 0; i < 1000 && Hits(url) < 1; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_FALSE(ReadyWithin(future, 300ms));  // waits at least base/2 = 5 s (equal jitter)
  clock.Advance(4900ms);
  EXPECT_FALSE(ReadyWithin(future, 100ms));
  clock.Advance(5200ms);
  ASSERT_TRUE(ReadyWithin(future, 5000ms));
  EXPECT_TRUE(future.get().ok());
}

TEST(Fetcher, BodyCutShortIsANetworkErrorAfterRetries) {
  CrawlOptions options = TestOptions();
  options.retries = 1;
  Fetcher fetcher(options);
  for (const std::string scheme : {"https", "http"}) {
    const FetchResult r = fetcher.Fetch({.url = scheme + "://faults.test/short?declared=5000&actual=100"});
    EXPECT_EQ(r.error, FetchErrorCategory::kNetwork) << scheme << ": " << r.error_message;
    EXPECT_NE(r.error_message.find("cut short"), std::string::npos) << r.error_message;
    EXPECT_EQ(r.attempts, 2);
  }
}

TEST(Fetcher, ConnectionRefusedIsAConnectError) {
  CrawlOptions options = TestOptions();
  options.connect_to = {"refused.test:443:127.0.0.1:1"};
  options.retries = 1;
  Fetcher fetcher(options);
  const FetchResult r = fetcher.Fetch({.url = "https://refused.test/", .obey_robots = false});
  EXPECT_EQ(r.error, FetchErrorCategory::kConnect) << r.error_message;
  EXPECT_EQ(r.attempts, 2);
}

// ---- Limits ----

TEST(Fetcher, AbortsABodyLargerThanTheLimitAndSaysSo) {
  CrawlOptions options = TestOptions();
  options.max_body_bytes = 1 << 20;
  Fetcher fetcher(options);
  for (const std::string chunked : {"0", "1"}) {
    const auto start = std::chrono::steady_clock::now();
    const FetchResult r = fetcher.Fetch({.url = "https://faults.test/huge?bytes=1073741824&chunked=" + chunked});
    EXPECT_EQ(r.error, FetchErrorCategory::kTooLarge) << r.error_message;
    EXPECT_NE(r.error_message.find("max_body_bytes"), std::string::npos);
    EXPECT_EQ(r.attempts, 1);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  }
  // A per-request limit overrides the options.
  const FetchResult small = fetcher.Fetch({.url = "https://faults.test/huge?bytes=5000", .max_body_bytes = 4000});
  EXPECT_EQ(small.error, FetchErrorCategory::kTooLarge);
}

TEST(Fetcher, AGzipBombStopsAtTheLimitOfDecodedBytes) {
  CrawlOptions options = TestOptions();
  options.max_body_bytes = 4 << 20;
  Fetcher fetcher(options);
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/gzip-bomb"});
  EXPECT_EQ(r.error, FetchErrorCategory::kTooLarge) << r.error_message;
}

TEST(Fetcher, FollowsRedirectsAndReportsTheChain) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/chain?n=3"});
  ASSERT_TRUE(r.ok()) << r.error_message;
  EXPECT_EQ(r.body, "end of chain");
  EXPECT_EQ(r.redirects.size(), 3u);
  EXPECT_EQ(r.final_url, "https://faults.test/chain?n=0");
  EXPECT_EQ(r.requested_url, "https://faults.test/chain?n=3");
}

TEST(Fetcher, FollowsARedirectToAnotherHost) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/redirect?code=301&to=" + PercentEncode(kMediumPage)});
  ASSERT_TRUE(r.ok()) << r.error_message;
  EXPECT_EQ(r.final_url, kMediumPage);
}

TEST(Fetcher, ReportsARedirectLoopAsALoop) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/loop/a?x=1"});
  EXPECT_EQ(r.error, FetchErrorCategory::kRedirectLoop) << r.error_message;
  EXPECT_NE(r.error_message.find("/loop/a?x=1"), std::string::npos);
}

TEST(Fetcher, StopsAfterTooManyRedirects) {
  CrawlOptions options = TestOptions();
  options.max_redirects = 5;
  Fetcher fetcher(options);
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/chain?n=20"});
  EXPECT_EQ(r.error, FetchErrorCategory::kTooManyRedirects) << r.error_message;
  EXPECT_EQ(r.redirects.size(), 5u);
}

TEST(Fetcher, TotalTimeoutOnAStalledServer) {
  CrawlOptions options = TestOptions();
  options.timeout_s = 0.5;
  options.retries = 0;
  Fetcher fetcher(options);
  const auto start = std::chrono::steady_clock::now();
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/stall?ms=10000"});
  EXPECT_EQ(r.error, FetchErrorCategory::kTimeout) << r.error_message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(Fetcher, LowSpeedTimeoutOnASlowDrip) {
  CrawlOptions options = TestOptions();
  options.low_speed_limit_bytes = 1000;
  options.low_speed_time_s = 1;
  options.retries = 0;
  Fetcher fetcher(options);
  const auto start = std::chrono::steady_clock::now();
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/drip?bytes=100000&chunk=10&interval_ms=200"});
  EXPECT_EQ(r.error, FetchErrorCategory::kTimeout) << r.error_message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, 8s);
}

TEST(Fetcher, ASlowButSteadyDripCompletes) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/drip?bytes=50&chunk=10&interval_ms=20"});
  ASSERT_TRUE(r.ok()) << r.error_message;
  EXPECT_EQ(r.body, std::string(50, 'd'));
}

// ---- Content ----

TEST(Fetcher, BinaryContentWhereTextWasAskedIsBadContent) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/wrong-type"});
  EXPECT_EQ(r.error, FetchErrorCategory::kBadContent);
  EXPECT_NE(r.error_message.find("image/png"), std::string::npos);
  const FetchResult raw = fetcher.Fetch({.url = "https://faults.test/wrong-type", .decode_text = false});
  EXPECT_TRUE(raw.ok());
  EXPECT_EQ(raw.body.substr(1, 3), "PNG");
}

TEST(Fetcher, ConditionalRequestsReportUnchanged) {
  Fetcher fetcher(TestOptions());
  const std::string url = "https://faults.test/etag?key=" + Unique("etag");
  const FetchResult first = fetcher.Fetch({.url = url});
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first.etag.empty());
  ASSERT_FALSE(first.last_modified.empty());
  const FetchResult by_etag = fetcher.Fetch({.url = url, .if_none_match = first.etag});
  EXPECT_TRUE(by_etag.not_modified());
  EXPECT_FALSE(by_etag.ok());
  EXPECT_TRUE(by_etag.body.empty());
  const FetchResult by_date = fetcher.Fetch({.url = url, .if_modified_since = first.last_modified});
  EXPECT_TRUE(by_date.not_modified());
  const FetchResult changed = fetcher.Fetch({.url = url, .if_none_match = "\"old\""});
  EXPECT_TRUE(changed.ok());
  // The fixture pages support it too.
  const FetchResult page = fetcher.Fetch({.url = kMediumPage});
  EXPECT_TRUE(fetcher.Fetch({.url = kMediumPage, .if_none_match = page.etag}).not_modified());
}

// ---- TLS and addresses ----

TEST(Fetcher, ACertificateForAnotherHostIsATlsError) {
  CrawlOptions options = TestOptions();
  options.connect_to = {"faults.test:443:127.0.0.1:" + std::to_string(FixtureServer::Shared().badcert_port())};
  Fetcher fetcher(options);
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/ok", .obey_robots = false});
  EXPECT_EQ(r.error, FetchErrorCategory::kTls) << r.error_message;
  EXPECT_EQ(r.attempts, 1);  // not retried
  // When robots.txt already fails on TLS, the page reports the TLS error, not a robots problem.
  const FetchResult polite = fetcher.Fetch({.url = "https://faults.test/ok?polite"});
  EXPECT_EQ(polite.error, FetchErrorCategory::kTls) << polite.error_message;
}

TEST(Fetcher, AnUntrustedCertificateIsATlsError) {
  CrawlOptions options = TestOptions();
  options.cacert.clear();  // the system store does not know the test CA
  Fetcher fetcher(options);
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/ok"});
  EXPECT_EQ(r.error, FetchErrorCategory::kTls) << r.error_message;
}

TEST(Fetcher, TheTrustStoreIsLoadedOncePerProcessAndFile) {
  const auto system = TrustStore::For("");
  EXPECT_EQ(system, TrustStore::For(""));
  EXPECT_EQ(system->extra_certificates(), 0u);
  const auto with_test_ca = TrustStore::For(TestOptions().cacert);
  EXPECT_EQ(with_test_ca, TrustStore::For(TestOptions().cacert));
  EXPECT_NE(with_test_ca, system);
  EXPECT_GE(with_test_ca->extra_certificates(), 1u);
  EXPECT_TRUE(system->shared());  // Debian's libcurl uses OpenSSL
  // Two fetchers with the test CA share its store, and both trust the test server.
  Fetcher first(TestOptions()), second(TestOptions());
  for (Fetcher* fetcher : {&first, &second}) {
    const FetchResult r = fetcher->Fetch({.url = "https://faults.test/ok", .obey_robots = false});
    EXPECT_TRUE(r.ok()) << r.error_message;
  }
}

TEST(Fetcher, RefusesLoopbackAddressesUnlessAllowed) {
  CrawlOptions options = TestOptions();
  options.allow_private_addresses = false;
  Fetcher fetcher(options);
  const std::string url = "https://faults.test/ok?guard=" + Unique("g");
  const FetchResult r = fetcher.Fetch({.url = url, .obey_robots = false});
  EXPECT_EQ(r.error, FetchErrorCategory::kBlockedAddress) << r.error_message;
  EXPECT_NE(r.error_message.find("127.0.0.1"), std::string::npos);
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(Hits(url), 0);
  // A literal private address in the URL is refused the same way.
  const FetchResult literal = fetcher.Fetch({.url = "http://169.254.169.254/latest/meta-data/", .obey_robots = false});
  EXPECT_EQ(literal.error, FetchErrorCategory::kBlockedAddress) << literal.error_message;
}

TEST(Fetcher, RejectsInvalidUrlsWithoutTouchingTheNetwork) {
  Fetcher fetcher(TestOptions());
  EXPECT_EQ(fetcher.Fetch({.url = "ftp://example.com/file"}).error, FetchErrorCategory::kInvalidUrl);
  EXPECT_EQ(fetcher.Fetch({.url = "not a url"}).error, FetchErrorCategory::kInvalidUrl);
  EXPECT_EQ(fetcher.Fetch({.url = ""}).error, FetchErrorCategory::kInvalidUrl);
}

// An IDN host is requested in its punycode form (our URL layer converts it; libcurl's own
// conversion depends on the locale and failed in "C" as invalid-url): the fixture server has no
// page there and answers 404, so the request reached it, with the punycode Host.
TEST(Fetcher, IdnHostIsRequestedAsPunycode) {
  Fetcher fetcher(TestOptions());
  const std::string query = "?" + Unique("idn");
  const FetchResult r = fetcher.Fetch({.url = "https://bücher.example/idn" + query, .obey_robots = false});
  EXPECT_EQ(r.status, 404) << r.error_message;
  EXPECT_NE(r.error, FetchErrorCategory::kInvalidUrl) << r.error_message;
  EXPECT_EQ(r.final_url, "https://xn--bcher-kva.example/idn" + query);
  EXPECT_EQ(Hits("https://xn--bcher-kva.example/idn" + query), 1);
}

TEST(Fetcher, InvalidIdnHostIsAnInvalidUrlNamingTheHost) {
  Fetcher fetcher(TestOptions());
  const FetchResult r = fetcher.Fetch({.url = "https://☃.example/x"});
  EXPECT_EQ(r.error, FetchErrorCategory::kInvalidUrl) << r.error_message;
  EXPECT_NE(r.error_message.find("invalid internationalised host name '☃.example'"), std::string::npos)
      << r.error_message;
  // The same for a redirect found on the way (a link given by a user is checked before the run).
  const FetchResult hop = fetcher.Fetch(
      {.url = "https://faults.test/redirect?to=" + PercentEncode("https://☃.example/x") + "&" + Unique("idn"),
       .obey_robots = false});
  EXPECT_EQ(hop.error, FetchErrorCategory::kInvalidUrl) << hop.error_message;
  EXPECT_NE(hop.error_message.find("invalid internationalised host name '☃.example'"), std::string::npos)
      << hop.error_message;
}

TEST(Fetcher, BadOptionsAreConfigErrors) {
  CrawlOptions bad_connect_to = TestOptions();
  bad_connect_to.connect_to = {"only:two"};
  EXPECT_THROW(Fetcher{bad_connect_to}, Error);
  CrawlOptions bad_cacert = TestOptions();
  bad_cacert.cacert = "/nonexistent/ca.pem";
  EXPECT_THROW(Fetcher{bad_cacert}, Error);
  bad_cacert.cacert = LLMTWIN_SOURCE_DIR "/README.md";  // readable, but no certificate in it
  EXPECT_THROW(Fetcher{bad_cacert}, Error);
}

// ---- Cancellation ----

TEST(Fetcher, CancelAllCompletesInFlightAndQueuedRequests) {
  CrawlOptions options = TestOptions();
  options.per_host_connections = 1;
  Fetcher fetcher(options);
  std::vector<std::future<FetchResult>> futures;
  for (int i = 0; i < 4; ++i)
    futures.push_back(fetcher.Submit({.url = "https://faults.test/stall?ms=20000&i=" + std::to_string(i)}));
  std::this_thread::sleep_for(200ms);
  const auto start = std::chrono::steady_clock::now();
  fetcher.CancelAll();
  for (auto& f : futures) {
    ASSERT_TRUE(ReadyWithin(f, 2000ms));
    EXPECT_EQ(f.get().error, FetchErrorCategory::kCancelled);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  // The fetcher keeps working afterwards.
  EXPECT_TRUE(fetcher.Fetch({.url = "https://faults.test/ok?after-cancel"}).ok());
}

TEST(Fetcher, DestructionCancelsWhatIsInFlight) {
  std::future<FetchResult> future;
  const auto start = std::chrono::steady_clock::now();
  {
    Fetcher fetcher(TestOptions());
    future = fetcher.Submit({.url = "https://faults.test/stall?ms=20000&destroy"});
    std::this_thread::sleep_for(100ms);
  }
  ASSERT_TRUE(ReadyWithin(future, 100ms));
  EXPECT_EQ(future.get().error, FetchErrorCategory::kCancelled);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

// ---- Politeness ----

TEST(Fetcher, WaitsTheMinimumDelayBetweenRequestsToOneHost) {
  ManualClock clock;
  CrawlOptions options = TestOptions();
  options.min_delay_ms = 5000;
  options.respect_robots = false;
  Fetcher fetcher(options, &clock);
  auto first = fetcher.Submit({.url = "https://faults.test/ok?delay=1"});
  auto second = fetcher.Submit({.url = "https://faults.test/ok?delay=2"});
  auto other_host = fetcher.Submit({.url = kMediumPage});
  ASSERT_TRUE(ReadyWithin(first, 5000ms));
  ASSERT_TRUE(ReadyWithin(other_host, 5000ms));  // another host is not held back
  EXPECT_FALSE(ReadyWithin(second, 300ms));
  clock.Advance(4900ms);
  EXPECT_FALSE(ReadyWithin(second, 100ms));
  clock.Advance(100ms);
  ASSERT_TRUE(ReadyWithin(second, 5000ms));
  const FetchResult a = first.get(), b = second.get();
  EXPECT_TRUE(a.ok() && b.ok());
  EXPECT_GE(b.started_at - a.started_at, 5000ms);
  EXPECT_GE(b.wait_seconds, 5.0);
}

TEST(Fetcher, LimitsParallelConnectionsPerHost) {
  CrawlOptions options = TestOptions();
  options.per_host_connections = 1;
  Fetcher fetcher(options);
  auto a = fetcher.Submit({.url = "https://faults.test/stall?ms=300&n=1"});
  auto b = fetcher.Submit({.url = "https://faults.test/stall?ms=300&n=2"});
  const FetchResult ra = a.get(), rb = b.get();
  ASSERT_TRUE(ra.ok() && rb.ok()) << ra.error_message << rb.error_message;
  EXPECT_GE(rb.started_at - ra.started_at, 290ms);  // the second waited for the first
}

TEST(Fetcher, LimitsGlobalConcurrencyAcrossHosts) {
  CrawlOptions options = TestOptions();
  options.concurrency = 1;
  options.respect_robots = false;
  Fetcher fetcher(options);
  auto a = fetcher.Submit({.url = "https://faults.test/stall?ms=300&g=1"});
  auto b = fetcher.Submit({.url = "https://other.robots.test/stall-free"});
  const FetchResult ra = a.get(), rb = b.get();
  ASSERT_TRUE(ra.ok() && rb.ok());
  EXPECT_GE(rb.started_at - ra.started_at, 290ms);
}

TEST(Fetcher, ObeysRobotsRulesForItsUserAgentAndFetchesRobotsOnce) {
  Fetcher fetcher(TestOptions());
  const std::string host = Unique("h") + ".rules.robots.test";
  auto fetch = [&](const std::string& path) { return fetcher.Fetch({.url = "https://" + host + path}); };
  EXPECT_TRUE(fetch("/public").ok());
  EXPECT_EQ(fetch("/private/x").error, FetchErrorCategory::kRobotsDisallowed);
  EXPECT_TRUE(fetch("/private/open/x").ok());
  EXPECT_EQ(fetch("/doc.pdf").error, FetchErrorCategory::kRobotsDisallowed);
  EXPECT_TRUE(fetch("/doc.pdf?page=2").ok());
  EXPECT_EQ(Hits("https://" + host + "/robots.txt"), 1);
  EXPECT_EQ(Hits("https://" + host + "/private/x"), 0);  // never requested
  // A request may opt out (e.g. for a user's own site), and so may the options.
  EXPECT_TRUE(fetcher.Fetch({.url = "https://" + host + "/private/x", .obey_robots = false}).ok());
}

TEST(Fetcher, RobotsAppliesToEveryRedirectHop) {
  Fetcher fetcher(TestOptions());
  const std::string target = "https://" + Unique("r") + ".rules.robots.test/private/secret";
  const FetchResult r = fetcher.Fetch({.url = "https://faults.test/redirect?to=" + PercentEncode(target)});
  EXPECT_EQ(r.error, FetchErrorCategory::kRobotsDisallowed) << r.error_message;
}

TEST(Fetcher, A4xxRobotsFileAllowsEverything) {
  Fetcher fetcher(TestOptions());
  EXPECT_TRUE(fetcher.Fetch({.url = "https://" + Unique("a") + ".r404.robots.test/anything"}).ok());
  EXPECT_TRUE(fetcher.Fetch({.url = "https://" + Unique("b") + ".r403.robots.test/anything"}).ok());
}

TEST(Fetcher, A5xxRobotsFileDisallowsForNowAfterRetries) {
  CrawlOptions options = TestOptions();
  options.retries = 1;
  Fetcher fetcher(options);
  const std::string host = Unique("c") + ".r500.robots.test";
  const FetchResult r = fetcher.Fetch({.url = "https://" + host + "/page"});
  EXPECT_EQ(r.error, FetchErrorCategory::kRobotsUnavailable) << r.error_message;
  EXPECT_NE(r.error_message.find("retry later"), std::string::npos);
  EXPECT_EQ(Hits("https://" + host + "/robots.txt"), 2);  // retried once, then remembered
  EXPECT_EQ(fetcher.Fetch({.url = "https://" + host + "/other"}).error, FetchErrorCategory::kRobotsUnavailable);
  EXPECT_EQ(Hits("https://" + host + "/robots.txt"), 2);
  EXPECT_EQ(Hits("https://" + host + "/page"), 0);
}

TEST(Fetcher, FollowsARedirectedRobotsFile) {
  Fetcher fetcher(TestOptions());
  const std::string host = "https://" + Unique("d") + ".redirect.robots.test";
  EXPECT_EQ(fetcher.Fetch({.url = host + "/moved-private"}).error, FetchErrorCategory::kRobotsDisallowed);
  EXPECT_TRUE(fetcher.Fetch({.url = host + "/public"}).ok());
}

TEST(Fetcher, HonoursCrawlDelayUpToTheCap) {
  ManualClock clock;
  CrawlOptions options = TestOptions();
  options.crawl_delay_cap_s = 10;
  Fetcher fetcher(options, &clock);
  const std::string host = "https://" + Unique("e") + ".bigdelay.robots.test";  // Crawl-delay: 3600
  auto a = fetcher.Submit({.url = host + "/1"});
  auto b = fetcher.Submit({.url = host + "/2"});
  ASSERT_TRUE(ReadyWithin(a, 5000ms));
  EXPECT_FALSE(ReadyWithin(b, 300ms));
  clock.Advance(9s);
  EXPECT_FALSE(ReadyWithin(b, 100ms));
  clock.Advance(1s);  // the cap, not 3600 s
  ASSERT_TRUE(ReadyWithin(b, 5000ms));
  const FetchResult ra = a.get(), rb = b.get();
  EXPECT_TRUE(ra.ok() && rb.ok());
  EXPECT_GE(rb.started_at - ra.started_at, 10s);
}

TEST(Fetcher, CrawlDelayBelowTheCapIsHonouredAsGiven) {
  CrawlOptions options = TestOptions();
  Fetcher fetcher(options);
  const std::string host = "https://" + Unique("f") + ".delay.robots.test";  // Crawl-delay: 1
  auto a = fetcher.Submit({.url = host + "/1"});
  auto b = fetcher.Submit({.url = host + "/2"});
  const FetchResult ra = a.get(), rb = b.get();
  ASSERT_TRUE(ra.ok() && rb.ok());
  EXPECT_GE(rb.started_at - ra.started_at, 990ms);
}

double ProcessCpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

TEST(Fetcher, DoesNotSpinWhileWaitingForASlowRobotsFile) {
  Fetcher fetcher(TestOptions());
  const double cpu_before = ProcessCpuSeconds();
  // robots.txt of slow.robots.test takes 1 s; two requests wait for it.
  auto a = fetcher.Submit({.url = "https://" + Unique("s") + ".slow.robots.test/page"});
  auto b = fetcher.Submit({.url = "https://" + Unique("t") + ".slow.robots.test/slow-private"});
  const FetchResult ra = a.get();
  EXPECT_TRUE(ra.ok()) << ra.error_message;
  EXPECT_EQ(b.get().error, FetchErrorCategory::kRobotsDisallowed);
  EXPECT_GE(ra.wait_seconds, 0.9);
  EXPECT_LT(ProcessCpuSeconds() - cpu_before, 0.4);  // a busy loop would burn ~1 s per waiting second
}

TEST(Fetcher, FetchIsSafeFromManyThreads) {
  CrawlOptions options = TestOptions();
  options.per_host_connections = 8;
  Fetcher fetcher(options);
  std::atomic<int> ok{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 8; ++t)
    workers.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i)
        if (fetcher.Fetch({.url = "https://bench.test/page/" + std::to_string(t * 100 + i) + "?kb=4"}).ok()) ++ok;
    });
  for (auto& w : workers) w.join();
  EXPECT_EQ(ok.load(), 80);
}

}  // namespace
}  // namespace llmtwin
