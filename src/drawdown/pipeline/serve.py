"""The dashboard around the store: take reviews, run `--watch` in-process, keep the page's view up to date.

One lock guards the store connection, which only this process opens: the watch loop, review writes and the copy
of the store each view rebuild starts from take turns. The rebuild itself runs in a worker process on that copy
(:mod:`drawdown.pipeline.rebuild`), without the lock, so reviews and polls go on meanwhile. Requests never take
the lock; they read the last view built (:class:`drawdown.web.view.View`), which is swapped in whole.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from drawdown.case import Case
from drawdown.extract.claims import Extractor
from drawdown.pipeline.extract import extract
from drawdown.pipeline.rebuild import Job, Stopped, Worker
from drawdown.pipeline.reviews import review, review_json, unreview
from drawdown.store.assessments import save_assessment
from drawdown.store.db import Store
from drawdown.web.view import View

Log = Callable[[str], None]


class StoreProvider:
    """The dashboard's :class:`~drawdown.web.view.Provider` over one open store.

    Reviews are written at once; the view is rebuilt in the background after every change (reviews, new
    reports from ``--watch``), several changes in a row giving one rebuild. Call :meth:`close` to stop the
    rebuilds and the worker process.
    """

    def __init__(self, store: Store, case: Case, *, log: Log = print) -> None:
        self.store = store
        self.case = case
        self.log = log
        self.lock = threading.Lock()
        self._version = 0  # of the last view built; only the refresh thread changes it once started
        self._folder = Path(tempfile.mkdtemp(prefix="drawdown-serve-"))  # the store's copy for the worker
        self._worker = Worker()
        self._dirty = threading.Event()
        self._assess = threading.Event()  # new reports came in: store the assessment the next rebuild makes
        self._stop = threading.Event()
        self._extractor: Extractor | None = None  # for --watch's new reports, used by the watch thread alone
        try:
            self._view = self._rebuild(store_assessment=False)
        except BaseException:
            self._close_worker()
            raise
        self._refresher = threading.Thread(target=self._refresh_loop, name="drawdown-view", daemon=True)
        self._refresher.start()

    # ------------------------------------------------------------------------------------------ Provider

    def view(self) -> View:
        return self._view

    def save_review(self, payload: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            saved = review(self.store, payload, sites={s.id for s in self.case.sites})
        self.changed()
        return review_json(saved)

    def remove_review(self, payload: dict[str, Any]) -> bool:
        with self.lock:
            removed = unreview(self.store, payload)
        if removed:
            self.changed()
        return removed

    # ------------------------------------------------------------------------------------------- changes

    @property
    def worker_pid(self) -> int | None:
        """The process id of the worker that builds the views (None before it starts or after a crash)."""
        return self._worker.pid

    def changed(self) -> None:
        """Something in the store changed: rebuild the view soon."""
        self._dirty.set()

    def _rebuild(self, *, store_assessment: bool) -> View:
        """Copy the store under the lock, build the view from the copy in the worker, store its assessment."""
        snapshot = self._folder / "view.duckdb"
        with self.lock:
            if self._stop.is_set():
                raise Stopped
            self.store.copy_to(snapshot)
        built = self._worker.build(Job(snapshot, self.case, self._version + 1, store_assessment), self._stop)
        if built.assessment is not None:
            with self.lock:
                stored = built.assessment
                save_assessment(self.store, self.case.id, stored.as_of, stored.seed, stored.body)
        self._version = built.view.version
        self._view = built.view.prepare()  # its indexes built here, not by the first request to need them
        return self._view

    def _refresh_loop(self) -> None:
        while not self._stop.is_set():
            if not self._dirty.wait(0.5):
                continue
            self._dirty.clear()
            store_assessment = self._assess.is_set()
            self._assess.clear()
            try:
                self._rebuild(store_assessment=store_assessment)
            except Stopped:
                return
            except Exception as exc:  # a failed rebuild keeps the last view and says why; the server goes on
                self.log(f"view rebuild failed: {exc}")

    def close(self) -> None:
        """Stop rebuilding: a rebuild under way is abandoned, the worker process ends, the store's copy goes."""
        self._stop.set()
        self._refresher.join(timeout=5)
        self._close_worker()

    def _close_worker(self) -> None:
        self._worker.close()
        shutil.rmtree(self._folder, ignore_errors=True)

    @contextmanager
    def holding(self) -> Iterator[Store]:
        """The store, for one round of watch polls, while no one else uses it."""
        with self.lock:
            yield self.store

    # --------------------------------------------------------------------------------------------- watch

    def downstream(self, store: Store, report_ids: list[str]) -> None:
        """What `--watch` runs on new reports: extract their claims here (a few reports: quick), then leave the
        assessment to the next rebuild, which stores the one it makes (several batches in a row: one)."""
        if self._extractor is None:  # built once: each batch is a few reports, building one takes seconds
            self._extractor = Extractor(self.case)
        extracted = extract(store, self.case, report_ids=report_ids, extractor=self._extractor)
        self.log(f"extracted {extracted.claims} claim(s) from {extracted.reports} new report(s)")
        self._assess.set()
        self.changed()


def watch_in_background(
    provider: StoreProvider, feeds: Sequence[str], *, interval: float, max_bytes: int, log: Log
) -> threading.Thread:
    """Run the watch loop on ``feeds`` in a daemon thread that shares the provider's store."""
    from drawdown.ingest.fetch import Fetcher, FetchPolicy
    from drawdown.pipeline.watch import watch

    def run() -> None:
        try:
            with Fetcher(FetchPolicy(max_bytes=max_bytes)) as fetcher:
                # exclusive: this process holds the store from start to stop, so nothing else ingests into it
                watch(provider.holding, feeds, fetcher=fetcher, interval=interval, log=log,
                      downstream=provider.downstream, exclusive=True)  # fmt: skip
        except Exception as exc:  # the dashboard stays up with the evidence it has, and says why watch stopped
            log(f"watch stopped: {exc}")

    thread = threading.Thread(target=run, name="drawdown-watch", daemon=True)
    thread.start()
    return thread
