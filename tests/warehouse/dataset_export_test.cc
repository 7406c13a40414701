// The dataset export: what a fine-tuning or RAG pipeline loads (the Python tests load it with
// Hugging Face `datasets`); here its files and card against the warehouse.
#include "warehouse/dataset_export.h"

#include <gtest/gtest.h>

#include <fstream>

#include "warehouse/duplicate_index.h"
#include "warehouse/export_import.h"
#include "warehouse_fixture.h"

namespace llmtwin::warehouse::testing {
namespace {

using DatasetExport = BackendTest;

std::vector<Json> ReadLines(const std::filesystem::path& path) {
  std::vector<Json> rows;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) rows.push_back(Json::parse(line));
  return rows;
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST_P(DatasetExport, TheBooksExportWithoutDuplicatesHasOneRowPerDocumentLessTheCopies) {
  if (GetParam() == "mongo") GTEST_SKIP() << "backend-independent (FindDocuments); the book's import is slow on FerretDB";
  ImportWarehouse(wh(), std::string(LLMTWIN_TESTDATA_DIR) + "/book-export");
  DuplicateIndex index(wh());
  index.Recompute();
  const auto out = dir_ / "dataset";
  const auto summary = ExportDataset(wh(), out.string(), {"", false, 0, "llmtwin warehouse export --format dataset"});
  const auto rows = ReadLines(out / "data" / "articles.jsonl");
  EXPECT_EQ(rows.size(), 76u - index.DuplicateIds().size());
  EXPECT_EQ(summary.duplicates_removed, index.DuplicateIds().size());
  EXPECT_FALSE(std::filesystem::exists(out / "data" / "posts.jsonl"));  // the book has no posts
  std::set<std::string> ids;
  for (const Json& row : rows) {
    ids.insert(row.at("id").get<std::string>());
    for (const char* key : {"id", "author", "platform", "kind", "title", "text", "link", "published", "language", "path"})
      EXPECT_TRUE(row.at(key).is_string()) << key;  // one schema: never null
    EXPECT_EQ(row.at("kind"), "article");
    EXPECT_EQ(row.at("words").get<std::size_t>(), CountWords(row.at("text").get<std::string>()));
  }
  for (const std::string& copy : index.DuplicateIds()) EXPECT_FALSE(ids.contains(copy));
  const std::string card = ReadAll(out / "README.md");
  EXPECT_NE(card.find("- rows: " + std::to_string(rows.size()) + "\n"), std::string::npos) << card;
  EXPECT_NE(card.find("- near-duplicates left out: 4\n"), std::string::npos) << card;
  EXPECT_NE(card.find("| medium | unknown | 1 |"), std::string::npos) << card;  // 5 Medium articles, 4 are copies
  EXPECT_NE(card.find("`llmtwin warehouse export --format dataset`"), std::string::npos);
}

TEST_P(DatasetExport, RepositoriesAreOneRowPerFileAndShortRowsAreLeftOutWhenAsked) {
  RepositoryDocument repo;
  repo.id = NewDocumentId();
  repo.name = "engine";
  repo.link = "https://github.com/ada/engine";
  repo.platform = "github";
  repo.author_id = "author-1";
  repo.author_full_name = "Ada Lovelace";
  repo.content = {{"README.md", "The analytical engine, in words of some length here"}, {"src/main.py", "print(1)"}};
  wh().Save(repo);
  const auto out = dir_ / "dataset";
  const auto summary = ExportDataset(wh(), out.string(), {"", true, 3, "cmd"});
  const auto rows = ReadLines(out / "data" / "repositories.jsonl");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("id"), repo.id + ":README.md");
  EXPECT_EQ(rows[0].at("path"), "README.md");
  EXPECT_EQ(rows[0].at("kind"), "repository");
  EXPECT_EQ(summary.short_removed, 1u);
}

TEST(CountWords, CountsRunsBetweenWhitespace) {
  EXPECT_EQ(CountWords(""), 0u);
  EXPECT_EQ(CountWords("  one two\n\nthree\t"), 3u);
}

LLMTWIN_INSTANTIATE_BACKENDS(DatasetExport);

}  // namespace
}  // namespace llmtwin::warehouse::testing
