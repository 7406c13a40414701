#include "crawl/page_markers.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <string>

#include "crawl/crawl_util.h"
#include "domain/url.h"

namespace llmtwin {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool Contains(std::string_view haystack, std::string_view needle) { return haystack.find(needle) != std::string_view::npos; }

// Whether `haystack` contains `lower_needle` (lower case) ignoring ASCII case, without a
// lower-cased copy of the page: Boyer-Moore-Horspool on case-folded bytes skips about a needle's
// length at each step (a first-byte scan stopped at every '<' of the page for "<title>").
bool ContainsIgnoreCase(std::string_view haystack, std::string_view lower_needle) {
  if (lower_needle.empty()) return true;
  const auto fold = [](char c) { return static_cast<unsigned char>((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c); };
  const std::size_t n = lower_needle.size();
  if (haystack.size() < n) return false;
  std::array<std::size_t, 256> shift;
  shift.fill(n);
  for (std::size_t k = 0; k + 1 < n; ++k) shift[fold(lower_needle[k])] = n - 1 - k;
  for (std::size_t i = 0; i + n <= haystack.size(); i += shift[fold(haystack[i + n - 1])]) {
    std::size_t k = n;
    while (k > 0 && fold(haystack[i + k - 1]) == static_cast<unsigned char>(lower_needle[k - 1])) --k;
    if (k == 0) return true;
  }
  return false;
}

}  // namespace

bool IsChallengePage(const FetchResult& page) {
  if (Lower(page.Header("cf-mitigated")) == "challenge") return true;
  // Searched without a lower-cased copy of the page (most pages are neither walls nor small).
  const std::string_view head(page.body.data(), std::min<size_t>(page.body.size(), 256 * 1024));
  // Only interstitials carry these, whatever their size.
  if (ContainsIgnoreCase(head, "window._cf_chl_opt") || ContainsIgnoreCase(head, "<title>just a moment") ||
      ContainsIgnoreCase(head, "<title>attention required! | cloudflare") ||
      ContainsIgnoreCase(head, "<title>verify you are human"))
    return true;
  // These also appear on real pages (Cloudflare injects /cdn-cgi/challenge-platform/scripts/jsd into
  // normal pages; comment forms embed Turnstile): they count only on a page too small to be an
  // article.
  if (page.body.size() > 48 * 1024) return false;
  const std::string lower = Lower(head);
  static constexpr std::array kWeakMarkers = {"cf-challenge", "challenge-platform", "cf-turnstile", "challenges.cloudflare.com",
                                              "verify you are human", "enable javascript and cookies to continue",
                                              "checking if the site connection is secure"};
  int found = 0;
  for (const char* marker : kWeakMarkers) found += Contains(lower, marker);
  return found >= 2;
}

bool IsLoginWall(const FetchResult& page) {
  for (const std::string& url : {page.final_url, page.requested_url}) {
    const auto segments = PathSegments(url);
    if (segments.empty()) continue;
    static constexpr std::array kWallPaths = {"authwall", "login", "uas", "checkpoint", "signup", "signin"};
    for (const char* wall : kWallPaths)
      if (segments[0] == wall) return true;
  }
  const std::string lower = Lower(std::string_view(page.body.data(), std::min<size_t>(page.body.size(), 512 * 1024)));
  // The authwall page itself names its page key; public pages only link to it (trk=..._authwall).
  if ((Contains(lower, "content=\"d_authwall\"") || Contains(lower, "<body class=\"authwall")) &&
      !Contains(lower, "socialmediaposting"))
    return true;
  // The sign-in wall: both calls to action, and no article or post markup to read.
  const bool wall_text = Contains(lower, "sign in") && Contains(lower, "join now");
  const bool has_content = Contains(lower, "socialmediaposting") || Contains(lower, "article-content__body") ||
                           Contains(lower, "\"articlebody\"") || Contains(lower, "<article");
  return wall_text && !has_content &&
         (Contains(lower, "<title>sign in") || Contains(lower, "<title>linkedin login") ||
          Contains(lower, "<title>sign up") || Contains(lower, "join linkedin"));
}

bool IsMediumPage(const HtmlDocument& document) {
  if (Lower(document.MetaContent("og:site_name")) == "medium") return true;
  for (const char* name : {"al:android:package", "al:ios:app_name"}) {
    const std::string value = Lower(document.MetaContent(name));
    if (value == "com.medium.reader" || value == "medium") return true;
  }
  return false;
}

bool IsMediumPage(const FetchResult& page) {
  if (!LooksLikeHtml(page)) return false;
  const std::string_view body = page.body;
  // Cheap pre-check before parsing: the markers must be in the text somewhere.
  if (!Contains(body, "Medium") && !Contains(body, "medium")) return false;
  return IsMediumPage(HtmlDocument::ParseUtf8(body, page.final_url));
}

bool IsSubstackPage(const HtmlDocument& document) {
  bool cdn_in_head = false;
  for (const HtmlNode& node : document.Select("head link, head script, head meta")) {
    const std::string value = node.Attr("href") + " " + node.Attr("src") + " " + node.Attr("content");
    if (Contains(value, "substackcdn.com") || Contains(value, "substack.com/")) {
      cdn_in_head = true;
      break;
    }
  }
  if (!cdn_in_head) return false;
  if (!document.ScriptAssignedJson("window._preloads").empty()) return true;
  return static_cast<bool>(document.SelectFirst("h1.post-title, .available-content, .post-header, .pencraft"));
}

bool IsSubstackPage(const FetchResult& page) {
  if (!LooksLikeHtml(page) || !Contains(page.body, "substack")) return false;
  return IsSubstackPage(HtmlDocument::ParseUtf8(page.body, page.final_url));
}

}  // namespace llmtwin
