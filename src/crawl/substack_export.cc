// The Substack export reader (platform_export.h): posts.csv plus posts/<post_id>.html fragments.
#include <map>

#include "common/error.h"
#include "crawl/linkedin_export.h"  // ParseCsv
#include "crawl/platform_export.h"
#include "domain/url.h"
#include "extract/extractor.h"
#include "extract/text_util.h"

namespace llmtwin {
namespace {

struct SubstackRow {
  size_t line = 0;  // the row's number in posts.csv (the header is row 1)
  std::string post_id, post_date, type, audience, title, subtitle;
  bool published = false;
  bool seen = false;  // its HTML file was read
};

bool IsPostsCsv(std::string_view name) { return BaseName(name) == "posts.csv"; }
bool IsPostHtml(std::string_view name) {
  return name.ends_with(".html") && (DirName(name) == "posts" || DirName(name).ends_with("/posts"));
}

// "166303444.keep-your-data-safe" -> "keep-your-data-safe"
std::string Slug(std::string_view post_id) {
  const auto dot = post_id.find('.');
  return std::string(dot == std::string_view::npos ? post_id : post_id.substr(dot + 1));
}

// A title for a draft without one: its slug in words ("join-my-new-subscriber-chat" -> "Join my new subscriber chat").
std::string TitleFromSlug(std::string slug) {
  for (char& c : slug)
    if (c == '-') c = ' ';
  if (!slug.empty() && slug[0] >= 'a' && slug[0] <= 'z') slug[0] = static_cast<char>(slug[0] - 'a' + 'A');
  return slug;
}

std::map<std::string, SubstackRow> ParseRows(std::string_view csv, const std::string& where) {
  std::vector<std::vector<std::string>> rows;
  try {
    rows = ParseCsv(csv);
  } catch (const Error& e) {
    throw Error(ErrorKind::kInvalidInput, where + ": " + e.what());
  }
  if (rows.empty()) throw Error(ErrorKind::kInvalidInput, where + ": empty (expected a header row)");
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < rows[0].size(); ++i) column[std::string(text::Trim(rows[0][i]))] = i;
  for (const char* required : {"post_id", "post_date", "is_published"})
    if (!column.count(required))
      throw Error(ErrorKind::kInvalidInput, where + ": the header has no '" + required +
                                                "' column (not a Substack posts.csv: expected post_id, post_date, "
                                                "is_published, type, audience, title, subtitle)");
  auto get = [&](const std::vector<std::string>& row, const char* name) {
    const auto it = column.find(name);
    return it != column.end() && it->second < row.size() ? std::string(text::Trim(row[it->second])) : std::string();
  };
  std::map<std::string, SubstackRow> by_id;
  for (size_t r = 1; r < rows.size(); ++r) {
    SubstackRow row;
    row.line = r + 1;
    row.post_id = get(rows[r], "post_id");
    if (row.post_id.empty()) throw Error(ErrorKind::kInvalidInput, where + ": row " + std::to_string(row.line) + ": empty post_id");
    row.post_date = get(rows[r], "post_date");
    row.published = get(rows[r], "is_published") == "true";
    row.type = get(rows[r], "type");
    row.audience = get(rows[r], "audience");
    row.title = get(rows[r], "title");
    row.subtitle = get(rows[r], "subtitle");
    by_id[row.post_id] = std::move(row);
  }
  return by_id;
}

class SubstackExportReader : public ExportReader {
 public:
  std::string_view kind() const override { return "substack"; }

  void Read(const ExportArchive& archive, const ExportOptions& options, const ExportSink& sink) const override {
    std::string publication = options.publication_url;
    while (publication.ends_with('/')) publication.pop_back();
    if (!ParseHttpUrl(publication))
      throw Error(ErrorKind::kUsage, "a Substack export needs --publication-url (the publication's address, "
                                     "https://NAME.substack.com or its custom domain), got '" + options.publication_url + "'");
    // posts.csv first (the shallowest one: it is at the export's root), then the post files.
    RequireExportKind(archive, "substack", "no posts.csv");
    std::string csv_name;
    std::map<std::string, SubstackRow> rows;
    archive.ForEach(
        [&](std::string_view name) { return IsPostsCsv(name) && (csv_name.empty() || name.size() < csv_name.size()); },
        [&](std::string_view name, std::string_view bytes) {
          csv_name = std::string(name);
          rows = ParseRows(bytes, archive.Where(name));
        });

    auto link_of = [&](const SubstackRow& row) { return publication + "/p/" + Slug(row.post_id); };
    auto skip = [&](const SubstackRow& row) -> std::string {
      return !row.published && !options.include_drafts ? "draft" : "";
    };
    archive.ForEach([&](std::string_view name) { return IsPostHtml(name); },
                    [&](std::string_view name, std::string_view bytes) {
                      std::string id(BaseName(name));
                      id.resize(id.size() - 5);  // ".html"
                      ExportItem item;
                      item.entry = std::string(name);
                      const auto it = rows.find(id);
                      if (it == rows.end()) {
                        item.skip_reason = "no-row";  // a file posts.csv does not list
                        sink(item);
                        return;
                      }
                      SubstackRow& row = it->second;
                      row.seen = true;
                      item.link = link_of(row);
                      item.title = row.title.empty() ? TitleFromSlug(Slug(row.post_id)) : row.title;
                      item.skip_reason = skip(row);
                      if (item.skipped()) {
                        sink(item);
                        return;
                      }
                      std::string markdown(text::Trim(HtmlFragmentToMarkdown(bytes, item.link)));
                      if (markdown.empty()) {
                        item.skip_reason = row.type == "podcast" ? "podcast" : "empty";
                        sink(item);
                        return;
                      }
                      ArticleDocument doc;
                      doc.platform = "substack";
                      doc.link = item.link;
                      doc.content.title = item.title;
                      if (!row.subtitle.empty()) doc.content.subtitle = row.subtitle;
                      doc.content.content = std::move(markdown);
                      doc.meta.published_at = NormalizeDate(row.post_date);
                      doc.meta.source = "substack-export";
                      if (!row.audience.empty()) doc.extra["audience"] = row.audience;
                      // The export holds paid posts whole: not paywalled, and said so.
                      if (!row.audience.empty() && row.audience != "everyone") doc.extra["paid_post_whole"] = true;
                      if (!row.type.empty()) doc.extra["post_type"] = row.type;
                      doc.extra["substack_post_id"] = row.post_id;
                      if (row.title.empty()) doc.extra["title_from"] = "slug";
                      if (!row.published) doc.extra["draft"] = true;
                      doc.extra["extracted_from"] = "export";
                      item.article = std::move(doc);
                      sink(item);
                    });
    // Rows without a post file (Substack writes one per row; an older export may not).
    for (auto& [id, row] : rows) {
      if (row.seen) continue;
      ExportItem item;
      item.entry = csv_name + "#" + std::to_string(row.line) + " (" + id + ")";
      item.link = link_of(row);
      item.title = row.title;
      item.skip_reason = skip(row);
      if (!item.skipped()) item.skip_reason = "no-file";
      sink(item);
    }
  }
};

}  // namespace

std::unique_ptr<ExportReader> MakeSubstackExportReader() { return std::make_unique<SubstackExportReader>(); }

}  // namespace llmtwin
