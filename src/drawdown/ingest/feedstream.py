"""Big feeds read as a stream (``lxml.etree.iterparse``): RSS 2.0, RSS 1.0 (RDF) and Atom, one entry at a time.

feedparser keeps the whole document and every entry it finds in memory, about 15 times the document's size (a
25 MB feed of 100,000 entries peaked at 372 MB). A poll uses only its first ``limit`` entries anyway, so a big
feed is read here instead: each entry becomes a :class:`RawEntry` when its end tag is parsed and is then dropped,
and parsing stops at the limit. The fields and dates are those feedparser gives for the same feed
(``tests/ingest/test_feedstream.py`` reads the same feeds both ways and compares).

Unlike feedparser this reader is strict XML: a malformed document ends the stream at the error. The entries read
before it are kept, as feedparser keeps the entries it found in a malformed feed, and the error is reported
with them (:func:`drawdown.ingest.feeds.parse_feed` fails only when there are none).
The document is untrusted: no DTD is loaded, no entity is expanded, nothing is fetched, and libxml2's limits on
depth and text size stay on (no ``huge_tree``).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import NamedTuple

from lxml import etree

# The namespaces entries come in: none (RSS 0.9x and 2.0), RSS 1.0 and 0.90 (RDF), Atom 1.0 and 0.3. feedparser
# reads an element by its local name in any of these, so an Atom link inside an RSS item counts as its link.
FEED_NAMESPACES = (
    "",
    "http://purl.org/rss/1.0/",
    "http://my.netscape.com/rdf/simple/0.9/",
    "http://www.w3.org/2005/Atom",
    "http://purl.org/atom/ns#",
)
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
RDF_ABOUT = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"
ROOTS = ("rss", "RDF", "feed")  # the document elements of RSS, RSS 1.0 and Atom


def _tags(*names: str) -> frozenset[str]:
    return frozenset(f"{{{ns}}}{name}" if ns else name for ns in FEED_NAMESPACES for name in names)


ENTRY = _tags("item", "entry")
ID = _tags("guid", "id")
LINK = _tags("link")
TITLE = _tags("title")
# feedparser's published_parsed and updated_parsed come from these; an entry's date is the first, else the second.
PUBLISHED = _tags("pubDate", "published", "issued") | {f"{{{DCTERMS}}}issued"}
UPDATED = _tags("updated", "modified") | {f"{{{DC}}}date", f"{{{DCTERMS}}}modified"}
# An Atom link is the entry's page when its rel is alternate and its type HTML (the defaults when absent; both are
# compared in lower case, and Atom's short names html and xhtml count, as in feedparser).
PAGE_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


class RawEntry(NamedTuple):
    """What an entry says, as feedparser would give it: ``id`` (guid, id or rdf:about), ``link``, ``title``, and
    ``published`` (its publication date, else its update date, in UTC)."""

    id: str | None
    link: str | None
    title: str | None
    published: datetime | None


def stream_entries(content: bytes, limit: int) -> tuple[list[RawEntry], str | None]:
    """The first ``limit`` entries of an RSS, RDF or Atom document read as a stream, and what was wrong with the
    document: the XML error that ended it (the entries before it are kept), or the lack of any feed structure."""
    events = etree.iterparse(
        io.BytesIO(content), events=("end",), tag=ENTRY, resolve_entities=False, no_network=True,
        load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True,
    )  # fmt: skip
    entries: list[RawEntry] = []
    try:
        for entry in _entries(events):
            entries.append(entry)
            if len(entries) >= limit:
                break
    except etree.LxmlError as exc:
        return entries, (str(exc).splitlines() or [type(exc).__name__])[0][:120]
    root = events.root
    if not entries and (root is None or etree.QName(root).localname not in ROOTS):
        return entries, "no RSS or Atom structure"
    return entries, None


def _entries(events: Iterator[tuple[str, etree._Element]]) -> Iterator[RawEntry]:
    """Each entry as its end tag is parsed; the entry and what came before it are then dropped from the tree."""
    for _event, element in events:
        yield _read(element)
        element.clear(keep_tail=False)
        parent = element.getparent()
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]


def _read(entry: etree._Element) -> RawEntry:
    """An entry's fields from its own children (not from an Atom ``source`` inside it); the last one wins."""
    id_: str | None = _attribute(entry, RDF_ABOUT)
    link = title = None
    guid_is_link = False
    published = updated = None
    for child in entry:
        tag = child.tag
        if not isinstance(tag, str):  # an entity reference left unexpanded
            continue
        if tag in ID:
            id_ = _text(child)
            guid_is_link = (_attribute(child, "isPermaLink") or "true") == "true"
        elif tag in LINK:
            href = _attribute(child, "href")
            if href is None:
                link = _text(child)
            elif _lower(child, "rel", "alternate") == "alternate" and _lower(child, "type", "text/html") in PAGE_TYPES:
                link = href
        elif tag in TITLE:
            title = _text(child)
        elif tag in PUBLISHED:
            published = feed_date(_text(child))
        elif tag in UPDATED:
            updated = feed_date(_text(child))
    if link is None and guid_is_link:
        link = id_  # feedparser: a guid is the entry's link unless isPermaLink says no or a link was given
    return RawEntry(id_, link, title, published or updated)


def _text(element: etree._Element) -> str:
    return "".join(element.itertext()).strip()


def _attribute(element: etree._Element, name: str) -> str | None:
    value = element.get(name)
    return value.strip() if value else None


def _lower(element: etree._Element, name: str, default: str) -> str:
    return (_attribute(element, name) or default).lower()


def feed_date(text: str | None) -> datetime | None:
    """An RFC 822 or ISO 8601 date in UTC, as feedparser parses them; anything else, or a date outside what
    ``datetime`` holds once in UTC, is None. An RFC 822 date must name its zone (feedparser gives none without);
    an ISO 8601 date without one is UTC. Seconds are whole, as in feedparser's ``struct_time``."""
    if not text:
        return None
    try:
        if text[:1].isdigit() and "-" in text[:5]:
            moment = datetime.fromisoformat(text)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
        else:
            moment = parsedate_to_datetime(text)
            if moment.tzinfo is None:
                return None
        return moment.astimezone(UTC).replace(microsecond=0)
    except (ValueError, OverflowError, TypeError, IndexError):
        return None
