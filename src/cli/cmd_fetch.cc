// `llmtwin fetch URL... [--head] [--json] [--body]`: fetch URLs through the same engine the
// crawlers use (robots.txt, politeness, retries, limits) and show what happened: status, final
// URL, timings, attempts and the error category. For debugging a site or a network setup
// (--connect-to, --cacert, proxies). Exit code 0 when every URL answered 2xx or 304, else 1.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <future>

#include "cli/command.h"
#include "cli/exit_codes.h"
#include "common/redact.h"
#include "fetch/fetcher.h"

namespace llmtwin::cli {
namespace {

struct FetchArgs {
  std::vector<std::string> urls;
  bool head = false;
  bool json = false;
  bool body = false;
  bool raw = false;
  std::string if_none_match;
  std::string if_modified_since;
  NetworkFlags network;
};

nlohmann::json ToJson(const FetchResult& r, bool with_body) {
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& [name, value] : r.headers) headers.push_back({name, RedactSecrets(value)});
  nlohmann::json j = {
      {"requested_url", RedactSecrets(r.requested_url)},
      {"final_url", RedactSecrets(r.final_url)},
      {"status", r.status},
      {"ok", r.ok()},
      {"unchanged", r.not_modified()},
      {"error", r.error == FetchErrorCategory::kNone ? nlohmann::json(nullptr)
                                                      : nlohmann::json(FetchErrorCategoryName(r.error))},
      {"error_message", RedactSecrets(r.error_message)},
      {"http_version", r.http_version},
      {"content_type", r.content_type},
      {"charset", r.charset},
      {"bytes", r.body.size()},
      {"etag", r.etag},
      {"last_modified", r.last_modified},
      {"redirects", r.redirects},
      {"attempts", r.attempts},
      {"timings", {{"total_s", r.total_seconds}, {"wait_s", r.wait_seconds}, {"connect_s", r.connect_seconds},
                   {"tls_s", r.tls_seconds}, {"ttfb_s", r.ttfb_seconds}}},
      {"headers", headers},
  };
  if (with_body) j["body"] = r.body;
  return j;
}

void PrintText(const FetchResult& r, bool with_body) {
  std::printf("%s\n", RedactSecrets(r.requested_url).c_str());
  if (r.status) std::printf("  status:     %ld (HTTP/%s)%s\n", r.status, r.http_version.c_str(), r.not_modified() ? " unchanged" : "");
  if (r.error != FetchErrorCategory::kNone)
    std::printf("  error:      %s: %s\n", std::string(FetchErrorCategoryName(r.error)).c_str(),
                RedactSecrets(r.error_message).c_str());
  for (const auto& hop : r.redirects) std::printf("  redirected: %s\n", RedactSecrets(hop).c_str());
  if (!r.final_url.empty()) std::printf("  final url:  %s\n", RedactSecrets(r.final_url).c_str());
  if (!r.content_type.empty())
    std::printf("  type:       %s%s%s\n", r.content_type.c_str(), r.charset.empty() ? "" : " decoded from ",
                r.charset.c_str());
  std::printf("  bytes:      %zu\n", r.body.size());
  if (!r.etag.empty()) std::printf("  etag:       %s\n", r.etag.c_str());
  if (!r.last_modified.empty()) std::printf("  modified:   %s\n", r.last_modified.c_str());
  std::printf("  attempts:   %d\n", r.attempts);
  std::printf("  timings:    total %.3f s (waited %.3f s), connect %.3f s, tls %.3f s, first byte %.3f s\n",
              r.total_seconds, r.wait_seconds, r.connect_seconds, r.tls_seconds, r.ttfb_seconds);
  if (with_body) std::printf("\n%s\n", r.body.c_str());
}

int RunFetch(const FetchArgs& args) {
  CrawlOptions options;
  args.network.ApplyTo(options);
  Fetcher fetcher(options);
  std::vector<std::future<FetchResult>> futures;
  for (const auto& url : args.urls) {
    FetchRequest request;
    request.url = url;
    request.head = args.head;
    request.decode_text = !args.raw;
    request.if_none_match = args.if_none_match;
    request.if_modified_since = args.if_modified_since;
    futures.push_back(fetcher.Submit(std::move(request)));
  }
  bool all_ok = true;
  nlohmann::json out = nlohmann::json::array();
  for (auto& future : futures) {
    const FetchResult r = future.get();
    all_ok = all_ok && (r.ok() || r.not_modified());
    if (args.json) out.push_back(ToJson(r, args.body));
    else PrintText(r, args.body);
  }
  if (args.json) std::printf("%s\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  return all_ok ? kExitSuccess : kExitPartialFailure;
}

void AddFetchCommand(CLI::App& root, Context& context) {
  auto args = std::make_shared<FetchArgs>();
  CLI::App* fetch = root.add_subcommand("fetch", "Fetch URLs through llmtwin's HTTP engine and show status, timings and errors");
  fetch->add_option("urls", args->urls, "URLs to fetch (concurrently, politely)")->required();
  fetch->add_flag("--head", args->head, "Send HEAD instead of GET");
  fetch->add_flag("--json", args->json, "Print one JSON array of results");
  fetch->add_flag("--body", args->body, "Also print the body (decoded to UTF-8 unless --raw)");
  fetch->add_flag("--raw", args->raw, "Keep the body's bytes as sent (no charset decoding)");
  fetch->add_option("--if-none-match", args->if_none_match, "Send If-None-Match (an ETag from an earlier fetch)");
  fetch->add_option("--if-modified-since", args->if_modified_since, "Send If-Modified-Since (an HTTP date)");
  args->network.AddTo(fetch);
  fetch->callback([args, &context] { context.run = [args] { return RunFetch(*args); }; });
}

const CommandRegistrar kRegisterFetch(40, AddFetchCommand);

}  // namespace

}  // namespace llmtwin::cli
