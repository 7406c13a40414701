#include "domain/url.h"

#include <curl/curl.h>
#include <idn2.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace llmtwin {
namespace {

struct CurlUrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
using CurlUrlHandle = std::unique_ptr<CURLU, CurlUrlDeleter>;

struct CurlStringDeleter {
  void operator()(char* s) const { curl_free(s); }
};

// Reads one part; empty string when the part is absent.
std::string GetPart(CURLU* u, CURLUPart part, unsigned flags = 0) {
  char* raw = nullptr;
  if (curl_url_get(u, part, &raw, flags) != CURLUE_OK || raw == nullptr) return {};
  std::unique_ptr<char, CurlStringDeleter> owned(raw);
  return std::string(raw);
}

// ASCII only: the bytes of a UTF-8 host name must reach IDNA unchanged whatever the locale.
std::string Lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// A host for a message: bytes that are not valid UTF-8 are shown as %XX.
std::string Shown(const std::string& host, bool valid_utf8) {
  if (valid_utf8) return host;
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : host) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

// The ASCII form of a host (IDNA2008 with UTS #46 non-transitional mapping, libidn2; UTF-8 in,
// so the process locale plays no part): every label with a non-ASCII character becomes its
// punycode "xn--" form (or the ASCII it maps to: full-width letters, the ideographic full stop),
// ASCII labels stay as they are (IDNA's hyphen rules are not applied to them, as in browsers).
// std::nullopt with `why` set when IDNA rejects a label, or maps it to characters no host name
// has (U+FF0F FULLWIDTH SOLIDUS maps to "/": "evil.com／x.example" must not become a host
// "evil.com" with a path).
std::optional<std::string> AsciiHost(const std::string& host, std::string* why) {
  if (IsAscii(host)) return host;
  std::string out;
  size_t start = 0;
  while (true) {
    const size_t dot = host.find('.', start);
    const std::string label = host.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (IsAscii(label)) {
      out += label;
    } else {
      char* converted = nullptr;
      const int rc = idn2_to_ascii_8z(label.c_str(), &converted, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
      std::string ascii = rc == IDN2_OK && converted != nullptr ? std::string(converted) : std::string();
      idn2_free(converted);
      if (rc != IDN2_OK) {
        if (why)
          *why = "has an invalid internationalised host name '" + Shown(host, rc != IDN2_ENCODING_ERROR) +
                 "' (" + idn2_strerror(rc) + ")";
        return std::nullopt;
      }
      const bool host_characters = std::all_of(ascii.begin(), ascii.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
      });
      if (!host_characters) {
        if (why)
          *why = "has an invalid internationalised host name '" + host + "' (its label '" + label +
                 "' maps to '" + ascii + "', which has characters no host name has)";
        return std::nullopt;
      }
      out += ascii;
    }
    if (dot == std::string::npos) break;
    out += '.';
    start = dot + 1;
  }
  return out;
}

constexpr size_t kMaxUrlLength = 8192;  // browsers and servers reject longer ones in practice

}  // namespace

std::string Url::ToString(bool with_credentials) const {
  std::string out = scheme + "://";
  if (with_credentials && !user.empty()) {
    out += user;
    if (!password.empty()) out += ":" + password;
    out += "@";
  }
  out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != 0) out += ":" + std::to_string(port);
  out += path.empty() ? "/" : path;
  if (!query.empty()) out += "?" + query;
  if (!fragment.empty()) out += "#" + fragment;
  return out;
}

namespace {

// ParseUrl without the IDN conversion: the host as written (lower-cased ASCII letters).
std::optional<Url> ParseAsWritten(std::string_view text) {
  if (text.empty() || text.size() > kMaxUrlLength) return std::nullopt;
  if (text.find_first_of(std::string_view("\0\r\n\t ", 5)) != std::string_view::npos) return std::nullopt;
  CurlUrlHandle u(curl_url());
  if (!u) return std::nullopt;
  const std::string copy(text);
  if (curl_url_set(u.get(), CURLUPART_URL, copy.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) return std::nullopt;
  Url url;
  url.scheme = Lower(GetPart(u.get(), CURLUPART_SCHEME));
  url.user = GetPart(u.get(), CURLUPART_USER);
  url.password = GetPart(u.get(), CURLUPART_PASSWORD);
  url.host = Lower(GetPart(u.get(), CURLUPART_HOST));
  if (!url.host.empty() && url.host.front() == '[' && url.host.back() == ']') url.host = url.host.substr(1, url.host.size() - 2);
  const std::string port = GetPart(u.get(), CURLUPART_PORT);
  url.port = port.empty() ? 0 : std::atoi(port.c_str());
  url.path = GetPart(u.get(), CURLUPART_PATH);
  if (url.path.empty()) url.path = "/";
  url.query = GetPart(u.get(), CURLUPART_QUERY);
  url.fragment = GetPart(u.get(), CURLUPART_FRAGMENT);
  return url;
}

}  // namespace

std::optional<Url> ParseUrl(std::string_view text) {
  auto url = ParseAsWritten(text);
  if (!url) return std::nullopt;
  // A host IDNA rejects stays as written here (a caller that only strips credentials still can);
  // ParseHttpUrl refuses it.
  if (auto ascii = AsciiHost(url->host, nullptr)) url->host = std::move(*ascii);
  return url;
}

std::optional<Url> ParseHttpUrl(std::string_view text, std::string* why) {
  auto fail = [&](const std::string& reason) -> std::optional<Url> {
    if (why) *why = reason;
    return std::nullopt;
  };
  if (text.size() > kMaxUrlLength) return fail("is longer than 8192 characters");
  auto url = ParseAsWritten(text);
  if (!url) return fail("is not a valid URL");
  if (url->scheme != "http" && url->scheme != "https") return fail("is not an http(s) URL");
  if (url->host.empty()) return fail("has no host");
  std::string idn_why;
  auto ascii = AsciiHost(url->host, &idn_why);
  if (!ascii) return fail(idn_why);
  url->host = std::move(*ascii);
  if (url->host.empty()) return fail("has no host");
  // Empty labels ("..", ".x", "a..b") name no host; libcurl accepts some (http:///../x has host
  // ".."), and one trailing dot is the only empty label DNS allows.
  if (url->host.front() == '.' || url->host.find("..") != std::string::npos) return fail("has an invalid host name");
  return url;
}

std::optional<std::string> ResolveUrl(std::string_view base, std::string_view reference) {
  if (reference.size() > kMaxUrlLength) return std::nullopt;
  CurlUrlHandle u(curl_url());
  if (!u) return std::nullopt;
  const std::string b(base), r(reference);
  if (curl_url_set(u.get(), CURLUPART_URL, b.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) return std::nullopt;
  if (curl_url_set(u.get(), CURLUPART_URL, r.c_str(), CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) return std::nullopt;
  std::string out = GetPart(u.get(), CURLUPART_URL);
  if (out.empty()) return std::nullopt;
  return out;
}

bool IsTrackingParameter(std::string_view name) {
  std::string n(name);
  std::transform(n.begin(), n.end(), n.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (n.rfind("utm_", 0) == 0) return true;
  static const char* const kNoise[] = {
      "r",        // Substack referral (?r=1ttoeh)
      "source",   // Medium (?source=rss-..., ?source=post_page-----)
      "sk",       // Medium's friend-link key
      "ref", "ref_src", "ref_url", "referrer",
      "fbclid", "gclid", "dclid", "msclkid", "yclid", "twclid", "igshid", "li_fat_id",
      "mc_cid", "mc_eid", "_hsenc", "_hsmi", "hsctatracking", "mkt_tok", "oly_anon_id", "oly_enc_id",
      "trk", "trackingid", "lipi",  // LinkedIn
      "s", "triedredirect", "showwelcomeonshare", "utm",  // Substack/Twitter share noise
  };
  for (const char* noise : kNoise)
    if (n == noise) return true;
  return false;
}

namespace {

std::optional<std::string> NormalizeOnce(std::string_view link) {
  auto url = ParseHttpUrl(link);
  if (!url) return std::nullopt;
  if ((url->scheme == "http" && url->port == 80) || (url->scheme == "https" && url->port == 443)) url->port = 0;
  if (!url->host.empty() && url->host.back() == '.') url->host.pop_back();  // "example.com." is example.com
  url->user.clear();
  url->password.clear();
  url->fragment.clear();

  // Decode percent-escapes of unreserved characters (RFC 3986 §6.2.2.2) and upper-case the rest;
  // bytes beyond ASCII are percent-encoded as browsers send them (/straße is /stra%C3%9Fe).
  auto normalize_escapes = [](const std::string& in) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(in.size());
    for (size_t i = 0; i < in.size(); ++i) {
      const auto byte = static_cast<unsigned char>(in[i]);
      if (byte >= 0x80) {
        out.push_back('%');
        out.push_back(kHex[byte >> 4]);
        out.push_back(kHex[byte & 0xF]);
        continue;
      }
      if (in[i] == '%' && i + 2 < in.size() && std::isxdigit(static_cast<unsigned char>(in[i + 1])) &&
          std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
        const int v = std::stoi(in.substr(i + 1, 2), nullptr, 16);
        if (std::isalnum(v) || v == '-' || v == '.' || v == '_' || v == '~') {
          out.push_back(static_cast<char>(v));
        } else {
          out.push_back('%');
          out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(in[i + 1]))));
          out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(in[i + 2]))));
        }
        i += 2;
      } else {
        out.push_back(in[i]);
      }
    }
    return out;
  };
  std::string path = normalize_escapes(url->path);
  for (const char* index : {"/index.html", "/index.htm", "/index.php"}) {
    const std::string_view suffix(index);
    if (path.size() >= suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0)
      path.resize(path.size() - suffix.size() + 1);
  }
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  if (path.empty()) path = "/";
  url->path = path;

  std::vector<std::string> kept;
  size_t start = 0;
  const std::string& q = url->query;
  while (start <= q.size() && !q.empty()) {
    size_t end = q.find('&', start);
    if (end == std::string::npos) end = q.size();
    std::string param = q.substr(start, end - start);
    if (!param.empty()) {
      const std::string name = param.substr(0, param.find('='));
      if (!IsTrackingParameter(name)) kept.push_back(normalize_escapes(param));
    }
    start = end + 1;
  }
  std::sort(kept.begin(), kept.end());
  url->query.clear();
  for (size_t i = 0; i < kept.size(); ++i) url->query += (i ? "&" : "") + kept[i];
  return url->ToString();
}

}  // namespace

std::optional<std::string> NormalizeUrl(std::string_view link) {
  // The key must be stable: normalising it again must give it back. curl accepts some odd forms
  // (found by the URL fuzzer, e.g. "http://[::1!]:@80.8.?y") whose reassembly parses differently;
  // such a link has no trustworthy key and is refused like any other non-URL.
  auto key = NormalizeOnce(link);
  if (!key) return std::nullopt;
  auto again = NormalizeOnce(*key);
  if (!again || *again != *key) return std::nullopt;
  return key;
}

std::optional<std::string> NormalizeUrlKeepingRawUtf8(std::string_view link) {
  auto key = NormalizeUrl(link);
  if (!key) return std::nullopt;
  // Today's key with the escapes of bytes beyond ASCII turned back into the bytes: the key of
  // the link as written raw, whichever way it is written now.
  const auto hex = [](char c) { return c <= '9' ? c - '0' : c - 'A' + 10; };
  std::string raw;
  raw.reserve(key->size());
  for (size_t i = 0; i < key->size(); ++i) {
    // NormalizeUrl's escapes are upper-case hex; "%80" and above stand for bytes beyond ASCII.
    if ((*key)[i] == '%' && i + 2 < key->size() && std::isxdigit(static_cast<unsigned char>((*key)[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>((*key)[i + 2])) && hex((*key)[i + 1]) >= 8) {
      raw.push_back(static_cast<char>(hex((*key)[i + 1]) * 16 + hex((*key)[i + 2])));
      i += 2;
    } else {
      raw.push_back((*key)[i]);
    }
  }
  return raw;
}

}  // namespace llmtwin
