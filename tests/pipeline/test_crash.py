"""Crash safety: `ingest`, `watch` and `flights ingest` killed with SIGKILL at random points leave a store that
opens, holds only whole batches, and that a re-run completes to exactly the expected rows.

Each command runs as a real process on a real store file; the kill lands at a random moment of the run, drawn
from the time a complete run takes on this machine. SIGTERM is handled as Ctrl-C is: a message, exit 130 and
the run marked interrupted.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from tests.ingest.conftest import Route, Served, article

pytestmark = pytest.mark.slow

KILLS = 20
FILES, PER_FILE = 20, 50  # 1,000 reports; each file is one transaction, so one "batch"
SEED = 20241208


def _drawdown(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "drawdown", "--db", str(db), *args]


def _timed_run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def _kill_at(command: list[str], delay: float, sig: int = signal.SIGKILL) -> subprocess.CompletedProcess[str]:
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(sig)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:  # the store opens: a kill never leaves it unreadable
        return con.execute(sql).fetchall()


def _has_table(db: Path, table: str) -> bool:
    """A kill before the first migration committed leaves a store file with no tables yet: that is consistent."""
    return bool(_rows(db, f"SELECT 1 FROM information_schema.tables WHERE table_name = '{table}'"))


def _corpus(folder: Path) -> set[str]:
    """1,000 distinct reports (own words, random vocabulary so no two are rewrites of each other)."""
    rng = random.Random(SEED)
    folder.mkdir()
    urls = set()
    for f in range(FILES):
        lines = []
        for n in range(PER_FILE):
            words = " ".join("".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(3, 9))) for _ in range(40))
            url = f"https://n.example/{f}/{n}"
            urls.add(url)
            record = {"id": f"r{f}-{n}", "url": url, "outlet": "Example", "published": "2024-12-14",
                      "title": f"Report {f}-{n}", "text": f"Trucks seen near the base. {words}."}  # fmt: skip
            lines.append(json.dumps(record))
        (folder / f"batch-{f:02d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return urls


def test_ingest_survives_sigkill_at_random_points(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    urls = _corpus(folder)
    full = _timed_run(_drawdown(tmp_path / "timing.duckdb", "ingest", str(folder)))
    rng = random.Random(SEED)
    db = tmp_path / "store.duckdb"
    killed = 0
    for _ in range(KILLS):
        db.unlink(missing_ok=True)
        result = _kill_at(_drawdown(db, "ingest", str(folder)), rng.uniform(0.05, 0.95) * full)
        killed += result.returncode == -signal.SIGKILL
        if db.exists() and _has_table(db, "reports"):
            per_file = Counter(locator.rsplit(":", 1)[0] for (locator,) in _rows(db, "SELECT locator FROM reports"))
            assert set(per_file.values()) <= {PER_FILE}, f"a batch was cut: {per_file}"
        again = subprocess.run(_drawdown(db, "ingest", str(folder), "--json"), capture_output=True, text=True)
        assert again.returncode == 0, again.stderr
        stored = [u for (u,) in _rows(db, "SELECT url FROM reports")]
        assert len(stored) == len(urls) and set(stored) == urls
        statuses = {s for (s,) in _rows(db, "SELECT status FROM ingest_runs")}
        assert "running" not in statuses
    assert killed >= KILLS // 2, "most kills must land while the run is still going"


def test_sigterm_marks_the_run_interrupted(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _corpus(folder)
    full = _timed_run(_drawdown(tmp_path / "timing.duckdb", "ingest", str(folder)))
    db = tmp_path / "store.duckdb"
    for attempt in range(5):  # the signal must land after the run started and before it ended
        db.unlink(missing_ok=True)
        subprocess.run(_drawdown(db, "init"), check=True, capture_output=True)
        result = _kill_at(_drawdown(db, "ingest", str(folder)), (0.5 + attempt / 10) * full, signal.SIGTERM)
        if result.returncode == 130:
            break
    assert result.returncode == 130, result.stderr
    assert "interrupted by SIGTERM" in result.stderr and "Traceback" not in result.stderr
    assert ("interrupted",) in _rows(db, "SELECT status FROM ingest_runs")


def test_watch_survives_sigkill_at_random_points(tmp_path: Path, http_server: Served) -> None:
    entries = 30
    items = []
    for n in range(entries):
        link = http_server.add(f"/p/{n}", Route(body=article(f"Post {n}", f"Column number {n} seen leaving the port")))
        items.append(f"<item><guid>{n}</guid><link>{link}</link><title>Post {n}</title></item>")
    feed_xml = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{"".join(items)}</channel></rss>'
    feed = http_server.add("/feed.xml", Route(body=feed_xml.encode()))
    # All entries are on the one test server: no polite pause between two requests to it.
    command = ["watch", "--interval", "0", "--max-cycles", "1", "--host-delay", "0", feed]
    full = _timed_run(_drawdown(tmp_path / "timing.duckdb", *command))
    rng = random.Random(SEED)
    db = tmp_path / "store.duckdb"
    for _ in range(KILLS):
        db.unlink(missing_ok=True)
        _kill_at(_drawdown(db, *command), rng.uniform(0.05, 0.95) * full)
        if db.exists() and _has_table(db, "feed_entries"):
            orphans = _rows(
                db,
                "SELECT entry_key FROM feed_entries WHERE status = 'ingested' "
                "AND report_id NOT IN (SELECT id FROM reports)",
            )
            assert not orphans, "an entry marked ingested must have its report"
        again = subprocess.run(_drawdown(db, *command), capture_output=True, text=True)
        assert again.returncode == 0, again.stderr
        assert _rows(db, "SELECT count(*), count(DISTINCT url) FROM reports") == [(entries, entries)]
        assert _rows(db, "SELECT count(*) FROM feed_entries WHERE status = 'ingested'") == [(entries,)]


def test_flights_ingest_survives_sigkill_at_random_points(tmp_path: Path) -> None:
    tracks = tmp_path / "tracks.csv"
    subprocess.run(
        _drawdown(
            tmp_path / "sim.duckdb", "flights", "simulate", "--case", "syria-2024", "--out", str(tracks), "--days", "1"
        ),
        check=True,
        capture_output=True,
    )
    command = ["flights", "ingest", str(tracks), "--case", "syria-2024"]
    reference = tmp_path / "reference.duckdb"
    full = _timed_run(_drawdown(reference, *command))
    expected = set(_rows(reference, "SELECT id FROM sorties"))
    assert expected, "the simulated tracks hold sorties"
    rng = random.Random(SEED)
    db = tmp_path / "store.duckdb"
    for _ in range(KILLS):
        db.unlink(missing_ok=True)
        _kill_at(_drawdown(db, *command), rng.uniform(0.05, 0.95) * full)
        if db.exists() and _has_table(db, "sorties"):
            found = set(_rows(db, "SELECT id FROM sorties"))
            assert found in (set(), expected), "a flights ingest is one batch: all its sorties or none"
        subprocess.run(_drawdown(db, *command), check=True, capture_output=True)
        assert set(_rows(db, "SELECT id FROM sorties")) == expected
        assert _rows(db, "SELECT count(*) FROM sorties") == [(len(expected),)]
