#include "fetch/robots.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace llmtwin {
namespace {

constexpr size_t kMaxRobotsBytes = 512 * 1024;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Percent-escapes are compared upper-case; bytes outside printable ASCII are percent-encoded, so a
// pattern written in UTF-8 matches the same path written percent-encoded (RFC 9309 2.2.2).
std::string NormalizePath(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += '%';
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 1])));
      out += static_cast<char>(std::toupper(static_cast<unsigned char>(s[i + 2])));
      i += 2;
    } else if (c <= 0x20 || c >= 0x7f) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

enum class Key { kUserAgent, kAllow, kDisallow, kCrawlDelay, kSitemap, kOther };

Key ParseKey(std::string_view raw) {
  const std::string k = Lower(Trim(raw));
  if (k == "user-agent" || k == "useragent" || k == "user agent") return Key::kUserAgent;
  if (k == "allow") return Key::kAllow;
  if (k == "disallow" || k == "disalow" || k == "dissallow" || k == "dissalow") return Key::kDisallow;
  if (k == "crawl-delay" || k == "crawldelay" || k == "crawl delay") return Key::kCrawlDelay;
  if (k == "sitemap" || k == "site-map") return Key::kSitemap;
  return Key::kOther;
}

}  // namespace

std::string RobotsProductToken(std::string_view user_agent) {
  user_agent = Trim(user_agent);
  size_t end = 0;
  while (end < user_agent.size()) {
    const char c = user_agent[end];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '*')) break;
    ++end;
  }
  return Lower(user_agent.substr(0, end));
}

bool RobotsPatternMatches(std::string_view pattern, std::string_view path) {
  bool anchored = false;
  if (!pattern.empty() && pattern.back() == '$') {
    anchored = true;
    pattern.remove_suffix(1);
  }
  // Greedy wildcard matching with one backtrack point (linear in practice, never exponential).
  size_t p = 0, s = 0;
  size_t star = std::string_view::npos, star_s = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_s = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (p == pattern.size() && !anchored) {
      return true;  // the pattern is a prefix of the path
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++star_s;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

RobotsRules RobotsRules::AllowAll() { return RobotsRules(); }

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules rules;
  rules.rules_.push_back({false, "/"});
  return rules;
}

RobotsRules RobotsRules::Parse(std::string_view text, std::string_view product_token) {
  if (text.size() > kMaxRobotsBytes) text = text.substr(0, kMaxRobotsBytes);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const std::string token = Lower(product_token);

  struct Group {
    bool ours = false, star = false;
    std::vector<Rule> rules;
    std::optional<double> crawl_delay;
  };
  std::vector<Group> groups;
  std::vector<std::string> sitemaps;
  bool in_agents = false;  // the previous meaningful line was a user-agent line

  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = Trim(line);
    if (line.empty()) continue;
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const Key key = ParseKey(line.substr(0, colon));
    const std::string_view value = Trim(line.substr(colon + 1));
    switch (key) {
      case Key::kUserAgent: {
        if (!in_agents) groups.emplace_back();
        in_agents = true;
        const std::string agent = RobotsProductToken(value);
        if (agent == "*") groups.back().star = true;
        else if (!agent.empty() && agent == token) groups.back().ours = true;
        break;
      }
      case Key::kAllow:
      case Key::kDisallow:
        in_agents = false;
        if (groups.empty()) break;  // a rule outside any group
        if (value.empty()) break;   // "Disallow:" = no rule
        groups.back().rules.push_back({key == Key::kAllow, NormalizePath(value)});
        break;
      case Key::kCrawlDelay: {
        in_agents = false;
        if (groups.empty()) break;
        double delay = 0;
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), delay);
        if (ec == std::errc() && delay >= 0) groups.back().crawl_delay = delay;
        break;
      }
      case Key::kSitemap:
        sitemaps.emplace_back(value);  // not part of any group; does not end one
        break;
      case Key::kOther:
        break;  // unknown keys neither end nor start a group
    }
  }

  RobotsRules result;
  result.sitemaps_ = std::move(sitemaps);
  const bool have_ours = std::any_of(groups.begin(), groups.end(), [](const Group& g) { return g.ours; });
  for (auto& group : groups) {
    if (have_ours ? !group.ours : !group.star) continue;
    result.rules_.insert(result.rules_.end(), group.rules.begin(), group.rules.end());
    if (group.crawl_delay && (!result.crawl_delay_ || *group.crawl_delay > *result.crawl_delay_))
      result.crawl_delay_ = group.crawl_delay;
  }
  return result;
}

bool RobotsRules::Allowed(std::string_view path_and_query) const {
  std::string path = NormalizePath(path_and_query.empty() ? std::string_view("/") : path_and_query);
  if (path == "/robots.txt") return true;
  const Rule* best = nullptr;
  for (const Rule& rule : rules_) {
    if (!RobotsPatternMatches(rule.pattern, path)) continue;
    if (!best || rule.pattern.size() > best->pattern.size() ||
        (rule.pattern.size() == best->pattern.size() && rule.allow && !best->allow))
      best = &rule;
  }
  return !best || best->allow;
}

}  // namespace llmtwin
