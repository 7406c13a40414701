// ExtractMetadata: one walk over the page (metadata/page_walk), the JSON-LD object that describes
// it (metadata/json_ld), then each field from its ranked sources: the site name and subtitle here,
// the title (metadata/titles), the authors (metadata/authors, with metadata/bylines and
// metadata/names), the dates (metadata/dates), then language, canonical URL, image and tags here.
#include "extract/metadata.h"

#include <string>
#include <string_view>

#include "extract/metadata/authors.h"
#include "extract/metadata/dates.h"
#include "extract/metadata/json_ld.h"
#include "extract/metadata/names.h"
#include "extract/metadata/page_walk.h"
#include "extract/metadata/sources.h"
#include "extract/metadata/titles.h"
#include "extract/text_util.h"

namespace llmtwin {

std::string PageMetadata::Meta(std::string_view name) const {
  for (const auto& [key, value] : meta) {
    if (key == name) return value;
  }
  return {};
}

nlohmann::json PageMetadata::ToJson() const {
  return nlohmann::json{{"title", title},          {"subtitle", subtitle},   {"author", author},
                        {"authors", authors},      {"published", published}, {"modified", modified},
                        {"language", language},    {"canonical_url", canonical_url},
                        {"site_name", site_name},  {"image", image},         {"tags", tags}};
}

PageMetadata ExtractMetadata(const HtmlDocument& document) {
  PageMetadata meta;
  metadata::Evidence ev;
  metadata::Walk(document, meta, ev);
  {
    // The region the page is written for: <html lang>, else the meta tags that name it.
    std::string language = ev.html_lang;
    for (std::string_view key : {"content-language", "og:locale", "dc.language", "language"}) {
      if (language.find('-') != std::string::npos || language.find('_') != std::string::npos) break;
      if (const std::string named = meta.Meta(std::string(key)); !named.empty() &&
                                                                 (language.empty() || named.size() > language.size())) {
        language = named;
      }
    }
    ev.day_first = metadata::WritesDayFirst(language);
  }
  const metadata::DescribedObject described = metadata::FindDescribedObject(meta.json_ld);
  const nlohmann::json empty = nlohmann::json::object();
  const nlohmann::json& ld = described.described != nullptr ? *described.described : empty;
  const auto& by_id = described.by_id;
  const metadata::PageSources sources{document, ev, meta, ld, described.article, by_id};

  // Site name.
  meta.site_name = sources.FirstMeta({"og:site_name", "application-name", "al:ios:app_name"});
  if (meta.site_name.empty() && ld.contains("publisher")) {
    const auto& publisher = ld["publisher"];
    if (publisher.is_object()) {
      meta.site_name = metadata::JsonString(publisher, "name");
      if (meta.site_name.empty() && publisher.contains("@id") && publisher["@id"].is_string()) {
        const auto it = by_id.find(publisher["@id"].get<std::string>());
        if (it != by_id.end()) meta.site_name = metadata::JsonString(*it->second, "name");
      }
    }
  }
  meta.site_name = metadata::DecodeEntities(text::CollapseWhitespace(meta.site_name));

  metadata::ChooseTitle(sources);

  // Subtitle.
  meta.subtitle = metadata::DecodeEntities(metadata::JsonString(ld, "description"));
  if (meta.subtitle.empty()) meta.subtitle = sources.FirstMeta({"og:description", "description", "twitter:description", "dc.description"});
  meta.subtitle = text::RepairDoubleEncodedUtf8(text::CollapseWhitespace(meta.subtitle));

  metadata::ChooseAuthors(sources);
  metadata::ChoosePublished(sources);
  metadata::ChooseModified(sources);
  // Likewise a page whose markup dates only its last change.
  if (meta.published.empty()) meta.published = meta.modified;

  // Language.
  std::string language = ev.html_lang;
  if (language.empty()) language = sources.FirstMeta({"content-language", "dc.language", "language"});
  if (language.empty()) language = metadata::JsonString(ld, "inLanguage");
  if (language.empty()) {
    language = meta.Meta("og:locale");
    for (char& c : language) {
      if (c == '_') c = '-';
    }
  }
  meta.language = std::string(text::Trim(language));
  if (const size_t comma = meta.language.find(','); comma != std::string::npos) meta.language.resize(comma);

  // Canonical URL, image, tags.
  const std::string& base = document.url();
  std::string canonical = ev.canonical;
  if (canonical.empty()) canonical = meta.Meta("og:url");
  if (canonical.empty()) canonical = metadata::JsonString(ld, "url");
  meta.canonical_url = canonical.empty() ? base : metadata::Absolute(base, std::string(text::Trim(canonical)));

  std::string image = sources.FirstMeta({"og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src"});
  if (image.empty()) image = metadata::JsonString(ld, "image");
  if (image.empty()) image = ev.image_src;
  meta.image = metadata::Absolute(base, std::string(text::Trim(image)));

  for (const auto& [name, value] : meta.meta) {
    if (name == "article:tag" || name == "og:article:tag") metadata::AddUnique(meta.tags, std::string(text::Trim(value)));
  }
  if (ld.contains("keywords")) {
    const auto& keywords = ld["keywords"];
    if (keywords.is_string()) {
      for (const std::string& tag : text::Split(keywords.get<std::string>(), ',')) {
        metadata::AddUnique(meta.tags, std::string(text::Trim(tag)));
      }
    } else if (keywords.is_array()) {
      for (const auto& tag : keywords) {
        if (tag.is_string()) metadata::AddUnique(meta.tags, std::string(text::Trim(tag.get<std::string>())));
      }
    }
  }
  if (meta.tags.empty()) {
    for (const std::string& tag : text::Split(sources.FirstMeta({"parsely-tags", "keywords", "news_keywords"}), ',')) {
      metadata::AddUnique(meta.tags, std::string(text::Trim(tag)));
    }
  }
  if (meta.tags.empty()) {
    for (const std::string& tag : ev.rel_tags) metadata::AddUnique(meta.tags, tag);
  }
  if (meta.tags.size() > 50) meta.tags.resize(50);
  return meta;
}

}  // namespace llmtwin
