#include "pipeline/config.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>
#include <unordered_map>

#include "common/error.h"
#include "domain/url.h"

namespace llmtwin {
namespace {

constexpr size_t kMaxConfigBytes = 1 << 20;  // a pipeline config is a few KB; refuse to parse more
constexpr int kMaxNodes = 200000;           // guards against alias ("billion laughs") expansion

// Collects problems while walking the document; all are reported at the end.
class Validator {
 public:
  explicit Validator(std::string_view name) : name_(name) {}

  std::string Where(const YAML::Node& node, std::string_view key) const {
    const YAML::Mark mark = node.Mark();
    std::string where = name_;
    if (!mark.is_null()) where += ":" + std::to_string(mark.line + 1);
    where += ": ";
    where += key;
    return where;
  }
  void Error(const YAML::Node& node, std::string_view key, const std::string& message) {
    errors_.push_back(Where(node, key) + ": " + message);
  }
  void Warn(const YAML::Node& node, std::string_view key, const std::string& message) {
    warnings_.push_back(Where(node, key) + ": " + message);
  }

  std::vector<std::string> errors_;
  std::vector<std::string> warnings_;

 private:
  std::string name_;
};

std::string TypeName(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null: return "null";
    case YAML::NodeType::Scalar: return "a scalar";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a mapping";
    default: return "undefined";
  }
}

// Counts the nodes reachable from `root`, stopping once `budget` is spent; returns what is left
// (<= 0 means too many). Iterative on purpose: aliases can make the graph deep or even cyclic
// (`a: &a [*a]`), which would overflow the stack of a recursive walk; a cycle simply spends the
// budget.
int CountNodes(const YAML::Node& root, int budget) {
  std::vector<YAML::Node> pending{root};
  while (!pending.empty() && budget > 0) {
    const YAML::Node n = pending.back();
    pending.pop_back();
    --budget;
    if (n.IsSequence()) {
      for (const auto& item : n) pending.push_back(item);
    } else if (n.IsMap()) {
      for (const auto& entry : n) pending.push_back(entry.second);
    }
    if (pending.size() > static_cast<size_t>(budget) + 1) return 0;  // more queued than allowed
  }
  return budget;
}

// Reads a list of URLs under `key`; drops duplicates with a warning.
std::vector<std::string> ReadUrlList(Validator& v, const YAML::Node& parent, const YAML::Node& list, const std::string& key) {
  std::vector<std::string> urls;
  if (!list.IsSequence()) {
    v.Error(list.IsDefined() && !list.IsNull() ? list : parent, key, "must be a list of URLs, got " + TypeName(list));
    return urls;
  }
  std::unordered_map<std::string, int> first_line;
  for (size_t i = 0; i < list.size(); ++i) {
    const YAML::Node item = list[i];
    const std::string item_key = key + "[" + std::to_string(i) + "]";
    if (!item.IsScalar()) {
      v.Error(item, item_key, "must be a URL string, got " + TypeName(item));
      continue;
    }
    std::string url = item.Scalar();
    while (!url.empty() && (url.back() == ' ' || url.back() == '\t')) url.pop_back();
    while (!url.empty() && (url.front() == ' ' || url.front() == '\t')) url.erase(url.begin());
    std::string why;
    if (url.empty()) {
      v.Error(item, item_key, "is empty");
      continue;
    }
    if (!ParseHttpUrl(url, &why)) {
      std::string shown = url.size() > 120 ? url.substr(0, 120) + "..." : url;
      v.Error(item, item_key, "'" + shown + "' " + why);
      continue;
    }
    const int line = item.Mark().line + 1;
    auto [it, inserted] = first_line.emplace(url, line);
    if (!inserted) {
      v.Warn(item, item_key, "duplicate of line " + std::to_string(it->second) + ", dropped: " + url);
      continue;
    }
    urls.push_back(std::move(url));
  }
  if (urls.empty() && list.size() == 0) v.Error(list, key, "is empty: give at least one link");
  return urls;
}

void ReadCrawl(Validator& v, const YAML::Node& crawl, CrawlOptions& options) {
  if (!crawl.IsMap()) {
    if (!crawl.IsNull()) v.Error(crawl, "crawl", "must be a mapping, got " + TypeName(crawl));
    return;
  }
  for (const auto& entry : crawl) {
    const std::string key = entry.first.as<std::string>();
    const std::string full = "crawl." + key;
    const CrawlOptionKind kind = CrawlOptionKindOf(key);
    if (kind == CrawlOptionKind::kUnknown) {
      v.Warn(entry.first, full, "unknown key, ignored");
      continue;
    }
    const YAML::Node value = entry.second;
    if (kind == CrawlOptionKind::kList) {
      ClearCrawlList(options, key);
      if (value.IsScalar()) {
        TrySetCrawlOption(options, key, value.Scalar());
      } else if (value.IsSequence()) {
        for (const auto& item : value) {
          if (!item.IsScalar()) v.Error(item, full, "must be a list of strings");
          else TrySetCrawlOption(options, key, item.Scalar());
        }
      } else if (!value.IsNull()) {
        v.Error(value, full, "must be a string or a list of strings, got " + TypeName(value));
      }
      continue;
    }
    if (!value.IsScalar()) {
      v.Error(value.IsNull() ? entry.first : value, full, "must be a single value, got " + TypeName(value));
      continue;
    }
    const std::string problem = TrySetCrawlOption(options, key, value.Scalar());
    if (!problem.empty()) v.Error(value, full, problem);
  }
  if (options.concurrency < 1) v.Error(crawl, "crawl.concurrency", "must be at least 1");
  if (options.per_host_connections < 1) v.Error(crawl, "crawl.per_host_connections", "must be at least 1");
}

void ReadExports(Validator& v, const YAML::Node& list, std::vector<ExportSpec>& exports) {
  if (!list.IsSequence()) {
    v.Error(list, "exports", "must be a list of {kind, path, ...} mappings, got " + TypeName(list));
    return;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    const YAML::Node item = list[i];
    const std::string key = "exports[" + std::to_string(i) + "]";
    if (!item.IsMap()) {
      v.Error(item, key, "must be a mapping {kind: medium|substack|x|linkedin, path: ...}, got " + TypeName(item));
      continue;
    }
    ExportSpec spec;
    bool ok = true;
    for (const auto& entry : item) {
      const std::string name = entry.first.as<std::string>();
      const YAML::Node value = entry.second;
      const std::string full = key + "." + name;
      if (!value.IsScalar()) {
        v.Error(value.IsNull() ? entry.first : value, full, "must be a single value, got " + TypeName(value));
        ok = false;
        continue;
      }
      auto flag = [&](bool& out) {
        const std::string text = value.Scalar();
        if (text == "true" || text == "yes") out = true;
        else if (text == "false" || text == "no") out = false;
        else {
          v.Error(value, full, "must be true or false, got '" + text + "'");
          ok = false;
        }
      };
      if (name == "kind") spec.kind = value.Scalar();
      else if (name == "path") spec.path = value.Scalar();
      else if (name == "include_drafts") flag(spec.options.include_drafts);
      else if (name == "skip_responses") flag(spec.options.skip_responses);
      else if (name == "skip_replies") flag(spec.options.skip_replies);
      else if (name == "publication_url") spec.options.publication_url = value.Scalar();
      else if (name == "handle") spec.options.handle = value.Scalar();
      else v.Warn(entry.first, full, "unknown key, ignored (known: kind, path, include_drafts, skip_responses, skip_replies, publication_url, handle)");
    }
    if (spec.kind.empty()) {
      v.Error(item, key + ".kind", "missing: medium, substack, x or linkedin");
      ok = false;
    } else {
      try {
        ExportKindOf(spec.kind);
      } catch (const llmtwin::Error& e) {
        v.Error(item["kind"], key + ".kind", e.what());
        ok = false;
      }
    }
    if (spec.path.empty()) {
      v.Error(item, key + ".path", "missing: the export's zip or folder");
      ok = false;
    }
    if (ok && (spec.kind == "substack" || spec.kind == "substack-export") && !ParseHttpUrl(spec.options.publication_url)) {
      v.Error(item, key + ".publication_url", "missing or not an http(s) URL: where the publication's posts live");
      ok = false;
    }
    if (ok) exports.push_back(std::move(spec));
  }
}

}  // namespace

EtlConfig ParseEtlConfig(std::string_view yaml_text, std::string_view name) {
  EtlConfig config;
  config.path = std::string(name);
  config.text = std::string(yaml_text);
  if (yaml_text.size() > kMaxConfigBytes)
    throw Error(ErrorKind::kConfig, std::string(name) + ": config is " + std::to_string(yaml_text.size()) +
                                        " bytes; the limit is " + std::to_string(kMaxConfigBytes));
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::ParserException& e) {
    throw Error(ErrorKind::kConfig, std::string(name) + ":" + std::to_string(e.mark.line + 1) + ":" +
                                        std::to_string(e.mark.column + 1) + ": YAML syntax error: " + e.msg);
  }
  Validator v(name);
  if (CountNodes(root, kMaxNodes) <= 0)
    throw Error(ErrorKind::kConfig, std::string(name) + ": config expands to more than " + std::to_string(kMaxNodes) +
                                        " nodes (alias bomb?)");
  if (!root.IsMap()) {
    throw Error(ErrorKind::kConfig, std::string(name) + ": the config must be a YAML mapping with a 'parameters' key, got " +
                                        TypeName(root));
  }
  try {
    for (const auto& entry : root) {
      const std::string key = entry.first.as<std::string>();
      if (key != "parameters" && key != "settings" && key != "crawl" && key != "sources" && key != "warehouse" &&
          key != "exports")
        v.Warn(entry.first, key, "unknown key, ignored (known: parameters, settings, crawl, sources, warehouse, exports)");
    }
    const YAML::Node params = root["parameters"];
    if (!params) {
      v.Error(root, "parameters", "missing (expected parameters.user_full_name and parameters.links)");
    } else if (!params.IsMap()) {
      v.Error(params, "parameters", "must be a mapping, got " + TypeName(params));
    } else {
      for (const auto& entry : params) {
        const std::string key = entry.first.as<std::string>();
        if (key != "user_full_name" && key != "links")
          v.Warn(entry.first, "parameters." + key, "unknown key, ignored (known: user_full_name, links)");
      }
      const YAML::Node user = params["user_full_name"];
      if (!user || user.IsNull()) {
        v.Error(user ? user : params, "parameters.user_full_name", "missing: give the author's full name");
      } else if (!user.IsScalar()) {
        v.Error(user, "parameters.user_full_name", "must be a string, got " + TypeName(user));
      } else if (user.Scalar().find_first_not_of(" \t\r\n") == std::string::npos) {
        v.Error(user, "parameters.user_full_name", "is empty: give the author's full name");
      } else {
        config.user_full_name = user.Scalar();
      }
      const YAML::Node links = params["links"];
      const YAML::Node exports = root["exports"];
      const bool has_exports = exports && exports.IsSequence() && exports.size() > 0;
      if ((!links || links.IsNull()) && has_exports) {
        // An import-only config: the exports are the whole footprint.
      } else if (!links || links.IsNull()) {
        v.Error(links ? links : params, "parameters.links", "missing: give at least one link");
      } else {
        config.links = ReadUrlList(v, params, links, "parameters.links");
      }
    }
    if (const YAML::Node sources = root["sources"]; sources && !sources.IsNull()) {
      if (sources.IsSequence() && sources.size() == 0) {
        // An empty list of sources is harmless.
      } else {
        config.sources = ReadUrlList(v, root, sources, "sources");
      }
    }
    if (const YAML::Node exports = root["exports"]; exports && !exports.IsNull()) ReadExports(v, exports, config.exports);
    if (const YAML::Node crawl = root["crawl"]; crawl) ReadCrawl(v, crawl, config.crawl);
    if (const YAML::Node wh = root["warehouse"]; wh && !wh.IsNull()) {
      if (!wh.IsScalar()) v.Error(wh, "warehouse", "must be a string (sqlite:PATH or mongodb://...)");
      else config.warehouse = wh.Scalar();
    }
  } catch (const YAML::Exception& e) {
    v.errors_.push_back(std::string(name) + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (!v.errors_.empty()) {
    std::string message = std::string(name) + ": invalid config (" + std::to_string(v.errors_.size()) +
                          (v.errors_.size() == 1 ? " problem)" : " problems)");
    for (const auto& e : v.errors_) message += "\n  " + e;
    throw Error(ErrorKind::kConfig, message);
  }
  config.warnings = std::move(v.warnings_);
  return config;
}

EtlConfig LoadEtlConfig(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw Error(ErrorKind::kConfig, path.string() + ": config file not found");
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw Error(ErrorKind::kConfig, path.string() + ": cannot read: " + ec.message());
  if (size > kMaxConfigBytes)
    throw Error(ErrorKind::kConfig, path.string() + ": config is " + std::to_string(size) + " bytes; the limit is " +
                                        std::to_string(kMaxConfigBytes));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::kConfig, path.string() + ": cannot open");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  EtlConfig config = ParseEtlConfig(buffer.str(), path.string());
  for (ExportSpec& spec : config.exports) {
    const std::filesystem::path export_path(spec.path);
    if (export_path.is_relative()) spec.path = (path.parent_path() / export_path).lexically_normal().string();
  }
  return config;
}

}  // namespace llmtwin
