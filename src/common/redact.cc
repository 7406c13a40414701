#include "common/redact.h"

#include <regex>

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

}  // namespace

std::string RedactSecrets(std::string_view text) {
  std::string out(text);
  // Fast path: most log lines contain none of the characters the rules need.
  if (out.find_first_of("@=:_") == std::string::npos) return out;
  for (const Rule& rule : Rules()) out = std::regex_replace(out, rule.pattern, rule.replacement);
  return out;
}

}  // namespace llmtwin
