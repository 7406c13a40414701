#include "extract/metadata/names.h"

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
#include "extract/metadata/page_walk.h"

namespace llmtwin::metadata {

bool IsBylineLabel(std::string_view piece) {
  std::string label = text::ToLower(text::Trim(piece));
  while (!label.empty() && (label.back() == ':' || label.back() == ' ')) label.pop_back();
  for (std::string_view known : {"by", "written by", "article by", "posted by", "published by", "words by", "story by",
                                 "text by", "authored by", "author", "authors", "written by:", "reviewed by", "von",
                                 "par", "por", "contributors", "contributor"}) {
    if (label == known) return true;
  }
  return false;
}

// A lower-case word naming a newsroom job ("writer", "columnist").
bool IsRoleNoun(std::string_view word) {
  for (std::string_view known : {"writer", "editor", "reporter", "correspondent", "contributor", "columnist"}) {
    if (word == known) return true;
  }
  return false;
}

std::string CleanName(std::string_view raw) {
  std::string name = text::CollapseWhitespace(raw);
  // "By Jane Doe", "by: Jane", "Written by Jane", "Posted by Jane"
  for (std::string_view prefix : {"more about ", "more from ", "view all posts by ", "all posts by ", "articles by ",
                                  "posts by ", "written by ", "posted by ", "published by ", "words by ", "story by ",
                                  "article by ",
                                  "reviewed by ", "by: ", "by ", "author: ", "authors: ", "author ", "von ", "par ",
                                  "por "}) {
    const size_t at = text::ToLower(name).find(prefix);
    if (at != std::string::npos && at < 20 && (at == 0 || name[at - 1] == ' ')) {
      name = name.substr(at + prefix.size());
      break;
    }
  }
  // Cut trailing date/role parts: "Jane Doe | July 3, 2024", "Jane Doe, Staff Writer", "Jane Doe - 5 min read"
  for (std::string_view separator : {" | ", " \xE2\x80\xA2 ", " \xC2\xB7 ", " \xE2\x8B\x85 ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ",
                                     "\n", " on ", " On ", " updated ", " Updated ", " published ", " Published "}) {
    const size_t at = name.find(separator);
    if (at != std::string::npos && at > 0) name = name.substr(0, at);
  }
  // "Jane Doe http://jane.example" (a name followed by the author's site).
  for (std::string_view url_start : {" http://", " https://", " www."}) {
    const size_t at = name.find(url_start);
    if (at != std::string::npos) name = name.substr(0, at);
  }
  name = std::string(text::Trim(name));
  // "MixmasterFred »", "Jane Doe →": a link's arrow.
  for (std::string_view arrow : {"\xC2\xBB", "\xE2\x80\xBA", "\xE2\x86\x92"}) {
    if (name.size() >= arrow.size() && name.compare(name.size() - arrow.size(), arrow.size(), arrow) == 0) {
      name = std::string(text::Trim(std::string_view(name).substr(0, name.size() - arrow.size())));
    }
  }
  while (!name.empty() && (name.back() == ',' || name.back() == ':' || name.back() == '.')) name.pop_back();
  while (!name.empty() && (name.front() == ',' || name.front() == ':' || name.front() == '|' || name.front() == ' ')) {
    name.erase(0, 1);
  }
  if (!name.empty() && name.front() == '@') return {};  // a handle
  if (LooksLikeUrl(name)) return {};
  if (name.size() > 80 || text::CountWords(name) > 8) return {};
  // Dates, read times, ids and "role: name" lists are not names.
  for (char c : name) {
    if ((c >= '0' && c <= '9') || c == ':' || c == '@' || c == '/' || c == '=' || c == '{' || c == '<') return {};
  }
  if (text::EqualsIgnoreCase(name, "admin") || IsBylineLabel(name)) return {};
  // A template's empty value ("undefined", "null").
  for (std::string_view empty : {"undefined", "null", "none", "nan", "n/a"}) {
    if (text::EqualsIgnoreCase(name, empty)) return {};
  }
  for (std::string_view label : {"last updated", "updated", "published", "posted"}) {  // a date's label
    if (text::StartsWithIgnoreCase(name, label)) return {};
  }
  // A name has letters; "page.head.extra.author" and "jane.doe" are template keys and user ids.
  // (Lead bytes C3..DF and E3.. start letters; C2 and E2 start symbols and punctuation such as "•".)
  bool letters = false;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    letters = letters || std::isalpha(u) || (u >= 0xC3 && u <= 0xDF) || u >= 0xE3;
  }
  if (!letters) return {};
  // A role without a name ("Staff Writer", "Senior Editor").
  bool all_roles = true;
  for (const std::string& word : text::Split(text::ToLower(name), ' ')) {
    bool role = false;
    for (std::string_view known : {"staff", "senior", "guest", "editorial", "contributing", "author"}) {
      role = role || word == known;
    }
    role = role || IsRoleNoun(word);
    all_roles = all_roles && role;
  }
  if (all_roles) return {};
  // A reading time ("5 mins read", its digits already dropped).
  const std::string lower = text::ToLower(name);
  if (lower == "read" || (lower.size() > 5 && lower.compare(lower.size() - 5, 5, " read") == 0)) return {};
  if (name.find(' ') == std::string::npos && name.find('.') != std::string::npos &&
      std::islower(static_cast<unsigned char>(name.front()))) {
    return {};
  }
  return name;
}

// "MD", "Ph.D.", "CFP", "Jr.": a title written after a name, not another person.
bool IsCredential(std::string_view word) {
  if (word.size() > 6 || word.find(' ') != std::string_view::npos) return false;
  for (std::string_view known : {"PhD", "Ph.D", "Jr", "Jr.", "Sr", "Sr."}) {
    if (word == known) return true;
  }
  int letters = 0;
  for (char c : word) {
    if (c >= 'A' && c <= 'Z') {
      ++letters;
    } else if (c != '.') {
      return false;
    }
  }
  return letters >= 2;
}

// Whether a byline part is a job ending in a role ("WCI Columnist", "Senior Food Writer"). Alone
// it is how some sites credit a piece ("SFist Contributor"); after a name it is that name's job.
bool EndsWithRole(std::string_view part) {
  const size_t space = part.rfind(' ');
  return space != std::string_view::npos && IsRoleNoun(text::ToLower(part.substr(space + 1)));
}

// Splits "Jane Doe and John Roe" / "Jane Doe, John Roe" into names.
std::vector<std::string> SplitNames(const std::string& names) {
  std::vector<std::string> out;
  if (names.size() > 200) return out;  // a paragraph, not a list of names
  std::string rest = names;
  for (std::string_view joiner : {" and ", " & ", " und ", " et ", " y "}) {
    size_t at = 0;
    while ((at = rest.find(joiner)) != std::string::npos) rest.replace(at, joiner.size(), ", ");
  }
  // "Doe, Jane" (one name written last-first) is rare in bylines; commas separate people, except
  // before a credential, which stays with its name ("Jane Doe, MD", "Jane Doe, CFP").
  for (const std::string& part : text::Split(rest, ',')) {
    const std::string name = CleanName(part);
    if (name.empty() || (!out.empty() && EndsWithRole(name))) continue;
    if (!out.empty() && IsCredential(name)) {
      out.back() += ", " + name;
    } else {
      out.push_back(name);
    }
  }
  return out;
}

std::string NormForCompare(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) out.push_back(static_cast<char>(std::tolower(u)));
  }
  return out;
}

// Words of a text, lower-cased (runs of letters and digits).
std::vector<std::string> LowerWords(std::string_view s) {
  std::vector<std::string> words;
  std::string current;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      current.push_back(static_cast<char>(std::tolower(u)));
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

double WordOverlap(std::string_view a, std::string_view b) {
  const std::vector<std::string> wa = LowerWords(a), wb = LowerWords(b);
  if (wa.empty() || wb.empty()) return 0;
  const std::set<std::string> sb(wb.begin(), wb.end());
  size_t common = 0;
  for (const std::string& w : std::set<std::string>(wa.begin(), wa.end())) common += sb.count(w);
  // Dice coefficient: a site name inside a long title shares all its words but is no match.
  const size_t sa = std::set<std::string>(wa.begin(), wa.end()).size();
  return 2.0 * static_cast<double>(common) / static_cast<double>(sa + sb.size());
}

// Whether a text has letters and none of them is lower-case ASCII.
bool IsAllCaps(std::string_view s) {
  bool upper = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    upper = upper || (c >= 'A' && c <= 'Z');
  }
  return upper;
}

void AddUnique(std::vector<std::string>& list, const std::string& value) {
  const std::string key = NormForCompare(value);
  if (key.empty()) return;
  for (const auto& existing : list) {
    if (NormForCompare(existing) == key) return;
  }
  list.push_back(value);
}

// Several names as their source wrote them ("Ann, Bob, and Cy", "Ann & Bob"): the span of `raw`
// from the first name to the last; ", "-joined when the names are not found there in order.
std::string NamesAsWritten(const std::string& raw, const std::vector<std::string>& names) {
  if (names.empty()) return {};
  const size_t begin = raw.find(names.front());
  const size_t last = raw.rfind(names.back());
  if (begin == std::string::npos || last == std::string::npos || last < begin) return text::Join(names, ", ");
  std::string written = text::CollapseWhitespace(std::string_view(raw).substr(begin, last + names.back().size() - begin));
  // Names from separate elements keep their spacing: "Thomas Broderick , Nalea Ko".
  for (size_t at = 0; (at = written.find(" ,", at)) != std::string::npos;) written.erase(at, 1);
  return written;
}

// The span of `raw` from the first of `names` to the last when only joiners ("," "&" "and")
// separate them there, else "": "Ann, 4+ years covering hardware<br>Bob" is two bylines, and
// "Ann ... Reviewed by Bob" is an author and a reviewer.
std::string NamesSpan(const std::string& raw, const std::vector<std::string>& names) {
  if (names.empty() || raw.find(names.front()) == std::string::npos) return {};
  const std::string span = NamesAsWritten(raw, names);
  std::string rest = span;
  for (const std::string& name : names) {
    if (const size_t at = rest.find(name); at != std::string::npos) rest.replace(at, name.size(), " ");
  }
  size_t joiners = 0;  // and one between each two: "Ann Lee Full Bio" is a name and a link label
  for (const std::string& word : text::Split(rest, ' ')) {
    if (word.empty()) continue;
    if (word != "," && word != "&" && word != "and" && word != ";") return {};
    ++joiners;
  }
  return joiners + 1 >= names.size() ? span : std::string();
}

// The text after a byline label at the start of `text` ("By Jane Doe", "Written by: Jane Doe",
// "Contributors: Jane Doe"), or "" when `text` does not open with one.
std::string AfterBylineLabel(std::string_view text) {
  static constexpr std::string_view kLabels[] = {"written by", "posted by", "published by", "words by", "story by",
                                                 "article by", "contributors", "contributor", "authors", "author",
                                                 "by"};
  const std::string lower = text::ToLower(text.substr(0, 20));
  for (std::string_view label : kLabels) {
    if (lower.rfind(label, 0) != 0) continue;
    std::string_view rest = text.substr(label.size());
    // The label must end there: "By Jane", "by: Jane", not "Bylaws" or "Authority".
    if (rest.empty() || (rest.front() != ' ' && rest.front() != ':')) return {};
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == ':')) rest.remove_prefix(1);
    return std::string(rest);
  }
  return {};
}

// Whether every word of a name starts with a capital letter (particles such as "van" aside): a
// byline label followed by a sentence ("By default we ...") is no byline.
bool LooksLikeProperName(std::string_view name) {
  const std::vector<std::string> words = text::Split(std::string(name), ' ');
  if (words.empty() || words.size() > 5) return false;
  for (const std::string& word : words) {
    if (word.empty()) continue;
    const auto first = static_cast<unsigned char>(word.front());
    if (first >= 0x80 || (first >= 'A' && first <= 'Z') || (first >= '0' && first <= '9')) continue;
    static constexpr std::string_view kParticles[] = {"van", "der", "den", "de", "von", "da", "di", "la", "le", "du", "bin", "al", "y", "del", "dos"};
    bool particle = false;
    for (std::string_view known : kParticles) particle = particle || word == known;
    if (!particle) return false;
  }
  return true;
}

// A user name standing for a person ("ibby", "sara.r.peter"): one lower-case token of letters,
// digits, ".", "_" or "-", which a label or a field must declare to be the author, since such
// tokens are also template keys ("page.head.author") and plain words ("by default").
bool IsUserHandle(std::string_view token) {
  token = text::Trim(token);
  if (token.size() < 2 || token.size() > 40 || !std::islower(static_cast<unsigned char>(token.front()))) return false;
  int letters = 0, digits = 0;
  for (char c : token) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::islower(u) || std::isdigit(u) || c == '.' || c == '_' || c == '-')) return false;
    letters += std::islower(u) ? 1 : 0;
    digits += std::isdigit(u) ? 1 : 0;
  }
  if (digits > 2) return false;  // "mdelatorreq6vkpg2ma0ci" is a generated id
  for (std::string_view word : {"default", "design", "hand", "far", "now", "then", "way", "email", "phone", "mail",
                                "appointment", "invitation", "admin", "author", "guest", "staff", "editor", "anonymous",
                                "unknown", "null", "undefined", "none"}) {
    if (token == word) return false;
  }
  return letters >= 2;
}

// The name that opens `text` ("David at December 16, 2025" -> "David", "Danielle Padula, Head of
// Marketing" -> "Danielle Padula", "Vanessa Mendez, MD, gastroenterologist" -> "Vanessa Mendez,
// MD"): capitalised words up to the first that is not one, credentials kept with it.
std::string NameOpening(std::string_view text) {
  const std::vector<std::string> words = text::Split(text::CollapseWhitespace(text), ' ');
  std::string name;
  size_t taken = 0;
  for (size_t i = 0; i < words.size() && taken < 4; ++i) {
    std::string word = words[i];
    const bool ends_phrase = !word.empty() && (word.back() == ',' || word.back() == '.' || word.back() == ';');
    if (ends_phrase && !(word.size() == 2 && word.back() == '.')) word.pop_back();  // keep initials ("C.")
    if (word.empty() || !LooksLikeProperName(word)) break;
    // An all-caps word after a name is a dateline or a desk ("Md Aynal Haque RAJSHAHI").
    if (taken > 0 && word.size() >= 4 && IsAllCaps(word)) break;
    name += (name.empty() ? "" : " ") + word;
    ++taken;
    if (ends_phrase) {
      for (size_t j = i + 1; j < words.size(); ++j) {  // "Jane Roe, MD, FACP"
        std::string credential = words[j];
        const bool more = !credential.empty() && credential.back() == ',';
        if (more) credential.pop_back();
        if (!IsCredential(credential)) break;
        name += ", " + credential;
        if (!more) break;
      }
      break;
    }
  }
  return CleanName(name);
}

// A lower-case word that companies', outlets' and institutions' names use ("network", "ltd").
bool IsInstitutionWord(std::string_view word) {
  static constexpr std::string_view kWords[] = {
      "network", "association", "university", "institute", "society", "foundation", "group",   "inc",
      "ltd",     "llc",         "news",       "media",     "report",  "magazine",   "journal", "times",
      "herald",  "tribune",     "gazette",    "daily",     "weekly",  "radio",      "center",  "centre",
      "council", "department",  "agency",     "company",   "corporation", "college", "school"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

// Whether a name in a list of authors is an outlet or an institution: it opens with "The", or
// has three words or more, one of them a word institutions' names use.
bool NamesAnInstitution(std::string_view name) {
  if (text::StartsWithIgnoreCase(name, "the ")) return true;
  const std::vector<std::string> words = text::Split(text::ToLower(text::CollapseWhitespace(name)), ' ');
  return words.size() >= 3 && std::any_of(words.begin(), words.end(), IsInstitutionWord);
}

}  // namespace llmtwin::metadata
