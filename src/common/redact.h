// Removes secrets from text before it is logged or printed.
//
// Secrets reach us inside warehouse URIs (mongodb://user:password@host), URLs with tokens in the
// query (?access_token=...), HTTP headers (Authorization: Bearer ...) and raw GitHub tokens from
// the environment. Redaction replaces only the secret part with "****" so that the rest of the
// line stays useful for debugging (the host, the user name, the parameter name).
#pragma once

#include <string>
#include <string_view>

namespace llmtwin {

// Returns `text` with every secret it recognises replaced by "****".
std::string RedactSecrets(std::string_view text);

}  // namespace llmtwin
