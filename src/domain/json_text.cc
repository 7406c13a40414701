#include "domain/json_text.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace llmtwin {
namespace {

// Whether `s` is well-formed UTF-8 (Unicode 15, table 3-7: no overlong forms, no surrogates,
// nothing above U+10FFFF), the same bytes nlohmann's decoder accepts.
bool IsWellFormedUtf8(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const std::size_t n = s.size();
  while (i < n) {
    const unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t extra;
    unsigned char low = 0x80, high = 0xBF;  // the bounds of the second byte
    if (c >= 0xC2 && c <= 0xDF) extra = 1;
    else if (c == 0xE0) extra = 2, low = 0xA0;
    else if (c >= 0xE1 && c <= 0xEC) extra = 2;
    else if (c == 0xED) extra = 2, high = 0x9F;
    else if (c >= 0xEE && c <= 0xEF) extra = 2;
    else if (c == 0xF0) extra = 3, low = 0x90;
    else if (c >= 0xF1 && c <= 0xF3) extra = 3;
    else if (c == 0xF4) extra = 3, high = 0x8F;
    else return false;
    if (i + extra >= n) return false;  // cut short
    if (byte(i + 1) < low || byte(i + 1) > high) return false;
    for (std::size_t k = 2; k <= extra; ++k)
      if ((byte(i + k) & 0xC0) != 0x80) return false;
    i += extra + 1;
  }
  return true;
}

// What a byte asks of the writer: 0 copy, 1 an escape, 2 a UTF-8 lead or continuation byte.
constexpr std::array<std::uint8_t, 256> kByteClass = [] {
  std::array<std::uint8_t, 256> classes{};
  for (int b = 0; b < 0x20; ++b) classes[b] = 1;
  classes['"'] = 1;
  classes['\\'] = 1;
  for (int b = 0x80; b < 0x100; ++b) classes[b] = 2;
  return classes;
}();

// Whether any of the eight bytes of `w` is below 0x20, '"' or '\\' (SWAR; the test is exact).
bool HasByteToEscape(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  const auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  const std::uint64_t below_space = (w - 0x20 * kOnes) & ~w & kHighs;
  return (below_space | has_zero(w ^ ('"' * kOnes)) | has_zero(w ^ ('\\' * kOnes))) != 0;
}

void AppendEscaped(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (kByteClass[static_cast<unsigned char>(s[i])] == 2) {
      if (!IsWellFormedUtf8(s, i)) {
        out += Json(std::string(s)).dump();  // nlohmann's own error (type_error 316)
        return;
      }
      break;
    }
  }
  out += '"';
  std::size_t run = 0;  // the start of the bytes not yet written
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Eight bytes at a time while none needs an escape (nearly all of a text).
    while (i + 8 <= s.size()) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (HasByteToEscape(word)) break;
      i += 8;
    }
    if (i >= s.size()) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (kByteClass[c] != 1) continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

}  // namespace

void AppendJsonText(std::string& out, const Json& json) {
  switch (json.type()) {
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (auto it = json.begin(); it != json.end(); ++it) {
        if (!first) out += ',';
        first = false;
        AppendEscaped(out, it.key());
        out += ':';
        AppendJsonText(out, it.value());
      }
      out += '}';
      return;
    }
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (const Json& value : json) {
        if (!first) out += ',';
        first = false;
        AppendJsonText(out, value);
      }
      out += ']';
      return;
    }
    case Json::value_t::string: AppendEscaped(out, json.get_ref<const std::string&>()); return;
    case Json::value_t::boolean: out += json.get<bool>() ? "true" : "false"; return;
    case Json::value_t::null: out += "null"; return;
    default: out += json.dump(); return;  // numbers, binary, discarded: nlohmann's spelling
  }
}

std::string JsonText(const Json& json) {
  std::string out;
  AppendJsonText(out, json);
  return out;
}

}  // namespace llmtwin
