// Shards by host (pipeline/shard.h): the rule every worker (the CLI's --shard, the Python API, the
// ZenML steps) applies, so it must be stable, by host only, and a partition.
#include "pipeline/shard.h"

#include <gtest/gtest.h>

#include <set>

#include "common/error.h"

namespace llmtwin {
namespace {

TEST(Shard, ParsesIndexOverCountAndRefusesAnythingElse) {
  const Shard s = ParseShard("2/5");
  EXPECT_EQ(s.index, 2);
  EXPECT_EQ(s.count, 5);
  EXPECT_EQ(s.ToString(), "2/5");
  EXPECT_TRUE(ParseShard("0/1").IsWhole());
  for (const char* bad : {"", "3", "3/3", "-1/3", "1/0", "a/3", "1/3x", "1//3", " 1/3", "0/10001"}) {
    EXPECT_THROW(ParseShard(bad), Error) << bad;
  }
  try {
    ParseShard("3/3");
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("numbered from 0"), std::string::npos) << e.what();
  }
}

TEST(Shard, HashIsTheReference64BitFnv1a) {
  // Published test vectors: anyone can restate the rule in another language and get our shards.
  EXPECT_EQ(Fnv1a64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(Fnv1a64("foobar"), 0x85944171f73967e8ull);
  EXPECT_EQ(ShardOfLink("https://medium.com/@x/post", 1000), static_cast<int>(Fnv1a64("medium.com") % 1000));
}

TEST(Shard, EveryLinkOfAHostGoesToTheSameShardWhateverItsCasePortOrPath) {
  for (int k = 2; k <= 9; ++k) {
    const int shard = ShardOfLink("https://example.com/a", k);
    EXPECT_EQ(ShardOfLink("https://EXAMPLE.com/b/c?x=1#y", k), shard);
    EXPECT_EQ(ShardOfLink("http://example.com:8443/", k), shard);
    EXPECT_EQ(ShardOfLink("https://user:pw@example.com./z", k), shard);
  }
  // Substack publications are hosts of their own; Medium is one host for every author.
  std::set<int> shards;
  for (int i = 0; i < 50; ++i) shards.insert(ShardOfLink("https://author" + std::to_string(i) + ".substack.com/p/x", 4));
  EXPECT_EQ(shards.size(), 4u);
  EXPECT_EQ(ShardOfLink("https://medium.com/@a/x", 4), ShardOfLink("https://medium.com/@b/y", 4));
}

TEST(Shard, TheShardsOfAListPartitionItInOrder) {
  std::vector<std::string> links;
  for (int i = 0; i < 300; ++i) links.push_back("https://host" + std::to_string(i % 37) + ".example/p/" + std::to_string(i));
  links.push_back("not a url");
  std::multiset<std::string> seen;
  for (int i = 0; i < 3; ++i) {
    const auto mine = LinksOfShard(links, Shard{i, 3});
    EXPECT_FALSE(mine.empty());
    // In the list's order.
    size_t at = 0;
    for (const auto& link : mine) {
      while (at < links.size() && links[at] != link) ++at;
      EXPECT_LT(at, links.size()) << link << " out of order";
    }
    seen.insert(mine.begin(), mine.end());
  }
  EXPECT_EQ(seen, std::multiset<std::string>(links.begin(), links.end()));
  EXPECT_EQ(LinksOfShard(links, Shard{}), links);
}

TEST(Shard, SpreadsManyHostsEvenly) {
  constexpr int kHosts = 8000, kShards = 8;
  std::vector<int> per_shard(kShards, 0);
  for (int i = 0; i < kHosts; ++i) ++per_shard[ShardOfLink("https://writer-" + std::to_string(i) + ".substack.com/p/a", kShards)];
  for (int n : per_shard) {  // 1,000 expected; a fair hash stays well within 10 %
    EXPECT_GT(n, 900);
    EXPECT_LT(n, 1100);
  }
}

}  // namespace
}  // namespace llmtwin
