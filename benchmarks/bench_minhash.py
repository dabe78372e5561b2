"""MinHash libraries on the same shingles: rensa (the one drawdown uses) against datasketch.

Run: ``.venv/bin/python benchmarks/bench_minhash.py [N]`` (needs the ``bench`` extra for datasketch).
"""

from __future__ import annotations

import random
import sys
import time

import numpy as np

from drawdown.ingest.dedup import NUM_PERM, SEED, exact_jaccard, shingles


def main(n: int = 2000) -> None:
    from datasketch import MinHash
    from rensa import RMinHash

    rng = random.Random(1)
    vocab = [f"w{i}" for i in range(5000)]
    texts = [" ".join(rng.choice(vocab) for _ in range(150)) for _ in range(n)]
    sets = [shingles(t) for t in texts]

    start = time.process_time()
    ours = [RMinHash(NUM_PERM, SEED) for _ in sets]
    for m, s in zip(ours, sets, strict=True):
        m.update(s)
    t_rensa = time.process_time() - start

    start = time.process_time()
    peer = [MinHash(num_perm=NUM_PERM, seed=1) for _ in sets]
    for m, s in zip(peer, sets, strict=True):
        m.update_batch([x.encode("utf-8") for x in s])
    t_datasketch = time.process_time() - start

    # Estimation error against exact Jaccard on edited copies (J from about 0.5 to 0.95).
    errors: dict[str, list[float]] = {"rensa": [], "datasketch": []}
    for i in range(200):
        words = texts[i].split()
        for _ in range(rng.randint(1, 12)):
            words[rng.randrange(len(words))] = "edited"
        edited = shingles(" ".join(words))
        truth = exact_jaccard(sets[i], edited)
        r, d = RMinHash(NUM_PERM, SEED), MinHash(num_perm=NUM_PERM, seed=1)
        r.update(edited)
        d.update_batch([x.encode("utf-8") for x in edited])
        errors["rensa"].append(abs(ours[i].jaccard(r) - truth))
        errors["datasketch"].append(abs(peer[i].jaccard(d) - truth))
    print(f"{n} documents of 150 words, {NUM_PERM} permutations, 5-word shingles (CPU time)")
    print(f"rensa RMinHash        : {t_rensa / n * 1e6:7.1f} us/doc, mean |error| {np.mean(errors['rensa']):.4f}")
    mean = np.mean(errors["datasketch"])
    print(f"datasketch MinHash    : {t_datasketch / n * 1e6:7.1f} us/doc, mean |error| {mean:.4f}")
    print(f"ratio datasketch/rensa: {t_datasketch / t_rensa:7.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
