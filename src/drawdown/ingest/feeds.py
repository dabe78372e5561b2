"""RSS and Atom feeds and web pages: from a URL to documents.

feedparser reads feeds up to 2 MB; bigger ones are streamed by :mod:`drawdown.ingest.feedstream`.

A feed is a list of entries; each entry's link is fetched and its main text extracted (trafilatura), with the
entry's title and date as fall-backs. Every failure is an item, never an exception that stops the others.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from drawdown.errors import InputError
from drawdown.ingest.decode import Defaults, Item, read_html
from drawdown.ingest.feedstream import RawEntry, stream_entries
from drawdown.ingest.fetch import Fetched, Fetcher
from drawdown.model import IngestFailure

MAX_ENTRIES = 500  # per feed and poll; a feed that lists more is an archive dump, not a news feed
# feedparser holds about 15 times a document's size (372 MB for a 25 MB feed, BENCHMARKS.md "Bounded memory"),
# so up to 2 MB costs it some 30 MB; a news feed of MAX_ENTRIES entries with summaries is well under that, and
# keeps feedparser's tolerance of broken XML. Bigger feeds are read as a stream.
STREAM_BYTES = 2 * 2**20

# Told (entries read, entries in all) while a feed's entries are fetched: up to 500 articles, minutes at a
# polite host delay, so a progress bar moves per entry, not per feed.
EntryProgress = Callable[[int, int], None]


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: ``key`` (its id, else its link) is what marks it as seen."""

    key: str
    link: str | None
    title: str | None = None
    published: datetime | None = None


def looks_like_feed(content: bytes, content_type: str = "") -> bool:
    kind = content_type.split(";")[0].strip().lower()
    if kind in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return True
    head = content[:2048].lstrip().lower()
    return (kind.endswith("xml") or head.startswith((b"<?xml", b"<rss"))) and (
        b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head
    )


def parse_feed(content: bytes, where: str, *, stream: bool | None = None) -> list[FeedEntry]:
    """The first MAX_ENTRIES entries of an RSS or Atom document; a malformed one fails only when no entry was read.

    Feeds up to STREAM_BYTES go to feedparser, which reads malformed XML too; bigger ones are read as a stream
    (:mod:`drawdown.ingest.feedstream`), as strict XML, in bounded memory. Both give the same entries; ``stream``
    picks the reader whatever the size.
    """
    if b"\x00" in content[:8192]:
        raise InputError(f"{where}: looks binary, not a feed", fix="check the feed URL")
    streamed = len(content) > STREAM_BYTES if stream is None else stream
    raw, problem = stream_entries(content, MAX_ENTRIES) if streamed else parse_with_feedparser(content)
    entries = [entry for entry in map(_entry, raw) if entry is not None]
    if not entries and problem is not None:
        fix = "check the feed URL returns RSS or Atom"
        if streamed:
            fix += f" as well-formed XML (feeds over {STREAM_BYTES // 2**20} MB are read strictly)"
        raise InputError(f"{where}: not a readable feed ({problem})", fix=fix)
    return entries


def parse_with_feedparser(content: bytes) -> tuple[list[RawEntry], str | None]:
    """The first MAX_ENTRIES entries as feedparser reads them (malformed XML too), and what was wrong with the
    document: feedparser's complaint, or the lack of any RSS or Atom structure."""
    import feedparser  # deferred: only feeds need it

    parsed: Any = feedparser.parse(content, sanitize_html=True, resolve_relative_uris=False)
    entries = list(parsed.entries)
    problem = None
    if parsed.bozo:
        problem = str(parsed.get("bozo_exception") or "malformed").splitlines()[0][:120]
    elif not entries and not parsed.get("version"):
        problem = "no RSS or Atom structure"
    raw = [
        RawEntry(
            _string(entry.get("id")),
            _string(entry.get("link")),
            _string(entry.get("title")),
            _utc(entry.get("published_parsed") or entry.get("updated_parsed")),
        )
        for entry in entries[:MAX_ENTRIES]
    ]
    return raw, problem


def _entry(raw: RawEntry) -> FeedEntry | None:
    """The FeedEntry both readers build: keyed by the id, else the link; an entry with neither is skipped."""
    link = _text(raw.link)
    key = _text(raw.id) or link
    if key is None:
        return None
    return FeedEntry(key=key[:2000], link=link, title=_text(raw.title), published=raw.published)


def _utc(stamp: time.struct_time | None) -> datetime | None:
    """feedparser's UTC ``struct_time`` as a datetime; None when it is outside what ``datetime`` holds (feedparser
    turns 9999-12-31T23:00:00-05:00 into the year 10000)."""
    if not stamp:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(stamp), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _string(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def read_entry(entry: FeedEntry, fetcher: Fetcher, outlet: str | None = None) -> Item:
    """Fetch an entry's link and extract the article."""
    where = entry.link or entry.key
    try:
        if entry.link is None:
            raise InputError(f"{entry.key}: feed entry without a link", fix="nothing to fetch; the feed is odd")
        fetched = fetcher.get(entry.link)
        defaults = Defaults(url=fetched.url, outlet=outlet, published=entry.published)
        doc = read_html(fetched.content, entry.link, defaults)
    except InputError as exc:
        return IngestFailure(where, exc.one_line())
    if doc.title is None and entry.title:
        doc = replace(doc, title=entry.title)
    return doc


def read_page(fetched: Fetched, defaults: Defaults | None = None) -> Item:
    """A fetched web page as a document (trafilatura main text)."""
    given = defaults or Defaults()
    merged = Defaults(url=given.url or fetched.url, outlet=given.outlet, published=given.published)
    try:
        return read_html(fetched.content, fetched.url, merged)
    except InputError as exc:
        return IngestFailure(fetched.url, exc.one_line())


def read_page_response(
    url: str, fetched: Fetched, fetcher: Fetcher, defaults: Defaults | None, progress: EntryProgress | None = None
) -> Iterator[Item]:
    """The registry's entry for a URL that is a page (one item: ``progress`` is not called)."""
    yield read_page(fetched, defaults)


def read_feed_response(
    url: str, fetched: Fetched, fetcher: Fetcher, defaults: Defaults | None, progress: EntryProgress | None = None
) -> Iterator[Item]:
    """The registry's entry for a URL that is a feed: every entry's link, fetched and extracted, with
    ``progress`` told how many there are and then each one read."""
    try:
        entries = parse_feed(fetched.content, url)
    except InputError as exc:
        yield IngestFailure(url, exc.one_line())
        return
    if progress is not None:
        progress(0, len(entries))
    for done, entry in enumerate(entries, start=1):
        yield read_entry(entry, fetcher, defaults.outlet if defaults else None)
        if progress is not None:
            progress(done, len(entries))
