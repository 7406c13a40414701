#include "crawl/linkedin_crawler.h"

#include "crawl/article_crawler.h"
#include "crawl/crawl_util.h"
#include "crawl/page_markers.h"
#include "extract/extractor.h"

namespace llmtwin {
namespace {

enum class LinkedInKind { kPost, kPulse, kWalled };

LinkedInKind KindOf(const std::string& link) {
  const auto segments = PathSegments(link);
  if (!segments.empty() && segments[0] == "pulse") return LinkedInKind::kPulse;
  if (!segments.empty() && (segments[0] == "posts" || (segments[0] == "feed" && segments.size() >= 2 && segments[1] == "update")))
    return LinkedInKind::kPost;
  return LinkedInKind::kWalled;  // profiles (/in/), company pages, the feed: login only
}

bool IsType(const nlohmann::json& object, std::string_view type) {
  if (!object.is_object() || !object.contains("@type")) return false;
  const auto& t = object["@type"];
  if (t.is_string()) return t.get<std::string>() == type;
  if (t.is_array())
    for (const auto& each : t)
      if (each.is_string() && each.get<std::string>() == type) return true;
  return false;
}

std::string JsonText(const nlohmann::json& value, const char* key = nullptr) {
  const nlohmann::json* v = &value;
  if (key) {
    if (!value.is_object() || !value.contains(key)) return {};
    v = &value[key];
  }
  if (v->is_string()) return v->get<std::string>();
  if (v->is_array() && !v->empty()) return JsonText((*v)[0]);
  if (v->is_object()) {
    for (const char* field : {"url", "contentUrl", "name"})
      if (v->contains(field) && (*v)[field].is_string()) return (*v)[field].get<std::string>();
  }
  return {};
}

CrawlOutcome LoginWall(std::string_view crawler, const std::string& link, std::string_view what) {
  return FailedOutcome(crawler, "login-wall",
                       link + ": " + std::string(what) + " is behind LinkedIn's login wall. Instead: " + kLinkedInAlternatives);
}

}  // namespace

CrawlOutcome LinkedInCrawler::Crawl(const std::string& link, CrawlContext& ctx) {
  if (KindOf(link) == LinkedInKind::kWalled) return LoginWall(name(), link, "this page (a profile, company page or feed)");
  return CrawlFetched(link, FetchText(ctx, link, /*conditional=*/true), ctx);
}

CrawlOutcome LinkedInCrawler::CrawlFetched(const std::string& link, const FetchResult& page, CrawlContext& ctx) {
  if (IsLoginWall(page)) return LoginWall(name(), link, "the page answered a login wall: it");
  if (!page.ok()) {
    CrawlOutcome outcome = OutcomeFromFetch(name(), page);
    // LinkedIn answers 999 or 403 to clients it does not like: the same advice applies.
    if (page.status == 999 || page.status == 403) outcome.message += ". " + std::string(kLinkedInAlternatives);
    return outcome;
  }
  if (IsChallengePage(page)) return FailedOutcome(name(), "bot-wall", link + ": LinkedIn answered with a challenge page");
  const ExtractedPage extracted = ExtractPage(page.body, page.final_url.empty() ? link : page.final_url, kMarkdownOnly);

  if (KindOf(link) == LinkedInKind::kPost) {
    for (const auto& object : extracted.metadata.json_ld) {
      if (!IsType(object, "SocialMediaPosting") && !IsType(object, "DiscussionForumPosting")) continue;
      const std::string text = JsonText(object, "articleBody").empty() ? JsonText(object, "text") : JsonText(object, "articleBody");
      if (text.empty()) continue;
      PostDocument post = NewPost(ctx, "linkedin", link);
      post.content.text = text;
      std::string image = JsonText(object, "image");
      if (image.empty()) image = extracted.metadata.image;
      if (!image.empty()) post.content.image = post.image = image;
      post.meta.published_at = NormalizeDate(JsonText(object, "datePublished"));
      if (std::string author = JsonText(object, "author"); !author.empty()) {
        if (object["author"].is_object() && object["author"].contains("name")) author = JsonText(object["author"], "name");
        post.extra["byline"] = author;
      }
      post.meta.etag = page.etag;
      post.meta.last_modified = page.last_modified;
      post.extra["extracted_from"] = "json-ld";
      post.meta.content_hash = post.ContentHash();
      CrawlOutcome outcome;
      outcome.status = CrawlStatus::kCrawled;
      outcome.crawler = name();
      outcome.etag = page.etag;
      outcome.last_modified = page.last_modified;
      outcome.posts.push_back(std::move(post));
      return outcome;
    }
    return FailedOutcome(name(), "parse",
                         link + ": no SocialMediaPosting JSON-LD in the page (LinkedIn may have served a reduced page). " +
                             kLinkedInAlternatives);
  }

  // A Pulse article.
  const HtmlDocument document = HtmlDocument::ParseUtf8(page.body, page.final_url.empty() ? link : page.final_url);
  ArticleDocument doc = ArticleFromPage(extracted, ctx, "linkedin", link);
  // Pulse markup by era: 2022 guest pages, 2020 guest pages, 2016-19 pages.
  for (const char* selector : {".article-content__body", "section.article-body", "[itemprop=articleBody]"}) {
    if (HtmlNode body = document.SelectFirst(selector); body) {
      std::string markdown = HtmlFragmentToMarkdown(body.InnerHtml(), document.url());
      if (!markdown.empty()) {
        doc.content.content = std::move(markdown);
        break;
      }
    }
  }
  if (doc.content.title.empty()) doc.content.title = document.SelectText(".article-content__title, h1.article-title, h1");
  if (doc.content.content.empty()) return FailedOutcome(name(), "parse", link + ": no article body found in the Pulse page");
  doc.extra["extracted_from"] = "page";
  return CrawledArticle(name(), std::move(doc), &page);
}

}  // namespace llmtwin
