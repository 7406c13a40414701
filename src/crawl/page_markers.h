// Recognising what a fetched page is, before trusting it as content: a bot wall / challenge
// page, a login wall, or a Medium or Substack page on a custom domain.
//
// Markers are the ones the platforms actually serve (DESIGN.md §4): Cloudflare's "Just a moment…"
// interstitial and its cf-* markers, LinkedIn's authwall, Medium's og:site_name / app-link metas,
// Substack's substackcdn.com assets in <head>. Each check is conservative: a false "wall" loses a
// page with a clear message, a false "content" would store a wall as an article.
#pragma once

#include <string_view>

#include "extract/html_document.h"
#include "fetch/fetcher.h"

namespace llmtwin {

// A bot-protection interstitial ("Just a moment…", "Verify you are human", cf-challenge markers,
// or a `cf-mitigated: challenge` response header). Never content.
bool IsChallengePage(const FetchResult& page);

// LinkedIn's login wall: a redirect to /authwall, /login, /uas/login, /checkpoint or /signup, or
// a page whose markup is the sign-in / join-now wall.
bool IsLoginWall(const FetchResult& page);

// Medium, on any domain: og:site_name = Medium, or the com.medium.reader app link.
bool IsMediumPage(const HtmlDocument& document);
bool IsMediumPage(const FetchResult& page);

// Substack, on any domain: substackcdn.com assets in <head> plus a Substack post/publication
// structure (window._preloads, or a post-title / available-content node).
bool IsSubstackPage(const HtmlDocument& document);
bool IsSubstackPage(const FetchResult& page);

}  // namespace llmtwin
