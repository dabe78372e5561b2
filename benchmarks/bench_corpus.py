"""Copy detection and extraction over a Parquet corpus: embedded against Spark, same lines checked.

    python benchmarks/bench_corpus.py [N] [--master local[2]] [--workdir DIR]

1. Generates N reports (default 100,000) with the ingest benchmark's generator (light-edit copies, exact
   republications, rewrites) and writes them as one Parquet file of 5,000-row groups.
2. Times ``drawdown.pipeline.corpus.extract_corpus`` (one process) and ``extract_corpus_spark`` on ``--master``
   (default ``local[2]``; Spark session start-up included), each in a fresh child process that writes the lines
   ``drawdown extract CORPUS --format jsonl`` prints, and reports its peak memory.
3. Checks that both engines wrote the same bytes, and prints reports/s and the ratio of the two times.

To time a standalone cluster, give ``--master spark://host:7077`` and a ``--workdir`` every worker reads under
the same path (a shared file system): the corpus is written there. docs/scale-out.md says what the workers need.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent

CHILD = """
import json, sys, time
from benchmarks.bench_corpus import peak_mb
from drawdown.case import load_case
from drawdown.pipeline.corpus import extract_corpus, extract_corpus_spark
engine, corpus, out, master = sys.argv[1:5]
case = load_case("syria-2024")
t = time.perf_counter()
records = extract_corpus_spark(corpus, case, master) if engine == "spark" else extract_corpus(corpus, case)
with open(out, "w", encoding="utf-8") as handle:
    for record in records:  # as `drawdown extract CORPUS --format jsonl` prints them
        handle.write(json.dumps(record, ensure_ascii=False) + "\\n")
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb()}))
"""


def peak_mb() -> dict[str, float]:
    """Peak resident memory (VmHWM, Linux) of this process and, summed, of the processes it started that are still
    running (Spark's JVM and its Python workers): the sum of their peaks, an upper bound of their peak together."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # ended meanwhile
            children.setdefault(parent, []).append(int(entry.name))
    descendants, todo = [], list(children.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        descendants.append(pid)
        todo.extend(children.get(pid, []))
    return {"self": _hwm_mb(os.getpid()), "children": sum(_hwm_mb(pid) for pid in descendants)}


def _hwm_mb(pid: int) -> float:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in lines if line.startswith("VmHWM")), 0.0)


def write_corpus(folder: Path, n: int) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from drawdown.ingest.synthetic import make_corpus

    jsonl = folder / "corpus.jsonl"
    make_corpus(jsonl, n)
    rows = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    corpus = folder / "corpus.parquet"
    table = pa.Table.from_pylist([{k: r[k] for k in ("id", "published", "text")} for r in rows])
    pq.write_table(table, corpus, row_group_size=5_000)
    return corpus


def run(engine: str, corpus: Path, out: Path, master: str) -> dict[str, Any]:
    """One engine in a fresh process: its peak memory is its own, and no Spark session outlives it."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE.parent), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", CHILD, engine, str(corpus), str(out), master], capture_output=True,
                          text=True, env=env)  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"{engine} run failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def java_version() -> str:
    try:
        done = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False)
    except OSError:
        return "no java"
    return (done.stderr.splitlines() or ["java (unknown version)"])[0]


def main() -> None:
    ap = argparse.ArgumentParser(
        description="Time copy detection and extraction over a generated Parquet corpus, embedded and on Spark.",
        epilog="Example: python benchmarks/bench_corpus.py 100000 --master spark://10.0.0.5:7077 --workdir /shared/tmp",
    )
    ap.add_argument("n", nargs="?", type=int, default=100_000, metavar="N", help="reports (default 100,000)")
    ap.add_argument("--master", default="local[2]", help="Spark master URL (default local[2]; spark://host:7077)")
    ap.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="folder for the corpus (default: a temporary one); on a cluster, a shared one",
    )
    a = ap.parse_args()
    sys.path.insert(0, str(HERE.parent))
    import pyspark

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="drawdown-corpus-", dir=a.workdir) as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        corpus = write_corpus(folder, a.n)
        print(f"generated {a.n:,} reports ({corpus.stat().st_size >> 20} MiB of Parquet) in "
              f"{time.perf_counter() - t:.1f} s")  # fmt: skip
        embedded = run("embedded", corpus, folder / "embedded.jsonl", a.master)
        spark = run("spark", corpus, folder / "spark.jsonl", a.master)
        same = (folder / "embedded.jsonl").read_bytes() == (folder / "spark.jsonl").read_bytes()
        lines = (folder / "embedded.jsonl").read_text(encoding="utf-8").splitlines()
    copies = sum(1 for line in lines if json.loads(line)["duplicate_of"])
    claims = sum(len(json.loads(line)["claims"]) for line in lines)
    e_s, s_s = embedded["seconds"], spark["seconds"]
    print(f"{a.n:,} reports: {copies:,} found to copy an earlier one, {claims:,} claims")
    print(f"embedded (one process)   : {e_s:8.1f} s  ({a.n / e_s:7,.0f} reports/s), "
          f"peak RSS {embedded['peak_mb']['self']:,.0f} MB")  # fmt: skip
    driver, workers = spark["peak_mb"]["self"], spark["peak_mb"]["children"]
    print(f"Spark {a.master:<19}: {s_s:8.1f} s  ({a.n / s_s:7,.0f} reports/s), peak RSS driver "
          f"{driver:,.0f} MB + JVM and Python workers {workers:,.0f} MB")  # fmt: skip
    print(f"ratio Spark / embedded   : {s_s / e_s:8.2f}x wall time (below 1: Spark is faster)")
    print(f"lines: {'identical from both engines' if same else 'DIFFERENT: Spark and the embedded run disagree'}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"pyspark {pyspark.__version__}, {java_version()}")  # fmt: skip
    after = os.getloadavg()
    print(f"load average (1/5/15 min): {' '.join(f'{x:.2f}' for x in load_before)} before, "
          f"{' '.join(f'{x:.2f}' for x in after)} after")  # fmt: skip
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
