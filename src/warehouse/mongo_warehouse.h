// The MongoDB warehouse (MongoDB, or FerretDB for tests), through libmongoc 1.23.
//
// A mongoc_client_pool serves every thread; each operation borrows a client for its duration.
// Opening pings the server with a 3 s server-selection timeout (unless the URI sets its own), so
// an unreachable server is reported within seconds ("cannot reach MongoDB at host:port within
// 3 s") instead of the driver's 30 s default and the book's optimistic "connected". Credentials
// in the URI are only ever printed through RedactSecrets.
//
// Deviation from SQLite: MongoDB has no multi-document atomicity without replica-set
// transactions (and FerretDB has none), so bulk inserts and imports are written batch by batch;
// import validates a whole file before writing any of it (see export_import.h).
#pragma once

#include <memory>
#include <string>

#include "warehouse/mongo_handles.h"
#include "warehouse/warehouse.h"

namespace llmtwin::warehouse {

class MongoWarehouse final : public Warehouse {
 public:
  // `database` overrides the URI's database (empty: the URI's, else "twin").
  static std::unique_ptr<MongoWarehouse> Open(const std::string& uri, const std::string& database = "");
  ~MongoWarehouse() override;

  std::string Describe() const override;
  const std::string& database() const { return database_; }
  // Drops the whole database (tests use a fresh database each and drop it afterwards).
  void DropDatabase();

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
  MongoWarehouse(std::string redacted_uri, std::string database, MongoUri uri, MongoPool pool);
  MongoCollection Collection(const PooledClient& client, std::string_view collection) const;

  std::string redacted_uri_;
  std::string database_;
  MongoUri uri_;
  MongoPool pool_;
};

}  // namespace llmtwin::warehouse
