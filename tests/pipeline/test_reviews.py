"""Reviews: stored by (report, span, action), applied to the claims the assessment reads, moved as JSONL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drawdown import api
from drawdown.case import load_case
from drawdown.cli import app
from drawdown.errors import InputError
from drawdown.pipeline.assess import load_evidence
from drawdown.pipeline.extract import extract
from drawdown.pipeline.ingest import ingest
from drawdown.pipeline.reviews import export_reviews, import_reviews, parse_review, review, reviewed_claims
from drawdown.store import Store, open_store
from drawdown.store.claims import load_claims
from tests.conftest import write

LINES = [
    {"id": "a", "url": "https://a.example/1", "outlet": "Alpha Wire", "published": "2024-12-16",
     "text": "A convoy of 40 trucks left T4 air base on Saturday, residents said."},
    {"id": "b", "url": "https://b.example/2", "outlet": "Beta Daily", "published": "2024-12-17",
     "text": "Two cargo ships left the port of Tartus on Sunday, officials confirmed."},
]  # fmt: skip


def _fill(store: Store, folder: Path) -> None:
    path = write(folder / "r.jsonl", "\n".join(json.dumps(x) for x in LINES) + "\n")
    ingest(store, [str(path)])
    extract(store, load_case("syria-2024"))


def _as_review(claim: object, verdict: str, **edits: object) -> dict[str, object]:
    return {"report_id": claim.report_id, "span": list(claim.span), "action": claim.action,  # type: ignore[attr-defined]
            "verdict": verdict, **edits}  # fmt: skip


def test_rejected_claims_are_left_out_and_edits_are_used(store: Store, tmp_path: Path) -> None:
    _fill(store, tmp_path)
    case = load_case("syria-2024")
    claims = load_claims(store)
    convoy = next(c for c in claims if c.action == "convoy_departed")
    ships = next(c for c in claims if c.action == "ships_departed")
    review(store, _as_review(convoy, "edited", quantity=25.0, confirmation="confirmed"), sites={"t4", "tartus"})
    review(store, _as_review(ships, "wrong"))
    evidence = load_evidence(store, case)
    assert all(c.action != "ships_departed" for c in evidence.claims), "a rejected claim is left out"
    edited = next(c for c in evidence.claims if c.action == "convoy_departed")
    assert edited.quantity == 25.0 and edited.confirmation == "confirmed"
    _claims, tally = reviewed_claims(store)
    assert (tally.correct, tally.edited, tally.rejected) == (0, 1, 1) and tally.is_reviewed(edited)
    text = api.brief(store, case)
    assert "2 claims checked by an analyst (0 correct, 1 edited, 1 rejected and left out)" in text
    assert "(25 vehicles)" in text, "the brief uses the edited quantity"


def test_reviews_survive_re_extraction(store: Store, tmp_path: Path) -> None:
    _fill(store, tmp_path)
    ships = next(c for c in load_claims(store) if c.action == "ships_departed")
    review(store, _as_review(ships, "wrong"))
    extract(store, load_case("syria-2024"))  # the claims are replaced; the review is keyed on where they were read
    assert all(c.action != "ships_departed" for c in reviewed_claims(store)[0])


def test_brief_marks_unreviewed_machine_readings(store: Store, tmp_path: Path) -> None:
    _fill(store, tmp_path)
    case = load_case("syria-2024")
    before = api.brief(store, case)
    assert "no claim has been checked by an analyst yet" in before and "*(machine reading, unreviewed)*" in before
    for claim in load_claims(store):
        review(store, _as_review(claim, "correct"))
    after = api.brief(store, case)
    assert "*(machine reading, unreviewed)*" not in after and "0 claims unreviewed" in after


def test_export_import_moves_reviews_between_stores(store: Store, tmp_path: Path) -> None:
    _fill(store, tmp_path)
    ships = next(c for c in load_claims(store) if c.action == "ships_departed")
    review(store, _as_review(ships, "wrong", note="the ships were another navy's"))
    lines = export_reviews(store)
    assert len(lines) == 1 and json.loads(lines[0])["note"] == "the ships were another navy's"
    with open_store(memory=True) as other:
        _fill(other, tmp_path / "other")
        assert import_reviews(other, lines, "reviews.jsonl") == 1
        assert all(c.action != "ships_departed" for c in reviewed_claims(other)[0])
        assert import_reviews(other, lines, "reviews.jsonl") == 1 and other.count("reviews") == 1, "idempotent"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"report_id": "r", "span": [3, 1], "action": "other", "verdict": "wrong"}', "reviews.jsonl:1: field span"),
        ('{"report_id": "r", "span": [0, 1], "action": "flew", "verdict": "wrong"}', "field action: 'flew'"),
        ('{"report_id": "r", "span": [0, 1], "action": "other", "verdict": "maybe"}', "field verdict"),
        ('{"report_id": "r", "span": [0, 1], "action": "other", "verdict": "edited"}', "changes nothing"),
        ('{"report_id": "r", "span": [0, 1], "action": "other", "verdict": "wrong", "quantity": 3}', "carries edits"),
        ('{"report_id": "r", "span": [0, 1], "action": "other", "verdict": "wrong", "x": 1}', "unknown field 'x'"),
        ("[1, 2]", "not a JSON object"),
        ("{oops", "not JSON"),
    ],
)
def test_bad_review_lines_name_line_and_field(store: Store, line: str, message: str) -> None:
    with pytest.raises(InputError, match=r"reviews\.jsonl:1") as info:
        import_reviews(store, [line], "reviews.jsonl")
    assert message in str(info.value)
    assert store.count("reviews") == 0


def test_edited_site_must_be_a_site_of_the_case() -> None:
    obj = {"report_id": "r", "span": [0, 1], "action": "other", "verdict": "edited", "site": "atlantis"}
    with pytest.raises(InputError, match="not a site of the case"):
        parse_review(obj, "review", sites={"t4"})


def test_review_cli_export_and_import(runner: CliRunner, db: Path) -> None:
    with open_store(db) as store:
        _fill(store, db.parent)
        ships = next(c for c in load_claims(store) if c.action == "ships_departed")
        review(store, _as_review(ships, "wrong"))
    exported = runner.invoke(app, ["review", "export", "--out", "reviews.jsonl"])
    assert exported.exit_code == 0, exported.output
    imported = runner.invoke(app, ["review", "import", "reviews.jsonl", "--json"])
    assert imported.exit_code == 0 and json.loads(imported.stdout) == {"imported": 1}
    write(db.parent / "bad.jsonl", '{"report_id": "r"}\n')
    bad = runner.invoke(app, ["review", "import", "bad.jsonl"])
    assert bad.exit_code == 4 and "bad.jsonl:1: field span" in bad.stderr
