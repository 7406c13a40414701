#include "pipeline/import_exports.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "common/error.h"
#include "common/redact.h"
#include "domain/url.h"
#include "pipeline/index_duplicates.h"
#include "pipeline/interrupt.h"
#include "warehouse/warehouse.h"

namespace llmtwin {
namespace {

// Thrown out of a reader's callback to stop at Ctrl-C (the reader holds no state worth keeping).
struct Interrupted {};

struct ItemOutcome {
  std::string outcome;  // stored | updated | unchanged | skipped | failed
  std::string message;
  std::vector<std::string> document_ids;
  Json duplicates = Json::array();  // the stored documents that have a copy (see etl_pipeline.h)
};

void Count(DomainCounts& c, const std::string& outcome) {
  ++c.total;
  if (outcome == "stored" || outcome == "updated") ++c.stored;
  else if (outcome == "unchanged") ++c.unchanged;
  else if (outcome == "skipped") ++c.skipped;
  else ++c.failed;
}

template <class D>
void Store(warehouse::Warehouse& warehouse, warehouse::DuplicateIndex* duplicates, D& doc, const UserDocument& user,
           const std::string& run_id, const std::string& now, ItemOutcome& out) {
  doc.author_id = user.id;
  doc.author_full_name = user.FullName();
  doc.meta.run_id = run_id;
  doc.meta.crawled_at = now;
  const warehouse::UpsertResult r = warehouse.Upsert(doc);
  out.document_ids.push_back(r.id);
  if (duplicates != nullptr && r.outcome != warehouse::UpsertOutcome::kUnchanged)
    IndexDuplicates(*duplicates, D::kClass, doc.ToJson(), out.duplicates);
  switch (r.outcome) {
    case warehouse::UpsertOutcome::kInserted: out.outcome = "stored"; break;
    case warehouse::UpsertOutcome::kUpdated: out.outcome = "updated"; break;
    case warehouse::UpsertOutcome::kUnchanged: out.outcome = "unchanged"; break;
  }
}

ItemOutcome StoreItem(warehouse::Warehouse& warehouse, warehouse::DuplicateIndex* duplicates, ExportItem& item,
                      const UserDocument& user, const std::string& run_id, const std::string& now) {
  ItemOutcome out;
  if (item.skipped()) {
    out.outcome = "skipped";
    out.message = item.skip_reason;
    return out;
  }
  try {
    if (item.article) {
      Store(warehouse, duplicates, *item.article, user, run_id, now, out);
    } else if (item.post) {
      // A Medium response a crawl stored before as an article: one document per link, the crawled one kept.
      if (auto article = warehouse.FindByLink(DocumentClass::kArticle, item.link)) {
        out.outcome = "unchanged";
        out.message = "already stored as an article (crawled)";
        out.document_ids.push_back(article->value("_id", ""));
      } else {
        Store(warehouse, duplicates, *item.post, user, run_id, now, out);
      }
    }
  } catch (const Error& e) {
    out.outcome = "failed";
    out.message = std::string(ErrorKindName(e.kind())) + ": " + RedactSecrets(e.what());
  } catch (const std::exception& e) {
    out.outcome = "failed";
    out.message = std::string("internal: ") + e.what();
  }
  return out;
}

}  // namespace

std::string ExportCountKey(std::string_view kind) {
  const std::string k(MakeExportReader(kind)->kind());
  return k == "x" ? "x-archive" : k + "-export";
}

std::vector<size_t> ValidateExports(const std::vector<ExportSpec>& specs) {
  std::vector<size_t> counts;
  for (const ExportSpec& spec : specs) {
    const auto reader = MakeExportReader(spec.kind);
    const ExportArchive archive(spec.path);
    size_t items = 0;
    reader->Read(archive, spec.options, [&](ExportItem&) { ++items; });
    spdlog::info("{}: {} items in {}", ExportCountKey(spec.kind), items, spec.path);
    counts.push_back(items);
  }
  return counts;
}

ImportStepResult ImportExports(warehouse::Warehouse& warehouse, const UserDocument& user,
                               const std::vector<ExportSpec>& specs, const RunOptions& options,
                               const std::string& run_id, size_t total_items,
                               warehouse::DuplicateIndex* duplicates) {
  ImportStepResult result;
  ProgressReporter progress(static_cast<int>(total_items), options.progress_bar);
  size_t index = 0;
  const std::string now = NowIso8601();
  for (const ExportSpec& spec : specs) {
    if (result.interrupted) break;
    const auto reader = MakeExportReader(spec.kind);
    const std::string key = ExportCountKey(spec.kind);
    const ExportArchive archive(spec.path);
    try {
      reader->Read(archive, spec.options, [&](ExportItem& item) {
        if (InterruptGuard::Requested()) throw Interrupted{};
        const auto start = std::chrono::steady_clock::now();
        const ItemOutcome out = StoreItem(warehouse, duplicates, item, user, run_id, now);
        result.duplicates_found += static_cast<int>(out.duplicates.size());
        Count(result.per_kind[key], out.outcome);
        if (out.outcome == "skipped") ++result.skip_reasons[key][item.skip_reason];
        if (out.outcome == "failed") {
          ++result.failed;
          spdlog::warn("{}: {}: failed: {}", spec.path, item.entry, out.message);
        }
        Json record = {{"_id", run_id + ":export:" + std::to_string(index)},
                       {"run_id", run_id},
                       {"index", index},
                       {"step", "import_exports"},
                       {"export", spec.path},
                       {"entry", item.entry},
                       {"link", item.link},
                       {"normalized_link", item.link.empty() ? "" : NormalizeUrl(item.link).value_or(item.link)},
                       {"domain", key},
                       {"outcome", out.outcome},
                       {"crawler", key},
                       {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()},
                       {"document_ids", out.document_ids}};
        if (item.skipped()) record["skip_reason"] = item.skip_reason;
        if (!item.title.empty()) record["title"] = item.title;
        if (!out.message.empty()) record["message"] = out.message;
        if (!out.duplicates.empty()) record["duplicates"] = out.duplicates;
        if (out.outcome == "failed") record["error_category"] = "warehouse";
        try {
          warehouse.ReplaceJson(kRunLinksCollection, record);
        } catch (const std::exception& e) {
          spdlog::error("cannot record the outcome of {}: {}", item.entry, e.what());
        }
        if (options.on_link) options.on_link(record);
        ++index;
        progress.Update(static_cast<int>(index), result.failed, item.entry);
      });
    } catch (const Interrupted&) {
      spdlog::warn("interrupted: the import stops after {} item(s); what was written stays", index);
      result.interrupted = true;
    }
    Json& meta = result.metadata[key];
    if (!meta.contains("exports")) meta["exports"] = Json::array();
    meta["exports"].push_back(spec.path);
  }
  progress.Finish();
  if (duplicates != nullptr) ReconcileDuplicates(*duplicates);
  for (const auto& [key, counts] : result.per_kind) {
    Json& meta = result.metadata[key];
    const Json counts_json = DomainCountsJson(counts);
    for (auto it = counts_json.begin(); it != counts_json.end(); ++it) meta[it.key()] = it.value();
    meta["skipped_by_reason"] = Json::object();
    for (const auto& [reason, n] : result.skip_reasons[key]) meta["skipped_by_reason"][reason] = n;
  }
  return result;
}

}  // namespace llmtwin
