"""No echoed figures: the share removed comes from evidence, and a percentage claim is checked, never repeated."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drawdown.assess import assess
from drawdown.assess.force import Interval, is_share_of_force
from drawdown.cli import app
from drawdown.report.arithmetic import check_lines
from drawdown.report.numbers import interval
from tests.assess.builder import World
from tests.conftest import SEED

DAY = date(2031, 3, 10)
AS_OF = date(2031, 3, 14)
NATIONAL = "Observers counted the heavy transports leaving, signifying a 10% reduction in the Valdorian troops."
AT_SITE = "At Port Ember, 80 percent of the troops have left, a harbour official said."


def _airlift(world: World) -> World:
    world.takeoffs("XQKF", datetime(2031, 3, 9, 6, tzinfo=UTC), per_day=2, days=3)
    return world


def _with_claim(sentence: str, site: str | None, quantity: float) -> World:
    world = _airlift(World())
    world.report("r1", DAY)
    world.claim("r1", site, "withdrawal_partial", quantity=quantity, unit="percent", confirmation="confirmed",
                sentence=sentence, event_date=DAY)  # fmt: skip
    return world


def test_the_headline_share_is_the_same_with_or_without_the_claim_it_checks() -> None:
    alone = assess(_airlift(World()).evidence(), AS_OF, with_timeline=False).force.removed_percent
    claimed = assess(_with_claim(NATIONAL, None, 10.0).evidence(), AS_OF, with_timeline=False)
    assert alone is not None and claimed.force.removed_percent == alone
    check = next(c for c in claimed.checks if c.kind == "percent")
    assert check.verdict == "overstated", "6 sorties of 20-30 t do not remove a tenth of 8,000-12,000 t"


def test_a_percentage_is_national_only_when_its_clause_names_the_force_and_no_site() -> None:
    world = _with_claim(NATIONAL, "kestrel-field", 10.0)
    assert is_share_of_force(world.evidence(), world.claims[0]), "the site is named elsewhere in the sentence"
    world = _with_claim(AT_SITE, "port-ember", 80.0)
    assert not is_share_of_force(world.evidence(), world.claims[0])


def test_a_site_percentage_is_checked_against_that_site_scaled_by_its_share() -> None:
    world = _with_claim(AT_SITE, "port-ember", 80.0)
    result = assess(world.evidence(), AS_OF, with_timeline=False)
    alone = assess(_airlift(World()).evidence(), AS_OF, with_timeline=False).force.removed_percent
    assert result.force.removed_percent == alone, "80% of one site never becomes the national share"
    check = next(c for c in result.checks if c.kind == "percent")
    facts = check.facts
    assert facts is not None and getattr(facts, "site", None) == "port-ember"
    # Port Ember: 400-900 of 2,000-3,000 personnel (best estimates 650 / 2,500 = 26%).
    assert getattr(facts, "site_share", 0) == pytest.approx(0.26)
    assert any("20.8% of the force" in line for line in check_lines(check))
    assert check.verdict == "overstated", "nothing was seen leaving Port Ember"


def test_a_credible_completion_counts_with_its_sites_share_of_the_baseline() -> None:
    world = World()
    world.report("r1", DAY)
    world.claim("r1", "port-ember", "withdrawal_complete", confirmation="confirmed", event_date=DAY)
    force = assess(world.evidence(), AS_OF, with_timeline=False).force
    assert force.removed_percent is not None, "a credible completion is evidence of removal"
    assert force.lift.completions == (0,)
    # Grade 2 happens in 80% of the draws: the median is the site's share, the low end nothing.
    assert 15 < force.removed_percent.median < 40
    assert force.removed_percent.low == 0


def test_a_zero_width_interval_says_why() -> None:
    assert interval(Interval(0, 0, 0), unit=" t", exact="no sealift reported") == "0 t (no spread: no sealift reported)"
    assert "80% interval" not in interval(Interval(10, 10, 10), 1, "%")
    assert interval(Interval(5, 4, 6)) == "5 (80% interval 4–6)"


def test_the_seed_reports_10_percent_is_checked_never_the_headline(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    if not SEED.is_file():
        pytest.skip(f"the real seed report is not here ({SEED}); it lives in ../shared/seeds beside the repo")
    tracks = tmp_path / "tracks.csv.gz"
    steps = [
        ["init", "--case", "syria-2024"],
        ["ingest", str(SEED), "--published", "2024-12-16"],
        ["extract"],
        ["flights", "simulate", "--case", "syria-2024", "--out", str(tracks)],
        ["flights", "ingest", str(tracks)],
    ]
    for step in steps:
        result = runner.invoke(app, step)
        assert result.exit_code == 0, (step, result.output)
    brief = runner.invoke(app, ["brief"]).stdout
    headline = next(line for line in brief.splitlines() if line.startswith("- Share of the force removed"))
    assert "10.0%" not in headline and "10.0–10.0" not in brief
    check = brief[brief.index("**10% reduction**") :].splitlines()
    assert "untestable" not in check[0] and "claimed 10%" in "\n".join(check[:4])
