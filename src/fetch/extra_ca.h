// The certificates TLS connections trust: the system's CA store plus `cacert`, loaded once per
// process and shared by every connection.
//
// libcurl's OpenSSL backend gives each new connection a new SSL_CTX and reads the whole CA bundle
// from disk into it (OpenSSL 3 decodes ~150 PEM certificates: milliseconds per connection, 0.3 ms
// per link of the synthetic benchmark, 6% of the ETL's CPU). Its own cache of the store
// (CURLOPT_CA_CACHE_TIMEOUT) is per multi handle and is skipped on some paths. So with libcurl's
// OpenSSL backend (Debian's libcurl4-openssl-dev) TrustStore builds one X509_STORE per process and
// per `cacert` file: the default CA file and directory libcurl would read (CURLINFO_CAINFO /
// CURLINFO_CAPATH), the `cacert` certificates added on top (CURLOPT_CAINFO would replace the
// default store and break every real site the moment a user adds one private CA), and the
// verification flags libcurl sets (trusted first, partial chains). Each connection's SSL_CTX gets a
// reference to it (CURLOPT_SSL_CTX_FUNCTION) and libcurl is told to load nothing itself. With
// another TLS backend the callback is unavailable: the system store is libcurl's own and the
// `cacert` file falls back to replacing it (CAINFO); docs/fetch.md says so.
//
// An X509_STORE is safe to share between threads once built (OpenSSL locks its lookups); it is
// never changed after For() returns it.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

namespace llmtwin {

class TrustStore {
 public:
  // The store for `cacert` ("" = the system's alone), built on the first call and kept for the
  // process. Throws Error(kConfig) when the file cannot be read or holds no PEM certificate.
  static std::shared_ptr<const TrustStore> For(const std::string& cacert);

  ~TrustStore();
  TrustStore(const TrustStore&) = delete;
  TrustStore& operator=(const TrustStore&) = delete;

  // How many certificates `cacert` added (0 for the system's store alone).
  size_t extra_certificates() const { return extra_; }
  // Whether connections use this shared store (libcurl's OpenSSL backend) rather than libcurl's own.
  bool shared() const { return store_ != nullptr; }

  // Makes `easy` verify peers against this store.
  void ApplyTo(CURL* easy) const;

 private:
  TrustStore() = default;
  static CURLcode InstallInContext(CURL* easy, void* ssl_ctx, void* self);

  std::string cacert_;   // for the CAINFO fallback without OpenSSL
  void* store_ = nullptr;  // X509_STORE*, owned (one reference); null without the OpenSSL backend
  size_t extra_ = 0;
};

}  // namespace llmtwin
