from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drawdown.cli import app
from drawdown.ingest.dedup import TEXT_CACHE, OriginMatcher
from drawdown.ingest.fetch import Fetcher, FetchPolicy
from drawdown.pipeline import ingest as ingest_module
from drawdown.pipeline import watch as watch_module
from drawdown.pipeline.watch import watch
from drawdown.store import Store, open_store
from tests.ingest.conftest import Route, Served, article, rss


def _fetcher() -> Fetcher:
    return Fetcher(FetchPolicy(host_delay=0, retries=0), sleep=lambda _s: None)


def _clock(start: datetime = datetime(2024, 12, 14, 12)) -> tuple[list[datetime], object]:
    now = [start]
    return now, lambda: now[0]


def test_watch_ingests_new_entries_once_and_survives_a_failing_feed(http_server: Served, store: Store) -> None:
    one = http_server.add("/a/1", Route(body=article("Convoy leaves T4", "Forty trucks left the T4 base at night")))
    two = http_server.add("/a/2", Route(body=article("Ships at Tartus", "Two cargo ships loaded vehicles at Tartus")))
    good = http_server.add(
        "/good.xml",
        Route(body=rss(("1", one, "Convoy")), headers={"ETag": '"e1"'}),
        Route(status=304),
        Route(body=rss(("1", one, "Convoy"), ("2", two, "Ships")), headers={"ETag": '"e2"'}),
    )
    down = http_server.add("/down.xml", Route(status=500))
    garbage = http_server.add("/garbage.xml", Route(body=b"<html>oops</html>"))
    lines: list[str] = []
    now, clock = _clock()
    slept: list[float] = []

    def tick(seconds: float) -> None:
        slept.append(seconds)
        now[0] += timedelta(seconds=seconds)

    summary = watch(store, [down, good, garbage], fetcher=_fetcher(), interval=60, max_cycles=3,
                    log=lines.append, sleep=tick, now=clock)  # type: ignore[arg-type]  # fmt: skip
    assert summary.cycles == 3 and summary.new_reports == 2 and slept == [60, 60]
    assert store.count("reports") == 2
    new = [line for line in lines if line.startswith("new report")]
    assert len(new) == 2 and "Convoy leaves T4" in new[0] and "Ships at Tartus" in new[1]
    # The failing feeds are logged, backed off (60 s, then 120 s: not polled in cycle 2) and never stop the loop.
    assert http_server.hits("/down.xml") == 2 and http_server.hits("/garbage.xml") == 2
    assert any("down.xml: new -> failing (http" in line and "HTTP 500" in line for line in lines)
    assert any("garbage.xml" in line and "not a readable feed" in line for line in lines)
    # Conditional GET: the second poll sent the ETag and got a 304.
    etags = [h.get("if-none-match") for p, h in http_server.requests if p == "/good.xml"]
    assert etags == [None, '"e1"', '"e1"']
    assert http_server.hits("/a/1") == 1, "an entry already ingested is never fetched again"
    state = store.query("SELECT url, status, failures FROM feeds ORDER BY url")
    assert [(s["status"], s["failures"]) for s in state] == [("failing", 2), ("failing", 2), ("ok", 0)]


def test_watch_resumes_after_restart_without_reprocessing(http_server: Served, tmp_path: Path) -> None:
    one = http_server.add("/b/1", Route(body=article("Posts left", "Seven observation posts were left empty")))
    feed = http_server.add("/f.xml", Route(body=rss(("1", one, "Posts"))))
    db = tmp_path / "w.duckdb"
    with open_store(db) as first:
        assert watch(first, [feed], fetcher=_fetcher(), interval=0, max_cycles=1, log=lambda _l: None).new_reports
    lines: list[str] = []
    with open_store(db) as second:
        summary = watch(second, [feed], fetcher=_fetcher(), interval=0, max_cycles=2, log=lines.append)
        assert summary.new_reports == 0 and second.count("reports") == 1
    assert http_server.hits("/b/1") == 1
    assert not any(line.startswith("new report") for line in lines)


def test_watch_command_exit_code_and_summary(http_server: Served, runner: CliRunner, db: Path) -> None:
    one = http_server.add("/c/1", Route(body=article("Flights from Hmeimim", "Six Il-76 flights left Hmeimim")))
    feed = http_server.add("/c.xml", Route(body=rss(("1", one, "Flights"))))
    ok = runner.invoke(app, ["watch", "--case", "syria-2024", "--interval", "0", "--max-cycles", "1", feed])
    assert ok.exit_code == 0, ok.output
    assert "1 new report(s)" in ok.stdout and "new report" in ok.stderr
    assert "extracted 1 claim(s) from 1 new report(s)" in ok.stderr, "new reports flow through extract and assess"
    bad = runner.invoke(app, ["watch", "--interval", "0", "--max-cycles", "1", http_server.base + "/none.xml"])
    assert bad.exit_code == 1 and "HTTP 404" in bad.stderr
    refused = runner.invoke(app, ["watch", "--max-cycles", "1", "file:///etc/passwd"])
    assert refused.exit_code == 4 and "only http" in refused.stderr


STORY = (
    "Engineers dismantled the radar station on the northern ridge before dawn and loaded its parts onto eight "
    "flatbed trucks, which then drove south along the coastal road towards the port under escort"
)


def _copy_feed(http_server: Served, prefix: str) -> str:
    """A feed whose second poll brings a light edit of the story its first poll brought (a near-duplicate)."""
    first = http_server.add(f"/{prefix}/1", Route(body=article("Radar taken down", STORY)))
    copy = http_server.add(f"/{prefix}/2", Route(body=article("Radar removed", STORY.replace("eight", "8"))))
    return http_server.add(
        f"/{prefix}.xml",
        Route(body=rss(("1", first, "Radar"))),
        Route(body=rss(("1", first, "Radar"), ("2", copy, "Copy"))),
    )


def test_an_exclusive_store_reads_the_signatures_once_and_still_finds_copies_across_polls(
    http_server: Served, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[int] = []  # each load's bound on the stored texts it keeps
    real = ingest_module.load_matcher

    def load(store: Store, detector: None, *, text_cache: int) -> OriginMatcher:
        loads.append(text_cache)
        return real(store, detector, text_cache=text_cache)

    monkeypatch.setattr(ingest_module, "load_matcher", load)
    lines: list[str] = []
    with open_store(tmp_path / "held.duckdb") as held:  # held throughout: nothing else can write between polls
        watch(held, [_copy_feed(http_server, "x")], fetcher=_fetcher(), interval=0, max_cycles=2, log=lines.append)
    assert loads == [watch_module.KEPT_TEXTS], "the matcher read at the first poll is kept (with fewer texts), extended"
    new = [line for line in lines if line.startswith("new report")]
    assert len(new) == 2 and "new origin" in new[0] and "copy (" in new[1]

    loads.clear()
    lines.clear()
    db = tmp_path / "shared.duckdb"  # opened for each round: another process may ingest between polls
    watch(lambda: open_store(db), [_copy_feed(http_server, "y")], fetcher=_fetcher(), interval=0, max_cycles=2,
          log=lines.append)  # fmt: skip
    assert loads == [TEXT_CACHE] * 2, "a store released between polls is read again at each poll that brings articles"
    assert "copy (" in [line for line in lines if line.startswith("new report")][1]
