#include "fetch/retry.h"

#include <algorithm>
#include <charconv>
#include <string>

namespace llmtwin {

FetchErrorCategory CategoryOfCurlError(CURLcode code) {
  switch (code) {
    case CURLE_OK:
      return FetchErrorCategory::kNone;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return FetchErrorCategory::kDns;
    case CURLE_COULDNT_CONNECT:
      return FetchErrorCategory::kConnect;
    case CURLE_OPERATION_TIMEDOUT:
      return FetchErrorCategory::kTimeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_USE_SSL_FAILED:
      return FetchErrorCategory::kTls;
    case CURLE_FILESIZE_EXCEEDED:
      return FetchErrorCategory::kTooLarge;
    case CURLE_TOO_MANY_REDIRECTS:
      return FetchErrorCategory::kTooManyRedirects;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return FetchErrorCategory::kInvalidUrl;
    case CURLE_BAD_CONTENT_ENCODING:
      return FetchErrorCategory::kBadContent;
    case CURLE_ABORTED_BY_CALLBACK:
      return FetchErrorCategory::kCancelled;
    default:
      return FetchErrorCategory::kNetwork;  // reset, partial file, HTTP/2 stream errors, ...
  }
}

bool IsRetryableCategory(FetchErrorCategory category) {
  return category == FetchErrorCategory::kConnect || category == FetchErrorCategory::kTimeout ||
         category == FetchErrorCategory::kNetwork;
}

bool IsRetryableStatus(long status) { return status == 408 || status == 429 || (status >= 500 && status <= 599); }

FetchErrorCategory CategoryOfStatus(long status) {
  if ((status >= 200 && status < 300) || status == 304) return FetchErrorCategory::kNone;
  if (status >= 400 && status < 500) return FetchErrorCategory::kHttp4xx;
  if (status >= 500 && status < 600) return FetchErrorCategory::kHttp5xx;
  return FetchErrorCategory::kHttpOther;
}

std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value, std::time_t now) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  long long seconds = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc() && ptr == value.data() + value.size()) {
    if (seconds < 0) return std::nullopt;
    return std::chrono::milliseconds(std::min<long long>(seconds, 365LL * 86400) * 1000);
  }
  const std::string text(value);
  const std::time_t when = curl_getdate(text.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  return std::chrono::milliseconds(when > now ? (when - now) * 1000LL : 0);
}

std::chrono::milliseconds BackoffDelay(int attempt, int base_ms, int max_ms, double jitter01) {
  double d = std::max(0, base_ms);
  for (int i = 1; i < attempt && d < max_ms; ++i) d *= 2;
  d = std::min<double>(d, std::max(0, max_ms));
  jitter01 = std::clamp(jitter01, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<long long>(d / 2 + jitter01 * d / 2));
}

}  // namespace llmtwin
