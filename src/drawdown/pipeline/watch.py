"""Watch feeds: poll on a schedule, ingest only new entries, survive feeds that are down or return garbage.

The loop is given an open store, or a function that opens one: then it holds the store only while it polls
and releases it while it sleeps, so that readers in other processes (`drawdown brief`, `export` ...) get in
between polls. It writes through the pipeline, one transaction per feed poll, so a restart resumes from what is
stored: entries already seen are skipped, a failing feed's back-off and its ETag / Last-Modified validators are
remembered.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from drawdown.errors import InputError
from drawdown.ingest.feeds import parse_feed, read_entry
from drawdown.ingest.fetch import Fetched, Fetcher, check_url
from drawdown.ingest.normalize import dedup_key
from drawdown.ingest.parallel import Expired, host_of, run_in_order
from drawdown.model import Document, IngestFailure, IngestResult
from drawdown.pipeline.ingest import LazyMatcher, store_documents
from drawdown.store import feeds as feed_store
from drawdown.store.db import Store, now_utc
from drawdown.store.feeds import SeenEntry
from drawdown.store.reports import ids_by_key, report_sources

MAX_ATTEMPTS = 3  # an entry whose article fails three polls in a row is given up (and says so once)
MAX_BACKOFF = timedelta(hours=6)
# Stored texts a kept origin matcher holds for rewrite scoring, with their term profiles. A poll brings a few
# articles, whose candidates are fetched again once the cache is full; the matcher's default (50,000 texts, about
# 150 MB of news, for one large ingest) would stay allocated for as long as `serve --watch` runs.
KEPT_TEXTS = 1_000

Log = Callable[[str], None]
# Runs the downstream stages on the ids of new reports (Extract, Assess ... as they land); None: ingest only.
Downstream = Callable[[Store, list[str]], None]


@dataclass
class WatchSummary:
    cycles: int = 0
    new_reports: int = 0
    failed_entries: int = 0
    failed_polls: int = 0
    statuses: dict[str, str] = field(default_factory=dict)


def backoff(interval: float, failures: int) -> timedelta:
    """Double the wait after each failed poll of a feed, up to six hours."""
    return min(timedelta(seconds=interval * 2 ** max(failures, 0)), MAX_BACKOFF)


def watch(
    store: Store | Callable[[], AbstractContextManager[Store]],
    feeds: Sequence[str],
    *,
    fetcher: Fetcher,
    interval: float = 300.0,
    max_cycles: int | None = None,
    log: Log = print,
    downstream: Downstream | None = None,
    sleep: Callable[[float], None] = time.sleep,
    now: Callable[[], datetime] = now_utc,
    exclusive: bool | None = None,
) -> WatchSummary:
    """Poll ``feeds`` every ``interval`` seconds (``max_cycles`` stops it; None runs until interrupted).

    ``store`` is an open store (held throughout) or a function giving a context that holds one (a fresh
    connection that it closes, or a shared one under a lock) for one round of polls. ``exclusive``: no other
    process can ingest into the store between two polls (true of an open store held throughout, the default for
    one; `serve` holds its store for its whole run and says so), so the stored reports' signatures are read once
    and kept, instead of read again at every poll that brings an article.
    """
    for url in feeds:
        check_url(url)
    summary = WatchSummary()
    keep = isinstance(store, Store) if exclusive is None else exclusive
    kept: LazyMatcher | None = None  # the matcher the polls share when ``keep`` (the held store is the same one)
    with _holding(store) as held:
        summary.statuses.update(feed_store.register_feeds(held, feeds))
    while max_cycles is None or summary.cycles < max_cycles:
        with _holding(store) as held:
            if keep and kept is None:
                kept = LazyMatcher(held, None, text_cache=KEPT_TEXTS)
            _round(held, feeds, fetcher, interval, log, downstream, summary, now, kept)
        summary.cycles += 1
        if max_cycles is None or summary.cycles < max_cycles:
            sleep(interval)
    return summary


def _holding(store: Store | Callable[[], AbstractContextManager[Store]]) -> AbstractContextManager[Store]:
    """The store for one round of polls: the one given (left open), or a freshly opened one (closed after)."""
    return nullcontext(store) if isinstance(store, Store) else store()


@dataclass
class _Due:
    """A feed due for a poll, with what the store knows of it (read before the fetching threads start)."""

    url: str
    state: feed_store.FeedState
    seen: dict[str, tuple[str, int]]
    moment: datetime


@dataclass
class _Polled:
    """What one poll fetched: the feed's response and its new entries' articles (or the poll's failure)."""

    fetched: Fetched | None = None
    entries: int = 0
    documents: list[tuple[str, Document]] = field(default_factory=list)
    failed: list[tuple[str, str | None, str]] = field(default_factory=list)
    error: str | None = None


def _round(
    store: Store,
    feeds: Sequence[str],
    fetcher: Fetcher,
    interval: float,
    log: Log,
    downstream: Downstream | None,
    summary: WatchSummary,
    now: Callable[[], datetime],
    kept: LazyMatcher | None,
) -> None:
    """Poll the feeds that are due: fetched together (one at a time per host), stored one by one in the order
    given, each as soon as it and the feeds before it are done, so a hanging feed delays no other's fetch."""
    due: list[_Due] = []
    for url in feeds:
        state = feed_store.feed_state(store, url)
        moment = now()
        if state.next_poll is None or state.next_poll <= moment:
            due.append(_Due(url, state, feed_store.seen_entries(store, url), moment))
    polls = run_in_order(
        due, lambda d: _fetch(d, fetcher), host=lambda d: host_of(d.url),
        per_host=fetcher.policy.per_host, deadline=fetcher.policy.overall,
    )  # fmt: skip
    for feed, polled in polls:
        if isinstance(polled, Expired):
            message = f"{feed.url}: not polled within the overall deadline of {polled.deadline:g} s; raise --deadline"
            polled = _Polled(error=message)
        _store_poll(store, feed, polled, interval, log, downstream, summary, kept)


def _fetch(due: _Due, fetcher: Fetcher) -> _Polled:
    """The network half of a poll (runs in a thread, never touches the store): the feed and its new articles."""
    polled = _Polled()
    try:
        polled.fetched = fetcher.get(due.url, etag=due.state.etag, last_modified=due.state.last_modified)
        entries = [] if polled.fetched.not_modified else parse_feed(polled.fetched.content, due.url)
    except InputError as exc:
        polled.error = exc.one_line()
        return polled
    polled.entries = len(entries)
    seen = due.seen
    fresh = [e for e in entries if e.key not in seen or (seen[e.key][0] == "failed" and seen[e.key][1] < MAX_ATTEMPTS)]
    for entry in fresh:
        item = read_entry(entry, fetcher)
        if isinstance(item, IngestFailure):
            polled.failed.append((entry.key, entry.link, item.message))
        else:
            polled.documents.append((entry.key, item))
    return polled


def _store_poll(
    store: Store,
    due: _Due,
    polled: _Polled,
    interval: float,
    log: Log,
    downstream: Downstream | None,
    summary: WatchSummary,
    kept: LazyMatcher | None,
) -> None:
    """The store half of a poll, in one transaction: the new reports, the entries seen, the feed's state.
    ``kept``: the matcher the polls share (it indexes each article it matches, as the poll stores it; a poll whose
    write fails ends the loop, so it never knows an article that is not stored); None: one for this poll."""
    url, state, seen, moment = due.url, due.state, due.seen, due.moment
    if polled.error is not None or polled.fetched is None:
        failures = state.failures + 1
        wait = backoff(interval, failures)
        message = polled.error or f"{url}: no answer"
        feed_store.mark_failing(store, url, failures, moment, moment + wait, message)
        summary.failed_polls += 1
        _status(summary, url, "failing", log, f"{message}; next try in {wait.total_seconds():.0f} s")
        return
    fetched, documents, failed = polled.fetched, polled.documents, polled.failed
    for key, _link, message in failed:
        tries = seen.get(key, ("", 0))[1] + 1
        give_up = " (giving up)" if tries >= MAX_ATTEMPTS else ""
        log(f"entry failed: {message}{give_up}")
    result = IngestResult(run_id=f"watch-{moment:%Y%m%dT%H%M%S}")
    matcher = kept if kept is not None else LazyMatcher(store, None)  # loaded only if a document is new
    with store.transaction():
        before = len(result.added)
        store_documents(store, [d for _, d in documents], result.run_id, result, matcher)
        added = result.added[before:]
        ids = ids_by_key(store, [dedup_key(d.text, d.url) for _, d in documents])
        for (key, doc), report_id in zip(documents, ids, strict=True):
            feed_store.record_entry(store, SeenEntry(url, key, doc.url, "ingested", report_id, None, moment))
        for key, link, message in failed:
            feed_store.record_entry(store, SeenEntry(url, key, link, "failed", None, message, moment))
        next_poll = moment + timedelta(seconds=interval)
        feed_store.mark_ok(store, url, moment, next_poll, fetched.etag, fetched.last_modified)
    copies = set(result.copies)
    for row in report_sources(store, added):
        how = f"copy ({row['method']})" if row["id"] in copies else "new origin"
        log(f"new report {row['id']}: {row['title'] or row['url']} [{row['outlet'] or '?'}] {how}")
    summary.new_reports += len(added)
    summary.failed_entries += len(failed)
    _status(summary, url, "ok", log, f"{polled.entries} entries, {len(added)} new")
    if downstream is not None and added:
        downstream(store, added)


def _status(summary: WatchSummary, url: str, status: str, log: Log, detail: str) -> None:
    """Log a feed's status when it changes (and every failure, since each says when the next try is)."""
    previous = summary.statuses.get(url)
    if status != previous or status == "failing":
        log(f"feed {url}: {previous or 'new'} -> {status} ({detail})")
    summary.statuses[url] = status
