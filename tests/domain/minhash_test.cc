#include "domain/minhash.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "domain/hash.h"
#include "domain/radix_sort.h"

namespace llmtwin {
namespace {

TEST(NormalizedWords, LowerCasesAndSplitsWordsGluedAtElementBoundaries) {
  EXPECT_EQ(NormalizedWords("Social Media DataUse a streaming engine"),
            (std::vector<std::string>{"social", "media", "data", "use", "a", "streaming", "engine"}));
  EXPECT_EQ(NormalizedWords("Mar 30, 2024358ListenShare"),
            (std::vector<std::string>{"mar", "30", "2024358", "listen", "share"}));
}

TEST(NormalizedWords, ReadsLinkedInsMathematicalBoldAsPlainLetters) {
  // "𝗗𝗮𝘁𝗮" (MATHEMATICAL SANS-SERIF BOLD) and "𝟭." are "Data" and "1".
  EXPECT_EQ(NormalizedWords("#𝟭. 𝗗𝗮𝘁𝗮 pipelines"), (std::vector<std::string>{"1", "data", "pipelines"}));
}

TEST(NormalizedWords, KeepsLettersOfOtherScriptsAndDropsPunctuationAndEmoji) {
  EXPECT_EQ(NormalizedWords("Straße — naïve “quotes” 🫵 日本語"),
            (std::vector<std::string>{"straße", "naïve", "quotes", "日本語"}));
}

TEST(Shingles, AreDistinctSortedHashesOfConsecutiveWords) {
  const auto shingles = Shingles("a b c d e f a b c d e", 5);
  EXPECT_EQ(shingles.size(), 6u);  // "a b c d e" twice
  EXPECT_TRUE(std::is_sorted(shingles.begin(), shingles.end()));
  EXPECT_EQ(Shingles("only three words", 5).size(), 1u);
  EXPECT_TRUE(Shingles("  ...  ", 5).empty());
}

TEST(RadixSort, SortsAsStdSortDoesAtEverySizeAndWithSharedBytes) {
  std::mt19937_64 random(7);
  for (std::size_t n : {0u, 1u, 2u, 511u, 512u, 513u, 3000u, 20000u}) {
    std::vector<std::uint64_t> values(n);
    for (auto& v : values) v = random();
    // A quarter share their high bytes and repeat (a pass where one bucket holds every value is skipped).
    for (std::size_t i = 0; i < n / 4; ++i) values[i] = 0xABCD000000000000ULL | (random() & 0xFFFF);
    for (std::size_t i = n / 4; i < n / 4 + n / 16; ++i) values[i] = values[i - n / 4];
    std::vector<std::uint64_t> expected = values;
    std::sort(expected.begin(), expected.end());
    RadixSort(values);
    EXPECT_EQ(values, expected) << n << " values";
  }
  std::vector<std::uint64_t> same(1000, 42);
  SortUnique(same);
  EXPECT_EQ(same, std::vector<std::uint64_t>{42});
}

TEST(TemplateLearner, KeepsShinglesFoundInEnoughOfThePlatformsDocuments) {
  MinHashParams params;
  TemplateLearner learner;
  learner.Add({1, 2, 10});
  learner.Add({1, 2, 20});
  EXPECT_TRUE(learner.Template(params).empty());  // two documents say nothing about a template
  learner.Add({1, 3, 30});
  EXPECT_EQ(learner.Template(params), (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(WithoutTemplate({1, 2, 10}, {1}), (std::vector<std::uint64_t>{2, 10}));
}

TEST(MinHasher, EstimatesResemblanceWithinAFewHundredths) {
  MinHashParams params;
  MinHasher hasher(params);
  std::vector<std::uint64_t> a, b;
  for (std::uint64_t i = 0; i < 3000; ++i) a.push_back(i * 7919 + 1);
  for (std::uint64_t i = 1000; i < 4000; ++i) b.push_back(i * 7919 + 1);  // 2000 of 4000 in common
  const double exact = Jaccard(a, b);
  EXPECT_DOUBLE_EQ(exact, 0.5);
  EXPECT_NEAR(EstimatedJaccard(hasher.Sign(a), hasher.Sign(b)), exact, 0.13);  // 3 sigma at 128 values
  EXPECT_EQ(EstimatedJaccard(hasher.Sign(a), hasher.Sign(a)), 1.0);
  EXPECT_TRUE(hasher.Sign({}).empty());
}

TEST(MinHasher, BandKeysMeetOnlyWhereAWholeBandAgrees) {
  MinHashParams params;
  MinHasher hasher(params);
  Signature a(128, 7), b(128, 7);
  b[0] = 8;  // band 0 differs
  const auto ka = hasher.BandKeys(a), kb = hasher.BandKeys(b);
  ASSERT_EQ(ka.size(), 42u);
  EXPECT_NE(ka[0], kb[0]);
  for (std::size_t i = 1; i < ka.size(); ++i) EXPECT_EQ(ka[i], kb[i]);
  EXPECT_NE(ka[1], ka[2]);  // the same values in two bands give two keys
}

TEST(LshIndex, FindsTheDocumentsSharingABand) {
  LshIndex index;
  index.Insert(0, {1, 2, 3});
  index.Insert(1, {4, 5, 6});
  index.Insert(2, {3, 7, 8});
  EXPECT_EQ(index.Candidates({3, 9}), (std::vector<std::uint32_t>{0, 2}));
  EXPECT_TRUE(index.Candidates({10}).empty());
}

TEST(MinHashParams, TagNamesEveryParameterThatChangesSignatures) {
  EXPECT_EQ(MinHashParams().Tag(), "k5-p128-b42x3-t3/10");
}

}  // namespace
TEST(NormalizedWordHashes, AreTheHashesOfTheNormalizedWords) {
  for (const char* text : {"Social Media DataUse a streaming engine", "Mar 30, 2024358ListenShare",
                           "#\U0001D7ED. \U0001D5D7\U0001D5EE\U0001D601\U0001D5EE pipelines", "Über façade — 東京 emoji 😀 end", ""}) {
    std::vector<std::uint64_t> expected;
    for (const std::string& word : NormalizedWords(text)) expected.push_back(Fnv1a64(word));
    EXPECT_EQ(NormalizedWordHashes(text), expected) << text;
    EXPECT_EQ(ShinglesOfWordHashes(expected, 5), ShinglesOfWords(NormalizedWords(text), 5)) << text;
  }
}

}  // namespace llmtwin
