from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from markdown_it import MarkdownIt

from drawdown.api import brief
from drawdown.case import load_case
from drawdown.pipeline import ingest
from drawdown.report import markdown as md
from drawdown.store import Store
from tests.conftest import NORTHLAND, write


def test_untrusted_text_cannot_inject_markdown_or_html() -> None:
    hostile = "<script>alert(1)</script> [click](javascript:alert(2)) ![img](http://x/y.png) *bold* | `code`"
    out = md.text(hostile)
    rendered = MarkdownIt("commonmark").render(f"- {out}")
    assert "<script" not in rendered and "<a " not in rendered and "<img" not in rendered
    assert "<em>" not in rendered and "<code>" not in rendered
    assert "[click](javascript:alert(2))" in rendered, "the text itself is kept, shown literally"


def test_only_http_links_survive() -> None:
    assert md.link("A", "javascript:alert(1)") == "A"
    assert md.link("A", "data:text/html,x") == "A"
    assert md.link("A", "https://a.example/x y)") == "[A](https://a.example/x%20y%29)"
    assert md.safe_url("file:///etc/passwd") is None


def test_text_is_capped_and_flattened() -> None:
    out = md.text("line one\nline two " + "x" * 500, limit=50)
    assert "\n" not in out and len(out) <= 50 and out.endswith("…")


def test_brief_lists_sites_with_their_reports(store: Store, tmp_path: Path) -> None:
    records = [
        {"url": "https://h.example/1", "outlet": "Herald", "published": "2031-03-10T10:00:00Z",
         "title": "Ships leave Port Ember", "text": "Two ships left Port Ember on Monday."},
        {"url": "https://w.example/1", "outlet": "Wire", "published": "2031-03-11T10:00:00Z",
         "title": "Copy", "text": "Two ships left Port Ember on Monday."},
        {"url": "javascript:alert(1)", "outlet": "<b>Evil</b>", "published": "2031-03-12T10:00:00Z",
         "title": "[x](javascript:alert(3))", "text": "The weather in the capital was mild."},
    ]  # fmt: skip
    write(tmp_path / "r.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    ingest(store, [tmp_path / "r.jsonl"])
    text = brief(store, load_case(NORTHLAND))
    assert "Brief as of **2031-03-12**" in text
    assert "3 reports (1 of them a copy of another report) from 2 independent origins" in text
    port = text.split("### Port Ember naval station")[1].split("###")[0]
    assert "Named in 2 reports from 1 origin" in port
    assert "[Herald, 2031-03-10](https://h.example/1)" in port
    assert "*(copy of Herald, 2031-03-10)*" in port
    kestrel = text.split("### Kestrel Field")[1].split("###")[0]
    assert "unknown" in kestrel and "No stored report names this site" in kestrel
    rendered = MarkdownIt("commonmark").render(text)  # what a Markdown viewer would show
    assert 'href="javascript' not in rendered and "<b>" not in rendered and "<script" not in rendered
    assert '<a href="https://h.example/1">Herald, 2031-03-10</a>' in rendered
    assert "Due 2031-06-21" in text


def test_brief_as_of_filters_later_reports(store: Store, tmp_path: Path) -> None:
    records = [
        {"url": "https://h.example/1", "published": "2031-03-10", "text": "Kestrel Field was quiet."},
        {"url": "https://h.example/2", "published": "2031-04-10", "text": "Jets left Kestrel Field."},
    ]
    write(tmp_path / "r.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    ingest(store, [tmp_path / "r.jsonl"])
    text = brief(store, load_case(NORTHLAND), as_of=date(2031, 3, 31))
    assert "1 report from 1 independent origin and 0 outlets" in text
    assert "Named in 1 report from 1 origin" in text and "2031-04-10" not in text


def test_brief_of_an_empty_store_says_so(store: Store) -> None:
    text = brief(store, load_case("syria-2024"), as_of=date(2025, 1, 1))
    assert "No reports are stored yet" in text
    assert text.count("Status: **unknown**") == len(load_case("syria-2024").sites)
