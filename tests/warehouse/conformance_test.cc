// The conformance suite: every behaviour of the Warehouse interface, run on each backend.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "common/error.h"
#include "warehouse/warehouse.h"
#include "warehouse_fixture.h"

namespace llmtwin::warehouse::testing {
namespace {

using Conformance = BackendTest;

TEST_P(Conformance, SavedDocumentsOfEveryClassComeBackEqual) {
  UserDocument user{NewDocumentId(), "Ada", "Lovelace"};
  ArticleDocument article = MakeArticle("https://medium.com/@ada/engines");
  article.content.subtitle.reset();
  article.meta.crawled_at = "2026-01-01T00:00:00Z";
  article.meta.paywalled = true;
  PostDocument post;
  post.id = NewDocumentId();
  post.platform = "linkedin";
  post.author_id = user.id;
  post.content.text = "A post";
  RepositoryDocument repo;
  repo.id = NewDocumentId();
  repo.name = "engine";
  repo.link = "https://github.com/ada/engine";
  repo.platform = "github";
  repo.author_id = user.id;
  repo.content = {{"README.md", "# Engine"}};
  wh().Save(user);
  wh().Save(article);
  wh().Save(post);
  wh().Save(repo);
  EXPECT_EQ(wh().Get<UserDocument>(user.id), user);
  EXPECT_EQ(wh().Get<ArticleDocument>(article.id), article);
  EXPECT_EQ(wh().Get<PostDocument>(post.id), post);
  EXPECT_EQ(wh().Get<RepositoryDocument>(repo.id), repo);
  EXPECT_FALSE(wh().Get<ArticleDocument>(NewDocumentId()));
}

TEST_P(Conformance, SaveRejectsAnExistingIdAndAnExistingNormalizedLink) {
  ArticleDocument article = MakeArticle("https://medium.com/@ada/engines");
  wh().Save(article);
  EXPECT_THROW(wh().Save(article), DuplicateKeyError);
  ArticleDocument same_link = MakeArticle("https://medium.com/@ada/engines/?utm_source=x#top");
  EXPECT_THROW(wh().Save(same_link), DuplicateKeyError);
  EXPECT_EQ(wh().Count<ArticleDocument>(), 1u);
}

TEST_P(Conformance, GetOrCreateUserFindsTheSameUserByName) {
  const UserDocument created = wh().GetOrCreateUser("Maxime Labonne");
  EXPECT_TRUE(IsDocumentId(created.id));
  EXPECT_EQ(created.first_name, "Maxime");
  EXPECT_EQ(created.last_name, "Labonne");
  EXPECT_EQ(wh().GetOrCreateUser("Maxime", "Labonne").id, created.id);
  EXPECT_NE(wh().GetOrCreateUser("Paul Iusztin").id, created.id);
  EXPECT_EQ(wh().Count<UserDocument>(), 2u);
}

TEST_P(Conformance, GetOrCreateUserFromManyThreadsCreatesOneUser) {
  std::vector<std::thread> threads;
  std::vector<std::string> ids(8);
  for (size_t i = 0; i < ids.size(); ++i)
    threads.emplace_back([&, i] { ids[i] = wh().GetOrCreateUser("Grace Brewster Hopper").id; });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 1u);
  EXPECT_EQ(wh().Count<UserDocument>(), 1u);
  EXPECT_EQ(wh().Find<UserDocument>(Query().Where("last_name", "Hopper"))->first_name, "Grace Brewster");
}

TEST_P(Conformance, BulkInsertThenBulkFindFiltersByAuthorAndPlatform) {
  std::vector<ArticleDocument> docs;
  for (int i = 0; i < 10; ++i) {
    docs.push_back(MakeArticle("https://blog.example/p/" + std::to_string(i), "text", i < 4 ? "a1" : "a2"));
    docs.back().platform = i % 2 ? "substack" : "medium";
  }
  wh().BulkInsert(docs);
  EXPECT_EQ(wh().Count<ArticleDocument>(), 10u);
  EXPECT_EQ(wh().BulkFind<ArticleDocument>(Query().Where("author_id", "a1")).size(), 4u);
  EXPECT_EQ(wh().Count<ArticleDocument>(Query().Where("author_id", "a2").Where("platform", "substack")), 3u);
  EXPECT_EQ(wh().Find<ArticleDocument>(Query().Where("link", "https://blog.example/p/7"))->id, docs[7].id);
}

TEST_P(Conformance, BulkInsertWithADuplicateFails) {
  ArticleDocument a = MakeArticle("https://blog.example/p/a");
  wh().Save(a);
  EXPECT_THROW(wh().BulkInsert(std::vector<ArticleDocument>{MakeArticle("https://blog.example/p/b"), a}),
               DuplicateKeyError);
}

TEST_P(Conformance, UpsertInsertsThenKeepsUnchangedContentThenUpdatesKeepingTheId) {
  ArticleDocument first = MakeArticle("https://decodingml.substack.com/p/rag?r=1ttoeh", "v1");
  const UpsertResult inserted = wh().Upsert(first);
  EXPECT_EQ(inserted.outcome, UpsertOutcome::kInserted);
  EXPECT_EQ(first.meta.normalized_link, "https://decodingml.substack.com/p/rag");
  EXPECT_EQ(first.meta.content_hash, first.ContentHash());

  ArticleDocument again = MakeArticle("https://decodingml.substack.com/p/rag/", "v1");
  again.content.title = first.content.title;
  EXPECT_EQ(wh().Upsert(again).outcome, UpsertOutcome::kUnchanged);
  EXPECT_EQ(again.id, inserted.id);

  ArticleDocument changed = MakeArticle("https://decodingml.substack.com/p/rag", "v2");
  const UpsertResult updated = wh().Upsert(changed);
  EXPECT_EQ(updated.outcome, UpsertOutcome::kUpdated);
  EXPECT_EQ(updated.id, inserted.id);
  const auto stored = wh().Get<ArticleDocument>(inserted.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->content.content, "v2");
  EXPECT_FALSE(stored->meta.updated_at.empty());
  EXPECT_EQ(wh().Count<ArticleDocument>(), 1u);
}

TEST_P(Conformance, UpsertComparesWithDocumentsThatHaveNoStoredHash) {
  ArticleDocument imported = MakeArticle("https://maximelabonne.substack.com/p/merge");
  wh().ReplaceJson("articles", imported.ToJson());  // like the book's export: no content_hash
  ArticleDocument recrawl = imported;
  recrawl.id.clear();
  EXPECT_EQ(wh().Upsert(recrawl).outcome, UpsertOutcome::kUnchanged);
  EXPECT_EQ(recrawl.id, imported.id);
}

TEST_P(Conformance, UpsertStoresANewLinkUnderTheIdItsLinkNamesAndFindsOlderIdsByKey) {
  ArticleDocument fresh = MakeArticle("https://blog.example/p/new?utm_source=x");
  EXPECT_EQ(wh().Upsert(fresh).outcome, UpsertOutcome::kInserted);
  EXPECT_EQ(fresh.id, DocumentIdForLink(DocumentClass::kArticle, "https://blog.example/p/new"));
  ASSERT_TRUE(wh().FindByLink(DocumentClass::kArticle, "https://blog.example/p/new/"));
  EXPECT_EQ(wh().FindByLink(DocumentClass::kArticle, "https://blog.example/p/new/")->value("_id", ""), fresh.id);

  // Stored under a random id (the book's import, earlier builds): found by key, updated in place.
  ArticleDocument older = MakeArticle("https://blog.example/p/old", "v1");
  wh().Save(older);
  ArticleDocument recrawl = MakeArticle("https://blog.example/p/old", "v2");
  EXPECT_EQ(wh().Upsert(recrawl).outcome, UpsertOutcome::kUpdated);
  EXPECT_EQ(recrawl.id, older.id);
  EXPECT_EQ(wh().FindByLink(DocumentClass::kArticle, "https://blog.example/p/old")->value("_id", ""), older.id);
  EXPECT_EQ(wh().Count<ArticleDocument>(), 2u);

  // A document whose link was edited keeps its id; the link its id was named after is stored anew.
  ArticleDocument edited = fresh;
  edited.link = "https://blog.example/p/renamed";
  ASSERT_TRUE(wh().Update(edited));
  ArticleDocument again = MakeArticle("https://blog.example/p/new", "other text");
  EXPECT_EQ(wh().Upsert(again).outcome, UpsertOutcome::kInserted);
  EXPECT_NE(again.id, fresh.id);
  EXPECT_EQ(wh().Get<ArticleDocument>(fresh.id)->link, "https://blog.example/p/renamed");
  EXPECT_EQ(wh().FindByLink(DocumentClass::kArticle, "https://blog.example/p/new")->value("_id", ""), again.id);
  EXPECT_FALSE(wh().FindByLink(DocumentClass::kArticle, "https://blog.example/p/missing"));
  EXPECT_EQ(wh().Count<ArticleDocument>(), 3u);

  // Documents stored under other ids after a lookup (which read which keys those are) are found.
  ArticleDocument late = MakeArticle("https://blog.example/p/missing");
  wh().Save(late);
  ASSERT_TRUE(wh().FindByLink(DocumentClass::kArticle, "https://blog.example/p/missing"));
  EXPECT_EQ(wh().FindByLink(DocumentClass::kArticle, "https://blog.example/p/missing")->value("_id", ""), late.id);
  Json imported = MakeArticle("https://blog.example/p/imported").ToJson();
  wh().ReplaceJson("articles", imported);
  EXPECT_TRUE(wh().FindByLink(DocumentClass::kArticle, "https://blog.example/p/imported"));
}

TEST_P(Conformance, ConcurrentUpsertsOfOneLinkStoreOneDocument) {
  std::vector<std::thread> threads;
  std::atomic<int> inserted{0};
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      ArticleDocument doc = MakeArticle("https://blog.example/p/race", "same");
      if (wh().Upsert(doc).outcome == UpsertOutcome::kInserted) ++inserted;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(inserted.load(), 1);
  EXPECT_EQ(wh().Count<ArticleDocument>(), 1u);
}

TEST_P(Conformance, UpsertOfALinkAnotherWriterStoredMeanwhileUpdatesThatDocument) {
  // This object reads which links are stored (none), then another writer stores one: the link is
  // not looked up again, but its insert meets the unique indexes and the stored document wins.
  EXPECT_FALSE(wh().FindByLink(DocumentClass::kArticle, "https://blog.example/p/shared"));
  auto other = OpenAgain();
  ArticleDocument first = MakeArticle("https://blog.example/p/shared", "first text");
  ASSERT_EQ(other->Upsert(first).outcome, UpsertOutcome::kInserted);
  ArticleDocument second = MakeArticle("https://blog.example/p/shared/?utm_source=feed", "second text");
  const UpsertResult result = wh().Upsert(second);
  EXPECT_EQ(result.outcome, UpsertOutcome::kUpdated);
  EXPECT_EQ(result.id, first.id);
  EXPECT_EQ(wh().Count<ArticleDocument>(), 1u);
  EXPECT_EQ(wh().Get<ArticleDocument>(first.id)->content.content, "second text");
  // And what this object stored itself is found without reading the keys again.
  ArticleDocument own = MakeArticle("https://blog.example/p/own");
  ASSERT_EQ(wh().Upsert(own).outcome, UpsertOutcome::kInserted);
  ASSERT_TRUE(wh().FindByLink(DocumentClass::kArticle, "https://blog.example/p/own"));
}

TEST_P(Conformance, RepositoryPathsWithDotsPercentAndDollarRoundTrip) {
  RepositoryDocument repo;
  repo.id = NewDocumentId();
  repo.name = "dots";
  repo.link = "https://github.com/ada/dots";
  repo.platform = "github";
  repo.author_id = "a";
  repo.content = {{"src/main.py", "print('hi')"},
                  {".github/workflows/ci.yml", "on: push"},
                  {"$HOME.md", "dollar"},
                  {"100%.txt", "percent"},
                  {"a%2Eb", "already looks encoded"},
                  {"docs/ü.md", "unicode"}};
  repo.skipped_files = {{"logo.png", "binary"}};
  wh().Upsert(repo);
  const auto stored = wh().Get<RepositoryDocument>(repo.id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->content, repo.content);
  EXPECT_EQ(stored->skipped_files, repo.skipped_files);
  // Callers of the generic JSON API see the real paths too.
  const auto json = wh().FindJsonById("repositories", repo.id);
  ASSERT_TRUE(json);
  EXPECT_EQ((*json)["content"]["src/main.py"], "print('hi')");
  EXPECT_FALSE(json->contains("_key"));
}

TEST_P(Conformance, FindFiltersOnNestedFieldsSortsSkipsLimitsAndProjects) {
  for (int i = 0; i < 5; ++i) {
    ArticleDocument doc = MakeArticle("https://blog.example/p/" + std::to_string(i));
    doc.content.title = "T" + std::to_string(4 - i);
    doc.content.language = i < 3 ? std::optional<std::string>("en") : std::nullopt;
    wh().Save(doc);
  }
  EXPECT_EQ(wh().Count<ArticleDocument>(Query().Where("content.language", "en")), 3u);
  EXPECT_EQ(wh().Count<ArticleDocument>(Query().Where("content.language", nullptr)), 2u);
  EXPECT_EQ(wh().Find<ArticleDocument>(Query().Where("content.Title", "T1"))->link, "https://blog.example/p/3");

  const auto sorted = wh().BulkFind<ArticleDocument>(Query().SortBy("content.Title").Skip(1).Limit(2));
  ASSERT_EQ(sorted.size(), 2u);
  EXPECT_EQ(sorted[0].content.title, "T1");
  EXPECT_EQ(sorted[1].content.title, "T2");
  const auto descending = wh().BulkFind<ArticleDocument>(Query().SortBy("content.Title", false).Limit(1));
  EXPECT_EQ(descending.at(0).content.title, "T4");

  const auto projected =
      wh().FindDocuments(DocumentClass::kArticle, Query().Select({"link", "content.Title"}).SortBy("link").Limit(1));
  ASSERT_EQ(projected.size(), 1u);
  const Json& doc = projected[0];
  EXPECT_EQ(doc["link"], "https://blog.example/p/0");
  EXPECT_EQ(doc["content"]["Title"], "T4");
  EXPECT_FALSE(doc["content"].contains("Content"));
  EXPECT_FALSE(doc.contains("platform"));
  EXPECT_TRUE(doc.contains("_id"));
}

TEST_P(Conformance, FilterByLinkMatchesEveryFormOfTheLink) {
  wh().Save(MakeArticle("https://decodingml.substack.com/p/rag?r=1ttoeh"));
  EXPECT_EQ(wh().Count<ArticleDocument>(Warehouse::ByLink("https://decodingml.substack.com/p/rag/")), 1u);
  EXPECT_EQ(wh().Count<ArticleDocument>(Warehouse::ByLink("https://decodingml.substack.com/p/other")), 0u);
  // A path beyond ASCII, as written and as browsers send it.
  wh().Save(MakeArticle("https://blog.example/stra\xC3\x9F" "e"));
  EXPECT_EQ(wh().Count<ArticleDocument>(Warehouse::ByLink("https://blog.example/stra%C3%9Fe")), 1u);
  EXPECT_THROW(wh().Save(MakeArticle("https://blog.example/stra%c3%9fe")), DuplicateKeyError);
}

TEST_P(Conformance, AListOfValuesMatchesAnyOfThem) {
  for (const char* id : {"a", "b", "c"}) wh().InsertJson("notes", Json{{"_id", id}, {"n", std::string(id) + "1"}});
  EXPECT_EQ(wh().CountJson("notes", Query().WhereAnyOf("n", {"a1", "c1", "z1"})), 2u);
  EXPECT_EQ(wh().CountJson("notes", Query().WhereAnyOf("n", {"a1", "c1"}).Where("_id", "c")), 1u);
  EXPECT_THROW(wh().CountJson("notes", Query().Where("n", Json::array({Json::object()}))), Error);
  wh().DropCollection("notes");
}

TEST_P(Conformance, UpdateReplacesByIdAndDeleteRemoves) {
  ArticleDocument doc = MakeArticle("https://blog.example/p/u");
  EXPECT_FALSE(wh().Update(doc));  // not stored yet
  wh().Save(doc);
  doc.content.content = "new text";
  EXPECT_TRUE(wh().Update(doc));
  EXPECT_EQ(wh().Get<ArticleDocument>(doc.id)->content.content, "new text");
  EXPECT_TRUE(wh().Delete<ArticleDocument>(doc.id));
  EXPECT_FALSE(wh().Delete<ArticleDocument>(doc.id));
  EXPECT_EQ(wh().Count<ArticleDocument>(), 0u);
}

TEST_P(Conformance, GenericCollectionsStoreArbitraryJsonById) {
  Json run = Json::parse(R"({"_id":"run-1","status":"running","links":{"https://a.io/x.html":"ok"},
                             "counts":{"ok":1,"failed":0},"dry_run":false,"note":null})");
  wh().InsertJson("pipeline_runs", run);
  EXPECT_THROW(wh().InsertJson("pipeline_runs", run), DuplicateKeyError);
  auto found = wh().FindJsonById("pipeline_runs", "run-1");
  ASSERT_TRUE(found);
  EXPECT_EQ(*found, run);  // keys with dots come back as given

  run["status"] = "done";
  EXPECT_EQ(wh().ReplaceJson("pipeline_runs", run), UpsertOutcome::kUpdated);
  EXPECT_EQ(wh().ReplaceJson("pipeline_runs", run), UpsertOutcome::kUnchanged);
  EXPECT_EQ(wh().ReplaceJson("pipeline_runs", Json{{"_id", "run-2"}, {"status", "running"}}), UpsertOutcome::kInserted);
  EXPECT_EQ(wh().CountJson("pipeline_runs", Query().Where("status", "done")), 1u);
  EXPECT_EQ(wh().CountJson("pipeline_runs", Query().Where("dry_run", false)), 1u);
  EXPECT_EQ(wh().CountJson("pipeline_runs", Query().Where("counts.ok", 1)), 1u);
  EXPECT_EQ(wh().FindJson("pipeline_runs", Query().SortBy("_id", false)).at(0)["_id"], "run-2");
  // Top-level projection keeps each value's JSON type and omits missing fields.
  const auto projected =
      wh().FindJson("pipeline_runs", Query().Where("_id", "run-1").Select({"counts", "dry_run", "note", "absent"}));
  ASSERT_EQ(projected.size(), 1u);
  EXPECT_EQ(projected[0]["_id"], "run-1");
  EXPECT_EQ(projected[0]["counts"], run["counts"]);
  EXPECT_EQ(projected[0]["dry_run"], false);
  EXPECT_TRUE(projected[0].contains("note") && projected[0]["note"].is_null());
  EXPECT_FALSE(projected[0].contains("absent"));
  EXPECT_FALSE(projected[0].contains("status"));
  EXPECT_TRUE(wh().DeleteJson("pipeline_runs", "run-1"));
  EXPECT_FALSE(wh().FindJsonById("pipeline_runs", "run-1"));
  EXPECT_THROW(wh().InsertJson("pipeline_runs", Json{{"status", "no id"}}), Error);
  wh().DropCollection("pipeline_runs");
  EXPECT_EQ(wh().CountJson("pipeline_runs"), 0u);
}

TEST_P(Conformance, ReplaceAllCountsInsertedUpdatedAndUnchanged) {
  auto write = [&](std::vector<Json> docs) {
    bool given = false;
    return wh().ReplaceAllJson("pipeline_runs", [&](std::vector<Json>& batch) {
      if (!given) batch = docs;
      given = true;
      return false;
    });
  };
  WriteCounts counts = write({Json{{"_id", "a"}, {"v", 1}}, Json{{"_id", "b"}, {"v", 1}}});
  EXPECT_EQ(counts.inserted, 2u);
  counts = write({Json{{"_id", "a"}, {"v", 1}}, Json{{"_id", "b"}, {"v", 2}}});
  EXPECT_EQ(counts.inserted, 0u);
  EXPECT_EQ(counts.updated, 1u);
  EXPECT_EQ(counts.unchanged, 1u);
}

TEST_P(Conformance, ReportsInvalidCollectionNames) {
  EXPECT_THROW(wh().CountJson("bad name; drop"), Error);
}

TEST_P(Conformance, InsertAllJsonWritesABatchAndRefusesAnExistingId) {
  std::vector<Json> batch;
  for (int i = 0; i < 3; ++i) batch.push_back(Json{{"_id", "sig-" + std::to_string(i)}, {"minhash", Json::array({i, i + 1})}});
  wh().InsertAllJson("document_signatures", batch);
  EXPECT_EQ(wh().CountJson("document_signatures"), 3u);
  EXPECT_EQ(*wh().FindJsonById("document_signatures", "sig-2"), batch[2]);
  wh().InsertAllJson("document_signatures", {});  // nothing to write
  EXPECT_THROW(wh().InsertAllJson("document_signatures", {Json{{"_id", "sig-1"}}}), DuplicateKeyError);
  EXPECT_EQ(*wh().FindJsonById("document_signatures", "sig-1"), batch[1]);
}

LLMTWIN_INSTANTIATE_BACKENDS(Conformance);

}  // namespace
}  // namespace llmtwin::warehouse::testing
