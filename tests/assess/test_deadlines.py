"""Deadlines from reports: reported completions and their credibility give P(deadline holds) without flight data."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from drawdown.assess import assess
from drawdown.report.brief import render_brief
from tests.assess.builder import World

DUE = date(2031, 6, 21)  # Northland's plan "leave-by-summer": all sites, actor Valdoria
AS_OF = date(2031, 7, 1)


def _completion(world: World, rid: str, site: str | None, day: date, **kw: object) -> None:
    world.report(rid, day, outlet=kw.pop("outlet", "Northland Herald"))  # type: ignore[arg-type]
    kw.setdefault("confirmation", "confirmed")
    world.claim(rid, site, "withdrawal_complete", event_date=day, **kw)


def _deadline(world: World, as_of: date = AS_OF):  # type: ignore[no-untyped-def]
    result = assess(world.evidence(), as_of, with_timeline=False)
    return result, next(d for d in result.force.deadlines if d.due == DUE)


def test_reported_completions_give_the_odds_without_flight_data() -> None:
    world = World()
    _completion(world, "r1", "port-ember", date(2031, 5, 1))
    _completion(world, "r2", "ridge-posts", date(2031, 5, 20), outlet="Other Paper")
    result, odds = _deadline(world)
    # Two sites named in reports, each emptied by a confirmed (grade 2) completion: 0.8 x 0.8.
    assert odds.probability == pytest.approx(0.64, abs=0.03)
    assert not odds.with_flights and len(odds.completions) == 2
    check = next(c for c in result.checks if c.kind == "deadline")
    assert check.verdict == "consistent"
    assert "64%, from reported completions" in render_brief(result)


def test_a_site_still_manned_at_the_due_date_fails_the_deadline() -> None:
    world = World()
    _completion(world, "r1", "port-ember", date(2031, 5, 1))
    world.report("r2", date(2031, 6, 18), outlet="Other Paper")
    world.claim("r2", "ridge-posts", "presence_maintained", confirmation="confirmed", event_date=date(2031, 6, 18))
    _, odds = _deadline(world)
    assert odds.probability == 0


def test_a_reported_national_completion_counts() -> None:
    world = World()
    _completion(world, "r1", None, date(2031, 6, 1))
    _, odds = _deadline(world)
    assert odds.probability == pytest.approx(0.8, abs=0.03)


def test_hedged_national_completions_do_not_empty_the_theatre() -> None:
    # Two outlets' own unconfirmed lines that the force is gone: they would not settle a site, so they do not
    # make the whole plan complete either (they added up to 75% by chance before).
    world = World()
    _completion(world, "r1", None, date(2031, 6, 1), confirmation="unconfirmed", source_type="media")
    _completion(world, "r2", None, date(2031, 6, 3), confirmation="unconfirmed", source_type="media",
                outlet="Other Paper")  # fmt: skip
    _, odds = _deadline(world)
    assert odds.probability is None and not odds.completions
    # One of them from a witness, an independent origin: that settles it, as it would settle a site.
    _completion(world, "r3", None, date(2031, 6, 4), confirmation="unconfirmed", source_type="observer",
                outlet="Ridge Watch")  # fmt: skip
    _, odds = _deadline(world)
    assert odds.probability is not None and odds.probability > 0.5


def test_a_completion_by_another_actor_does_not_count() -> None:
    world = World()
    _completion(world, "r1", None, date(2031, 6, 1), actor="Northland Guard")
    _, odds = _deadline(world)
    assert odds.probability is None and odds.reason is not None


def test_a_completion_after_the_due_date_misses_it() -> None:
    world = World()
    _completion(world, "r1", "port-ember", date(2031, 6, 25))
    _, odds = _deadline(world)
    assert odds.probability is None or odds.probability < 0.05


def test_unknown_type_sorties_use_the_fleet_mix_or_say_the_payload_is_unknown() -> None:
    world = World()
    world.takeoffs("XQKF", datetime(2031, 3, 5, 6, tzinfo=UTC), per_day=2, days=3, type=None)
    force = assess(world.evidence(), date(2031, 3, 8), with_timeline=False).force
    assert len(force.lift.fleet_mix) == 6 and not force.lift.unknown_type
    assert force.removed_tonnes.low > 0, "counted with the Heavylifter's 20-30 t"
    world.case = replace(world.case, aircraft=())
    result = assess(world.evidence(), date(2031, 3, 8), with_timeline=False)
    force = result.force
    assert len(force.lift.unknown_type) == 6
    assert force.completion is None and "payload unknown" in force.completion_note
    assert all(d.probability is None and "payload unknown" in (d.reason or "") for d in force.deadlines)
    text = render_brief(result)
    assert "at least" in text and "payload unknown for 6 takeoffs" in text


def test_flights_over_a_few_watched_days_cannot_show_a_deadline_missed() -> None:
    world = World()
    world.takeoffs("XQKF", datetime(2031, 3, 5, 6, tzinfo=UTC), per_day=2, days=3)  # 3 watched days of 113
    _, odds = _deadline(world)
    assert odds.probability is None
    assert odds.reason is not None and "ADS-B watched 3.0 of the 113 days" in odds.reason
