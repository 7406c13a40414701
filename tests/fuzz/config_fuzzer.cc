// libFuzzer target for the config loader (ParseEtlConfig, src/pipeline/config.h): any bytes as a
// pipeline YAML. A bad config must be an llmtwin::Error (a message naming file, line and key),
// never a crash, a hang, another exception type or unbounded memory (anchor bombs). Built by
// scripts/test.after.d/fuzz_all.sh (ASan + UBSan).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/error.h"
#include "pipeline/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  try {
    const llmtwin::EtlConfig config = llmtwin::ParseEtlConfig(input, "fuzz.yaml");
    if (config.user_full_name.empty() || config.links.empty()) __builtin_trap();  // validated
  } catch (const llmtwin::Error&) {
    // Rejected with a message: what a bad config should give.
  }
  return 0;
}
