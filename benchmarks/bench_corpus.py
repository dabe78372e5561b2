"""Copy detection and extraction over a Parquet corpus: embedded against Spark local[2], same lines checked.

Generates N reports (default 100,000) with the ingest benchmark's generator (copies, republications, rewrites),
writes them as Parquet, and times ``drawdown.pipeline.corpus.extract_corpus`` (one process) and
``extract_corpus_spark`` on ``local[2]`` (Spark session start-up included), then prints both and the ratio.

Run: ``.venv/bin/python benchmarks/bench_corpus.py [N]`` (needs pyspark and Java 17).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from benchmarks.bench_ingest import make_corpus
from drawdown.case import load_case
from drawdown.pipeline.corpus import extract_corpus, extract_corpus_spark


def main(n: int = 100_000) -> None:
    case = load_case("syria-2024")
    with tempfile.TemporaryDirectory(prefix="drawdown-corpus-") as tmp:
        jsonl = Path(tmp) / "corpus.jsonl"
        make_corpus(jsonl, n)
        rows = [json.loads(line) for line in jsonl.read_text().splitlines()]
        corpus = Path(tmp) / "corpus.parquet"
        pq.write_table(pa.Table.from_pylist([{k: r[k] for k in ("id", "published", "text")} for r in rows]), corpus,
                       row_group_size=5_000)  # fmt: skip
        started = time.perf_counter()
        embedded = list(extract_corpus(corpus, case))
        embedded_s = time.perf_counter() - started
        started = time.perf_counter()
        spark = list(extract_corpus_spark(corpus, case, "local[2]"))
        spark_s = time.perf_counter() - started
    assert spark == embedded, "Spark and the embedded run disagree"
    copies = sum(1 for r in embedded if r["duplicate_of"])
    print(f"{n:,} reports, {copies:,} found to copy an earlier one; identical lines from both engines")
    print(f"embedded: {embedded_s:.1f} s ({n / embedded_s:,.0f} reports/s)")
    print(f"Spark local[2]: {spark_s:.1f} s ({n / spark_s:,.0f} reports/s)")
    print(f"ratio Spark / embedded time: {spark_s / embedded_s:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
