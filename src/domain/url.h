// URL parsing for links given by users and found in pages.
//
// Parsing uses libcurl's URL API (RFC 3986 plus the WHATWG leniencies browsers apply), so that
// what we validate is exactly what the fetcher will request. Only http and https are links we
// crawl. NormalizeUrl turns a link into the key we deduplicate on.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace llmtwin {

struct Url {
  std::string scheme;    // lower case
  std::string user;      // may be empty
  std::string password;  // may be empty; never log it
  std::string host;      // lower case; an internationalised (IDN) host in its punycode form
  int port = 0;          // 0 = the scheme's default
  std::string path;      // starts with "/"
  std::string query;     // without "?"; empty when absent
  std::string fragment;  // without "#"; empty when absent

  // Reassembles the URL (without user/password unless `with_credentials`).
  std::string ToString(bool with_credentials = false) const;
};

// Internationalised hosts: a host written with non-ASCII characters ("bücher.example", also
// percent-encoded UTF-8) is converted to its ASCII form ("xn--bcher-kva.example") by IDNA2008 with
// the UTS #46 non-transitional mapping (libidn2; "straße.de" is xn--strae-oqa.de, not strasse.de),
// label by label: ASCII labels stay as written. This is ours, not libcurl's: curl's conversion
// depends on the process locale, and we run in "C". So what we validate, deduplicate, route and
// fetch is the punycode host.

// Parses an absolute URL of any scheme; std::nullopt when it is not a URL at all. A host that IDNA
// rejects is kept as written (ParseHttpUrl refuses it).
std::optional<Url> ParseUrl(std::string_view text);

// Parses and checks that the URL is http(s) with a host. On failure returns std::nullopt and, when
// `why` is given, a short reason ("not an http(s) URL", "has no host", "has an invalid
// internationalised host name 'HOST' (IDNA's reason)", ...).
std::optional<Url> ParseHttpUrl(std::string_view text, std::string* why = nullptr);

// Resolves `reference` (absolute or relative) against `base`; std::nullopt when impossible.
std::optional<std::string> ResolveUrl(std::string_view base, std::string_view reference);

// The dedupe key of a link: scheme and host lower-cased (an IDN host in its punycode form, so
// https://bücher.example/ and https://xn--bcher-kva.example/ share a key), default port dropped,
// fragment dropped, tracking and referral parameters removed (utm_*, Substack's `r`, Medium's
// `source`, fbclid, gclid, mc_cid, ...), remaining parameters sorted, `index.html`-free and
// without a trailing slash (except the root "/"), percent-encoding of unreserved characters
// decoded (other escapes upper-cased), and path and query bytes beyond ASCII percent-encoded as
// browsers send them (/straße and /stra%C3%9Fe share a key). The book stored
// Substack links with `?r=1ttoeh`; they normalise to the same key as the clean link.
// Returns std::nullopt when `link` is not an http(s) URL.
std::optional<std::string> NormalizeUrl(std::string_view link);

// The key earlier builds (until November 2026) gave the link written with raw bytes beyond ASCII
// in its path and query: NormalizeUrl's with those escapes decoded. Warehouses written then hold
// such keys, so lookups by link try both forms.
std::optional<std::string> NormalizeUrlKeepingRawUtf8(std::string_view link);

// Whether a query parameter name is tracking or referral noise that NormalizeUrl removes.
bool IsTrackingParameter(std::string_view name);

}  // namespace llmtwin
