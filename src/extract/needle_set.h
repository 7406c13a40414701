// A fixed list of substrings to look for in short texts (an element's class and id), answered in
// one pass over the text: the needles are bucketed by their first byte, and each position of the
// text is compared only with the needles that start with its byte (the second byte is checked
// before memcmp). A find() per needle (50-60 of them, for every element of every page) was 12% of
// the extraction's CPU in memchr and memcmp.
//
// Needles carry tags (bits): several word lists merged into one set are matched in one pass, and
// TagsIn says which lists have a word in the text.
#ifndef LLMTWIN_EXTRACT_NEEDLE_SET_H_
#define LLMTWIN_EXTRACT_NEEDLE_SET_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace llmtwin {

class NeedleSet {
 public:
  NeedleSet() = default;
  // `needles` must outlive the set (string literals do); empty ones are ignored.
  NeedleSet(std::initializer_list<std::string_view> needles, std::uint32_t tag = 1) {
    for (std::string_view needle : needles) Add(needle, tag);
  }

  // Adds `needle` with `tag` (or'ed into its tags when it is there already).
  NeedleSet& Add(std::string_view needle, std::uint32_t tag) {
    if (needle.empty()) return *this;
    auto& bucket = by_first_byte_[static_cast<unsigned char>(needle.front())];
    for (Needle& known : bucket)
      if (known.text == needle) {
        known.tags |= tag;
        return *this;
      }
    bucket.push_back({needle, tag});
    return *this;
  }
  // Adds every needle of `other`, with `tag` instead of its own tags.
  NeedleSet& Add(const NeedleSet& other, std::uint32_t tag) {
    for (const auto& bucket : other.by_first_byte_)
      for (const Needle& needle : bucket) Add(needle.text, tag);
    return *this;
  }

  // The same set less one needle.
  NeedleSet Without(std::string_view needle) const {
    NeedleSet copy = *this;
    if (needle.empty()) return copy;
    auto& bucket = copy.by_first_byte_[static_cast<unsigned char>(needle.front())];
    bucket.erase(std::remove_if(bucket.begin(), bucket.end(), [&](const Needle& n) { return n.text == needle; }),
                 bucket.end());
    return copy;
  }

  // Whether one of the needles occurs in `text`.
  bool FoundIn(std::string_view text) const { return Scan(text, /*all=*/false) != 0; }
  // The tags of every needle that occurs in `text`, or'ed.
  std::uint32_t TagsIn(std::string_view text) const { return Scan(text, /*all=*/true); }

 private:
  struct Needle {
    std::string_view text;
    std::uint32_t tags;
  };

  std::uint32_t Scan(std::string_view text, bool all) const {
    std::uint32_t tags = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const std::size_t rest = text.size() - i;
      for (const Needle& needle : by_first_byte_[static_cast<unsigned char>(text[i])]) {
        if ((needle.tags & ~tags) == 0) continue;  // nothing new to learn from it
        const std::string_view n = needle.text;
        if (n.size() > rest || (n.size() > 1 && n[1] != text[i + 1])) continue;
        if (text.compare(i, n.size(), n) != 0) continue;
        tags |= needle.tags;
        if (!all) return tags;
      }
    }
    return tags;
  }

  std::array<std::vector<Needle>, 256> by_first_byte_;
};

}  // namespace llmtwin

#endif  // LLMTWIN_EXTRACT_NEEDLE_SET_H_
