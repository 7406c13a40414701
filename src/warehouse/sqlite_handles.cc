#include "warehouse/sqlite_handles.h"

#include "common/error.h"
#include "warehouse/warehouse.h"

namespace llmtwin::warehouse {

void ThrowSqliteError(sqlite3* db, const std::string& what) {
  const int code = sqlite3_extended_errcode(db);
  const std::string message = what + ": " + sqlite3_errmsg(db);
  if ((code & 0xFF) == SQLITE_CONSTRAINT) throw DuplicateKeyError(message);
  throw Error(ErrorKind::kWarehouse, message);
}

void SqliteExec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw Error(ErrorKind::kWarehouse, "SQLite: " + sql.substr(0, 80) + ": " + text);
  }
}

SqliteStatement::SqliteStatement(sqlite3* db, std::string_view sql, bool persistent) : db_(db), sql_(sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), persistent ? SQLITE_PREPARE_PERSISTENT : 0,
                         &stmt, nullptr) != SQLITE_OK)
    ThrowSqliteError(db, "SQLite cannot prepare '" + sql_ + "'");
  stmt_.reset(stmt);
}

SqliteStatement& SqliteStatement::Bind(int index, std::string_view text) {
  if (sqlite3_bind_text64(stmt_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8) != SQLITE_OK)
    ThrowSqliteError(db_, "SQLite bind");
  return *this;
}
SqliteStatement& SqliteStatement::Bind(int index, int64_t value) {
  if (sqlite3_bind_int64(stmt_.get(), index, value) != SQLITE_OK) ThrowSqliteError(db_, "SQLite bind");
  return *this;
}
SqliteStatement& SqliteStatement::Bind(int index, double value) {
  if (sqlite3_bind_double(stmt_.get(), index, value) != SQLITE_OK) ThrowSqliteError(db_, "SQLite bind");
  return *this;
}
SqliteStatement& SqliteStatement::BindNull(int index) {
  if (sqlite3_bind_null(stmt_.get(), index) != SQLITE_OK) ThrowSqliteError(db_, "SQLite bind");
  return *this;
}

bool SqliteStatement::Step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  ThrowSqliteError(db_, "SQLite '" + sql_.substr(0, 80) + "'");
}

std::string_view SqliteStatement::ColumnText(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), column));
  if (!text) return {};
  return {text, static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), column))};
}

int64_t SqliteStatement::ColumnInt(int column) const { return sqlite3_column_int64(stmt_.get(), column); }

void SqliteStatement::Reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

SqliteTransaction::SqliteTransaction(sqlite3* db) : db_(db) { SqliteExec(db_, "BEGIN IMMEDIATE"); }

SqliteTransaction::~SqliteTransaction() {
  if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteTransaction::Commit() {
  SqliteExec(db_, "COMMIT");
  done_ = true;
}

}  // namespace llmtwin::warehouse
