"""The seed report's public claims, checked against constructed flight data on the bundled case."""

from __future__ import annotations

from datetime import UTC, date, datetime

from drawdown.assess import assess
from drawdown.case import load_case
from drawdown.report.arithmetic import check_lines, claimed
from tests.assess.builder import World

REPORT_DAY = date(2024, 12, 16)


def _world() -> World:
    world = World(case=load_case("syria-2024"))
    # "Two planes a day ... in groups of two or three", for the four days before the report.
    world.takeoffs("OSLK", datetime(2024, 12, 13, 5, tzinfo=UTC), per_day=2, days=4, type="Il-76", destination="HL59")
    world.report("seed", REPORT_DAY, outlet="Archyde")
    sentence = "over the past few days two planes have been seen carrying equipment to Russia daily"
    world.claim("seed", "hmeimim", "flights_departed", quantity=2.0, unit="flights", time_precision="week",
                sentence=sentence, event_date=REPORT_DAY)  # fmt: skip
    world.claim("seed", None, "withdrawal_partial", quantity=10.0, unit="percent", event_date=REPORT_DAY)
    return world


def test_ten_percent_reduction_is_overstated_by_the_arithmetic() -> None:
    result = assess(_world().evidence(), REPORT_DAY, with_timeline=False)
    rate = next(c for c in result.checks if c.kind == "rate")
    assert rate.verdict == "consistent"
    percent = next(c for c in result.checks if c.kind == "percent")
    assert percent.verdict == "overstated"
    text = " ".join(check_lines(percent))
    assert "8 outbound takeoffs" in text and "9,000–60,000 t" in text and "claimed 10%" in text


def test_the_one_month_deadline_is_judged() -> None:
    result = assess(_world().evidence(), date(2025, 1, 20), with_timeline=False)
    deadline = next(c for c in result.checks if c.kind == "deadline" and "2025-01-16" in claimed(c))
    assert deadline.verdict == "overstated", "eight flights cannot remove the force within the month"
