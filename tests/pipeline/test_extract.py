from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from drawdown.case import load_case
from drawdown.cli import app
from drawdown.pipeline.extract import extract
from drawdown.pipeline.ingest import ingest
from drawdown.store import Store
from drawdown.store.claims import load_claims
from tests.conftest import write

CONTRACT_KEYS = ["site", "site_name", "action", "quantity", "unit", "event_date", "time_precision", "source_type",
                 "confirmation", "modality", "attribution", "actor", "span"]  # fmt: skip
LINES = [
    {"id": "a", "url": "https://a.example/1", "outlet": "A", "published": "2024-12-16T09:00:00Z",
     "text": "A convoy of 40 trucks left T4 air base on Saturday, residents said."},
    {"id": "b", "url": "https://b.example/1", "outlet": "B", "published": "2024-12-16",
     "text": "A convoy  of 40 trucks left T4 air base on Saturday, residents said.\n"},
    {"id": "c", "url": "https://c.example/1", "outlet": "C", "published": "2024-12-16",
     "text": "הכוחות הרוסיים עזבו את בסיס חמימים ביום שבת לפי מקורות מקומיים"},
    {"id": "d", "url": "https://d.example/1", "outlet": "D", "published": "2024-12-16", "text": ""},
]  # fmt: skip


def _jsonl(folder: Path) -> Path:
    return write(folder / "reports.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in LINES) + "\n")


def test_jsonl_contract_needs_no_store(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(app, ["extract", str(_jsonl(db.parent)), "--case", "syria-2024", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "c", "d"]
    first = records[0]
    assert list(first) == ["id", "claims", "duplicate_of"]
    (claim,) = first["claims"]
    assert list(claim) == CONTRACT_KEYS
    assert claim["site"] == "t4" and claim["action"] == "convoy_departed" and claim["quantity"] == 40
    assert claim["unit"] == "vehicles" and claim["event_date"] == "2024-12-14" and claim["time_precision"] == "day"
    start, end = claim["span"]
    assert "T4" in LINES[0]["text"][start:end]
    assert records[1]["duplicate_of"] == "a", "same text up to whitespace is an exact duplicate"
    assert records[2]["claims"] == [] and records[2]["skipped"] == "language he not supported"
    assert records[3]["skipped"] == "empty text"
    assert not db.exists(), "the JSONL mode must not create a store"


def test_jsonl_bad_lines_are_named(runner: CliRunner, db: Path) -> None:
    path = write(
        db.parent / "bad.jsonl", '{"id": "x", "text": "Russian troops left the port of Tartus."}\n[1, 2]\nnot json\n'
    )
    result = runner.invoke(app, ["extract", str(path), "--case", "syria-2024", "--format", "jsonl"])
    assert result.exit_code == 1
    assert "bad.jsonl:3: not JSON" in result.stderr and "bad.jsonl:2: not a JSON object" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["claims"][0]["site"] == "tartus"


def test_store_extract_is_idempotent_and_records_language(store: Store, tmp_path: Path) -> None:
    case = load_case("syria-2024")
    ingest(store, [_jsonl(tmp_path)])
    first = extract(store, case)
    again = extract(store, case)
    assert first.claims == again.claims == store.count("claims") == 2  # a and its copy b: one claim each
    # The empty line never reaches the store (ingest refuses it); the Hebrew one (no pack) is stored and marked.
    assert list(first.skipped.values()) == ["language he not supported"] and first.reports == 3
    langs = dict(store.con.execute("SELECT skipped, language FROM extractions WHERE skipped IS NOT NULL").fetchall())
    assert langs.get("language he not supported") == "he"
    (claim, *_) = load_claims(store)
    assert claim.site == "t4" and claim.actor == "Russia" and claim.site_name == "T4"


def test_cli_stores_claims(runner: CliRunner, db: Path) -> None:
    assert runner.invoke(app, ["ingest", str(_jsonl(db.parent))]).exit_code in (0, 1)
    result = runner.invoke(app, ["extract", "--case", "syria-2024", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["claims"] == 2 and payload["reports"] >= 3


def test_copies_get_their_own_claims(store: Store, tmp_path: Path) -> None:
    text = "A convoy left T4 air base on Saturday, residents said."
    lines = [
        {"id": str(i), "url": f"https://o{i}.example/x", "published": "2024-12-16", "text": text} for i in range(3)
    ]
    path = write(tmp_path / "copies.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    ingest(store, [path])
    extract(store, load_case("syria-2024"))
    rows = store.query("SELECT report_id, site, span_start FROM claims ORDER BY report_id")
    assert len({r["report_id"] for r in rows}) == 3 and {(r["site"], r["span_start"]) for r in rows} == {("t4", 2)}


def test_a_text_over_the_size_limit_is_skipped_unread_and_the_command_says_so_on_stderr(
    runner: CliRunner, db: Path, tmp_path: Path
) -> None:
    from drawdown.extract.claims import MAX_CHARS

    sentence = "A convoy of 40 trucks left T4 air base on Saturday, residents said. "
    big = write(tmp_path / "big.txt", sentence * (MAX_CHARS // len(sentence) + 1))
    small = write(tmp_path / "small.txt", sentence)
    ingested = runner.invoke(app, ["ingest", str(big), str(small), "--case", "syria-2024", "--max-bytes", "9000000"])
    assert ingested.exit_code == 0, ingested.output
    result = runner.invoke(app, ["extract", "--case", "syria-2024"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("skipped 1 text(s) over the 5,000,000-character limit: ")
    assert "split them into smaller reports" in lines[0]
    assert "claims from 2 reports" in result.stdout
    as_json = json.loads(runner.invoke(app, ["extract", "--case", "syria-2024", "--json"]).stdout)
    [reason] = as_json["skipped"].values()
    assert reason.startswith("text of 5,000,0") and reason.endswith(" characters is over the 5,000,000 limit")
