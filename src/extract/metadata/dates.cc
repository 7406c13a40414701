#include "extract/metadata/dates.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>

#include "domain/url.h"
#include "extract/text_util.h"
#include "extract/metadata/json_ld.h"
#include "extract/metadata/names.h"

namespace llmtwin::metadata {

// Whether two normalised dates are one day read in the two numeric orders: "11.03.17" under an
// Engadget title is November 3 (month first), which the markup's "2017-11-03" settles.
bool SameDayWithMonthAndDaySwapped(std::string_view a, std::string_view b) {
  if (a.size() < 10 || b.size() < 10 || a.substr(0, 4) != b.substr(0, 4)) return false;
  return a.substr(5, 2) == b.substr(8, 2) && a.substr(8, 2) == b.substr(5, 2);
}

// The day a post's URL names, as "YYYY-MM-DD": "/2023/10/03/slug", "/blog/2023/october/03/slug"
// (year, month, day: URLs are written year first). "" when the path names no whole day.
std::string DateInUrl(std::string_view url) {
  const auto parsed = ParseUrl(url);
  if (!parsed) return {};
  const std::vector<std::string> segments = text::Split(parsed->path, '/');
  auto number = [](const std::string& s, int low, int high) {
    if (s.empty() || s.size() > 4 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return 0;
    const int value = std::stoi(s);
    return value >= low && value <= high ? value : 0;
  };
  for (size_t i = 0; i + 2 < segments.size(); ++i) {
    const int year = segments[i].size() == 4 ? number(segments[i], 1990, 2100) : 0;
    if (year == 0) continue;
    int month = segments[i + 1].size() <= 2 ? number(segments[i + 1], 1, 12) : 0;
    // A month's name or its first three letters ("october", "oct"; not "mayor").
    static constexpr std::string_view kMonthNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                                       "july",    "august",   "september", "october", "november", "december"};
    const std::string name = text::ToLower(segments[i + 1]);
    for (size_t m = 0; m < 12 && month == 0 && name.size() >= 3; ++m) {
      if (name == kMonthNames[m] || name == kMonthNames[m].substr(0, 3)) month = static_cast<int>(m) + 1;
    }
    const int day = segments[i + 2].size() <= 2 ? number(segments[i + 2], 1, 31) : 0;
    if (month == 0 || day == 0) continue;
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
  }
  return {};
}

// Words with a letter in them: "Dec 20, 2025 at 3:00 am" has three. Numbers and separators such
// as "·" do not make a text a sentence.
int LetterWords(std::string_view s) {
  int n = 0;
  bool counted = false;  // the current word has been counted
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      counted = false;
      continue;
    }
    // ASCII letters and the lead bytes of letters beyond ASCII (C2 xx and E2 xx are symbols and
    // punctuation: the no-break space, "·", dashes, bullets).
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC3 && c <= 0xDF) || c >= 0xE3;
    if (letter && !counted) {
      ++n;
      counted = true;
    }
  }
  return n;
}

// A text piece that is a date as pages show it ("July 18, 2025", "Published on 23.07.2025",
// "- Mar 27, 2024"), not a sentence that mentions one, and not an update date.
std::string DateFromPiece(std::string_view piece, bool allow_updated, bool day_first) {
  const std::string_view trimmed = text::Trim(piece);
  if (trimmed.size() < 6 || trimmed.size() > 48) return {};
  // With `allow_updated`, "Updated: October 23, 2025" and "Last updated on 10/31/2024" count.
  if (!allow_updated) {
    // English, and "aktualisiert", "mis à jour", "actualizado"/"atualizado", "aggiornato", "bijgewerkt".
    for (std::string_view update : {"updat", "modif", "edited", "revised", "aktualisiert", "mis \xC3\xA0 jour",
                                     "actualizado", "atualizado", "aggiornato", "bijgewerkt"}) {
      if (text::ContainsIgnoreCase(trimmed, update)) return {};
    }
  }
  if (LetterWords(trimmed) > 6) return {};
  int digits = 0;
  for (char c : trimmed) digits += c >= '0' && c <= '9';
  if (digits < 5) return {};  // a year and a day at least
  return NormalizeDate(trimmed, /*keep_offset=*/true, day_first);
}

// The first date shown just after (or just before) the title's <h1>: where bylines put it. The
// few text nodes right after the heading come first, then those right before it ("5 min read ·
// February 6, 2026" above the title), then further down: a list of other posts' dates may follow.
std::string VisibleDateNearTitle(const Evidence& ev, const std::string& title, bool allow_updated,
                                 int forward_budget, bool look_back, std::string* shown_text) {
  xmlNodePtr h1 = TitleHeading(ev, title);
  if (h1 == nullptr) return {};
  constexpr int kRightAfter = 12;
  std::string date;
  ForTextNodesAfter(h1, std::min(forward_budget, kRightAfter), [&](xmlNodePtr text_node) {
    date = DateFromPiece(AsChars(text_node->content), allow_updated, ev.day_first);
    if (!date.empty() && shown_text != nullptr) *shown_text = AsChars(text_node->content);
    return !date.empty();
  });
  if (!date.empty()) return date;
  // Backward: bylines above the heading (a few elements only).
  int budget = look_back ? 20 : 0;
  for (xmlNodePtr node = h1->prev != nullptr ? h1->prev : h1->parent; node != nullptr && budget > 0;
       node = node->prev != nullptr ? node->prev : node->parent) {
    if (node->type != XML_ELEMENT_NODE || node->children == nullptr) continue;
    const std::optional<std::string> short_text = ShortText(node);
    if (!short_text || short_text->size() > 200) break;
    --budget;
    date = DateFromPiece(*short_text, allow_updated, ev.day_first);
    if (!date.empty()) {
      if (shown_text != nullptr) *shown_text = *short_text;
      return date;
    }
  }
  if (forward_budget <= kRightAfter) return {};
  ForTextNodesAfter(h1, forward_budget, [&](xmlNodePtr text_node) {
    date = DateFromPiece(AsChars(text_node->content), allow_updated, ev.day_first);
    if (!date.empty() && shown_text != nullptr) *shown_text = AsChars(text_node->content);
    return !date.empty();
  });
  return date;
}

// The date a page says its article was first published on ("This article was originally
// published on 26 Sep 2019 at 4:12pm but has been regularly updated", "Originally published at
// example.com on May 3, 2020"): republished and cross-posted pages carry the later date in their
// markup. Only a whole date (with its day) within a few words of the phrase counts.
std::string OriginallyPublishedDate(const Evidence& ev) {
  for (xmlNodePtr text_node : ev.publishing_notes) {
    const std::string_view piece = AsChars(text_node->content);
    const std::string lower = text::ToLower(piece);
    for (std::string_view phrase : {"originally published", "first published"}) {
      const size_t at = lower.find(phrase);
      if (at == std::string::npos) continue;
      // The words after the phrase, up to the end of the sentence or 80 bytes.
      std::string_view rest = std::string_view(piece).substr(at + phrase.size(), 80);
      if (const size_t stop = rest.find_first_of(";!?"); stop != std::string_view::npos) rest = rest.substr(0, stop);
      // A day and a year, not "in April 2020 and was updated in April 2024".
      if (std::string found = NormalizeDayKeepingOffset(rest, ev.day_first); !found.empty()) return found;
    }
  }
  return {};
}

// A date the page shows with a label ("Posted on April 13, 2023", "Published: 03 Dec 2025") or
// beside the byline's name (an author card: "Luke Kim" then "December 17, 2025"), wherever they
// sit: for pages whose title is no <h1>, or whose byline is far from it. One pass over the text.
std::string DateByLabelOrByline(const HtmlDocument& document, const std::string& author, bool day_first) {
  static constexpr std::string_view kLabels[] = {"posted on", "published on", "published:", "posted:",
                                                 "date published", "publication date", "date:",
                                                 "ver\xC3\xB6" "ffentlicht am", "publi\xC3\xA9 le", "publicado el",
                                                 "publicado em", "pubblicato il", "gepubliceerd op"};
  const HtmlNode body = document.Body();
  if (!body) return {};
  int after_author = -1;                  // text nodes still to look at after the author's name
  std::array<xmlNodePtr, 4> before{};     // the last text nodes before the current one
  size_t seen = 0;
  std::string date;
  ForTextNodesIn(body.get(), 200000, [&](xmlNodePtr node) {
    const std::string_view piece = text::Trim(AsChars(node->content));
    for (std::string_view label : kLabels) {
      if (piece.size() > label.size() && text::StartsWithIgnoreCase(piece, label)) {
        date = DateFromPiece(piece.substr(label.size()), false, day_first);
        if (!date.empty()) return true;
      }
    }
    if (after_author > 0) {
      date = DateFromPiece(piece, false, day_first);
      if (!date.empty()) return true;
      --after_author;
    }
    if (after_author < 0 && author.size() >= 3 && piece.size() < 200 && piece.find(author) != std::string_view::npos) {
      after_author = 6;
      for (size_t k = 0; k < before.size() && k < seen; ++k) {
        date = DateFromPiece(AsChars(before[(seen - 1 - k) % before.size()]->content), false, day_first);
        if (!date.empty()) return true;
      }
    }
    before[seen++ % before.size()] = node;
    return false;
  });
  return date;
}

// Publication dates in a page's state scripts (Next.js, Contentful, WordPress REST payloads):
// `"publishedDate":"2019-08-16T..."` and its spellings. A plain scan (std::regex over every
// script cost more than the whole extraction).
std::string ScriptDate(const HtmlDocument& document) {
  static constexpr std::string_view kKeys[] = {"datePublished", "publishedDate", "publishDate", "published_at",
                                               "publishedAt", "publication_date", "firstPublishedAt", "date_published",
                                               "first_published_at", "publishedOn"};
  for (const HtmlNode& script : document.XPath("//script")) {
    const std::string body = script.RawText();
    for (std::string_view key : kKeys) {
      for (size_t at = body.find(key); at != std::string::npos; at = body.find(key, at + key.size())) {
        size_t i = at + key.size();
        while (i < body.size() && (body[i] == '"' || body[i] == '\'' || body[i] == '\\' || body[i] == ' ')) ++i;
        if (i >= body.size() || body[i] != ':') continue;
        ++i;
        while (i < body.size() && (body[i] == ' ' || body[i] == '"' || body[i] == '\'' || body[i] == '\\')) ++i;
        size_t end = i;
        while (end < body.size() && end - i < 40 &&
               (std::isdigit(static_cast<unsigned char>(body[end])) || std::strchr("-:T.+Z", body[end]) != nullptr)) {
          ++end;
        }
        if (end - i < 10) continue;
        const std::string date = NormalizeDateKeepingOffset(std::string_view(body).substr(i, end - i));
        if (!date.empty()) return date;
      }
    }
  }
  return {};
}


void ChoosePublished(const PageSources& sources) {
  const HtmlDocument& document = sources.document;
  Evidence& ev = sources.ev;
  PageMetadata& meta = sources.meta;
  const nlohmann::json& ld = sources.ld;
  std::vector<std::string> published_sources = {JsonString(ld, "datePublished"), JsonString(ld, "dateCreated")};
  for (std::string_view key : {"article:published_time", "og:published_time", "article:published", "published_time",
                               "datepublished", "date", "dc.date.issued", "dc.date", "dcterms.date", "dcterms.created",
                               "pubdate", "publish-date", "publish_date", "publication_date", "sailthru.date",
                               "parsely-pub-date", "citation_publication_date", "article.published", "published",
                               "article:published_date", "date.published", "post_date"}) {
    published_sources.push_back(meta.Meta(key));
  }
  // Other spellings ("published-date", "og:publish_date", "pdate"); names that say "date" before
  // those that say "time" ("published-time" on one page was its build time).
  for (const bool want_date : {true, false}) {
    for (const auto& [name, value] : meta.meta) {
      const bool publish = name.find("publish") != std::string::npos && name.find("publisher") == std::string::npos;
      const bool date = name.find("date") != std::string::npos;
      if ((publish && date == want_date) ||
          (want_date && (name == "pdate" || name == "date-pub" || name == "displaydate" || name == "citation_date"))) {
        published_sources.push_back(value);
      }
    }
  }
  published_sources.push_back(ev.pubdate_time);
  for (const auto& value : ev.time_datetimes) published_sources.push_back(value);
  // A date class used three times or more dates a list of other posts ("related", "latest"); a
  // shown month without its day ("February 2025") is an archive heading.
  for (const auto& shown : ev.visible_dates) {
    const auto digits = std::count_if(shown.text.begin(), shown.text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (ev.date_class_uses[shown.class_and_id] < 3 && digits >= 5) published_sources.push_back(shown.text);
  }
  for (const std::string& source : published_sources) {
    if (source.empty()) continue;
    meta.published = NormalizeDate(source, /*keep_offset=*/true, ev.day_first);
    if (!meta.published.empty()) break;
  }
  // JSON-LD whose datePublished is its dateModified to the second was stamped at the last save;
  // the day the page marks as its publication (<time pubdate>, itemprop=datePublished) is the
  // publication when it is earlier.
  if (!meta.published.empty() && !ev.pubdate_time.empty() &&
      NormalizeDate(JsonString(ld, "dateModified"), /*keep_offset=*/true, ev.day_first) == meta.published) {
    if (const std::string marked = NormalizeDate(ev.pubdate_time, /*keep_offset=*/true, ev.day_first);
        !marked.empty() && marked.compare(0, 10, meta.published, 0, 10) < 0) {
      meta.published = marked;
    }
  }
  // Costlier fallbacks, only when the page's markup says nothing.
  if (meta.published.empty()) {
    meta.published = VisibleDateNearTitle(ev, meta.title);
  } else if (std::string shown_text, shown = VisibleDateNearTitle(ev, meta.title, false, 12, true, &shown_text);
             !shown.empty() && shown.compare(0, 10, meta.published, 0, 10) < 0 &&
             !(MonthAndDayOrderGuessed(shown_text) && SameDayWithMonthAndDaySwapped(shown, meta.published))) {
    // The byline right by the title (under it, or just above it) shows an earlier day than the
    // markup claims: themes stamp markup with the build, crawl or update time, never with a day
    // before the post existed, and a UTC stamp just after midnight is the day before where the
    // author lives. (A later shown day is usually an update, and the markup is kept.)
    meta.published = shown;
  }
  if (const std::string original = OriginallyPublishedDate(ev);
      !original.empty() && (meta.published.empty() || original.compare(0, 10, meta.published, 0, 10) < 0)) {
    meta.published = original;
  }
  if (meta.published.empty()) meta.published = ScriptDate(document);
  if (meta.published.empty()) {
    meta.published = DateByLabelOrByline(document, meta.authors.empty() ? "" : meta.authors.front(), ev.day_first);
  }
  // The day in the post's URL: it settles a numeric date read in the wrong order ("03/10/2023" on a
  // British page whose URL says /2023/october/03/), and dates a page that shows none.
  if (const std::string url_day = DateInUrl(document.url()); !url_day.empty()) {
    if (SameDayWithMonthAndDaySwapped(meta.published, url_day)) {
      std::swap_ranges(meta.published.begin() + 5, meta.published.begin() + 7, meta.published.begin() + 8);
    } else if (meta.published.empty()) {
      meta.published = url_day + "T00:00:00Z";
    }
  }
  // A page that shows only when it was updated states no other date: that one is the best known.
  if (meta.published.empty()) meta.published = VisibleDateNearTitle(ev, meta.title, /*allow_updated=*/true);

}

void ChooseModified(const PageSources& sources) {
  Evidence& ev = sources.ev;
  PageMetadata& meta = sources.meta;
  const nlohmann::json& ld = sources.ld;
  for (const std::string& source : {JsonString(ld, "dateModified"), meta.Meta("article:modified_time"),
                                    meta.Meta("og:updated_time"), meta.Meta("article:modified"),
                                    meta.Meta("last-modified"), meta.Meta("dcterms.modified"), ev.itemprop_modified}) {
    if (source.empty()) continue;
    meta.modified = NormalizeDate(source, /*keep_offset=*/true, ev.day_first);
    if (!meta.modified.empty()) break;
  }
}

}  // namespace llmtwin::metadata
