#include "crawl/host_pattern.h"

#include <algorithm>
#include <cctype>

namespace llmtwin {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool ValidHost(std::string_view host) {
  if (host.empty() || host.front() == '.' || host.back() == '.') return false;
  return std::all_of(host.begin(), host.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '.'; });
}

}  // namespace

std::optional<HostPattern> HostPattern::Parse(std::string_view pattern) {
  HostPattern out;
  if (pattern.rfind("*.", 0) == 0) {
    out.wildcard = true;
    pattern.remove_prefix(2);
  }
  const auto slash = pattern.find('/');
  out.host = Lower(pattern.substr(0, slash));
  if (slash != std::string_view::npos) out.path_prefix = std::string(pattern.substr(slash));
  if (!ValidHost(out.host)) return std::nullopt;
  return out;
}

bool HostPattern::Matches(const Url& url) const {
  std::string host = Lower(url.host);
  if (!host.empty() && host.back() == '.') host.pop_back();  // "medium.com." is medium.com (a rooted DNS name)
  if (wildcard) {
    if (host.size() <= this->host.size() + 1 || !host.ends_with("." + this->host)) return false;
  } else if (host != this->host && !(host.starts_with("www.") && host.substr(4) == this->host)) {
    return false;
  }
  if (path_prefix.empty()) return true;
  if (!url.path.starts_with(path_prefix)) return false;
  // Segment boundary: "/pulse" matches "/pulse" and "/pulse/x", not "/pulsefoo"; a prefix that ends
  // in "/" or "@" is open ("/@" matches "/@handle/p-1").
  return path_prefix.back() == '/' || path_prefix.back() == '@' || url.path.size() == path_prefix.size() ||
         url.path[path_prefix.size()] == '/';
}

bool HostIsOrUnder(std::string_view host, std::string_view domain) {
  const std::string h = Lower(host);
  const std::string d = Lower(domain);
  return h == d || (h.size() > d.size() && h.ends_with("." + d));
}

}  // namespace llmtwin
