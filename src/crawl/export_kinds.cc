// The kinds of platform export and their command-line spellings, apart from the readers so that
// code that only checks a kind (the config validator, and its fuzzer) needs none of them.
#include "common/error.h"
#include "crawl/platform_export.h"

namespace llmtwin {

const std::vector<std::string>& ExportKinds() {
  static const std::vector<std::string> kinds = {"medium", "substack", "x", "linkedin"};
  return kinds;
}

std::string ExportKindOf(std::string_view kind) {
  if (kind == "medium" || kind == "medium-export") return "medium";
  if (kind == "substack" || kind == "substack-export") return "substack";
  if (kind == "x" || kind == "x-archive" || kind == "twitter") return "x";
  if (kind == "linkedin" || kind == "linkedin-export") return "linkedin";
  throw Error(ErrorKind::kUsage, "unknown export kind '" + std::string(kind) + "' (known: medium, substack, x, linkedin)");
}

}  // namespace llmtwin
