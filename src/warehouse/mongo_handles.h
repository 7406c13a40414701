// RAII owners of libmongoc / libbson handles and the JSON <-> BSON conversions of the MongoDB
// backend, so no error path leaks a handle or returns a pooled client twice.
#pragma once

#include <mongoc/mongoc.h>

#include <memory>
#include <string>
#include <vector>

#include "domain/documents.h"

namespace llmtwin::warehouse {

struct BsonDeleter {
  void operator()(bson_t* b) const { bson_destroy(b); }
};
struct MongoUriDeleter {
  void operator()(mongoc_uri_t* u) const { mongoc_uri_destroy(u); }
};
struct MongoPoolDeleter {
  void operator()(mongoc_client_pool_t* p) const { mongoc_client_pool_destroy(p); }
};
struct MongoCollectionDeleter {
  void operator()(mongoc_collection_t* c) const { mongoc_collection_destroy(c); }
};
struct MongoDatabaseDeleter {
  void operator()(mongoc_database_t* d) const { mongoc_database_destroy(d); }
};
struct MongoCursorDeleter {
  void operator()(mongoc_cursor_t* c) const { mongoc_cursor_destroy(c); }
};
struct MongoBulkDeleter {
  void operator()(mongoc_bulk_operation_t* b) const { mongoc_bulk_operation_destroy(b); }
};

// bson_t is declared with an alignment attribute that template arguments drop; harmless here
// (the pointee is always allocated by libbson), so the warning is silenced for this one alias.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wignored-attributes"
using BsonPtr = std::unique_ptr<bson_t, BsonDeleter>;
using BsonPointers = std::vector<const bson_t*>;
#pragma GCC diagnostic pop
using MongoUri = std::unique_ptr<mongoc_uri_t, MongoUriDeleter>;
using MongoPool = std::unique_ptr<mongoc_client_pool_t, MongoPoolDeleter>;
using MongoCollection = std::unique_ptr<mongoc_collection_t, MongoCollectionDeleter>;
using MongoDatabase = std::unique_ptr<mongoc_database_t, MongoDatabaseDeleter>;
using MongoCursor = std::unique_ptr<mongoc_cursor_t, MongoCursorDeleter>;
using MongoBulk = std::unique_ptr<mongoc_bulk_operation_t, MongoBulkDeleter>;

// A reply/out-parameter bson_t on the stack, always destroyed (libmongoc initialises it even on
// failure).
class BsonReply {
 public:
  BsonReply() { bson_init(&value_); }
  ~BsonReply() { bson_destroy(&value_); }
  BsonReply(const BsonReply&) = delete;
  BsonReply& operator=(const BsonReply&) = delete;
  bson_t* get() { return &value_; }
  // Reply fields are destroyed and re-initialised by libmongoc calls that take `reply`.
  int64_t Int(const char* key) const;

 private:
  bson_t value_;
};

// A client borrowed from the pool for one operation, returned on destruction.
class PooledClient {
 public:
  explicit PooledClient(mongoc_client_pool_t* pool) : pool_(pool), client_(mongoc_client_pool_pop(pool)) {}
  ~PooledClient() { mongoc_client_pool_push(pool_, client_); }
  PooledClient(const PooledClient&) = delete;
  PooledClient& operator=(const PooledClient&) = delete;
  mongoc_client_t* get() const { return client_; }

 private:
  mongoc_client_pool_t* pool_;
  mongoc_client_t* client_;
};

// JSON (our stored form: keys already safe) to BSON; throws Error(kInvalidInput) on failure.
BsonPtr ToBson(const Json& json);
// BSON to JSON (relaxed extended JSON: plain numbers, strings, booleans).
Json FromBson(const bson_t* bson);

}  // namespace llmtwin::warehouse
