// A fixed set of HTML tag names, asked "is this element's name one of them?" for every node of
// every page (block elements, elements that never hold text). A loop of strcmp over 30-55 names
// was 4% of the ETL's CPU; here a name is hashed once (length, first and last letter) into one of
// 64 short buckets and compared with at most a couple of names of its length.
//
// Names are compared as given: libxml2's HTML parser lower-cases element names, so callers pass
// lower-case names and node->name as it is.
#ifndef LLMTWIN_EXTRACT_TAG_SET_H_
#define LLMTWIN_EXTRACT_TAG_SET_H_

#include <array>
#include <cstring>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace llmtwin {

class TagSet {
 public:
  TagSet(std::initializer_list<std::string_view> names) {
    for (std::string_view name : names) buckets_[Bucket(name)].push_back(name);
  }

  bool Contains(std::string_view name) const {
    if (name.empty()) return false;
    for (std::string_view candidate : buckets_[Bucket(name)])
      if (candidate == name) return true;
    return false;
  }
  bool Contains(const char* name) const { return name && Contains(std::string_view(name)); }

 private:
  static std::size_t Bucket(std::string_view name) {
    if (name.empty()) return 0;
    const auto first = static_cast<unsigned char>(name.front());
    const auto last = static_cast<unsigned char>(name.back());
    return (name.size() * 7 + first * 3 + last) & (kBuckets - 1);
  }

  static constexpr std::size_t kBuckets = 64;
  std::array<std::vector<std::string_view>, kBuckets> buckets_;
};

}  // namespace llmtwin

#endif  // LLMTWIN_EXTRACT_TAG_SET_H_
