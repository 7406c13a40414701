// Near-duplicates found and marked beside the documents, on both backends: the book's export (its
// five Medium articles also stored from Substack, as whole pages), and pairs that must not match.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "warehouse/duplicate_index.h"
#include "warehouse/export_import.h"
#include "warehouse_fixture.h"

namespace llmtwin::warehouse::testing {
namespace {

const std::string kBookExport = std::string(LLMTWIN_TESTDATA_DIR) + "/book-export";

// The book's five Medium articles and their Substack copies (read and checked by hand: the same
// article; the Substack links redirected to Medium when the book crawled them, so the copies are
// Medium pages too, captured at other times with other comments and recommendations).
const std::map<std::string, std::string> kBookPairs = {
    {"https://medium.com/decodingml/an-end-to-end-framework-for-production-ready-llm-systems-by-building-your-llm-twin-2cc6bb01141f",
     "https://decodingml.substack.com/p/an-end-to-end-framework-for-production?r=1ttoeh"},
    {"https://medium.com/decodingml/a-real-time-retrieval-system-for-rag-on-social-media-data-9cc01d50a2a0",
     "https://decodingml.substack.com/p/a-real-time-retrieval-system-for?r=1ttoeh"},
    {"https://medium.com/decodingml/sota-python-streaming-pipelines-for-fine-tuning-llms-and-rag-in-real-time-82eb07795b87",
     "https://decodingml.substack.com/p/sota-python-streaming-pipelines-for?r=1ttoeh"},
    {"https://medium.com/decodingml/the-4-advanced-rag-algorithms-you-must-know-to-implement-5d0c7f1199d2",
     "https://decodingml.substack.com/p/the-4-advanced-rag-algorithms-you?r=1ttoeh"},
    {"https://medium.com/decodingml/architect-scalable-and-cost-effective-llm-rag-inference-pipelines-73b94ef82a99",
     "https://decodingml.substack.com/p/architect-scalable-and-cost-effective?r=1ttoeh"},
};

using Duplicates = BackendTest;

// Checks the clusters found in the book's export: every cluster is one of its known pairs, and at
// least four of the five pairs are found. Prints which.
void ExpectBookPairs(Warehouse& wh, DuplicateIndex& index) {
  std::map<std::string, std::string> link_of;
  for (const Json& doc : wh.FindDocuments(DocumentClass::kArticle)) link_of[doc.value("_id", "")] = doc.value("link", "");
  std::set<std::string> found;
  for (const Cluster& cluster : index.Clusters()) {
    ASSERT_EQ(cluster.members.size(), 2u) << "a cluster of " << cluster.members.size() << " from "
                                          << link_of[cluster.members.front().id];
    std::string medium = link_of[cluster.members[0].id], substack = link_of[cluster.members[1].id];
    if (medium.find("substack") != std::string::npos) std::swap(medium, substack);
    auto pair = kBookPairs.find(medium);
    ASSERT_TRUE(pair != kBookPairs.end() && pair->second == substack) << "a false pair: " << medium << " and " << substack;
    std::cout << "[ clustered ] " << medium << " ~ " << substack << " (similarity "
              << cluster.members[1].similarity << ")\n";
    // Substack before Medium in the default order: the canonical copy is the Substack one.
    EXPECT_EQ(link_of[cluster.members[0].id], substack);
    found.insert(medium);
  }
  EXPECT_GE(found.size(), 4u);
}

TEST_P(Duplicates, TheBooksMediumArticlesAreClusteredWithTheirSubstackCopiesAndNothingElseIs) {
  ImportWarehouse(wh(), kBookExport);
  DuplicateIndex index(wh());
  EXPECT_EQ(index.Recompute(), 76u);
  ExpectBookPairs(wh(), index);
  EXPECT_EQ(index.DuplicateIds().size(), index.Clusters().size());
}

TEST_P(Duplicates, DocumentsIndexedOneByOneAsTheyAreStoredGiveTheSameClusters) {
  ImportWarehouse(wh(), kBookExport);
  DuplicateIndex index(wh());
  for (const Json& doc : wh().FindDocuments(DocumentClass::kArticle)) index.Add(DocumentClass::kArticle, doc);
  ExpectBookPairs(wh(), index);
}

TEST_P(Duplicates, ExportingTheBookAfterIndexingStillGivesItsFilesByteForByte) {
  ImportWarehouse(wh(), kBookExport);
  DuplicateIndex(wh()).Recompute();
  const auto out = dir_ / "export";
  ExportWarehouse(wh(), out.string(), ExportFormat::kBook);
  const auto read = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  EXPECT_EQ(read(out / "ArticleDocument.json"), read(std::filesystem::path(kBookExport) / "ArticleDocument.json"));
}

// ---- Pairs that must not match, and one that must ----

// A page template (menus, share bar, footer) around an article, as the book stored whole pages.
std::string InTemplate(const std::string& article) {
  return "Decoding ML Newsletter Subscribe Sign in Share this post Copy link Facebook Email Notes More "
         "Home Notes Archive About " + article +
         " Thanks for reading Decoding ML! Subscribe for free to receive new posts and support my work. "
         "Like Comment Restack Share Discussion about this post Ready for more? Subscribe © 2024 Paul Iusztin "
         "Privacy Terms Collection notice Start Writing Get the app Substack is the home for great culture";
}

// Prose: sentence i is twelve words drawn from a small vocabulary by a generator seeded with i,
// so texts made of different sentence numbers share (almost) no 5-word run, as distinct articles.
std::string Prose(const std::string& topic, int sentences, int offset = 0) {
  static const char* const kSyllables[] = {"ra", "to", "mi", "ke", "lu", "sa", "no", "vi", "de", "po", "ga", "fe"};
  std::string text = topic + ": ";
  for (int i = offset; i < offset + sentences; ++i) {
    std::uint64_t state = 0x9e3779b97f4a7c15ULL * static_cast<std::uint64_t>(i + 1);
    for (int w = 0; w < 12; ++w) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      for (int s = 0; s < 3; ++s) text += kSyllables[(state >> (20 + 4 * s)) % 12];
      text += w == 11 ? ". " : " ";
    }
  }
  return text;
}

ArticleDocument Article(const std::string& link, const std::string& platform, const std::string& text) {
  ArticleDocument doc = MakeArticle(link, text, "author-1");
  doc.platform = platform;
  doc.content.title = "";
  doc.content.subtitle.reset();
  return doc;
}

// Stores `docs` and indexes each as the pipeline does; returns the index.
void StoreAll(Warehouse& wh, DuplicateIndex& index, std::vector<ArticleDocument> docs) {
  for (auto& doc : docs) {
    wh.Upsert(doc);
    index.Add(DocumentClass::kArticle, doc.ToJson());
  }
}

TEST_P(Duplicates, TheSameArticleOnTwoPlatformsIsOneClusterWithTheEarliestCanonical) {
  DuplicateIndex index(wh());
  const std::string article = Prose("feature pipelines", 60);
  ArticleDocument on_medium = Article("https://medium.com/@p/feature-pipelines-0a1b2c3d4e5f", "medium", article);
  on_medium.meta.published_at = "2024-03-01T10:00:00Z";
  ArticleDocument on_substack = Article("https://p.substack.com/p/feature-pipelines", "substack", InTemplate(article));
  on_substack.meta.published_at = "2024-03-02T08:00:00Z";
  StoreAll(wh(), index, {on_substack, on_medium});
  const auto clusters = index.Clusters();
  ASSERT_EQ(clusters.size(), 1u);
  ASSERT_EQ(clusters[0].members.size(), 2u);
  EXPECT_EQ(clusters[0].members[0].platform, "medium");  // published a day earlier
  EXPECT_GT(clusters[0].members[1].similarity, 0.6);
}

TEST_P(Duplicates, TheSameTemplateAroundDifferentArticlesIsNotADuplicate) {
  DuplicateIndex index(wh());
  std::vector<ArticleDocument> docs;
  for (int i = 0; i < 6; ++i)
    docs.push_back(Article("https://p.substack.com/p/issue-" + std::to_string(i), "substack",
                           InTemplate(Prose("topic " + std::to_string(i), 8, i * 100))));
  StoreAll(wh(), index, docs);
  EXPECT_TRUE(index.Clusters().empty());
  // The same once all are stored and the template is learned from all of them.
  index.Recompute();
  EXPECT_TRUE(index.Clusters().empty());
}

TEST_P(Duplicates, AnExcerptAnnouncingAnArticleIsNotADuplicateOfIt) {
  DuplicateIndex index(wh());
  const std::string article = Prose("rag evaluation", 80);
  ArticleDocument full = Article("https://p.substack.com/p/rag-evaluation", "substack", article);
  // A LinkedIn post: the article's first paragraph and a link.
  ArticleDocument excerpt = Article("https://www.linkedin.com/posts/p_rag-evaluation", "linkedin",
                                    Prose("rag evaluation", 6) + " Read the whole article on my newsletter.");
  StoreAll(wh(), index, {full, excerpt});
  EXPECT_TRUE(index.Clusters().empty());
}

TEST_P(Duplicates, PartOneAndPartTwoOfASeriesAreNotDuplicates) {
  DuplicateIndex index(wh());
  // Both parts open with the same course introduction and close with the same outro.
  const std::string intro = Prose("the llm twin course", 10, 5000);
  const std::string outro = Prose("next lesson", 3, 7000);
  ArticleDocument part1 = Article("https://medium.com/@p/lesson-1-0a1b2c3d4e51", "medium",
                                  intro + Prose("data collection", 30, 100) + outro);
  ArticleDocument part2 = Article("https://medium.com/@p/lesson-2-0a1b2c3d4e52", "medium",
                                  intro + Prose("change data capture", 30, 200) + outro);
  StoreAll(wh(), index, {part1, part2});
  EXPECT_TRUE(index.Clusters().empty());
}

TEST_P(Duplicates, AChangedDocumentLeavesItsClusterWhenItNoLongerResemblesTheOther) {
  DuplicateIndex index(wh());
  const std::string article = Prose("quantization", 50);
  ArticleDocument a = Article("https://q.substack.com/p/quantization", "substack", article);
  ArticleDocument b = Article("https://medium.com/@q/quantization-0a1b2c3d4e5f", "medium", article);
  StoreAll(wh(), index, {a, b});
  ASSERT_EQ(index.Clusters().size(), 1u);
  b.content.content = Prose("something else entirely", 50, 900);
  b.meta.content_hash.clear();
  StoreAll(wh(), index, {b});
  EXPECT_TRUE(index.Clusters().empty());
  EXPECT_TRUE(index.DuplicateIds().empty());
}

TEST_P(Duplicates, TwoProcessesIndexingOneAuthorAtOnceAreReconciledByTheLastToFinish) {
  // Two indexes on one warehouse, as two shards of one author's links in two processes: each
  // reads the author's signatures at its first document and does not see the other's later ones.
  DuplicateIndex first(wh()), second(wh());
  const std::string article = Prose("streaming pipelines", 60);
  StoreAll(wh(), first, {Article("https://p.dev/one", "blog", Prose("one", 40, 300))});
  StoreAll(wh(), second, {Article("https://p.dev/two", "blog", Prose("two", 40, 600))});
  StoreAll(wh(), first, {Article("https://medium.com/@p/streaming-0a1b2c3d4e5f", "medium", article)});
  StoreAll(wh(), second, {Article("https://p.substack.com/p/streaming", "substack", InTemplate(article))});
  // Each writes its signature records (in batches, and when asked for clusters): neither saw the
  // other's copy.
  EXPECT_TRUE(first.Clusters().empty());
  EXPECT_TRUE(second.Clusters().empty());
  EXPECT_EQ(first.Reconcile(), 1u);  // the other stored documents meanwhile: rebuilt
  ASSERT_EQ(first.Clusters().size(), 1u);
  EXPECT_EQ(second.Reconcile(), 1u);
  ASSERT_EQ(second.Clusters().size(), 1u);
  EXPECT_EQ(second.Clusters()[0].members.size(), 2u);
  // Alone, a run's end rebuilds nothing.
  StoreAll(wh(), first, {Article("https://p.dev/three", "blog", Prose("three", 40, 900))});
  EXPECT_EQ(first.Reconcile(), 0u);
  EXPECT_EQ(first.Clusters().size(), 1u);
}

TEST_P(Duplicates, SignaturesMadeWithOtherParametersAreRebuiltBeforeANewDocumentIsCompared) {
  const std::string article = Prose("vector databases", 60);
  {
    DuplicateOptions other;
    other.params.shingle_words = 4;
    DuplicateIndex before(wh(), other);
    StoreAll(wh(), before, {Article("https://medium.com/@p/vectors-0a1b2c3d4e5f", "medium", article)});
  }
  DuplicateIndex index(wh());
  StoreAll(wh(), index, {Article("https://p.substack.com/p/vectors", "substack", InTemplate(article))});
  ASSERT_EQ(index.Clusters().size(), 1u);
  for (const Json& record : wh().FindJson(kSignaturesCollection))
    EXPECT_EQ(record.value("params", ""), MinHashParams().Tag());
}

LLMTWIN_INSTANTIATE_BACKENDS(Duplicates);

}  // namespace
}  // namespace llmtwin::warehouse::testing
