#include "extract/metadata/bylines.h"

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
#include "extract/metadata/dates.h"
#include "extract/metadata/json_ld.h"
#include "extract/metadata/names.h"

namespace llmtwin::metadata {

// The name in a byline element: a marked-up name, else the first text piece that reads as a
// name ("By" / dates / separators skipped).
std::string BylineName(const HtmlNode& byline) {
  for (const char* xpath : {".//*[@itemprop='name']", ".//*[contains(@class,'name') and not(contains(@class,'username'))]",
                            ".//a[contains(@href,'author') or contains(@rel,'author')]"}) {
    for (const HtmlNode& candidate : byline.XPath(xpath)) {
      std::string value = candidate.Text();
      if (value.empty() && candidate.Tag() == "meta") value = candidate.Attr("content");
      const int words = text::CountWords(value);
      if (words >= 1 && words <= 5 && value.size() < 60 && !CleanName(value).empty()) return value;
    }
  }
  // The first piece that reads as a name, with the names listed after it between joiners:
  // "Written by <span>Dr Marna van der Merwe</span>, <span>Dr Dieter Veldsman</span>, ...".
  std::vector<std::string> names;
  bool joined = false;  // a joiner came after the last name
  for (const std::string& piece : TextPieces(byline, 24)) {
    if (names.empty() && IsBylineLabel(piece)) continue;
    const std::string_view bare = text::Trim(piece);
    if (!names.empty() && (bare == "," || bare == "&" || bare == "and" || bare == ", and")) {
      joined = true;
      continue;
    }
    const std::string name = CleanName(piece);
    const bool one_name = !name.empty() && text::CountWords(name) <= 6;
    if (names.empty()) {
      if (one_name) names.push_back(name);
      continue;
    }
    if (!joined || !one_name || !LooksLikeProperName(name)) break;
    names.push_back(name);
    joined = false;
  }
  return text::Join(names, ", ");
}

// The block element (a few levels up at most) around the first link to an author page.
xmlNodePtr AuthorLinkBlock(const Evidence& ev) {
  if (ev.author_link == nullptr) return nullptr;
  xmlNodePtr block = ev.author_link->parent;
  for (int level = 0; block != nullptr && block->type == XML_ELEMENT_NODE && level < 4; ++level) {
    if (IsBlockElement(AsChars(block->name))) break;
    block = block->parent;
  }
  return block != nullptr && block->type == XML_ELEMENT_NODE ? block : nullptr;
}

// The text of that block when it is a short byline, else "".
std::string AuthorLinkBlockText(const Evidence& ev) {
  xmlNodePtr block = AuthorLinkBlock(ev);
  const std::string text = block == nullptr ? std::string() : ShortText(block).value_or(std::string());
  return text.size() < 300 ? text : std::string();
}

// The names linked to author pages in the byline that holds the first such link ("By <a>Ann</a>,
// <a>Bob</a> and <a>Cy</a>"), in order, repeats included.
std::vector<std::string> AuthorLinkNameList(const Evidence& ev) {
  std::vector<std::string> names;
  if (ev.author_link == nullptr) return names;
  if (xmlNodePtr block = AuthorLinkBlock(ev); block != nullptr) {
    for (const HtmlNode& link : HtmlNode(block).XPath(".//a[@href]")) {
      if (!IsAuthorPageLink(link.Attr("href"))) continue;
      const std::string name = CleanName(link.Text());
      if (!name.empty() && text::CountWords(name) <= 6) names.push_back(name);
      if (names.size() >= 10) break;
    }
  }
  return names;
}

// Those names as that byline writes them; "" when there is none.
std::string AuthorLinkNames(const Evidence& ev) {
  if (ev.author_link == nullptr) return {};
  const std::vector<std::string> names = AuthorLinkNameList(ev);
  if (names.empty()) return CleanName(HtmlNode(ev.author_link).Text());
  if (names.size() == 1) {
    // A first name in the link ("Articles by Juliette") and the whole name beside it in the
    // author card ("Juliette Carreiro", "Tech Writer").
    const std::string& name = names.front();
    xmlNodePtr block = AuthorLinkBlock(ev);
    if (name.find(' ') == std::string::npos && block != nullptr) {
      for (const std::string& piece : TextPieces(HtmlNode(block), 20)) {
        if (!piece.starts_with(name + " ")) continue;
        const std::string whole = CleanName(piece);
        const size_t words = text::Split(whole, ' ').size();
        if (whole.starts_with(name + " ") && words >= 2 && words <= 3 && LooksLikeProperName(whole)) return whole;
      }
    }
    return name;
  }
  std::vector<std::string> unique;
  for (const std::string& name : names) AddUnique(unique, name);
  const std::string block_text = AuthorLinkBlockText(ev);
  return block_text.empty() ? text::Join(unique, ", ") : NamesAsWritten(block_text, unique);
}

// The names in a short block that opens with a byline label, near the title's <h1>: "By <a>Jane
// Doe</a> | May 3", "<p>Written by Jane Doe and John Roe</p>", where the markup has no author class.
// Returns the names as written ("Jane Doe and John Roe"), or "".
// Looks `forward_budget` text nodes past the heading, then a few elements above it.
std::string BylineNearTitle(const Evidence& ev, const std::string& title, int forward_budget) {
  xmlNodePtr h1 = TitleHeading(ev, title);
  if (h1 == nullptr) return {};
  auto names_in = [](xmlNodePtr element) -> std::string {
    const std::string block = ShortText(element).value_or(std::string());
    if (block.size() > 160) return {};
    std::string rest = AfterBylineLabel(block);
    if (rest.empty()) return {};
    // "Jane Doe in Category", "Jane Doe on May 3".
    for (std::string_view cut : {" in ", " on ", " On "}) {
      if (const size_t at = rest.find(cut); at != std::string::npos) rest.resize(at);
    }
    // The whole block a label and a user name: "<p>by ibby</p>".
    if (IsUserHandle(rest) && AfterBylineLabel(block) == rest) return std::string(text::Trim(rest));
    const std::vector<std::string> names = SplitNames(rest);
    if (names.empty()) return {};
    for (const std::string& name : names) {
      if (!LooksLikeProperName(name)) return {};
    }
    return rest;
  };
  // Forward over at most 150 text nodes from the end of the <h1>.
  std::string found;
  ForTextNodesAfter(h1, forward_budget, [&](xmlNodePtr text_node) {
    const std::string_view piece = text::Trim(AsChars(text_node->content));
    if (AfterBylineLabel(piece).empty() && !IsBylineLabel(piece)) return false;
    // The smallest element around the label that also holds the name: "<span>By <a>Jane</a></span>"
    // within "<p><span>By <a>Jane</a></span> <span>May 3, 2024</span></p>"; up to its block.
    for (xmlNodePtr element = text_node->parent; element != nullptr && element->type == XML_ELEMENT_NODE;
         element = element->parent) {
      found = names_in(element);
      if (!found.empty()) return true;
      if (IsBlockElement(AsChars(element->name))) break;
    }
    return false;
  });
  if (!found.empty()) return found;
  // Backward: bylines above the heading (a few elements only).
  int budget = 12;
  for (xmlNodePtr node = h1->prev != nullptr ? h1->prev : h1->parent; node != nullptr && budget > 0;
       node = node->prev != nullptr ? node->prev : node->parent) {
    if (node->type != XML_ELEMENT_NODE || node->children == nullptr) continue;
    --budget;
    std::string names = names_in(node);
    if (!names.empty()) return names;
  }
  return {};
}

// The names of the byline right under the title's <h1> (within its first dozen text nodes): an
// element classed byline/author holding one of them, else a block opening with a byline label.
// Credits of reviewers and editors are skipped. Only whole names of two words or more count
// ("Charles Patterson, WCI Columnist" gives the name; a lone "Corti" or a "SECTIONS" label does not).
std::string BylineUnderTitle(const Evidence& ev, const std::string& title) {
  constexpr int kUnderTitle = 12;
  xmlNodePtr h1 = TitleHeading(ev, title);
  if (h1 == nullptr) return {};
  std::string shown;
  ForTextNodesAfter(h1, kUnderTitle, [&](xmlNodePtr text_node) {
    for (const Evidence::Byline& byline : ev.bylines) {
      if (!IsAncestor(byline.element, text_node)) continue;
      // A reviewer's, editor's or photographer's credit names someone else than the writer.
      const std::string credit = text::ToLower(ShortText(byline.element).value_or(std::string()));
      for (std::string_view other : {"review", "fact check", "fact-check", "edited", "photo", "illustrat"}) {
        if (credit.find(other) != std::string::npos) return false;
      }
      shown = byline.names;
      return true;
    }
    return false;
  });
  if (shown.empty()) shown = BylineNearTitle(ev, title, kUnderTitle);
  const std::vector<std::string> names = SplitNames(shown);
  const bool whole_names = !names.empty() && std::all_of(names.begin(), names.end(), [](const std::string& name) {
    return name.find(' ') != std::string::npos && LooksLikeProperName(name);
  });
  return whole_names ? shown : "";
}

// A byline written into a sentence: "Posted by David at 11:15 AM", "This post was written by
// Danielle Padula, Head of ...", "Last updated March 3, 2025 by <a>Erik Demaine</a>". Only
// phrases that say who wrote or posted the page count: "Photo by", "Theme by" do not.
std::string BylineInASentence(const HtmlDocument& document, std::string_view description) {
  static constexpr std::string_view kPhrases[] = {"posted by ", "written by ", "authored by ", "published by "};
  // The phrase opens the line ("Posted by David at ..."), or "This post was" / "This article was"
  // does: "a novel written by Stephen King" inside a paragraph is no byline.
  const auto name_after_phrase = [](std::string_view piece) -> std::string {
    const std::string lower = text::ToLower(piece);
    for (std::string_view phrase : kPhrases) {
      const size_t at = lower.find(phrase);
      if (at == std::string::npos) continue;
      const std::string_view before = text::Trim(std::string_view(lower).substr(0, at));
      if (!before.empty() && before != "this post was" && before != "this article was" && before != "this page was") {
        continue;
      }
      return NameOpening(piece.substr(at + phrase.size()));
    }
    return {};
  };
  if (const std::string_view trimmed = text::Trim(description);
      text::StartsWithIgnoreCase(trimmed, "this post was written by ") || text::StartsWithIgnoreCase(trimmed, "by ")) {
    if (std::string name = NameOpening(trimmed.substr(trimmed.find("by ") + 3)); !name.empty()) return name;
  }
  const HtmlNode body = document.Body();
  if (!body) return {};
  std::string name;
  // 20,000 text nodes: a long page's byline sits in its first or last screens.
  ForTextNodesIn(body.get(), 20000, [&](xmlNodePtr node) {
    const std::string_view piece = text::Trim(AsChars(node->content));
    if (piece.size() >= 300) return false;
    // The text opens a line: after "<i>Kaligaminarile</i>", " written by" is inside a sentence.
    const bool opens_line = node->prev == nullptr || (node->prev->type == XML_ELEMENT_NODE &&
                                                      (IsBlockElement(AsChars(node->prev->name)) ||
                                                       std::strcmp(AsChars(node->prev->name), "br") == 0));
    if (!opens_line) return false;
    name = name_after_phrase(std::string(piece) + " ");
    if (!name.empty()) return true;
    // "Posted by " or "<date> by " and the name in the link that follows.
    const std::string lower = text::ToLower(piece);
    bool labelled = false;
    for (std::string_view phrase : kPhrases) labelled = labelled || (lower + " ") == phrase;
    if ((labelled || (lower.ends_with(" by") && !DateFromPiece(piece.substr(0, piece.size() - 3), true).empty())) &&
        node->next != nullptr && node->next->type == XML_ELEMENT_NODE) {
      name = NameOpening(HtmlNode(node->next).Text());
    }
    return !name.empty();
  });
  return name;
}

// The name a site goes by: og:site_name, else the end of its <title> ("Go ahead, self-host
// Postgres | Pierce Freeman", "Zero waste living — Polly Barks"): who speaks for a page that names
// nobody. A name, not a tagline ("AI platform for healthcare"); "Body by Bikini" is not a byline.
std::string SiteAsAuthor(std::string_view title_tag, const std::string& site_name) {
  std::string suffix;
  for (std::string_view separator : {" | ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " - "}) {
    const size_t at = title_tag.rfind(separator);
    if (at != std::string_view::npos && at > 0) {
      suffix = std::string(text::Trim(title_tag.substr(at + separator.size())));
      break;
    }
  }
  for (const std::string& candidate : {site_name, suffix}) {
    const std::string name = text::CollapseWhitespace(DecodeEntities(candidate));
    if (!name.empty() && text::CountWords(name) <= 4 && LooksLikeProperName(name) && !CleanName(name).empty()) {
      return name;
    }
  }
  return {};
}

// The person a personal site's copyright line names ("© 2025 Toby Hede. All rights reserved."):
// two or three capitalised words and no company word. Companies' lines ("© 2026 Body By Bikini
// Ltd", "Copyright © Examiner Echo Group Limited") name no author.
std::string CopyrightHolder(const HtmlDocument& document) {
  const HtmlNode body = document.Body();
  if (!body) return {};
  std::string holder;
  ForTextNodesIn(body.get(), 20000, [&](xmlNodePtr text_node) {
    const std::string_view piece = text::Trim(AsChars(text_node->content));
    size_t at = piece.find("\xC2\xA9");  // ©
    size_t skip = 2;
    if (at == std::string_view::npos && text::StartsWithIgnoreCase(piece, "copyright ")) at = 0, skip = 10;
    if (at == std::string_view::npos || piece.size() > 200) return false;
    std::string_view rest = piece.substr(at + skip);
    // Past more marks and the years: "Copyright © 2019-2025 ", "© 2025, ".
    while (!rest.empty()) {
      rest = text::Trim(rest);
      if (rest.starts_with("\xC2\xA9")) {
        rest.remove_prefix(2);
      } else if (rest.size() >= 4 && std::all_of(rest.begin(), rest.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
                 (rest.size() == 4 || !std::isdigit(static_cast<unsigned char>(rest[4])))) {
        rest.remove_prefix(4);  // a year ("98 Buck Social" keeps its number)
      } else if (rest.front() == '-' || rest.front() == ',') {
        rest.remove_prefix(1);
      } else if (rest.starts_with("\xE2\x80\x93")) {
        rest.remove_prefix(3);
      } else {
        break;
      }
    }
    if (text::StartsWithIgnoreCase(rest, "by ")) rest.remove_prefix(3);
    const size_t end = rest.find_first_of(".,|\xC2");
    const std::string name = text::CollapseWhitespace(rest.substr(0, end));
    const size_t words = text::Split(name, ' ').size();
    // Beyond the institution words: business words and the line's own words ("All rights").
    static constexpr std::string_view kCompanyWords[] = {
        "limited",  "llp",      "gmbh",      "corp",      "co",          "press",        "publishing", "studio",
        "studios",  "labs",     "partners",  "holdings",  "services",    "solutions",    "technologies", "systems",
        "club",     "team",     "the",       "by",        "and",         "blog",         "all",        "rights",
        "reserved", "digital",  "health",    "care",      "productions", "house",        "energy",     "advisors",
        "coaching", "financial", "academy",  "shop",      "store",       "consulting",   "law",        "clinic",
        "hospital", "museum",   "office",    "electrical", "international", "global",    "world",      "online",
        "official"};
    // Person-like: each word capitalised letters ("Toby", "O'Neil", "Jean-Luc"), not initials or
    // capitals ("TE", "AB", "Int").
    bool person = words >= 2 && words <= 3 && LooksLikeProperName(name) && !CleanName(name).empty();
    for (const std::string& word : text::Split(name, ' ')) {
      if (!person) break;
      const std::string lower = text::ToLower(word);
      for (std::string_view known : kCompanyWords) person = person && lower != known;
      person = person && !IsInstitutionWord(lower);
      person = person && word.size() >= 2 && !IsAllCaps(word) &&
               std::all_of(word.begin(), word.end(), [](char c) {
                 return std::isalpha(static_cast<unsigned char>(c)) || c == '\'' || c == '-' || static_cast<unsigned char>(c) >= 0x80;
               });
    }
    if (person) holder = name;
    return true;  // the first copyright line decides
  });
  return holder;
}

}  // namespace llmtwin::metadata
