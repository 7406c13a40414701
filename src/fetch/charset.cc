#include "fetch/charset.h"

#include <iconv.h>

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>

namespace llmtwin {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string StripQuotes(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '"' || v.front() == '\'')) v.remove_prefix(1);
  size_t end = 0;
  while (end < v.size() && v[end] != '"' && v[end] != '\'' && v[end] != ';' && v[end] != ' ' && v[end] != '>' &&
         v[end] != '/' && v[end] != ',')
    ++end;
  return Lower(v.substr(0, end));
}

// Browsers decode these labels as windows-1252 (WHATWG Encoding standard).
std::string CanonicalCharset(std::string label) {
  if (label == "latin1" || label == "iso-8859-1" || label == "iso8859-1" || label == "iso_8859-1" ||
      label == "us-ascii" || label == "ascii" || label == "cp1252" || label == "x-cp1252" || label == "l1")
    return "windows-1252";
  if (label == "utf8" || label == "unicode-1-1-utf-8") return "utf-8";
  if (label == "shift-jis" || label == "sjis" || label == "x-sjis") return "shift_jis";
  if (label == "gb2312" || label == "x-gbk") return "gbk";
  return label;
}

// Length of the valid UTF-8 sequence starting at s[i], 0 if invalid.
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = 0;
  unsigned min = 0;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) n = 2, min = 0x80;
  else if ((c & 0xF0) == 0xE0) n = 3, min = 0x800;
  else if ((c & 0xF8) == 0xF0) n = 4, min = 0x10000;
  else return 0;
  if (i + n > s.size()) return 0;
  unsigned cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    const unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Copies valid UTF-8 and replaces each invalid byte by U+FFFD.
DecodedText SanitizeUtf8(std::string_view body, std::string charset) {
  DecodedText out;
  out.charset = std::move(charset);
  out.text.reserve(body.size());
  size_t i = 0;
  while (i < body.size()) {
    // Fast path over ASCII runs.
    size_t j = i;
    while (j < body.size() && static_cast<unsigned char>(body[j]) < 0x80) ++j;
    out.text.append(body.substr(i, j - i));
    i = j;
    if (i >= body.size()) break;
    const size_t n = Utf8SequenceLength(body, i);
    if (n == 0) {
      out.text.append(kReplacement);
      ++out.replaced;
      ++i;
    } else {
      out.text.append(body.substr(i, n));
      i += n;
    }
  }
  return out;
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    // Eight ASCII bytes at a time.
    if (i + 8 <= s.size()) {
      uint64_t block;
      std::memcpy(&block, s.data() + i, 8);
      if ((block & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const size_t n = Utf8SequenceLength(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};
using IconvHandle = std::unique_ptr<void, IconvCloser>;

// Converts with iconv; std::nullopt-like empty handle means the charset is unknown.
bool ConvertWithIconv(std::string_view body, const std::string& charset, DecodedText& out) {
  iconv_t raw = iconv_open("UTF-8", charset.c_str());
  if (raw == reinterpret_cast<iconv_t>(-1)) return false;
  IconvHandle cd(raw);
  out.charset = charset;
  out.text.clear();
  out.text.reserve(body.size() + body.size() / 2);
  char* in = const_cast<char*>(body.data());
  size_t in_left = body.size();
  char buffer[16384];
  while (in_left > 0) {
    char* dst = buffer;
    size_t dst_left = sizeof buffer;
    const size_t rc = iconv(raw, &in, &in_left, &dst, &dst_left);
    out.text.append(buffer, dst - buffer);
    if (rc == static_cast<size_t>(-1)) {
      if (errno == E2BIG) continue;
      // EILSEQ (invalid) or EINVAL (truncated at the end): replace one byte and go on.
      out.text.append(kReplacement);
      ++out.replaced;
      ++in;
      --in_left;
      iconv(raw, nullptr, nullptr, nullptr, nullptr);
    }
  }
  return true;
}

}  // namespace

std::string CharsetFromContentType(std::string_view content_type) {
  const std::string lower = Lower(content_type);
  const size_t at = lower.find("charset=");
  if (at == std::string::npos) return "";
  return StripQuotes(std::string_view(lower).substr(at + 8));
}

std::string CharsetFromDocument(std::string_view head) {
  const std::string lower = Lower(head.substr(0, 4096));
  if (lower.rfind("<?xml", 0) == 0) {
    const size_t end = lower.find("?>");
    const size_t enc = lower.find("encoding=");
    if (enc != std::string::npos && (end == std::string::npos || enc < end))
      return StripQuotes(std::string_view(lower).substr(enc + 9));
  }
  size_t pos = 0;
  while ((pos = lower.find("<meta", pos)) != std::string::npos) {
    const size_t end = lower.find('>', pos);
    const std::string_view tag(lower.data() + pos, (end == std::string::npos ? lower.size() : end) - pos);
    pos += 5;
    if (const size_t cs = tag.find("charset="); cs != std::string::npos) {
      // <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">
      std::string value = StripQuotes(tag.substr(cs + 8));
      if (!value.empty()) return value;
    }
  }
  return "";
}

bool IsTextContentType(std::string_view content_type) {
  const std::string t = Lower(content_type.substr(0, content_type.find(';')));
  if (t.empty() || t.rfind("text/", 0) == 0) return true;
  for (const char* marker : {"xml", "json", "javascript", "ecmascript", "x-www-form-urlencoded", "csv", "yaml"})
    if (t.find(marker) != std::string::npos) return true;
  return false;
}

DecodedText DecodeToUtf8(std::string_view body, std::string_view content_type) {
  std::string charset;
  // A byte-order mark wins over every label (HTML standard, "BOM sniffing").
  if (body.substr(0, 3) == "\xEF\xBB\xBF") return SanitizeUtf8(body.substr(3), "utf-8");
  if (body.substr(0, 2) == "\xFF\xFE") charset = "utf-16le";
  else if (body.substr(0, 2) == "\xFE\xFF") charset = "utf-16be";
  if (!charset.empty()) {
    DecodedText out;
    ConvertWithIconv(body.substr(2), charset, out);
    return out;
  }
  charset = CharsetFromContentType(content_type);
  if (charset.empty()) charset = CharsetFromDocument(body);
  charset = CanonicalCharset(charset);
  if (charset.empty()) charset = IsValidUtf8(body) ? "utf-8" : "windows-1252";
  if (charset == "utf-8") return SanitizeUtf8(body, "utf-8");
  DecodedText out;
  if (!ConvertWithIconv(body, charset, out)) {
    out = SanitizeUtf8(body, "utf-8");
    out.known = false;
  }
  return out;
}

DecodedText DecodeOwnedToUtf8(std::string&& body, std::string_view content_type) {
  const bool has_bom = body.size() >= 2 && (static_cast<unsigned char>(body[0]) >= 0xEF);
  if (!has_bom) {
    std::string charset = CharsetFromContentType(content_type);
    if (charset.empty()) charset = CharsetFromDocument(body);
    charset = CanonicalCharset(charset);
    if ((charset.empty() || charset == "utf-8") && IsValidUtf8(body)) {
      DecodedText out;
      out.text = std::move(body);
      out.charset = "utf-8";
      return out;
    }
  }
  return DecodeToUtf8(std::string_view(body), content_type);
}

}  // namespace llmtwin
