#include "crawl/page_markers.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <initializer_list>
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

// The same on a whole page: glibc's memmem skips ahead where find() stops at every occurrence of
// the needle's first letter ('s' of "substack", 'm' of "medium").
bool PageContains(std::string_view page, std::string_view needle) {
  return memmem(page.data(), page.size(), needle.data(), needle.size()) != nullptr;
}

// Whether a <title> of `page` (the tag in lower or upper case) starts with one of `lower_prefixes`,
// ignoring ASCII case. The tag is found with memmem (a page has one or two titles); a scan that
// stopped at every '<' of the page to compare was 2-3% of the ETL's CPU.
bool TitleStartsWith(std::string_view page, std::initializer_list<std::string_view> lower_prefixes) {
  const auto fold = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  for (const std::string_view tag : {std::string_view("title>"), std::string_view("TITLE>")}) {
    for (std::size_t pos = 0; pos < page.size();) {
      const void* found = memmem(page.data() + pos, page.size() - pos, tag.data(), tag.size());
      if (found == nullptr) break;
      const auto at = static_cast<std::size_t>(static_cast<const char*>(found) - page.data());
      pos = at + tag.size();
      if (at == 0 || page[at - 1] != '<') continue;  // "</title>" or text
      const std::string_view text = page.substr(pos);
      for (const std::string_view prefix : lower_prefixes)
        if (text.size() >= prefix.size() &&
            std::equal(prefix.begin(), prefix.end(), text.begin(), [&](char p, char t) { return p == fold(t); }))
          return true;
    }
  }
  return false;
}

}  // namespace

bool IsChallengePage(const FetchResult& page) {
  if (Lower(page.Header("cf-mitigated")) == "challenge") return true;
  // Searched without a lower-cased copy of the page (most pages are neither walls nor small).
  const std::string_view head(page.body.data(), std::min<size_t>(page.body.size(), 256 * 1024));
  // Only interstitials carry these, whatever their size.
  // (a script's variable: its case is JavaScript's)
  if (memmem(head.data(), head.size(), "window._cf_chl_opt", 18) != nullptr ||
      TitleStartsWith(head, {"just a moment", "attention required! | cloudflare", "verify you are human"}))
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
  if (!PageContains(body, "Medium") && !PageContains(body, "medium")) return false;
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
  if (!LooksLikeHtml(page) || !PageContains(page.body, "substack")) return false;
  return IsSubstackPage(HtmlDocument::ParseUtf8(page.body, page.final_url));
}

}  // namespace llmtwin
