#include "extract/text_util.h"

namespace llmtwin::text {

size_t SpaceAt(std::string_view s, size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c < 0xC2) return 0;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) return 2;
  if (i + 2 >= s.size()) return 0;
  const auto c1 = static_cast<unsigned char>(s[i + 1]);
  const auto c2 = static_cast<unsigned char>(s[i + 2]);
  if (c == 0xE2 && c1 == 0x80 && (c2 <= 0x8B || c2 == 0xAF)) return 3;  // U+2000..U+200B, U+202F
  if (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) return 3;                  // U+205F
  if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;                  // U+3000
  if (c == 0xEF && c1 == 0xBB && c2 == 0xBF) return 3;                  // U+FEFF
  return 0;
}

void AppendCollapsed(std::string& out, std::string_view s, bool& pending_space) {
  size_t i = 0;
  while (i < s.size()) {
    const size_t n = SpaceAt(s, i);
    if (n > 0) {
      pending_space = true;
      i += n;
      continue;
    }
    if (pending_space) {
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out.push_back(' ');
      pending_space = false;
    }
    // Copy the run of non-space ASCII quickly, with the single spaces between its words (they are
    // written as they are: one space after a word), so that a sentence is one append.
    const auto word_byte = [](unsigned char c) { return c > ' ' && c < 0xC2; };
    size_t j = i + 1;
    while (j < s.size()) {
      const auto c = static_cast<unsigned char>(s[j]);
      if (word_byte(c)) {
        ++j;
      } else if (c == ' ' && j + 1 < s.size() && word_byte(static_cast<unsigned char>(s[j + 1]))) {
        j += 2;
      } else {
        break;
      }
    }
    out.append(s.data() + i, j - i);
    i = j;
  }
}

std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  AppendCollapsed(out, s, pending);
  return out;
}

std::string_view Trim(std::string_view s) {
  size_t begin = 0;
  while (begin < s.size()) {
    const size_t n = SpaceAt(s, begin);
    if (n == 0) break;
    begin += n;
  }
  size_t end = s.size();
  while (end > begin) {
    const auto c = static_cast<unsigned char>(s[end - 1]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      --end;
    } else if (end - begin >= 2 && SpaceAt(s, end - 2) == 2) {
      end -= 2;
    } else if (end - begin >= 3 && SpaceAt(s, end - 3) == 3) {
      end -= 3;
    } else {
      break;
    }
  }
  return s.substr(begin, end - begin);
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

static char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

bool ContainsIgnoreCase(std::string_view haystack, std::string_view lower_needle) {
  if (lower_needle.empty()) return true;
  if (haystack.size() < lower_needle.size()) return false;
  const size_t last = haystack.size() - lower_needle.size();
  for (size_t i = 0; i <= last; ++i) {
    if (LowerAscii(haystack[i]) != lower_needle[0]) continue;
    size_t k = 1;
    while (k < lower_needle.size() && LowerAscii(haystack[i + k]) == lower_needle[k]) ++k;
    if (k == lower_needle.size()) return true;
  }
  return false;
}

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

int CountCommas(std::string_view s) {
  int n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') {
      ++n;
    } else if (static_cast<unsigned char>(s[i]) == 0xEF && i + 2 < s.size() &&
               static_cast<unsigned char>(s[i + 1]) == 0xBC && static_cast<unsigned char>(s[i + 2]) == 0x8C) {
      ++n;  // U+FF0C fullwidth comma
    } else if (static_cast<unsigned char>(s[i]) == 0xE3 && i + 2 < s.size() &&
               static_cast<unsigned char>(s[i + 1]) == 0x80 && static_cast<unsigned char>(s[i + 2]) == 0x81) {
      ++n;  // U+3001 ideographic comma
    }
  }
  return n;
}

int CountWords(std::string_view s) {
  int n = 0;
  bool in_word = false;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    const bool word_char = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
    if (word_char && !in_word) ++n;
    in_word = word_char;
  }
  return n;
}

size_t Utf8SequenceAt(const unsigned char* s, size_t n, size_t i, size_t& length) {
  const unsigned char c = s[i];
  unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) lo = 0xA0;  // no overlong forms
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;  // nothing past U+10FFFF
  } else {
    length = 0;
    return 0;
  }
  size_t k = 1;
  for (; k < length && i + k < n; ++k) {
    const unsigned char next = s[i + k];
    if (next < (k == 1 ? lo : 0x80) || next > (k == 1 ? hi : 0xBF)) break;
  }
  return k;
}

namespace {

// Unicode code points of Windows-1252's bytes 0x80..0x9F (0 where the byte is undefined).
constexpr char32_t kWindows1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// The byte that a Latin-1 or Windows-1252 decoder turned into the UTF-8 character at s[i], with
// the character's length in `size`; -1 when the character is not such a byte >= 0x80.
int MisdecodedByteAt(std::string_view s, size_t i, size_t& size) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  char32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xC5 && i + 1 < s.size()) {
    size = 2;
    cp = static_cast<char32_t>(((b0 & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F));
  } else if ((b0 == 0xCB || b0 == 0xC6) && i + 1 < s.size()) {
    size = 2;
    cp = static_cast<char32_t>(((b0 & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F));
  } else if (b0 == 0xE2 && i + 2 < s.size()) {
    size = 3;
    cp = static_cast<char32_t>(((b0 & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                               (static_cast<unsigned char>(s[i + 2]) & 0x3F));
  } else {
    return -1;
  }
  if (cp >= 0x80 && cp <= 0xFF) return static_cast<int>(cp);
  for (int k = 0; k < 32; ++k) {
    if (kWindows1252High[k] == cp && cp != 0) return 0x80 + k;
  }
  return -1;
}

}  // namespace

std::string RepairDoubleEncodedUtf8(std::string_view s) {
  // Fast path: the misdecoded lead byte of a multi-byte character is U+00C2..U+00F4 (C3 xx).
  if (s.find('\xC3') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t size = 0;
    const int first = MisdecodedByteAt(s, i, size);
    const int length = first >= 0xC2 && first <= 0xDF ? 2 : first >= 0xE0 && first <= 0xEF ? 3 : first >= 0xF0 && first <= 0xF4 ? 4 : 0;
    if (length > 0) {
      std::string bytes(1, static_cast<char>(first));
      size_t j = i + size;
      while (static_cast<int>(bytes.size()) < length && j < s.size()) {
        size_t next_size = 0;
        const int cont = MisdecodedByteAt(s, j, next_size);
        if (cont < 0x80 || cont > 0xBF) break;
        bytes.push_back(static_cast<char>(cont));
        j += next_size;
      }
      size_t expected = 0;
      const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
      if (Utf8SequenceAt(data, bytes.size(), 0, expected) == bytes.size() && expected == bytes.size()) {
        out += bytes;
        i = j;
        continue;
      }
    }
    out.push_back(s[i]);
    ++i;
  }
  return out;
}

namespace {
constexpr std::string_view kPermalinkMarks[] = {"\xC2\xB6", "#", "\xC2\xA7", "\xF0\x9F\x94\x97"};
}  // namespace

bool IsPermalinkMark(std::string_view s) {
  s = Trim(s);
  for (std::string_view mark : kPermalinkMarks) {
    if (s == mark) return true;
  }
  return false;
}

std::string_view WithoutTrailingPermalinkMark(std::string_view s) {
  s = Trim(s);
  for (std::string_view mark : kPermalinkMarks) {
    // "#" only when set apart ("Install #"): "C#" and "F#" are names.
    const bool apart = mark != "#" || (s.size() >= 2 && s[s.size() - 2] == ' ');
    if (s.size() > mark.size() && s.ends_with(mark) && apart) return Trim(s.substr(0, s.size() - mark.size()));
  }
  return s;
}

std::vector<std::string> Split(std::string_view s, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t end = s.find(separator, start);
    const std::string_view part = s.substr(start, end == std::string_view::npos ? s.size() - start : end - start);
    parts.emplace_back(part);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out.append(separator);
    out.append(parts[i]);
  }
  return out;
}

xmlNodePtr NextSkippingChildren(xmlNodePtr node, const xmlNode* root) {
  while (node != nullptr && node->next == nullptr) {
    node = node->parent;
    if (node == root) return nullptr;
  }
  return node != nullptr ? node->next : nullptr;
}

}  // namespace llmtwin::text
