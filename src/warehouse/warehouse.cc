#include "warehouse/warehouse.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>

#include "common/redact.h"
#include "domain/hash.h"
#include "domain/names.h"
#include "domain/link.h"
#include "domain/url.h"
#include "warehouse/field_codec.h"
#include "warehouse/mongo_warehouse.h"
#include "warehouse/sqlite_warehouse.h"

namespace llmtwin::warehouse {
namespace {

constexpr const char* kKeyField = "_key";  // internal: the normalized link (unique per collection)

const std::string& RequireId(const Json& document) {
  if (!document.is_object()) throw Error(ErrorKind::kInvalidInput, "a document must be a JSON object");
  auto it = document.find("_id");
  if (it == document.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
    throw Error(ErrorKind::kInvalidInput, "a document needs a non-empty string _id");
  return it->get_ref<const std::string&>();
}

Query EncodeQuery(const Query& query) {
  Query stored = query;
  for (auto& [field, value] : stored.equals) field = EncodeFieldPath(field);
  for (auto& [field, ascending] : stored.sort) field = EncodeFieldPath(field);
  for (auto& field : stored.projection) field = EncodeFieldPath(field);
  return stored;
}

// The stored form read back: keys decoded, the internal key dropped.
Json FromStored(Json stored) {
  Json json = DecodeKeys(std::move(stored));
  json.erase(kKeyField);
  return json;
}

// The link-derived unique key: the link's identity or normalized form (the raw link when it is not
// a URL), or the id for documents without a link (posts), so documents without links never collide.
std::string KeyFor(const std::string& link, const std::string& identity_link, const std::string& id) {
  if (link.empty()) return "id:" + id;
  return NormalizedLink::Of(link, identity_link).key();
}

std::string LinkOf(const ArticleDocument& doc) { return doc.link; }
std::string LinkOf(const PostDocument& doc) { return doc.link.value_or(""); }
std::string LinkOf(const RepositoryDocument& doc) { return doc.link; }

template <class D>
Json ToStored(const D& doc) {
  Json json = doc.ToJson();
  if constexpr (D::kClass != DocumentClass::kUser) json[kKeyField] = KeyFor(LinkOf(doc), doc.meta.identity_link, doc.id);
  RequireId(json);
  return EncodeKeys(std::move(json));
}

// The stored form of a document given as JSON: the link key added in the content collections (so
// every write path keeps the unique index meaningful), keys encoded.
Json StoredJson(std::string_view collection, Json document) {
  const std::string id = RequireId(document);
  const auto cls = ParseDocumentClass(collection);
  if (cls && *cls != DocumentClass::kUser && collection == CollectionName(*cls)) {
    const auto text = [&](const char* field) {
      const auto it = document.find(field);
      return it != document.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    document[kKeyField] = KeyFor(text("link"), text("identity_link"), id);
  }
  return EncodeKeys(std::move(document));
}

template <class D>
std::string_view CollectionOf() {
  return CollectionName(D::kClass);
}

const char* EnvOrNull(const char* name) {
  const char* value = std::getenv(name);
  return (value && *value) ? value : nullptr;
}

}  // namespace

std::string_view UpsertOutcomeName(UpsertOutcome outcome) {
  switch (outcome) {
    case UpsertOutcome::kInserted: return "inserted";
    case UpsertOutcome::kUpdated: return "updated";
    case UpsertOutcome::kUnchanged: return "unchanged";
  }
  return "?";
}

void Warehouse::EnsureBookIndexes() {
  DoEnsureIndex("users", {"name", {"first_name", "last_name"}, /*unique=*/true});
  for (DocumentClass cls : {DocumentClass::kArticle, DocumentClass::kPost, DocumentClass::kRepository}) {
    DoEnsureIndex(CollectionName(cls), {"link_key", {kKeyField}, /*unique=*/true});
    DoEnsureIndex(CollectionName(cls), {"author_id", {"author_id"}, /*unique=*/false});
  }
}

// ---- Generic JSON collections ----

void Warehouse::InsertJson(std::string_view collection, const Json& document) {
  DoInsert(collection, {StoredJson(collection, document)});
  ForgetForeignKeys(collection);
}

void Warehouse::InsertAllJson(std::string_view collection, const std::vector<Json>& documents) {
  if (documents.empty()) return;
  std::vector<Json> stored;
  stored.reserve(documents.size());
  for (const Json& document : documents) stored.push_back(StoredJson(collection, document));
  DoInsert(collection, stored);
  ForgetForeignKeys(collection);
}

UpsertOutcome Warehouse::ReplaceJson(std::string_view collection, const Json& document) {
  const UpsertOutcome outcome = *DoReplace(collection, StoredJson(collection, document), /*upsert=*/true);
  ForgetForeignKeys(collection);
  return outcome;
}

std::optional<Json> Warehouse::FindJsonById(std::string_view collection, std::string_view id) {
  auto found = DoFind(collection, Query().Where("_id", std::string(id)).Limit(1));
  if (found.empty()) return std::nullopt;
  return FromStored(std::move(found.front()));
}

std::vector<Json> Warehouse::FindJson(std::string_view collection, const Query& query) {
  std::vector<Json> documents = DoFind(collection, EncodeQuery(query));
  for (auto& document : documents) document = FromStored(std::move(document));
  return documents;
}

std::size_t Warehouse::CountJson(std::string_view collection, const Query& query) {
  return DoCount(collection, EncodeQuery(query));
}

bool Warehouse::DeleteJson(std::string_view collection, std::string_view id) {
  return DoDelete(collection, Query().Where("_id", std::string(id))) > 0;
}

std::size_t Warehouse::DeleteJsonWhere(std::string_view collection, const Query& query) {
  const std::size_t deleted = DoDelete(collection, EncodeQuery(query));
  ForgetForeignKeys(collection);
  return deleted;
}

void Warehouse::DropCollection(std::string_view collection) {
  DoDrop(collection);
  ForgetForeignKeys(collection);
}

WriteCounts Warehouse::ReplaceAllJson(std::string_view collection,
                                      const std::function<bool(std::vector<Json>& batch)>& next) {
  const WriteCounts counts = DoReplaceAll(collection, [&](std::vector<Json>& batch) {
    const bool more = next(batch);
    for (auto& document : batch) document = StoredJson(collection, std::move(document));
    return more;
  });
  ForgetForeignKeys(collection);
  return counts;
}

// ---- Typed operations ----

void Warehouse::Save(const UserDocument& doc) { DoInsert(CollectionOf<UserDocument>(), {ToStored(doc)}); }
void Warehouse::Save(const ArticleDocument& doc) {
  DoInsert(CollectionOf<ArticleDocument>(), {ToStored(doc)});
  ForgetForeignKeys(CollectionOf<ArticleDocument>());
}
void Warehouse::Save(const PostDocument& doc) {
  DoInsert(CollectionOf<PostDocument>(), {ToStored(doc)});
  ForgetForeignKeys(CollectionOf<PostDocument>());
}
void Warehouse::Save(const RepositoryDocument& doc) {
  DoInsert(CollectionOf<RepositoryDocument>(), {ToStored(doc)});
  ForgetForeignKeys(CollectionOf<RepositoryDocument>());
}

UserDocument Warehouse::GetOrCreateUser(std::string_view first_name, std::string_view last_name) {
  const Query by_name = Query()
                            .Where("first_name", std::string(first_name))
                            .Where("last_name", std::string(last_name))
                            .Limit(1);
  // Two attempts: when another thread creates the same user between our find and our insert, the
  // unique name index rejects our insert and the second find returns theirs.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (auto user = Find<UserDocument>(by_name)) return *user;
    UserDocument user{NewDocumentId(), std::string(first_name), std::string(last_name)};
    try {
      Save(user);
      spdlog::info("warehouse: created user {} ({})", user.FullName(), user.id);
      return user;
    } catch (const DuplicateKeyError&) {
      continue;
    }
  }
  if (auto user = Find<UserDocument>(by_name)) return *user;
  throw Error(ErrorKind::kWarehouse, "cannot get or create user '" + std::string(first_name) + " " +
                                         std::string(last_name) + "'");
}

UserDocument Warehouse::GetOrCreateUser(std::string_view full_name) {
  const PersonName name = SplitFullName(full_name);
  return GetOrCreateUser(name.first_name, name.last_name);
}

template <class D>
void Warehouse::BulkInsert(const std::vector<D>& docs) {
  std::vector<Json> stored;
  stored.reserve(docs.size());
  for (const auto& doc : docs) stored.push_back(ToStored(doc));
  if (!stored.empty()) DoInsert(CollectionOf<D>(), stored);
  ForgetForeignKeys(CollectionOf<D>());
}

template <class D>
std::optional<D> Warehouse::Get(std::string_view id) {
  return Find<D>(Query().Where("_id", std::string(id)));
}

template <class D>
std::optional<D> Warehouse::Find(const Query& query) {
  Query first = query;
  first.limit = 1;
  auto found = BulkFind<D>(first);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

template <class D>
std::vector<D> Warehouse::BulkFind(const Query& query) {
  Query whole = EncodeQuery(query);
  whole.projection.clear();  // a typed document needs every field
  std::vector<D> docs;
  for (auto& stored : DoFind(CollectionOf<D>(), whole)) docs.push_back(D::FromJson(FromStored(std::move(stored))));
  return docs;
}

template <class D>
UpsertResult Warehouse::UpsertContent(D& doc, const NormalizedLink* given) {
  const std::string link = LinkOf(doc);
  std::optional<NormalizedLink> computed;
  if (!link.empty() && (!given || given->link() != link)) computed = NormalizedLink::Of(link, doc.meta.identity_link);
  const NormalizedLink* normalized = link.empty() ? nullptr : (computed ? &*computed : given);
  if (doc.meta.normalized_link.empty() && normalized && normalized->is_url()) doc.meta.normalized_link = normalized->normalized();
  if (doc.meta.content_hash.empty()) doc.meta.content_hash = doc.ContentHash();
  const std::vector<std::string> head_fields = {"_id", kKeyField, "content_hash", "published_at"};
  // Compares with the stored document `head` (only its id, key, hash and date: not the 10-30 KB of
  // text) and rewrites it when the content changed; std::nullopt when it was deleted meanwhile.
  // A document stored under an older form of its key gets today's key when rewritten.
  const auto settle = [&](const Json& head) -> std::optional<UpsertResult> {
    std::string stored_hash = head.value("content_hash", "");
    if (stored_hash.empty()) {
      // Documents imported from the book carry no hash: hash their content.
      auto whole = DoFind(CollectionOf<D>(), Query().Where("_id", head.at("_id")).Limit(1));
      if (whole.empty()) return std::nullopt;
      stored_hash = D::FromJson(FromStored(whole.front())).ContentHash();
    }
    doc.id = head.at("_id").template get<std::string>();
    const bool same_key = !normalized || head.value(kKeyField, "") == normalized->key();
    if (stored_hash == doc.meta.content_hash && same_key) return UpsertResult{UpsertOutcome::kUnchanged, doc.id};
    if (stored_hash != doc.meta.content_hash) doc.meta.updated_at = NowIso8601();
    if (doc.meta.published_at.empty()) doc.meta.published_at = head.value("published_at", "");
    if (DoReplace(CollectionOf<D>(), ToStored(doc), /*upsert=*/false)) {
      if (!same_key) ForgetForeignKeys(CollectionOf<D>());
      return UpsertResult{stored_hash == doc.meta.content_hash ? UpsertOutcome::kUnchanged : UpsertOutcome::kUpdated,
                          doc.id};
    }
    return std::nullopt;
  };

  const std::string linked_id = normalized ? DocumentIdForLink(D::kClass, normalized->key()) : std::string();
  if (normalized && !MayBeStored(D::kClass, normalized->stored_forms())) {
    // A link never stored (as far as this object knows): inserted under the id its key names, with
    // no lookup first. The unique indexes on `_id` and the key refuse it when another process
    // stored it meanwhile: then the lookups below decide.
    doc.id = linked_id;
    try {
      DoInsert(CollectionOf<D>(), {ToStored(doc)});
      RememberKey(D::kClass, normalized->key());
      return {UpsertOutcome::kInserted, doc.id};
    } catch (const DuplicateKeyError&) {
      doc.id.clear();
    }
  }
  if (normalized) {
    // By the ids the link's key forms name first: indexed lookups on every backend.
    bool id_taken = false;
    for (const std::string& form : normalized->stored_forms()) {
      auto by_id = DoFind(CollectionOf<D>(),
                          Query().Where("_id", DocumentIdForLink(D::kClass, form)).Select(head_fields).Limit(1));
      if (by_id.empty()) continue;
      const std::string stored_key = by_id.front().value(kKeyField, "");
      const auto& forms = normalized->stored_forms();
      if (std::find(forms.begin(), forms.end(), stored_key) != forms.end()) {
        if (auto result = settle(by_id.front())) return *result;
      } else if (form == normalized->key()) {
        id_taken = true;  // that id went to another link (a document whose link was edited)
      }
    }
    // Not stored under those ids; stored under another id only if an older key form is among the
    // keys of such documents (the unique index catches today's key).
    bool elsewhere = false;
    if (normalized->has_older_forms()) {
      std::lock_guard lock(foreign_mutex_);
      const std::set<std::string>& foreign = KnownKeys(D::kClass).foreign;
      for (size_t i = 1; i < normalized->stored_forms().size(); ++i)
        if (foreign.contains(normalized->stored_forms()[i])) elsewhere = true;
    }
    doc.id = id_taken ? NewDocumentId() : linked_id;
    if (!id_taken && !elsewhere) {
      try {
        DoInsert(CollectionOf<D>(), {ToStored(doc)});
        RememberKey(D::kClass, normalized->key());
        return {UpsertOutcome::kInserted, doc.id};
      } catch (const DuplicateKeyError&) {
        // The key is stored under another id (imported from the book, or written by an earlier
        // build), or a concurrent writer just stored it: found by key below.
      }
    }
  } else if (doc.id.empty()) {
    doc.id = NewDocumentId();
  }
  // By key (any of its forms), or by id for a document without a link. A few attempts: a
  // concurrent writer of the same link can win the race between find and write.
  const Query by_key =
      (normalized ? ByLink(*normalized) : Query().Where(kKeyField, KeyFor("", "", doc.id))).Select(head_fields).Limit(1);
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto existing = DoFind(CollectionOf<D>(), by_key);
    if (existing.empty()) {
      try {
        DoInsert(CollectionOf<D>(), {ToStored(doc)});
        if (normalized && doc.id != linked_id) ForgetForeignKeys(CollectionOf<D>());  // under another id
        else if (normalized) RememberKey(D::kClass, normalized->key());
        return {UpsertOutcome::kInserted, doc.id};
      } catch (const DuplicateKeyError&) {
        // A concurrent writer stored the link (found next time), or the id is taken by the
        // document of another link.
        doc.id = NewDocumentId();
        continue;
      }
    }
    if (auto result = settle(existing.front())) return *result;
  }
  throw Error(ErrorKind::kWarehouse, std::string(CollectionOf<D>()) + ": upsert of " + link +
                                         " kept conflicting with concurrent writers");
}

UpsertResult Warehouse::Upsert(ArticleDocument& doc, const NormalizedLink* link) { return UpsertContent(doc, link); }
UpsertResult Warehouse::Upsert(PostDocument& doc, const NormalizedLink* link) { return UpsertContent(doc, link); }
UpsertResult Warehouse::Upsert(RepositoryDocument& doc, const NormalizedLink* link) { return UpsertContent(doc, link); }

template <class D>
bool Warehouse::Update(const D& doc) {
  const bool replaced = DoReplace(CollectionOf<D>(), ToStored(doc), /*upsert=*/false).has_value();
  ForgetForeignKeys(CollectionOf<D>());  // its link may have changed
  return replaced;
}

template <class D>
bool Warehouse::Delete(std::string_view id) {
  return DoDelete(CollectionOf<D>(), Query().Where("_id", std::string(id))) > 0;
}

template <class D>
std::size_t Warehouse::Count(const Query& query) {
  return DoCount(CollectionOf<D>(), EncodeQuery(query));
}

std::vector<Json> Warehouse::FindDocuments(DocumentClass cls, const Query& query) {
  std::vector<Json> documents = FindJson(CollectionName(cls), query);
  if (!query.projection.empty()) return documents;
  // Whole documents go through their class so every backend gives the book's key order (MongoDB
  // moves _id first).
  for (auto& document : documents) {
    switch (cls) {
      case DocumentClass::kUser: document = UserDocument::FromJson(document).ToJson(); break;
      case DocumentClass::kArticle: document = ArticleDocument::FromJson(document).ToJson(); break;
      case DocumentClass::kPost: document = PostDocument::FromJson(document).ToJson(); break;
      case DocumentClass::kRepository: document = RepositoryDocument::FromJson(document).ToJson(); break;
    }
  }
  return documents;
}

std::optional<Json> Warehouse::FindByLink(DocumentClass cls, std::string_view link) {
  return FindByLink(cls, NormalizedLink::Of(link));
}

std::optional<Json> Warehouse::FindByLink(DocumentClass cls, const NormalizedLink& link) {
  const auto& forms = link.stored_forms();
  if (!MayBeStored(cls, forms)) return std::nullopt;  // no query for a link never stored
  for (const std::string& form : forms) {
    auto head = DoFind(CollectionName(cls),
                       Query().Where("_id", DocumentIdForLink(cls, form)).Select({"_id", kKeyField}).Limit(1));
    if (head.empty() || std::find(forms.begin(), forms.end(), head.front().value(kKeyField, "")) == forms.end())
      continue;
    auto found = FindDocuments(cls, Query().Where("_id", head.front().at("_id")).Limit(1));
    if (!found.empty()) return std::move(found.front());
  }
  {
    std::lock_guard lock(foreign_mutex_);
    const std::set<std::string>& foreign = KnownKeys(cls).foreign;
    if (std::none_of(forms.begin(), forms.end(), [&](const std::string& form) { return foreign.contains(form); }))
      return std::nullopt;
  }
  auto found = FindDocuments(cls, ByLink(link).Limit(1));
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

const Warehouse::StoredKeys& Warehouse::KnownKeys(DocumentClass cls) {
  auto it = known_keys_.find(cls);
  if (it != known_keys_.end()) return it->second;
  StoredKeys keys;
  for (const Json& stored : DoFind(CollectionName(cls), Query().Select({"_id", kKeyField}))) {
    const std::string key = stored.value(kKeyField, "");
    if (key.empty() || key.starts_with("id:")) continue;  // documents without a link
    keys.hashes.insert(Fnv1a64(key));
    if (stored.value("_id", "") != DocumentIdForLink(cls, key)) keys.foreign.insert(key);
  }
  return known_keys_.emplace(cls, std::move(keys)).first->second;
}

bool Warehouse::MayBeStored(DocumentClass cls, const std::vector<std::string>& forms) {
  std::lock_guard lock(foreign_mutex_);
  const StoredKeys& known = KnownKeys(cls);
  return std::any_of(forms.begin(), forms.end(), [&](const std::string& form) { return known.hashes.contains(Fnv1a64(form)); });
}

void Warehouse::RememberKey(DocumentClass cls, const std::string& key) {
  std::lock_guard lock(foreign_mutex_);
  if (auto it = known_keys_.find(cls); it != known_keys_.end()) it->second.hashes.insert(Fnv1a64(key));
}

void Warehouse::ForgetForeignKeys(std::string_view collection) {
  const auto cls = ParseDocumentClass(collection);
  if (!cls || collection != CollectionName(*cls)) return;
  std::lock_guard lock(foreign_mutex_);
  known_keys_.erase(*cls);
}

Query Warehouse::ByLink(std::string_view link) { return ByLink(NormalizedLink::Of(link)); }

Query Warehouse::ByLink(const NormalizedLink& link) {
  if (link.has_older_forms()) return Query().WhereAnyOf(kKeyField, link.stored_forms());
  return Query().Where(kKeyField, link.key());
}

#define LLMTWIN_INSTANTIATE(D)                                          \
  template void Warehouse::BulkInsert<D>(const std::vector<D>&);       \
  template std::optional<D> Warehouse::Get<D>(std::string_view);       \
  template std::optional<D> Warehouse::Find<D>(const Query&);          \
  template std::vector<D> Warehouse::BulkFind<D>(const Query&);        \
  template bool Warehouse::Update<D>(const D&);                        \
  template bool Warehouse::Delete<D>(std::string_view);                \
  template std::size_t Warehouse::Count<D>(const Query&);
LLMTWIN_INSTANTIATE(UserDocument)
LLMTWIN_INSTANTIATE(ArticleDocument)
LLMTWIN_INSTANTIATE(PostDocument)
LLMTWIN_INSTANTIATE(RepositoryDocument)
#undef LLMTWIN_INSTANTIATE

// ---- Opening ----

std::string DefaultWarehouseUri() {
  if (const char* host = EnvOrNull("DATABASE_HOST")) {
    std::string uri = host;
    if (uri.rfind("mongodb://", 0) != 0 && uri.rfind("mongodb+srv://", 0) != 0) uri = "mongodb://" + uri;
    return uri;
  }
  return "sqlite:data/twin.sqlite";
}

std::unique_ptr<Warehouse> OpenWarehouse(std::string_view uri_arg) {
  std::string uri(uri_arg);
  std::string database;  // empty: the URI's own (or "twin")
  if (uri.empty()) {
    uri = DefaultWarehouseUri();
    // The book's DATABASE_NAME names the database when DATABASE_HOST names the server.
    if (EnvOrNull("DATABASE_HOST")) database = EnvOrNull("DATABASE_NAME") ? EnvOrNull("DATABASE_NAME") : "twin";
  }
  std::unique_ptr<Warehouse> warehouse;
  if (uri.rfind("sqlite:", 0) == 0) {
    std::string path = uri.substr(7);
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // accept sqlite://PATH too
    if (path.empty()) throw Error(ErrorKind::kUsage, "warehouse URI 'sqlite:' needs a path (sqlite:data/twin.sqlite)");
    warehouse = SqliteWarehouse::Open(path);
  } else if (uri.rfind("mongodb://", 0) == 0 || uri.rfind("mongodb+srv://", 0) == 0) {
    warehouse = MongoWarehouse::Open(uri, database);
  } else {
    throw Error(ErrorKind::kUsage, "unknown warehouse '" + RedactSecrets(uri) +
                                       "': use sqlite:PATH or mongodb://HOST:PORT/DATABASE");
  }
  spdlog::info("warehouse: {}", RedactSecrets(warehouse->Describe()));
  return warehouse;
}

}  // namespace llmtwin::warehouse
