// A fixed list of substrings to look for in short texts (an element's class and id), answered in
// one pass over the text: the needles are bucketed by their first byte, and each position of the
// text is compared only with the needles that start with its byte. A find() per needle (50-60 of
// them, for every element of every page) was 12% of the extraction's CPU in memchr and memcmp.
#ifndef LLMTWIN_EXTRACT_NEEDLE_SET_H_
#define LLMTWIN_EXTRACT_NEEDLE_SET_H_

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace llmtwin {

class NeedleSet {
 public:
  // `needles` must outlive the set (string literals do) and be non-empty.
  NeedleSet(std::initializer_list<std::string_view> needles) {
    for (std::string_view needle : needles)
      if (!needle.empty()) by_first_byte_[static_cast<unsigned char>(needle.front())].push_back(needle);
  }

  // The same set less one needle.
  NeedleSet Without(std::string_view needle) const {
    NeedleSet copy = *this;
    if (needle.empty()) return copy;
    auto& bucket = copy.by_first_byte_[static_cast<unsigned char>(needle.front())];
    bucket.erase(std::remove(bucket.begin(), bucket.end(), needle), bucket.end());
    return copy;
  }

  // Whether one of the needles occurs in `text`.
  bool FoundIn(std::string_view text) const {
    for (std::size_t i = 0; i < text.size(); ++i) {
      const std::size_t rest = text.size() - i;
      for (std::string_view needle : by_first_byte_[static_cast<unsigned char>(text[i])]) {
        // The second byte first: most candidates differ there, and a call to memcmp costs more.
        if (needle.size() > rest || (needle.size() > 1 && needle[1] != text[i + 1])) continue;
        if (text.compare(i, needle.size(), needle) == 0) return true;
      }
    }
    return false;
  }

 private:
  std::array<std::vector<std::string_view>, 256> by_first_byte_;
};

}  // namespace llmtwin

#endif  // LLMTWIN_EXTRACT_NEEDLE_SET_H_
