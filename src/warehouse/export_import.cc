#include "warehouse/export_import.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "common/error.h"
#include "warehouse/json_array_reader.h"

namespace llmtwin::warehouse {
namespace {

constexpr std::size_t kBatchSize = 500;

void AppendPythonString(std::string& out, const std::string& text) {
  static constexpr char kHex[] = "0123456789abcdef";
  auto escape_unit = [&](unsigned unit) {
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(unit >> shift) & 0xF];
  };
  out += '"';
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
          if (c < 0x20 || c == 0x7F) {
            if (c == 0x7F) out += static_cast<char>(c);  // Python leaves DEL as is
            else escape_unit(c);
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    // Decode one UTF-8 sequence (nlohmann only holds valid UTF-8) and escape it like Python.
    unsigned code = 0;
    int length = 0;
    if ((c & 0xE0) == 0xC0) code = c & 0x1F, length = 2;
    else if ((c & 0xF0) == 0xE0) code = c & 0x0F, length = 3;
    else code = c & 0x07, length = 4;
    for (int k = 1; k < length && i + k < text.size(); ++k) code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    i += static_cast<size_t>(length);
    if (code >= 0x10000) {
      code -= 0x10000;
      escape_unit(0xD800 + (code >> 10));
      escape_unit(0xDC00 + (code & 0x3FF));
    } else {
      escape_unit(code);
    }
  }
  out += '"';
}

void AppendPython(std::string& out, const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.items()) {
        if (!first) out += ", ";
        first = false;
        AppendPythonString(out, key);
        out += ": ";
        AppendPython(out, item);
      }
      out += '}';
      break;
    }
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (const auto& item : value) {
        if (!first) out += ", ";
        first = false;
        AppendPython(out, item);
      }
      out += ']';
      break;
    }
    case Json::value_t::string: AppendPythonString(out, value.get_ref<const std::string&>()); break;
    case Json::value_t::null: out += "null"; break;
    default: out += value.dump(); break;  // numbers and booleans are spelled the same
  }
}

void Validate(DocumentClass cls, const Json& document) {
  switch (cls) {
    case DocumentClass::kUser: UserDocument::FromJson(document); break;
    case DocumentClass::kArticle: ArticleDocument::FromJson(document); break;
    case DocumentClass::kPost: PostDocument::FromJson(document); break;
    case DocumentClass::kRepository: RepositoryDocument::FromJson(document); break;
  }
}

// Reads every document of the whole warehouse collection in pages, calling `emit` for each.
template <class Fn>
std::size_t ForEachDocument(Warehouse& warehouse, DocumentClass cls, Fn emit) {
  std::size_t n = 0;
  for (std::size_t skip = 0;; skip += kBatchSize) {
    const auto page = warehouse.FindDocuments(cls, Query().Skip(skip).Limit(kBatchSize));
    for (const auto& document : page) emit(document), ++n;
    if (page.size() < kBatchSize) break;
  }
  return n;
}

class OutputFile {
 public:
  explicit OutputFile(std::filesystem::path path) : path_(std::move(path)), tmp_(path_.string() + ".tmp") {
    out_.open(tmp_, std::ios::binary | std::ios::trunc);
    if (!out_) throw Error(ErrorKind::kIo, "cannot write " + tmp_.string());
  }
  ~OutputFile() {
    if (!committed_) {
      out_.close();
      std::error_code ec;
      std::filesystem::remove(tmp_, ec);
    }
  }
  std::ofstream& stream() { return out_; }
  // The file appears complete or not at all: written to PATH.tmp, renamed when done.
  void Commit() {
    out_.close();
    if (!out_) throw Error(ErrorKind::kIo, "cannot write " + tmp_.string());
    std::error_code ec;
    std::filesystem::rename(tmp_, path_, ec);
    if (ec) throw Error(ErrorKind::kIo, "cannot rename " + tmp_.string() + ": " + ec.message());
    committed_ = true;
  }

 private:
  std::filesystem::path path_;
  std::filesystem::path tmp_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace

ExportFormat ParseExportFormat(std::string_view name) {
  if (name == "book") return ExportFormat::kBook;
  if (name == "jsonl") return ExportFormat::kJsonl;
  throw Error(ErrorKind::kUsage, "unknown export format '" + std::string(name) + "' (use book or jsonl)");
}

std::string DumpPythonStyle(const Json& value) {
  std::string out;
  AppendPython(out, value);
  return out;
}

std::map<DocumentClass, std::size_t> ExportWarehouse(Warehouse& warehouse, const std::string& dir, ExportFormat format) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error(ErrorKind::kIo, "cannot create " + dir + ": " + ec.message());
  std::map<DocumentClass, std::size_t> counts;
  for (DocumentClass cls : kAllDocumentClasses) {
    const std::filesystem::path path =
        std::filesystem::path(dir) /
        (format == ExportFormat::kBook ? std::string(ClassName(cls)) + ".json" : std::string(CollectionName(cls)) + ".jsonl");
    OutputFile file(path);
    auto& out = file.stream();
    std::string line;
    if (format == ExportFormat::kBook) {
      out << '[';
      bool first = true;
      counts[cls] = ForEachDocument(warehouse, cls, [&](const Json& document) {
        line.clear();
        if (!first) line += ", ";
        first = false;
        AppendPython(line, document);
        out << line;
      });
      out << ']';
    } else {
      counts[cls] = ForEachDocument(warehouse, cls, [&](const Json& document) { out << document.dump() << '\n'; });
    }
    file.Commit();
  }
  return counts;
}

std::map<DocumentClass, ImportFileResult> ImportWarehouse(Warehouse& warehouse, const std::string& dir) {
  if (!std::filesystem::is_directory(dir)) throw Error(ErrorKind::kIo, "import: " + dir + " is not a folder");
  std::map<DocumentClass, ImportFileResult> results;
  std::map<DocumentClass, JsonArrayReader::Format> formats;
  // Pass 1, over every file before anything is written: validate, hold nothing. A malformed
  // ArticleDocument.json must not leave the users of UserDocument.json imported.
  for (DocumentClass cls : kAllDocumentClasses) {
    ImportFileResult& result = results[cls];
    const auto book = std::filesystem::path(dir) / (std::string(ClassName(cls)) + ".json");
    const auto lines = std::filesystem::path(dir) / (std::string(CollectionName(cls)) + ".jsonl");
    JsonArrayReader::Format format = JsonArrayReader::Format::kArray;
    if (std::filesystem::exists(book)) {
      result.file = book.string();
    } else if (std::filesystem::exists(lines)) {
      result.file = lines.string();
      format = JsonArrayReader::Format::kLines;
    } else {
      continue;
    }
    formats[cls] = format;
    JsonArrayReader reader(result.file, format);
    Json document;
    while (reader.Next(document)) {
      try {
        Validate(cls, document);
      } catch (const Error& e) {
        throw Error(ErrorKind::kInvalidInput,
                    result.file + ": element " + std::to_string(reader.count() - 1) + ": " + e.what());
      }
    }
    result.read = reader.count();
  }
  bool any = false;
  for (const auto& [cls, result] : results) any = any || !result.file.empty();
  if (!any)
    throw Error(ErrorKind::kIo, "import: " + dir + " has none of UserDocument.json, ArticleDocument.json, "
                                    "PostDocument.json, RepositoryDocument.json (or users.jsonl, ...)");
  // Pass 2: write in batches (one transaction per file on SQLite).
  for (auto& [cls, result] : results) {
    if (result.file.empty()) continue;
    JsonArrayReader reader(result.file, formats.at(cls));
    try {
      result.counts = warehouse.ReplaceAllJson(CollectionName(cls), [&](std::vector<Json>& batch) {
        Json document;
        while (batch.size() < kBatchSize && reader.Next(document)) batch.push_back(std::move(document));
        return batch.size() == kBatchSize;
      });
    } catch (const DuplicateKeyError& e) {
      throw Error(ErrorKind::kInvalidInput, result.file + ": " + e.what());
    }
  }
  return results;
}

}  // namespace llmtwin::warehouse
