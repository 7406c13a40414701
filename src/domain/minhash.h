// Near-duplicate detection by MinHash and LSH banding: the arithmetic, no I/O.
//
// Text is normalised (Unicode "mathematical" bold/italic letters as used on LinkedIn mapped to
// ASCII, ASCII lower-cased, words glued at element boundaries by the book's whole-page text
// ("DataUse", "2024358Listen") split at lower-to-upper and letter-digit changes), cut into words
// (runs of letters and digits) and word shingles (k consecutive words, hashed to 64 bits).
//
// What repeats across one author's documents on one platform (the menus, share bars, "more from
// this author" lists: the template) is not evidence that two documents are the same piece, so
// shingles found in at least `template_min_docs` and `template_min_share` of the author's
// documents on that platform are removed before signing (TemplateLearner).
//
// Resemblance, not containment: two documents are the same piece when the Jaccard resemblance of
// their remaining shingle sets is at least `threshold`. A quote or an excerpt (a post announcing
// an article with its first paragraph) shares its few shingles with the article but resembles it
// little. The default threshold, 0.35, is lower than the 0.8 usual for clean text because the
// book's documents are whole pages (comments, recommendations differ between platforms):
// measured on the book's export after template removal, its Medium/Substack copies resemble
// each other at 0.43-0.75 (one pair, whose Substack copy is cut short, at 0.27) while its most
// alike distinct articles (newsletter issues reusing a section) reach 0.28.
//
// Signatures: `num_perm` minima of multiply-add-shift hashes of the shingles (32 bits each).
// LSH: `bands` bands of `rows` values; two documents whose values agree in a whole band are
// candidates, then kept when their estimated resemblance (the share of equal values over the whole
// signature) reaches `threshold`. With 42 bands of 3 rows a pair at resemblance s is a candidate
// with probability 1-(1-s^3)^42: 0.84 at 0.35, 0.97 at 0.43, 0.995 at 0.5.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace llmtwin {

struct MinHashParams {
  int shingle_words = 5;
  int num_perm = 128;
  int bands = 42;
  int rows = 3;
  double threshold = 0.35;
  int template_min_docs = 3;          // a shingle in fewer of the platform's documents is content
  double template_min_share = 0.1;    // ... or in a smaller share of them
  // Documents are indexed as they are stored: a platform's template is learned from its first
  // documents, again each time they double, and no more once it was learned from this many (a
  // page template shows on every page: 64 pages find it; learning from all would cost a pass over
  // the author's corpus at every doubling). A recompute learns from all.
  int template_sample = 64;
  std::uint64_t seed = 0x6c6c6d7477696eULL;  // "llmtwin"

  // A short tag of the parameters that change signatures ("k5-p128-b42x3"), stored with them.
  std::string Tag() const;
};

// The words of `text` after normalisation (see above).
std::vector<std::string> NormalizedWords(std::string_view text);

// The sorted, distinct 64-bit hashes of the word shingles of `text` (a text shorter than k words
// gives one shingle of all its words; an empty text none).
std::vector<std::uint64_t> Shingles(std::string_view text, int shingle_words);
// The same from words already normalised.
std::vector<std::uint64_t> ShinglesOfWords(const std::vector<std::string>& words, int shingle_words);
// Fnv1a64 of each word NormalizedWords(text) gives, without building the words (what indexing uses).
std::vector<std::uint64_t> NormalizedWordHashes(std::string_view text);
// The same as ShinglesOfWords from the words' Fnv1a64 hashes.
std::vector<std::uint64_t> ShinglesOfWordHashes(const std::vector<std::uint64_t>& word_hashes, int shingle_words);

// Learns a platform's template from the shingle sets of one author's documents on it.
class TemplateLearner {
 public:
  void Add(const std::vector<std::uint64_t>& shingles);
  std::size_t documents() const { return documents_; }
  // The shingles in at least max(template_min_docs, template_min_share * documents) documents,
  // sorted; none while fewer than template_min_docs documents were seen.
  std::vector<std::uint64_t> Template(const MinHashParams& params) const;

 private:
  // Every document's shingles, one after the other (sorted by Template): 8 bytes a shingle, where a
  // hash map of counts took about 40 and most of the time of learning.
  mutable std::vector<std::uint64_t> shingles_;
  std::size_t documents_ = 0;
};

// `shingles` without those of `template_shingles` (both sorted).
std::vector<std::uint64_t> WithoutTemplate(const std::vector<std::uint64_t>& shingles,
                                           const std::vector<std::uint64_t>& template_shingles);

// Exact Jaccard resemblance of two sorted sets (0 when both are empty).
double Jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

using Signature = std::vector<std::uint32_t>;

class MinHasher {
 public:
  explicit MinHasher(const MinHashParams& params);
  // The signature of a shingle set; empty for an empty set (such a document matches nothing).
  Signature Sign(const std::vector<std::uint64_t>& shingles) const;
  // The LSH band keys of a signature: one 64-bit key per band (the band's index is mixed in, so
  // keys of different bands never meet). Empty for an empty signature.
  std::vector<std::uint64_t> BandKeys(const Signature& signature) const;
  const MinHashParams& params() const { return params_; }

 private:
  MinHashParams params_;
  std::vector<std::uint64_t> a_, b_;
};

// The share of equal positions of two signatures: the estimate of their Jaccard resemblance.
double EstimatedJaccard(const Signature& a, const Signature& b);

// An in-memory LSH index over band keys: documents are numbered by the caller.
class LshIndex {
 public:
  void Insert(std::uint32_t document, const std::vector<std::uint64_t>& band_keys);
  // The documents sharing at least one band key with `band_keys`, sorted and distinct.
  std::vector<std::uint32_t> Candidates(const std::vector<std::uint64_t>& band_keys) const;
  std::size_t buckets() const { return buckets_.size(); }

 private:
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> buckets_;
};

}  // namespace llmtwin
