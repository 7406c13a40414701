#include "domain/documents.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <random>
#include <set>

#include "common/error.h"
#include "domain/hash.h"
#include "domain/json_text.h"

namespace llmtwin {
namespace {

// Reads the fields of one JSON object by name and remembers which were read, so that the rest
// can be kept verbatim (in order) as `extra`. Errors name the class and the field path.
class FieldReader {
 public:
  FieldReader(const Json& object, std::string cls, std::string prefix)
      : object_(object), cls_(std::move(cls)), prefix_(std::move(prefix)) {
    if (!object_.is_object()) Fail("", std::string("must be a JSON object, got ") + object_.type_name());
  }

  std::string RequiredString(const std::string& key) {
    auto value = OptionalString(key);
    if (!value) Fail(key, "is missing or null");
    return *value;
  }
  // Missing and null both read as std::nullopt.
  std::optional<std::string> OptionalString(const std::string& key) {
    seen_.insert(key);
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) Fail(key, std::string("must be a string, got ") + it->type_name());
    return it->get<std::string>();
  }
  std::string StringOrEmpty(const std::string& key) { return OptionalString(key).value_or(""); }
  bool Bool(const std::string& key) {
    seen_.insert(key);
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return false;
    if (!it->is_boolean()) Fail(key, std::string("must be true or false, got ") + it->type_name());
    return it->get<bool>();
  }
  const Json& Object(const std::string& key) {
    seen_.insert(key);
    auto it = object_.find(key);
    if (it == object_.end() || !it->is_object()) Fail(key, "must be a JSON object");
    return *it;
  }
  const Json* Array(const std::string& key) {
    seen_.insert(key);
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return nullptr;
    if (!it->is_array()) Fail(key, "must be a JSON array");
    return &*it;
  }
  void Skip(const std::string& key) { seen_.insert(key); }
  Json Rest() const {
    Json rest = Json::object();
    for (const auto& [key, value] : object_.items())
      if (!seen_.count(key)) rest[key] = value;
    return rest;
  }
  [[noreturn]] void Fail(const std::string& key, const std::string& what) const {
    std::string field = prefix_.empty() ? key : (key.empty() ? prefix_ : prefix_ + "." + key);
    throw Error(ErrorKind::kInvalidInput,
                cls_ + (field.empty() ? "" : ": field '" + field + "'") + (field.empty() ? ": " : " ") + what);
  }

 private:
  const Json& object_;
  std::string cls_;
  std::string prefix_;
  std::set<std::string> seen_;
};

void PutIfSet(Json& json, const char* key, const std::string& value) {
  if (!value.empty()) json[key] = value;
}

void AppendExtra(Json& json, const Json& extra) {
  if (!extra.is_object()) return;
  for (const auto& [key, value] : extra.items())
    if (!json.contains(key)) json[key] = value;
}

void WriteProvenance(Json& json, const Provenance& meta) {
  PutIfSet(json, "published_at", meta.published_at);
  PutIfSet(json, "crawled_at", meta.crawled_at);
  PutIfSet(json, "updated_at", meta.updated_at);
  PutIfSet(json, "content_hash", meta.content_hash);
  PutIfSet(json, "canonical_url", meta.canonical_url);
  PutIfSet(json, "normalized_link", meta.normalized_link);
  PutIfSet(json, "identity_link", meta.identity_link);
  PutIfSet(json, "source", meta.source);
  PutIfSet(json, "run_id", meta.run_id);
  PutIfSet(json, "etag", meta.etag);
  PutIfSet(json, "last_modified", meta.last_modified);
  if (meta.paywalled) json["paywalled"] = true;
}

Provenance ReadProvenance(FieldReader& reader) {
  Provenance meta;
  meta.published_at = reader.StringOrEmpty("published_at");
  meta.crawled_at = reader.StringOrEmpty("crawled_at");
  meta.updated_at = reader.StringOrEmpty("updated_at");
  meta.content_hash = reader.StringOrEmpty("content_hash");
  meta.canonical_url = reader.StringOrEmpty("canonical_url");
  meta.normalized_link = reader.StringOrEmpty("normalized_link");
  meta.identity_link = reader.StringOrEmpty("identity_link");
  meta.source = reader.StringOrEmpty("source");
  meta.run_id = reader.StringOrEmpty("run_id");
  meta.etag = reader.StringOrEmpty("etag");
  meta.last_modified = reader.StringOrEmpty("last_modified");
  meta.paywalled = reader.Bool("paywalled");
  return meta;
}

Json NullableString(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return Lower(x) == Lower(y); });
}

}  // namespace

std::string NewDocumentId() {
  // One generator per thread, seeded from the OS: ids are created concurrently by crawl workers.
  thread_local std::mt19937_64 generator([] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }());
  std::array<uint8_t, 16> bytes;
  for (size_t i = 0; i < 16; i += 8) {
    uint64_t r = generator();
    for (size_t j = 0; j < 8; ++j) bytes[i + j] = static_cast<uint8_t>(r >> (8 * j));
  }
  bytes[6] = static_cast<uint8_t>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<uint8_t>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(36);
  for (size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) id += '-';
    id += kHex[bytes[i] >> 4];
    id += kHex[bytes[i] & 0xF];
  }
  return id;
}

std::string DocumentIdForLink(DocumentClass cls, std::string_view link_key) {
  std::string name(CollectionName(cls));
  name += '\n';
  name += link_key;
  std::string id = Sha256Hex(name).substr(0, 32);
  id[12] = '4';  // shaped as version 4: the book's Pydantic UUID4 fields accept no other version
  id[16] = "89ab"[(id[16] >= 'a' ? id[16] - 'a' + 10 : id[16] - '0') & 3];  // RFC 9562 variant
  for (size_t at : {8, 13, 18, 23}) id.insert(at, 1, '-');
  return id;
}

bool IsDocumentId(std::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

std::string NowIso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

std::string_view ClassName(DocumentClass cls) {
  switch (cls) {
    case DocumentClass::kUser: return "UserDocument";
    case DocumentClass::kArticle: return "ArticleDocument";
    case DocumentClass::kPost: return "PostDocument";
    case DocumentClass::kRepository: return "RepositoryDocument";
  }
  return "?";
}

std::string_view CollectionName(DocumentClass cls) {
  switch (cls) {
    case DocumentClass::kUser: return "users";
    case DocumentClass::kArticle: return "articles";
    case DocumentClass::kPost: return "posts";
    case DocumentClass::kRepository: return "repositories";
  }
  return "?";
}

std::optional<DocumentClass> ParseDocumentClass(std::string_view name) {
  static constexpr std::pair<std::string_view, DocumentClass> kSingular[] = {
      {"user", DocumentClass::kUser}, {"article", DocumentClass::kArticle},
      {"post", DocumentClass::kPost}, {"repository", DocumentClass::kRepository}};
  for (DocumentClass cls : kAllDocumentClasses)
    if (EqualsIgnoreCase(name, ClassName(cls)) || EqualsIgnoreCase(name, CollectionName(cls))) return cls;
  for (const auto& [singular, cls] : kSingular)
    if (EqualsIgnoreCase(name, singular)) return cls;
  return std::nullopt;
}

// ---- UserDocument ----

std::string UserDocument::FullName() const {
  if (first_name == last_name) return first_name;
  return first_name + " " + last_name;
}

Json UserDocument::ToJson() const {
  Json json = Json::object();
  json["first_name"] = first_name;
  json["last_name"] = last_name;
  json["_id"] = id;
  AppendExtra(json, extra);
  return json;
}

UserDocument UserDocument::FromJson(const Json& json) {
  FieldReader reader(json, "UserDocument", "");
  UserDocument user;
  user.first_name = reader.RequiredString("first_name");
  user.last_name = reader.RequiredString("last_name");
  user.id = reader.RequiredString("_id");
  user.extra = reader.Rest();
  return user;
}

// ---- ArticleDocument ----

Json ArticleDocument::ContentJson() const {
  Json json = Json::object();
  json["Title"] = content.title;
  json["Subtitle"] = NullableString(content.subtitle);
  json["Content"] = content.content;
  if (content.language) json["language"] = *content.language;
  AppendExtra(json, content.extra);
  return json;
}

std::string ArticleDocument::ContentHash() const { return Sha256Hex(JsonText(ContentJson())); }

Json ArticleDocument::ToJson() const {
  Json json = Json::object();
  json["content"] = ContentJson();
  json["platform"] = platform;
  json["author_id"] = author_id;
  json["author_full_name"] = author_full_name;
  json["link"] = link;
  json["_id"] = id;
  WriteProvenance(json, meta);
  AppendExtra(json, extra);
  return json;
}

ArticleDocument ArticleDocument::FromJson(const Json& json) {
  FieldReader reader(json, "ArticleDocument", "");
  ArticleDocument doc;
  {
    FieldReader content(reader.Object("content"), "ArticleDocument", "content");
    // The book's crawlers stored "" or null for a missing title/text; both are accepted.
    doc.content.title = content.StringOrEmpty("Title");
    doc.content.subtitle = content.OptionalString("Subtitle");
    doc.content.content = content.StringOrEmpty("Content");
    doc.content.language = content.OptionalString("language");
    doc.content.extra = content.Rest();
  }
  doc.platform = reader.RequiredString("platform");
  doc.author_id = reader.RequiredString("author_id");
  doc.author_full_name = reader.StringOrEmpty("author_full_name");
  doc.link = reader.RequiredString("link");
  doc.id = reader.RequiredString("_id");
  doc.meta = ReadProvenance(reader);
  doc.extra = reader.Rest();
  return doc;
}

// ---- PostDocument ----

Json PostDocument::ContentJson() const {
  Json json = Json::object();
  json["text"] = content.text;
  if (content.image) json["image"] = *content.image;
  AppendExtra(json, content.extra);
  return json;
}

std::string PostDocument::ContentHash() const { return Sha256Hex(JsonText(ContentJson())); }

Json PostDocument::ToJson() const {
  Json json = Json::object();
  json["content"] = ContentJson();
  json["platform"] = platform;
  json["author_id"] = author_id;
  json["author_full_name"] = author_full_name;
  json["image"] = NullableString(image);
  json["link"] = NullableString(link);
  json["_id"] = id;
  WriteProvenance(json, meta);
  AppendExtra(json, extra);
  return json;
}

PostDocument PostDocument::FromJson(const Json& json) {
  FieldReader reader(json, "PostDocument", "");
  PostDocument doc;
  {
    FieldReader content(reader.Object("content"), "PostDocument", "content");
    doc.content.text = content.StringOrEmpty("text");
    doc.content.image = content.OptionalString("image");
    doc.content.extra = content.Rest();
  }
  doc.platform = reader.RequiredString("platform");
  doc.author_id = reader.RequiredString("author_id");
  doc.author_full_name = reader.StringOrEmpty("author_full_name");
  doc.image = reader.OptionalString("image");
  doc.link = reader.OptionalString("link");
  doc.id = reader.RequiredString("_id");
  doc.meta = ReadProvenance(reader);
  doc.extra = reader.Rest();
  return doc;
}

// ---- RepositoryDocument ----

Json RepositoryDocument::ContentJson() const {
  Json json = Json::object();
  for (const auto& [path, text] : content) json[path] = text;
  return json;
}

std::string RepositoryDocument::ContentHash() const { return Sha256Hex(JsonText(ContentJson())); }

Json RepositoryDocument::ToJson() const {
  Json json = Json::object();
  json["content"] = ContentJson();
  json["name"] = name;
  json["link"] = link;
  json["platform"] = platform;
  json["author_id"] = author_id;
  json["author_full_name"] = author_full_name;
  json["_id"] = id;
  if (!skipped_files.empty()) {
    Json skipped = Json::array();
    for (const auto& file : skipped_files) skipped.push_back(Json{{"path", file.path}, {"reason", file.reason}});
    json["skipped_files"] = std::move(skipped);
  }
  WriteProvenance(json, meta);
  AppendExtra(json, extra);
  return json;
}

RepositoryDocument RepositoryDocument::FromJson(const Json& json) {
  FieldReader reader(json, "RepositoryDocument", "");
  RepositoryDocument doc;
  for (const auto& [path, text] : reader.Object("content").items()) {
    // Downstream code joins the values of `content`, so each one must be a string.
    if (!text.is_string()) reader.Fail("content." + path, std::string("must be a string, got ") + text.type_name());
    doc.content[path] = text.get<std::string>();
  }
  doc.name = reader.RequiredString("name");
  doc.link = reader.RequiredString("link");
  doc.platform = reader.RequiredString("platform");
  doc.author_id = reader.RequiredString("author_id");
  doc.author_full_name = reader.StringOrEmpty("author_full_name");
  doc.id = reader.RequiredString("_id");
  if (const Json* skipped = reader.Array("skipped_files")) {
    for (const auto& entry : *skipped) {
      FieldReader file(entry, "RepositoryDocument", "skipped_files[]");
      doc.skipped_files.push_back({file.RequiredString("path"), file.StringOrEmpty("reason")});
    }
  }
  doc.meta = ReadProvenance(reader);
  doc.extra = reader.Rest();
  return doc;
}

}  // namespace llmtwin
