"""Every kind of bad input gets its own message, a summary count and exit 1, and loses nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from drawdown.cli import app
from tests.conftest import write
from tests.ingest.conftest import Route, Served, article, rss
from tests.ingest.test_tables import GOOD, acled


def test_bad_inputs_each_say_what_and_nothing_stored_is_lost(
    runner: CliRunner, db: Path, tmp_path: Path, http_server: Served
) -> None:
    write(tmp_path / "ok" / "good.txt", "Convoy leaves T4\n\nForty vehicles left the T4 base overnight.")
    first = runner.invoke(app, ["ingest", "ok", "--json"])
    assert json.loads(first.stdout)["added"] == 1

    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x7fELF\x00\x00\x01")
    (bad / "empty.html").write_bytes(b"<html><body></body></html>")
    (bad / "latin1.md").write_bytes("Tartous caf\xe9".encode("latin-1"))
    (bad / "events.csv").write_bytes(acled(GOOD, [*GOOD[:8], "north", *GOOD[9:]]))
    huge = http_server.add("/huge", Route(body=lambda: iter([b"<p>" + b"x" * 1_048_576] * 50)))
    feed = http_server.add("/bad-feed.xml", Route(body=b"<?xml version='1.0'?><rss><channel><item>",
                                                  headers={"Content-Type": "application/rss+xml"}))  # fmt: skip
    page = http_server.add("/page", Route(body=article("Ships", "Two ships left Tartus with armoured vehicles")))
    result = runner.invoke(app, ["ingest", "bad", huge, feed, page, "--json"])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["added"] == 2 and payload["failed"] == 6 and payload["reports_in_store"] == 3
    messages = [f["message"] for f in payload["failures"]]
    expected = [
        "binary.txt: looks binary",
        "empty.html: no main text",
        "latin1.md: not valid UTF-8",
        "/huge: response of",
        "events.csv:3: latitude 'north'",
        "MB limit",
        "bad-feed.xml: not a readable feed",
    ]
    for words in expected:
        assert sum(words in m for m in messages) == 1, words
    assert all("\n" not in m for m in messages)
    text = runner.invoke(app, ["ingest", "bad"])
    assert text.exit_code == 1 and text.stderr.count("error: ") == 4
    assert "0 new report(s), 1 already stored, 4 failed; 3 in the store." in text.stdout


def test_ingest_a_feed_url_then_again(runner: CliRunner, db: Path, http_server: Served) -> None:
    one = http_server.add("/n/1", Route(body=article("Posts", "Seven observation posts in Quneitra stood empty")))
    feed = http_server.add("/feed.xml", Route(body=rss(("1", one, "Posts"))))
    first = runner.invoke(app, ["ingest", feed, "--json"])
    assert first.exit_code == 0 and json.loads(first.stdout)["added"] == 1
    again = runner.invoke(app, ["ingest", feed, "--json"])
    assert json.loads(again.stdout)["skipped"] == 1
    forced = runner.invoke(app, ["ingest", "--format", "feed", one])
    assert forced.exit_code == 1 and "not a readable feed" in forced.stderr


def test_a_page_url_keeps_its_address(runner: CliRunner, db: Path, http_server: Served) -> None:
    page = http_server.add("/p/1", Route(body=article("Ships", "Two ships were loaded at the Tartus naval base")))
    result = runner.invoke(app, ["ingest", page, "--outlet", "Harbour News", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["added"] == 1
    listed = json.loads(runner.invoke(app, ["origins", "--all", "--json"]).stdout)
    (member,) = listed["origins"][0]["members"]
    assert member["url"] == page and member["outlet"] in ("Test Wire", "Harbour News")
