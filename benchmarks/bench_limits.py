"""Peak memory of the real command line on the three large inputs of issue 16 (goal: under 500 MB each).

Each input is generated in a temporary folder; each command runs as a child process, and its peak resident set
(``ru_maxrss`` of that child, from ``os.wait4``) and wall time are printed as a Markdown table:

- a 50 MB plain-text article: ``drawdown ingest`` (with ``--max-bytes``), then ``drawdown extract``;
- 10 million OpenSky state vectors: ``drawdown flights simulate`` writes them (183 days at the case's fields),
  then ``drawdown flights sorties`` and ``drawdown flights ingest`` read them;
- an RSS feed of 100,000 entries, served from this process: ``drawdown ingest URL`` (feeds are read up to
  500 entries a poll; the others are the memory test).

Usage: .venv/bin/python benchmarks/bench_limits.py [--scale 0.1] [--format csv|parquet] [--only article,...]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DRAWDOWN = [sys.executable, "-m", "drawdown"]
LIMIT_MB = 500
SENTENCES = (
    "Forty trucks left the Hmeimim air base at night, a witness said.",
    "Two Il-76 flights departed Khmeimim on Tuesday, according to flight trackers.",
    "The ministry denied that troops were leaving Tartus.",
    "Residents described a quiet morning in the town.",
    "Officials said talks on the bases would continue next week.",
    "Satellite images showed ships loading vehicles at Tartus.",
)


def run(args: list[str], cwd: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, seconds, exit code) of one drawdown command run as a child process."""
    started = time.perf_counter()
    child = subprocess.Popen([*DRAWDOWN, *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    stderr = child.stderr.read()  # read before waiting: a full pipe would block the child
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if child.returncode not in (0, 1):
        sys.stderr.write(stderr.decode(errors="replace"))
    return usage.ru_maxrss / 1024, seconds, child.returncode  # ru_maxrss is in KiB on Linux


def article(folder: Path, size: int) -> Path:
    rng = random.Random(1)
    path = folder / "article.txt"
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("A long report from the coast\n\n")
        while written < size:
            paragraph = " ".join(rng.choice(SENTENCES) for _ in range(6)) + "\n\n"
            out.write(paragraph)
            written += len(paragraph)
    return path


def feed_document(entries: int, base: str) -> bytes:
    items = "".join(
        f"<item><guid>e{n}</guid><link>{base}/a/{n}</link><title>Report {n}</title>"
        f"<pubDate>Sat, 14 Dec 2024 10:00:00 GMT</pubDate><description>{SENTENCES[n % 6]}</description></item>"
        for n in range(entries)
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Big</title>{items}</channel></rss>".encode()


@contextmanager
def feed_server(entries: int) -> Iterator[str]:
    """A local server: /feed.xml lists ``entries`` items, /a/N is a short article (different per N)."""
    cache: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/feed.xml":
                body = cache["feed"]
                kind = "application/rss+xml"
            else:
                n = int(self.path.rsplit("/", 1)[1])
                text = " ".join(SENTENCES[(n + k) % 6] for k in range(8))
                body = (
                    f"<html><head><title>Report {n}</title></head><body><article><h1>Report {n}</h1>"
                    + "".join(f"<p>{text} ({n}.{k})</p>" for k in range(4))
                    + "</article></body></html>"
                ).encode()
                kind = "text/html"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    cache["feed"] = feed_document(entries, base)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base + "/feed.xml"
    finally:
        server.shutdown()
        server.server_close()


Row = tuple[str, str, float, float, int]


def bench_article(folder: Path, scale: float, _fmt: str) -> list[Row]:
    size = int(50_000_000 * scale)
    path = article(folder, size)
    db = str(folder / "article.duckdb")
    cap = str(size + 1_000_000)
    rows: list[Row] = []
    for label, args in (
        ("ingest", ["--db", db, "ingest", str(path), "--case", "syria-2024", "--max-bytes", cap]),
        ("extract", ["--db", db, "extract", "--case", "syria-2024"]),
    ):
        rss, seconds, code = run(args, folder)
        rows.append((f"{size / 1e6:.0f} MB article", f"drawdown {label}", rss, seconds, code))
    return rows


def bench_tracks(folder: Path, scale: float, fmt: str) -> list[Row]:
    days = max(1, round(183 * scale))  # 183 days at the case's fields: 10.0 M state vectors
    path = folder / f"tracks.{fmt}"
    db = str(folder / "tracks.duckdb")
    rows: list[Row] = []
    for label, args in (
        ("flights simulate", ["flights", "simulate", "--case", "syria-2024", "--days", str(days), "--out", str(path)]),
        ("flights sorties", ["flights", "sorties", str(path), "-a", "OSLK", "--case", "syria-2024", "-f", "csv"]),
        ("flights ingest", ["--db", db, "flights", "ingest", str(path), "--case", "syria-2024", "--simulated"]),
    ):
        rss, seconds, code = run(args, folder)
        rows.append((f"{days} days of state vectors ({fmt})", f"drawdown {label}", rss, seconds, code))
    path.unlink()
    return rows


def bench_feed(folder: Path, scale: float, _fmt: str) -> list[Row]:
    entries = int(100_000 * scale)
    with feed_server(entries) as url:
        db = str(folder / "feed.duckdb")
        args = ["--db", db, "ingest", url, "--case", "syria-2024", "--max-bytes", "100000000", "--host-delay", "0"]
        rss, seconds, code = run(args, folder)
    return [(f"feed of {entries:,} entries", "drawdown ingest URL", rss, seconds, code)]


BENCHES: dict[str, Callable[[Path, float, str], list[Row]]] = {
    "article": bench_article,
    "tracks": bench_tracks,
    "feed": bench_feed,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the issue's sizes (quick checks)")
    parser.add_argument("--format", choices=("csv", "parquet"), default="csv", help="state-vector file format")
    parser.add_argument("--only", default=",".join(BENCHES), help="comma-separated: " + ", ".join(BENCHES))
    options = parser.parse_args()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="drawdown-limits-") as tmp:
        for name in options.only.split(","):
            rows.extend(BENCHES[name](Path(tmp), options.scale, options.format))
    print(f"load average before the last run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print("| input | command | peak RSS | time | exit | under 500 MB |")
    print("|---|---|---|---|---|---|")
    for what, command, rss, seconds, code in rows:
        ok = "yes" if rss < LIMIT_MB else "**no**"
        print(f"| {what} | `{command}` | {rss:.0f} MB | {seconds:.1f} s | {code} | {ok} |")


if __name__ == "__main__":
    main()
