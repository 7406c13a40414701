// Host patterns of the crawler registry: "medium.com", "*.substack.com", "linkedin.com/posts/".
//
// A pattern is matched against a parsed URL (domain/url.h), never against the URL text: the book's
// registry used a prefix regex on the string, under which "https://medium.com.evil.example/x" and
// "https://evil.example/?medium.com" can pass for Medium. Here the host must equal the pattern's
// host (a leading "www." of the URL's host is ignored) or, for "*.host", end with ".host"; a path
// prefix matches at segment boundaries only ("/posts/" matches "/posts/x", "/pulse" "/pulse/x"
// but not "/pulsefoo"), except a prefix ending in "@", which is open ("/@" matches "/@handle").
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/url.h"

namespace llmtwin {

struct HostPattern {
  std::string host;         // lower case, without "*."
  bool wildcard = false;    // "*.host": any subdomain of host (not host itself)
  std::string path_prefix;  // "" = any path; else starts with "/"

  // Parses "host", "*.host", "host/path..." or "*.host/path...". std::nullopt when malformed.
  static std::optional<HostPattern> Parse(std::string_view pattern);

  bool Matches(const Url& url) const;
};

// Whether `host` is `domain` or one of its subdomains (case-insensitive, on whole labels).
bool HostIsOrUnder(std::string_view host, std::string_view domain);

}  // namespace llmtwin
