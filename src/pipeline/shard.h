// Shards by host: splits one job's links into K disjoint parts so K workers (processes, or ZenML
// steps in separate pods) crawl them at once, without any queue or coordinator of our own.
//
// A link belongs to shard `HostHash(host) mod K`, where HostHash is 64-bit FNV-1a over the link's
// host name as ParseHttpUrl gives it (lower case, punycode, no port, no trailing dot). Why by host:
// the fetcher's politeness (robots.txt, Crawl-delay, min_delay_ms, per_host_connections) is per
// host and per process, so a host whose links were spread over several workers would be hit by
// all of them at once; by host, each host's queue stays in one worker and the per-host limits hold
// as configured. Why FNV-1a: it is stable across machines, compilers, runs and languages (Python's
// hash() is salted per process, std::hash is unspecified), trivial to restate anywhere, and spreads
// host names well enough for a modulus. Consequences: duplicates after normalisation land in the
// same shard (same host), so each shard counts them as the unsharded run would; a link that is not
// an http(s) URL is hashed as written (it fails the same way in whichever shard takes it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/hash.h"  // Fnv1a64

namespace llmtwin {

struct Shard {
  int index = 0;  // 0 <= index < count
  int count = 1;  // 1 = the whole job

  bool IsWhole() const { return count == 1; }
  std::string ToString() const;  // "I/K"
};

// "I/K" with 0 <= I < K (K >= 1); throws Error(kUsage) with what is wrong otherwise.
Shard ParseShard(std::string_view text);
// Throws Error(kUsage) unless 0 <= index < count, 1 <= count <= kMaxShards.
void ValidateShard(const Shard& shard);
inline constexpr int kMaxShards = 10000;

// The shard (0..count-1) that takes `link`: Fnv1a64(host) mod count.
int ShardOfLink(std::string_view link, int count);
// The links of `shard`, in their order.
std::vector<std::string> LinksOfShard(const std::vector<std::string>& links, const Shard& shard);

}  // namespace llmtwin
