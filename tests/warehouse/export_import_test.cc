// Export/import in the book's format on each backend, and the streaming reader's error reports.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/error.h"
#include "warehouse/export_import.h"
#include "warehouse/json_array_reader.h"
#include "warehouse_fixture.h"

namespace llmtwin::warehouse::testing {
namespace {

const std::string kBookExport = std::string(LLMTWIN_TESTDATA_DIR) + "/book-export";

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteFile(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string ErrorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

using ExportImport = BackendTest;

TEST_P(ExportImport, BookExportImportedAndExportedAgainIsByteForByteTheSame) {
  const auto results = ImportWarehouse(wh(), kBookExport);
  EXPECT_EQ(results.at(DocumentClass::kArticle).read, 76u);
  EXPECT_EQ(results.at(DocumentClass::kArticle).counts.inserted, 76u);
  EXPECT_EQ(results.at(DocumentClass::kUser).counts.inserted, 2u);
  EXPECT_EQ(results.at(DocumentClass::kPost).read, 0u);
  EXPECT_EQ(results.at(DocumentClass::kRepository).read, 0u);

  const auto out = dir_ / "export";
  const auto counts = ExportWarehouse(wh(), out.string(), ExportFormat::kBook);
  EXPECT_EQ(counts.at(DocumentClass::kArticle), 76u);
  EXPECT_EQ(counts.at(DocumentClass::kUser), 2u);
  EXPECT_EQ(counts.at(DocumentClass::kPost), 0u);
  EXPECT_EQ(counts.at(DocumentClass::kRepository), 0u);
  for (const char* name : {"ArticleDocument.json", "UserDocument.json", "PostDocument.json", "RepositoryDocument.json"}) {
    const std::string original = ReadFile(std::filesystem::path(kBookExport) / name);
    const std::string exported = ReadFile(out / name);
    EXPECT_EQ(Json::parse(exported), Json::parse(original)) << name;
    EXPECT_TRUE(exported == original) << name << " differs byte-wise (" << exported.size() << " vs " << original.size()
                                      << " bytes)";
  }
}

TEST_P(ExportImport, ImportingTwiceChangesNothing) {
  ImportWarehouse(wh(), kBookExport);
  const auto again = ImportWarehouse(wh(), kBookExport);
  EXPECT_EQ(again.at(DocumentClass::kArticle).counts.inserted, 0u);
  EXPECT_EQ(again.at(DocumentClass::kArticle).counts.updated, 0u);
  EXPECT_EQ(again.at(DocumentClass::kArticle).counts.unchanged, 76u);
  EXPECT_EQ(wh().Count<ArticleDocument>(), 76u);
  EXPECT_EQ(wh().Count<UserDocument>(), 2u);
}

TEST_P(ExportImport, ImportedBookArticlesAreFoundByAuthorAndLink) {
  ImportWarehouse(wh(), kBookExport);
  const auto maxime = wh().GetOrCreateUser("Maxime Labonne");
  EXPECT_EQ(maxime.id, "eff74089-0271-4319-8543-745c087f4f61");  // the imported user, not a new one
  EXPECT_EQ(wh().Count<ArticleDocument>(Query().Where("author_id", maxime.id)),
            wh().Count<ArticleDocument>(Query().Where("author_full_name", "Maxime Labonne")));
  EXPECT_EQ(wh().Count<ArticleDocument>(Query().Where("platform", "medium")), 5u);
  EXPECT_EQ(wh().Count<ArticleDocument>(
                Warehouse::ByLink("https://mlabonne.github.io/blog/posts/2024-07-29_Finetune_Llama31.html")),
            1u);
}

TEST_P(ExportImport, RepositoriesRoundTripThroughJsonLinesExport) {
  RepositoryDocument repo;
  repo.id = NewDocumentId();
  repo.name = "r";
  repo.link = "https://github.com/a/r";
  repo.platform = "github";
  repo.author_id = "a";
  repo.content = {{"setup.py", "x"}, {"$ref.json", "{}"}};
  wh().Save(repo);
  const auto out = dir_ / "jsonl";
  ExportWarehouse(wh(), out.string(), ExportFormat::kJsonl);
  const Json line = Json::parse(ReadFile(out / "repositories.jsonl"));
  EXPECT_EQ(line["content"]["setup.py"], "x");
  wh().Delete<RepositoryDocument>(repo.id);
  const auto results = ImportWarehouse(wh(), out.string());
  EXPECT_EQ(results.at(DocumentClass::kRepository).counts.inserted, 1u);
  EXPECT_EQ(wh().Get<RepositoryDocument>(repo.id), repo);
}

TEST_P(ExportImport, MalformedFileIsRejectedWithPositionAndNothingFromItIsWritten) {
  const auto in = dir_ / "bad";
  std::filesystem::create_directories(in);
  Json articles = Json::parse(ReadFile(std::filesystem::path(kBookExport) / "ArticleDocument.json"));
  std::string text = "[" + articles[0].dump() + ",\n" + articles[1].dump() + ",\n{\"content\": {\"Title\": oops}}]";
  WriteFile(in / "ArticleDocument.json", text);
  const std::string error = ErrorOf([&] { ImportWarehouse(wh(), in.string()); });
  EXPECT_NE(error.find("ArticleDocument.json:3:"), std::string::npos) << error;
  EXPECT_NE(error.find("element 2"), std::string::npos) << error;
  EXPECT_EQ(wh().Count<ArticleDocument>(), 0u);

  // Valid JSON with the wrong shape is rejected before writing too, naming the field.
  articles[1]["content"]["Title"] = 7;
  WriteFile(in / "ArticleDocument.json", articles.dump());
  const std::string shape_error = ErrorOf([&] { ImportWarehouse(wh(), in.string()); });
  EXPECT_NE(shape_error.find("element 1"), std::string::npos) << shape_error;
  EXPECT_NE(shape_error.find("content.Title"), std::string::npos) << shape_error;
  EXPECT_EQ(wh().Count<ArticleDocument>(), 0u);
}

LLMTWIN_INSTANTIATE_BACKENDS(ExportImport);

TEST(JsonArrayReader, StreamsElementsAndRejectsTrailingGarbage) {
  const auto dir = FreshTempDir();
  WriteFile(dir / "a.json", " [ {\"a\": \"x]}\\\"\"}, {\"b\": [1, {\"c\": 2}]} ] \n");
  JsonArrayReader reader((dir / "a.json").string());
  Json element;
  ASSERT_TRUE(reader.Next(element));
  EXPECT_EQ(element["a"], "x]}\"");
  ASSERT_TRUE(reader.Next(element));
  EXPECT_EQ(element["b"][1]["c"], 2);
  EXPECT_FALSE(reader.Next(element));

  WriteFile(dir / "b.json", "[{\"a\": 1}] x");
  JsonArrayReader trailing((dir / "b.json").string());
  trailing.Next(element);
  EXPECT_NE(ErrorOf([&] { trailing.Next(element); }).find("after the end of the array"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(JsonArrayReader, ReportsLineColumnAndReason) {
  const auto dir = FreshTempDir();
  const struct {
    const char* text;
    const char* expected;
  } cases[] = {
      {"{\"a\": 1}", "b.json:1:1 (byte 0): expected '['"},
      {"[{\"a\": 1}\n {\"b\": 2}]", "b.json:2:2 (byte 11): expected ',' or ']' after element 0"},
      {"[{\"a\": 1},\n  {\"b\": tru}]", "b.json:2:12 (byte 22): element 1: syntax error while parsing value - invalid literal"},
      {"[1, 2]", "element 0 is not a JSON object"},
      {"[{\"a\": \"never closed", "unexpected end of file"},
      {"[{\"a\": 1},]", "element 1 is not a JSON object"},
  };
  for (const auto& c : cases) {
    WriteFile(dir / "b.json", c.text);
    const std::string error = ErrorOf([&] {
      JsonArrayReader reader((dir / "b.json").string());
      Json element;
      while (reader.Next(element)) {
      }
    });
    EXPECT_NE(error.find(c.expected), std::string::npos) << c.text << " -> " << error;
  }
  std::filesystem::remove_all(dir);
}

TEST(JsonArrayReader, ReadsJsonLinesSkippingBlankLines) {
  const auto dir = FreshTempDir();
  WriteFile(dir / "x.jsonl", "{\"a\": 1}\n\n{\"a\": 2}\n");
  JsonArrayReader reader((dir / "x.jsonl").string(), JsonArrayReader::Format::kLines);
  Json element;
  int sum = 0;
  while (reader.Next(element)) sum += element["a"].get<int>();
  EXPECT_EQ(sum, 3);
  EXPECT_EQ(reader.count(), 2u);
  std::filesystem::remove_all(dir);
}

TEST(DumpPythonStyle, MatchesPythonJsonDumps) {
  const Json value = Json::parse(R"({"a": [1, 2.5, true, null], "é": "ü 🔧\n\t\"\\ \u0001", "b": {}})");
  EXPECT_EQ(DumpPythonStyle(value),
            R"({"a": [1, 2.5, true, null], "\u00e9": "\u00fc \ud83d\udd27\n\t\"\\ \u0001", "b": {}})");
}

TEST(ImportWarehouse, RejectsAFolderWithoutExportFiles) {
  const auto dir = FreshTempDir();
  auto warehouse = SqliteWarehouse::Open((dir / "w.sqlite").string());
  const auto empty = dir / "empty";
  std::filesystem::create_directories(empty);
  try {
    ImportWarehouse(*warehouse, empty.string());
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kIo);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace llmtwin::warehouse::testing
