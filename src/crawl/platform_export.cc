#include "crawl/platform_export.h"

#include <map>

#include "common/error.h"

namespace llmtwin {

std::unique_ptr<ExportReader> MakeMediumExportReader();
std::unique_ptr<ExportReader> MakeSubstackExportReader();
std::unique_ptr<ExportReader> MakeXArchiveReader();
std::unique_ptr<ExportReader> MakeLinkedInExportReader();

std::unique_ptr<ExportReader> MakeExportReader(std::string_view kind) {
  const std::string known = ExportKindOf(kind);
  if (known == "medium") return MakeMediumExportReader();
  if (known == "substack") return MakeSubstackExportReader();
  if (known == "x") return MakeXArchiveReader();
  return MakeLinkedInExportReader();
}

std::string DetectExportKind(const ExportArchive& archive) {
  bool substack = false, x = false, linkedin = false, medium = false;
  archive.ForEachName([&](std::string_view name) {
    const std::string_view base = BaseName(name), dir = DirName(name);
    if (base == "posts.csv") substack = true;
    else if (base.starts_with("tweets") && base.ends_with(".js") && (dir == "data" || dir.ends_with("/data"))) x = true;
    else if (base == "Shares.csv") linkedin = true;
    else if (base.ends_with(".html") && (dir == "posts" || dir.ends_with("/posts"))) medium = true;
  });
  return substack ? "substack" : x ? "x" : linkedin ? "linkedin" : medium ? "medium" : "";
}

void RequireExportKind(const ExportArchive& archive, std::string_view kind, std::string_view missing) {
  const std::string found = DetectExportKind(archive);
  if (found == kind) return;
  static const std::map<std::string, std::string, std::less<>> kNames = {
      {"medium", "a Medium export"}, {"substack", "a Substack export"}, {"x", "an X archive"}, {"linkedin", "a LinkedIn export"}};
  std::string message = archive.Where("") + ": not " + kNames.find(kind)->second + ": " + std::string(missing);
  if (!found.empty()) message += " (it looks like " + kNames.find(found)->second + ")";
  throw Error(ErrorKind::kInvalidInput, message);
}

}  // namespace llmtwin
