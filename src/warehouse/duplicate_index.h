// Near-duplicates within one author's documents, across collections and platforms, kept beside the
// documents: the book's document shape (and its export) never changes.
//
// Two collections (both backends, through the generic JSON operations):
//  - `document_signatures`: one per article or post (`_id` = the document's), with its author,
//    platform, date, link, title, word count, MinHash signature, LSH band keys and parameters tag,
//    and, when it is part of a cluster, `cluster` (the canonical copy's id), `duplicate_of` (the
//    same, absent on the canonical copy) and `similarity` (exact resemblance to the canonical copy);
//  - `dedup_templates`: `_id` = "<author id>:<platform>", the template shingles learned from the
//    author's documents on that platform (domain/minhash.h) and how many documents they were
//    learned from.
// Finding a new document's copies: a DuplicateIndex reads an author's signatures once (one query,
// at its first document of that author) into an in-memory LSH index; then each stored document
// costs index lookups in memory, the few likely candidates' documents read by `_id`, and its
// signature record (more when it joins a cluster), written in batches of 256 and when the step ends
// (Reconcile). An earlier design kept the LSH buckets in the warehouse (one record per band key):
// 42 reads and 42 writes per stored document, which on FerretDB made a crawl 20 times slower.
// A template is learned again (and the author's signatures and clusters rebuilt) when the
// author's documents on that platform reach template_min_docs, then each time they double: a
// rebuild reads the author's documents once, so storing n documents reads about 2n in all.
// Repositories are not compared (code, not prose).
//
// Thread-safety: one DuplicateIndex serialises its own operations (a mutex). Processes indexing
// the same author at once (shards of one author's links) do not see each other's new documents
// while they run: Reconcile(), at the end of a run, reads the author's signatures again and
// rebuilds the author when another process added some, so the last process to finish clusters
// everything.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/canonical.h"
#include "domain/documents.h"
#include "domain/minhash.h"
#include "warehouse/warehouse.h"

namespace llmtwin::warehouse {

inline constexpr const char* kSignaturesCollection = "document_signatures";
inline constexpr const char* kTemplatesCollection = "dedup_templates";

struct DuplicateOptions {
  MinHashParams params;
  PlatformOrder platform_order;
};

// What indexing one document found.
struct DuplicateMatch {
  std::string duplicate_of;  // the canonical copy's id; empty when the document is canonical or alone
  double similarity = 0;
  std::size_t cluster_size = 1;  // 1: no copy found
};

struct ClusterMember {
  std::string id;
  std::string collection;
  std::string platform;
  std::string title;
  std::string link;
  std::string published_at;
  double similarity = 1;  // to the canonical copy (1 for the canonical copy itself)
  bool canonical = false;
};

struct Cluster {
  std::string author_id;
  std::vector<ClusterMember> members;  // the canonical copy first
};

class DuplicateIndex {
 public:
  explicit DuplicateIndex(Warehouse& warehouse, DuplicateOptions options = {});
  ~DuplicateIndex();

  // Indexes a stored article or post (its JSON as FindDocuments gives it) and clusters it with
  // its copies. Other classes are ignored.
  DuplicateMatch Add(DocumentClass cls, const Json& document);
  // Rebuilds templates, signatures and clusters of one author (by id), or of every author when
  // `author_id` is empty; returns the number of documents indexed.
  std::size_t Recompute(const std::string& author_id = {});
  // The clusters (two copies or more) of one author, or of all.
  std::vector<Cluster> Clusters(const std::string& author_id = {});
  // The ids of the documents that are a copy of another (not canonical).
  std::vector<std::string> DuplicateIds(const std::string& author_id = {});
  // Ends a run: every author this index added documents of is read again, and rebuilt when
  // another process stored documents of that author meanwhile (returns how many were rebuilt).
  // The in-memory state is dropped: the next Add reads the warehouse afresh.
  std::size_t Reconcile();

  const DuplicateOptions& options() const { return options_; }

 private:
  struct AuthorState;
  AuthorState& StateOf(const std::string& author_id);
  std::size_t RecomputeAuthor(const std::string& author_id);
  // Writes the signature records not written yet (of one author, of all).
  void Flush(AuthorState& state);
  void FlushAll();
  DuplicateMatch MatchOf(const AuthorState& state, const std::string& id) const;
  // The shingles (before template removal) of the author's document `id`: kept in memory for the
  // documents a template is learned from, else read by id. Empty when the document is gone.
  std::vector<std::uint64_t> RawShingles(AuthorState& state, const std::string& id);
  // Learns `platform`'s template again from its first documents (up to template_sample) and signs
  // again those of the platform's documents whose template-free shingles changed; returns their ids.
  std::vector<std::string> RelearnPlatform(AuthorState& state, const std::string& platform);
  // Clusters the documents `affected` (whose clusters were dissolved) again, with whatever they
  // match; `content` caches template-free shingles by id. Returns the ids whose records changed.
  std::set<std::string> Recluster(AuthorState& state, const std::set<std::string>& affected,
                                  std::map<std::string, std::vector<std::uint64_t>>& content);

  Warehouse& warehouse_;
  DuplicateOptions options_;
  MinHasher hasher_;
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<AuthorState>> authors_;  // read at an author's first Add
};

// The id of the author named `name_or_id` (a user's full name as stored, or an id); empty for an
// empty argument. Throws Error(kInvalidInput) when no user has that name.
std::string AuthorIdFor(Warehouse& warehouse, const std::string& name_or_id);

// `documents` (JSON with an `_id`) without those that are a copy of another document.
std::vector<Json> WithoutDuplicates(Warehouse& warehouse, std::vector<Json> documents);

// The text compared for a document: an article's title, subtitle and content, a post's text.
std::string ComparableText(DocumentClass cls, const Json& document);

}  // namespace llmtwin::warehouse
