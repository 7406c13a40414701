// libFuzzer target for the extraction layer: any bytes through the whole pipeline (parse,
// metadata, main content, Markdown and text), the fragment converter, NormalizeDate and the CSS
// selector compiler. Built with clang by scripts/test.after.d/fuzz_extract.sh (ASan + UBSan).
// Invariants checked beyond "no crash": every output is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/error.h"
#include "extract/extractor.h"

namespace {

void CheckUtf8(const std::string& s) {
  if (llmtwin::RepairUtf8(s) != s) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  llmtwin::ExtractOptions options;
  options.links = size > 0 && (data[0] & 1) != 0;
  options.images = size > 0 && (data[0] & 2) != 0;

  const llmtwin::ExtractedPage page = llmtwin::ExtractPage(input, "https://fuzz.example/a/b?c=d", options);
  CheckUtf8(page.markdown);
  CheckUtf8(page.text);
  CheckUtf8(page.metadata.title);
  CheckUtf8(page.metadata.author);
  (void)page.metadata.ToJson().dump();

  CheckUtf8(llmtwin::HtmlFragmentToMarkdown(input, "https://fuzz.example/", options));

  const std::string_view head = input.substr(0, 64);
  const std::string date = llmtwin::NormalizeDate(head);
  if (!date.empty() && date.size() != 20) std::abort();

  try {
    const llmtwin::HtmlDocument document = llmtwin::HtmlDocument::Parse(input);
    (void)document.Select(input.substr(0, 32));
  } catch (const llmtwin::Error&) {
    // An unsupported selector is reported, not a crash.
  }
  return 0;
}
