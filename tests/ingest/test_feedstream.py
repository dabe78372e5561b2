"""Big feeds read as a stream give the entries feedparser gives for the same document, in bounded memory."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest

from drawdown.errors import InputError
from drawdown.ingest.feeds import MAX_ENTRIES, STREAM_BYTES, parse_feed
from drawdown.ingest.feedstream import feed_date, stream_entries

# Dates both readers parse alike, and dates both refuse (no zone in RFC 822, outside datetime once in UTC, junk).
DATES = (
    "Sat, 14 Dec 2024 10:00:00 GMT",
    "Sat, 14 Dec 2024 10:00:00 +0200",
    "14 Dec 2024 10:00 EST",
    "Fri, 13 Dec 2024 23:59:59 -0800",
    "Sat, 14 Dec 24 10:00:00 GMT",
    "2024-12-14T10:00:00Z",
    "2024-12-14T10:00:00+02:00",
    "2024-12-14T10:00:00",
    "2024-12-14",
    "2024-12-14T10:00:00.123Z",
    "2024-12-14 10:00:00Z",
    "Sat, 14 Dec 2024 10:00:00",
    "9999-12-31T23:00:00-05:00",
    "0001-01-01T00:00:00+01:00",
    "Mon, 31 Feb 2024 10:00:00 GMT",
    "not a date",
)
TITLES = (
    "Convoy leaves T4",
    "  Ships   at\nTartus ",
    "AT&amp;T &lt;b&gt; trucks",
    "",
    "Caf\u00e9 \u0645\u0637\u0627\u0631",
)


def rss2(entries: int) -> bytes:
    """RSS 2.0 items with and without guid, link, isPermaLink, Atom links, pubDate or dc:date."""
    items = []
    for n in range(entries):
        date, title = DATES[n % len(DATES)], TITLES[n % len(TITLES)]
        parts = [f"<title>{title}</title>"]
        if n % 7 != 3:
            permalink = {0: "", 1: ' isPermaLink="false"', 2: ' isPermaLink="true"'}[n % 3]
            parts.append(f"<guid{permalink}>https://r.example/g/{n}</guid>")
        if n % 5 == 0:
            parts.append(f"<link>https://r.example/{n}</link>")
        elif n % 5 == 1:
            parts.append(f'<atom:link rel="alternate" href="https://r.example/atom/{n}"/>')
        parts.append(f"<pubDate>{date}</pubDate>" if n % 4 else f"<dc:date>{date}</dc:date>")
        if n % 11 == 0:
            parts.append("<pubDate>junk</pubDate><dc:date>2024-12-01T00:00:00Z</dc:date>")
        items.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Wire</title><link>https://r.example/</link>'
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def rdf(entries: int) -> bytes:
    """RSS 1.0: items keyed by rdf:about, dated by dc:date."""
    items = "".join(
        f"<item rdf:about={quoteattr(f'https://d.example/{n}')}><title>{TITLES[n % len(TITLES)]}</title>"
        + (f"<link>https://d.example/{n}.html</link>" if n % 3 else "")
        + f"<dc:date>{DATES[n % len(DATES)]}</dc:date></item>"
        for n in range(entries)
    )
    return (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<channel rdf:about="https://d.example/"><title>D</title><link>https://d.example/</link></channel>'
        + items
        + "</rdf:RDF>"
    ).encode()


def atom(entries: int) -> bytes:
    """Atom entries with several kinds of link, published or updated, and a source whose fields are not theirs."""
    links = (
        '<link href="https://a.example/{n}"/>',
        '<link rel="enclosure" href="https://a.example/{n}.mp3"/><link rel="ALTERNATE" type="html" href="https://a.example/{n}"/>',
        '<link rel="alternate" type="text" href="https://a.example/{n}.txt"/>',
        '<link rel="self" href="https://a.example/{n}.xml"/>',
        "",
    )
    items = []
    for n in range(entries):
        date = DATES[n % len(DATES)]
        dated = f"<published>{date}</published>" if n % 2 else f"<updated>{date}</updated>"
        source = (
            "<source><id>urn:src</id><title>Other</title><link href='https://src.example/'/>"
            "<updated>2020-01-01T00:00:00Z</updated></source>"
            if n % 6 == 0
            else ""
        )
        ident = f"<id>urn:a:{n}</id>" if n % 9 != 4 else ""
        title = (
            f"<title type='html'>{escape(TITLES[n % len(TITLES)])}</title>"
            if n % 2
            else f"<title>{TITLES[n % len(TITLES)]}</title>"
        )
        items.append(f"<entry>{ident}{title}{links[n % len(links)].format(n=n)}{dated}{source}</entry>")
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
        "<id>urn:feed</id>" + "".join(items) + "</feed>"
    ).encode()


@pytest.mark.parametrize("document", [rss2, rdf, atom], ids=["rss2", "rdf", "atom"])
def test_streamed_entries_are_feedparsers(document: object) -> None:
    assert callable(document)
    content = document(300)
    streamed = parse_feed(content, "feed.xml", stream=True)
    parsed = parse_feed(content, "feed.xml", stream=False)
    assert len(parsed) > 250 and sum(e.published is not None for e in parsed) > 100
    assert streamed == parsed


def test_a_big_feed_is_streamed_and_stops_at_the_limit() -> None:
    content = rss2(16000)
    assert len(content) > STREAM_BYTES
    entries = parse_feed(content, "big.xml")
    assert len(entries) <= MAX_ENTRIES and entries == parse_feed(content, "big.xml", stream=False)
    raw, problem = stream_entries(content, 20)
    assert len(raw) == 20 and problem is None


def test_dates_in_utc_and_none_out_of_range() -> None:
    assert feed_date("Sat, 14 Dec 2024 10:00:00 +0200") == datetime(2024, 12, 14, 8, tzinfo=UTC)
    assert feed_date("2024-12-14T10:00:00.9Z") == datetime(2024, 12, 14, 10, tzinfo=UTC)
    for out_of_range in ("99999-12-14T10:00:00Z", "Sat, 14 Dec 99999 10:00:00 GMT", "9999-12-31T23:00:00-05:00"):
        assert feed_date(out_of_range) is None


def test_feedparsers_dates_outside_datetime_are_none() -> None:
    """feedparser turns 9999-12-31T23:00:00-05:00 into the year 10000, which datetime cannot hold."""
    content = b"""<rss version="2.0"><channel><item><guid>g1</guid><pubDate>9999-12-31T23:00:00-05:00</pubDate></item>
        <item><guid>g2</guid><pubDate>0001-01-01T00:00:00+01:00</pubDate></item></channel></rss>"""
    assert [e.published for e in parse_feed(content, "feed.xml", stream=False)] == [None, None]


def test_malformed_feed_keeps_entries_read_before_the_error() -> None:
    whole = rss2(40)
    cut = whole[: whole.index(b"<item>", len(whole) // 2) + 10] + b"<<<"
    streamed = parse_feed(cut, "cut.xml", stream=True)
    assert 10 < len(streamed) < 40
    assert streamed == parse_feed(cut, "cut.xml", stream=False)[: len(streamed)]


@pytest.mark.parametrize("garbage", [b"<rss><channel><item>", b"<html><body>Not a feed</body></html>", b"{json: 1}"])
def test_a_malformed_big_feed_is_one_line_naming_it(garbage: bytes) -> None:
    with pytest.raises(InputError, match="not a readable feed") as info:
        parse_feed(garbage, "https://big.example/feed.xml", stream=True)
    message = info.value.one_line()
    assert "https://big.example/feed.xml" in message and "well-formed" in message and "\n" not in message


def test_no_entity_is_expanded_and_nothing_is_loaded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    content = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY file SYSTEM "file://{secret}"><!ENTITY e "inner">]>'
        "<rss version='2.0'><channel><item><guid>g</guid><title>a &file; b &e; c</title></item></channel></rss>"
    ).encode()
    ((entry,), problem) = stream_entries(content, 10)
    assert problem is None and entry.title is not None
    assert "SECRET" not in entry.title and "inner" not in entry.title


def test_billion_laughs_is_refused() -> None:
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    content = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{laughs}]>'
        "<rss version='2.0'><channel><item><guid>g</guid><title>&l9;</title></item></channel></rss>"
    ).encode()
    with pytest.raises(InputError, match=r"laughs\.xml: not a readable feed"):
        parse_feed(content, "laughs.xml", stream=True)
