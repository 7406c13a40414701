#include "pipeline/shard.h"

#include <charconv>

#include "common/error.h"
#include "domain/url.h"

namespace llmtwin {
namespace {

bool ParseInt(std::string_view text, int& value) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

std::string Shard::ToString() const { return std::to_string(index) + "/" + std::to_string(count); }

void ValidateShard(const Shard& shard) {
  if (shard.count < 1 || shard.count > kMaxShards)
    throw Error(ErrorKind::kUsage, "shard count " + std::to_string(shard.count) + " is not between 1 and " +
                                       std::to_string(kMaxShards));
  if (shard.index < 0 || shard.index >= shard.count)
    throw Error(ErrorKind::kUsage, "shard index " + std::to_string(shard.index) + " is not between 0 and " +
                                       std::to_string(shard.count - 1) + " (shards are numbered from 0)");
}

Shard ParseShard(std::string_view text) {
  const size_t slash = text.find('/');
  Shard shard;
  if (slash == std::string_view::npos || !ParseInt(text.substr(0, slash), shard.index) ||
      !ParseInt(text.substr(slash + 1), shard.count))
    throw Error(ErrorKind::kUsage, "shard '" + std::string(text) + "' is not I/K (e.g. 0/3: the first of three)");
  ValidateShard(shard);
  return shard;
}

int ShardOfLink(std::string_view link, int count) {
  if (count <= 1) return 0;
  const auto url = ParseHttpUrl(link);
  std::string_view host = url ? std::string_view(url->host) : link;
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  return static_cast<int>(Fnv1a64(host) % static_cast<std::uint64_t>(count));
}

std::vector<std::string> LinksOfShard(const std::vector<std::string>& links, const Shard& shard) {
  if (shard.IsWhole()) return links;
  std::vector<std::string> mine;
  for (const auto& link : links)
    if (ShardOfLink(link, shard.count) == shard.index) mine.push_back(link);
  return mine;
}

}  // namespace llmtwin
