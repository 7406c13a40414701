#include "common/redact.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <vector>

namespace llmtwin {
namespace {

struct Rule {
  std::regex pattern;
  const char* replacement;
};

// Compiled once; log lines are few, so std::regex's speed is not a concern here.
const std::vector<Rule>& Rules() {
  static const std::vector<Rule> rules = [] {
    const auto icase = std::regex::ECMAScript | std::regex::icase;
    std::vector<Rule> r;
    // scheme://user:password@host  ->  scheme://user:****@host
    r.push_back({std::regex(R"(([a-z][a-z0-9+.\-]*://[^/\s:@]*):[^@/\s]*@)", icase), "$1:****@"});
    // query or form parameters that carry secrets
    r.push_back({std::regex(
        R"(([?&;](?:access_token|token|password|passwd|pwd|secret|client_secret|api_key|apikey|key|sig|signature|auth)=)[^&#\s"']*)",
        icase), "$1****"});
    // HTTP Authorization and cookie headers
    r.push_back({std::regex(R"((authorization\s*[:=]\s*(?:bearer|token|basic)?\s*)[^\s"',]+)", icase), "$1****"});
    r.push_back({std::regex(R"(((?:set-)?cookie\s*:\s*)[^\r\n]+)", icase), "$1****"});
    // GitHub tokens in any position
    r.push_back({std::regex(R"(\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}))"), "****"});
    return r;
  }();
  return rules;
}

// Runs of non-space characters longer than this are elided before the rules run: libstdc++'s
// std::regex recurses once per character it matches, so a 10,000-character URL could overflow the
// stack, and such a run is never readable in a log line anyway (it may also hide a secret).
constexpr size_t kMaxTokenLength = 2048;

std::string ElideLongTokens(std::string_view text) {
  std::string out;
  out.reserve(std::min(text.size(), size_t{64 * 1024}));
  size_t i = 0;
  while (i < text.size()) {
    size_t end = i;
    const bool space = std::isspace(static_cast<unsigned char>(text[i])) != 0;
    while (end < text.size() && (std::isspace(static_cast<unsigned char>(text[end])) != 0) == space) ++end;
    if (!space && end - i > kMaxTokenLength) {
      out += "[" + std::to_string(end - i) + " characters elided]";
    } else {
      out.append(text.substr(i, end - i));
    }
    i = end;
  }
  return out;
}

}  // namespace

std::string RedactSecrets(std::string_view text) {
  std::string out = ElideLongTokens(text);
  // Fast path: most log lines contain none of the characters the rules need.
  if (out.find_first_of("@=:_") == std::string::npos) return out;
  for (const Rule& rule : Rules()) out = std::regex_replace(out, rule.pattern, rule.replacement);
  return out;
}

}  // namespace llmtwin
