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
    // Copy the run of non-space ASCII quickly.
    size_t j = i + 1;
    while (j < s.size()) {
      const auto c = static_cast<unsigned char>(s[j]);
      if (c <= ' ' || c >= 0xC2) break;
      ++j;
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
