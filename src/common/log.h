// Process-wide logging: text or JSON lines on stderr, secrets always redacted.
//
// Every layer logs through spdlog's default logger; InitLogging() installs a sink that passes each
// message through RedactSecrets() before it is written, so no call site can leak a password or a
// token by mistake. JSON lines ({"ts","level","msg"}) are for log collectors; text is for people.
#pragma once

#include <spdlog/spdlog.h>

#include <string_view>

namespace llmtwin {

enum class LogFormat { kText, kJson };

struct LogOptions {
  spdlog::level::level_enum level = spdlog::level::info;
  LogFormat format = LogFormat::kText;
};

// Parses "text" / "json"; throws Error(kUsage) for anything else.
LogFormat ParseLogFormat(std::string_view name);

// Replaces the default logger with the redacting stderr logger. Safe to call more than once.
void InitLogging(const LogOptions& options);

}  // namespace llmtwin
