// Readers of the data exports platforms give their authors: Medium's "Download your information"
// zip, Substack's Settings > Exports zip, X's "Download an archive", LinkedIn's "Get a copy of your
// data". Crawling reaches only part of an author's writing (bot walls, login walls, paywalls,
// drafts); the author's own export is the complete and polite copy.
//
// A reader turns an ExportArchive (zip or folder, export_archive.h) into ExportItems, one per post
// file, CSV row or tweet, each either a document (ArticleDocument or PostDocument, author fields
// left for the caller) or a skip with its reason. Readers know nothing of the warehouse: the
// pipeline (pipeline/import_exports.h) validates with a first Read and writes with a second, so an
// export that does not read is never half-imported and memory does not grow with its size.
//
// Every reader throws Error(kInvalidInput) naming the archive and the entry when the export is not
// of its kind ("not a Medium export: no posts/*.html"), or a file in it does not parse.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crawl/export_archive.h"
#include "domain/documents.h"

namespace llmtwin {

struct ExportOptions {
  bool include_drafts = false;  // Medium drafts, unpublished Substack rows
  bool skip_responses = false;  // Medium responses (stored as PostDocuments by default)
  bool skip_replies = false;    // X replies (kept by default)
  std::string publication_url;  // Substack: where the posts live (custom domains work)
  std::string handle;           // X: the account, when the archive does not name it (account.js)
};

// One entry of the pipeline config's `exports:` list, or one `llmtwin import` command.
struct ExportSpec {
  std::string kind;  // medium | substack | x | linkedin
  std::string path;  // the zip, its unpacked folder, or (LinkedIn) Shares.csv
  ExportOptions options;
};

// One post file, CSV row or tweet of an export and what it becomes.
struct ExportItem {
  std::string entry;        // "posts/a.html", "posts.csv#3 (166316212.set)", "data/tweets.js#1588091220244369409"
  std::string link;         // the document's link ("" for a skip without one)
  std::string skip_reason;  // "" for a document; else draft, response, reply, retweet, empty, podcast, no-link
  std::string title;        // for people (progress, run records): the title or the text's start
  std::optional<ArticleDocument> article;
  std::optional<PostDocument> post;

  bool skipped() const { return !skip_reason.empty(); }
};

using ExportSink = std::function<void(ExportItem& item)>;

class ExportReader {
 public:
  virtual ~ExportReader() = default;
  virtual std::string_view kind() const = 0;  // "medium", "substack", "x", "linkedin"
  // Reads every item of the export, in order, into `sink`. Throws Error(kInvalidInput) naming the
  // archive and the entry when the export is of another kind or an entry does not parse.
  virtual void Read(const ExportArchive& archive, const ExportOptions& options, const ExportSink& sink) const = 0;
};

// The kinds of export known: "medium", "substack", "x", "linkedin".
const std::vector<std::string>& ExportKinds();
// The kind ("medium", "substack", "x", "linkedin") a name or alias ("medium-export", "x-archive",
// "twitter", "linkedin-export") stands for; Error(kUsage) naming the known kinds otherwise.
std::string ExportKindOf(std::string_view kind);
// The reader for a kind (also "medium-export", "substack-export", "x-archive", "linkedin-export");
// Error(kUsage) naming the known kinds otherwise.
std::unique_ptr<ExportReader> MakeExportReader(std::string_view kind);

// The kind of export an archive holds, by its file names alone: "substack" (posts.csv), "x"
// (data/tweets.js), "linkedin" (Shares.csv), "medium" (posts/*.html), or "" when none.
std::string DetectExportKind(const ExportArchive& archive);
// Throws Error(kInvalidInput) "<archive>: not a <kind> export: <what is missing> (it looks like a
// Substack export)" unless the archive holds an export of `kind`.
void RequireExportKind(const ExportArchive& archive, std::string_view kind, std::string_view missing);

// ---- Medium ----------------------------------------------------------------------------------
// posts/*.html: <h1 class="p-name"> title, <section data-field="subtitle">, <section
// data-field="body"> (the title and subtitle Medium repeats at its top removed, section breaks
// kept as ---), <time class="dt-published">, <a class="p-canonical"> (the link). Drafts
// (draft_*.html, no date, no canonical link) are linked as https://medium.com/p/<id>.
// A response (a reply to another story, exported like a post) has no subtitle section and no title
// paragraph (graf--title) in its body: Medium's editor gives every story a title paragraph.
struct MediumPostFile {
  std::string id;             // hex post id ("9d023446a5ca"; 11 digits for some)
  std::string title;          // "" for an untitled draft
  std::optional<std::string> subtitle;
  std::string markdown;       // the body
  std::string published_at;   // ISO 8601 UTC, "" for drafts
  std::string canonical_url;  // "" for drafts
  std::string author;         // the byline ("" for drafts)
  bool draft = false;
  bool response = false;
};
// Throws Error(kInvalidInput) (message without the archive's name) when the file is not a Medium
// post page.
MediumPostFile ParseMediumPostFile(std::string_view html, std::string_view file_name);

// ---- Substack --------------------------------------------------------------------------------
// posts.csv (post_id, post_date, is_published, type, audience, title, subtitle, ...) and
// posts/<post_id>.html body fragments. Links are <publication_url>/p/<slug>.
// ---- X ---------------------------------------------------------------------------------------
// data/tweets.js and data/tweets-partN.js ("window.YTD.tweets.partN = [...]"); link
// https://x.com/<handle>/status/<id>; text HTML-unescaped, t.co links expanded, media links dropped
// (the first photo becomes the post's image).
// Tweet text as written: &lt; &gt; &amp; unescaped, t.co URLs replaced by their expanded_url
// (media URLs removed), trimmed.
std::string XTweetText(const nlohmann::json& tweet);

}  // namespace llmtwin
