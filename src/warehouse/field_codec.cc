#include "warehouse/field_codec.h"

namespace llmtwin::warehouse {
namespace {

bool NeedsEncoding(std::string_view name) {
  if (!name.empty() && name.front() == '$') return true;
  return name.find_first_of("%.") != std::string_view::npos;
}

bool NeedsDecoding(std::string_view name) { return name.find('%') != std::string_view::npos; }

// Rewrites keys in place: objects whose keys all stay the same are not rebuilt, and values are
// moved, never copied (documents hold 10-30 KB of text).
template <bool kEncode>
void MapKeysInPlace(Json& json) {
  if (json.is_object()) {
    bool rename = false;
    for (const auto& [key, value] : json.items()) {
      if (kEncode ? NeedsEncoding(key) : NeedsDecoding(key)) {
        rename = true;
        break;
      }
    }
    if (rename) {
      Json out = Json::object();
      for (auto& [key, value] : json.items()) out[kEncode ? EncodeFieldName(key) : DecodeFieldName(key)] = std::move(value);
      json = std::move(out);
    }
    for (auto& [key, value] : json.items()) MapKeysInPlace<kEncode>(value);
  } else if (json.is_array()) {
    for (auto& value : json) MapKeysInPlace<kEncode>(value);
  }
}

}  // namespace

std::string EncodeFieldName(std::string_view name) {
  if (!NeedsEncoding(name)) return std::string(name);
  std::string out;
  out.reserve(name.size() + 8);
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '%') out += "%25";
    else if (c == '.') out += "%2E";
    else if (c == '$' && i == 0) out += "%24";
    else out += c;
  }
  return out;
}

std::string DecodeFieldName(std::string_view name) {
  if (!NeedsDecoding(name)) return std::string(name);
  std::string out;
  out.reserve(name.size());
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '%' && i + 2 < name.size()) {
      const char a = name[i + 1];
      const char b = static_cast<char>(name[i + 2] | 0x20);  // lower-case the hex letter
      if (a == '2' && (b == '5' || b == 'e' || b == '4')) {
        out += b == '5' ? '%' : (b == 'e' ? '.' : '$');
        i += 2;
        continue;
      }
    }
    out += name[i];
  }
  return out;
}

Json EncodeKeys(Json json) {
  MapKeysInPlace<true>(json);
  return json;
}
Json DecodeKeys(Json json) {
  MapKeysInPlace<false>(json);
  return json;
}

std::string EncodeFieldPath(std::string_view path) {
  std::string out;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    out += EncodeFieldName(path.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    out += '.';
    start = dot + 1;
  }
  return out;
}

}  // namespace llmtwin::warehouse
