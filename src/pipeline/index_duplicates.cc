#include "pipeline/index_duplicates.h"

#include <spdlog/spdlog.h>

#include "common/stage_cpu.h"
#include "warehouse/duplicate_index.h"

namespace llmtwin {

void IndexDuplicates(warehouse::DuplicateIndex& duplicates, DocumentClass cls, const Json& document, Json& found) {
  const StageScope stage(Stage::kDuplicates);
  const std::string id = document.value("_id", "");
  try {
    const warehouse::DuplicateMatch match = duplicates.Add(cls, document);
    if (match.cluster_size < 2) return;
    Json entry = {{"id", id}, {"similarity", match.similarity}};
    if (!match.duplicate_of.empty()) entry["duplicate_of"] = match.duplicate_of;
    found.push_back(std::move(entry));
  } catch (const std::exception& e) {
    spdlog::warn("cannot look for copies of {}: {}", id, e.what());
  }
}

void ReconcileDuplicates(warehouse::DuplicateIndex& duplicates) {
  const StageScope stage(Stage::kDuplicates);
  try {
    duplicates.Reconcile();
  } catch (const std::exception& e) {
    spdlog::warn("cannot reconcile near-duplicates with other processes: {}", e.what());
  }
}

}  // namespace llmtwin
