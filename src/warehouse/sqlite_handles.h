// RAII owners of SQLite handles (connection, prepared statement, transaction), so no error path of
// the SQLite backend can leak a handle or leave a transaction open.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace llmtwin::warehouse {

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct SqliteFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using SqliteDb = std::unique_ptr<sqlite3, SqliteCloser>;

// Throws Error(kWarehouse) "<what>: <sqlite message>"; DuplicateKeyError for constraint violations.
[[noreturn]] void ThrowSqliteError(sqlite3* db, const std::string& what);

// Executes SQL that returns no rows (PRAGMA, DDL, BEGIN/COMMIT); throws on failure.
void SqliteExec(sqlite3* db, const std::string& sql);

// A prepared statement, reset and unbound each time it is reused.
class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, std::string_view sql, bool persistent = false);
  sqlite3_stmt* get() const { return stmt_.get(); }
  SqliteStatement& Bind(int index, std::string_view text);
  SqliteStatement& Bind(int index, int64_t value);
  SqliteStatement& Bind(int index, double value);
  SqliteStatement& BindNull(int index);
  // Steps once: true when a row is available, false when done; throws on error.
  bool Step();
  std::string_view ColumnText(int column) const;
  int64_t ColumnInt(int column) const;
  void Reset();  // reset + clear bindings, ready for reuse

 private:
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, SqliteFinalizer> stmt_;
  std::string sql_;
};

// BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless Commit() was called, so an
// exception anywhere inside leaves no half-written document.
class SqliteTransaction {
 public:
  explicit SqliteTransaction(sqlite3* db);
  ~SqliteTransaction();
  SqliteTransaction(const SqliteTransaction&) = delete;
  SqliteTransaction& operator=(const SqliteTransaction&) = delete;
  void Commit();

 private:
  sqlite3* db_;
  bool done_ = false;
};

}  // namespace llmtwin::warehouse
