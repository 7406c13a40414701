// Which copy of a cluster of near-duplicates is the canonical one: the earliest published; among
// copies published at the same time (or with no date), the platform that comes first in a
// configurable order (default: the author's own site, Substack, Medium, LinkedIn); then the id,
// so the choice never depends on the order documents were stored in. Pure: no I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace llmtwin {

class PlatformOrder {
 public:
  // Entries are matched as case-insensitive substrings of a document's platform ("substack"
  // matches "decodingml.substack.com"); "own" stands for every platform no other entry matches
  // (the author's own site or blog). Platforms matching nothing rank after all entries.
  PlatformOrder() : PlatformOrder(Default()) {}
  explicit PlatformOrder(std::vector<std::string> order);
  static std::vector<std::string> Default() { return {"own", "substack", "medium", "linkedin"}; }
  // Parses "own,substack,medium,linkedin"; empty entries are dropped.
  static PlatformOrder Parse(std::string_view comma_separated);

  int Rank(std::string_view platform) const;
  const std::vector<std::string>& entries() const { return order_; }

 private:
  std::vector<std::string> order_;
};

struct CanonicalCandidate {
  std::string id;
  std::string published_at;  // ISO 8601, empty when unknown (ranks after every known date)
  std::string platform;
};

// Whether `a` is a better canonical copy than `b`.
bool CanonicalBefore(const CanonicalCandidate& a, const CanonicalCandidate& b, const PlatformOrder& order);

// The index of the canonical copy among `members` (not empty).
std::size_t ChooseCanonical(const std::vector<CanonicalCandidate>& members, const PlatformOrder& order);

}  // namespace llmtwin
