// The embedded warehouse: one SQLite file, the default when no MongoDB is configured.
//
// Each collection is a table (rowid, id TEXT UNIQUE, doc TEXT) holding the stored JSON text of the
// document; filters and sort use SQLite's JSON1 functions (json_extract) on it, and the indexes the
// warehouse asks for are expression indexes on the same json_extract() calls, so the unique
// normalized-link index is enforced by SQLite itself. Rows keep insertion order (rowid), so an
// imported export comes back out in the same order.
//
// One connection guarded by a mutex serves every thread (SQLite serialises writers anyway); WAL
// lets other processes (`llmtwin query` during a run) read meanwhile, busy_timeout makes writers
// from other processes wait instead of failing. Every multi-row write is one transaction.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "warehouse/sqlite_handles.h"
#include "warehouse/warehouse.h"

namespace llmtwin::warehouse {

class SqliteWarehouse final : public Warehouse {
 public:
  // Opens (creating it and its parent folders when missing) the SQLite file at `path`.
  static std::unique_ptr<SqliteWarehouse> Open(const std::string& path);
  ~SqliteWarehouse() override;

  std::string Describe() const override;
  const std::string& path() const { return path_; }

 protected:
  void DoInsert(std::string_view collection, const std::vector<Json>& documents) override;
  std::optional<UpsertOutcome> DoReplace(std::string_view collection, const Json& document, bool upsert) override;
  std::vector<Json> DoFind(std::string_view collection, const Query& query) override;
  std::size_t DoCount(std::string_view collection, const Query& query) override;
  std::size_t DoDelete(std::string_view collection, const Query& query) override;
  void DoDrop(std::string_view collection) override;
  void DoEnsureIndex(std::string_view collection, const IndexSpec& index) override;
  WriteCounts DoReplaceAll(std::string_view collection,
                           const std::function<bool(std::vector<Json>& batch)>& next) override;

 private:
  SqliteWarehouse(std::string path, SqliteDb db);
  // Callers hold mutex_.
  const std::string& Table(std::string_view collection);  // creates the table on first use
  SqliteStatement& Statement(const std::string& sql);      // cached prepared statements
  void InsertOne(const std::string& table, const Json& document);
  UpsertOutcome ReplaceOne(const std::string& table, const Json& document, bool upsert, bool* found);

  std::string path_;
  std::mutex mutex_;
  SqliteDb db_;
  std::set<std::string, std::less<>> tables_;
  std::map<std::string, std::unique_ptr<SqliteStatement>> statements_;
};

}  // namespace llmtwin::warehouse
