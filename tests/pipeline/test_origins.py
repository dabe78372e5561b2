from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from drawdown.cli import app
from drawdown.pipeline.ingest import ingest, list_origins
from drawdown.store import Store
from tests.conftest import DATA, write

STORIES = json.loads((DATA / "rewrites" / "stories.json").read_text(encoding="utf-8"))["stories"]


def _jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    return write(path, "".join(json.dumps(r) + "\n" for r in records))


def test_wire_story_republished_with_edits_and_rewritten_forms_one_origin(store: Store, tmp_path: Path) -> None:
    story = STORIES["tartus-ships"]
    wire = story["wire"]
    records = [
        {"url": "https://farm.example/1", "outlet": "Farm", "published": "2024-12-15T09:00:00Z",
         "text": story["rewrite"]},
        {"url": "https://wire.example/1", "outlet": "Wire", "published": "2024-12-14T08:00:00Z", "text": wire},
        {"url": "https://paper.example/1", "outlet": "Paper", "published": "2024-12-14T12:00:00Z",
         "text": "Tartus (Wire) - " + wire.replace("Thursday", "Thursday morning")},
        {"url": "https://port.example/1", "outlet": "Port", "published": "2024-12-14T10:00:00Z",
         "text": story["independent"]},
    ]  # fmt: skip
    result = ingest(store, [_jsonl(tmp_path / "a.jsonl", records[:2])])
    assert len(result.added) == 2 and len(result.copies) == 1
    result = ingest(store, [_jsonl(tmp_path / "b.jsonl", records[2:])])
    assert len(result.added) == 2 and len(result.copies) == 1
    (group,) = list_origins(store)
    assert group.representative.outlet == "Wire", "the earliest-published member represents the origin"
    assert {m.report.outlet: m.method for m in group.members} == {"Wire": "founder", "Paper": "near", "Farm": "rewrite"}
    assert group.method == "rewrite"
    assert store.count("origins") == 2, "the independent port report is its own origin"


def test_seed_ingests_as_one_report_and_origins_lists_its_repeats(
    runner: CliRunner, db: Path, tmp_path: Path, seed_text: str
) -> None:
    write(tmp_path / "in" / "seed.txt", seed_text)
    first = runner.invoke(app, ["ingest", "in", "--json"])
    assert first.exit_code == 0 and json.loads(first.stdout)["added"] == 1
    again = runner.invoke(app, ["ingest", "in", "--json"])
    assert json.loads(again.stdout)["added"] == 0 and json.loads(again.stdout)["skipped"] == 1
    listed = runner.invoke(app, ["origins", "--json", "--all"])
    payload = json.loads(listed.stdout)
    assert len(payload["origins"]) == 1 and payload["origins"][0]["size"] == 1
    methods = sorted(r["method"] for r in payload["repeated_sections"])
    assert methods == ["near", "rewrite", "rewrite"]
    near = next(r for r in payload["repeated_sections"] if r["method"] == "near")
    assert near["shared_paragraphs"] >= 2
    assert seed_text[near["second"][0] : near["second"][1]].lstrip().startswith("## Russia")
    text = runner.invoke(app, ["origins"])
    assert "repeats itself" in text.stdout and "copy of" in text.stdout


def test_origins_text_output(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    wire = STORIES["qamishli-airport"]["wire"]
    _jsonl(tmp_path / "w.jsonl", [
        {"url": "https://w.example/1", "outlet": "Wire", "published": "2024-12-13", "text": wire},
        {"url": "https://x.example/1", "outlet": "Mirror", "published": "2024-12-14", "text": wire},
    ])  # fmt: skip
    assert runner.invoke(app, ["ingest", "w.jsonl"]).exit_code == 0
    result = runner.invoke(app, ["origins"])
    assert result.exit_code == 0
    assert "2 report(s)" in result.stdout and "Wire, 2024-12-13" in result.stdout and "Mirror" in result.stdout
