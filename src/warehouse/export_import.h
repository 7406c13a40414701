// Export and import of the warehouse in the book's format (and JSON Lines).
//
// Book format: DIR/UserDocument.json, ArticleDocument.json, PostDocument.json and
// RepositoryDocument.json, each one JSON array written exactly as the book's
// `tools/data_warehouse.py` wrote it (Python's json.dumps: ", " and ": " separators, non-ASCII as
// \uXXXX escapes), so exporting an imported book export reproduces its files byte for byte.
// JSON Lines: DIR/users.jsonl, articles.jsonl, posts.jsonl, repositories.jsonl, one compact
// document per line (for tools such as jq and for appending).
//
// Import upserts by _id (running it twice changes nothing) and streams each file twice: the first
// pass validates every document of every file (JSON syntax and the class's shape), the second
// writes, so a malformed file is rejected with its position and reason before anything from any
// file is written; on SQLite the write pass is also one transaction per file.
#pragma once

#include <map>
#include <string>

#include "warehouse/warehouse.h"

namespace llmtwin::warehouse {

enum class ExportFormat { kBook, kJsonl };
ExportFormat ParseExportFormat(std::string_view name);  // "book" | "jsonl"; Error(kUsage) otherwise

// Writes every document of the four classes under `dir` (created if missing); returns the counts.
std::map<DocumentClass, std::size_t> ExportWarehouse(Warehouse& warehouse, const std::string& dir, ExportFormat format);

struct ImportFileResult {
  std::string file;  // empty when the class had no file in the folder
  std::size_t read = 0;
  WriteCounts counts;
};

// Imports every class file found under `dir` (the book's DIR/<Class>.json, else DIR/<collection>.jsonl).
// Throws Error(kInvalidInput) naming the file and position of the first malformed document;
// Error(kIo) when `dir` has none of the files.
std::map<DocumentClass, ImportFileResult> ImportWarehouse(Warehouse& warehouse, const std::string& dir);

// Python's json.dumps(value) (default separators, ensure_ascii): the book's export byte format.
std::string DumpPythonStyle(const Json& value);

}  // namespace llmtwin::warehouse
