// LinkedIn -> a PostDocument for a public post (/posts/..., /feed/update/...), from its JSON-LD
// SocialMediaPosting (articleBody, author, datePublished, image); an ArticleDocument for a Pulse
// article (/pulse/...), from og:* metadata and `.article-content__body` (2022 markup),
// `section.article-body` (2020), `[itemprop=articleBody]` (2016-19), else main-content extraction.
//
// Profiles and feeds are behind a login wall (why the book disabled its crawler). A login wall
// (a redirect to /authwall or /login, or the sign-in / join-now page) is a "login-wall" failure
// whose message says what works instead: public post URLs, Pulse articles, or the author's own
// data export through `llmtwin import linkedin-export`. Nothing is discovered from LinkedIn.
#pragma once

#include "crawl/crawler.h"

namespace llmtwin {

class LinkedInCrawler : public Crawler {
 public:
  std::string_view name() const override { return "linkedin"; }
  CrawlOutcome Crawl(const std::string& link, CrawlContext& ctx) override;
  CrawlOutcome CrawlFetched(const std::string& link, const FetchResult& page, CrawlContext& ctx) override;
};

// What a user can do instead when LinkedIn shows its login wall.
inline constexpr const char* kLinkedInAlternatives =
    "public post URLs (linkedin.com/posts/... or linkedin.com/feed/update/urn:li:activity:...) and Pulse articles "
    "(linkedin.com/pulse/...) work without login; for all of your posts, download your data export "
    "(Settings > Data privacy > Get a copy of your data) and run `llmtwin import linkedin-export Shares.csv --author "
    "\"Your Name\"`";

}  // namespace llmtwin
