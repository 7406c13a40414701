#include "warehouse/field_codec.h"

namespace llmtwin::warehouse {
namespace {

bool NeedsEncoding(std::string_view name) {
  if (!name.empty() && name.front() == '$') return true;
  return name.find_first_of("%.") != std::string_view::npos;
}

bool NeedsDecoding(std::string_view name) { return name.find('%') != std::string_view::npos; }

template <bool kEncode>
Json MapKeys(const Json& json) {
  if (json.is_object()) {
    Json out = Json::object();
    for (const auto& [key, value] : json.items()) {
      std::string mapped = kEncode ? EncodeFieldName(key) : DecodeFieldName(key);
      out[std::move(mapped)] = MapKeys<kEncode>(value);
    }
    return out;
  }
  if (json.is_array()) {
    Json out = Json::array();
    for (const auto& value : json) out.push_back(MapKeys<kEncode>(value));
    return out;
  }
  return json;
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

Json EncodeKeys(const Json& json) { return MapKeys<true>(json); }
Json DecodeKeys(const Json& json) { return MapKeys<false>(json); }

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
