// The import_exports step: the author's own platform exports (Medium, Substack, X, LinkedIn; see
// crawl/platform_export.h) into the warehouse, before crawl_links.
//
// Two passes over every export. ValidateExports reads each one whole and keeps nothing but counts:
// an export that is not a zip, is truncated, is of another kind or holds a file that does not parse
// throws Error(kInvalidInput) naming the archive and the entry before anything is written (not even
// the user or the run record). ImportExports reads them again and upserts every document by its
// normalized link as it comes, so memory does not grow with the export's size, importing twice
// changes nothing, and a post crawled before (same canonical URL) is updated in place. Every item's
// fate (stored, updated, unchanged, skipped with its reason, failed and why) goes to
// pipeline_run_links, one document per item, as crawl_links records links.
#pragma once

#include <string>
#include <vector>

#include "crawl/platform_export.h"
#include "pipeline/etl_pipeline.h"

namespace llmtwin {

namespace warehouse {
class DuplicateIndex;
class Warehouse;
}

// Reads every export whole (first pass); returns how many items each holds. Throws
// Error(kInvalidInput) naming the archive and the entry, Error(kUsage) for a bad kind or option.
std::vector<size_t> ValidateExports(const std::vector<ExportSpec>& specs);

// Writes every export's documents for `user` (second pass), recording each item under `run_id`
// (indexes from `first_index`). `total_items` (from ValidateExports) sizes the progress bar.
// With `duplicates`, every article or post inserted or updated is indexed for near-duplicates (the
// item's record lists the copies found) and the index is reconciled at the end.
ImportStepResult ImportExports(warehouse::Warehouse& warehouse, const UserDocument& user,
                               const std::vector<ExportSpec>& specs, const RunOptions& options,
                               const std::string& run_id, size_t total_items,
                               warehouse::DuplicateIndex* duplicates = nullptr);

// The name an export kind is counted under in summaries and run records ("medium-export").
std::string ExportCountKey(std::string_view kind);

}  // namespace llmtwin
