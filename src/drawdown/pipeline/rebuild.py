"""The dashboard's view built in a worker process, so that requests never wait for it.

At 10,000 claims and 100,000 sorties a rebuild takes 40 s of CPU or more (the assessment with its timelines, the
force chart); in a thread of the server it held the GIL against every request (BENCHMARKS.md, "Dashboard").

Who opens what: the server keeps the store's one read-write connection (DuckDB lets one process at a time hold a
file read-write). For each rebuild it copies the store, under its lock, into a snapshot file
(:meth:`~drawdown.store.db.Store.copy_to`); the worker opens that copy alone, read-only, and runs the same
:func:`~drawdown.pipeline.view.build_view` on it. The worker never sees the store itself, and keeps the force
chart's cache from one rebuild to the next.

The finished view comes back in slices of rows: unpickling the whole of it at once takes 0.3 s, during which
the server could answer no request; a slice takes a few milliseconds.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from dataclasses import dataclass, replace
from datetime import date
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from drawdown.assess import assess
from drawdown.case import Case
from drawdown.errors import DrawdownError
from drawdown.pipeline.assess import load_evidence
from drawdown.pipeline.view import SeriesCache, build_view
from drawdown.report.snapshot import dumps
from drawdown.store.db import open_store
from drawdown.store.reports import last_evidence_date
from drawdown.web.view import View

SLICED = ("claims", "sorties", "reports", "rejected")  # the view's long fields, sent SLICE rows at a time
# 2,000 sortie rows unpickle in about 7 ms on the benchmark's machine (the whole view: 0.34 s, 31 MB).
SLICE = 2_000
POLL = 0.5  # seconds between looks at the stop flag and the worker's health while a rebuild runs
# On 2 cores, a rebuild at full priority takes one of them from the request loop and the clients (BENCHMARKS.md,
# "Dashboard"); at 10 the scheduler gives it about a tenth of a contended core and all of an idle one.
NICENESS = 10
STOP_GRACE = 2.0  # seconds an idle worker gets to exit by itself before it is terminated


@dataclass(frozen=True)
class Job:
    """One rebuild: the snapshot to read, and whether to send back the assessment to store (after `--watch`)."""

    snapshot: Path
    case: Case
    version: int
    store_assessment: bool = False


@dataclass(frozen=True)
class StoredAssessment:
    """What `drawdown.store.assessments.save_assessment` stores: the as-of date, the seed, the JSON snapshot."""

    as_of: date
    seed: int
    body: str


@dataclass(frozen=True)
class Built:
    view: View
    assessment: StoredAssessment | None


class Stopped(Exception):
    """The server is stopping: the rebuild it waited for is abandoned."""


def build(job: Job, cache: SeriesCache | None = None) -> Built:
    """What the worker does for one job (callable in any process: it only reads the snapshot)."""
    with open_store(job.snapshot, read_only=True) as store:
        day = last_evidence_date(store) or date.today()
        result = assess(load_evidence(store, job.case), day, with_timeline=True)
        view = build_view(store, job.case, job.version, assessment=result, series_cache=cache)
    stored = StoredAssessment(day, result.seed, dumps(result)) if job.store_assessment else None
    return Built(view, stored)


def _send(conn: Connection, built: Built) -> None:
    conn.send(("view", replace(built.view, **{name: type(getattr(built.view, name))() for name in SLICED})))
    for name in SLICED:
        value = getattr(built.view, name)
        rows = list(value.items()) if isinstance(value, dict) else value
        for start in range(0, len(rows), SLICE):
            conn.send(("rows", name, rows[start : start + SLICE]))
    conn.send(("done", built.assessment))


def serve_jobs(conn: Connection) -> None:
    """The worker process: build a view for each job received, until told to stop or the server is gone."""
    # Ctrl-C reaches every process of the terminal's group; the server decides when this one stops (close()).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):  # a rebuild is background work: a request arriving gets the CPU first
        os.nice(NICENESS)
    cache: SeriesCache = {}
    try:
        while True:
            job = conn.recv()
            if job is None:
                return
            try:
                built = build(job, cache)
            except Exception as exc:  # reported to the server, which keeps its last view and logs why
                conn.send(("failed", str(exc) or type(exc).__name__))
                continue
            _send(conn, built)
    except (EOFError, OSError):  # the server closed its end or exited: nothing is waiting for a view
        return


class Worker:
    """The server's handle on the worker process: one rebuild at a time, a fresh process after a crash."""

    def __init__(self) -> None:
        # spawn: a fresh interpreter, inheriting neither the store's connection nor the server's threads.
        self._context = multiprocessing.get_context("spawn")
        self._process: BaseProcess | None = None
        self._conn: Connection | None = None
        self._closed = False

    @property
    def pid(self) -> int | None:
        """The worker's process id while it runs (it is started by the first rebuild)."""
        return self._process.pid if self._process is not None and self._process.is_alive() else None

    def _start(self) -> tuple[BaseProcess, Connection]:
        if self._closed:
            raise Stopped
        if self._process is None or self._conn is None or not self._process.is_alive():
            self._forget()
            ours, theirs = self._context.Pipe()
            self._process = self._context.Process(target=serve_jobs, args=(theirs,), name="drawdown-rebuild",
                                                  daemon=True)  # fmt: skip
            self._process.start()
            theirs.close()
            self._conn = ours
        return self._process, self._conn

    def build(self, job: Job, stop: threading.Event) -> Built:
        """Run ``job`` in the worker and wait for its view; raises ``DrawdownError`` saying why it failed."""
        process, conn = self._start()
        conn.send(job)
        first = self._receive(process, conn, stop)
        if first[0] == "failed":
            raise DrawdownError(first[1])
        head: View = first[1]
        parts: dict[str, list[Any]] = {name: [] for name in SLICED}
        while (message := self._receive(process, conn, stop))[0] == "rows":
            parts[message[1]].extend(message[2])
        fields: dict[str, Any] = {**parts, "reports": dict(parts["reports"])}
        return Built(replace(head, **fields), message[1])

    def _receive(self, process: BaseProcess, conn: Connection, stop: threading.Event) -> Any:
        while True:
            if stop.is_set():
                raise Stopped
            try:
                if conn.poll(POLL):
                    return conn.recv()
            except (EOFError, OSError):
                pass  # the worker's end closed: it exited, said below
            else:
                if process.is_alive():
                    continue
            process.join(POLL)
            self._forget()
            raise DrawdownError(f"the rebuild worker exited (exit code {process.exitcode})")

    def _forget(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn = None, None

    def close(self) -> None:
        """Stop the worker: an idle one exits when told; a busy one is terminated (its rebuild is not wanted)."""
        self._closed = True
        process, conn = self._process, self._conn
        if process is None or conn is None:
            return
        with contextlib.suppress(OSError):  # already gone
            conn.send(None)
        process.join(STOP_GRACE)
        if process.is_alive():
            process.terminate()
            process.join(STOP_GRACE)
        if process.is_alive():
            process.kill()
            process.join()
        self._forget()
