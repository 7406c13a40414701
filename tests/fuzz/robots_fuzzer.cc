// libFuzzer target for the robots.txt parser (src/fetch/robots.h): any bytes as a robots.txt for
// our product token, then the allow/disallow decision for paths taken from the same bytes, and
// the pattern matcher on its own. Built by scripts/test.after.d/fuzz_all.sh (ASan + UBSan); the
// per-input timeout catches a matcher that goes exponential on `*` patterns.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fetch/robots.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const llmtwin::RobotsRules rules = llmtwin::RobotsRules::Parse(input, "llmtwin");
  (void)rules.Allowed("/");
  (void)rules.Allowed("");
  if (!rules.Allowed("/robots.txt")) __builtin_trap();  // RFC 9309: always allowed
  // Paths: each line of the input, as a crawler would ask about it.
  size_t start = 0;
  for (int n = 0; n < 16 && start < input.size(); ++n) {
    size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    (void)rules.Allowed(input.substr(start, end - start));
    start = end + 1;
  }
  for (const auto& rule : rules.rules()) (void)llmtwin::RobotsPatternMatches(rule.pattern, input.substr(0, 256));
  (void)llmtwin::RobotsProductToken(input.substr(0, 128));
  // The matcher alone: first half a pattern, second half a path.
  (void)llmtwin::RobotsPatternMatches(input.substr(0, size / 2), input.substr(size / 2));
  return 0;
}
