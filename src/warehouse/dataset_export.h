// A corpus ready for training: the warehouse written as a Hugging Face style dataset.
//
// DIR/data/<kind>.jsonl (articles, posts, repositories: only kinds that have rows), one JSON object
// per line with the same keys everywhere, so `datasets.load_dataset("json", data_files=...)` loads
// the files as they are: id, author, platform, kind, title, text (Markdown), link, published,
// language, words, path (a repository is one line per file, `id` = "<repository id>:<path>"; empty
// for other kinds). Unknown values are empty strings, never null, so every file has one schema.
// DIR/README.md is the dataset card: what was exported, by which command, rows and words per
// platform and year, how many near-duplicates (warehouse/duplicate_index.h) and short documents
// were left out.
// Files are written to NAME.tmp and renamed, as the other exports.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <utility>

#include "warehouse/warehouse.h"

namespace llmtwin::warehouse {

struct DatasetOptions {
  std::string author_id;            // empty: every author
  bool include_duplicates = true;   // false: copies of another document are left out
  std::size_t min_words = 0;        // rows with fewer words are left out
  std::string command;              // the command line that made it, for the card
};

struct DatasetSummary {
  struct Counts {
    std::size_t rows = 0;
    std::size_t words = 0;
  };
  std::map<std::pair<std::string, std::string>, Counts> per_platform_year;  // (platform, year or "unknown")
  std::map<std::string, std::size_t> rows_per_file;                         // "data/articles.jsonl" -> rows
  std::size_t duplicates_removed = 0;
  std::size_t short_removed = 0;
  Counts Totals() const;
};

DatasetSummary ExportDataset(Warehouse& warehouse, const std::string& dir, const DatasetOptions& options);

// The number of words of a text: runs of characters between whitespace.
std::size_t CountWords(std::string_view text);

}  // namespace llmtwin::warehouse
