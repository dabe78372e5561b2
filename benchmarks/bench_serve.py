"""The dashboard under load: `drawdown serve --watch` on a store of 10,000 claims and 100,000 sorties, loopback only.

    python benchmarks/bench_serve.py [--claims 10000] [--sorties 100000] [--clients 50] [--seconds 20]

1. Builds the store: generated reports ingested and extracted by drawdown (five claim sentences each) and
   sorties written straight to the store (the Sorties stage has its own benchmark).
2. Starts `drawdown serve --port 0 --watch FEED` on 127.0.0.1, FEED being a local feed served by this script
   that gains a new article every few seconds (dated just after the stored ones), so the server ingests,
   extracts, assesses and rebuilds its view while it is measured (measuring starts once the first batch of
   new reports is extracted, so that a rebuild is under way).
3. First page load: the HTML and every request the page makes before it draws (its scripts and styles, the
   Natural Earth outlines, summary, sites, all claims, sorties, assessments, brief, places), six at a time as a
   browser does; the best and the worst of five loads.
4. Load: --clients users (threads, spread over five client processes of their own, as browsers are), each
   requesting a random API endpoint, waiting --think seconds and doing it again, for --seconds; p50 / p99 /
   max latency and errors. The peer is Python's own ThreadingHTTPServer serving the very same response bodies
   from memory, with the same clients: the ratio of the two p99s is what drawdown's validation, filtering and
   JSON cost over merely sending bytes.
5. Peak RSS (VmHWM) of the server process and of its children (the worker that builds the views).

Every request goes to 127.0.0.1; every loop is bounded in count and time and the script stops by itself.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx

SITES = ("Hmeimim air base", "Tartus", "Qamishli airport", "T4 air base", "Palmyra", "Shayrat air base",
         "Kuweires air base", "Ayn Issa", "Manbij", "Kobani")  # fmt: skip
MOVES = (
    "A convoy of {n} trucks left {site} on {day}, residents said.",
    "{n} transport flights left {site} on {day}, a monitoring group said.",
    "Two cargo ships left {site} on {day}, officials confirmed.",
    "Satellite images showed {n} fewer vehicles at {site} on {day}.",
    "Russian troops remained at {site} on {day}, witnesses said.",
)
STORE_END = datetime(2025, 2, 8, tzinfo=UTC)  # the generated articles are published 2024-12-09 + up to 60 days
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OUTLETS = ("North Courier", "South Ledger", "East Wire", "West Gazette", "Coast Monitor", "Desert Daily")


def article(rng: random.Random, i: int) -> dict[str, Any]:
    sentences = [rng.choice(MOVES).format(n=rng.randint(2, 60), site=rng.choice(SITES), day=rng.choice(DAYS))
                 for _ in range(5)]  # fmt: skip
    published = datetime(2024, 12, 9, tzinfo=UTC) + timedelta(hours=rng.randint(0, 24 * 60))
    return {
        "id": f"b{i}", "url": f"https://bench{i % 97}.example/story/{i}", "outlet": rng.choice(OUTLETS),
        "published": published.isoformat(), "title": f"Story {i}: {sentences[0][:40]}",
        "text": f"Report number {i} from the field. " + " ".join(sentences),
    }  # fmt: skip


def build_store(db: Path, claims: int, sorties: int) -> dict[str, Any]:
    import pyarrow as pa

    from drawdown.case import load_case
    from drawdown.model import Sortie
    from drawdown.pipeline.extract import extract
    from drawdown.pipeline.ingest import ingest
    from drawdown.store import open_store
    from drawdown.store.reports import record_run
    from drawdown.store.sorties import SIMULATED_RUN, SORTIES

    rng = random.Random(11)
    case = load_case("syria-2024")
    folder = db.parent
    started = time.perf_counter()
    with open_store(db) as store:
        store.set_meta("case", "syria-2024")
        n = 0
        while store.count("claims") < claims and n < 100:  # about 5 claims a report; batches keep memory flat
            batch = folder / f"reports-{n}.jsonl"
            batch.write_text("\n".join(json.dumps(article(rng, n * 1000 + i)) for i in range(400)) + "\n")
            added = ingest(store, [str(batch)]).added
            extract(store, case, report_ids=added)
            n += 1
        fields = ("OSLK", "OSKL", "OSPR")
        base = datetime(2024, 12, 8)
        rows = [
            Sortie(f"{0x150000 + i % 400:06x}", f"RFF{i % 900:03d}", "takeoff" if i % 2 else "landing",
                   base + timedelta(seconds=i * 50), fields[i % 3], 0.9, type="IL76", payload_tonnes=40.0,
                   payload_low=28.0, payload_high=60.0)
            for i in range(sorties)
        ]  # fmt: skip
        # Row by row (executemany) would take minutes for 100,000 rows: the bench loads them as one Arrow table
        # in the store's own column order, and records the run as simulated as drawdown does.
        columns = list(SORTIES.columns)
        table = pa.Table.from_pylist(
            [dict(zip(columns, SORTIES.to_row(r, {"run_id": "bench", "created_at": base}), strict=True)) for r in rows]
        )
        with store.transaction():
            store.con.register("bench_sorties", table)
            store.con.execute(
                f"INSERT INTO sorties ({', '.join(columns)}) SELECT {', '.join(columns)} FROM bench_sorties"
            )
            record_run(store, "bench", SIMULATED_RUN, ["generated"], len(rows), 0)
        stored = {"claims": store.count("claims"), "sorties": store.count("sorties"), "reports": store.count("reports")}
    return {**stored, "build_seconds": time.perf_counter() - started}


# ---------------------------------------------------------------------------------------------- the feed


class Feed:
    """A local RSS feed that gains one new article every ``every`` seconds (at most ``limit`` of them)."""

    def __init__(self, every: float, limit: int = 200) -> None:
        self.every, self.limit, self.started = every, limit, time.monotonic()
        self.rng = random.Random(5)
        self.articles = [article(self.rng, 900_000 + i) for i in range(limit)]
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                live = min(int((time.monotonic() - feed.started) / feed.every) + 1, feed.limit)
                if self.path.startswith("/a/"):
                    i = int(self.path.rsplit("/", 1)[1])
                    a = feed.articles[i]
                    body = f"<html><head><title>{a['title']}</title></head><body><article><h1>{a['title']}</h1>"
                    body += f"<p>{a['text']}</p></article></body></html>"
                    self._send(body.encode(), "text/html")
                    return
                items = "".join(
                    f"<item><title>{feed.articles[i]['title']}</title><link>{feed.base}/a/{i}</link>"
                    f"<guid>{i}</guid><pubDate>{format_datetime(feed.published(i))}</pubDate></item>"
                    for i in range(live)
                )
                self._send(f'<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>{items}'
                           "</channel></rss>".encode(), "application/rss+xml")  # fmt: skip

            def _send(self, body: bytes, kind: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_a: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.url = f"{self.base}/feed.xml"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def published(self, i: int) -> datetime:
        """New articles come right after the stored ones (which end by 2025-02-08), an hour apart, as on a live
        case whose record runs up to today; dated today, they would stretch the assessed period by years."""
        return STORE_END + timedelta(hours=i)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def serving(db: Path, feed: Feed, interval: float) -> Iterator[tuple[str, subprocess.Popen[str], list[str]]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "drawdown", "--db", str(db), "serve", "--port", "0", "--watch", feed.url,
         "--interval", str(interval)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    if not first.startswith("Dashboard: "):
        process.kill()
        raise SystemExit(f"serve did not start: {first}{process.stderr.read()}")
    base = first.split(" ", 1)[1].split("/?token=")[0]
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(process.stderr or []), daemon=True).start()
    try:
        yield base, process, log
    finally:
        process.terminate()
        process.wait(timeout=30)
        extracted = [line for line in log if "extracted" in line]
        print(f"  watch during the run: {len(extracted)} batch(es) of new reports extracted")
        for line in [line for line in log if "failed" in line or "stopped" in line][:5]:
            print(f"  server said: {line.strip()}")


# ------------------------------------------------------------------------------------------------ loads

PAGE_ASSETS = ("/", "/static/app.js", "/static/app.css", "/static/vendor/leaflet.js", "/static/vendor/leaflet.css",
               "/static/vendor/topojson-client.min.js", "/static/vendor/countries-50m.json")  # fmt: skip
PAGE_API = ("/api/summary", "/api/sites", "/api/claims?limit=5000&offset=0", "/api/claims?limit=5000&offset=5000",
            "/api/sorties?limit=5000", "/api/assessments", "/api/brief", "/api/places")  # fmt: skip


def first_load(base: str) -> float:
    """Seconds until the HTML, the page's files and every API response it needs before drawing are in."""
    with httpx.Client(base_url=base, timeout=30) as client, ThreadPoolExecutor(6) as pool:
        started = time.perf_counter()
        client.get("/").raise_for_status()
        for response in pool.map(client.get, [*PAGE_ASSETS[1:], *PAGE_API]):
            response.raise_for_status()
        return time.perf_counter() - started


def endpoints(base: str) -> list[str]:
    with httpx.Client(base_url=base, timeout=30) as client:
        report_ids = [r["id"] for r in client.get("/api/reports?limit=200").json()["items"]]
    sites = ("hmeimim", "tartus", "qamishli", "t4", "palmyra")
    return [
        "/api/summary", "/api/sites", "/api/assessments", "/api/places",
        *[f"/api/claims?site={s}&limit=100" for s in sites],
        "/api/claims?action=convoy_departed&since=2024-12-20&limit=100", "/api/claims?review=unreviewed&limit=50",
        "/api/sorties?airfield=OSLK&limit=100", "/api/sorties?since=2024-12-20&until=2024-12-21&limit=200",
        "/api/reports?limit=50", *[f"/api/reports/{r}" for r in report_ids[:20]],
    ]  # fmt: skip


CLIENT_PROCESSES = 5  # the clients run in processes of their own, this many threads to each


def _users(base: str, paths: list[str], seeds: list[int], start_at: float, seconds: float, think: float,
           out: Any) -> None:  # fmt: skip
    """One client process: a thread per seed, each a dashboard user, from ``start_at`` (wall clock) for
    ``seconds``; sends back (latencies, errors)."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop = start_at + seconds

    def user(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=10) as client:
            time.sleep(max(0.0, start_at - time.time()) + rng.random() * think)  # all start together, then spread
            for _ in range(100_000):  # bounded; the clock stops it long before
                if time.time() >= stop:
                    return
                path = rng.choice(paths)
                started = time.perf_counter()
                try:
                    response = client.get(path)
                    ok = response.status_code == 200
                except httpx.HTTPError as exc:
                    ok, response = False, None
                    with lock:
                        errors.append(f"{path}: {exc}")
                took = time.perf_counter() - started
                with lock:
                    latencies.append(took)
                    if not ok and response is not None:
                        errors.append(f"{path}: HTTP {response.status_code}")
                time.sleep(think)

    threads = [threading.Thread(target=user, args=(seed,)) for seed in seeds]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 60)
    out.put((latencies, errors))


def load(base: str, paths: list[str], clients: int, seconds: float, think: float) -> dict[str, Any]:
    """``clients`` users over ``seconds``, spread over CLIENT_PROCESSES processes: 50 client threads in one
    Python process queue for its one GIL, and that wait (several 5 ms turns when a few answers arrive at once)
    would be counted as the server's latency, ours and the peer's alike."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    start_at = time.time() + 3.0  # time for the processes to start and import httpx
    seeds = list(range(clients))
    groups = [seeds[i::CLIENT_PROCESSES] for i in range(CLIENT_PROCESSES) if seeds[i::CLIENT_PROCESSES]]
    processes = [context.Process(target=_users, args=(base, paths, g, start_at, seconds, think, out)) for g in groups]
    for process in processes:
        process.start()
    latencies: list[float] = []
    errors: list[str] = []
    for _ in processes:
        got, failed = out.get(timeout=seconds + 120)
        latencies.extend(got)
        errors.extend(failed)
    for process in processes:
        process.join(timeout=30)
    ordered = sorted(latencies)
    return {
        "requests": len(ordered), "errors": len(errors), "first_errors": errors[:3],
        "p50_ms": 1000 * statistics.median(ordered), "p99_ms": 1000 * ordered[int(0.99 * (len(ordered) - 1))],
        "max_ms": 1000 * ordered[-1], "rps": len(ordered) / seconds,
    }  # fmt: skip


@contextmanager
def peer(base: str, paths: list[str]) -> Iterator[str]:
    """Python's ThreadingHTTPServer serving drawdown's own response bodies for ``paths`` from memory."""
    with httpx.Client(base_url=base, timeout=30) as client:
        bodies = {p: client.get(p).content for p in paths}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            body = bodies.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *_a: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_of(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue  # ended while the table was read
    return found


def children_peak_rss_mb(pid: int) -> dict[str, float]:
    """Peak RSS of each child of ``pid`` (the server's view worker, multiprocessing's resource tracker), by name."""
    peaks = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            if parent == pid:
                name = "view worker" if "spawn_main" in command else command.split(" -c ")[-1][:40]
                peaks[name] = peak_rss_mb(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue  # ended while the table was read
    return peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--sorties", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--think", type=float, default=0.5, help="seconds each client waits between requests")
    parser.add_argument("--feed-every", type=float, default=4.0, help="seconds between new feed articles")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the store here instead of a temporary folder")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{datetime.now(UTC):%Y-%m-%d}")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db = folder / "bench.duckdb"
        if not db.exists():
            built = build_store(db, args.claims, args.sorties)
            print(f"store: {built['claims']:,} claims from {built['reports']:,} reports, {built['sorties']:,} "
                  f"sorties (built in {built['build_seconds']:.0f} s)")  # fmt: skip
        feed = Feed(args.feed_every)
        try:
            started = time.perf_counter()
            with serving(db, feed, interval=1.0) as (base, process, log):
                print(f"  server up with its first view in {time.perf_counter() - started:.1f} s")
                # Measure while a rebuild runs: wait for the first batch of --watch to be extracted (the first
                # poll fetches every article the feed gained while the server started, one at a time).
                waited = time.perf_counter()
                while not any("extracted" in line for line in log) and time.perf_counter() - waited < 180:
                    time.sleep(0.5)
                print(f"  first --watch batch extracted {time.perf_counter() - waited:.0f} s later; measuring")
                loads = [first_load(base) for _ in range(5)]
                print(f"first page load (HTML + files + API): best {min(loads) * 1000:.0f} ms, "
                      f"worst {max(loads) * 1000:.0f} ms (budget 1,000 ms)")  # fmt: skip
                paths = endpoints(base)
                pids = [process.pid, *children_of(process.pid)]
                before = {pid: cpu_seconds(pid) for pid in pids}
                ours = load(base, paths, args.clients, args.seconds, args.think)
                used = {pid: cpu_seconds(pid) - before[pid] for pid in pids if Path(f"/proc/{pid}").exists()}
                print(f"  CPU used during the load: server {used.get(process.pid, float('nan')):.1f} s, its children "
                      + ", ".join(f"{s:.1f} s" for pid, s in used.items() if pid != process.pid)
                      + f" (of {args.seconds:.0f} s)")  # fmt: skip
                rss = peak_rss_mb(process.pid)
                children = children_peak_rss_mb(process.pid)
                with peer(base, paths) as peer_base:
                    theirs = load(peer_base, paths, args.clients, args.seconds, args.think)
        finally:
            feed.close()
    for name, r in (("drawdown serve --watch", ours), ("peer: ThreadingHTTPServer, same bodies", theirs)):
        print(f"{name}: {r['requests']:,} requests ({r['rps']:.0f}/s) from {args.clients} clients over "
              f"{args.seconds:.0f} s; p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, max {r['max_ms']:.0f} ms; "
              f"errors {r['errors']} {r['first_errors'] or ''}")  # fmt: skip
    print(f"p99 ratio drawdown / peer: {ours['p99_ms'] / theirs['p99_ms']:.2f}; budget p99 < 100 ms: "
          f"{'met' if ours['p99_ms'] < 100 else 'MISSED'}; errors: {ours['errors']}")  # fmt: skip
    print(f"server peak RSS: {rss:.0f} MB; its children: "
          + ", ".join(f"{name} {mb:.0f} MB" for name, mb in children.items()))  # fmt: skip


if __name__ == "__main__":
    main()
