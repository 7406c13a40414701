// The encoding of object keys in stored documents.
//
// FerretDB, and MongoDB before 5.0, reject field names that contain `.` or start with `$`, and
// repository documents use file paths ("src/main.py") as keys of `content`. Every object key of a
// stored document is therefore encoded: `%` -> `%25`, `.` -> `%2E`, and a leading `$` -> `%24`;
// every other byte is kept. Ordinary keys ("content", "Title") are unchanged, values are never
// touched (downstream code joins the string values of `content`), and decoding restores the exact
// key. Percent-encoding was chosen over look-alike characters (U+FF0E) because it is reversible for
// every input, including keys that already contain the look-alike. Both backends store the same
// encoded form, so a file copied between them needs no conversion. See docs/warehouse.md.
#pragma once

#include <string>
#include <string_view>

#include "domain/documents.h"

namespace llmtwin::warehouse {

std::string EncodeFieldName(std::string_view name);
// Inverse of EncodeFieldName; a `%` not followed by 25, 2E or 24 (any case) is kept as is.
std::string DecodeFieldName(std::string_view name);
// Encodes/decodes every key of every object in `json`, recursively (inside arrays too). Pass an
// rvalue to avoid copying the document.
Json EncodeKeys(Json json);
Json DecodeKeys(Json json);
// Encodes each segment of a dotted field path ("content.Title"); the dots between segments stay.
std::string EncodeFieldPath(std::string_view path);

}  // namespace llmtwin::warehouse
