// The data warehouse: where documents and run records are stored, whatever the database.
//
// Warehouse is an abstract class with two halves:
//  - a small set of virtual, backend-specific operations on JSON documents in named collections
//    (insert, replace, find, count, delete, indexes), implemented by SqliteWarehouse (the embedded
//    default, src/warehouse/sqlite_warehouse.*) and MongoWarehouse (libmongoc; also FerretDB);
//  - the typed operations of the book (save, get_or_create_user, bulk_insert, find, bulk_find) and
//    what the book lacks (upsert keyed by normalized link, update, delete, count, filters, sort,
//    limit, projection), written once on top of the first half, so both backends behave the same
//    and one conformance suite (tests/warehouse) checks both.
//
// Storage form (docs/warehouse.md): documents are stored in the book's shape plus one internal
// field `_key` on content documents (the normalized link, carried by a unique index), and every
// object key is encoded by EncodeFieldName (`%`, `.` and a leading `$` percent-encoded) because
// FerretDB and MongoDB < 5.0 reject such keys and repository file paths contain dots. Reads decode
// keys and drop `_key`, so callers and exports only ever see real paths and the book's fields.
//
// Generic collections (the pipeline's `pipeline_runs`) go through the *Json operations: any JSON
// object with a string `_id`, stored in the same encoded form.
//
// Thread-safety: every operation may be called from several threads at once (SQLite: one
// connection behind a mutex; MongoDB: a mongoc_client_pool).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/error.h"
#include "domain/documents.h"
#include "domain/link.h"

namespace llmtwin::warehouse {

// Equality filters (ANDed), sort, skip, limit and projection; field paths are dotted
// ("content.Title"). Values are JSON scalars (string, number, bool, null: null matches a missing
// field too), or an array of strings and numbers that matches any of them (WhereAnyOf).
struct Query {
  std::vector<std::pair<std::string, Json>> equals;
  std::vector<std::pair<std::string, bool>> sort;  // field, ascending
  std::size_t skip = 0;
  std::size_t limit = 0;                // 0 = no limit
  std::vector<std::string> projection;  // fields to return (plus _id); empty = whole documents

  Query& Where(std::string field, Json value) {
    equals.emplace_back(std::move(field), std::move(value));
    return *this;
  }
  Query& WhereAnyOf(std::string field, std::vector<std::string> values) {
    equals.emplace_back(std::move(field), Json(std::move(values)));
    return *this;
  }
  Query& SortBy(std::string field, bool ascending = true) {
    sort.emplace_back(std::move(field), ascending);
    return *this;
  }
  Query& Skip(std::size_t n) {
    skip = n;
    return *this;
  }
  Query& Limit(std::size_t n) {
    limit = n;
    return *this;
  }
  Query& Select(std::vector<std::string> fields) {
    projection = std::move(fields);
    return *this;
  }
};

enum class UpsertOutcome { kInserted, kUpdated, kUnchanged };
std::string_view UpsertOutcomeName(UpsertOutcome outcome);  // "inserted", "updated", "unchanged"

struct UpsertResult {
  UpsertOutcome outcome;
  std::string id;  // the stored document's _id (the existing one when the link was already there)
};

// What a batch of replace-by-_id writes did (import).
struct WriteCounts {
  std::size_t inserted = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  WriteCounts& operator+=(const WriteCounts& other) {
    inserted += other.inserted;
    updated += other.updated;
    unchanged += other.unchanged;
    return *this;
  }
};

// An index the warehouse needs; fields are dotted paths (stored form).
struct IndexSpec {
  std::string name;
  std::vector<std::string> fields;
  bool unique = false;
};

// Thrown when a write would break a unique index (_id, normalized link, user name).
class DuplicateKeyError : public Error {
 public:
  explicit DuplicateKeyError(const std::string& message) : Error(ErrorKind::kWarehouse, message) {}
};

class Warehouse {
 public:
  virtual ~Warehouse() = default;
  Warehouse(const Warehouse&) = delete;
  Warehouse& operator=(const Warehouse&) = delete;

  // Where the data lives, safe to print ("sqlite:/abs/path", "mongodb://user:****@host/twin").
  virtual std::string Describe() const = 0;

  // ---- Generic JSON collections (documents must be objects with a string `_id`) ----
  void InsertJson(std::string_view collection, const Json& document);  // DuplicateKeyError if _id exists
  // Inserts `documents` in one batch (one round trip on MongoDB, where an upsert of an absent
  // document costs FerretDB 1.24 a scan of the collection). DuplicateKeyError if an _id exists.
  void InsertAllJson(std::string_view collection, const std::vector<Json>& documents);
  // Replaces the document with the same _id (inserting it when absent); returns what happened.
  UpsertOutcome ReplaceJson(std::string_view collection, const Json& document);
  std::optional<Json> FindJsonById(std::string_view collection, std::string_view id);
  std::vector<Json> FindJson(std::string_view collection, const Query& query = {});
  std::size_t CountJson(std::string_view collection, const Query& query = {});
  bool DeleteJson(std::string_view collection, std::string_view id);  // false when absent
  std::size_t DeleteJsonWhere(std::string_view collection, const Query& query);  // returns how many
  void DropCollection(std::string_view collection);
  // Replace-by-_id of every document `next` yields (it fills a batch and returns false at the end).
  // All or nothing on SQLite (one transaction); on MongoDB batches are written as they come, so
  // callers validate first (import does).
  WriteCounts ReplaceAllJson(std::string_view collection,
                             const std::function<bool(std::vector<Json>& batch)>& next);

  // ---- Typed operations (the book's and ours) ----
  void Save(const UserDocument& doc);  // insert; DuplicateKeyError when the _id (or user name) exists
  void Save(const ArticleDocument& doc);
  void Save(const PostDocument& doc);
  void Save(const RepositoryDocument& doc);
  // The book's get_or_create: finds the user by first and last name, or creates one with a new id.
  // Safe when several threads ask for the same new user at once (a unique index decides).
  UserDocument GetOrCreateUser(std::string_view first_name, std::string_view last_name);
  UserDocument GetOrCreateUser(std::string_view full_name);  // split by the book's rule
  template <class D>
  void BulkInsert(const std::vector<D>& docs);  // all or nothing on SQLite
  template <class D>
  std::optional<D> Get(std::string_view id);
  template <class D>
  std::optional<D> Find(const Query& query);  // the first match (book: find)
  template <class D>
  std::vector<D> BulkFind(const Query& query = {});  // every match (book: bulk_find)
  // Inserts or replaces by normalized link. An unchanged content_hash leaves the stored document
  // untouched; a changed one replaces it, keeping its _id and crawled history (updated_at is set).
  // Fills meta.normalized_link and meta.content_hash when empty; `doc.id` is set to the stored id.
  // `link`, when given and made from the document's link, saves normalising it again (it is
  // ignored otherwise); the document's key is its identity (domain/link.h).
  UpsertResult Upsert(ArticleDocument& doc, const NormalizedLink* link = nullptr);
  UpsertResult Upsert(PostDocument& doc, const NormalizedLink* link = nullptr);
  UpsertResult Upsert(RepositoryDocument& doc, const NormalizedLink* link = nullptr);
  template <class D>
  bool Update(const D& doc);  // replaces the document with the same _id; false when absent
  template <class D>
  bool Delete(std::string_view id);
  template <class D>
  std::size_t Count(const Query& query = {});
  // Finds documents of a class as JSON in the book's shape plus our fields (projection honoured).
  std::vector<Json> FindDocuments(DocumentClass cls, const Query& query = {});

  // The stored document of class `cls` for `link`, as FindDocuments gives it: looked up by the id
  // the link names (DocumentIdForLink), else by key when some document of the class is stored under
  // another id (imported from the book, written by earlier builds or by Save). Which keys those are
  // is read once (one pass over `_id` and `_key`) and kept until this object writes a document by
  // another path than Upsert; a document stored under another id by another process meanwhile is
  // not found here (Upsert still finds it by key: the caller fetches the page once more).
  std::optional<Json> FindByLink(DocumentClass cls, std::string_view link);
  std::optional<Json> FindByLink(DocumentClass cls, const NormalizedLink& link);
  // Filters by link go through this: the normalized form of `link` (or `link` itself when it is
  // not a URL) matched against the internal key, in the form earlier builds wrote it too.
  static Query ByLink(std::string_view link);
  static Query ByLink(const NormalizedLink& link);

 protected:
  Warehouse() = default;
  // Creates the indexes of the four book collections; backends call it once when opened.
  void EnsureBookIndexes();

  // ---- Backend operations on the stored (encoded) form ----
  virtual void DoInsert(std::string_view collection, const std::vector<Json>& documents) = 0;
  // std::nullopt when the _id is absent and !upsert.
  virtual std::optional<UpsertOutcome> DoReplace(std::string_view collection, const Json& document, bool upsert) = 0;
  virtual std::vector<Json> DoFind(std::string_view collection, const Query& query) = 0;
  virtual std::size_t DoCount(std::string_view collection, const Query& query) = 0;
  virtual std::size_t DoDelete(std::string_view collection, const Query& query) = 0;
  virtual void DoDrop(std::string_view collection) = 0;
  virtual void DoEnsureIndex(std::string_view collection, const IndexSpec& index) = 0;
  virtual WriteCounts DoReplaceAll(std::string_view collection,
                                   const std::function<bool(std::vector<Json>& batch)>& next) = 0;

 private:
  template <class D>
  UpsertResult UpsertContent(D& doc, const NormalizedLink* link);
  // What this object knows of the link keys stored in a content collection, read in one pass over
  // `_id` and `_key` on first use and kept up to date by Upsert's own writes:
  //  - `foreign`: the keys of documents not stored under the id their link names;
  //  - `hashes`: the 64-bit hash of every key, so that a link never stored is known absent without
  //    a query (on FerretDB 1.24 every lookup reads the whole collection: a crawl of new links paid
  //    four or five such reads per link).
  // A write by another path than Upsert forgets it (read again on next use). Documents another
  // process stores meanwhile are not in it: FindByLink misses them, and Upsert, whose insert then
  // meets the unique indexes, still finds them by id and key.
  struct StoredKeys {
    std::set<std::string> foreign;
    std::unordered_set<std::uint64_t> hashes;
  };
  // Under `foreign_mutex_`, which the caller holds.
  const StoredKeys& KnownKeys(DocumentClass cls);
  // Whether a document of `cls` may be stored under one of `forms` (false: certainly not, as far
  // as this object knows).
  bool MayBeStored(DocumentClass cls, const std::vector<std::string>& forms);
  // Notes that Upsert stored a document of `cls` under `key` and the id the key names.
  void RememberKey(DocumentClass cls, const std::string& key);
  // A write by another path than Upsert may store a document under another id: read them again.
  void ForgetForeignKeys(std::string_view collection);

  std::mutex foreign_mutex_;
  std::map<DocumentClass, StoredKeys> known_keys_;
};

// Opens the warehouse named by `uri`:
//   "sqlite:PATH"           the embedded SQLite file (created with its folders on first use)
//   "mongodb://..."         MongoDB / FerretDB; the database is the URI's path (default "twin")
//   ""                      DATABASE_HOST (+ DATABASE_NAME, default "twin") when DATABASE_HOST is
//                           set (the book's variables), else sqlite:data/twin.sqlite (relative to
//                           the current directory)
// Logs which one at info level (credentials redacted). Throws Error(kUsage) for an unknown scheme,
// Error(kWarehouse) when the database cannot be opened or reached (MongoDB: within 3 s).
std::unique_ptr<Warehouse> OpenWarehouse(std::string_view uri);

// The URI OpenWarehouse("") resolves to, from the environment.
std::string DefaultWarehouseUri();

}  // namespace llmtwin::warehouse
