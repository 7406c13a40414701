// libFuzzer target for the JSON-LD reader of the metadata extractor (src/extract/metadata.h): any
// bytes as the body of a <script type="application/ld+json"> in an otherwise plain page, through
// ExtractMetadata (JSON parsing, @graph flattening, @id references, author/date/keyword readers).
// Built by scripts/test.after.d/fuzz_all.sh (ASan + UBSan). Invariant beyond "no crash": every
// metadata string is valid UTF-8 and serialises.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "extract/extractor.h"
#include "extract/metadata.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string page = "<!doctype html><html><head><title>t</title><script type=\"application/ld+json\">";
  page.append(input);
  page += "</script></head><body><article><h1>Heading</h1><p>Body text of the article.</p></article></body></html>";
  const llmtwin::HtmlDocument document = llmtwin::HtmlDocument::Parse(page);
  const llmtwin::PageMetadata meta = llmtwin::ExtractMetadata(document);
  for (const std::string* s : {&meta.title, &meta.author, &meta.published, &meta.canonical_url})
    if (llmtwin::RepairUtf8(*s) != *s) std::abort();
  (void)meta.ToJson().dump();
  for (const auto& object : meta.json_ld) (void)object.dump();  // throws on invalid UTF-8
  return 0;
}
