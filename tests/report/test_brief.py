from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

from markdown_it import MarkdownIt

from drawdown.api import brief
from drawdown.case import load_case
from drawdown.model import Claim, Sortie
from drawdown.pipeline.ingest import ingest
from drawdown.report import markdown as md
from drawdown.store import Store
from drawdown.store.claims import load_claims
from drawdown.store.sorties import load_sorties
from tests.conftest import NORTHLAND, write

SECTIONS = [
    "## 1. Scale and timeline",
    "## 2. Status of each site",
    "## 3. What is confirmed, and by whom",
    "## 4. Which public claims fit the evidence",
    "## 5. How other actors reacted",
    "## 6. What to watch next",
]


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


def store_claims(store: Store, claims: list[Claim]) -> None:
    """Test helper: write claims the way the Extract stage's pipeline does."""
    for i, c in enumerate(claims):
        store.con.execute(
            "INSERT INTO claims (id, report_id, site, action, quantity, unit, event_date, time_precision, "
            "source_type, confirmation, modality, attribution, hedges, span_start, span_end, sentence, extractor, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'test', now())",
            [f"c{i}", c.report_id, c.site, c.action, c.quantity, c.unit, c.event_date, c.time_precision,
             c.source_type, c.confirmation, c.modality, c.attribution, json.dumps(list(c.hedges)), c.span[0],
             c.span[1], c.sentence],
        )  # fmt: skip


def store_sorties(store: Store, sorties: list[Sortie]) -> None:
    for s in sorties:
        store.con.execute(
            "INSERT INTO sorties (id, icao24, callsign, aircraft_type, event, time, airfield, destination, "
            "confidence, payload_tonnes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())",
            [s.id, s.icao24, s.callsign, s.type, s.event, s.time.replace(tzinfo=None), s.airfield, s.destination,
             s.confidence, s.payload_tonnes],
        )  # fmt: skip


def _northland(store: Store, tmp_path: Path) -> dict[str, str]:
    records = [
        {"id": "a", "url": "https://herald.example/1", "outlet": "Northland Herald",
         "published": "2031-03-10T10:00:00Z",
         "title": "Ships leave Port Ember", "text": "Two ships left Port Ember on Monday, officials confirmed."},
        {"id": "b", "url": "https://wire.example/1", "outlet": "Wire", "published": "2031-03-11T10:00:00Z",
         "title": "Copy", "text": "Two ships left Port Ember on Monday, officials confirmed."},
        {"id": "c", "url": "https://post.example/2", "outlet": "Coast Post", "published": "2031-03-12T10:00:00Z",
         "title": "[x](javascript:alert(3))", "text": "Valdoria denied that Port Ember was being evacuated."},
        {"id": "d", "url": "https://post.example/3", "outlet": "Coast Post", "published": "2031-03-12T11:00:00Z",
         "title": "Capital reacts", "text": "The Northland government said it welcomed the talks."},
    ]  # fmt: skip
    write(tmp_path / "r.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    ingest(store, [tmp_path / "r.jsonl"])
    ids = {r["external_id"]: r["id"] for r in store.query("SELECT id, external_id FROM reports")}
    day = date(2031, 3, 10)
    store_claims(store, [
        Claim(ids["a"], "port-ember", "ships_departed", "confirmed", "asserted", (0, 30), "Two ships left Port Ember",
              quantity=2, unit="ships", event_date=day, source_type="official"),
        Claim(ids["b"], "port-ember", "ships_departed", "confirmed", "asserted", (0, 30), "Two ships left Port Ember",
              quantity=2, unit="ships", event_date=day, source_type="official"),
        Claim(ids["c"], "port-ember", "evacuated", "denied", "asserted", (0, 40), "Valdoria denied",
              source_type="official", attribution="Valdorian defence ministry", event_date=date(2031, 3, 12)),
        Claim(ids["d"], "Northland government", "negotiation", "confirmed", "asserted", (0, 20),
              "The Northland government said it welcomed the talks.", actor="Northland government"),
    ])  # fmt: skip
    takeoff = Sortie("abc123", "XQ1", "takeoff", datetime(2031, 3, 11, 8, tzinfo=UTC), "XQKF", 0.9, type="Heavylifter")
    store_sorties(store, [takeoff])
    return ids


def test_brief_answers_the_six_questions_with_citations(store: Store, tmp_path: Path) -> None:
    _northland(store, tmp_path)
    assert len(load_claims(store)) == 4 and len(load_sorties(store)) == 1
    text = brief(store, load_case(NORTHLAND))
    positions = [text.index(h) for h in SECTIONS]
    assert positions == sorted(positions), "the questions come in the analysts' order"
    assert "Brief as of **2031-03-12**" in text
    port = next(line for line in text.splitlines() if line.startswith("| Port Ember naval station"))
    assert "[Northland Herald, 2031-03-10](https://herald.example/1)" in port
    assert "wire.example" not in port, "a copy is not cited as a second source"
    kestrel = next(line for line in text.splitlines() if line.startswith("| Kestrel Field"))
    assert "drawing down" in kestrel or "unknown" in kestrel
    assert re.search(r"`s-[0-9a-f]{12}`", kestrel), "sortie evidence is cited by id"
    ridge = next(line for line in text.splitlines() if line.startswith("| Ridge posts"))
    assert "unknown (no evidence)" in ridge and "[no evidence]" in ridge
    assert "Denied on the record" in text and "Valdorian defence ministry" in text
    others = text.split(SECTIONS[4])[1].split("##")[0]
    assert "Northland government" in others and "[Coast Post, 2031-03-12](https://post.example/3)" in others
    rendered = MarkdownIt("commonmark").render(text)
    assert 'href="javascript' not in rendered and "<script" not in rendered


def test_every_bullet_of_the_brief_cites_or_says_unknown(store: Store, tmp_path: Path) -> None:
    _northland(store, tmp_path)
    text = brief(store, load_case(NORTHLAND))
    body = text.split("## Appendix")[0]
    for line in body.splitlines():
        if line.startswith("- ") and not line.startswith("- Evidence:"):
            cited = "](" in line or "[" in line or "`s-" in line
            assert cited or "unknown" in line or "no " in line.lower() or "Nothing" in line, line


def test_brief_as_of_filters_later_evidence(store: Store, tmp_path: Path) -> None:
    _northland(store, tmp_path)
    text = brief(store, load_case(NORTHLAND), as_of=date(2031, 3, 10))
    assert "Brief as of **2031-03-10**" in text
    assert "Coast Post" not in text and not re.search(r"`s-[0-9a-f]{12}`", text)


def test_brief_of_an_empty_store_says_so(store: Store) -> None:
    text = brief(store, load_case("syria-2024"), as_of=date(2025, 1, 1))
    assert "No evidence is stored yet" in text
    assert text.count("unknown (no evidence)") == len(load_case("syria-2024").sites)
