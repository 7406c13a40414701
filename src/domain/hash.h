// Content hashing: the SHA-256 of a document's content decides whether a re-crawl changed it.
//
// OpenSSL's EVP interface (libcrypto) does the work; this wrapper exists so that the domain layer
// exposes one function and no OpenSSL types.
#pragma once

#include <string>
#include <string_view>

namespace llmtwin {

// SHA-256 of `data` as 64 lower-case hex digits. Throws Error(kInternal) if OpenSSL fails.
std::string Sha256Hex(std::string_view data);

}  // namespace llmtwin
