"""The dashboard around the store: take reviews, run `--watch` in-process, rebuild the view (:mod:`.view`).

One lock guards the store connection: the watch loop, review writes and view rebuilds take turns. Requests never
take it; they read the last view built (:class:`drawdown.web.view.View`), which is swapped in whole.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from drawdown.case import Case
from drawdown.pipeline.assess import assess_store
from drawdown.pipeline.extract import extract
from drawdown.pipeline.reviews import review, review_json, unreview
from drawdown.pipeline.view import SeriesCache, build_view
from drawdown.store.db import Store
from drawdown.web.view import View

Log = Callable[[str], None]


class StoreProvider:
    """The dashboard's :class:`~drawdown.web.view.Provider` over one open store.

    Reviews are written at once; the view is rebuilt in the background after every change (reviews, new
    reports from ``--watch``), several changes in a row giving one rebuild.
    """

    def __init__(self, store: Store, case: Case, *, log: Log = print) -> None:
        self.store = store
        self.case = case
        self.log = log
        self.lock = threading.Lock()
        self._version = 1
        self._series: SeriesCache = {}  # used and updated under the lock
        with self.lock:
            self._view = build_view(store, case, self._version, series_cache=self._series)
        self._dirty = threading.Event()
        self._stop = threading.Event()
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

    def changed(self) -> None:
        """Something in the store changed: rebuild the view soon."""
        self._dirty.set()

    def _refresh_loop(self) -> None:
        while not self._stop.is_set():
            if not self._dirty.wait(0.5):
                continue
            self._dirty.clear()
            try:
                with self.lock:
                    view = build_view(self.store, self.case, self._version + 1, series_cache=self._series)
                    self._version += 1
                    self._view = view
            except Exception as exc:  # a failed rebuild keeps the last view and says why; the server goes on
                self.log(f"view rebuild failed: {exc}")

    def close(self) -> None:
        self._stop.set()
        self._refresher.join(timeout=5)

    @contextmanager
    def holding(self) -> Iterator[Store]:
        """The store, for one round of watch polls, while no one else uses it."""
        with self.lock:
            yield self.store

    # --------------------------------------------------------------------------------------------- watch

    def downstream(self, store: Store, report_ids: list[str]) -> None:
        """What `--watch` runs on new reports: extract their claims, store a snapshot, rebuild the view."""
        extracted = extract(store, self.case, report_ids=report_ids)
        result = assess_store(store, self.case)
        self.log(f"extracted {extracted.claims} claim(s) from {extracted.reports} new report(s)")
        # The view is built from this very assessment, not by assessing the same evidence a second time.
        view = build_view(store, self.case, self._version + 1, assessment=result, series_cache=self._series)
        self._version += 1
        self._view = view


def watch_in_background(
    provider: StoreProvider, feeds: Sequence[str], *, interval: float, max_bytes: int, log: Log
) -> threading.Thread:
    """Run the watch loop on ``feeds`` in a daemon thread that shares the provider's store."""
    from drawdown.ingest.fetch import Fetcher, FetchPolicy
    from drawdown.pipeline.watch import watch

    def run() -> None:
        try:
            with Fetcher(FetchPolicy(max_bytes=max_bytes)) as fetcher:
                watch(provider.holding, feeds, fetcher=fetcher, interval=interval, log=log,
                      downstream=provider.downstream)  # fmt: skip
        except Exception as exc:  # the dashboard stays up with the evidence it has, and says why watch stopped
            log(f"watch stopped: {exc}")

    thread = threading.Thread(target=run, name="drawdown-watch", daemon=True)
    thread.start()
    return thread
