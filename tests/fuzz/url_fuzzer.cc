// libFuzzer target for the URL rules (src/domain/url.h): any bytes as a link through ParseUrl,
// ParseHttpUrl, NormalizeUrl and ResolveUrl. Built with clang by scripts/test.after.d/fuzz_all.sh
// (ASan + UBSan). Invariants beyond "no crash": a normalized link is itself an http(s) URL, and
// normalising it again changes nothing (the dedupe key is stable), and no normalized link keeps
// credentials.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "domain/url.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (auto url = llmtwin::ParseUrl(input)) (void)url->ToString(true);
  std::string why;
  (void)llmtwin::ParseHttpUrl(input, &why);
  if (auto normalized = llmtwin::NormalizeUrl(input)) {
    auto parsed = llmtwin::ParseHttpUrl(*normalized);
    if (!parsed) std::abort();                                          // the key is a URL
    if (!parsed->user.empty() || !parsed->password.empty()) std::abort();  // without credentials
    auto again = llmtwin::NormalizeUrl(*normalized);
    if (!again || *again != *normalized) std::abort();                  // and a fixed point
  }
  // The first line is a base, the rest a reference found in a page.
  const auto newline = input.find('\n');
  const std::string_view base = newline == std::string_view::npos ? std::string_view("https://fuzz.example/a/b?c=d") : input.substr(0, newline);
  const std::string_view reference = newline == std::string_view::npos ? input : input.substr(newline + 1);
  (void)llmtwin::ResolveUrl(base, reference);
  (void)llmtwin::IsTrackingParameter(reference.substr(0, 32));
  return 0;
}
