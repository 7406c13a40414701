#include "warehouse/sqlite_warehouse.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

#include "common/error.h"
#include "domain/json_text.h"
#include "warehouse/field_codec.h"

namespace llmtwin::warehouse {
namespace {

bool IsSimpleSegment(std::string_view segment) {
  if (segment.empty()) return false;
  for (char c : segment)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

// '$.a.b' (as an SQL string literal) for a stored (already encoded) dotted field path. Paths are
// literals, not parameters, so that the json_extract() of a query is the very expression an index
// was built on and SQLite uses the index.
std::string JsonPathLiteral(std::string_view path) {
  std::string out = "'$";
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    const std::string_view segment = path.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (IsSimpleSegment(segment)) {
      out += '.';
      out += segment;
    } else {
      if (segment.find_first_of("\"'") != std::string_view::npos || segment.empty())
        throw Error(ErrorKind::kInvalidInput, "field name '" + std::string(segment) + "' cannot be used in a filter");
      out += ".\"";
      out += segment;
      out += '"';
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out + "'";
}

std::string Extract(const std::string& field) {
  if (field == "_id") return "id";
  return "json_extract(doc, " + JsonPathLiteral(field) + ")";
}

// The WHERE clause of a query (stored field names) and the values to bind, in order.
struct WhereClause {
  std::string sql;
  std::vector<Json> values;
};

WhereClause BuildWhere(const Query& query) {
  WhereClause where;
  for (const auto& [field, value] : query.equals) {
    where.sql += where.sql.empty() ? " WHERE " : " AND ";
    if (value.is_null()) {
      where.sql += Extract(field) + " IS NULL";
    } else if (value.is_boolean()) {
      // json_extract maps true/false to 1/0; json_type keeps a boolean from matching the number 1.
      where.sql += "json_type(doc, " + JsonPathLiteral(field) + ") = '" + (value.get<bool>() ? "true" : "false") + "'";
    } else if (value.is_string() || value.is_number()) {
      where.sql += Extract(field) + " = ?";
      where.values.push_back(value);
    } else if (value.is_array() && !value.empty() &&
               std::all_of(value.begin(), value.end(), [](const Json& v) { return v.is_string() || v.is_number(); })) {
      where.sql += Extract(field) + " IN (";
      for (size_t i = 0; i < value.size(); ++i) {
        where.sql += i == 0 ? "?" : ", ?";
        where.values.push_back(value[i]);
      }
      where.sql += ")";
    } else {
      throw Error(ErrorKind::kInvalidInput,
                  "filter on '" + field + "' must compare with a string, number, bool, null or a list of strings and numbers");
    }
  }
  return where;
}

void BindValues(SqliteStatement& statement, const std::vector<Json>& values, int first = 1) {
  int index = first;
  for (const auto& value : values) {
    if (value.is_string()) statement.Bind(index++, value.get_ref<const std::string&>());
    else if (value.is_number_float()) statement.Bind(index++, value.get<double>());
    else statement.Bind(index++, value.get<int64_t>());
  }
}

// Copies into `out` the parts of `doc` named by `path` (a dotted stored path), keeping doc order.
void ProjectPath(const Json& doc, std::string_view path, Json& out) {
  const size_t dot = path.find('.');
  const std::string head(path.substr(0, dot));
  auto it = doc.find(head);
  if (it == doc.end()) return;
  if (dot == std::string_view::npos) {
    out[head] = *it;
  } else if (it->is_object()) {
    if (!out.contains(head) || !out[head].is_object()) out[head] = Json::object();
    ProjectPath(*it, path.substr(dot + 1), out[head]);
  }
}

Json Project(const Json& doc, const std::vector<std::string>& fields) {
  Json projected = Json::object();
  // Iterate the document's keys so the projection keeps the stored key order.
  for (const auto& [key, value] : doc.items()) {
    if (key == "_id") {
      projected[key] = value;
      continue;
    }
    for (const auto& field : fields) {
      if (field == key || (field.size() > key.size() && field.compare(0, key.size(), key) == 0 && field[key.size()] == '.'))
        ProjectPath(doc, field, projected);
    }
  }
  return projected;
}

const std::string& IdOf(const Json& document) {
  auto it = document.find("_id");
  if (it == document.end() || !it->is_string())
    throw Error(ErrorKind::kInvalidInput, "a stored document needs a string _id");
  return it->get_ref<const std::string&>();
}

}  // namespace

std::unique_ptr<SqliteWarehouse> SqliteWarehouse::Open(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path file = std::filesystem::absolute(path, ec);
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  if (ec) throw Error(ErrorKind::kIo, "cannot create the folder of " + file.string() + ": " + ec.message());
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                 nullptr);
  SqliteDb db(raw);
  if (rc != SQLITE_OK)
    throw Error(ErrorKind::kWarehouse, "cannot open SQLite warehouse " + file.string() + ": " +
                                           (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  sqlite3_busy_timeout(db.get(), 10000);
  SqliteExec(db.get(), "PRAGMA journal_mode=WAL");
  // NORMAL is crash-safe in WAL mode (a crash loses at most the last commits, never half of one).
  SqliteExec(db.get(), "PRAGMA synchronous=NORMAL");
  // Fail now, with the path in the message, if the file is not a database.
  SqliteExec(db.get(), "SELECT count(*) FROM sqlite_master");
  auto warehouse = std::unique_ptr<SqliteWarehouse>(new SqliteWarehouse(file.string(), std::move(db)));
  warehouse->EnsureBookIndexes();
  return warehouse;
}

SqliteWarehouse::SqliteWarehouse(std::string path, SqliteDb db) : path_(std::move(path)), db_(std::move(db)) {}

SqliteWarehouse::~SqliteWarehouse() {
  statements_.clear();  // statements must be finalized before the connection closes
}

std::string SqliteWarehouse::Describe() const { return "sqlite:" + path_; }

const std::string& SqliteWarehouse::Table(std::string_view collection) {
  if (collection.empty() || collection.size() > 64 || !IsSimpleSegment(collection) ||
      collection.substr(0, 7) == "sqlite_")
    throw Error(ErrorKind::kInvalidInput, "invalid collection name '" + std::string(collection) + "'");
  auto it = tables_.find(collection);
  if (it != tables_.end()) return *it;
  const std::string table = "\"" + std::string(collection) + "\"";
  SqliteExec(db_.get(), "CREATE TABLE IF NOT EXISTS " + table +
                            " (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL)");
  return *tables_.insert(std::string(collection)).first;
}

SqliteStatement& SqliteWarehouse::Statement(const std::string& sql) {
  auto& slot = statements_[sql];
  if (!slot) slot = std::make_unique<SqliteStatement>(db_.get(), sql, /*persistent=*/true);
  slot->Reset();
  return *slot;
}

void SqliteWarehouse::InsertOne(const std::string& table, const Json& document) {
  auto& insert = Statement("INSERT INTO \"" + table + "\" (id, doc) VALUES (?, ?)");
  insert.Bind(1, IdOf(document)).Bind(2, JsonText(document));
  try {
    insert.Step();
  } catch (const DuplicateKeyError& e) {
    throw DuplicateKeyError(table + ": document " + IdOf(document) + " breaks a unique index (" + e.what() + ")");
  }
}

UpsertOutcome SqliteWarehouse::ReplaceOne(const std::string& table, const Json& document, bool upsert, bool* found) {
  const std::string& id = IdOf(document);
  const std::string text = JsonText(document);
  auto& select = Statement("SELECT doc FROM \"" + table + "\" WHERE id = ?");
  select.Bind(1, id);
  *found = select.Step();
  if (*found) {
    const bool same = select.ColumnText(0) == text;
    select.Reset();
    if (same) return UpsertOutcome::kUnchanged;
    auto& update = Statement("UPDATE \"" + table + "\" SET doc = ? WHERE id = ?");
    update.Bind(1, text).Bind(2, id);
    try {
      update.Step();
    } catch (const DuplicateKeyError& e) {
      throw DuplicateKeyError(table + ": document " + id + " breaks a unique index (" + e.what() + ")");
    }
    return UpsertOutcome::kUpdated;
  }
  select.Reset();
  if (!upsert) return UpsertOutcome::kUnchanged;
  InsertOne(table, document);
  return UpsertOutcome::kInserted;
}

void SqliteWarehouse::DoInsert(std::string_view collection, const std::vector<Json>& documents) {
  std::lock_guard lock(mutex_);
  const std::string& table = Table(collection);
  SqliteTransaction transaction(db_.get());
  for (const auto& document : documents) InsertOne(table, document);
  transaction.Commit();
}

std::optional<UpsertOutcome> SqliteWarehouse::DoReplace(std::string_view collection, const Json& document,
                                                        bool upsert) {
  std::lock_guard lock(mutex_);
  const std::string& table = Table(collection);
  SqliteTransaction transaction(db_.get());
  bool found = false;
  const UpsertOutcome outcome = ReplaceOne(table, document, upsert, &found);
  transaction.Commit();
  if (!found && !upsert) return std::nullopt;
  return outcome;
}

WriteCounts SqliteWarehouse::DoReplaceAll(std::string_view collection,
                                          const std::function<bool(std::vector<Json>& batch)>& next) {
  std::lock_guard lock(mutex_);
  const std::string& table = Table(collection);
  WriteCounts counts;
  // One transaction for the whole stream: a failure anywhere writes nothing.
  SqliteTransaction transaction(db_.get());
  std::vector<Json> batch;
  bool more = true;
  while (more) {
    batch.clear();
    more = next(batch);
    for (const auto& document : batch) {
      bool found = false;
      switch (ReplaceOne(table, document, /*upsert=*/true, &found)) {
        case UpsertOutcome::kInserted: ++counts.inserted; break;
        case UpsertOutcome::kUpdated: ++counts.updated; break;
        case UpsertOutcome::kUnchanged: ++counts.unchanged; break;
      }
    }
  }
  transaction.Commit();
  return counts;
}

std::vector<Json> SqliteWarehouse::DoFind(std::string_view collection, const Query& query) {
  const WhereClause where = BuildWhere(query);
  std::string order;
  for (const auto& [field, ascending] : query.sort)
    order += (order.empty() ? " ORDER BY " : ", ") + Extract(field) + (ascending ? " ASC" : " DESC");
  order += order.empty() ? " ORDER BY rowid" : ", rowid";
  std::string limit;
  if (query.limit > 0 || query.skip > 0)
    limit = " LIMIT " + (query.limit > 0 ? std::to_string(query.limit) : std::string("-1")) + " OFFSET " +
            std::to_string(query.skip);

  // A projection of top-level fields is done by SQLite, so large documents are never parsed here
  // (an upsert only needs _id and content_hash of a 30 KB article).
  bool top_level = !query.projection.empty();
  for (const auto& field : query.projection) top_level = top_level && field.find('.') == std::string::npos;
  std::string columns = "doc";
  if (top_level) {
    columns = "id";
    for (const auto& field : query.projection) {
      if (field == "_id") continue;
      columns += ", json_type(doc, " + JsonPathLiteral(field) + "), json_extract(doc, " + JsonPathLiteral(field) + ")";
    }
  }

  std::lock_guard lock(mutex_);
  const std::string& table = Table(collection);
  auto& select = Statement("SELECT " + columns + " FROM \"" + table + "\"" + where.sql + order + limit);
  BindValues(select, where.values);
  std::vector<Json> documents;
  while (top_level && select.Step()) {
    Json document = Json::object();
    document["_id"] = std::string(select.ColumnText(0));
    int column = 1;
    for (const auto& field : query.projection) {
      if (field == "_id") continue;
      const std::string_view type = select.ColumnText(column);
      const std::string_view value = select.ColumnText(column + 1);
      column += 2;
      if (type.empty()) continue;  // missing: MongoDB omits it too
      if (type == "text") document[field] = std::string(value);
      else if (type == "null") document[field] = nullptr;
      else if (type == "true" || type == "false") document[field] = type == "true";
      else document[field] = Json::parse(value.begin(), value.end());  // number, object, array
    }
    documents.push_back(std::move(document));
  }
  while (!top_level && select.Step()) {
    const std::string_view text = select.ColumnText(0);
    Json document = Json::parse(text.begin(), text.end());
    documents.push_back(query.projection.empty() ? std::move(document) : Project(document, query.projection));
  }
  select.Reset();
  return documents;
}

std::size_t SqliteWarehouse::DoCount(std::string_view collection, const Query& query) {
  const WhereClause where = BuildWhere(query);
  std::lock_guard lock(mutex_);
  const std::string& table = Table(collection);
  std::string sql = "SELECT count(*) FROM \"" + table + "\"" + where.sql;
  if (query.limit > 0 || query.skip > 0)  // count honours skip/limit like MongoDB's countDocuments
    sql = "SELECT count(*) FROM (SELECT 1 FROM \"" + table + "\"" + where.sql + " LIMIT " +
          (query.limit > 0 ? std::to_string(query.limit) : std::string("-1")) + " OFFSET " +
          std::to_string(query.skip) + ")";
  auto& count = Statement(sql);
  BindValues(count, where.values);
  count.Step();
  const auto n = static_cast<std::size_t>(count.ColumnInt(0));
  count.Reset();
  return n;
}

std::size_t SqliteWarehouse::DoDelete(std::string_view collection, const Query& query) {
  const WhereClause where = BuildWhere(query);
  std::lock_guard lock(mutex_);
  const std::string& table = Table(collection);
  auto& erase = Statement("DELETE FROM \"" + table + "\"" + where.sql);
  BindValues(erase, where.values);
  erase.Step();
  erase.Reset();
  return static_cast<std::size_t>(sqlite3_changes64(db_.get()));
}

void SqliteWarehouse::DoDrop(std::string_view collection) {
  std::lock_guard lock(mutex_);
  const std::string table = Table(collection);
  statements_.clear();  // prepared statements may name the table
  tables_.erase(table);
  SqliteExec(db_.get(), "DROP TABLE IF EXISTS \"" + table + "\"");
}

void SqliteWarehouse::DoEnsureIndex(std::string_view collection, const IndexSpec& index) {
  std::lock_guard lock(mutex_);
  const std::string& table = Table(collection);
  std::string columns;
  for (const auto& field : index.fields) columns += (columns.empty() ? "" : ", ") + Extract(field);
  if (!IsSimpleSegment(index.name)) throw Error(ErrorKind::kInternal, "invalid index name " + index.name);
  SqliteExec(db_.get(), std::string("CREATE ") + (index.unique ? "UNIQUE " : "") + "INDEX IF NOT EXISTS \"" + table +
                            "_" + index.name + "\" ON \"" + table + "\" (" + columns + ")");
}

}  // namespace llmtwin::warehouse
