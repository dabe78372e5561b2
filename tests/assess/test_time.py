"""Time discipline: a report counts from its date; an undated one is in no snapshot and is listed as undated."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from drawdown.assess import assess
from drawdown.cli import app
from drawdown.report.brief import render_brief
from tests.assess.builder import World
from tests.conftest import NORTHLAND, write

LATER = date(2032, 2, 1)


def _world() -> World:
    world = World()
    world.report("r-late", LATER)
    world.claim("r-late", "port-ember", "withdrawal_complete", confirmation="confirmed", event_date=LATER)
    world.reports["r-late"] = replace(world.reports["r-late"], published=None)
    world.report("r-none", LATER)
    world.claim("r-none", "kestrel-field", "presence_maintained", confirmation="confirmed")
    world.reports["r-none"] = replace(world.reports["r-none"], published=None)
    return world


def test_an_undated_report_with_an_explicit_event_date_counts_from_that_date() -> None:
    world = _world()
    early = assess(world.evidence(), date(2031, 4, 1), with_timeline=False)
    assert "r-late" not in early.evidence.reports, "a release from next year is not cited in a brief of this one"
    late = assess(world.evidence(), date(2032, 3, 1), with_timeline=False)
    assert "r-late" in late.evidence.reports and late.site("port-ember").status == "withdrawn"


def test_a_plans_due_date_does_not_date_an_undated_report() -> None:
    world = World()
    world.report("r-plan", LATER)
    world.claim("r-plan", "port-ember", "withdrawal_complete", modality="planned", event_date=LATER, due_date=LATER)
    world.reports["r-plan"] = replace(world.reports["r-plan"], published=None)
    result = assess(world.evidence(), date(2032, 3, 1), with_timeline=False)
    assert [r.id for r in result.undated] == ["r-plan"]


def test_a_report_with_no_date_at_all_is_in_no_snapshot_and_listed_as_undated() -> None:
    world = _world()
    for day in (date(2031, 4, 1), date(2033, 1, 1)):
        result = assess(world.evidence(), day, with_timeline=False)
        assert "r-none" not in result.evidence.reports
        assert result.site("kestrel-field").status == "unknown"
        assert [r.id for r in result.undated] == ["r-none"]
        assert "## Undated evidence" in render_brief(result)


def test_assess_before_the_case_start_warns(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    record = '{"url": "https://n.example/1", "outlet": "Northland Herald", "published": "2031-03-12", "text": "x"}'
    reports = write(tmp_path / "in" / "a.jsonl", record + "\n")
    assert runner.invoke(app, ["init", "--case", str(NORTHLAND)]).exit_code == 0
    assert runner.invoke(app, ["ingest", str(reports)]).exit_code == 0
    result = runner.invoke(app, ["assess", "--as-of", "2031-02-01"])
    assert result.exit_code == 0, result.output
    assert "before the case start (2031-03-01)" in result.stderr
    quiet = runner.invoke(app, ["assess", "--as-of", "2031-03-20"])
    assert "before the case start" not in quiet.stderr
