// The guard for use as a service, end to end: with allow_private_addresses off, a link (or any hop
// of its redirect chain, or a name that "resolves" to such an address) leading to a loopback,
// private or link-local address is refused before any connection is made, and the link's record
// says `blocked-address`. The fixture server is on 127.0.0.1, so the tests allow exactly that
// address (crawl.allowed_addresses) and nothing else; the refused targets are literal addresses
// the guard must stop in the socket callback, so no packet ever leaves for them.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cctype>

#include "common/error.h"
#include "pipeline/config.h"
#include "reliability/reliability_env.h"

namespace llmtwin {
namespace {

using test::FixtureServer;

std::string Escape(const std::string& url) {
  std::string out;
  for (unsigned char c : url) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

std::string RedirectTo(const std::string& target) { return "https://faults.test/redirect?to=" + Escape(target); }

CrawlOptions GuardedOptions() {
  CrawlOptions options = FixtureServer::Shared().Options({"faults.test", "bench.test"});
  options.allow_private_addresses = false;
  options.allowed_addresses = {"127.0.0.1"};  // the fixture server, explicitly
  // Names that resolve to internal addresses (what a hostile DNS answer or rebinding gives).
  options.connect_to.push_back("internal.test:80:10.20.30.40:80");
  options.connect_to.push_back("metadata.test:80:169.254.169.254:80");
  return options;
}

TEST(AddressGuard, RefusesPrivateLoopbackAndLinkLocalTargetsOnEveryHopWithBlockedAddress) {
  test::ScratchWarehouse warehouse({"sqlite", ""});
  EtlRequest request;
  request.user_full_name = "Guarded Service";
  request.crawl = GuardedOptions();
  const std::string key = test::UniqueName("g");
  const std::string good = "https://bench.test/page/21?kb=10&" + key;
  // link -> the address the guard must name.
  const std::map<std::string, std::string> blocked = {
      {RedirectTo("http://127.0.0.2/admin?" + key), "127.0.0.2"},
      {RedirectTo("http://169.254.169.254/latest/meta-data/?" + key), "169.254.169.254"},
      {RedirectTo("http://10.0.0.1/internal?" + key), "10.0.0.1"},
      {RedirectTo("http://[::1]:8080/x?" + key), "::1"},
      {RedirectTo(RedirectTo("http://192.168.1.1/router?" + key)), "192.168.1.1"},  // the second hop
      {"http://172.16.5.4/direct?" + key, "172.16.5.4"},                           // the first hop
      {"http://internal.test/after-dns?" + key, "10.20.30.40"},
      {"http://metadata.test/latest/meta-data/?" + key, "169.254.169.254"},
  };
  request.links.push_back(good);
  for (const auto& [link, address] : blocked) request.links.push_back(link);

  const RunReport report = test::RunPipeline(*warehouse, request);
  auto records = test::LinkRecords(*warehouse, report.run_id);
  ASSERT_EQ(records.size(), request.links.size());
  // The explicitly allowed loopback address works: the guard is not simply refusing everything.
  EXPECT_EQ(records[good].value("outcome", ""), "stored") << records[good].dump();
  for (const auto& [link, address] : blocked) {
    const Json& r = records[link];
    EXPECT_EQ(r.value("outcome", ""), "failed") << link << ": " << r.dump();
    EXPECT_EQ(r.value("error_category", ""), "blocked-address") << link << ": " << r.dump();
    EXPECT_NE(r.value("message", "").find(address), std::string::npos) << link << ": " << r.dump();
  }
  EXPECT_EQ(warehouse->Count<ArticleDocument>(), 1u);
}

TEST(AddressGuard, FetcherRefusesBeforeConnectingAndTriesOnce) {
  Fetcher fetcher(GuardedOptions());
  const std::string key = test::UniqueName("f");
  const FetchResult r = fetcher.Fetch({.url = RedirectTo("http://169.254.169.254/?" + key), .obey_robots = false});
  EXPECT_EQ(r.error, FetchErrorCategory::kBlockedAddress) << r.error_message;
  EXPECT_FALSE(r.redirects.empty());  // the first hop (the fixture server) answered, the second was refused
  // One transfer per hop: a blocked address is not retried (it stays blocked).
  EXPECT_EQ(r.attempts, 2);
  // With the guard on and no allowance, even the fixture server's loopback address is refused.
  CrawlOptions strict = FixtureServer::Shared().Options({"faults.test"});
  strict.allow_private_addresses = false;
  Fetcher strict_fetcher(strict);
  EXPECT_EQ(strict_fetcher.Fetch({.url = "https://faults.test/ok?" + key, .obey_robots = false}).error,
            FetchErrorCategory::kBlockedAddress);
}

TEST(AddressGuard, AllowedAddressesMustBeLiteralAddresses) {
  CrawlOptions options = FixtureServer::Shared().Options({"faults.test"});
  options.allowed_addresses = {"localhost"};
  EXPECT_THROW(Fetcher{options}, Error);
  options.allowed_addresses = {"10.0.0.0/8"};
  EXPECT_THROW(Fetcher{options}, Error);
  // And the key is a config key like the others.
  const EtlConfig config = ParseEtlConfig(
      "parameters:\n  user_full_name: A B\n  links: [https://a.example/x]\ncrawl:\n  allowed_addresses: [127.0.0.1, '::1']\n",
      "inline.yaml");
  EXPECT_EQ(config.crawl.allowed_addresses, (std::vector<std::string>{"127.0.0.1", "::1"}));
}

}  // namespace
}  // namespace llmtwin
