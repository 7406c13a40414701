#include "crawl/substack_crawler.h"

#include <algorithm>
#include <set>
#include <vector>

#include "crawl/article_crawler.h"
#include "crawl/crawl_util.h"
#include "crawl/feed.h"
#include "crawl/host_pattern.h"
#include "crawl/page_markers.h"
#include "crawl/site_discovery.h"
#include "domain/link.h"
#include "domain/url.h"
#include "extract/extractor.h"

namespace llmtwin {
namespace {

constexpr int kArchivePageSize = 12;
constexpr int kMaxArchivePages = 200;

std::string String(const nlohmann::json& object, const char* key) {
  if (!object.is_object() || !object.contains(key)) return {};
  const auto& value = object[key];
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  return {};
}

// JSON-LD isAccessibleForFree as a tri-state: 1 free, 0 gated, -1 not said.
int AccessibleForFree(const PageMetadata& metadata) {
  for (const auto& object : metadata.json_ld) {
    if (!object.is_object() || !object.contains("isAccessibleForFree")) continue;
    const auto& value = object["isAccessibleForFree"];
    if (value.is_boolean()) return value.get<bool>() ? 1 : 0;
    if (value.is_string()) return value.get<std::string>() == "False" || value.get<std::string>() == "false" ? 0 : 1;
  }
  return -1;
}

CrawlOutcome Skipped(std::string_view crawler, const std::string& link) {
  CrawlOutcome outcome = FailedOutcome(crawler, "paywalled",
                                       link + ": a paid post; skipped because skip_paywalled is set (unset it to store the public part)");
  outcome.status = CrawlStatus::kSkipped;
  return outcome;
}

}  // namespace

HtmlDocument CleanedSubstackBody(std::string_view body_html) {
  HtmlDocument document = HtmlDocument::ParseUtf8("<html><body>" + std::string(body_html) + "</body></html>");
  RemoveSubstackWidgets(document.Body());
  return document;
}

void RemoveSubstackWidgets(const HtmlNode& root) {
  // The widgets, any element with one of these classes; a widget inside another one goes with its
  // ancestor. One walk that does not descend into a widget finds exactly the outermost ones.
  static constexpr std::string_view kWidgetClasses[] = {
      "subscription-widget-wrap", "subscription-widget-wrap-editor", "subscribe-widget", "paywall-jump",
      "button-wrapper", "captioned-button-wrap", "share-dialog", "install-substack-app-embed",
      "digest-post-embed", "footnote-anchor-menu"};
  std::vector<xmlNodePtr> outermost;
  std::string storage;
  ForEachElement(root.get(), [&](xmlNodePtr element) {
    const std::string_view classes = AttrValue(element, "class", storage);
    if (classes.empty()) return true;
    for (std::string_view widget : kWidgetClasses) {
      if (HasClassToken(classes, widget)) {
        outermost.push_back(element);
        return false;
      }
    }
    return true;
  });
  // Unlinked and freed after the walk, which must not step on freed nodes.
  for (xmlNodePtr node : outermost) {
    xmlUnlinkNode(node);
    xmlFreeNode(node);
  }
}

std::string SubstackSlug(std::string_view url) {
  const auto segments = PathSegments(url);
  return segments.size() >= 2 && segments[0] == "p" ? segments[1] : std::string();
}

bool IsSubstackAppPostLink(std::string_view url) {
  static const HostPattern kApp = *HostPattern::Parse("substack.com");  // and www.substack.com
  const auto parsed = ParseHttpUrl(url);
  if (!parsed || !kApp.Matches(*parsed)) return false;
  const auto segments = PathSegments(url);
  const auto post_id = [](const std::string& segment) {
    return segment.size() > 2 && segment.starts_with("p-") &&
           segment.find_first_not_of("0123456789", 2) == std::string::npos;
  };
  return (segments.size() >= 2 && segments[0].starts_with("@") && post_id(segments[1])) ||
         (segments.size() >= 3 && segments[0] == "home" && segments[1] == "post" && post_id(segments[2]));
}

bool IsGatedAudience(std::string_view audience) {
  return !audience.empty() && audience != "everyone";
}

CrawlOutcome SubstackCrawler::Crawl(const std::string& link, CrawlContext& ctx) { return CrawlFrom(link, nullptr, ctx); }

CrawlOutcome SubstackCrawler::CrawlFetched(const std::string& link, const FetchResult& page, CrawlContext& ctx) {
  return CrawlFrom(link, &page, ctx);
}

CrawlOutcome SubstackCrawler::CrawlFrom(const std::string& link, const FetchResult* given_page, CrawlContext& ctx) {
  std::string slug = SubstackSlug(link);
  std::string post_link = link;  // where the post lives: the link, or where an app link leads
  FetchResult app_page;
  if (slug.empty() && IsSubstackAppPostLink(link)) {
    // substack.com/@handle/p-<id> and /home/post/p-<id>: the app redirects to the publication's
    // /p/<slug> page, or shows the post itself (its object in window._preloads).
    if (!given_page) {
      app_page = FetchText(ctx, link, /*conditional=*/true);
      given_page = &app_page;
    }
    if (given_page->not_modified()) return OutcomeFromFetch(name(), *given_page);
    if (const std::string landed = SubstackSlug(given_page->final_url); !landed.empty()) {
      slug = landed;
      post_link = given_page->final_url;
    } else if (given_page->ok() && !IsChallengePage(*given_page) && LooksLikeHtml(*given_page)) {
      return FromPage(link, *given_page, ctx);
    } else {
      CrawlOutcome outcome = OutcomeFromFetch(name(), *given_page);
      if (outcome.status == CrawlStatus::kFailed) return outcome;
      return FailedOutcome(name(), "parse", link + ": the Substack app page led to no post");
    }
  }
  if (slug.empty()) {
    return FailedOutcome(name(), "unsupported",
                         link + ": not a Substack post URL (/p/<slug>); list a publication's posts with `llmtwin discover " +
                             link + "` or add it to `sources:`");
  }
  std::string why;
  const FetchResult api = FetchText(ctx, Origin(post_link) + "/api/v1/posts/" + slug, /*conditional=*/true,
                                    {{"Accept", "application/json"}});
  if (api.not_modified()) return OutcomeFromFetch(name(), api);
  if (api.ok()) {
    const auto post = nlohmann::json::parse(api.body, nullptr, false);
    if (post.is_object() && (post.contains("body_html") || post.contains("title")))
      return FromPost(post, link, "api", &api, ctx);
    why = "the API answered with something that is not a post";
  } else {
    why = "the API failed (" + OutcomeFromFetch(name(), api).message + ")";
  }
  FetchResult fetched;
  if (!given_page) fetched = FetchText(ctx, link, /*conditional=*/true);
  const FetchResult& page = given_page ? *given_page : fetched;
  if (page.not_modified()) return OutcomeFromFetch(name(), page);
  if (page.ok() && !IsChallengePage(page) && LooksLikeHtml(page)) {
    CrawlOutcome outcome = FromPage(link, page, ctx);
    if (outcome.status != CrawlStatus::kFailed) return outcome;
    why += "; " + outcome.message;
  } else {
    why += "; the page failed (" + OutcomeFromFetch(name(), page).message + ")";
  }
  CrawlOutcome outcome = FromFeed(link, post_link, slug, why, ctx);
  if (outcome.status == CrawlStatus::kFailed) {
    if ((page.status == 404 || page.status == 410) && (api.status == 404 || api.status == 410)) {
      outcome.error_category = "not-found";
    } else if (page.error != FetchErrorCategory::kNone) {
      // Every source failed because the page could not be fetched: the fetch's category (dns,
      // tls, timeout, ...) is what the user can act on, not "parse".
      outcome.error_category = std::string(FetchErrorCategoryName(page.error));
    }
  }
  return outcome;
}

namespace {

// The post's address on substack.com ("https://<publication>.substack.com/p/<slug>"), whichever
// domain it was reached at: the publication is the byline's whose id is the post's publication_id
// (its subdomain); empty when the post object does not say.
std::string SubstackIdentity(const nlohmann::json& post) {
  const std::string slug = String(post, "slug");
  if (slug.empty() || !post.contains("publishedBylines") || !post["publishedBylines"].is_array()) return {};
  const auto publication_id = post.find("publication_id");
  for (const auto& byline : post["publishedBylines"]) {
    if (!byline.is_object() || !byline.contains("publicationUsers") || !byline["publicationUsers"].is_array()) continue;
    for (const auto& user : byline["publicationUsers"]) {
      if (!user.is_object() || !user.contains("publication") || !user["publication"].is_object()) continue;
      const auto& publication = user["publication"];
      if (publication_id == post.end() || !publication.contains("id") || publication["id"] != *publication_id) continue;
      const std::string subdomain = String(publication, "subdomain");
      const bool plain = !subdomain.empty() && std::all_of(subdomain.begin(), subdomain.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      });
      if (plain) return SubstackIdentityLink(subdomain, slug);
    }
  }
  return {};
}

}  // namespace

CrawlOutcome SubstackCrawler::FromPost(const nlohmann::json& post, const std::string& link, const char* source,
                                       const FetchResult* response, CrawlContext& ctx) {
  const std::string audience = String(post, "audience");
  const bool gated = IsGatedAudience(audience);
  if (gated && ctx.options.skip_paywalled) return Skipped(name(), link);
  const std::string canonical = StripQueryParameters(String(post, "canonical_url"), {"r"});
  std::string body_html = String(post, "body_html");
  if (body_html.empty()) body_html = String(post, "longer_truncated_body_html");
  if (body_html.empty()) body_html = String(post, "truncated_body_html");
  ArticleDocument doc = NewArticle(ctx, "substack", link);
  doc.content.title = String(post, "title");
  if (std::string subtitle = String(post, "subtitle"); !subtitle.empty()) doc.content.subtitle = subtitle;
  doc.content.content = HtmlFragmentToMarkdown(CleanedSubstackBody(body_html).Body(), canonical.empty() ? link : canonical);
  if (doc.content.content.empty()) doc.content.content = String(post, "truncated_body_text");
  if (doc.content.content.empty() && !gated)
    return FailedOutcome(name(), "parse", link + ": the post object has no body");
  doc.meta.published_at = NormalizeDate(String(post, "post_date"));
  if (!canonical.empty() && NormalizeUrl(canonical) != NormalizeUrl(link)) doc.meta.canonical_url = canonical;
  doc.meta.paywalled = gated;
  if (!audience.empty()) doc.extra["audience"] = audience;
  if (std::string words = String(post, "wordcount"); !words.empty()) doc.extra["wordcount"] = std::atoll(words.c_str());
  if (post.contains("publishedBylines") && post["publishedBylines"].is_array()) {
    std::vector<std::string> names;
    for (const auto& byline : post["publishedBylines"])
      if (std::string n = String(byline, "name"); !n.empty()) names.push_back(n);
    if (!names.empty()) doc.extra["bylines"] = names;
  }
  doc.meta.identity_link = SubstackIdentity(post);
  // The publication's host: an app link (substack.com/@handle/p-<id>) names none.
  const auto home = ParseHttpUrl(canonical.empty() ? link : canonical);
  doc.extra["site"] = home ? home->host : ParseHttpUrl(link)->host;
  doc.extra["extracted_from"] = source;
  return CrawledArticle(name(), std::move(doc), response);
}

CrawlOutcome SubstackCrawler::FromPage(const std::string& link, const FetchResult& page, CrawlContext& ctx) {
  const HtmlDocument document = HtmlDocument::ParseUtf8(page.body, page.final_url.empty() ? link : page.final_url);
  const std::string preloads = document.ScriptAssignedJson("window._preloads");
  if (!preloads.empty()) {
    const auto json = nlohmann::json::parse(preloads, nullptr, false);
    if (json.is_object() && json.contains("post") && json["post"].is_object())
      return FromPost(json["post"], link, "page-preloads", &page, ctx);
  }
  // The post body in Substack's own markup, when the page has it: then the page's generic main
  // content is not needed, only its metadata.
  const HtmlNode body = document.SelectFirst(".available-content .body.markup");
  const ExtractedPage extracted = ExtractPage(document, body ? kMetadataOnly : kMarkdownOnly);
  const int free = AccessibleForFree(extracted.metadata);
  if (free == 0 && ctx.options.skip_paywalled) return Skipped(name(), link);
  ArticleDocument doc = ArticleFromPage(extracted, ctx, "substack", link);
  if (std::string title = document.SelectText("h1.post-title"); !title.empty()) doc.content.title = title;
  // The subtitle is the post's own (h3.subtitle, else the NewsArticle's description): a page's meta
  // description is often the publication's or the author's blurb.
  doc.content.subtitle.reset();
  if (std::string subtitle = document.SelectText("h3.subtitle"); !subtitle.empty()) {
    doc.content.subtitle = subtitle;
  } else {
    for (const auto& object : extracted.metadata.json_ld)
      if (object.is_object() && object.value("@type", "") == "NewsArticle" && !String(object, "description").empty())
        doc.content.subtitle = String(object, "description");
  }
  if (body) {
    // Cleaned where it stands (the page is not read again): no copy of the body to parse.
    RemoveSubstackWidgets(body);
    doc.content.content = HtmlFragmentToMarkdown(body, document.url());
  }
  if (doc.content.content.empty()) return FailedOutcome(name(), "parse", "the page holds no post body");
  doc.meta.paywalled = free == 0;
  if (doc.meta.canonical_url.size()) doc.meta.canonical_url = StripQueryParameters(doc.meta.canonical_url, {"r"});
  doc.extra["site"] = ParseHttpUrl(link)->host;
  doc.extra["extracted_from"] = "page-dom";
  return CrawledArticle(name(), std::move(doc), &page);
}

CrawlOutcome SubstackCrawler::FromFeed(const std::string& link, const std::string& post_link, const std::string& slug,
                                       std::string why, CrawlContext& ctx) {
  std::string feed_url;
  const Feed feed = FetchFirstFeed(ctx, {Origin(post_link) + "/feed"}, &feed_url);
  for (const FeedItem& item : feed.items) {
    if (SubstackSlug(item.link) != slug || item.content_html.empty()) continue;
    ArticleDocument doc = NewArticle(ctx, "substack", link);
    doc.content.title = item.title;
    doc.content.content = HtmlFragmentToMarkdown(item.content_html, item.link);
    if (!item.summary_html.empty()) doc.content.subtitle = HtmlFragmentToText(item.summary_html);
    doc.meta.published_at = NormalizeDate(item.published);
    if (!item.author.empty()) doc.extra["byline"] = item.author;
    doc.extra["site"] = ParseHttpUrl(link)->host;
    doc.extra["extracted_from"] = "feed";
    if (doc.content.content.empty()) break;
    return CrawledArticle(name(), std::move(doc), nullptr);
  }
  return FailedOutcome(name(), "parse", link + ": " + why + "; and the post is not in " + Origin(post_link) + "/feed");
}

std::vector<std::string> SubstackCrawler::Discover(const std::string& url, CrawlContext& ctx) {
  std::vector<std::string> posts;
  const std::string origin = Origin(url);
  if (origin.empty()) return posts;
  for (int page = 0; page < kMaxArchivePages; ++page) {
    const std::string archive = origin + "/api/v1/archive?sort=new&offset=" + std::to_string(page * kArchivePageSize) +
                                "&limit=" + std::to_string(kArchivePageSize);
    const FetchResult result = FetchText(ctx, archive, false, {{"Accept", "application/json"}});
    const auto json = result.ok() ? nlohmann::json::parse(result.body, nullptr, false) : nlohmann::json();
    if (!json.is_array()) break;
    for (const auto& post : json) {
      std::string link = StripQueryParameters(String(post, "canonical_url"), {"r"});
      if (link.empty() && !String(post, "slug").empty()) link = origin + "/p/" + String(post, "slug");
      AppendUnique(posts, link);
    }
    if (static_cast<int>(json.size()) < kArchivePageSize) break;
  }
  if (posts.empty()) {
    const Feed feed = FetchFirstFeed(ctx, {origin + "/feed"});
    for (const FeedItem& item : feed.items) AppendUnique(posts, StripQueryParameters(item.link, {"r"}));
  }
  return posts;
}

}  // namespace llmtwin
