#include "extract/metadata/titles.h"

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
#include "extract/metadata.h"

namespace llmtwin::metadata {

// The part after the last " | " of a <title> ("Post | Colin Watson's blog" -> "Colin Watson's blog").
std::string SiteSuffix(std::string_view title) {
  const size_t at = title.rfind(" | ");
  return at == std::string_view::npos ? std::string() : std::string(text::Trim(title.substr(at + 3)));
}

// Whether `damaged` is `intact` with some characters replaced by "?" (each "?" standing for one
// to four bytes: a UTF-8 character, or an apostrophe and a letter), and at least one such "?"
// stands where `intact` has no "?".
bool MatchesWithLostCharacters(std::string_view damaged, std::string_view intact) {
  // Backtracking is bounded: each "?" tries at most five lengths, and six of them at most.
  if (damaged.size() > 300 || intact.size() > 300 || std::count(damaged.begin(), damaged.end(), '?') > 6) return false;
  std::function<bool(size_t, size_t, bool)> match = [&](size_t d, size_t i, bool lost) -> bool {
    while (d < damaged.size() && damaged[d] != '?') {
      if (i >= intact.size() || damaged[d] != intact[i]) return false;
      ++d, ++i;
    }
    if (d == damaged.size()) return i == intact.size() && lost;
    if (i < intact.size() && intact[i] == '?' && match(d + 1, i + 1, lost)) return true;
    for (size_t n = 1; n <= 4 && i + n <= intact.size(); ++n) {
      if (match(d + 1, i + n, true)) return true;
    }
    return false;
  };
  return match(0, 0, false);
}


void ChooseTitle(const PageSources& sources) {
  const HtmlDocument& document = sources.document;
  Evidence& ev = sources.ev;
  PageMetadata& meta = sources.meta;
  const nlohmann::json& ld = sources.ld;
  const nlohmann::json* article = sources.article;
  // Candidates, then prefer the visible <h1> when it is one of them undecorated.
  std::string ld_title = DecodeEntities(JsonString(ld, "headline"));
  if (ld_title.empty() && article != nullptr) ld_title = DecodeEntities(JsonString(ld, "name"));
  const std::string og_title = DecodeEntities(sources.FirstMeta({"og:title", "twitter:title", "dc.title", "dcterms.title", "parsely-title",
                                           "sailthru.title"}));
  // The site's name as a heading: equal to og:site_name, a host name ("davidbau.com"), or the
  // part of the <title> before a colon when og:title is the rest ("Engora Data Blog: Small
  // adventures with small language models"). It is a logo, and no part of the title.
  const auto is_site_heading = [&](const std::string& h1) {
    if (!meta.site_name.empty() && NormForCompare(h1) == NormForCompare(meta.site_name)) return true;
    if (h1.find(' ') == std::string::npos && h1.find('.') != std::string::npos && document.url().find(h1) != std::string::npos) {
      return true;
    }
    const std::string tag = text::CollapseWhitespace(ev.title_tag);
    // The site's name in the header, which the <title> carries after the post's own title
    // ("Evolve: Shared Mutable History — evolve extension for Mercurial").
    for (std::string_view separator : {" | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: ", " \xC2\xB7 "}) {
      const size_t at = tag.rfind(separator);
      if (at != std::string::npos && at > 0 && NormForCompare(tag.substr(at + separator.size())) == NormForCompare(h1)) {
        return true;
      }
    }
    // "<h1>: <og:title>" as the <title>.
    if (h1.empty() || tag.size() <= h1.size() + 2 || tag.compare(0, h1.size(), h1) != 0) return false;
    const std::string_view rest = std::string_view(tag).substr(h1.size());
    return rest.front() == ':' && !og_title.empty() && NormForCompare(rest.substr(1)) == NormForCompare(og_title);
  };
  std::string tag_title_raw = text::CollapseWhitespace(ev.title_tag);
  for (const std::string& h1 : ev.h1s) {
    if (h1.empty() || !is_site_heading(h1) || tag_title_raw.compare(0, h1.size(), h1) != 0) continue;
    // "davidbau.com Vibe Coding", "Engora Data Blog: Small adventures ...": the site goes.
    std::string_view rest = text::Trim(std::string_view(tag_title_raw).substr(h1.size()));
    while (!rest.empty() && std::string_view(":|-").find(rest.front()) != std::string_view::npos) rest = text::Trim(rest.substr(1));
    if (text::CountWords(rest) >= 2) tag_title_raw = std::string(rest);
    break;
  }
  // A title cut short with an ellipsis ("Wedding Planning Checklists Wedding Timeline…") is no
  // candidate while another source has it whole.
  const auto truncated = [](std::string_view title) {
    title = text::Trim(title);
    return title.ends_with("\xE2\x80\xA6") || title.ends_with("...");
  };
  std::string tag_title = CleanTitle(tag_title_raw, meta.site_name);
  if (truncated(tag_title)) tag_title.clear();
  std::vector<std::string> candidates;
  for (const std::string& candidate : {ld_title, og_title}) {
    if (!text::Trim(candidate).empty() && !truncated(candidate)) candidates.push_back(CleanTitle(candidate, meta.site_name));
  }
  // A headline cut to a length limit without an ellipsis (schema.org tools once capped it at 110
  // characters: "... Solutions (Including") is the start of another source's title, cut inside it.
  const auto cut_short = [&](const std::string& title) {
    for (const std::string& other : {og_title, tag_title}) {
      const std::string whole = CleanTitle(other, meta.site_name);
      if (title.size() < 60 || whole.size() <= title.size() + 2 || whole.compare(0, title.size(), title) != 0) continue;
      const std::string_view rest = text::Trim(std::string_view(whole).substr(title.size()));
      const bool separator = std::string_view("|-:(\xC2\xB7").find(rest.front()) != std::string_view::npos ||
                             rest.starts_with("\xE2\x80\x93") || rest.starts_with("\xE2\x80\x94");
      // Cut inside a word, or before more words that are no site suffix.
      if (!separator && (whole[title.size()] != ' ' || text::CountWords(rest) >= 1)) return true;
    }
    return false;
  };
  std::erase_if(candidates, cut_short);
  // The visible <h1> is what a reader calls the title; meta titles are often SEO variants of it
  // ("Top 10 Trends to Watch" on the page, "Trends For 2026 | Site" in og:title). An <h1> that
  // shares most of its words with a meta title is the article's heading, not a logo or a section.
  std::vector<std::string> reference = candidates;
  if (!tag_title.empty()) reference.push_back(tag_title);
  std::string h1_title;
  double best_overlap = 0;
  for (const std::string& h1 : ev.h1s) {
    const int words = text::CountWords(h1);
    if (words == 0 || words > 40) continue;
    if (is_site_heading(h1)) continue;
    for (const std::string& candidate : reference) {
      const double overlap = WordOverlap(h1, candidate);
      if (overlap > best_overlap) {
        best_overlap = overlap;
        h1_title = h1;
      }
    }
  }
  if (best_overlap < kTitleOverlap) h1_title.clear();
  // The page's only <h1>, written as a headline (six words or more, not in capitals), is the
  // title even when the meta titles are SEO rewrites sharing few of its words ("Top 10: Best
  // Language Learning App (tested by experts)" on the page, "Best Apps to Learn a Language in
  // 2025" in og:title). Short headings are labels and logos ("M&A Updates", "Yoga Pathways").
  if (h1_title.empty() && ev.h1s.size() == 1) {
    const std::string& only = ev.h1s.front();
    const int words = text::CountWords(only);
    // (Not a lead-in: "A message from John Furrier, co-founder of SiliconANGLE:".)
    const bool lead_in = text::Trim(only).ends_with(":");
    if (words >= 6 && words <= 40 && !IsAllCaps(only) && !lead_in && !is_site_heading(only)) h1_title = only;
  }
  // An <h1> that wraps a meta title with extras ("Dec 18 2025 <title>", "<title> Posted on ... by
  // ...", "<title> – Site") is decorated: the meta title is the clean form.
  if (!h1_title.empty()) {
    for (const std::string& candidate : reference) {
      const std::string clean(text::Trim(candidate));
      const size_t at = clean.size() >= 12 ? h1_title.find(clean) : std::string::npos;
      if (at == std::string::npos || clean.size() >= h1_title.size()) continue;
      const std::string extra = h1_title.substr(0, at) + " " + h1_title.substr(at + clean.size());
      const std::string_view trimmed = text::Trim(extra);
      bool separator = !trimmed.empty() && (std::string_view("|-:\xC2\xB7").find(trimmed.front()) != std::string_view::npos ||
                                            text::StartsWithIgnoreCase(trimmed, "\xE2\x80\x93") ||
                                            text::StartsWithIgnoreCase(trimmed, "\xE2\x80\x94"));
      // After a colon or a dash, three words or more that are not the site's name are the
      // heading's subtitle ("Big Data Analytics in Retail: Enhancing Customer Insights ..."), part
      // of the title; "| Opinion", "– Artlyst" and "— Strength Training" are labels.
      if (separator && at == 0 && trimmed.front() != '|' && !trimmed.starts_with("\xC2\xB7")) {
        const std::string_view rest = text::Trim(trimmed.substr(trimmed.front() == ':' || trimmed.front() == '-' ? 1 : 3));
        const bool site = !meta.site_name.empty() && text::ContainsIgnoreCase(meta.site_name, text::ToLower(rest));
        if (text::CountWords(rest) >= 3 && !site) separator = false;
      }
      const bool byline = text::ContainsIgnoreCase(trimmed, "posted") || text::ContainsIgnoreCase(trimmed, " by ");
      // A section label before the title: "Blog: <title>", "Title:<title>".
      const bool label = at > 0 && trimmed.back() == ':' && text::CountWords(trimmed) <= 2;
      if (separator || byline || label || !NormalizeDate(trimmed).empty()) {
        h1_title = clean;
        break;
      }
    }
  }
  // An <h1> whose characters beyond ASCII were lost to "?" on the way ("Event Planning? Beginner?
  // Guide") is a damaged copy of the meta title that matches it with each "?" standing for a
  // character or two.
  if (h1_title.find('?') != std::string::npos) {
    for (const std::string& candidate : reference) {
      if (MatchesWithLostCharacters(h1_title, candidate)) {
        h1_title = candidate;
        break;
      }
    }
  }
  // An <h1> in capitals is styled text; the meta title closest to it has the author's case
  // ("BEST DRIP COFFEE MAKER IN 2026: ..." on the page, "Best Drip Coffee Maker 2026: ..." in og:title).
  if (!h1_title.empty() && IsAllCaps(h1_title)) {
    double closest = kTitleOverlap;
    const std::string heading = h1_title;
    for (const std::string& candidate : reference) {
      if (const double overlap = WordOverlap(heading, candidate); overlap >= closest && !IsAllCaps(candidate)) {
        closest = overlap;
        h1_title = candidate;
      }
    }
  }
  if (!h1_title.empty()) {
    meta.title = h1_title;
  } else if (!candidates.empty()) {
    meta.title = candidates.front();
  } else if (!tag_title.empty()) {
    meta.title = tag_title;
  } else if (ev.h1s.size() == 1) {
    meta.title = ev.h1s.front();
  }
  meta.title = text::RepairDoubleEncodedUtf8(text::CollapseWhitespace(meta.title));

}

}  // namespace llmtwin::metadata

namespace llmtwin {

std::string CleanTitle(std::string_view raw_title, std::string_view site_name) {
  std::string title = text::CollapseWhitespace(raw_title);
  static constexpr std::string_view kSeparators[] = {" | ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " :: ", " \xC2\xBB ",
                                                      " / ", " \xC2\xB7 ", " \xE2\x80\xA2 "};
  const std::string site_key = metadata::NormForCompare(site_name);
  // "Post | Section | Site": with two or more " | ", what follows the first is the site's trail.
  if (const size_t first = title.find(" | "); first != std::string::npos && first > 0 &&
                                              title.find(" | ", first + 3) != std::string::npos &&
                                              text::CountWords(title.substr(0, first)) >= 3) {
    return CleanTitle(title.substr(0, first), site_name);
  }
  // " - by Author" (Substack) and "by Author | Medium" suffixes.
  for (std::string_view separator : kSeparators) {
    const size_t at = title.rfind(separator);
    if (at == std::string::npos || at == 0) continue;
    const std::string before = title.substr(0, at);
    const std::string after = title.substr(at + separator.size());
    const std::string after_key = metadata::NormForCompare(after);
    const std::string before_key = metadata::NormForCompare(before);
    const bool after_is_site = !site_key.empty() && (after_key == site_key || site_key.find(after_key) == 0 ||
                                                     after_key.find(site_key) != std::string::npos);
    const bool before_is_site = !site_key.empty() && before_key == site_key;
    if (after_is_site || text::StartsWithIgnoreCase(after, "by ")) {
      return CleanTitle(before, site_name);
    }
    if (before_is_site) return std::string(text::Trim(after));
    // Without a known site name: a short last part after a "|" is a site name.
    if ((separator == " | " || separator == " \xC2\xBB " || separator == " :: ") && text::CountWords(after) <= 4 &&
        text::CountWords(before) >= 2) {
      return CleanTitle(before, site_name);
    }
    if ((separator == " - " || separator == " \xE2\x80\x94 " || separator == " \xE2\x80\x93 ") &&
        text::CountWords(after) <= 3 && text::CountWords(before) >= 4) {
      return CleanTitle(before, site_name);
    }
    // "The Agency | ML (Machine Learning) at Georgia Tech": a site or section name first.
    if (separator == " | " && text::CountWords(before) <= 2 && text::CountWords(after) >= 4 &&
        title.find(separator) == at) {
      return std::string(text::Trim(after));
    }
  }
  return title;
}

}  // namespace llmtwin
