// `cacert`: certificates trusted in addition to the system's CA store.
//
// libcurl's CURLOPT_CAINFO replaces the default trust store, which would break every real site
// the moment a user adds one private CA. With libcurl's OpenSSL backend (Debian's
// libcurl4-openssl-dev) the certificates are instead added to each TLS context's store through
// CURLOPT_SSL_CTX_FUNCTION, so the system CAs stay trusted. With another TLS backend the callback
// is unavailable and the file falls back to replacing the store (CAINFO); docs/fetch.md says so.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>
#include <vector>

namespace llmtwin {

class ExtraCaCertificates {
 public:
  // Reads every certificate of a PEM file; throws Error(kConfig) when none can be read.
  explicit ExtraCaCertificates(const std::string& pem_file);
  ~ExtraCaCertificates();
  ExtraCaCertificates(const ExtraCaCertificates&) = delete;
  ExtraCaCertificates& operator=(const ExtraCaCertificates&) = delete;

  size_t size() const { return certificates_.size(); }

  // Makes `easy` trust these certificates on top of the default store (or, without OpenSSL, instead).
  void ApplyTo(CURL* easy) const;

 private:
  static CURLcode AddToContext(CURL* easy, void* ssl_ctx, void* self);

  std::string file_;
  std::vector<void*> certificates_;  // X509*, owned (one reference each)
};

}  // namespace llmtwin
