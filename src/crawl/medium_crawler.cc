#include "crawl/medium_crawler.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "crawl/article_crawler.h"
#include "crawl/crawl_util.h"
#include "crawl/host_pattern.h"
#include "crawl/page_markers.h"
#include "crawl/site_discovery.h"
#include "domain/link.h"
#include "domain/url.h"
#include "extract/extractor.h"

namespace llmtwin {
namespace {

bool IsHexId(std::string_view s) {
  return s.size() >= 8 && s.size() <= 16 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string Trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  return std::string(text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1));
}

// Drops a first Markdown line that repeats the title or subtitle (feeds and Apollo start so).
std::string DropLeadingRepeats(std::string markdown, std::string_view title, std::string_view subtitle) {
  for (int i = 0; i < 2; ++i) {
    const auto start = markdown.find_first_not_of(" \t\r\n");
    if (start == std::string::npos) return {};
    const auto end = markdown.find('\n', start);
    std::string line = markdown.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.starts_with("#")) break;  // only a heading repeats the title; a first paragraph is prose
    line.erase(0, line.find_first_not_of("#* "));
    while (!line.empty() && (line.back() == '*' || line.back() == ' ')) line.pop_back();
    if (line.empty() || (line != Trim(title) && line != Trim(subtitle))) break;
    markdown = end == std::string::npos ? std::string() : markdown.substr(end + 1);
  }
  return Trim(markdown);
}

// The body nodes of one markup era to render, in document order: the outermost ones, without the
// title, and a list item's whole list once.
std::vector<HtmlNode> BodyNodesOf(const std::vector<HtmlNode>& nodes, std::string_view title, std::string_view subtitle) {
  std::set<xmlNodePtr> chosen;
  for (const auto& node : nodes) chosen.insert(node.get());
  std::set<xmlNodePtr> emitted_lists;
  std::vector<HtmlNode> picked;
  for (const auto& node : nodes) {
    bool nested = false;
    for (HtmlNode up = node.Parent(); up; up = up.Parent())
      if (chosen.count(up.get())) nested = true;
    if (nested) continue;
    if (node.HasClass("graf--title") || node.HasClass("pw-post-title") || node.HasClass("graf--subtitle")) continue;
    const std::string text = node.Text();
    const bool heading = node.Tag().size() == 2 && node.Tag()[0] == 'h';
    // The title (and a subtitle written as a heading) is in `content.Title`/`Subtitle`, not the body.
    if (text.empty() || (heading && (text == Trim(title) || (!subtitle.empty() && text == Trim(subtitle))))) continue;
    // 2015 titles were sometimes split over two leading headings ("Project:" / "Better Journalism").
    if (heading && picked.empty() && title.find(text) != std::string_view::npos) continue;
    if (node.Tag() == "li") {
      HtmlNode list = node.Parent();
      if (list && emitted_lists.insert(list.get()).second) picked.push_back(list);
      continue;
    }
    picked.push_back(node);
  }
  return picked;
}

// The body nodes of the three markup eras, found in one walk of the page (in document order):
//  - 2022 "pw": p.pw-post-body-paragraph, and h1-h4, pre, blockquote and li inside an <article>
//    that are not the title (XPath: //*[contains(@class, 'pw-post-body-paragraph') or ((self::h1 or
//    ... or self::li) and ancestor::article and not(contains(@class, 'pw-post-title')))]);
//  - 2020 "selectable": //*[@data-selectable-paragraph];
//  - 2015 "graf": every block carries a "graf--<kind>" class (//*[contains(@class, 'graf--')]).
// Each era counts only when its marker is there: p.pw-post-body-paragraph, [data-selectable-paragraph], p.graf--p.
struct MediumEras {
  std::vector<HtmlNode> pw, selectable, graf;
  bool pw_marker = false, selectable_marker = false, graf_marker = false;
};

bool InsideArticle(xmlNodePtr node) {
  for (xmlNodePtr up = node->parent; up != nullptr && up->type == XML_ELEMENT_NODE; up = up->parent)
    if (std::strcmp(reinterpret_cast<const char*>(up->name), "article") == 0) return true;
  return false;
}

MediumEras FindMediumEras(const HtmlDocument& page) {
  static constexpr std::string_view kPwTags[] = {"h1", "h2", "h3", "h4", "pre", "blockquote", "li"};
  MediumEras eras;
  std::string storage;
  ForEachElement(reinterpret_cast<xmlNodePtr>(page.get()), [&](xmlNodePtr element) {
    const std::string_view tag = reinterpret_cast<const char*>(element->name);
    const std::string_view classes = AttrValue(element, "class", storage);
    const bool is_p = tag == "p";
    if (classes.find("pw-post-body-paragraph") != std::string_view::npos) {
      eras.pw.emplace_back(element);
      if (is_p && HasClassToken(classes, "pw-post-body-paragraph")) eras.pw_marker = true;
    } else if (std::find(std::begin(kPwTags), std::end(kPwTags), tag) != std::end(kPwTags) &&
               classes.find("pw-post-title") == std::string_view::npos && InsideArticle(element)) {
      eras.pw.emplace_back(element);
    }
    bool selectable = false;
    std::string scratch;  // not `storage`: `classes` may point into it
    AttrValue(element, "data-selectable-paragraph", scratch, &selectable);
    if (selectable) eras.selectable.emplace_back(element);
    if (classes.find("graf--") != std::string_view::npos) {
      eras.graf.emplace_back(element);
      if (is_p && HasClassToken(classes, "graf--p")) eras.graf_marker = true;
    }
    return true;
  });
  eras.selectable_marker = !eras.selectable.empty();
  return eras;
}

// Markdown from the Apollo state's Paragraph objects of the post's latest published version.
std::string ApolloMarkdown(const HtmlDocument& page, std::string_view title, std::string_view subtitle) {
  const std::string raw = page.ScriptAssignedJson("window.__APOLLO_STATE__");
  if (raw.empty()) return {};
  const auto state = nlohmann::json::parse(raw, nullptr, false);
  if (!state.is_object()) return {};
  const std::string post_id = MediumPostId(page.url());
  std::string version;
  for (const auto& [key, value] : state.items()) {
    if (!key.starts_with("Post:") || !value.is_object()) continue;
    if (!post_id.empty() && key != "Post:" + post_id) continue;
    if (value.contains("latestPublishedVersion") && value["latestPublishedVersion"].is_string()) {
      version = value["latestPublishedVersion"].get<std::string>();
      break;
    }
  }
  if (version.empty()) return {};
  std::map<int, const nlohmann::json*> paragraphs;
  const std::string prefix = "Paragraph:" + version + "_";
  for (const auto& [key, value] : state.items()) {
    if (!key.starts_with(prefix)) continue;
    paragraphs[std::atoi(key.c_str() + prefix.size())] = &value;
  }
  std::string markdown;
  std::string previous_type;
  for (const auto& [index, paragraph] : paragraphs) {
    const std::string type = paragraph->value("type", "");
    const std::string text = paragraph->contains("text") && (*paragraph)["text"].is_string() ? (*paragraph)["text"].get<std::string>() : "";
    if (text.empty() || type == "IMG") continue;
    if (type == "PRE") {
      markdown += "```\n" + text + "\n```\n\n";
    } else if (type == "ULI" || type == "OLI") {
      markdown += (type == "ULI" ? "- " : "1. ") + text + "\n";
      previous_type = type;
      continue;
    } else {
      if (previous_type == "ULI" || previous_type == "OLI") markdown += "\n";
      if (type == "H2") markdown += "## " + text;
      else if (type == "H3") markdown += "### " + text;
      else if (type == "H4") markdown += "#### " + text;
      else if (type == "BQ" || type == "PQ") markdown += "> " + text;
      else markdown += text;
      markdown += "\n\n";
    }
    previous_type = type;
  }
  return DropLeadingRepeats(markdown, title, subtitle);
}

// JSON-LD NewsArticle/Article datePublished (the first publish), normalised; "" when absent.
std::string JsonLdDatePublished(const PageMetadata& metadata) {
  for (const auto& object : metadata.json_ld) {
    if (!object.is_object() || !object.contains("datePublished") || !object["datePublished"].is_string()) continue;
    std::string date = NormalizeDate(object["datePublished"].get<std::string>());
    if (!date.empty()) return date;
  }
  return {};
}

// The post's own subtitle (2022: h2.pw-subtitle-paragraph; 2015: .graf--subtitle). Medium's meta
// description is the first paragraph cut with "…" when the author wrote no subtitle: not one.
std::optional<std::string> MediumSubtitle(const HtmlDocument& page, const std::string& description,
                                          const std::string& body) {
  // The first h2.pw-subtitle-paragraph or .graf--subtitle, in one walk.
  HtmlNode first;
  std::string storage;
  ForEachElement(reinterpret_cast<xmlNodePtr>(page.get()), [&](xmlNodePtr element) {
    if (first) return false;
    const std::string_view classes = AttrValue(element, "class", storage);
    if (classes.empty()) return true;
    if ((std::strcmp(reinterpret_cast<const char*>(element->name), "h2") == 0 &&
         HasClassToken(classes, "pw-subtitle-paragraph")) ||
        HasClassToken(classes, "graf--subtitle"))
      first = HtmlNode(element);
    return !first;
  });
  if (std::string subtitle = first.Text(); !subtitle.empty()) return subtitle;
  if (description.empty()) return std::nullopt;
  std::string stem = description;
  for (const char* ellipsis : {"\xE2\x80\xA6", "..."})
    if (stem.ends_with(ellipsis)) stem.resize(stem.size() - std::string_view(ellipsis).size());
  if (stem.size() != description.size() || body.find(Trim(stem)) != std::string::npos) return std::nullopt;
  return description;
}

}  // namespace

std::string MediumPostId(std::string_view url) {
  const auto segments = PathSegments(url);
  if (segments.empty()) return {};
  if (segments.size() >= 2 && segments[segments.size() - 2] == "p" && IsHexId(segments.back())) return segments.back();
  const std::string& slug = segments.back();
  const auto dash = slug.rfind('-');
  const std::string suffix = dash == std::string::npos ? slug : slug.substr(dash + 1);
  return IsHexId(suffix) ? suffix : std::string();
}

std::vector<std::string> MediumFeedUrls(std::string_view url) {
  std::vector<std::string> feeds;
  auto parsed = ParseHttpUrl(url);
  if (!parsed) return feeds;
  const auto segments = PathSegments(url);
  if (HostIsOrUnder(parsed->host, "medium.com") && (parsed->host == "medium.com" || parsed->host == "www.medium.com")) {
    if (!segments.empty() && segments[0] != "p" && segments[0] != "feed")
      feeds.push_back("https://medium.com/feed/" + segments[0]);
    return feeds;
  }
  feeds.push_back(Origin(url) + "/feed");  // user.medium.com or a custom domain
  return feeds;
}

std::string CleanMediumFeedHtml(std::string_view html) {
  std::string out(html);
  // The tracking pixel: <img src="https://medium.com/_/stat?event=post.clientViewed..." width="1" height="1">
  static const std::regex pixel(R"(<img[^>]*medium\.com/_/stat[^>]*>)", std::regex::icase);
  out = std::regex_replace(out, pixel, "");
  // The footer Medium appends: <hr><p><a ...>Title</a> was originally published in ... on Medium, ...</p>
  const auto footer = out.rfind("<hr>");
  if (footer != std::string::npos && out.find("originally published in", footer) != std::string::npos) out.erase(footer);
  static const std::regex source(R"(\?source=rss[^"'<\s]*)");
  out = std::regex_replace(out, source, "");
  return out;
}

MediumBody ReadMediumBody(const HtmlDocument& page, std::string_view title, std::string_view subtitle) {
  std::vector<MediumBody> candidates;
  auto add_era = [&](const char* era, const std::vector<HtmlNode>& nodes) {
    if (nodes.empty()) return;
    const std::vector<HtmlNode> picked = BodyNodesOf(nodes, title, subtitle);
    if (picked.empty()) return;
    const HtmlDocument fragment = HtmlDocument::FragmentOf(picked, page.url());
    candidates.push_back({era, DropLeadingRepeats(HtmlFragmentToMarkdown(fragment.Body(), page.url()), title, subtitle)});
  };
  const MediumEras eras = FindMediumEras(page);
  if (eras.pw_marker) add_era("pw-2022", eras.pw);
  if (eras.selectable_marker) add_era("selectable-2020", eras.selectable);
  if (eras.graf_marker) add_era("graf-2015", eras.graf);
  if (std::string apollo = ApolloMarkdown(page, title, subtitle); !apollo.empty()) candidates.push_back({"apollo", apollo});
  MediumBody best;
  for (auto& candidate : candidates)
    if (candidate.markdown.size() > best.markdown.size()) best = std::move(candidate);
  return best;
}

CrawlOutcome MediumCrawler::Crawl(const std::string& link, CrawlContext& ctx) {
  if (MediumPostId(link).empty())
    return FailedOutcome(name(), "unsupported",
                         link + ": not a Medium post URL (no post id); list a profile's or publication's posts with "
                                "`llmtwin discover " + link + "` or add it to `sources:`");
  return CrawlFetched(link, FetchText(ctx, link, /*conditional=*/true), ctx);
}

CrawlOutcome MediumCrawler::CrawlFetched(const std::string& link, const FetchResult& page, CrawlContext& ctx) {
  if (page.not_modified()) return OutcomeFromFetch(name(), page);
  std::string why;
  if (page.status > 0 && IsChallengePage(page)) {
    why = "Medium answered with its bot wall (\"Just a moment…\")";
  } else if (!page.ok()) {
    why = OutcomeFromFetch(name(), page).message;
  } else {
    const HtmlDocument document = HtmlDocument::ParseUtf8(page.body, page.final_url.empty() ? link : page.final_url);
    // The body comes from Medium's own markup (ReadMediumBody), or from the feed: the generic main
    // content is never used here.
    const ExtractedPage extracted = ExtractPage(document, kMetadataOnly);
    MediumBody body = ReadMediumBody(document, extracted.metadata.title, extracted.metadata.subtitle);
    if (!body.markdown.empty()) {
      ArticleDocument doc = ArticleFromPage(extracted, ctx, "medium", link);
      if (const std::string id = MediumStoryIdInPath(link); !id.empty()) doc.meta.identity_link = MediumIdentityLink(id);
      doc.content.content = std::move(body.markdown);
      doc.content.subtitle = MediumSubtitle(document, extracted.metadata.subtitle, doc.content.content);
      if (std::string first = JsonLdDatePublished(extracted.metadata); !first.empty()) doc.meta.published_at = first;
      doc.extra["extracted_from"] = "page";
      doc.extra["markup_era"] = body.era;
      return CrawledArticle(name(), std::move(doc), &page);
    }
    why = "the page holds no post body (member-only or unknown markup)";
  }
  CrawlOutcome outcome = FromFeed(link, why, ctx);
  if (outcome.status == CrawlStatus::kFailed && page.status == 404) outcome.error_category = "not-found";
  return outcome;
}

CrawlOutcome MediumCrawler::FromFeed(const std::string& link, const std::string& why, CrawlContext& ctx) {
  const std::string post_id = MediumPostId(link);
  if (post_id.empty())
    return FailedOutcome(name(), "bot-wall", link + ": " + why + ", and the URL has no post id to look up in a feed");
  std::string feed_url;
  const Feed feed = FetchFirstFeed(ctx, MediumFeedUrls(link), &feed_url);
  for (const FeedItem& item : feed.items) {
    if (item.guid != "https://medium.com/p/" + post_id && MediumPostId(item.link) != post_id) continue;
    ArticleDocument doc = NewArticle(ctx, "medium", link);
    if (const std::string id = MediumStoryIdInPath(link); !id.empty()) doc.meta.identity_link = MediumIdentityLink(id);
    doc.content.title = item.title;
    std::string markdown = DropLeadingRepeats(
        HtmlFragmentToMarkdown(CleanMediumFeedHtml(item.content_html), StripQueryParameters(item.link, {"source"})),
        item.title, "");
    // Medium writes the subtitle as an <h4> right after the title.
    if (markdown.starts_with("#### ")) {
      const auto end = markdown.find('\n');
      doc.content.subtitle = Trim(markdown.substr(5, end == std::string::npos ? std::string::npos : end - 5));
      markdown = end == std::string::npos ? std::string() : Trim(markdown.substr(end + 1));
    }
    doc.content.content = std::move(markdown);
    doc.meta.published_at = NormalizeDate(item.published);
    const std::string canonical = StripQueryParameters(item.link, {"source"});
    if (NormalizeUrl(canonical) != NormalizeUrl(link)) doc.meta.canonical_url = canonical;
    if (!item.author.empty()) doc.extra["byline"] = item.author;
    if (!item.updated.empty()) doc.extra["modified_at"] = NormalizeDate(item.updated);
    if (!item.categories.empty()) doc.extra["tags"] = item.categories;
    doc.extra["extracted_from"] = "feed";
    doc.extra["feed"] = feed_url;
    if (doc.content.content.empty()) break;
    return CrawledArticle(name(), std::move(doc), nullptr);
  }
  std::string message = link + ": " + why + "; ";
  message += feed.ok ? "the post is not among the latest posts of " + feed_url +
                           " (Medium feeds list only the latest 10): export it from Medium or open it in a browser"
                     : "no readable feed for it (tried " + (MediumFeedUrls(link).empty() ? std::string("none") : MediumFeedUrls(link)[0]) + ")";
  return FailedOutcome(name(), "bot-wall", message);
}

std::vector<std::string> MediumCrawler::Discover(const std::string& url, CrawlContext& ctx) {
  std::vector<std::string> posts;
  const Feed feed = FetchFirstFeed(ctx, MediumFeedUrls(url));
  for (const FeedItem& item : feed.items) AppendUnique(posts, StripQueryParameters(item.link, {"source"}));
  return posts;
}

}  // namespace llmtwin
