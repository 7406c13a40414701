#include "domain/documents.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "common/error.h"
#include "domain/hash.h"

namespace llmtwin {
namespace {

Json LoadBookExport(const std::string& name) {
  std::ifstream in(std::string(LLMTWIN_TESTDATA_DIR) + "/book-export/" + name);
  if (!in) throw std::runtime_error("cannot open book export " + name);
  return Json::parse(in);
}

TEST(NewDocumentId, IsAVersion4UuidAndUnique) {
  std::set<std::string> ids;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewDocumentId();
    ASSERT_TRUE(IsDocumentId(id)) << id;
    EXPECT_EQ(id[14], '4') << id;
    EXPECT_TRUE(std::string("89ab").find(id[19]) != std::string::npos) << id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 1000u);
}

TEST(DocumentIdForLink, IsAUuidShapedAsVersion4NamedByTheClassAndTheLinkKey) {
  const std::string id = DocumentIdForLink(DocumentClass::kArticle, "https://blog.example/p/a");
  ASSERT_TRUE(IsDocumentId(id)) << id;
  EXPECT_EQ(id[14], '4') << id;  // the book's Pydantic UUID4 fields accept only version 4
  EXPECT_TRUE(std::string("89ab").find(id[19]) != std::string::npos) << id;
  // Pinned (Python: sha256(b"articles\nhttps://blog.example/p/a"), version and variant set): stored
  // documents are found by this id, so the construction must never change.
  EXPECT_EQ(id, "82deb7ae-4faf-48fb-8867-78048b6f1bf2");
  EXPECT_NE(DocumentIdForLink(DocumentClass::kArticle, "https://blog.example/p/b"), id);
  EXPECT_NE(DocumentIdForLink(DocumentClass::kPost, "https://blog.example/p/a"), id);
  std::set<char> variants;
  for (int i = 0; i < 64; ++i) variants.insert(DocumentIdForLink(DocumentClass::kPost, std::to_string(i))[19]);
  EXPECT_EQ(variants, (std::set<char>{'8', '9', 'a', 'b'}));
}

TEST(IsDocumentId, RejectsNonUuids) {
  EXPECT_FALSE(IsDocumentId("eff74089-0271-4319-8543-745c087f4f6"));
  EXPECT_FALSE(IsDocumentId("eff74089x0271-4319-8543-745c087f4f61"));
  EXPECT_FALSE(IsDocumentId("gff74089-0271-4319-8543-745c087f4f61"));
  EXPECT_TRUE(IsDocumentId("eff74089-0271-4319-8543-745c087f4f61"));
}

TEST(Sha256Hex, MatchesKnownDigests) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(ArticleDocument, BookExportRoundTripsToIdenticalJsonIncludingKeyOrder) {
  const Json articles = LoadBookExport("ArticleDocument.json");
  ASSERT_EQ(articles.size(), 76u);
  int null_subtitles = 0, without_language = 0;
  for (const auto& json : articles) {
    const ArticleDocument doc = ArticleDocument::FromJson(json);
    EXPECT_EQ(doc.ToJson().dump(), json.dump()) << doc.link;
    null_subtitles += !doc.content.subtitle;
    without_language += !doc.content.language;
  }
  EXPECT_GT(null_subtitles, 0);  // the export has null subtitles: they must stay null
  EXPECT_GT(without_language, 0);  // and articles without `language`: it must stay absent
}

TEST(UserDocument, BookExportRoundTripsAndFullNameJoinsNames) {
  const Json users = LoadBookExport("UserDocument.json");
  ASSERT_EQ(users.size(), 2u);
  for (const auto& json : users) EXPECT_EQ(UserDocument::FromJson(json).ToJson().dump(), json.dump());
  EXPECT_EQ(UserDocument::FromJson(users[0]).FullName(), "Maxime Labonne");
}

TEST(ArticleDocument, KeepsUnknownFieldsInOrderAtTopLevelAndInContent) {
  const Json json = Json::parse(R"({"content":{"Title":"T","Subtitle":"S","Content":"C","zeta":1,"alpha":[2]},
    "platform":"medium","author_id":"a","author_full_name":"A B","link":"https://x.io/p","_id":"i",
    "published_at":"2024-01-01T00:00:00Z","z_custom":{"k":"v"},"a_custom":true})");
  const ArticleDocument doc = ArticleDocument::FromJson(json);
  EXPECT_EQ(doc.meta.published_at, "2024-01-01T00:00:00Z");
  EXPECT_EQ(doc.extra.dump(), R"({"z_custom":{"k":"v"},"a_custom":true})");
  EXPECT_EQ(doc.content.extra.dump(), R"({"zeta":1,"alpha":[2]})");
  EXPECT_EQ(doc.ToJson().dump(), json.dump());
}

TEST(ArticleDocument, OmitsOurOptionalFieldsWhenEmptyAndWritesThemWhenSet) {
  ArticleDocument doc;
  doc.id = NewDocumentId();
  doc.link = "https://x.io/p";
  Json json = doc.ToJson();
  for (const char* key : {"published_at", "crawled_at", "content_hash", "normalized_link", "paywalled", "run_id"})
    EXPECT_FALSE(json.contains(key)) << key;
  EXPECT_TRUE(json["content"]["Subtitle"].is_null());
  EXPECT_FALSE(json["content"].contains("language"));
  doc.meta.crawled_at = "2026-01-01T00:00:00Z";
  doc.meta.paywalled = true;
  doc.meta.etag = "\"abc\"";
  json = doc.ToJson();
  EXPECT_EQ(json["crawled_at"], "2026-01-01T00:00:00Z");
  EXPECT_EQ(json["paywalled"], true);
  EXPECT_EQ(ArticleDocument::FromJson(json), doc);
}

TEST(ArticleDocument, RejectsWrongShapesNamingTheField) {
  Json json = LoadBookExport("ArticleDocument.json")[0];
  json["content"]["Title"] = 42;
  try {
    ArticleDocument::FromJson(json);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInvalidInput);
    EXPECT_NE(std::string(e.what()).find("'content.Title'"), std::string::npos) << e.what();
  }
  json = LoadBookExport("ArticleDocument.json")[0];
  json.erase("link");
  EXPECT_THROW(ArticleDocument::FromJson(json), Error);
  EXPECT_THROW(ArticleDocument::FromJson(Json::array()), Error);
}

TEST(ContentHash, ChangesWithTheContentOnly) {
  ArticleDocument a;
  a.content.title = "T";
  a.content.content = "body";
  ArticleDocument b = a;
  b.meta.crawled_at = "2026-01-01T00:00:00Z";
  b.link = "https://elsewhere/";
  EXPECT_EQ(a.ContentHash(), b.ContentHash());
  b.content.content = "body2";
  EXPECT_NE(a.ContentHash(), b.ContentHash());
  EXPECT_EQ(a.ContentHash().size(), 64u);
}

TEST(RepositoryDocument, RoundTripsPathsWithDotsAndSkippedFiles) {
  RepositoryDocument repo;
  repo.id = NewDocumentId();
  repo.name = "llm-twin";
  repo.link = "https://github.com/a/llm-twin";
  repo.platform = "github";
  repo.author_id = NewDocumentId();
  repo.content = {{"src/main.py", "print(1)"}, {".github/workflows/ci.yml", "on: push"}, {"$weird.md", "x"}};
  repo.skipped_files = {{"logo.png", "binary"}};
  const Json json = repo.ToJson();
  EXPECT_EQ(json["content"]["src/main.py"], "print(1)");
  EXPECT_EQ(json["skipped_files"][0]["reason"], "binary");
  EXPECT_EQ(RepositoryDocument::FromJson(json), repo);
}

TEST(RepositoryDocument, RejectsNonStringContentValues) {
  Json json = RepositoryDocument{.id = "i", .name = "n", .link = "l", .platform = "github", .author_id = "a"}.ToJson();
  json["content"]["a.py"] = Json::object();
  EXPECT_THROW(RepositoryDocument::FromJson(json), Error);
}

TEST(PostDocument, RoundTripsNullLinkAndImage) {
  PostDocument post;
  post.id = NewDocumentId();
  post.platform = "linkedin";
  post.content.text = "hello";
  Json json = post.ToJson();
  EXPECT_TRUE(json["link"].is_null());
  EXPECT_TRUE(json["image"].is_null());
  EXPECT_EQ(PostDocument::FromJson(json), post);
}

TEST(ParseDocumentClass, AcceptsCollectionClassAndSingularNames) {
  EXPECT_EQ(ParseDocumentClass("articles"), DocumentClass::kArticle);
  EXPECT_EQ(ParseDocumentClass("RepositoryDocument"), DocumentClass::kRepository);
  EXPECT_EQ(ParseDocumentClass("user"), DocumentClass::kUser);
  EXPECT_EQ(ParseDocumentClass("Posts"), DocumentClass::kPost);
  EXPECT_FALSE(ParseDocumentClass("comments"));
}

}  // namespace
}  // namespace llmtwin
