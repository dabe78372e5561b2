"""Ingest and copy detection: drawdown against the route a user would otherwise write, in the same run.

Generates N synthetic articles (default 20,000) as JSONL, with a known share of planted copies (light edits of
an earlier article under another URL, exact republications) and machine-style rewrites (synonyms, reordered
sentences, filler). Then:

* ours: ``drawdown.api.ingest`` from the JSONL file into a new DuckDB store (reading, hashing, near-duplicate
  and rewrite detection, origins, storing), end to end;
* peer 1: the straightforward datasketch route: ``MinHash(num_perm=128).update_batch`` over the same 5-word
  shingles and a ``MinHashLSH(threshold=0.75)`` insert + query per document (copy detection only, no store);
* peer 2: DuckDB's own ``read_json`` load (no copy detection at all), the floor of any ingest.

Copy detection is checked against brute-force Jaccard on a sample: for each sampled article, the exact Jaccard
with every article that shares at least one shingle with it (all others have J = 0).

Run: ``.venv/bin/python benchmarks/bench_ingest.py [N]`` (needs the ``bench`` extra for datasketch).
"""

from __future__ import annotations

import json
import platform
import random
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import duckdb

from drawdown import api
from drawdown.ingest.dedup import NEAR_DOCUMENT, NUM_PERM, exact_jaccard, shingles
from drawdown.ingest.synthetic import make_corpus

SAMPLE = 1000  # articles checked against brute force


CPU: dict[str, float] = {}  # process CPU seconds per timed step: steadier than wall time on a shared machine


def timed(fn: Callable[[], object], label: str = "") -> tuple[float, object]:
    start, cpu = time.perf_counter(), time.process_time()
    value = fn()
    CPU[label] = time.process_time() - cpu
    return time.perf_counter() - start, value


def datasketch_route(texts: list[str]) -> int:
    """The peer: what a user writes with datasketch to find copies. Returns the number of matched documents."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=NEAR_DOCUMENT, num_perm=NUM_PERM)
    matched = 0
    for i, text in enumerate(texts):
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([s.encode("utf-8") for s in shingles(text)])
        if lsh.query(m):
            matched += 1
        lsh.insert(str(i), m)
    return matched


def quality(
    texts: list[str], ids: list[str], store: api.Store, planted: dict[int, tuple[str, int]]
) -> dict[str, float]:
    """Copy detection against brute-force Jaccard on a sample, and planted-rewrite recall."""
    shingle_sets = [frozenset(shingles(t)) for t in texts]
    index: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(shingle_sets):
        for sh in s:
            index[sh].append(i)
    by_external = {r["external_id"]: r for r in store.query("SELECT id, external_id, origin_id FROM reports")}
    origin = [by_external[e]["origin_id"] for e in ids]
    report_index = {by_external[e]["id"]: i for i, e in enumerate(ids)}
    links = store.query("SELECT report_id, matched_id, method FROM origin_links WHERE method IN ('near', 'exact')")
    rng = random.Random(11)
    sample = set(rng.sample(range(len(texts)), min(SAMPLE, len(texts))))
    true_pairs = found = 0
    for i in sample:
        others = {j for sh in shingle_sets[i] for j in index[sh] if j != i}
        for j in others:
            if exact_jaccard(shingle_sets[i], shingle_sets[j]) >= 0.8:
                true_pairs += 1
                found += origin[i] == origin[j]
    predicted = correct = 0
    for link in links:
        a, b = report_index.get(link["report_id"]), report_index.get(link["matched_id"])
        if a is None or b is None or (a not in sample and b not in sample):
            continue
        predicted += 1
        correct += exact_jaccard(shingle_sets[a], shingle_sets[b]) >= NEAR_DOCUMENT - 0.05
    rewrites = [(i, src) for i, (kind, src) in planted.items() if kind == "rewrite"]
    rewrites_found = sum(origin[i] == origin[src] for i, src in rewrites)
    rewrite_links = store.query("SELECT report_id, matched_id FROM origin_links WHERE method = 'rewrite'")
    planted_same = {(i, src) for i, src in rewrites}
    wrong_rewrites = 0
    for link in rewrite_links:
        a, b = report_index[link["report_id"]], report_index[link["matched_id"]]
        related = (
            (a, b) in planted_same
            or (b, a) in planted_same
            or planted.get(a, ("", -1))[1] == planted.get(b, ("", -2))[1]
        )
        wrong_rewrites += not related and origin[a] != origin[b]
    return {
        "true_pairs": true_pairs,
        "recall": found / true_pairs if true_pairs else 1.0,
        "predicted": predicted,
        "precision": correct / predicted if predicted else 1.0,
        "rewrites": len(rewrites),
        "rewrite_recall": rewrites_found / len(rewrites) if rewrites else 1.0,
        "rewrite_links": len(rewrite_links),
        "unplanted_rewrite_links": wrong_rewrites,
    }


def main(n: int = 20_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        planted = make_corpus(corpus, n)
        records = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
        texts = [r["text"] for r in records]

        def ours() -> object:
            with api.open_store(Path(tmp) / "ours.duckdb") as store:
                result = api.ingest(store, [corpus])
                assert result.ok and len(result.added) == n, (len(result.added), result.failures[:3])
                return result

        def again() -> object:
            with api.open_store(Path(tmp) / "ours.duckdb") as store:
                assert api.ingest(store, [corpus]).skipped == n
            return None

        def load() -> object:
            con = duckdb.connect(str(Path(tmp) / "peer.duckdb"))
            con.execute(f"CREATE TABLE reports AS SELECT * FROM read_json('{corpus}', format='newline_delimited')")
            con.close()
            return None

        t_load, _ = timed(load, "load")
        t_peer, peer_matched = timed(lambda: datasketch_route(texts), "peer")
        t_ours, _ = timed(ours, "ours")
        t_again, _ = timed(again, "again")
        with api.open_store(Path(tmp) / "ours.duckdb") as store:
            q = quality(texts, [r["id"] for r in records], store, planted)
            copies = store.scalar("SELECT count(*) FROM origin_links WHERE method IN ('near', 'exact')")
            origins = store.count("origins")
    kinds = {k: sum(1 for v in planted.values() if v[0] == k) for k in ("copy", "exact", "rewrite")}
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    print(f"duckdb {duckdb.__version__}; {n} articles: {kinds['copy']} light-edit copies, {kinds['exact']} exact, "
          f"{kinds['rewrite']} rewrites")  # fmt: skip
    print(f"peer  duckdb read_json load (no dedup) : {t_load:8.3f} s  ({n / t_load:9.0f} docs/s)")
    print(
        f"peer  datasketch MinHash + LSH (dedup) : {t_peer:8.3f} s  ({n / t_peer:9.0f} docs/s), {peer_matched} matched"
    )
    print(f"ours  drawdown ingest, end to end      : {t_ours:8.3f} s  ({n / t_ours:9.0f} docs/s), {copies} copies, "
          f"{origins} origins")  # fmt: skip
    print(f"ours  re-ingest (everything stored)    : {t_again:8.3f} s  ({n / t_again:9.0f} docs/s)")
    print(f"ratio peer datasketch / ours           : {t_peer / t_ours:8.2f}x wall, "
          f"{CPU['peer'] / CPU['ours']:.2f}x CPU (above 1: ours is faster)")  # fmt: skip
    print(f"CPU seconds: peer {CPU['peer']:.2f}, ours {CPU['ours']:.2f} ({n / CPU['ours']:.0f} docs per CPU-second; "
          f"DuckDB threads included), re-ingest {CPU['again']:.2f}")  # fmt: skip
    print(f"copy detection vs brute-force Jaccard on {SAMPLE} sampled articles:")
    print(f"  recall on pairs with J >= 0.8        : {q['recall']:.4f} ({q['true_pairs']} pairs)")
    print(
        f"  precision of copy links (J >= {NEAR_DOCUMENT - 0.05:.2f})  : {q['precision']:.4f} ({q['predicted']} links)"
    )
    print(
        f"rewrites joined to their source's origin: {q['rewrite_recall']:.4f} of {q['rewrites']} planted; "
        f"{q['unplanted_rewrite_links']} of {q['rewrite_links']} rewrite links join unrelated stories"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
