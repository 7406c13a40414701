// Warehouse throughput: insert and upsert of article documents of realistic size (10-30 KB of
// text) into SQLite and MongoDB (FerretDB in tests) through our warehouse layer, each next to the
// same work done by a bare loop on the raw C API (sqlite3 / libmongoc) in the same run: the
// ceiling our layer can approach. A plain program printing a table (no Google Benchmark harness:
// each measurement is one long pass, not a micro-benchmark).
//
// Usage: warehouse_bench [N=10000] [MONGO_URI] [MONGO_UPSERT_N=200]
//        (MONGO_URI defaults to $LLMTWIN_TEST_MONGO_URI; without one, only SQLite is measured)
//
// Work measured (same documents, same indexes for both sides):
//   insert: N new documents, in batches of 500 (our BulkInsert / one transaction or insert_many)
//   upsert: the same N links again, half of them with changed text: per document, find the stored
//           one by the id its link names (DocumentIdForLink), compare the content hash, replace
//           when it changed (our Upsert)
//   upsert (book ids), MongoDB only: the same, over documents stored under random ids (imported
//           from the book), which both sides find by the link key (a scan on FerretDB)
#include <mongoc/mongoc.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "domain/documents.h"
#include "domain/url.h"
#include "warehouse/mongo_warehouse.h"
#include "warehouse/sqlite_warehouse.h"
#include "warehouse/warehouse.h"

namespace {

using namespace llmtwin;
using Clock = std::chrono::steady_clock;
constexpr std::size_t kBatch = 500;

std::vector<ArticleDocument> MakeArticles(std::size_t n) {
  static const char* kWords[] = {"model",  "training", "the",   "of",     "data",    "LLM",     "fine-tune",
                                 "vector", "retrieval", "and",  "a",      "pipeline", "token",  "gradient",
                                 "loss",   "inference", "quantization", "to", "with",  "in",      "é"};
  std::mt19937_64 rng(42);
  std::vector<ArticleDocument> docs;
  docs.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    ArticleDocument doc;
    doc.id = NewDocumentId();
    doc.link = "https://blog.example/p/article-" + std::to_string(i) + "?utm_source=bench";
    doc.platform = "blog.example";
    doc.author_id = "eff74089-0271-4319-8543-745c087f4f61";
    doc.author_full_name = "Maxime Labonne";
    doc.content.title = "Article " + std::to_string(i);
    doc.content.language = "en";
    const std::size_t size = 10000 + rng() % 20000;
    std::string& text = doc.content.content;
    text.reserve(size + 16);
    while (text.size() < size) {
      text += kWords[rng() % (sizeof kWords / sizeof *kWords)];
      text += (rng() % 12 == 0) ? ".\n\n" : " ";
    }
    doc.meta.content_hash = doc.ContentHash();
    doc.meta.normalized_link = *NormalizeUrl(doc.link);
    doc.id = DocumentIdForLink(DocumentClass::kArticle, doc.meta.normalized_link);  // as Upsert stores it
    docs.push_back(std::move(doc));
  }
  return docs;
}

// The second crawl: every other document changed.
std::vector<ArticleDocument> Recrawl(std::vector<ArticleDocument> docs) {
  for (std::size_t i = 0; i < docs.size(); i += 2) {
    docs[i].content.content += " (edited)";
    docs[i].meta.content_hash = docs[i].ContentHash();
  }
  for (auto& doc : docs) doc.id = NewDocumentId();  // a crawler does not know the stored id
  return docs;
}

// What a raw loop stores: the document plus the key field our layer adds, so the work is the same.
std::string StoredText(const ArticleDocument& doc) {
  Json json = doc.ToJson();
  json["_key"] = doc.meta.normalized_link;
  return json.dump();
}

template <class Fn>
double Rate(std::size_t n, Fn fn) {
  const auto start = Clock::now();
  fn();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return static_cast<double>(n) / seconds;
}

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "bench: %s failed\n", what);
    std::exit(1);
  }
}

// ---- SQLite, raw ----

struct RawSqlite {
  sqlite3* db = nullptr;
  explicit RawSqlite(const std::string& path) {
    Check(sqlite3_open(path.c_str(), &db) == SQLITE_OK, "sqlite3_open");
    Exec("PRAGMA journal_mode=WAL");
    Exec("PRAGMA synchronous=NORMAL");
    Exec("CREATE TABLE articles (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL)");
    Exec("CREATE UNIQUE INDEX articles_link_key ON articles (json_extract(doc, '$._key'))");
    Exec("CREATE INDEX articles_author_id ON articles (json_extract(doc, '$.author_id'))");
  }
  ~RawSqlite() { sqlite3_close(db); }
  void Exec(const char* sql) { Check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK, sql); }
  sqlite3_stmt* Prepare(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    Check(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK, sql);
    return stmt;
  }

  void Insert(const std::vector<ArticleDocument>& docs) {
    sqlite3_stmt* insert = Prepare("INSERT INTO articles (id, doc) VALUES (?, ?)");
    for (std::size_t i = 0; i < docs.size(); i += kBatch) {
      Exec("BEGIN IMMEDIATE");
      for (std::size_t j = i; j < std::min(docs.size(), i + kBatch); ++j) {
        const std::string text = StoredText(docs[j]);
        sqlite3_bind_text(insert, 1, docs[j].id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 2, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
        Check(sqlite3_step(insert) == SQLITE_DONE, "raw insert");
        sqlite3_reset(insert);
      }
      Exec("COMMIT");
    }
    sqlite3_finalize(insert);
  }

  void Upsert(const std::vector<ArticleDocument>& docs) {
    sqlite3_stmt* find = Prepare(
        "SELECT id, json_extract(doc, '$.content_hash') FROM articles WHERE json_extract(doc, '$._key') = ? LIMIT 1");
    sqlite3_stmt* update = Prepare("UPDATE articles SET doc = ? WHERE id = ?");
    sqlite3_stmt* insert = Prepare("INSERT INTO articles (id, doc) VALUES (?, ?)");
    for (const auto& doc : docs) {
      sqlite3_bind_text(find, 1, doc.meta.normalized_link.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(find) == SQLITE_ROW) {
        const std::string id = reinterpret_cast<const char*>(sqlite3_column_text(find, 0));
        const bool same = doc.meta.content_hash == reinterpret_cast<const char*>(sqlite3_column_text(find, 1));
        sqlite3_reset(find);
        if (same) continue;
        ArticleDocument stored = doc;
        stored.id = id;
        const std::string text = StoredText(stored);
        sqlite3_bind_text(update, 1, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(update, 2, id.c_str(), -1, SQLITE_TRANSIENT);
        Check(sqlite3_step(update) == SQLITE_DONE, "raw update");
        sqlite3_reset(update);
      } else {
        sqlite3_reset(find);
        const std::string text = StoredText(doc);
        sqlite3_bind_text(insert, 1, doc.id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 2, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
        Check(sqlite3_step(insert) == SQLITE_DONE, "raw insert");
        sqlite3_reset(insert);
      }
    }
    sqlite3_finalize(find);
    sqlite3_finalize(update);
    sqlite3_finalize(insert);
  }
};

// ---- MongoDB, raw ----

struct RawMongo {
  mongoc_client_t* client;
  mongoc_collection_t* coll;
  std::string db;
  RawMongo(const std::string& uri, const std::string& database) : db(database) {
    client = mongoc_client_new(uri.c_str());
    Check(client, "mongoc_client_new");
    coll = mongoc_client_get_collection(client, db.c_str(), "articles");
    bson_t* command = BCON_NEW("createIndexes", BCON_UTF8("articles"), "indexes", "[", "{", "key", "{", "_key",
                               BCON_INT32(1), "}", "name", BCON_UTF8("link_key"), "unique", BCON_BOOL(true), "}", "{",
                               "key", "{", "author_id", BCON_INT32(1), "}", "name", BCON_UTF8("author_id"), "}", "]");
    bson_error_t error;
    Check(mongoc_client_write_command_with_opts(client, db.c_str(), command, nullptr, nullptr, &error), "createIndexes");
    bson_destroy(command);
  }
  ~RawMongo() {
    mongoc_database_t* database = mongoc_client_get_database(client, db.c_str());
    mongoc_database_drop(database, nullptr);
    mongoc_database_destroy(database);
    mongoc_collection_destroy(coll);
    mongoc_client_destroy(client);
  }
  static bson_t* ToBson(const std::string& json) {
    bson_error_t error;
    bson_t* b = bson_new_from_json(reinterpret_cast<const uint8_t*>(json.data()), static_cast<ssize_t>(json.size()), &error);
    Check(b, "bson_new_from_json");
    return b;
  }

  void Insert(const std::vector<ArticleDocument>& docs) {
    for (std::size_t i = 0; i < docs.size(); i += kBatch) {
      const std::size_t count = std::min(docs.size(), i + kBatch) - i;
      // A plain array: std::vector<bson_t*> warns about bson_t's alignment attribute.
      auto batch = std::make_unique<const bson_t*[]>(count);
      for (std::size_t j = 0; j < count; ++j) batch[j] = ToBson(StoredText(docs[i + j]));
      bson_error_t error;
      Check(mongoc_collection_insert_many(coll, batch.get(), count, nullptr, nullptr, &error), "insert_many");
      for (std::size_t j = 0; j < count; ++j) bson_destroy(const_cast<bson_t*>(batch[j]));
    }
  }

  // By the id the link names (as our Upsert looks first), or by the link key (documents stored
  // under other ids: the book's import).
  void Upsert(const std::vector<ArticleDocument>& docs, bool by_link_id) {
    for (const auto& doc : docs) {
      const std::string link_id = DocumentIdForLink(DocumentClass::kArticle, doc.meta.normalized_link);
      bson_t* filter = by_link_id ? BCON_NEW("_id", BCON_UTF8(link_id.c_str()))
                                  : BCON_NEW("_key", BCON_UTF8(doc.meta.normalized_link.c_str()));
      bson_t* opts = BCON_NEW("limit", BCON_INT64(1));
      mongoc_cursor_t* cursor = mongoc_collection_find_with_opts(coll, filter, opts, nullptr);
      const bson_t* found = nullptr;
      std::string id, hash;
      if (mongoc_cursor_next(cursor, &found)) {
        bson_iter_t it;
        if (bson_iter_init_find(&it, found, "_id")) id = bson_iter_utf8(&it, nullptr);
        if (bson_iter_init_find(&it, found, "content_hash")) hash = bson_iter_utf8(&it, nullptr);
      }
      mongoc_cursor_destroy(cursor);
      bson_destroy(opts);
      bson_destroy(filter);
      bson_error_t error;
      if (id.empty()) {
        bson_t* document = ToBson(StoredText(doc));
        Check(mongoc_collection_insert_one(coll, document, nullptr, nullptr, &error), "insert_one");
        bson_destroy(document);
      } else if (hash != doc.meta.content_hash) {
        ArticleDocument stored = doc;
        stored.id = id;
        bson_t* selector = BCON_NEW("_id", BCON_UTF8(id.c_str()));
        bson_t* document = ToBson(StoredText(stored));
        Check(mongoc_collection_replace_one(coll, selector, document, nullptr, nullptr, &error), "replace_one");
        bson_destroy(document);
        bson_destroy(selector);
      }
    }
  }
};

struct Row {
  const char* backend;
  const char* operation;
  std::size_t docs;
  double ours;
  double raw;
};

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 10000;
  std::string mongo_uri = argc > 2 ? argv[2] : "";
  const std::size_t upsert_n = std::min<std::size_t>(n, argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 200);
  if (mongo_uri.empty() && std::getenv("LLMTWIN_TEST_MONGO_URI")) mongo_uri = std::getenv("LLMTWIN_TEST_MONGO_URI");
  spdlog::set_level(spdlog::level::warn);

  std::fprintf(stderr, "generating %zu articles...\n", n);
  const auto docs = MakeArticles(n);
  const auto recrawl = Recrawl(docs);
  std::size_t bytes = 0;
  for (const auto& doc : docs) bytes += doc.content.content.size();
  std::fprintf(stderr, "average text %.1f KB\n", static_cast<double>(bytes) / static_cast<double>(n) / 1024.0);

  const auto dir = std::filesystem::temp_directory_path() / ("llmtwin-bench-" + NewDocumentId());
  std::filesystem::create_directories(dir);
  std::vector<Row> rows;

  {
    auto ours = warehouse::SqliteWarehouse::Open((dir / "ours.sqlite").string());
    RawSqlite raw((dir / "raw.sqlite").string());
    Row insert{"sqlite", "insert", n, 0, 0}, upsert{"sqlite", "upsert", n, 0, 0};
    insert.ours = Rate(n, [&] {
      for (std::size_t i = 0; i < n; i += kBatch)
        ours->BulkInsert(std::vector<ArticleDocument>(docs.begin() + static_cast<long>(i),
                                                      docs.begin() + static_cast<long>(std::min(n, i + kBatch))));
    });
    insert.raw = Rate(n, [&] { raw.Insert(docs); });
    upsert.ours = Rate(n, [&] {
      for (auto doc : recrawl) ours->Upsert(doc);
    });
    upsert.raw = Rate(n, [&] { raw.Upsert(recrawl); });
    rows.push_back(insert);
    rows.push_back(upsert);
  }

  if (!mongo_uri.empty()) {
    // FerretDB 1.24 (SQLite backend) pushes only `_id` equality down to SQLite: every other filter,
    // such as the link key an upsert looks up, scans the whole collection. Upserts are therefore
    // measured on a collection of `upsert_n` documents (default 200), not N (docs/warehouse.md).
    const std::string suffix = NewDocumentId().substr(0, 8);
    {
      auto ours = warehouse::MongoWarehouse::Open(mongo_uri, "bench_ours_" + suffix);
      RawMongo raw(mongo_uri, "bench_raw_" + suffix);
      Row insert{"mongodb", "insert", n, 0, 0};
      insert.ours = Rate(n, [&] {
        for (std::size_t i = 0; i < n; i += kBatch)
          ours->BulkInsert(std::vector<ArticleDocument>(docs.begin() + static_cast<long>(i),
                                                        docs.begin() + static_cast<long>(std::min(n, i + kBatch))));
      });
      insert.raw = Rate(n, [&] { raw.Insert(docs); });
      ours->DropDatabase();
      rows.push_back(insert);
    }
    // Documents stored by our Upsert carry the id their link names (one indexed lookup); those
    // imported from the book carry random ids and are found by key (a scan on FerretDB).
    for (const bool book_ids : {false, true}) {
      std::vector<ArticleDocument> seed(docs.begin(), docs.begin() + static_cast<long>(upsert_n));
      if (book_ids) {
        for (auto& doc : seed) doc.id = NewDocumentId();
      }
      const std::vector<ArticleDocument> again(recrawl.begin(), recrawl.begin() + static_cast<long>(upsert_n));
      auto ours = warehouse::MongoWarehouse::Open(mongo_uri, "bench_ours_u" + suffix);
      RawMongo raw(mongo_uri, "bench_raw_u" + suffix);
      ours->BulkInsert(seed);
      raw.Insert(seed);
      Row upsert{"mongodb", book_ids ? "upsert (book ids)" : "upsert", upsert_n, 0, 0};
      upsert.ours = Rate(upsert_n, [&] {
        for (auto doc : again) ours->Upsert(doc);
      });
      upsert.raw = Rate(upsert_n, [&] { raw.Upsert(again, /*by_link_id=*/!book_ids); });
      ours->DropDatabase();
      rows.push_back(upsert);
    }
  } else {
    std::fprintf(stderr, "no MongoDB URI (argument 2 or LLMTWIN_TEST_MONGO_URI): MongoDB not measured\n");
  }
  std::filesystem::remove_all(dir);

  std::printf("articles of %.1f KB of text on average; upsert = the same links again, half of them changed\n",
              static_cast<double>(bytes) / static_cast<double>(n) / 1024.0);
  std::printf("%-8s %-17s %6s %14s %19s %9s\n", "backend", "op", "docs", "ours (docs/s)", "raw C API (docs/s)",
              "ours/raw");
  for (const auto& row : rows)
    std::printf("%-8s %-17s %6zu %14.0f %19.0f %8.0f%%\n", row.backend, row.operation, row.docs, row.ours, row.raw,
                100.0 * row.ours / row.raw);
  return 0;
}
