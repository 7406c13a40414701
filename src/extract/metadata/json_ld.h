// JSON-LD: reading the bodies a page carries (wrappers, broken JSON, @graph, bounded work), the
// object that describes the page, its types and strings, and the author value with its
// @id references. Deviation from JSON-LD proper: no context expansion; schema.org's short names
// are matched as written, which is what pages use.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace llmtwin::metadata {

// JSON-LD bodies are sometimes wrapped for old parsers ("<![CDATA[ ... ]]>", "<!-- ... -->").
std::string StripScriptWrappers(std::string body);
// Parses one body and adds its objects (arrays and @graph flattened; 200 per page at most).
void AddJsonLd(std::string body, std::vector<nlohmann::json>& objects);
bool HasType(const nlohmann::json& object, std::initializer_list<std::string_view> types);
// A string field, or the first string of an array, or an object's name/url/@value/@id.
std::string JsonString(const nlohmann::json& object, const char* key);
// HTML entities left in JSON-LD strings by some CMSs ("Don&#8217;t").
std::string DecodeEntities(const std::string& s);

// The objects of a page by @id, and the one that describes the page: an Article-like type, else
// another work (a review, a recipe), else a WebPage; `described` is an empty object when none is.
struct DescribedObject {
  std::unordered_map<std::string, const nlohmann::json*> by_id;
  const nlohmann::json* article = nullptr;  // the Article-like object (or other work), if any
  const nlohmann::json* described = nullptr;
};
DescribedObject FindDescribedObject(const std::vector<nlohmann::json>& objects);

// Adds the names of a JSON-LD author value; organisations go to `organisations`.
void AddAuthorsFromJson(const nlohmann::json& value, const std::unordered_map<std::string, const nlohmann::json*>& by_id,
                        std::vector<std::string>& out, std::vector<std::string>& organisations, std::string& written,
                        int depth = 0);

}  // namespace llmtwin::metadata
