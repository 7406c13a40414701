// The documents of the data warehouse: users, articles, posts and repositories, in the book's shape.
//
// Each struct holds exactly the book's fields (DESIGN.md §3; the book's export in
// testdata/book-export is the reference) plus our own fields, which are written only when set, so
// a document imported from the book and exported again is byte-for-byte the book's document.
// Fields we do not know (added by a newer version, or by hand) are kept in `extra` (top level) and
// in the content's `extra`, in their original order, so a round trip never drops data.
//
// JSON is nlohmann::ordered_json so that the book's key order (content, platform, author_id,
// author_full_name, link, _id) survives storage and export. Deviation from the book: it used
// Pydantic UUID4 objects for ids; we use their canonical string form, which is what it stored.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llmtwin {

using Json = nlohmann::ordered_json;

// A new random UUIDv4 in canonical lower-case form ("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx").
std::string NewDocumentId();
// Whether `text` is a canonical UUID string (any version; the book's ids are v4).
bool IsDocumentId(std::string_view text);
// The current UTC time as ISO 8601 with seconds ("2026-11-29T12:00:00Z"), for crawled_at/updated_at.
std::string NowIso8601();

// The four document classes; the names are the book's class names and collection names.
enum class DocumentClass { kUser, kArticle, kPost, kRepository };
inline constexpr DocumentClass kAllDocumentClasses[] = {DocumentClass::kUser, DocumentClass::kArticle,
                                                       DocumentClass::kPost, DocumentClass::kRepository};
std::string_view ClassName(DocumentClass cls);       // "ArticleDocument"
std::string_view CollectionName(DocumentClass cls);  // "articles"
// Accepts "articles", "article", "ArticleDocument" (case-insensitive); std::nullopt otherwise.
std::optional<DocumentClass> ParseDocumentClass(std::string_view name);

// The id a document of class `cls` gets for a link key (a normalized link): a name-based UUID (the
// first 122 bits of the SHA-256 of the class's collection name and the key), so every crawl of a
// link names the same document and the warehouse looks it up by id, the one lookup every backend
// indexes (FerretDB v1 pushes down no other filter). Deviation from RFC 9562, which marks
// name-based ids as version 5 or 8: the version nibble says 4, because the book's documents declare
// their ids as Pydantic UUID4, which rejects any other version, and our data must load there.
// Documents imported from the book keep their random ids.
std::string DocumentIdForLink(DocumentClass cls, std::string_view link_key);

// Our fields on content documents (articles, posts, repositories); each is omitted from JSON when
// empty/false. Times are ISO 8601 UTC strings.
struct Provenance {
  std::string published_at;     // when the author published it (from the page/API), if known
  std::string crawled_at;       // when we fetched it
  std::string updated_at;       // when the warehouse last changed it (set by upserts)
  std::string content_hash;     // SHA-256 hex of the content (ContentHash()); upserts compare it
  std::string canonical_url;    // <link rel=canonical> / og:url when it differs from `link`
  std::string normalized_link;  // NormalizeUrl(link): the dedupe key (the warehouse fills it in)
  std::string identity_link;    // the platform's own address of the post when it was reached at
                                // another (Medium's /p/<id>, a custom domain's *.substack.com
                                // post): documents are keyed by it (domain/link.h)
  std::string source;           // the profile/publication the link was discovered from, if any
  std::string run_id;           // the pipeline run that stored it
  std::string etag;             // HTTP validators, for conditional re-crawls
  std::string last_modified;
  bool paywalled = false;       // only the public part of a paid post was stored
  bool operator==(const Provenance&) const = default;
};

struct UserDocument {
  static constexpr DocumentClass kClass = DocumentClass::kUser;
  std::string id;  // "_id"
  std::string first_name;
  std::string last_name;
  Json extra = Json::object();

  std::string FullName() const;  // the book's "first last" (one token when both are the same)
  Json ToJson() const;
  // Throws Error(kInvalidInput) naming the field when `json` is not a UserDocument.
  static UserDocument FromJson(const Json& json);
  bool operator==(const UserDocument&) const = default;
};

struct ArticleContent {
  std::string title;                    // "Title"
  std::optional<std::string> subtitle;  // "Subtitle": always written, null when absent (as the book)
  std::string content;                  // "Content": the article text (Markdown for our crawls)
  std::optional<std::string> language;  // "language": omitted when unknown (as in some book documents)
  Json extra = Json::object();
  bool operator==(const ArticleContent&) const = default;
};

struct ArticleDocument {
  static constexpr DocumentClass kClass = DocumentClass::kArticle;
  std::string id;
  ArticleContent content;
  std::string platform;
  std::string author_id;
  std::string author_full_name;
  std::string link;
  Provenance meta;
  Json extra = Json::object();

  Json ContentJson() const;
  std::string ContentHash() const;  // SHA-256 hex of ContentJson().dump()
  Json ToJson() const;
  static ArticleDocument FromJson(const Json& json);
  bool operator==(const ArticleDocument&) const = default;
};

struct PostContent {
  std::string text;                  // "text"
  std::optional<std::string> image;  // "image": omitted when absent
  Json extra = Json::object();
  bool operator==(const PostContent&) const = default;
};

struct PostDocument {
  static constexpr DocumentClass kClass = DocumentClass::kPost;
  std::string id;
  PostContent content;
  std::string platform;
  std::string author_id;
  std::string author_full_name;
  std::optional<std::string> image;  // the book's top-level `image` (null when absent)
  std::optional<std::string> link;   // the book's `link` may be null for posts
  Provenance meta;
  Json extra = Json::object();

  Json ContentJson() const;
  std::string ContentHash() const;
  Json ToJson() const;
  static PostDocument FromJson(const Json& json);
  bool operator==(const PostDocument&) const = default;
};

// A repository file we did not store, and why ("binary", "too large", "vendored", ...).
struct SkippedFile {
  std::string path;
  std::string reason;
  bool operator==(const SkippedFile&) const = default;
};

struct RepositoryDocument {
  static constexpr DocumentClass kClass = DocumentClass::kRepository;
  std::string id;
  std::map<std::string, std::string> content;  // file path -> text; every value is a string
  std::string name;
  std::string link;
  std::string platform;
  std::string author_id;
  std::string author_full_name;
  std::vector<SkippedFile> skipped_files;  // "skipped_files": omitted when empty
  Provenance meta;
  Json extra = Json::object();

  Json ContentJson() const;
  std::string ContentHash() const;
  Json ToJson() const;
  static RepositoryDocument FromJson(const Json& json);
  bool operator==(const RepositoryDocument&) const = default;
};

}  // namespace llmtwin
