#include "fetch/extra_ca.h"

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <cstdio>

#include "common/error.h"

namespace llmtwin {
namespace {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};

}  // namespace

ExtraCaCertificates::ExtraCaCertificates(const std::string& pem_file) : file_(pem_file) {
  std::unique_ptr<FILE, FileCloser> file(std::fopen(pem_file.c_str(), "r"));
  if (!file) throw Error(ErrorKind::kConfig, "crawl.cacert: cannot read '" + pem_file + "'");
  while (X509* cert = PEM_read_X509(file.get(), nullptr, nullptr, nullptr)) certificates_.push_back(cert);
  if (certificates_.empty())
    throw Error(ErrorKind::kConfig, "crawl.cacert: no PEM certificate in '" + pem_file + "'");
}

ExtraCaCertificates::~ExtraCaCertificates() {
  for (void* cert : certificates_) X509_free(static_cast<X509*>(cert));
}

CURLcode ExtraCaCertificates::AddToContext(CURL*, void* ssl_ctx, void* self) {
  const auto* extra = static_cast<const ExtraCaCertificates*>(self);
  X509_STORE* store = SSL_CTX_get_cert_store(static_cast<SSL_CTX*>(ssl_ctx));
  for (void* cert : extra->certificates_) X509_STORE_add_cert(store, static_cast<X509*>(cert));  // takes its own reference
  return CURLE_OK;
}

void ExtraCaCertificates::ApplyTo(CURL* easy) const {
  if (curl_easy_setopt(easy, CURLOPT_SSL_CTX_FUNCTION, &ExtraCaCertificates::AddToContext) == CURLE_OK) {
    curl_easy_setopt(easy, CURLOPT_SSL_CTX_DATA, this);
  } else {
    curl_easy_setopt(easy, CURLOPT_CAINFO, file_.c_str());
  }
}

}  // namespace llmtwin
