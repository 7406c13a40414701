// What the per-field rules (titles.cc, authors.cc, dates.cc) read: the page, the walk's evidence,
// the metadata chosen so far (a field's rules may use earlier fields: dates look by the title and
// the byline's name), and the JSON-LD object that describes the page.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "extract/extractor.h"
#include "extract/html_document.h"
#include "extract/metadata/page_walk.h"

namespace llmtwin::metadata {

struct PageSources {
  const HtmlDocument& document;
  Evidence& ev;
  PageMetadata& meta;       // the fields chosen so far; each rule sets its own
  const nlohmann::json& ld;  // the JSON-LD object describing the page, or an empty object
  const nlohmann::json* article;  // the Article-like JSON-LD object, if any
  const std::unordered_map<std::string, const nlohmann::json*>& by_id;

  // The first non-empty meta tag among `names`.
  std::string FirstMeta(std::initializer_list<std::string_view> names) const {
    for (std::string_view name : names) {
      std::string value = meta.Meta(name);
      if (!value.empty()) return value;
    }
    return {};
  }
};

}  // namespace llmtwin::metadata
