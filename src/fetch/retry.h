// Which failures are worth another attempt, and how long to wait before it.
//
// Retried: transport failures that may be transient (connect, timeout, reset, body cut short),
// 408, 429 and 5xx. Never retried: DNS failures, TLS/certificate failures, blocked addresses,
// too-large bodies and every other 4xx (asking again will not change the answer). The wait is
// exponential backoff with "equal jitter" (half fixed, half random: spreads retries without ever
// retrying immediately), unless the server sent Retry-After (delta-seconds or an HTTP-date), which
// is honoured as given.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <ctime>
#include <optional>
#include <string_view>

#include "fetch/fetcher.h"

namespace llmtwin {

// The category of a failed transfer (result != CURLE_OK).
FetchErrorCategory CategoryOfCurlError(CURLcode code);

// Whether a transfer that failed with `category` may succeed when tried again.
bool IsRetryableCategory(FetchErrorCategory category);

// Whether an HTTP status is retried: 408, 429 and 5xx.
bool IsRetryableStatus(long status);

// The error category of a final HTTP status (kNone for 2xx and 304).
FetchErrorCategory CategoryOfStatus(long status);

// Parses Retry-After ("120" or "Wed, 21 Oct 2015 07:28:00 GMT") relative to `now` (Unix time).
// A date in the past gives zero; an unparseable value gives std::nullopt.
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value, std::time_t now);

// Backoff before attempt `attempt + 1` after `attempt` failed attempts (1-based):
// d = min(max, base * 2^(attempt-1)); wait = d/2 + jitter01 * d/2, with jitter01 in [0, 1].
std::chrono::milliseconds BackoffDelay(int attempt, int base_ms, int max_ms, double jitter01);

}  // namespace llmtwin
