"""The dashboard's provider: views built in a worker process from a copy of the store, which stays this process's."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from drawdown.case import load_case
from drawdown.errors import DrawdownError
from drawdown.pipeline.extract import extract
from drawdown.pipeline.ingest import ingest
from drawdown.pipeline.rebuild import Job, Worker
from drawdown.pipeline.serve import StoreProvider
from drawdown.store import Store
from drawdown.store.claims import load_claims
from tests.conftest import write

LINES = [
    {"id": "a", "url": "https://a.example/1", "outlet": "Alpha Wire", "published": "2024-12-16",
     "text": "A convoy of 40 trucks left T4 air base on Saturday, residents said."},
    {"id": "b", "url": "https://b.example/2", "outlet": "Beta Daily", "published": "2024-12-17",
     "text": "Two cargo ships left the port of Tartus on Sunday, officials confirmed."},
]  # fmt: skip
PATIENCE = 120.0  # seconds a test waits for a rebuild before it gives up (a loaded machine is slow, not wrong)


def _until(done: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting: {what}")
        time.sleep(0.05)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def provider(store: Store, tmp_path: Path) -> Iterator[tuple[StoreProvider, list[str]]]:
    ingest(store, [str(write(tmp_path / "r.jsonl", "\n".join(json.dumps(x) for x in LINES) + "\n"))])
    extract(store, load_case("syria-2024"))
    logs: list[str] = []
    provider = StoreProvider(store, load_case("syria-2024"), log=logs.append)
    try:
        yield provider, logs
    finally:
        provider.close()


def _reject_one(store: Store, provider: StoreProvider) -> None:
    claim = next(c for c in load_claims(store) if c.action == "ships_departed")
    provider.save_review({"report_id": claim.report_id, "span": list(claim.span), "action": claim.action,
                          "verdict": "wrong"})  # fmt: skip


def test_the_view_is_built_in_another_process(store: Store, provider: tuple[StoreProvider, list[str]]) -> None:
    served, _logs = provider
    pid = served.worker_pid
    assert pid is not None and pid != os.getpid()
    first = served.view()
    assert first.version == 1 and len(first.claims) == 2
    os.kill(pid, signal.SIGSTOP)  # the worker can do nothing now; this process must go on without it
    try:
        _reject_one(store, served)  # the review is stored at once: writes never wait for a rebuild
        time.sleep(1.0)
        assert served.view() is first, "no view came while the worker was stopped: the rebuild is its work"
    finally:
        os.kill(pid, signal.SIGCONT)
    _until(lambda: served.view().version == 2, "the view after the review")
    assert served.view().case["reviews"]["rejected"] == 1 and len(served.view().claims) == 1
    assert served.worker_pid == pid, "one worker serves rebuild after rebuild"


def test_a_dead_worker_keeps_the_last_view_says_why_and_is_replaced(provider: tuple[StoreProvider, list[str]]) -> None:
    served, logs = provider
    pid = served.worker_pid
    assert pid is not None
    first = served.view()
    os.kill(pid, signal.SIGSTOP)
    served.changed()
    time.sleep(1.0)  # the rebuild is sent to the stopped worker, which dies before it answers
    os.kill(pid, signal.SIGKILL)
    _until(lambda: any("view rebuild failed" in line for line in logs), "the failure said")
    assert "the rebuild worker exited" in logs[0] and served.view() is first
    served.changed()
    _until(lambda: served.view().version == 2, "a view from a fresh worker")
    assert served.worker_pid not in (None, pid)


def test_a_rebuild_that_fails_in_the_worker_says_why(tmp_path: Path) -> None:
    worker = Worker()
    stop = threading.Event()
    try:
        with pytest.raises(DrawdownError, match="no store here"):
            worker.build(Job(tmp_path / "missing.duckdb", load_case("syria-2024"), 1), stop)
        assert worker.pid is not None, "the worker survives a failed rebuild"
    finally:
        worker.close()


def test_close_ends_the_worker_process_even_when_it_does_not_answer(provider: tuple[StoreProvider, list[str]]) -> None:
    served, _logs = provider
    pid = served.worker_pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)  # as if busy: it does not read the request to stop
    served.close()
    assert _gone(pid), "no orphan: the worker was terminated and reaped"
    assert served.worker_pid is None
