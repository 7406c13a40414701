#include "crawl/crawl_util.h"

#include <algorithm>

#include "domain/url.h"

namespace llmtwin {

FetchResult FetchText(CrawlContext& ctx, const std::string& url, bool conditional,
                      std::vector<std::pair<std::string, std::string>> headers) {
  FetchRequest request;
  request.url = url;
  request.headers = std::move(headers);
  if (conditional) {
    request.if_none_match = ctx.if_none_match;
    request.if_modified_since = ctx.if_modified_since;
  }
  return ctx.fetcher.Fetch(std::move(request));
}

CrawlOutcome FailedOutcome(std::string_view crawler, std::string category, std::string message) {
  CrawlOutcome outcome;
  outcome.status = CrawlStatus::kFailed;
  outcome.crawler = crawler;
  outcome.error_category = std::move(category);
  outcome.message = std::move(message);
  return outcome;
}

CrawlOutcome OutcomeFromFetch(std::string_view crawler, const FetchResult& result) {
  if (result.not_modified()) {
    CrawlOutcome outcome;
    outcome.status = CrawlStatus::kUnchanged;
    outcome.crawler = crawler;
    outcome.etag = result.etag;
    outcome.last_modified = result.last_modified;
    return outcome;
  }
  const std::string url = result.final_url.empty() ? result.requested_url : result.final_url;
  if (result.status == 404 || result.status == 410)
    return FailedOutcome(crawler, "not-found", url + ": HTTP " + std::to_string(result.status));
  std::string category(FetchErrorCategoryName(result.error));
  if (result.error == FetchErrorCategory::kNone) category = "http-other";
  std::string message = url + ": ";
  message += result.error_message.empty() ? "HTTP " + std::to_string(result.status) : result.error_message;
  return FailedOutcome(crawler, std::move(category), std::move(message));
}

namespace {
Provenance NewProvenance(const CrawlContext& ctx) {
  Provenance meta;
  meta.crawled_at = NowIso8601();
  meta.run_id = ctx.run_id;
  return meta;
}
}  // namespace

namespace {

// The fields every crawled document starts with, whatever its class.
template <class D>
D NewDocument(const CrawlContext& ctx, std::string_view platform, const std::string& link) {
  D doc;
  doc.id = NewDocumentId();
  doc.platform = platform;
  doc.author_id = ctx.author.id;
  doc.author_full_name = ctx.author.full_name;
  doc.link = link;
  doc.meta = NewProvenance(ctx);
  return doc;
}

}  // namespace

ArticleDocument NewArticle(const CrawlContext& ctx, std::string_view platform, const std::string& link) {
  return NewDocument<ArticleDocument>(ctx, platform, link);
}

PostDocument NewPost(const CrawlContext& ctx, std::string_view platform, const std::string& link) {
  return NewDocument<PostDocument>(ctx, platform, link);
}

RepositoryDocument NewRepository(const CrawlContext& ctx, std::string_view platform, const std::string& link) {
  return NewDocument<RepositoryDocument>(ctx, platform, link);
}

CrawlOutcome CrawledArticle(std::string_view crawler, ArticleDocument article, const FetchResult* page) {
  CrawlOutcome outcome;
  outcome.status = CrawlStatus::kCrawled;
  outcome.crawler = crawler;
  if (page) {
    outcome.etag = article.meta.etag = page->etag;
    outcome.last_modified = article.meta.last_modified = page->last_modified;
  }
  article.meta.content_hash = article.ContentHash();
  outcome.articles.push_back(std::move(article));
  return outcome;
}

std::string StripQueryParameters(std::string_view url, std::initializer_list<std::string_view> names) {
  auto parsed = ParseHttpUrl(url);
  if (!parsed) return std::string(url);
  std::string kept;
  size_t start = 0;
  const std::string& query = parsed->query;
  while (start <= query.size() && !query.empty()) {
    const auto amp = query.find('&', start);
    const std::string param = query.substr(start, amp == std::string::npos ? std::string::npos : amp - start);
    const std::string key = param.substr(0, param.find('='));
    if (!param.empty() && std::find(names.begin(), names.end(), key) == names.end())
      kept += (kept.empty() ? "" : "&") + param;
    if (amp == std::string::npos) break;
    start = amp + 1;
  }
  parsed->query = kept;
  parsed->fragment.clear();
  return parsed->ToString();
}

std::vector<std::string> PathSegments(std::string_view url) {
  std::vector<std::string> out;
  auto parsed = ParseHttpUrl(url);
  if (!parsed) return out;
  size_t start = 0;
  const std::string& path = parsed->path;
  while (start < path.size()) {
    const auto slash = path.find('/', start);
    const auto end = slash == std::string::npos ? path.size() : slash;
    if (end > start) out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string Origin(std::string_view url) {
  auto parsed = ParseHttpUrl(url);
  if (!parsed) return {};
  std::string out = parsed->scheme + "://" + parsed->host;
  if (parsed->port != 0) out += ":" + std::to_string(parsed->port);
  return out;
}

bool LooksLikeHtml(const FetchResult& result) {
  std::string type = result.content_type;
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (type.find("html") != std::string::npos) return true;
  if (!type.empty() && type.find("text/plain") == std::string::npos && type.find("octet-stream") == std::string::npos)
    return false;
  const auto first = result.body.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string::npos) return false;
  std::string head = result.body.substr(first, 64);
  std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return head.starts_with("<!doctype html") || head.starts_with("<html") || head.starts_with("<head");
}

void AppendUnique(std::vector<std::string>& out, std::string url) {
  if (url.empty() || std::find(out.begin(), out.end(), url) != out.end()) return;
  out.push_back(std::move(url));
}

}  // namespace llmtwin
