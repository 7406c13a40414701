"""datasketch's MinHash + MinHashLSH on the corpus bench/dedup_bench.cc generates (the same
generator, re-implemented here), with the same parameters (word 5-shingles, 128 permutations, 42
bands of 3 rows, pairs kept at estimated resemblance >= 0.35); prints time and peak memory, and the
agreement with the pairs the C++ side found (its file given as the second argument).

    python bench/python/dedup_datasketch.py N CPP_PAIRS_FILE
"""

from __future__ import annotations

import resource
import sys
import time

import numpy as np
from datasketch import MinHash, MinHashLSH

WORDS = 1500
VOCABULARY = 50000
MASK = (1 << 64) - 1


def letters(k: int) -> str:
    word = []
    while True:
        word.append(chr(ord("a") + k % 26))
        k //= 26
        if not k:
            return "".join(word)


def documents(n: int, chunk: int = 2000):
    """The C++ generator, vectorised over documents: the j-th word of a chunk of documents at once
    (chunks start at multiples of 20, so a copy's original is in its chunk)."""
    vocabulary = {}
    for first in range(0, n, chunk):
        last = min(n, first + chunk)
        with np.errstate(over="ignore"):
            state = np.arange(first + 1, last + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
            ks = np.empty((last - first, WORDS), dtype=np.int64)
            for j in range(WORDS):
                state = state * np.uint64(6364136223846793005) + np.uint64(1442695040888963407)
                u = (state >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)
                ks[:, j] = (VOCABULARY * u * u * u).astype(np.int64)
        for i in range(first, last):
            source = i - 1 if i % 20 == 1 else i
            words = [vocabulary.setdefault(k, letters(k)) for k in ks[source - first].tolist()]
            if i % 20 == 1:
                for j in range(0, WORDS, 25):
                    words[j] = letters(1000000 + i * WORDS + j)
            yield words


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    cpp_pairs_file = sys.argv[2] if len(sys.argv) > 2 else "dedup_pairs_cpp.txt"
    threshold, num_perm, bands, rows = 0.35, 128, 42, 3
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, params=(bands, rows))
    signatures = []
    pairs = set()
    generate_s = sign_s = lsh_s = 0.0
    started = time.perf_counter()
    texts = documents(n)
    for i in range(n):
        t = time.perf_counter()
        words = next(texts)
        generate_s += time.perf_counter() - t
        t = time.perf_counter()
        shingles = {" ".join(words[j:j + 5]).encode() for j in range(len(words) - 4)}
        m = MinHash(num_perm=num_perm)
        m.update_batch(list(shingles))
        signatures.append(m)
        sign_s += time.perf_counter() - t
        t = time.perf_counter()
        for j in lsh.query(m):
            if m.jaccard(signatures[j]) >= threshold:
                pairs.add((j, i))
        lsh.insert(i, m, check_duplication=False)
        lsh_s += time.perf_counter() - t
    total = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    planted = sum(1 for a, b in pairs if b % 20 == 1 and a == b - 1)
    print(f"datasketch {__import__('datasketch').__version__}: {n} documents of {WORDS} words, "
          f"b{bands}x{rows}, {num_perm} permutations, threshold {threshold}")
    print(f"  generate texts   {generate_s:8.2f} s (not part of the comparison)")
    print(f"  shingles+MinHash {sign_s:8.2f} s  ({n / sign_s:.0f} documents/s)")
    print(f"  LSH query+insert {lsh_s:8.2f} s  ({len(pairs)} pairs; {planted} of {n // 20} planted copies)")
    print(f"  total            {total:8.2f} s  (without generation {sign_s + lsh_s:.2f} s); peak RSS {peak_mb} MB")
    with open(cpp_pairs_file) as f:
        cpp = {tuple(map(int, line.split())) for line in f if line.strip()}
    both = cpp & pairs
    union = cpp | pairs
    print(f"agreement: {len(both)} pairs found by both, {len(cpp - pairs)} only by llmtwin, "
          f"{len(pairs - cpp)} only by datasketch ({100.0 * len(both) / max(1, len(union)):.2f}% of all pairs)")


if __name__ == "__main__":
    main()
