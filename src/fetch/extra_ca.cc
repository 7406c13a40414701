#include "fetch/extra_ca.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>

#include "common/error.h"
#include "fetch/curl_handles.h"

namespace llmtwin {
namespace {

struct FileCloser {
  void operator()(FILE* f) const { std::fclose(f); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct StoreFree {
  void operator()(X509_STORE* store) const { X509_STORE_free(store); }
};
using StorePtr = std::unique_ptr<X509_STORE, StoreFree>;

// Whether libcurl's TLS backend is the OpenSSL this process links (the SSL_CTX callback works).
bool CurlUsesOpenSsl() {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  return info != nullptr && info->ssl_version != nullptr && std::strncmp(info->ssl_version, "OpenSSL/", 8) == 0;
}

// The CA file and directory libcurl uses when told nothing (its build's defaults).
void CurlDefaultCaLocations(std::string& file, std::string& dir) {
  curl::EnsureGlobalInit();
  curl::Easy easy(curl_easy_init());
  if (!easy) throw Error(ErrorKind::kInternal, "curl_easy_init failed");
#if LIBCURL_VERSION_NUM >= 0x075400  // CURLINFO_CAINFO and CURLINFO_CAPATH: 7.84
  char* value = nullptr;
  if (curl_easy_getinfo(easy.get(), CURLINFO_CAINFO, &value) == CURLE_OK && value != nullptr) file = value;
  value = nullptr;
  if (curl_easy_getinfo(easy.get(), CURLINFO_CAPATH, &value) == CURLE_OK && value != nullptr) dir = value;
#else
  file = X509_get_default_cert_file();
  dir = X509_get_default_cert_dir();
#endif
}

// Adds every PEM certificate of `pem_file` to `store`; returns how many were read.
size_t AddPemFile(X509_STORE* store, const std::string& pem_file) {
  std::unique_ptr<FILE, FileCloser> file(std::fopen(pem_file.c_str(), "r"));
  if (!file) throw Error(ErrorKind::kConfig, "crawl.cacert: cannot read '" + pem_file + "'");
  size_t read = 0;
  while (X509* raw = PEM_read_X509(file.get(), nullptr, nullptr, nullptr)) {
    std::unique_ptr<X509, X509Free> cert(raw);
    X509_STORE_add_cert(store, cert.get());  // takes its own reference; a duplicate is not an error
    ++read;
  }
  ERR_clear_error();  // the end of the file reads as a PEM error
  if (read == 0) throw Error(ErrorKind::kConfig, "crawl.cacert: no PEM certificate in '" + pem_file + "'");
  return read;
}

// The system's store as libcurl would load it, with libcurl's verification flags.
StorePtr NewSystemStore() {
  StorePtr store(X509_STORE_new());
  if (!store) throw Error(ErrorKind::kInternal, "cannot allocate an X509 store");
  std::string file, dir;
  CurlDefaultCaLocations(file, dir);
  // A missing default file or directory is what libcurl would meet too: verification then fails
  // per connection with libcurl's message, not here.
  if (!file.empty()) X509_STORE_load_file(store.get(), file.c_str());
  if (!dir.empty()) X509_STORE_load_path(store.get(), dir.c_str());
  ERR_clear_error();
  X509_STORE_set_flags(store.get(), X509_V_FLAG_TRUSTED_FIRST | X509_V_FLAG_PARTIAL_CHAIN);
  return store;
}

}  // namespace

std::shared_ptr<const TrustStore> TrustStore::For(const std::string& cacert) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const TrustStore>> stores;  // kept for the process
  std::lock_guard lock(mu);
  if (auto it = stores.find(cacert); it != stores.end()) return it->second;
  std::shared_ptr<TrustStore> made(new TrustStore());
  made->cacert_ = cacert;
  if (CurlUsesOpenSsl()) {
    StorePtr store = NewSystemStore();
    if (!cacert.empty()) made->extra_ = AddPemFile(store.get(), cacert);
    made->store_ = store.release();
  } else if (!cacert.empty()) {
    // Read once to report a bad file at start, as with OpenSSL.
    StorePtr scratch(X509_STORE_new());
    if (!scratch) throw Error(ErrorKind::kInternal, "cannot allocate an X509 store");
    made->extra_ = AddPemFile(scratch.get(), cacert);
  }
  stores.emplace(cacert, made);
  return made;
}

TrustStore::~TrustStore() {
  if (store_ != nullptr) X509_STORE_free(static_cast<X509_STORE*>(store_));
}

CURLcode TrustStore::InstallInContext(CURL*, void* ssl_ctx, void* self) {
  auto* store = static_cast<X509_STORE*>(static_cast<const TrustStore*>(self)->store_);
  if (X509_STORE_up_ref(store) != 1) return CURLE_OUT_OF_MEMORY;
  SSL_CTX_set_cert_store(static_cast<SSL_CTX*>(ssl_ctx), store);  // frees the context's own store
  return CURLE_OK;
}

void TrustStore::ApplyTo(CURL* easy) const {
  if (store_ != nullptr &&
      curl_easy_setopt(easy, CURLOPT_SSL_CTX_FUNCTION, &TrustStore::InstallInContext) == CURLE_OK) {
    curl_easy_setopt(easy, CURLOPT_SSL_CTX_DATA, this);
    // libcurl loads nothing itself (NULL disables the default file and directory), and keeps no
    // cached store of its own to put in place of this one.
    curl_easy_setopt(easy, CURLOPT_CAINFO, nullptr);
    curl_easy_setopt(easy, CURLOPT_CAPATH, nullptr);
#if LIBCURL_VERSION_NUM >= 0x075700  // CURLOPT_CA_CACHE_TIMEOUT: 7.87
    curl_easy_setopt(easy, CURLOPT_CA_CACHE_TIMEOUT, 0L);
#endif
  } else if (!cacert_.empty()) {
    curl_easy_setopt(easy, CURLOPT_CAINFO, cacert_.c_str());
  }
}

}  // namespace llmtwin
