"""RSS and Atom feeds (feedparser) and web pages: from a URL to documents.

A feed is a list of entries; each entry's link is fetched and its main text extracted (trafilatura), with the
entry's title and date as fall-backs. Every failure is an item, never an exception that stops the others.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from drawdown.errors import InputError
from drawdown.ingest.decode import Defaults, Item, read_html
from drawdown.ingest.fetch import Fetched, Fetcher
from drawdown.model import IngestFailure

MAX_ENTRIES = 500  # per feed and poll; a feed that lists more is an archive dump, not a news feed


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


def parse_feed(content: bytes, where: str) -> list[FeedEntry]:
    """Entries of an RSS or Atom document; a document with no entries that feedparser found malformed fails."""
    import feedparser  # deferred: only feeds need it

    if b"\x00" in content[:8192]:
        raise InputError(f"{where}: looks binary, not a feed", fix="check the feed URL")
    parsed: Any = feedparser.parse(content, sanitize_html=True, resolve_relative_uris=False)
    entries = list(parsed.entries)
    if not entries and (parsed.bozo or not parsed.get("version")):
        reason = str(parsed.get("bozo_exception") or "no RSS or Atom structure").splitlines()[0][:120]
        raise InputError(f"{where}: not a readable feed ({reason})", fix="check the feed URL returns RSS or Atom")
    out: list[FeedEntry] = []
    for entry in entries[:MAX_ENTRIES]:
        link = _text(entry.get("link"))
        key = _text(entry.get("id")) or link
        if key is None:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
        out.append(FeedEntry(key=key[:2000], link=link, title=_text(entry.get("title")), published=published))
    if not out and parsed.bozo:
        reason = str(parsed.get("bozo_exception") or "malformed").splitlines()[0][:120]
        raise InputError(f"{where}: not a readable feed ({reason})", fix="check the feed URL returns RSS or Atom")
    return out


def _text(value: object) -> str | None:
    if not isinstance(value, str):
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


def read_page_response(url: str, fetched: Fetched, fetcher: Fetcher, defaults: Defaults | None) -> Iterator[Item]:
    """The registry's entry for a URL that is a page."""
    yield read_page(fetched, defaults)


def read_feed_response(url: str, fetched: Fetched, fetcher: Fetcher, defaults: Defaults | None) -> Iterator[Item]:
    """The registry's entry for a URL that is a feed: every entry's link, fetched and extracted."""
    try:
        entries = parse_feed(fetched.content, url)
    except InputError as exc:
        yield IngestFailure(url, exc.one_line())
        return
    for entry in entries:
        yield read_entry(entry, fetcher, defaults.outlet if defaults else None)
