"""Coverage-aware checks: no ADS-B data is never read as no flights; rates divide by watched days only."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from drawdown.assess import Evidence, assess
from drawdown.assess.consistency import RateFacts
from drawdown.assess.coverage import watched
from drawdown.assess.force import estimate
from drawdown.case import Figure
from drawdown.model import Coverage
from drawdown.report.arithmetic import force_lines
from drawdown.report.brief import render_brief as brief
from drawdown.report.snapshot import dumps
from tests.assess.builder import World

CLAIM_DAY = date(2031, 3, 14)
RATE = "Two heavy transports a day have left Kestrel Field over the past week, spotters said."


def _rate_claim(world: World, rid: str = "r1", origin: str | None = None) -> World:
    world.report(rid, CLAIM_DAY, origin=origin)
    world.claim(rid, "kestrel-field", "flights_departed", quantity=2.0, unit="flights", sentence=RATE,
                event_date=CLAIM_DAY)  # fmt: skip
    return world


def _evidence(world: World, watched_days: list[date]) -> Evidence:
    cover = tuple(Coverage("XQKF", d, tuple(range(24))) for d in watched_days)
    return Evidence(world.case, dict(world.reports), tuple(world.claims), tuple(world.sorties), (), cover)


def test_a_window_without_coverage_is_untestable_and_says_when() -> None:
    world = _rate_claim(World())
    evidence = _evidence(world, [date(2031, 3, 1), date(2031, 3, 2)])  # watched, but before the window
    result = assess(evidence, CLAIM_DAY, with_timeline=False)
    rate = next(c for c in result.checks if c.kind == "rate")
    assert rate.verdict == "untestable"
    assert rate.reason == "no ADS-B coverage from 2031-03-08 to 2031-03-14"
    text = brief(result)
    assert "untestable: no ADS-B coverage from 2031-03-08 to 2031-03-14" in text


def test_rates_divide_by_the_watched_days_only() -> None:
    world = _rate_claim(World())
    world.takeoffs("XQKF", datetime(2031, 3, 12, 6, tzinfo=UTC), per_day=2, days=2)
    # Seven days in the window, two of them watched: four takeoffs are two a day, not 0.57.
    evidence = _evidence(world, [date(2031, 3, 12), date(2031, 3, 13)])
    rate = next(c for c in assess(evidence, CLAIM_DAY, with_timeline=False).checks if c.kind == "rate")
    assert isinstance(rate.facts, RateFacts)
    assert rate.facts.days == 7 and rate.facts.covered == 2.0 and rate.facts.takeoffs == 4
    assert rate.verdict == "consistent"
    # Half-day coverage counts as half a day.
    half = Evidence(world.case, evidence.reports, evidence.claims, evidence.sorties, (),
                    (Coverage("XQKF", date(2031, 3, 12), tuple(range(12))),))  # fmt: skip
    assert watched(half, date(2031, 3, 8), CLAIM_DAY, "kestrel-field").days == 0.5


def test_without_a_coverage_table_days_with_detected_sorties_count_as_watched() -> None:
    world = _rate_claim(World())
    world.takeoffs("XQKF", datetime(2031, 3, 1, 6, tzinfo=UTC), per_day=2, days=3)  # tracks end before the window
    rate = next(c for c in assess(world.evidence(), CLAIM_DAY, with_timeline=False).checks if c.kind == "rate")
    assert rate.verdict == "untestable", "no flights seen because nobody watched, not because none flew"


def test_one_claim_gets_one_verdict_per_window() -> None:
    world = _rate_claim(World())
    _rate_claim(world, "copy", origin="o-r1")  # the same story republished
    world.takeoffs("XQKF", datetime(2031, 3, 12, 6, tzinfo=UTC), per_day=2, days=2)
    evidence = _evidence(world, [date(2031, 3, 12), date(2031, 3, 13)])
    result = assess(evidence, CLAIM_DAY, with_timeline=False)
    assert len([c for c in result.checks if c.kind == "rate"]) == 1
    assert "**2 flights a day** (2031-03-08 – 2031-03-14): consistent" in brief(result)


def test_a_past_deadline_without_coverage_is_untestable() -> None:
    world = _rate_claim(World())
    world.takeoffs("XQKF", datetime(2031, 7, 1, 6, tzinfo=UTC), per_day=1, days=1)  # data only after the due date
    evidence = _evidence(world, [date(2031, 7, 1)])
    result = assess(evidence, date(2031, 7, 2), with_timeline=False)
    deadline = next(c for c in result.checks if c.kind == "deadline")
    assert deadline.verdict == "untestable"
    assert deadline.reason is not None and "no ADS-B coverage from 2031-03-01 to 2031-06-21" in deadline.reason


def _airlift(watched_days: list[date]) -> Evidence:
    """The rate claim, and four 30 t takeoffs on 12–13 March at full load, with ADS-B watching ``watched_days``."""
    world = _rate_claim(World().with_params(load_factor=Figure(1.0, None, None, "test")))
    world.takeoffs("XQKF", datetime(2031, 3, 12, 6, tzinfo=UTC), per_day=2, days=2, payload_low=30.0,
                   payload_high=30.0)  # fmt: skip
    return _evidence(world, watched_days)


def test_the_pace_divides_by_the_watched_days_of_its_window() -> None:
    # 120 t in a seven-day window of which two days were watched: 60 t a day, not 120 / 7.
    force = estimate(_airlift([date(2031, 3, 12), date(2031, 3, 13)]), CLAIM_DAY, seed=1)
    assert force.pace_tonnes_per_day is not None and force.pace_tonnes_per_day.median == pytest.approx(60)
    assert force.pace_window.watched == {"kestrel-field": 2.0}
    # Watched all week, the same flights are 120 / 7 a day.
    week = [date(2031, 3, d) for d in range(8, 15)]
    force = estimate(_airlift(week), CLAIM_DAY, seed=1)
    assert force.pace_tonnes_per_day is not None and force.pace_tonnes_per_day.median == pytest.approx(120 / 7)
    assert "each airfield's tonnes ÷ its days watched by ADS-B: kestrel-field 7 = 17.1 t/day" in "\n".join(
        force_lines(assess(_airlift(week), CLAIM_DAY, with_timeline=False)))  # fmt: skip


def test_a_pace_window_nobody_watched_is_untestable_and_projects_nothing() -> None:
    evidence = _airlift([date(2031, 3, 1), date(2031, 3, 2)])  # watched, but only before the window
    evidence = replace(evidence, sorties=())  # and nothing flew then
    result = assess(evidence, date(2031, 3, 20), with_timeline=False)
    force = result.force
    assert force.pace_tonnes_per_day is None and force.pace_percent_per_day is None
    assert force.completion is None
    assert force.completion_note == "not projected: no ADS-B coverage from 2031-03-14 to 2031-03-20"
    (deadline,) = force.deadlines  # midsummer, still ahead: the flights cannot speak for it
    assert not deadline.with_flights and deadline.probability is None
    text = brief(result)
    assert "- Pace over the last 7 days: untestable: no ADS-B coverage from 2031-03-14 to 2031-03-20." in text
    assert "pace over the last 7 days: untestable: no ADS-B coverage from 2031-03-14 to 2031-03-20" in text
    assert "t/day" not in text and "ADS-B sorties to" not in text
    assert dumps(result)  # the snapshot carries the missing pace as null


def test_a_watched_window_without_departures_is_a_pace_of_zero_and_cites_the_days_watched() -> None:
    evidence = replace(_airlift([date(2031, 3, 18), date(2031, 3, 19)]), sorties=())
    text = brief(assess(evidence, date(2031, 3, 20), with_timeline=False))
    line = next(x for x in text.splitlines() if x.startswith("- Pace over"))
    assert line == ("- Pace over the last 7 days: no outbound sorties detected (days watched by ADS-B: "
                    "kestrel-field 2). [ADS-B coverage 2031-03-18 – 2031-03-19]")  # fmt: skip
