// RAII owners of libcurl's C handles (CURL*, CURLM*, curl_slist*) and the one-time global init.
//
// Every handle the fetch layer creates is owned by one of these, so no early return or exception
// can leak a handle or free it twice.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>
#include <vector>

namespace llmtwin::curl {

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct MultiDeleter {
  void operator()(CURLM* handle) const { curl_multi_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

using Easy = std::unique_ptr<CURL, EasyDeleter>;
using Multi = std::unique_ptr<CURLM, MultiDeleter>;

// A curl_slist built from strings.
class Slist {
 public:
  Slist() = default;
  explicit Slist(const std::vector<std::string>& items) {
    for (const auto& item : items) Append(item);
  }
  void Append(const std::string& item);
  curl_slist* get() const { return list_.get(); }
  bool empty() const { return !list_; }
  void Clear() { list_.reset(); }

 private:
  std::unique_ptr<curl_slist, SlistDeleter> list_;
};

// curl_global_init exactly once per process (thread-safe); call before creating any handle.
void EnsureGlobalInit();

}  // namespace llmtwin::curl
