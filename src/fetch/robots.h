// robots.txt (RFC 9309): parsing and the allow/disallow decision for one user agent.
//
// Follows the RFC: groups start with one or more `user-agent` lines; the groups naming our
// product token (case-insensitive) are merged, otherwise the `*` groups are; the longest matching
// rule wins and Allow wins a tie; `*` matches any run of characters and a trailing `$` anchors the
// end; an empty Disallow is no rule; /robots.txt itself is always allowed. Choices where the RFC
// leaves room (the same as Google's parser): `user-agent` values are compared on their product
// token only ("llmtwin/0.1 (+url)" -> "llmtwin"); common misspellings (`disalow`, `user agent`,
// `useragent`) are accepted; rules before the first user-agent line are ignored; at most 512 KiB is
// parsed. Crawl-delay is not in the RFC: it is read from the chosen group and the fetcher
// honours it up to a cap. What a fetch status means for robots (4xx = allow all, 5xx/unreachable
// = disallow for now) is decided by the fetcher, which builds AllowAll()/DisallowAll() rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llmtwin {

class RobotsRules {
 public:
  // Parses `text` and keeps the rules that apply to `product_token` (e.g. "llmtwin").
  static RobotsRules Parse(std::string_view text, std::string_view product_token);
  static RobotsRules AllowAll();
  static RobotsRules DisallowAll();

  // Whether `path_and_query` ("/a/b?x=1"; "" means "/") may be fetched.
  bool Allowed(std::string_view path_and_query) const;
  // The Crawl-delay of the chosen group, in seconds, when it has one.
  std::optional<double> crawl_delay() const { return crawl_delay_; }
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }

  struct Rule {
    bool allow = false;
    std::string pattern;  // normalised: percent-escapes upper-cased, non-ASCII percent-encoded
  };
  const std::vector<Rule>& rules() const { return rules_; }

 private:
  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
  std::vector<std::string> sitemaps_;
};

// The product token of a User-Agent string: "llmtwin/0.1 (+https://...)" -> "llmtwin".
std::string RobotsProductToken(std::string_view user_agent);

// Whether a robots.txt path pattern (with `*` and a trailing `$`) matches `path`; both normalised.
bool RobotsPatternMatches(std::string_view pattern, std::string_view path);

}  // namespace llmtwin
