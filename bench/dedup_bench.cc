// Near-duplicate detection at corpus scale: MinHash signatures and LSH lookups (src/domain/minhash.h)
// for N generated documents of realistic length, timed, with peak memory; the pairs found are
// written for bench/python/dedup_datasketch.py, which runs datasketch's MinHashLSH on the same texts
// and parameters and reports the agreement. Prints numbers; no test depends on them.
//
//   build/bench/dedup_bench [N=100000] [PAIRS_OUT=dedup_pairs_cpp.txt]
//
// The corpus (the same generator as the Python script): document i has 1,500 words drawn from a
// Zipf-like distribution over 50,000 letter-only words by a 64-bit LCG seeded with i; every 20th
// document (i % 20 == 1) is a copy of the one before it with every 25th word replaced (resemblance
// about 0.67). Words are letters only, so both sides cut them the same way.
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "domain/minhash.h"

namespace {

constexpr int kWords = 1500;
constexpr std::uint64_t kVocabulary = 50000;

std::string Letters(std::uint64_t k) {
  std::string word;
  do {
    word.push_back(static_cast<char>('a' + k % 26));
    k /= 26;
  } while (k);
  return word;
}

std::vector<std::string> Words(std::uint64_t i) {
  std::uint64_t state = (i + 1) * 0x9E3779B97F4A7C15ULL;
  std::vector<std::string> words;
  words.reserve(kWords);
  for (int j = 0; j < kWords; ++j) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double u = static_cast<double>(state >> 11) * (1.0 / 9007199254740992.0);
    words.push_back(Letters(static_cast<std::uint64_t>(static_cast<double>(kVocabulary) * u * u * u)));
  }
  return words;
}

std::string Document(std::uint64_t i) {
  std::vector<std::string> words = Words(i % 20 == 1 ? i - 1 : i);
  if (i % 20 == 1)
    for (int j = 0; j < kWords; j += 25) words[j] = Letters(1000000 + i * kWords + j);
  std::string text;
  for (const auto& w : words) (text += w) += ' ';
  return text;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

long PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t n = argc > 1 ? std::stoull(argv[1]) : 100000;
  const std::string pairs_out = argc > 2 ? argv[2] : "dedup_pairs_cpp.txt";
  llmtwin::MinHashParams params;
  llmtwin::MinHasher hasher(params);

  double text_s = 0, shingle_s = 0, sign_s = 0, lsh_s = 0;
  std::vector<llmtwin::Signature> signatures;
  signatures.reserve(n);
  llmtwin::LshIndex index;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  std::size_t candidates = 0;
  const auto start = std::chrono::steady_clock::now();
  for (std::uint64_t i = 0; i < n; ++i) {
    auto t = std::chrono::steady_clock::now();
    const std::string text = Document(i);
    text_s += Seconds(t);
    t = std::chrono::steady_clock::now();
    const auto shingles = llmtwin::Shingles(text, params.shingle_words);
    shingle_s += Seconds(t);
    t = std::chrono::steady_clock::now();
    signatures.push_back(hasher.Sign(shingles));
    const auto bands = hasher.BandKeys(signatures.back());
    sign_s += Seconds(t);
    t = std::chrono::steady_clock::now();
    for (std::uint32_t j : index.Candidates(bands)) {
      ++candidates;
      if (llmtwin::EstimatedJaccard(signatures.back(), signatures[j]) >= params.threshold)
        pairs.emplace_back(j, static_cast<std::uint32_t>(i));
    }
    index.Insert(static_cast<std::uint32_t>(i), bands);
    lsh_s += Seconds(t);
  }
  const double total = Seconds(start);
  std::ofstream out(pairs_out);
  for (const auto& [a, b] : pairs) out << a << ' ' << b << '\n';
  std::size_t planted = 0;
  for (const auto& [a, b] : pairs) planted += (b % 20 == 1 && a == b - 1);
  std::printf("llmtwin dedup_bench: %llu documents of %d words, %s, threshold %.2f\n",
              static_cast<unsigned long long>(n), kWords, params.Tag().c_str(), params.threshold);
  std::printf("  generate texts   %8.2f s (not part of the comparison)\n", text_s);
  std::printf("  shingles         %8.2f s\n", shingle_s);
  std::printf("  signatures+bands %8.2f s  (%.0f documents/s)\n", sign_s, static_cast<double>(n) / sign_s);
  std::printf("  LSH query+insert %8.2f s  (%zu candidates, %zu pairs; %zu of %llu planted copies)\n", lsh_s,
              candidates, pairs.size(), planted, static_cast<unsigned long long>(n / 20));
  std::printf("  total            %8.2f s  (shingles+signatures+LSH %.2f s); peak RSS %ld MB; %zu buckets\n", total,
              shingle_s + sign_s + lsh_s, PeakRssMb(), index.buckets());
  return 0;
}
