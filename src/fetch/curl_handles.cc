#include "fetch/curl_handles.h"

#include <mutex>

#include "common/error.h"

namespace llmtwin::curl {

void Slist::Append(const std::string& item) {
  curl_slist* grown = curl_slist_append(list_.get(), item.c_str());
  if (!grown) throw Error(ErrorKind::kInternal, "curl_slist_append: out of memory");
  list_.release();
  list_.reset(grown);
}

void EnsureGlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw Error(ErrorKind::kInternal, "curl_global_init failed");
  });
}

}  // namespace llmtwin::curl
