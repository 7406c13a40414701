#include "domain/link.h"

#include <algorithm>

#include "domain/url.h"

namespace llmtwin {
namespace {

bool IsStoryId(std::string_view s) {
  if (s.size() < 10 || s.size() > 12) return false;
  bool digit = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c < 'a' || c > 'f') return false;
  }
  return digit;
}

bool IsMediumHost(std::string_view host) {
  return host == "medium.com" || (host.size() > 11 && host.ends_with(".medium.com"));
}

// The path segments of a URL's path, empty ones dropped.
std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string StoryIdInPath(const Url& url) {
  const auto segments = Segments(url.path);
  if (segments.empty()) return {};
  if (segments.size() >= 2 && segments[segments.size() - 2] == "p" && IsStoryId(segments.back()))
    return std::string(segments.back());
  const std::string_view last = segments.back();
  const size_t dash = last.rfind('-');
  if (dash == std::string_view::npos) return {};
  const std::string_view suffix = last.substr(dash + 1);
  return IsStoryId(suffix) ? std::string(suffix) : std::string();
}

// The identity a link names by itself (a Medium story on Medium's hosts), else std::nullopt.
std::optional<std::string> IdentityFromLink(const Url& url) {
  if (IsMediumHost(url.host)) {
    const std::string id = StoryIdInPath(url);
    if (!id.empty()) return MediumIdentityLink(id);
  }
  return std::nullopt;
}

}  // namespace

std::string MediumStoryIdOf(std::string_view link) {
  auto url = ParseHttpUrl(link);
  if (!url || !IsMediumHost(url->host)) return {};
  return StoryIdInPath(*url);
}

std::string MediumStoryIdInPath(std::string_view link) {
  auto url = ParseHttpUrl(link);
  return url ? StoryIdInPath(*url) : std::string();
}

std::string MediumIdentityLink(std::string_view story_id) { return "https://medium.com/p/" + std::string(story_id); }

std::string SubstackIdentityLink(std::string_view subdomain, std::string_view slug) {
  return "https://" + std::string(subdomain) + ".substack.com/p/" + std::string(slug);
}

NormalizedLink NormalizedLink::Of(std::string_view link, std::string_view identity_link) {
  NormalizedLink out;
  out.link_ = std::string(link);
  const std::optional<std::string> normalized = NormalizeUrl(link);
  out.is_url_ = normalized.has_value();
  out.normalized_ = normalized.value_or(std::string(link));
  out.key_ = out.normalized_;
  if (out.is_url_) {
    std::optional<std::string> identity;
    if (!identity_link.empty()) identity = NormalizeUrl(identity_link);
    if (!identity) {
      if (auto url = ParseHttpUrl(out.normalized_)) identity = IdentityFromLink(*url);
    }
    if (identity) out.key_ = *identity;
  }
  out.forms_.push_back(out.key_);
  const auto add = [&](const std::string& form) {
    if (std::find(out.forms_.begin(), out.forms_.end(), form) == out.forms_.end()) out.forms_.push_back(form);
  };
  add(out.normalized_);
  if (out.is_url_) {
    if (auto earlier = NormalizeUrlKeepingRawUtf8(link)) add(*earlier);
  }
  return out;
}

}  // namespace llmtwin
