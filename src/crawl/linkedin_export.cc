#include "crawl/linkedin_export.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include <fstream>
#include <sstream>

#include "common/error.h"
#include "crawl/platform_export.h"
#include "extract/extractor.h"

namespace llmtwin {
namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string Trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  return std::string(text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1));
}

}  // namespace

std::vector<std::vector<std::string>> ParseCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  bool field_started = false;  // something (even "") was read for the current field
  size_t line = 1, quote_line = 0;
  auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    if (field_started || !row.empty()) end_field();
    if (!row.empty()) rows.push_back(std::move(row));
    row.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    switch (c) {
      case '"':
        quoted = true;
        quote_line = line;
        field_started = true;
        break;
      case ',': end_field(); field_started = true; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') break;  // CRLF: the LF ends the row
        [[fallthrough]];
      case '\n':
        ++line;
        end_row();
        break;
      default:
        field += c;
        field_started = true;
    }
  }
  if (quoted) throw Error(ErrorKind::kInvalidInput, "CSV: a quoted field opened on line " + std::to_string(quote_line) + " is never closed");
  end_row();
  return rows;
}

std::vector<LinkedInShare> ParseLinkedInShares(std::string_view csv_text) {
  const auto rows = ParseCsv(csv_text);
  if (rows.empty()) throw Error(ErrorKind::kInvalidInput, "Shares.csv: the file is empty (expected a header row)");
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < rows[0].size(); ++i) column[Lower(Trim(rows[0][i]))] = i;
  auto index_of = [&](const char* name, bool required) -> std::optional<size_t> {
    const auto it = column.find(Lower(name));
    if (it != column.end()) return it->second;
    if (required)
      throw Error(ErrorKind::kInvalidInput, std::string("Shares.csv: the header has no '") + name +
                                                "' column (expected Date, ShareLink, ShareCommentary, SharedUrl, MediaUrl, Visibility)");
    return std::nullopt;
  };
  const auto date = index_of("Date", true), link = index_of("ShareLink", true), text = index_of("ShareCommentary", true);
  const auto shared = index_of("SharedUrl", false), media = index_of("MediaUrl", false), visibility = index_of("Visibility", false);
  auto get = [](const std::vector<std::string>& row, std::optional<size_t> i) {
    return i && *i < row.size() ? row[*i] : std::string();
  };
  std::vector<LinkedInShare> shares;
  for (size_t r = 1; r < rows.size(); ++r) {
    LinkedInShare share{Trim(get(rows[r], date)), Trim(get(rows[r], link)), get(rows[r], text),
                        Trim(get(rows[r], shared)), Trim(get(rows[r], media)), Trim(get(rows[r], visibility))};
    // Exports wrap the text in quotes and sometimes pad it; keep inner line breaks, trim the ends.
    share.commentary = Trim(share.commentary);
    // Line ends inside a quoted field are the exporting system's (CRLF on Windows-made files).
    for (size_t at; (at = share.commentary.find("\r\n")) != std::string::npos;) share.commentary.erase(at, 1);
    if (share.share_link.empty() && share.commentary.empty()) continue;
    shares.push_back(std::move(share));
  }
  return shares;
}

namespace {

bool IsSharesCsv(std::string_view name) { return BaseName(name) == "Shares.csv"; }

// The LinkedIn reader (platform_export.h): Shares.csv given alone, or inside the export's zip or
// folder. A share without text (a repost without a comment) or without a link is skipped.
class LinkedInExportReader : public ExportReader {
 public:
  std::string_view kind() const override { return "linkedin"; }

  void Read(const ExportArchive& archive, const ExportOptions&, const ExportSink& sink) const override {
    if (!archive.is_folder() && archive.path().extension() == ".csv") {
      std::ifstream in(archive.path(), std::ios::binary);
      if (!in) throw Error(ErrorKind::kInvalidInput, archive.Where("") + ": cannot open the file");
      std::ostringstream bytes;
      bytes << in.rdbuf();
      ReadShares(archive.Where(""), archive.path().filename().string(), bytes.str(), sink);
      return;
    }
    RequireExportKind(archive, "linkedin", "no Shares.csv");
    std::string found;
    archive.ForEach(
        [&](std::string_view name) { return IsSharesCsv(name) && found.empty(); },
        [&](std::string_view name, std::string_view bytes) {
          found = std::string(name);
          ReadShares(archive.Where(name), found, bytes, sink);
        });
  }

 private:
  static void ReadShares(const std::string& where, const std::string& entry, std::string_view csv, const ExportSink& sink) {
    std::vector<LinkedInShare> shares;
    try {
      shares = ParseLinkedInShares(csv);
    } catch (const Error& e) {
      throw Error(ErrorKind::kInvalidInput, where + ": " + e.what());
    }
    size_t row = 1;
    for (const LinkedInShare& share : shares) {
      ++row;
      ExportItem item;
      item.entry = entry + "#" + std::to_string(row);
      item.link = share.share_link;
      item.title = share.commentary.substr(0, 80);
      if (share.commentary.empty()) item.skip_reason = "empty";
      else if (share.share_link.empty()) item.skip_reason = "no-link";
      if (!item.skipped()) {
        PostDocument post;
        post.platform = "linkedin";
        post.link = share.share_link;
        post.content.text = share.commentary;
        if (!share.media_url.empty()) post.content.image = post.image = share.media_url;
        post.meta.published_at = NormalizeDate(share.date);
        post.meta.source = "linkedin-export";
        if (!share.shared_url.empty()) post.extra["shared_url"] = share.shared_url;
        if (!share.visibility.empty()) post.extra["visibility"] = share.visibility;
        item.post = std::move(post);
      }
      sink(item);
    }
  }
};

}  // namespace

std::unique_ptr<ExportReader> MakeLinkedInExportReader() { return std::make_unique<LinkedInExportReader>(); }

}  // namespace llmtwin
