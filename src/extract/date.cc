// NormalizeDate (declared in extractor.h): dates as pages and feeds write them, to ISO 8601 UTC.
//
// Two passes: a strict ISO 8601 reader for machine dates (JSON-LD, <time datetime>, meta tags),
// then a token reader for human and RFC 822 dates: a numeric date (D.M.YYYY, M/D/YYYY, YYYY/M/D)
// or a month name with its day and year adjacent in one of the orders pages use, then an optional
// time and zone. Numeric dates with slashes are read month-first (US) unless the first number
// cannot be a month or the caller knows the page's region writes the day first (en-GB, fr, de...).
#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extractor.h"
#include "extract/text_util.h"

namespace llmtwin {
namespace {

struct DateTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int offset_minutes = 0;  // local time = UTC + offset
  bool day_given = true;   // false for a month written without its day ("July 2024")
  bool order_guessed = false;  // numbers only, both <= 12: "11.03.17" may be either day first
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yy + (m <= 2));
}

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[static_cast<size_t>(month - 1)];
}

// ISO 8601 of `dt`: in UTC ("...Z"), or with `keep_offset` the local time and offset as written
// ("2024-07-29T10:00:00+02:00"; "Z" when the offset is zero).
std::string Format(const DateTime& dt, bool keep_offset = false) {
  if (dt.year < 1990 || dt.year > 2100 || dt.month < 1 || dt.month > 12 || dt.day < 1 ||
      dt.day > DaysInMonth(dt.year, dt.month) || dt.hour > 24 || dt.minute > 59 || dt.second > 60) {
    return {};
  }
  int64_t seconds = DaysFromCivil(dt.year, static_cast<unsigned>(dt.month), static_cast<unsigned>(dt.day)) * 86400 +
                    dt.hour * 3600 + dt.minute * 60 + std::min(dt.second, 59) - (keep_offset ? 0 : dt.offset_minutes * 60);
  int64_t days = seconds / 86400;
  int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  int y = 0, m = 0, d = 0;
  CivilFromDays(days, y, m, d);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, static_cast<int>(rest / 3600),
                static_cast<int>(rest % 3600 / 60), static_cast<int>(rest % 60));
  std::string out = buffer;
  if (!keep_offset || dt.offset_minutes == 0) return out + "Z";
  const int offset = dt.offset_minutes < 0 ? -dt.offset_minutes : dt.offset_minutes;
  std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", dt.offset_minutes < 0 ? '-' : '+', offset / 60, offset % 60);
  return out + buffer;
}

// Reads exactly `n` digits at s[i].
bool ReadDigits(std::string_view s, size_t& i, size_t n, int& value) {
  if (i + n > s.size()) return false;
  int v = 0;
  for (size_t k = 0; k < n; ++k) {
    if (!IsDigit(s[i + k])) return false;
    v = v * 10 + (s[i + k] - '0');
  }
  value = v;
  i += n;
  return true;
}

// "Z", "+02:00", "+0200", "+02", "-05:00"; also a space before it. Returns false on garbage.
bool ReadNumericZone(std::string_view s, size_t& i, int& offset) {
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
    ++i;
    offset = 0;
    return true;
  }
  if (i >= s.size() || (s[i] != '+' && s[i] != '-')) return false;
  const int sign = s[i] == '-' ? -1 : 1;
  size_t j = i + 1;
  int hours = 0, minutes = 0;
  if (!ReadDigits(s, j, 2, hours)) return false;
  if (j < s.size() && s[j] == ':') ++j;
  if (!ReadDigits(s, j, 2, minutes)) minutes = 0;
  if (hours > 14 || minutes > 59) return false;
  offset = sign * (hours * 60 + minutes);
  i = j;
  return true;
}

// Strict ISO 8601 (and its common relaxations) filling the whole trimmed string.
bool ParseIso(std::string_view s, DateTime& dt) {
  size_t i = 0;
  if (!ReadDigits(s, i, 4, dt.year)) return false;
  if (i >= s.size() || (s[i] != '-' && s[i] != '/')) return false;
  const char sep = s[i++];
  if (!ReadDigits(s, i, 2, dt.month)) {
    if (!ReadDigits(s, i, 1, dt.month)) return false;
  }
  if (i >= s.size()) {
    dt.day = 1;  // "2024-07": a month
    return true;
  }
  if (s[i] != sep) return false;
  ++i;
  if (!ReadDigits(s, i, 2, dt.day)) {
    if (!ReadDigits(s, i, 1, dt.day)) return false;
  }
  if (i >= s.size()) return true;
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return false;
  ++i;
  while (i < s.size() && s[i] == ' ') ++i;
  if (!ReadDigits(s, i, 2, dt.hour)) return false;
  if (i < s.size() && s[i] == ':') ++i;
  if (!ReadDigits(s, i, 2, dt.minute)) return false;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!ReadDigits(s, i, 2, dt.second)) return false;
  }
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
  }
  while (i < s.size() && s[i] == ' ') ++i;
  if (i >= s.size()) return true;
  if (!ReadNumericZone(s, i, dt.offset_minutes)) {
    // "UTC", "GMT" after an ISO time.
    const std::string rest = text::ToLower(s.substr(i));
    if (rest != "utc" && rest != "gmt") return false;
    return true;
  }
  while (i < s.size() && s[i] == ' ') ++i;
  return i == s.size();
}

int MonthFromName(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};
  if (word.size() < 3) return 0;
  const std::string lower = text::ToLower(word);
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (lower.compare(0, 3, kMonths[m]) != 0) continue;
    // "Mar"/"March", "Sept": accept a prefix of the full name only.
    static constexpr std::array<std::string_view, 12> kFull = {"january", "february", "march",     "april",
                                                               "may",     "june",     "july",      "august",
                                                               "september", "october", "november", "december"};
    const std::string_view full = kFull[m];
    if (lower.size() <= full.size() && full.compare(0, lower.size(), lower) == 0) return static_cast<int>(m + 1);
    if (lower == "sept") return 9;
  }
  // German, French, Spanish, Italian, Portuguese and Dutch names, whole or cut to four bytes or
  // more ("févr", "déc", "sept"): three-letter cuts such as "ago" (agosto) are English words.
  struct Named {
    std::string_view name;
    int month;
  };
  static constexpr Named kOther[] = {
      {"januar", 1},   {"jänner", 1},     {"janvier", 1},  {"enero", 1},     {"gennaio", 1},  {"janeiro", 1},
      {"januari", 1},  {"februar", 2},    {"février", 2},  {"febrero", 2},   {"febbraio", 2}, {"fevereiro", 2},
      {"februari", 2}, {"märz", 3},       {"mars", 3},     {"marzo", 3},     {"março", 3},    {"maart", 3},
      {"avril", 4},    {"abril", 4},      {"aprile", 4},   {"mai", 5},       {"mayo", 5},     {"maggio", 5},
      {"maio", 5},     {"mei", 5},        {"juni", 6},     {"juin", 6},      {"junio", 6},    {"giugno", 6},
      {"junho", 6},    {"juli", 7},       {"juillet", 7},  {"julio", 7},     {"luglio", 7},   {"julho", 7},
      {"août", 8},     {"agosto", 8},     {"augustus", 8}, {"septembre", 9}, {"septiembre", 9}, {"setiembre", 9},
      {"settembre", 9}, {"setembro", 9},  {"oktober", 10}, {"octobre", 10},  {"octubre", 10}, {"ottobre", 10},
      {"outubro", 10}, {"novembre", 11},  {"noviembre", 11}, {"novembro", 11}, {"dezember", 12}, {"décembre", 12},
      {"diciembre", 12}, {"dicembre", 12}, {"dezembro", 12},
  };
  for (const Named& named : kOther) {
    if (lower == named.name || (lower.size() >= 4 && named.name.starts_with(lower))) return named.month;
  }
  return 0;
}

int ZoneOffset(std::string_view word, bool& found) {
  struct Zone {
    std::string_view name;
    int minutes;
  };
  static constexpr std::array<Zone, 20> kZones = {{{"gmt", 0},      {"utc", 0},      {"ut", 0},       {"z", 0},
                                                   {"est", -300},   {"edt", -240},   {"cst", -360},   {"cdt", -300},
                                                   {"mst", -420},   {"mdt", -360},   {"pst", -480},   {"pdt", -420},
                                                   {"cet", 60},     {"cest", 120},   {"bst", 60},     {"eet", 120},
                                                   {"eest", 180},   {"jst", 540},    {"aest", 600},   {"aedt", 660}}};
  const std::string lower = text::ToLower(word);
  for (const Zone& zone : kZones) {
    if (lower == zone.name) {
      found = true;
      return zone.minutes;
    }
  }
  found = false;
  return 0;
}

struct Token {
  enum Kind { kNumber, kWord, kPunct } kind;
  std::string_view text;
  int value = 0;
};

// The bytes of the letter at s[i]: an ASCII letter, or a Latin letter with a diacritic (UTF-8
// lead bytes C3-C5: "März", "février", "août"); 0 for anything else, the no-break space and other
// symbols (C2 xx, E2 xx) included, which stay separators.
size_t LetterLength(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return 1;
  if (c >= 0xC3 && c <= 0xC5 && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
    return c == 0xC3 && (s[i + 1] == '\x97' || s[i + 1] == '\xB7') ? 0 : 2;  // not × or ÷
  }
  return 0;
}

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < s.size() && tokens.size() < 64) {
    const char c = s[i];
    if (IsDigit(c)) {
      size_t j = i;
      int value = 0;
      while (j < s.size() && IsDigit(s[j])) {
        if (j - i < 9) value = value * 10 + (s[j] - '0');
        ++j;
      }
      tokens.push_back({Token::kNumber, s.substr(i, j - i), value});
      i = j;
    } else if (LetterLength(s, i) > 0) {
      size_t j = i;
      // A lower-case letter before a capital ends the word: inline elements run words together
      // ("HealthDECEMBER 22").
      while (j < s.size()) {
        const size_t letter = LetterLength(s, j);
        if (letter == 0 || (j > i && s[j - 1] >= 'a' && s[j - 1] <= 'z' && s[j] >= 'A' && s[j] <= 'Z')) break;
        j += letter;
      }
      tokens.push_back({Token::kWord, s.substr(i, j - i), 0});
      i = j;
    } else if (c == ':' || c == '/' || c == '.' || c == '-' || c == '+' || c == ',') {
      tokens.push_back({Token::kPunct, s.substr(i, 1), 0});
      ++i;
    } else {
      ++i;
    }
  }
  return tokens;
}

bool ParseHuman(std::string_view s, DateTime& dt, bool day_first) {
  const std::vector<Token> t = Tokenize(s);
  int year = 0, month = 0, day = 0;
  bool have_time = false;
  // Numeric dates: D.M.YYYY, M/D/YYYY, YYYY/M/D, YYYY.M.D.
  for (size_t k = 0; k + 4 < t.size() + 0 && year == 0; ++k) {
    if (t[k].kind != Token::kNumber || t[k + 1].kind != Token::kPunct || t[k + 2].kind != Token::kNumber ||
        t[k + 3].kind != Token::kPunct || t[k + 4].kind != Token::kNumber || t[k + 1].text != t[k + 3].text ||
        t[k + 1].text == ":" || t[k + 1].text == ",") {
      continue;
    }
    const int a = t[k].value, b = t[k + 2].value, c = t[k + 4].value;
    // D.M and D-M; M/D (US) unless the first cannot be a month or the page writes the day first.
    const auto day_and_month = [&] {
      if (t[k + 1].text == "/" && a <= 12 && !(day_first && b <= 12)) {
        month = a, day = b;
      } else {
        day = a, month = b;
      }
      dt.order_guessed = a <= 12 && b <= 12 && a != b;
    };
    if (t[k].text.size() == 4) {
      year = a, month = b, day = c;
    } else if (t[k + 4].text.size() == 4) {
      year = c;
      day_and_month();
    } else if (t[k + 4].text.size() == 2 && t[k + 1].text != "-") {
      year = 2000 + c;
      day_and_month();
    }
  }
  // A month name with its day and year beside it: "Dec. 19, 2025", "March 3rd, 2024",
  // "15 August 2025", "15. Aug 2025", "the 5th of May, 2024", "2025 December 19", "July 2024" (day 1). The
  // parts must be adjacent: text run together from inline elements ("HealthDECEMBER 22,
  // 2022Updated: JANUARY 02, 2026") holds several dates, and a bag of tokens mixes them.
  if (year == 0) {
    const auto is_year = [&](size_t k) {
      return k < t.size() && t[k].kind == Token::kNumber && t[k].text.size() == 4 && t[k].value >= 1900 &&
             t[k].value <= 2100;
    };
    const auto is_day = [&](size_t k) {
      return k < t.size() && t[k].kind == Token::kNumber && t[k].text.size() <= 2 && t[k].value >= 1 &&
             t[k].value <= 31;
    };
    // ".", "," and the words between a day and its month ("3rd", "the 5th of").
    const auto is_filler = [&](size_t k) {
      if (t[k].text == "." || t[k].text == ",") return true;
      if (t[k].kind != Token::kWord) return false;
      const std::string word = text::ToLower(t[k].text);
      // ... and "15 de marzo de 2024", "1er mars 2024".
      return word == "st" || word == "nd" || word == "rd" || word == "th" || word == "of" || word == "de" ||
             word == "del" || word == "er";
    };
    for (size_t m = 0; m < t.size() && year == 0; ++m) {
      if (t[m].kind != Token::kWord) continue;
      const int month_number = MonthFromName(t[m].text);
      if (month_number == 0) continue;
      size_t next = m + 1;
      while (next < t.size() && is_filler(next)) ++next;
      if (is_day(next)) {  // Month D, YYYY
        size_t after_day = next + 1;
        while (after_day < t.size() && is_filler(after_day)) ++after_day;
        if (is_year(after_day)) {
          month = month_number, day = t[next].value, year = t[after_day].value;
          break;
        }
      }
      size_t back = m;  // D Month YYYY and YYYY Month D: back over the fillers to the day
      while (back > 0 && is_filler(back - 1)) --back;
      if (back > 0 && is_day(back - 1) && is_year(next)) {
        month = month_number, day = t[back - 1].value, year = t[next].value;
        break;
      }
      if (back > 0 && is_year(back - 1) && is_day(next)) {  // YYYY Month D
        month = month_number, day = t[next].value, year = t[back - 1].value;
        break;
      }
      if (is_year(next)) {  // "July 2024": a month
        month = month_number, day = 1, year = t[next].value;
        dt.day_given = false;
        break;
      }
    }
    if (month == 0 || year == 0) return false;
  }
  if (year == 0 || month == 0 || day == 0) return false;
  dt.year = year, dt.month = month, dt.day = day;
  // A time: H:MM[:SS] [am|pm] [zone].
  for (size_t k = 0; k + 2 < t.size(); ++k) {
    if (t[k].kind != Token::kNumber || t[k + 1].text != ":" || t[k + 2].kind != Token::kNumber) continue;
    if (t[k].value > 23 || t[k + 2].value > 59 || t[k].text.size() > 2) continue;
    dt.hour = t[k].value;
    dt.minute = t[k + 2].value;
    size_t next = k + 3;
    if (next + 1 < t.size() && t[next].text == ":" && t[next + 1].kind == Token::kNumber) {
      dt.second = std::min(t[next + 1].value, 59);
      next += 2;
    }
    if (next < t.size() && t[next].text == "." && next + 1 < t.size() && t[next + 1].kind == Token::kNumber) next += 2;
    if (next < t.size() && t[next].kind == Token::kWord) {
      const std::string ampm = text::ToLower(t[next].text);
      if (ampm == "pm" || ampm == "p") {
        if (dt.hour < 12) dt.hour += 12;
        ++next;
      } else if (ampm == "am" || ampm == "a") {
        if (dt.hour == 12) dt.hour = 0;
        ++next;
      }
    }
    if (next < t.size()) {
      bool found = false;
      if (t[next].kind == Token::kWord) {
        const int offset = ZoneOffset(t[next].text, found);
        if (found) dt.offset_minutes = offset;
        // "GMT+0200"
        if (found && next + 2 < t.size() && (t[next + 1].text == "+" || t[next + 1].text == "-") &&
            t[next + 2].kind == Token::kNumber) {
          next += 1;
          found = false;
        }
      }
      if (!found && next + 1 < t.size() && (t[next].text == "+" || t[next].text == "-") &&
          t[next + 1].kind == Token::kNumber && t[next + 1].text.size() == 4) {
        const int hhmm = t[next + 1].value;
        const int sign = t[next].text == "-" ? -1 : 1;
        if (hhmm / 100 <= 14 && hhmm % 100 < 60) dt.offset_minutes = sign * (hhmm / 100 * 60 + hhmm % 100);
      }
    }
    have_time = true;
    break;
  }
  (void)have_time;
  return true;
}

}  // namespace

std::string NormalizeDate(std::string_view any_date) { return NormalizeDate(any_date, /*keep_offset=*/false); }

std::string NormalizeDateKeepingOffset(std::string_view any_date) { return NormalizeDate(any_date, /*keep_offset=*/true); }

bool MonthAndDayOrderGuessed(std::string_view any_date) {
  const std::string_view s = text::Trim(any_date);
  DateTime iso;
  if (s.empty() || s.size() > 200 || ParseIso(s, iso)) return false;
  DateTime human;
  return ParseHuman(s, human, /*day_first=*/false) && human.order_guessed;
}

std::string NormalizeDayKeepingOffset(std::string_view any_date, bool day_first) {
  const std::string_view s = text::Trim(any_date);
  DateTime iso;
  if (ParseIso(s, iso)) return Format(iso, /*keep_offset=*/true);
  DateTime human;
  if (s.size() <= 200 && ParseHuman(s, human, day_first) && human.day_given) return Format(human, /*keep_offset=*/true);
  return {};
}

std::string NormalizeDate(std::string_view any_date, bool keep_offset, bool day_first) {
  std::string_view s = text::Trim(any_date);
  if (s.empty() || s.size() > 200) return {};
  // Unix seconds or milliseconds.
  bool all_digits = true;
  for (char c : s) all_digits = all_digits && IsDigit(c);
  if (all_digits && (s.size() == 10 || s.size() == 13)) {
    int64_t value = 0;
    for (char c : s) value = value * 10 + (c - '0');
    if (s.size() == 13) value /= 1000;
    const int64_t days = value / 86400;
    const int64_t rest = value % 86400;
    DateTime dt;
    CivilFromDays(days, dt.year, dt.month, dt.day);
    dt.hour = static_cast<int>(rest / 3600);
    dt.minute = static_cast<int>(rest % 3600 / 60);
    dt.second = static_cast<int>(rest % 60);
    return Format(dt, keep_offset);
  }
  if (all_digits && s.size() == 8) {  // 20240729
    DateTime dt;
    size_t i = 0;
    ReadDigits(s, i, 4, dt.year);
    ReadDigits(s, i, 2, dt.month);
    ReadDigits(s, i, 2, dt.day);
    return Format(dt, keep_offset);
  }
  DateTime iso;
  if (ParseIso(s, iso)) return Format(iso, keep_offset);
  DateTime human;
  if (ParseHuman(s, human, day_first)) return Format(human, keep_offset);
  return {};
}

}  // namespace llmtwin
