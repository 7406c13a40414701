#include "common/crawl_options.h"

#include <charconv>
#include <type_traits>
#include <utility>
#include <variant>

#include "common/error.h"
#include "llmtwin/version.h"

namespace llmtwin {
namespace {

// Every crawl option, with its type, so YAML and the command line share one validator.
using CrawlField = std::variant<int CrawlOptions::*, long long CrawlOptions::*, double CrawlOptions::*,
                                bool CrawlOptions::*, std::string CrawlOptions::*,
                                std::vector<std::string> CrawlOptions::*>;

const std::vector<std::pair<std::string_view, CrawlField>>& CrawlFields() {
  static const std::vector<std::pair<std::string_view, CrawlField>> fields = {
      {"user_agent", &CrawlOptions::user_agent},
      {"concurrency", &CrawlOptions::concurrency},
      {"per_host_connections", &CrawlOptions::per_host_connections},
      {"min_delay_ms", &CrawlOptions::min_delay_ms},
      {"crawl_delay_cap_s", &CrawlOptions::crawl_delay_cap_s},
      {"respect_robots", &CrawlOptions::respect_robots},
      {"connect_timeout_s", &CrawlOptions::connect_timeout_s},
      {"timeout_s", &CrawlOptions::timeout_s},
      {"low_speed_limit_bytes", &CrawlOptions::low_speed_limit_bytes},
      {"low_speed_time_s", &CrawlOptions::low_speed_time_s},
      {"max_body_bytes", &CrawlOptions::max_body_bytes},
      {"max_redirects", &CrawlOptions::max_redirects},
      {"retries", &CrawlOptions::retries},
      {"backoff_base_ms", &CrawlOptions::backoff_base_ms},
      {"backoff_max_ms", &CrawlOptions::backoff_max_ms},
      {"connect_to", &CrawlOptions::connect_to},
      {"cacert", &CrawlOptions::cacert},
      {"proxy", &CrawlOptions::proxy},
      {"allow_private_addresses", &CrawlOptions::allow_private_addresses},
      {"allowed_addresses", &CrawlOptions::allowed_addresses},
      {"skip_paywalled", &CrawlOptions::skip_paywalled},
      {"include_forks", &CrawlOptions::include_forks},
      {"max_repo_file_bytes", &CrawlOptions::max_repo_file_bytes},
  };
  return fields;
}

const CrawlField* FindCrawlField(std::string_view key) {
  for (const auto& [name, field] : CrawlFields())
    if (name == key) return &field;
  return nullptr;
}

// Parses a scalar into the field's type; returns an error message or "" on success.
std::string AssignScalar(CrawlOptions& options, const CrawlField& field, std::string_view text) {
  return std::visit(
      [&](auto member) -> std::string {
        using T = std::remove_reference_t<decltype(options.*member)>;
        T& target = options.*member;
        if constexpr (std::is_same_v<T, std::string>) {
          target = std::string(text);
          return "";
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          target.push_back(std::string(text));
          return "";
        } else if constexpr (std::is_same_v<T, bool>) {
          if (text == "true" || text == "yes" || text == "on" || text == "1") target = true;
          else if (text == "false" || text == "no" || text == "off" || text == "0") target = false;
          else return "expected true or false, got '" + std::string(text) + "'";
          return "";
        } else if constexpr (std::is_same_v<T, double>) {
          double v = 0;
          auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
          if (ec != std::errc() || ptr != text.data() + text.size()) return "expected a number, got '" + std::string(text) + "'";
          if (v < 0) return "must not be negative";
          target = v;
          return "";
        } else {
          T v = 0;
          auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
          if (ec != std::errc() || ptr != text.data() + text.size()) return "expected an integer, got '" + std::string(text) + "'";
          if (v < 0) return "must not be negative";
          target = v;
          return "";
        }
      },
      field);
}


}  // namespace

CrawlOptionKind CrawlOptionKindOf(std::string_view key) {
  const CrawlField* field = FindCrawlField(key);
  if (!field) return CrawlOptionKind::kUnknown;
  return std::holds_alternative<std::vector<std::string> CrawlOptions::*>(*field) ? CrawlOptionKind::kList
                                                                                 : CrawlOptionKind::kScalar;
}

std::string TrySetCrawlOption(CrawlOptions& options, std::string_view key, std::string_view value) {
  const CrawlField* field = FindCrawlField(key);
  if (!field) return "unknown crawl option '" + std::string(key) + "'";
  return AssignScalar(options, *field, value);
}

void ClearCrawlList(CrawlOptions& options, std::string_view key) {
  if (const CrawlField* field = FindCrawlField(key))
    if (auto* list = std::get_if<std::vector<std::string> CrawlOptions::*>(field)) (options.**list).clear();
}

void SetCrawlOption(CrawlOptions& options, std::string_view key, std::string_view value) {
  const CrawlField* field = FindCrawlField(key);
  if (!field) throw Error(ErrorKind::kUsage, "unknown crawl option '" + std::string(key) + "'");
  const std::string problem = AssignScalar(options, *field, value);
  if (!problem.empty()) throw Error(ErrorKind::kUsage, "crawl option " + std::string(key) + ": " + problem);
}

std::string EffectiveUserAgent(const CrawlOptions& options) {
  if (!options.user_agent.empty()) return options.user_agent;
  return "llmtwin/" LLMTWIN_VERSION " (+https://github.com/llmtwin/llmtwin; data collection for an author's own LLM twin)";
}

}  // namespace llmtwin
