// The X (Twitter) archive reader (platform_export.h): data/tweets.js and data/tweets-partN.js.
#include <nlohmann/json.hpp>

#include <regex>

#include "common/error.h"
#include "crawl/platform_export.h"
#include "extract/text_util.h"

namespace llmtwin {
namespace {

using nlohmann::json;

bool IsTweetsFile(std::string_view name) {
  static const std::regex kName(R"((^|/)data/tweets(-part[0-9]+)?\.js$)");
  return std::regex_search(name.begin(), name.end(), kName);
}
bool IsAccountFile(std::string_view name) { return name == "data/account.js" || name.ends_with("/data/account.js"); }

// "window.YTD.tweets.part0 = [ ... ]" -> the JSON after the '='.
json ParseYtd(std::string_view bytes, const std::string& where) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  const auto eq = bytes.find('=');
  const auto bracket = bytes.find_first_of("[{");
  if (!bytes.starts_with("window.YTD.") || eq == std::string_view::npos || bracket == std::string_view::npos || bracket < eq)
    throw Error(ErrorKind::kInvalidInput, where + ": not an X archive data file (expected \"window.YTD.<name>.partN = [...]\")");
  std::string_view body = bytes.substr(eq + 1);
  while (!body.empty() && (body.back() == ';' || std::isspace(static_cast<unsigned char>(body.back())))) body.remove_suffix(1);
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_array())
    throw Error(ErrorKind::kInvalidInput, where + ": the data is not a JSON array (truncated or edited file?)");
  return parsed;
}

std::string Str(const json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// "Thu Nov 03 08:50:26 +0000 2022" -> "2022-11-03T08:50:26Z"
std::string TwitterDate(const std::string& text) {
  static const std::regex kDate(R"(^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{2}) (\d{2}:\d{2}:\d{2}) \+0000 (\d{4})$)");
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::smatch m;
  if (!std::regex_match(text, m, kDate)) return {};
  for (int i = 0; i < 12; ++i) {
    if (m[1] != kMonths[i]) continue;
    const std::string month{static_cast<char>('0' + (i + 1) / 10), static_cast<char>('0' + (i + 1) % 10)};
    return m[4].str() + "-" + month + "-" + m[2].str() + "T" + m[3].str() + "Z";
  }
  return {};
}

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) text.replace(at, from.size(), to);
}

// The account's handle from the first own tweet with media: its media link is
// https://twitter.com/<handle>/status/<the tweet's id>/photo/1.
std::string HandleFromMedia(const json& tweets) {
  for (const json& entry : tweets) {
    const json& tweet = entry.contains("tweet") ? entry["tweet"] : entry;
    const std::string id = Str(tweet, "id_str");
    if (!tweet.contains("entities") || !tweet["entities"].contains("media")) continue;
    for (const json& media : tweet["entities"]["media"]) {
      static const std::regex kMedia(R"(^https://(?:twitter|x)\.com/([A-Za-z0-9_]{1,15})/status/(\d+)/)");
      std::smatch m;
      const std::string url = Str(media, "expanded_url");
      if (std::regex_search(url, m, kMedia) && m[2] == id) return m[1];
    }
  }
  return {};
}

class XArchiveReader : public ExportReader {
 public:
  std::string_view kind() const override { return "x"; }

  void Read(const ExportArchive& archive, const ExportOptions& options, const ExportSink& sink) const override {
    RequireExportKind(archive, "x", "no data/tweets.js");
    std::string handle = options.handle;
    while (handle.starts_with('@')) handle.erase(0, 1);
    archive.ForEach(
        [&](std::string_view name) { return handle.empty() && IsAccountFile(name); },
        [&](std::string_view name, std::string_view bytes) {
          const json account = ParseYtd(bytes, archive.Where(name));
          if (!account.empty() && account[0].contains("account")) handle = Str(account[0]["account"], "username");
        });
    archive.ForEach([&](std::string_view name) { return IsTweetsFile(name); },
                    [&](std::string_view name, std::string_view bytes) {
                      const json tweets = ParseYtd(bytes, archive.Where(name));
                      if (handle.empty()) handle = HandleFromMedia(tweets);
                      if (handle.empty())
                        throw Error(ErrorKind::kUsage, archive.Where(name) +
                                                           ": the archive does not name its account (no data/account.js): "
                                                           "give it with --handle");
                      for (const json& entry : tweets) Emit(archive, name, entry, handle, options, sink);
                    });
  }

 private:
  static void Emit(const ExportArchive& archive, std::string_view file, const json& entry, const std::string& handle,
                   const ExportOptions& options, const ExportSink& sink) {
    const json& tweet = entry.is_object() && entry.contains("tweet") ? entry["tweet"] : entry;
    const std::string id = tweet.is_object() ? Str(tweet, "id_str") : "";
    if (id.empty() || !tweet.contains("full_text"))
      throw Error(ErrorKind::kInvalidInput, archive.Where(file) + ": a tweet without id_str or full_text: " + tweet.dump().substr(0, 120));
    ExportItem item;
    item.entry = std::string(file) + "#" + id;
    item.link = "https://x.com/" + handle + "/status/" + id;
    const std::string raw = Str(tweet, "full_text");
    // A reply answers a tweet (in_reply_to_status_id). A tweet addressed to someone without one (it
    // opens with @name: in_reply_to_user_id alone) starts a conversation in the author's words: kept.
    const bool reply = !Str(tweet, "in_reply_to_status_id_str").empty() || !Str(tweet, "in_reply_to_status_id").empty();
    const bool addressed = reply || !Str(tweet, "in_reply_to_user_id").empty();
    const std::string text = XTweetText(tweet);
    item.title = text.substr(0, 80);
    if (raw.starts_with("RT @") || tweet.contains("retweeted_status")) item.skip_reason = "retweet";
    else if (reply && options.skip_replies) item.skip_reason = "reply";
    else if (text.empty()) item.skip_reason = "empty";
    if (item.skipped()) {
      sink(item);
      return;
    }
    PostDocument post;
    post.platform = "x";
    post.link = item.link;
    post.content.text = text;
    if (tweet.contains("extended_entities") && tweet["extended_entities"].contains("media")) {
      for (const json& media : tweet["extended_entities"]["media"]) {
        if (Str(media, "type") != "photo") continue;
        post.content.image = post.image = Str(media, "media_url_https");
        break;
      }
    }
    post.meta.published_at = TwitterDate(Str(tweet, "created_at"));
    post.meta.source = "x-archive";
    post.extra["tweet_id"] = id;
    if (const std::string lang = Str(tweet, "lang"); !lang.empty()) post.extra["lang"] = lang;
    if (addressed) {
      post.extra["in_reply_to"] = Str(tweet, "in_reply_to_screen_name");
      if (const std::string to = Str(tweet, "in_reply_to_status_id_str"); !to.empty()) post.extra["in_reply_to_status_id"] = to;
    }
    post.extra["extracted_from"] = "export";
    item.post = std::move(post);
    sink(item);
  }
};

}  // namespace

std::string XTweetText(const json& tweet) {
  std::string text = Str(tweet, "full_text");
  if (tweet.contains("entities")) {
    const json& entities = tweet["entities"];
    if (entities.contains("urls"))
      for (const json& url : entities["urls"]) ReplaceAll(text, Str(url, "url"), Str(url, "expanded_url"));
    if (entities.contains("media"))
      for (const json& media : entities["media"]) ReplaceAll(text, Str(media, "url"), "");
  }
  // X escapes exactly these three in full_text; &amp; last so "&amp;lt;" stays "&lt;".
  ReplaceAll(text, "&lt;", "<");
  ReplaceAll(text, "&gt;", ">");
  ReplaceAll(text, "&amp;", "&");
  return std::string(text::Trim(text));
}

std::unique_ptr<ExportReader> MakeXArchiveReader() { return std::make_unique<XArchiveReader>(); }

}  // namespace llmtwin
