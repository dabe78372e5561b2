"""Readers queue behind a process that holds the store: they wait (``--wait``), then fail with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drawdown.errors import StoreError
from drawdown.store import open_store
from tests.ingest.conftest import Route, Served, article, http_server, rss

__all__ = ["http_server"]

HOLD = """
import sys, time
from drawdown.store import open_store
with open_store(sys.argv[1]):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _drawdown(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "drawdown", "--db", str(db), *args]


def _hold(db: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_open_store_waits_for_the_lock_then_gets_in(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    open_store(db).close()
    holder = _hold(db, 1.0)
    try:
        with pytest.raises(StoreError, match="in use by another process"):
            open_store(db, wait=0)
        with open_store(db, wait=30) as store:  # the holder lets go after about a second
            assert store.schema_version > 0
    finally:
        holder.wait(timeout=30)


def test_reader_gives_up_after_wait_with_the_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    subprocess.run(_drawdown(db, "init", "--case", "syria-2024"), check=True, capture_output=True)
    holder = _hold(db, 20.0)
    try:
        started = time.monotonic()
        result = subprocess.run(_drawdown(db, "brief", "--wait", "1"), capture_output=True, text=True, timeout=60)
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 5, result.stderr
    assert "the store is in use by another process (waited 1 s)" in result.stderr and "--wait" in result.stderr
    assert waited >= 1.0, "the reader waited before giving up"


def test_reader_started_during_watch_waits_and_succeeds(http_server: Served, tmp_path: Path) -> None:
    one = http_server.add("/w/1", Route(body=article("Convoy leaves T4", "Forty trucks left the T4 base at night")))
    feed = http_server.add("/w.xml", Route(body=rss(("1", one, "Convoy"))))
    db = tmp_path / "w.duckdb"
    subprocess.run(_drawdown(db, "init", "--case", "syria-2024"), check=True, capture_output=True)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    watcher = subprocess.Popen(
        _drawdown(db, "watch", "--interval", "0.5", "--max-cycles", "400", feed),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert watcher.stderr is not None
        for line in watcher.stderr:  # wait until the first poll has stored the report
            if "status change" in line or "extracted" in line:
                break
        reader = subprocess.run(
            _drawdown(db, "brief", "--wait", "60"), capture_output=True, text=True, timeout=120, env=env
        )
        assert watcher.poll() is None, "watch was still running when the reader got in"
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)
    assert reader.returncode == 0, reader.stderr
    assert "Convoy leaves T4" in reader.stdout or "T4" in reader.stdout
