// Near-duplicate indexing as the pipeline's steps do it (crawl_links, import_exports): a stored
// document's copies are looked for right after it is stored, and the index is reconciled with
// other processes when the step ends. Duplicates are a finding, never a link's failure: an
// indexing error is logged and the document stays stored (`llmtwin duplicates --recompute` redoes
// the index).
#pragma once

#include <string>

#include "domain/documents.h"
#include "warehouse/warehouse.h"

namespace llmtwin {

namespace warehouse {
class DuplicateIndex;
}

// Indexes the stored article or post `document` (its JSON); when it has a copy, appends
// {id, similarity[, duplicate_of]} to `found` (a JSON array).
void IndexDuplicates(warehouse::DuplicateIndex& duplicates, DocumentClass cls, const Json& document, Json& found);

// Ends a step that indexed documents (DuplicateIndex::Reconcile).
void ReconcileDuplicates(warehouse::DuplicateIndex& duplicates);

}  // namespace llmtwin
