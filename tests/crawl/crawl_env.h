// Shared setup of the crawl tests that go through the network code: the real Fetcher pointed at
// the local HTTPS fixture server (tests/support), and a CrawlContext for an author.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "crawl/crawler.h"
#include "fetch/fetcher.h"
#include "support/fixture_server.h"

namespace llmtwin::testing {

class CrawlTest : public ::testing::Test {
 protected:
  CrawlTest() : options_(test::FixtureServer::Shared().Options()) {}

  CrawlContext& Context() {
    if (!fetcher_) fetcher_ = std::make_unique<Fetcher>(options_);
    if (!context_) context_ = std::make_unique<CrawlContext>(CrawlContext{*fetcher_, options_, {"8b6b4a3c-1d2e-4f50-9a8b-7c6d5e4f3a2b", "Paul Iusztin"}, "run-test"});
    return *context_;
  }
  // Options must be changed before the first Context() call.
  CrawlOptions& options() { return options_; }

  CrawlOptions options_;
  std::unique_ptr<Fetcher> fetcher_;
  std::unique_ptr<CrawlContext> context_;
};

inline bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Readable failure output for an outcome.
inline std::string Describe(const CrawlOutcome& outcome) {
  return "crawler=" + outcome.crawler + " status=" + std::string(CrawlStatusName(outcome.status)) +
         " category=" + outcome.error_category + " message=" + outcome.message;
}

}  // namespace llmtwin::testing
