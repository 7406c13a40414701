// Hashing: the SHA-256 of a document's content decides whether a re-crawl changed it; 64-bit
// FNV-1a is the small stable hash of words (MinHash shingles) and hosts (shards).
//
// OpenSSL's EVP interface (libcrypto) does the work; this wrapper exists so that the domain layer
// exposes one function and no OpenSSL types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace llmtwin {

// SHA-256 of `data` as 64 lower-case hex digits. Throws Error(kInternal) if OpenSSL fails.
std::string Sha256Hex(std::string_view data);

// 64-bit FNV-1a of `text`'s bytes (offset basis 14695981039346656037, prime 1099511628211): the
// same on every machine, compiler, run and language, which std::hash is not.
constexpr std::uint64_t Fnv1a64(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace llmtwin
