"""`ingest` of several URLs and a `watch` round fetch all hosts at once: a hanging host holds up no other host.

Each test proves the concurrency by events, not by timing: the first host answers only once the others have
been served, which never happens when the URLs are fetched one after the other.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from drawdown.ingest.fetch import Fetcher, FetchPolicy
from drawdown.pipeline.ingest import ingest
from drawdown.pipeline.watch import watch
from drawdown.store import Store, open_store
from tests.ingest.conftest import Route, Served, article, rss, serve

WAIT = 30.0  # seconds; reached only when the fetches are not concurrent (the test then fails, it does not hang)


@pytest.fixture
def hosts() -> Iterator[list[Served]]:
    with ExitStack() as stack:
        yield [stack.enter_context(serve()) for _ in range(3)]


def _fetcher(**policy: float) -> Fetcher:
    return Fetcher(FetchPolicy(host_delay=0, retries=0, **policy), sleep=lambda _s: None)  # type: ignore[arg-type]


def _waiting_page(others_served: threading.Event, saw: list[bool], body: bytes) -> Route:
    def answer() -> Iterator[bytes]:
        saw.append(others_served.wait(WAIT))
        yield body

    return Route(body=answer)


def _served_then(event: threading.Event, after: threading.Event | None, body: bytes) -> Route:
    def answer() -> Iterator[bytes]:
        if after is not None:
            after.wait(WAIT)
        event.set()
        yield body

    return Route(body=answer)


def _pages(hosts: list[Served]) -> tuple[list[str], list[bool]]:
    """Three pages on three hosts; the first answers only after the other two were served. The third is a copy of
    the first, so its origin depends on the order the pages are stored."""
    b_served, c_served = threading.Event(), threading.Event()
    saw: list[bool] = []
    slow_text = article("Convoy leaves T4", "Forty trucks left the T4 base at night, a witness said")
    urls = [
        hosts[0].add("/slow", _waiting_page(c_served, saw, slow_text)),
        hosts[1].add("/b", _served_then(b_served, None, article("Ships", "Two cargo ships loaded vehicles at Tartus"))),
        hosts[2].add("/c", _served_then(c_served, b_served, slow_text)),
    ]
    return urls, saw


def _rows(store: Store) -> list[tuple[str, str, str]]:
    rows = store.con.execute(
        "SELECT r.url, r.origin_id, l.method FROM reports r JOIN origin_links l ON l.report_id = r.id"
    ).fetchall()
    return sorted((str(u).rsplit("/", 1)[1], str(o), str(m)) for u, o, m in rows)


def test_ingest_fetches_every_host_while_one_waits_and_stores_what_a_sequential_run_stores(
    hosts: list[Served],
) -> None:
    urls, saw = _pages(hosts)
    with open_store(memory=True) as store, _fetcher() as fetcher:
        done: list[str] = []
        result = ingest(store, urls, fetcher=fetcher, progress=lambda _d, _n, item: done.append(item))
        concurrent = _rows(store)
    assert saw == [True], "the first host answered only because the others were fetched meanwhile"
    assert result.ok and len(result.added) == 3
    assert done == urls, "stored in the order given"
    with open_store(memory=True) as store, _fetcher() as fetcher:
        for url in [*urls[1:], urls[0]]:  # the copy's origin follows whichever of the two is stored first
            ingest(store, [url], fetcher=fetcher)
        reordered = _rows(store)
    assert reordered != concurrent, "the order matters to what is stored: the comparison below means something"
    with open_store(memory=True) as store, _fetcher() as fetcher:
        for url in urls:  # one at a time, in the order given (the events are set by now: no page waits)
            ingest(store, [url], fetcher=fetcher)
        assert _rows(store) == concurrent


def test_a_hanging_host_fails_alone_with_the_timeout_named_and_the_others_are_stored(hosts: list[Served]) -> None:
    release = threading.Event()
    c_served = threading.Event()

    def hang() -> Iterator[bytes]:
        c_served.wait(WAIT)  # the others are fetched while this one hangs...
        release.wait(WAIT)  # ...and then it sends nothing until the client has given up
        yield b""

    urls = [
        hosts[0].add("/hang", Route(body=hang)),
        hosts[1].add("/b", Route(body=article("Ships", "Two cargo ships loaded vehicles at Tartus"))),
        hosts[2].add("/c", _served_then(c_served, None, article("Posts", "Seven observation posts were left"))),
    ]
    try:
        with open_store(memory=True) as store, _fetcher(deadline=2, timeout=2) as fetcher:
            result = ingest(store, urls, fetcher=fetcher)
            stored = _rows(store)
    finally:
        release.set()
    assert [u for u, _o, _m in stored] == ["b", "c"]
    assert [f.where for f in result.failures] == [urls[0]]
    assert "raise --timeout" in result.failures[0].message


def test_past_the_overall_deadline_the_waiting_urls_fail_and_name_the_option(hosts: list[Served]) -> None:
    release = threading.Event()

    def hang() -> Iterator[bytes]:
        release.wait(WAIT)
        yield article("Late", "Forty trucks left the T4 base at night")

    urls = [hosts[0].add("/hang", Route(body=hang)), hosts[0].add("/next", Route(body=b"<p>x</p>"))]
    urls.append(hosts[1].add("/b", Route(body=article("Ships", "Two cargo ships loaded vehicles at Tartus"))))
    try:
        with open_store(memory=True) as store, _fetcher(overall=1) as fetcher:
            result = ingest(store, urls, fetcher=fetcher)
            stored = _rows(store)
    finally:
        release.set()
    assert [u for u, _o, _m in stored] == ["b"]
    assert [f.where for f in result.failures] == urls[:2]
    assert all("overall deadline of 1 s; raise --deadline" in f.message for f in result.failures)


def test_watch_polls_every_feed_while_one_waits_and_logs_them_in_order(hosts: list[Served]) -> None:
    b_served, c_served = threading.Event(), threading.Event()
    saw: list[bool] = []
    pages = [
        hosts[i].add(f"/a{i}", Route(body=article(f"Report {i}", f"Convoy number {i} left the T4 base at night")))
        for i in range(3)
    ]
    feeds = [
        hosts[0].add("/slow.xml", _waiting_page(c_served, saw, rss(("0", pages[0], "zero")))),
        hosts[1].add("/b.xml", _served_then(b_served, None, rss(("1", pages[1], "one")))),
        hosts[2].add("/c.xml", _served_then(c_served, b_served, rss(("2", pages[2], "two")))),
    ]
    lines: list[str] = []
    with open_store(memory=True) as store, _fetcher() as fetcher:
        summary = watch(store, feeds, fetcher=fetcher, interval=0, max_cycles=1, log=lines.append)
    assert saw == [True]
    assert summary.new_reports == 3 and summary.failed_polls == 0
    assert [line.split(" ")[1].rstrip(":") for line in lines if line.startswith("feed ")] == feeds
