from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drawdown.errors import InputError
from drawdown.ingest.feeds import looks_like_feed, parse_feed
from drawdown.ingest.fetch import Fetcher, FetchPolicy
from drawdown.ingest.formats import read_url
from drawdown.model import Document, IngestFailure
from tests.ingest.conftest import Route, Served, article, rss

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><id>urn:1</id><title>Ships at Tartus</title><link href="https://a.example/1"/>
<updated>2024-12-15T06:00:00Z</updated></entry></feed>"""


def test_rss_and_atom_entries() -> None:
    (entry,) = parse_feed(rss(("g1", "https://r.example/1", "Convoy")), "feed")
    assert (entry.key, entry.link, entry.title) == ("g1", "https://r.example/1", "Convoy")
    assert entry.published is not None and entry.published.isoformat() == "2024-12-14T10:00:00+00:00"
    (atom,) = parse_feed(ATOM, "feed")
    assert atom.key == "urn:1" and atom.link == "https://a.example/1" and atom.published is not None
    assert looks_like_feed(ATOM) and looks_like_feed(b"<rss>", "application/rss+xml")
    assert not looks_like_feed(b"<html><body>x</body></html>", "text/html")


@pytest.mark.parametrize("garbage", [b"", b"<html><body>Not a feed</body></html>", b"\x00\x01\x02", b"{json: 1}"])
def test_garbage_is_one_clear_error(garbage: bytes) -> None:
    with pytest.raises(InputError, match="feed") as info:
        parse_feed(garbage, "https://bad.example/feed")
    assert "bad.example" in str(info.value) and "\n" not in str(info.value)


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=800) | st.text(max_size=400).map(lambda t: f"<rss><channel>{t}</channel></rss>".encode()))
def test_parse_feed_never_raises_anything_but_input_error(content: bytes) -> None:
    try:
        entries = parse_feed(content, "fuzz")
    except InputError:
        return
    for entry in entries:
        assert entry.key


def test_read_url_follows_each_entry_and_reports_failures(http_server: Served) -> None:
    good = http_server.add("/news/1", Route(body=article("Convoy leaves T4", "A convoy of trucks left the T4 base")))
    feed = http_server.add(
        "/feed.xml",
        Route(body=rss(("1", good, "Convoy"), ("2", http_server.base + "/news/missing", "Gone")),
              headers={"Content-Type": "application/rss+xml"}),
    )  # fmt: skip
    items = list(read_url(feed, Fetcher(FetchPolicy(host_delay=0, retries=0))))
    docs = [i for i in items if isinstance(i, Document)]
    fails = [i for i in items if isinstance(i, IngestFailure)]
    assert len(docs) == 1 and "convoy of trucks" in docs[0].text and docs[0].url == good
    assert docs[0].published is not None and docs[0].outlet == "Test Wire"
    assert len(fails) == 1 and "HTTP 404" in fails[0].message


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=600), content_type=st.sampled_from(["text/html", "application/rss+xml", "text/plain"]))
def test_read_url_never_raises_on_hostile_responses(http_server: Served, body: bytes, content_type: str) -> None:
    url = http_server.add("/fuzz", Route(body=body, headers={"Content-Type": content_type}))
    for item in read_url(url, Fetcher(FetchPolicy(host_delay=0, retries=0))):
        assert isinstance(item, Document | IngestFailure)
        if isinstance(item, IngestFailure):
            assert "\n" not in item.message
