#include "crawl/platform_export.h"

#include <algorithm>

#include "common/error.h"

namespace llmtwin {

std::unique_ptr<ExportReader> MakeMediumExportReader();
std::unique_ptr<ExportReader> MakeSubstackExportReader();
std::unique_ptr<ExportReader> MakeXArchiveReader();
std::unique_ptr<ExportReader> MakeLinkedInExportReader();

const std::vector<std::string>& ExportKinds() {
  static const std::vector<std::string> kinds = {"medium", "substack", "x", "linkedin"};
  return kinds;
}

std::unique_ptr<ExportReader> MakeExportReader(std::string_view kind) {
  if (kind == "medium" || kind == "medium-export") return MakeMediumExportReader();
  if (kind == "substack" || kind == "substack-export") return MakeSubstackExportReader();
  if (kind == "x" || kind == "x-archive" || kind == "twitter") return MakeXArchiveReader();
  if (kind == "linkedin" || kind == "linkedin-export") return MakeLinkedInExportReader();
  throw Error(ErrorKind::kUsage, "unknown export kind '" + std::string(kind) + "' (known: medium, substack, x, linkedin)");
}

std::string ExportKindHint(const std::vector<std::string>& names, std::string_view expected_kind) {
  auto has = [&](auto pred) { return std::any_of(names.begin(), names.end(), pred); };
  auto base_is = [](std::string_view want) {
    return [want](const std::string& n) { return BaseName(n) == want; };
  };
  std::string looks;
  if (has(base_is("posts.csv"))) looks = "substack";
  else if (has([](const std::string& n) { return BaseName(n).starts_with("tweets") && n.ends_with(".js"); })) looks = "x";
  else if (has(base_is("Shares.csv"))) looks = "linkedin";
  else if (has([](const std::string& n) { return DirName(n).ends_with("posts") && n.ends_with(".html"); })) looks = "medium";
  if (looks.empty() || looks == expected_kind) return {};
  static const std::pair<const char*, const char*> kNames[] = {
      {"medium", "a Medium export"}, {"substack", "a Substack export"}, {"x", "an X archive"}, {"linkedin", "a LinkedIn export"}};
  for (const auto& [kind, name] : kNames)
    if (looks == kind) return std::string(" (it looks like ") + name + ")";
  return {};
}

}  // namespace llmtwin
