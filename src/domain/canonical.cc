#include "domain/canonical.h"

#include <algorithm>
#include <tuple>

namespace llmtwin {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

PlatformOrder::PlatformOrder(std::vector<std::string> order) {
  for (auto& entry : order)
    if (!entry.empty()) order_.push_back(Lower(entry));
}

PlatformOrder PlatformOrder::Parse(std::string_view comma_separated) {
  std::vector<std::string> entries;
  std::size_t start = 0;
  while (start <= comma_separated.size()) {
    std::size_t end = comma_separated.find(',', start);
    if (end == std::string_view::npos) end = comma_separated.size();
    std::string entry(comma_separated.substr(start, end - start));
    entry.erase(0, entry.find_first_not_of(' '));
    entry.erase(entry.find_last_not_of(' ') + 1);
    if (!entry.empty()) entries.push_back(entry);
    start = end + 1;
  }
  return PlatformOrder(entries);
}

int PlatformOrder::Rank(std::string_view platform) const {
  const std::string p = Lower(platform);
  int own = -1;
  for (std::size_t i = 0; i < order_.size(); ++i) {
    if (order_[i] == "own") {
      own = static_cast<int>(i);
      continue;
    }
    if (p.find(order_[i]) != std::string::npos) return static_cast<int>(i);
  }
  return own >= 0 ? own : static_cast<int>(order_.size());
}

bool CanonicalBefore(const CanonicalCandidate& a, const CanonicalCandidate& b, const PlatformOrder& order) {
  // Compare dates by their first 10 characters (the day): the same piece posted the same day on two
  // platforms is a tie the platform order decides, whatever the hours each platform reports.
  const auto day = [](const CanonicalCandidate& c) { return c.published_at.substr(0, 10); };
  const auto key = [&](const CanonicalCandidate& c) {
    return std::make_tuple(c.published_at.empty(), day(c), order.Rank(c.platform), c.id);
  };
  return key(a) < key(b);
}

std::size_t ChooseCanonical(const std::vector<CanonicalCandidate>& members, const PlatformOrder& order) {
  std::size_t best = 0;
  for (std::size_t i = 1; i < members.size(); ++i)
    if (CanonicalBefore(members[i], members[best], order)) best = i;
  return best;
}

}  // namespace llmtwin
