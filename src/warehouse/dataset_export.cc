#include "warehouse/dataset_export.h"

#include <filesystem>
#include <fstream>
#include <set>

#include "common/error.h"
#include "warehouse/duplicate_index.h"

namespace llmtwin::warehouse {
namespace {

namespace fs = std::filesystem;

std::string Text(const Json& json, const char* key) {
  const auto it = json.find(key);
  return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Writes `path` through PATH.tmp and a rename, so a failure leaves no half file.
class AtomicFile {
 public:
  explicit AtomicFile(fs::path path) : path_(std::move(path)), tmp_(path_.string() + ".tmp"), out_(tmp_, std::ios::binary) {
    if (!out_) throw Error(ErrorKind::kIo, "cannot write " + tmp_.string());
  }
  std::ofstream& out() { return out_; }
  void Commit() {
    out_.close();
    if (!out_) throw Error(ErrorKind::kIo, "cannot write " + tmp_.string());
    std::error_code ec;
    fs::rename(tmp_, path_, ec);
    if (ec) throw Error(ErrorKind::kIo, "cannot rename " + tmp_.string() + ": " + ec.message());
  }

 private:
  fs::path path_, tmp_;
  std::ofstream out_;
};

std::string Year(const std::string& published) {
  return published.size() >= 4 && std::isdigit(static_cast<unsigned char>(published[0])) ? published.substr(0, 4)
                                                                                           : "unknown";
}

}  // namespace

std::size_t CountWords(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

DatasetSummary::Counts DatasetSummary::Totals() const {
  Counts total;
  for (const auto& [key, counts] : per_platform_year) {
    total.rows += counts.rows;
    total.words += counts.words;
  }
  return total;
}

DatasetSummary ExportDataset(Warehouse& warehouse, const std::string& dir, const DatasetOptions& options) {
  const fs::path root(dir);
  std::error_code ec;
  fs::create_directories(root / "data", ec);
  if (ec) throw Error(ErrorKind::kIo, "cannot create " + (root / "data").string() + ": " + ec.message());

  std::set<std::string> copies;
  if (!options.include_duplicates)
    for (const std::string& id : DuplicateIndex(warehouse).DuplicateIds(options.author_id)) copies.insert(id);

  DatasetSummary summary;
  const auto kinds = {std::make_pair(DocumentClass::kArticle, "article"), std::make_pair(DocumentClass::kPost, "post"),
                      std::make_pair(DocumentClass::kRepository, "repository")};
  for (const auto& [cls, kind] : kinds) {
    Query query;
    if (!options.author_id.empty()) query.Where("author_id", options.author_id);
    const std::vector<Json> documents = warehouse.FindDocuments(cls, query);
    const std::string name = "data/" + std::string(CollectionName(cls)) + ".jsonl";
    std::optional<AtomicFile> file;
    std::size_t rows = 0;
    const auto write = [&](const Json& document, const std::string& id, const std::string& title, const std::string& text,
                           const std::string& path, const std::string& language) {
      const std::size_t words = CountWords(text);
      if (words < options.min_words) {
        ++summary.short_removed;
        return;
      }
      const std::string platform = Text(document, "platform");
      const std::string published = Text(document, "published_at");
      const Json row = {{"id", id},
                        {"author", Text(document, "author_full_name")},
                        {"platform", platform},
                        {"kind", kind},
                        {"title", title},
                        {"text", text},
                        {"link", Text(document, "link")},
                        {"published", published},
                        {"language", language},
                        {"words", words},
                        {"path", path}};
      if (!file) file.emplace(root / name);
      file->out() << row.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
      ++rows;
      auto& counts = summary.per_platform_year[{platform, Year(published)}];
      ++counts.rows;
      counts.words += words;
    };
    for (const Json& document : documents) {
      const std::string id = Text(document, "_id");
      if (copies.contains(id)) {
        ++summary.duplicates_removed;
        continue;
      }
      const Json content = document.value("content", Json::object());
      switch (cls) {
        case DocumentClass::kArticle:
          write(document, id, Text(content, "Title"), Text(content, "Content"), "", Text(content, "language"));
          break;
        case DocumentClass::kPost: write(document, id, "", Text(content, "text"), "", ""); break;
        case DocumentClass::kRepository:
          for (const auto& [path, text] : content.items())
            if (text.is_string()) write(document, id + ":" + path, Text(document, "name"), text.get<std::string>(), path, "");
          break;
        case DocumentClass::kUser: break;
      }
    }
    if (file) {
      file->Commit();
      summary.rows_per_file[name] = rows;
    } else {
      fs::remove(root / name, ec);  // an earlier export's file would be read with this one
    }
  }

  // The dataset card.
  AtomicFile card(root / "README.md");
  std::ostream& out = card.out();
  out << "---\nconfigs:\n- config_name: default\n  data_files:\n  - split: train\n    path: data/*.jsonl\n---\n\n";
  out << "# Writing corpus exported by llmtwin\n\n";
  out << "One author's writing collected by llmtwin (the ETL of *LLM Engineer's Handbook*, chapter 3), one "
         "JSON object per line, ready for `datasets.load_dataset(\"json\", data_files=\"data/*.jsonl\")`.\n\n";
  out << "Made by: `" << options.command << "`\n\n";
  const auto totals = summary.Totals();
  out << "- rows: " << totals.rows << "\n- words: " << totals.words << "\n";
  out << "- near-duplicates left out: " << summary.duplicates_removed
      << (options.include_duplicates ? " (duplicates kept: exported without --no-duplicates)" : "") << "\n";
  out << "- rows under " << options.min_words << " words left out: " << summary.short_removed << "\n\n";
  out << "## Files\n\n| file | rows |\n|---|---|\n";
  for (const auto& [name, rows] : summary.rows_per_file) out << "| " << name << " | " << rows << " |\n";
  out << "\n## Rows and words per platform and year\n\n| platform | year | rows | words |\n|---|---|---|---|\n";
  for (const auto& [key, counts] : summary.per_platform_year)
    out << "| " << key.first << " | " << key.second << " | " << counts.rows << " | " << counts.words << " |\n";
  out << "\n## Fields\n\n"
         "| field | meaning |\n|---|---|\n"
         "| id | the document's id in the warehouse (a repository file: `<repository id>:<path>`) |\n"
         "| author | the author's full name |\n"
         "| platform | where it was published (medium, a Substack host, linkedin, github, a blog's host) |\n"
         "| kind | article, post or repository |\n"
         "| title | the article's title, the repository's name (empty for posts) |\n"
         "| text | the text, as Markdown for llmtwin's crawls (as the book stored it for its own export) |\n"
         "| link | where it was collected from |\n"
         "| published | when it was published (ISO 8601), empty when unknown |\n"
         "| language | the article's language when known, else empty |\n"
         "| words | whitespace-separated words of `text` |\n"
         "| path | a repository file's path, else empty |\n";
  card.Commit();
  return summary;
}

}  // namespace llmtwin::warehouse
