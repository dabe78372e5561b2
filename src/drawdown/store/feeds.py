"""What `drawdown watch` remembers between polls: each feed's validators and back-off, and every entry seen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from drawdown.store.db import Store
from drawdown.store.rows import RecordTable


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    status: str = "new"  # new | ok | failing
    failures: int = 0
    last_polled: datetime | None = None
    next_poll: datetime | None = None
    last_error: str | None = None


@dataclass(frozen=True)
class SeenEntry:
    """One feed entry as stored: ingested, or failed (retried until ``attempts`` reaches the cap)."""

    feed_url: str
    entry_key: str
    link: str | None
    status: str
    report_id: str | None
    message: str | None
    seen_at: datetime
    attempts: int = 1


FEEDS: RecordTable[FeedState] = RecordTable("feeds", FeedState, columns=("url",))


def register_feeds(store: Store, urls: Sequence[str]) -> dict[str, str]:
    """Make sure every feed has a row; returns each feed's stored status."""
    with store.transaction():
        for url in urls:
            store.con.execute("INSERT INTO feeds (url) VALUES (?) ON CONFLICT DO NOTHING", [url])
    return {f.url: f.status for f in FEEDS.load(store, "url IN ?", [list(urls)])}


def feed_state(store: Store, url: str) -> FeedState:
    return FEEDS.load(store, "url = ?", [url])[0]


def mark_failing(store: Store, url: str, failures: int, moment: datetime, next_poll: datetime, error: str) -> None:
    with store.transaction():
        store.con.execute(
            "UPDATE feeds SET status = 'failing', failures = ?, last_polled = ?, next_poll = ?, last_error = ? "
            "WHERE url = ?",
            [failures, moment, next_poll, error, url],
        )


def mark_ok(
    store: Store, url: str, moment: datetime, next_poll: datetime, etag: str | None, last_modified: str | None
) -> None:
    """Inside the caller's transaction, with the poll's entries."""
    store.con.execute(
        "UPDATE feeds SET status = 'ok', failures = 0, last_polled = ?, next_poll = ?, last_error = NULL, "
        "etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE url = ?",
        [moment, next_poll, etag, last_modified, url],
    )


def seen_entries(store: Store, url: str) -> dict[str, tuple[str, int]]:
    """Each entry key seen on this feed: (status, attempts)."""
    rows = store.con.execute(
        "SELECT entry_key, status, attempts FROM feed_entries WHERE feed_url = ?", [url]
    ).fetchall()
    return {key: (status, attempts) for key, status, attempts in rows}


def record_entry(store: Store, entry: SeenEntry) -> None:
    """Insert the entry, or count one more attempt at it (inside the caller's transaction)."""
    store.con.execute(
        """
        INSERT INTO feed_entries (feed_url, entry_key, link, status, report_id, message, seen_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT DO UPDATE SET status = excluded.status, report_id = excluded.report_id,
            message = excluded.message, seen_at = excluded.seen_at, attempts = feed_entries.attempts + 1
        """,
        [entry.feed_url, entry.entry_key, entry.link, entry.status, entry.report_id, entry.message, entry.seen_at],
    )
