#include "warehouse/mongo_warehouse.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "common/error.h"
#include "domain/json_text.h"
#include "common/redact.h"

namespace llmtwin::warehouse {
namespace {

constexpr int32_t kDefaultTimeoutMs = 3000;

bool IsDuplicateKey(const bson_error_t& error) {
  return error.code == 11000 || error.code == 11001 || error.code == 12582;
}

[[noreturn]] void ThrowMongoError(const std::string& what, const bson_error_t& error) {
  const std::string message = what + ": " + RedactSecrets(error.message);
  if (IsDuplicateKey(error)) throw DuplicateKeyError(message);
  throw Error(ErrorKind::kWarehouse, message);
}

void CheckCollectionName(std::string_view collection) {
  bool ok = !collection.empty() && collection.size() <= 64;
  for (char c : collection)
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
  if (!ok) throw Error(ErrorKind::kInvalidInput, "invalid collection name '" + std::string(collection) + "'");
}

Json FilterOf(const Query& query) {
  Json filter = Json::object();
  for (const auto& [field, value] : query.equals) {
    const bool any_of = value.is_array() && std::all_of(value.begin(), value.end(), [](const Json& v) {
                          return v.is_string() || v.is_number();
                        });
    if (value.is_object() || (value.is_array() && !any_of))
      throw Error(ErrorKind::kInvalidInput,
                  "filter on '" + field + "' must compare with a string, number, bool, null or a list of strings and numbers");
    const Json condition = any_of ? Json{{"$in", value}} : value;
    // Several conditions on one field: AND them (a plain object would keep only the last).
    if (filter.contains(field)) {
      if (!filter.contains("$and")) filter["$and"] = Json::array();
      filter["$and"].push_back(Json{{field, condition}});
    } else {
      filter[field] = condition;
    }
  }
  return filter;
}

std::string HostsOf(const mongoc_uri_t* uri) {
  std::string hosts;
  for (const mongoc_host_list_t* host = mongoc_uri_get_hosts(uri); host; host = host->next)
    hosts += (hosts.empty() ? "" : ",") + std::string(host->host_and_port);
  return hosts.empty() ? "(no host)" : hosts;
}

// libmongoc logs to stderr by default (including its monitor's debug chatter); route it through
// spdlog instead, redacted like every other line.
void LogThroughSpdlog(mongoc_log_level_t level, const char* domain, const char* message, void*) {
  const std::string text = RedactSecrets(std::string("mongoc ") + (domain ? domain : "") + ": " + (message ? message : ""));
  // FerretDB has no endSessions command; the driver's warning about it at shutdown is noise.
  if (level == MONGOC_LOG_LEVEL_WARNING && text.find("endSessions") != std::string::npos) level = MONGOC_LOG_LEVEL_DEBUG;
  switch (level) {
    case MONGOC_LOG_LEVEL_ERROR:
    case MONGOC_LOG_LEVEL_CRITICAL: spdlog::error("{}", text); break;
    case MONGOC_LOG_LEVEL_WARNING: spdlog::warn("{}", text); break;
    case MONGOC_LOG_LEVEL_MESSAGE:
    case MONGOC_LOG_LEVEL_INFO: spdlog::debug("{}", text); break;
    default: spdlog::trace("{}", text); break;
  }
}

}  // namespace

int64_t BsonReply::Int(const char* key) const {
  bson_iter_t iter;
  if (bson_iter_init_find(&iter, &value_, key) && BSON_ITER_HOLDS_NUMBER(&iter)) return bson_iter_as_int64(&iter);
  return 0;
}

BsonPtr ToBson(const Json& json) {
  const std::string text = JsonText(json);
  bson_error_t error;
  bson_t* bson = bson_new_from_json(reinterpret_cast<const uint8_t*>(text.data()), static_cast<ssize_t>(text.size()),
                                    &error);
  if (!bson) throw Error(ErrorKind::kInvalidInput, std::string("cannot convert a document to BSON: ") + error.message);
  return BsonPtr(bson);
}

Json FromBson(const bson_t* bson) {
  size_t length = 0;
  std::unique_ptr<char, void (*)(void*)> text(bson_as_relaxed_extended_json(bson, &length), bson_free);
  if (!text) throw Error(ErrorKind::kWarehouse, "MongoDB returned a document that is not valid BSON");
  return Json::parse(text.get(), text.get() + length);
}

std::unique_ptr<MongoWarehouse> MongoWarehouse::Open(const std::string& uri_text, const std::string& database) {
  static std::once_flag init;
  std::call_once(init, [] {
    mongoc_log_set_handler(LogThroughSpdlog, nullptr);
    mongoc_init();
  });
  const std::string redacted = RedactSecrets(uri_text);
  bson_error_t error;
  MongoUri uri(mongoc_uri_new_with_error(uri_text.c_str(), &error));
  if (!uri) throw Error(ErrorKind::kUsage, "invalid MongoDB URI '" + redacted + "': " + RedactSecrets(error.message));
  // The driver waits 30 s by default before giving up on a server; 3 s is plenty on a LAN.
  if (!mongoc_uri_has_option(uri.get(), MONGOC_URI_SERVERSELECTIONTIMEOUTMS))
    mongoc_uri_set_option_as_int32(uri.get(), MONGOC_URI_SERVERSELECTIONTIMEOUTMS, kDefaultTimeoutMs);
  if (!mongoc_uri_has_option(uri.get(), MONGOC_URI_CONNECTTIMEOUTMS))
    mongoc_uri_set_option_as_int32(uri.get(), MONGOC_URI_CONNECTTIMEOUTMS, kDefaultTimeoutMs);
  if (!mongoc_uri_has_option(uri.get(), MONGOC_URI_APPNAME)) mongoc_uri_set_appname(uri.get(), "llmtwin");
  std::string db = database;
  if (db.empty() && mongoc_uri_get_database(uri.get())) db = mongoc_uri_get_database(uri.get());
  if (db.empty()) db = "twin";

  MongoPool pool(mongoc_client_pool_new_with_error(uri.get(), &error));
  if (!pool) throw Error(ErrorKind::kWarehouse, "cannot use MongoDB URI '" + redacted + "': " + RedactSecrets(error.message));
  mongoc_client_pool_set_error_api(pool.get(), MONGOC_ERROR_API_VERSION_2);

  {
    PooledClient client(pool.get());
    BsonReply reply;
    BsonPtr ping = ToBson(Json{{"ping", 1}});
    if (!mongoc_client_command_simple(client.get(), "admin", ping.get(), nullptr, reply.get(), &error)) {
      const int32_t timeout_ms = mongoc_uri_get_option_as_int32(uri.get(), MONGOC_URI_SERVERSELECTIONTIMEOUTMS,
                                                                 kDefaultTimeoutMs);
      throw Error(ErrorKind::kWarehouse, "cannot reach MongoDB at " + HostsOf(uri.get()) + " within " +
                                             std::to_string(timeout_ms / 1000) + " s (" + redacted +
                                             "): " + RedactSecrets(error.message));
    }
  }
  auto warehouse = std::unique_ptr<MongoWarehouse>(new MongoWarehouse(redacted, db, std::move(uri), std::move(pool)));
  warehouse->EnsureBookIndexes();
  return warehouse;
}

MongoWarehouse::MongoWarehouse(std::string redacted_uri, std::string database, MongoUri uri, MongoPool pool)
    : redacted_uri_(std::move(redacted_uri)), database_(std::move(database)), uri_(std::move(uri)), pool_(std::move(pool)) {}

MongoWarehouse::~MongoWarehouse() = default;

std::string MongoWarehouse::Describe() const { return redacted_uri_ + " (database " + database_ + ")"; }

MongoCollection MongoWarehouse::Collection(const PooledClient& client, std::string_view collection) const {
  CheckCollectionName(collection);
  return MongoCollection(mongoc_client_get_collection(client.get(), database_.c_str(), std::string(collection).c_str()));
}

void MongoWarehouse::DropDatabase() {
  PooledClient client(pool_.get());
  MongoDatabase db(mongoc_client_get_database(client.get(), database_.c_str()));
  bson_error_t error;
  if (!mongoc_database_drop_with_opts(db.get(), nullptr, &error) && error.code != 26)
    ThrowMongoError("MongoDB: dropping database " + database_, error);
}

void MongoWarehouse::DoInsert(std::string_view collection, const std::vector<Json>& documents) {
  if (documents.empty()) return;
  PooledClient client(pool_.get());
  MongoCollection coll = Collection(client, collection);
  std::vector<BsonPtr> owned;
  BsonPointers raw;
  owned.reserve(documents.size());
  for (const auto& document : documents) {
    owned.push_back(ToBson(document));
    raw.push_back(owned.back().get());
  }
  BsonReply reply;
  bson_error_t error;
  const bool ok = raw.size() == 1
                      ? mongoc_collection_insert_one(coll.get(), raw[0], nullptr, reply.get(), &error)
                      : mongoc_collection_insert_many(coll.get(), raw.data(), raw.size(), nullptr, reply.get(), &error);
  if (!ok) ThrowMongoError("MongoDB: insert into " + std::string(collection), error);
}

std::optional<UpsertOutcome> MongoWarehouse::DoReplace(std::string_view collection, const Json& document, bool upsert) {
  PooledClient client(pool_.get());
  MongoCollection coll = Collection(client, collection);
  BsonPtr selector = ToBson(Json{{"_id", document.at("_id")}});
  BsonPtr replacement = ToBson(document);
  BsonPtr opts = ToBson(Json{{"upsert", upsert}});
  BsonReply reply;
  bson_error_t error;
  if (!mongoc_collection_replace_one(coll.get(), selector.get(), replacement.get(), opts.get(), reply.get(), &error))
    ThrowMongoError("MongoDB: replace in " + std::string(collection), error);
  if (reply.Int("upsertedCount") > 0) return UpsertOutcome::kInserted;
  if (reply.Int("matchedCount") == 0) return std::nullopt;
  return reply.Int("modifiedCount") > 0 ? UpsertOutcome::kUpdated : UpsertOutcome::kUnchanged;
}

std::vector<Json> MongoWarehouse::DoFind(std::string_view collection, const Query& query) {
  Json opts = Json::object();
  if (!query.sort.empty()) {
    Json sort = Json::object();
    for (const auto& [field, ascending] : query.sort) sort[field] = ascending ? 1 : -1;
    opts["sort"] = std::move(sort);
  }
  if (query.skip > 0) opts["skip"] = static_cast<int64_t>(query.skip);
  if (query.limit > 0) opts["limit"] = static_cast<int64_t>(query.limit);
  if (!query.projection.empty()) {
    Json projection = Json::object();
    for (const auto& field : query.projection) projection[field] = 1;
    opts["projection"] = std::move(projection);
  }
  BsonPtr filter = ToBson(FilterOf(query));
  BsonPtr options = ToBson(opts);

  PooledClient client(pool_.get());
  MongoCollection coll = Collection(client, collection);
  MongoCursor cursor(mongoc_collection_find_with_opts(coll.get(), filter.get(), options.get(), nullptr));
  std::vector<Json> documents;
  const bson_t* document = nullptr;
  while (mongoc_cursor_next(cursor.get(), &document)) documents.push_back(FromBson(document));
  bson_error_t error;
  if (mongoc_cursor_error(cursor.get(), &error)) ThrowMongoError("MongoDB: find in " + std::string(collection), error);
  return documents;
}

std::size_t MongoWarehouse::DoCount(std::string_view collection, const Query& query) {
  Json opts = Json::object();
  if (query.skip > 0) opts["skip"] = static_cast<int64_t>(query.skip);
  if (query.limit > 0) opts["limit"] = static_cast<int64_t>(query.limit);
  BsonPtr filter = ToBson(FilterOf(query));
  BsonPtr options = ToBson(opts);
  PooledClient client(pool_.get());
  MongoCollection coll = Collection(client, collection);
  bson_error_t error;
  const int64_t n = mongoc_collection_count_documents(coll.get(), filter.get(), options.get(), nullptr, nullptr, &error);
  if (n < 0) ThrowMongoError("MongoDB: count in " + std::string(collection), error);
  return static_cast<std::size_t>(n);
}

std::size_t MongoWarehouse::DoDelete(std::string_view collection, const Query& query) {
  BsonPtr filter = ToBson(FilterOf(query));
  PooledClient client(pool_.get());
  MongoCollection coll = Collection(client, collection);
  BsonReply reply;
  bson_error_t error;
  if (!mongoc_collection_delete_many(coll.get(), filter.get(), nullptr, reply.get(), &error))
    ThrowMongoError("MongoDB: delete in " + std::string(collection), error);
  return static_cast<std::size_t>(reply.Int("deletedCount"));
}

void MongoWarehouse::DoDrop(std::string_view collection) {
  PooledClient client(pool_.get());
  MongoCollection coll = Collection(client, collection);
  bson_error_t error;
  // 26 = NamespaceNotFound: dropping a collection that does not exist is not an error for us.
  if (!mongoc_collection_drop_with_opts(coll.get(), nullptr, &error) && error.code != 26)
    ThrowMongoError("MongoDB: drop " + std::string(collection), error);
}

void MongoWarehouse::DoEnsureIndex(std::string_view collection, const IndexSpec& index) {
  CheckCollectionName(collection);
  Json keys = Json::object();
  for (const auto& field : index.fields) keys[field] = 1;
  Json spec{{"key", keys}, {"name", index.name}};
  if (index.unique) spec["unique"] = true;
  BsonPtr command = ToBson(Json{{"createIndexes", std::string(collection)}, {"indexes", Json::array({spec})}});
  PooledClient client(pool_.get());
  MongoDatabase db(mongoc_client_get_database(client.get(), database_.c_str()));
  BsonReply reply;
  bson_error_t error;
  if (!mongoc_database_write_command_with_opts(db.get(), command.get(), nullptr, reply.get(), &error))
    ThrowMongoError("MongoDB: creating index " + index.name + " on " + std::string(collection), error);
}

WriteCounts MongoWarehouse::DoReplaceAll(std::string_view collection,
                                         const std::function<bool(std::vector<Json>& batch)>& next) {
  PooledClient client(pool_.get());
  MongoCollection coll = Collection(client, collection);
  BsonPtr upsert = ToBson(Json{{"upsert", true}});
  WriteCounts counts;
  std::vector<Json> batch;
  bool more = true;
  while (more) {
    batch.clear();
    more = next(batch);
    if (batch.empty()) continue;
    // Compare with what is stored first: identical documents are not written at all, and the
    // counts do not depend on the server's nModified (FerretDB 1.24 counts identical
    // replacements as modified).
    Json ids = Json::array();
    for (const auto& document : batch) ids.push_back(document.at("_id"));
    std::map<std::string, nlohmann::json> existing;  // unordered JSON: MongoDB moves _id first
    {
      BsonPtr filter = ToBson(Json{{"_id", Json{{"$in", ids}}}});
      MongoCursor cursor(mongoc_collection_find_with_opts(coll.get(), filter.get(), nullptr, nullptr));
      const bson_t* found = nullptr;
      while (mongoc_cursor_next(cursor.get(), &found)) {
        Json document = FromBson(found);
        if (document.contains("_id") && document["_id"].is_string())
          existing[document["_id"].get<std::string>()] = nlohmann::json(document);
      }
      bson_error_t error;
      if (mongoc_cursor_error(cursor.get(), &error)) ThrowMongoError("MongoDB: find in " + std::string(collection), error);
    }
    MongoBulk bulk(mongoc_collection_create_bulk_operation_with_opts(coll.get(), nullptr));
    bson_error_t error;
    std::size_t writes = 0;
    for (const auto& document : batch) {
      const auto it = document.at("_id").is_string() ? existing.find(document["_id"].get<std::string>()) : existing.end();
      if (it != existing.end() && it->second == nlohmann::json(document)) {
        ++counts.unchanged;
        continue;
      }
      ++(it == existing.end() ? counts.inserted : counts.updated);
      ++writes;
      BsonPtr selector = ToBson(Json{{"_id", document.at("_id")}});
      BsonPtr replacement = ToBson(document);
      if (!mongoc_bulk_operation_replace_one_with_opts(bulk.get(), selector.get(), replacement.get(), upsert.get(),
                                                       &error))
        ThrowMongoError("MongoDB: replace in " + std::string(collection), error);
    }
    if (writes == 0) continue;
    BsonReply reply;
    if (!mongoc_bulk_operation_execute(bulk.get(), reply.get(), &error))
      ThrowMongoError("MongoDB: bulk write to " + std::string(collection), error);
  }
  return counts;
}

}  // namespace llmtwin::warehouse
