"""Ingest throughput: drawdown against the plain DuckDB load a user would otherwise write.

The peer is `CREATE TABLE ... AS SELECT * FROM read_json(...)`: the fastest way to get a JSONL dump of articles
into DuckDB by hand. It does no normalisation, no copy detection and no origin grouping, so the ratio is the
price of those. Run: `.venv/bin/python benchmarks/bench_ingest.py [N]`.
"""

from __future__ import annotations

import json
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from drawdown import api

SITES = ["Hmeimim", "Tartus", "Qamishli", "T4", "Palmyra", "Manbij", "Kobani", "Jableh"]
VERBS = ["left", "was seen leaving", "moved equipment out of", "stayed at", "reinforced"]


def make_corpus(path: Path, n: int, copy_share: float = 0.2, seed: int = 7) -> None:
    """n reports of about 150 words; ``copy_share`` of them republish an earlier text under another URL."""
    rng = random.Random(seed)
    texts: list[str] = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            if texts and rng.random() < copy_share:
                text = rng.choice(texts)
            else:
                words = " ".join(
                    f"Report {i}: a unit {rng.choice(VERBS)} {rng.choice(SITES)} on day {rng.randint(1, 60)}."
                    for _ in range(12)
                )
                text = words
                texts.append(text)
            record = {"id": str(i), "url": f"https://outlet{i % 40}.example/{i}", "outlet": f"Outlet {i % 40}",
                      "published": f"2024-12-{1 + i % 28:02d}T{i % 24:02d}:00:00Z", "title": f"Story {i}",
                      "text": text}  # fmt: skip
            out.write(json.dumps(record) + "\n")


def timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def main(n: int = 5000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        make_corpus(corpus, n)

        def ours() -> None:
            with api.open_store(Path(tmp) / "ours.duckdb") as store:
                result = api.ingest(store, [corpus])
                assert result.ok and len(result.added) == n

        def again() -> None:
            with api.open_store(Path(tmp) / "ours.duckdb") as store:
                assert api.ingest(store, [corpus]).skipped == n

        def peer() -> None:
            con = duckdb.connect(str(Path(tmp) / "peer.duckdb"))
            con.execute(f"CREATE TABLE reports AS SELECT * FROM read_json('{corpus}', format='newline_delimited')")
            assert con.execute("SELECT count(*) FROM reports").fetchone() == (n,)
            con.close()

        t_peer = timed(peer)
        t_ours = timed(ours)
        t_again = timed(again)
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    print(f"duckdb {duckdb.__version__}; {n} reports, 20% republished copies")
    print(f"peer  duckdb read_json load : {t_peer:8.3f} s  ({n / t_peer:9.0f} reports/s)")
    print(f"ours  drawdown ingest       : {t_ours:8.3f} s  ({n / t_ours:9.0f} reports/s)")
    print(f"ours  re-ingest (all stored): {t_again:8.3f} s  ({n / t_again:9.0f} reports/s)")
    print(f"ratio ours/peer             : {t_ours / t_peer:8.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
