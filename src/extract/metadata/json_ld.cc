#include "extract/metadata/json_ld.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include "domain/url.h"
#include "extract/html_document.h"
#include "extract/text_util.h"
#include "extract/metadata/names.h"
#include "extract/metadata/page_walk.h"

namespace llmtwin::metadata {

// JSON-LD bodies are sometimes wrapped for old parsers: "<![CDATA[ ... ]]>", "<!-- ... -->",
// "//<![CDATA[ ... //]]>".
std::string StripScriptWrappers(std::string body) {
  std::string_view view = text::Trim(body);
  bool changed = true;
  while (changed) {
    changed = false;
    for (std::string_view open : {"//<![CDATA[", "<![CDATA[", "<!--"}) {
      if (view.substr(0, open.size()) == open) {
        view = text::Trim(view.substr(open.size()));
        changed = true;
      }
    }
    for (std::string_view close : {"//]]>", "]]>", "//-->", "-->"}) {
      if (view.size() >= close.size() && view.substr(view.size() - close.size()) == close) {
        view = text::Trim(view.substr(0, view.size() - close.size()));
        changed = true;
      }
    }
  }
  return std::string(view);
}

// Every string value under `root` with a NUL byte, repaired (RepairUtf8). Iterative: a hostile
// page nests 100,000 arrays deep.
void ReplaceNulInStrings(nlohmann::json& root) {
  std::vector<nlohmann::json*> pending{&root};
  while (!pending.empty()) {
    nlohmann::json* value = pending.back();
    pending.pop_back();
    if (value->is_string()) {
      std::string& text = value->get_ref<std::string&>();
      if (text.find('\0') != std::string::npos) text = RepairUtf8(text);
    } else if (value->is_structured()) {
      for (auto& child : *value) pending.push_back(&child);
    }
  }
}

// Parses one JSON-LD body and adds its objects to `objects`, arrays and @graph flattened (bounded
// work: 200 objects per page).
void AddJsonLd(std::string body, std::vector<nlohmann::json>& objects) {
  if (objects.size() >= 200) return;
  auto parsed = nlohmann::json::parse(body, nullptr, false);
  if (parsed.is_discarded()) {
    // Common breakage: raw newlines inside strings, or a trailing ';'.
    for (char& c : body) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    while (!body.empty() && (body.back() == ';' || body.back() == ' ')) body.pop_back();
    parsed = nlohmann::json::parse(body, nullptr, false);
  }
  if (parsed.is_discarded()) return;
  // "\u0000" decodes to a NUL byte, which no metadata string may hold (C APIs and databases cut
  // the string there): such strings are repaired as bytes of the page are (U+FFFD). Only bodies
  // that escape a NUL pay for the walk.
  if (body.find("\\u0000") != std::string::npos) ReplaceNulInStrings(parsed);
  // No copies: copying a value recurses into it, and a hostile page nests 100,000 arrays deep.
  std::vector<nlohmann::json> pending;
  pending.push_back(std::move(parsed));
  while (!pending.empty() && objects.size() < 200) {
    nlohmann::json item = std::move(pending.back());
    pending.pop_back();
    if (item.is_array()) {
      for (auto it = item.rbegin(); it != item.rend(); ++it) pending.push_back(std::move(*it));
    } else if (item.is_object() && item.contains("@graph")) {
      nlohmann::json graph = std::move(item["@graph"]);
      item.erase("@graph");
      if (item.contains("@type")) objects.push_back(std::move(item));
      if (graph.is_array()) {
        for (auto it = graph.rbegin(); it != graph.rend(); ++it) pending.push_back(std::move(*it));
      } else {
        pending.push_back(std::move(graph));
      }
    } else if (item.is_object()) {
      objects.push_back(std::move(item));
    }
  }
}

bool HasType(const nlohmann::json& object, std::initializer_list<std::string_view> types) {
  auto matches = [&](const nlohmann::json& type) {
    if (!type.is_string()) return false;
    const std::string& t = type.get_ref<const std::string&>();
    for (std::string_view candidate : types) {
      if (t == candidate) return true;
    }
    return false;
  };
  const auto it = object.find("@type");
  if (it == object.end()) return false;
  if (it->is_array()) {
    for (const auto& type : *it) {
      if (matches(type)) return true;
    }
    return false;
  }
  return matches(*it);
}

std::string JsonString(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_array() && !it->empty() && it->front().is_string()) return it->front().get<std::string>();
  if (it->is_object()) {
    for (const char* inner : {"name", "url", "@value", "@id"}) {
      const auto in = it->find(inner);
      if (in != it->end() && in->is_string()) return in->get<std::string>();
    }
  }
  return {};
}

// HTML entities left in JSON-LD strings by some CMSs ("Don&#8217;t").
std::string DecodeEntities(const std::string& s) {
  if (s.find('&') == std::string::npos) return s;
  HtmlDocument fragment = HtmlDocument::ParseUtf8("<p>" + s + "</p>");
  return fragment.Body().Text();
}

// The JSON-LD object that describes this page: an Article-like type first, then a WebPage.
DescribedObject FindDescribedObject(const std::vector<nlohmann::json>& objects) {
  DescribedObject found;
  const nlohmann::json* webpage = nullptr;
  // An article type beats the other things a page may describe first (a video embedded above
  // the story, a recipe card): their author and dates are not the article's.
  const nlohmann::json* other_work = nullptr;
  for (const auto& object : objects) {
    if (!object.is_object()) continue;
    if (object.contains("@id") && object["@id"].is_string()) found.by_id.emplace(object["@id"].get<std::string>(), &object);
    if (found.article == nullptr &&
        HasType(object, {"Article", "NewsArticle", "BlogPosting", "TechArticle", "ScholarlyArticle", "Report",
                         "SocialMediaPosting", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
                         "LiveBlogPosting", "DiscussionForumPosting", "AdvertiserContentArticle", "BackgroundNewsArticle"})) {
      found.article = &object;
    }
    if (other_work == nullptr &&
        HasType(object, {"Review", "Recipe", "HowTo", "MedicalWebPage", "Posting", "Blog", "VideoObject"})) {
      other_work = &object;
    }
    if (webpage == nullptr && HasType(object, {"WebPage", "ItemPage", "AboutPage", "FAQPage", "QAPage", "CollectionPage"})) {
      webpage = &object;
    }
  }
  if (found.article == nullptr) found.article = other_work;
  found.described = found.article != nullptr ? found.article : webpage;
  return found;
}

// Adds the names of a JSON-LD author value; organisations go to `organisations` (a page's
// publisher listed as author is a fallback, not a person who wrote it).
void AddAuthorsFromJson(const nlohmann::json& value, const std::unordered_map<std::string, const nlohmann::json*>& by_id,
                        std::vector<std::string>& out, std::vector<std::string>& organisations, std::string& written,
                        int depth) {
  if (depth > 3) return;
  if (value.is_string()) {
    for (const std::string& name : SplitNames(DecodeEntities(value.get<std::string>()))) out.push_back(name);
  } else if (value.is_array()) {
    for (const auto& item : value) AddAuthorsFromJson(item, by_id, out, organisations, written, depth + 1);
  } else if (value.is_object()) {
    std::string name = JsonString(value, "name");
    if (name.empty() && value.contains("@id") && value["@id"].is_string()) {
      const auto it = by_id.find(value["@id"].get<std::string>());
      if (it != by_id.end() && it->second != &value) {
        AddAuthorsFromJson(*it->second, by_id, out, organisations, written, depth + 1);
        return;
      }
    }
    if (!name.empty() && !LooksLikeUrl(name)) {
      const std::string clean = CleanName(DecodeEntities(name));
      if (clean.empty()) return;
      if (HasType(value, {"Organization", "NewsMediaOrganization", "Corporation", "EducationalOrganization",
                          "GovernmentOrganization", "LocalBusiness", "MedicalOrganization", "NGO", "WebSite", "Brand"})) {
        organisations.push_back(clean);
      } else if (const std::vector<std::string> names = SplitNames(DecodeEntities(name)); names.size() >= 2) {
        // One Person object naming several ("Manoj Jain and Jagpreet Chhatwal, The Commercial Appeal").
        if (out.empty() && written.empty()) written = DecodeEntities(name);
        for (const std::string& one : names) out.push_back(one);
      } else {
        out.push_back(clean);
      }
    }
  }
}

}  // namespace llmtwin::metadata
