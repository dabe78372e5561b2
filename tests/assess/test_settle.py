"""States that settle: a credible completion makes a site withdrawn from its day until a credible return."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from drawdown.assess import assess
from drawdown.assess.status import settlement, site_status
from drawdown.report.brief import render_brief
from tests.assess.builder import World

LEFT = date(2031, 3, 10)


def _left(confirmation: str = "confirmed") -> World:
    world = World()
    world.report("r1", LEFT)
    world.claim("r1", "port-ember", "withdrawal_complete", confirmation=confirmation, event_date=LEFT)
    return world


def test_a_confirmed_completion_settles_and_does_not_decay() -> None:
    """The worked example of docs/assessment.md, first bullet."""
    status = site_status(_left().evidence(), "port-ember", date(2031, 6, 1))
    assert status.status == "withdrawn"
    assert status.settled_on == LEFT
    assert status.probabilities["withdrawn"] == pytest.approx(0.7333, abs=1e-4)


def test_a_single_hedged_completion_leans_withdrawn_but_is_not_withdrawn() -> None:
    status = site_status(_left("unconfirmed").evidence(), "port-ember", date(2031, 3, 12))
    assert status.status == "unknown"
    assert status.settled_on is None
    assert status.last_seen == "withdrawn"


def test_two_independent_origins_settle_a_hedged_completion() -> None:
    world = _left("unconfirmed")
    world.report("r2", LEFT, outlet="Other Paper")
    world.claim("r2", "port-ember", "withdrawal_complete", event_date=LEFT)
    assert site_status(world.evidence(), "port-ember", date(2031, 5, 1)).status == "withdrawn"


def test_an_unconfirmed_return_is_a_contradiction_that_does_not_end_it() -> None:
    world = _left()
    world.report("r2", date(2031, 3, 20), outlet="Rumour Mill")
    back = date(2031, 3, 20)
    world.claim("r2", "port-ember", "presence_maintained", source_type="anonymous", event_date=back)
    status = site_status(world.evidence(), "port-ember", date(2031, 3, 21))
    assert status.status == "withdrawn"
    assert [world.claims[i].report_id for i in status.contradictions] == ["r2"]


def test_a_weak_return_inside_the_corroboration_window_does_not_unsettle_it() -> None:
    # Told three days after the confirmed completion, inside the 7-day window: a contradiction, not a doubt cast
    # back on the completion (which would have let the weaker report win).
    world = _left()
    back = date(2031, 3, 13)
    world.report("r2", back, outlet="Rumour Mill")
    world.claim("r2", "port-ember", "presence_maintained", source_type="observer", event_date=back)
    status = site_status(world.evidence(), "port-ember", date(2031, 3, 20))
    assert status.status == "withdrawn" and status.settled_on == LEFT
    assert [world.claims[i].report_id for i in status.contradictions] == ["r2"]


def test_a_confirmed_return_ends_it_and_earlier_votes_are_superseded() -> None:
    """The worked example, third bullet: judged again from the return on."""
    world = _left()
    world.report("r2", date(2031, 3, 20), outlet="Rumour Mill")
    world.claim("r2", "port-ember", "presence_maintained", source_type="anonymous", event_date=date(2031, 3, 20))
    world.report("r3", date(2031, 3, 22), outlet="Ridge Watch")
    world.claim("r3", "port-ember", "presence_maintained", confirmation="confirmed", source_type="observer",
                event_date=date(2031, 3, 22))  # fmt: skip
    status = site_status(world.evidence(), "port-ember", date(2031, 3, 22))
    assert status.status == "present"
    assert status.settled_on is None
    assert status.probabilities["present"] == pytest.approx(0.7333, abs=1e-4)
    assert len(status.contradictions) == 2


def test_a_handover_in_one_report_leaves_the_site_held() -> None:
    world = World()
    world.report("r1", LEFT)
    world.claim("r1", "port-ember", "withdrawal_complete", confirmation="confirmed", span=(0, 5), event_date=LEFT)
    world.claim("r1", "port-ember", "reinforcement", confirmation="confirmed", span=(10, 15), event_date=LEFT)
    status = site_status(world.evidence(), "port-ember", date(2031, 3, 12))
    assert status.status == "present"
    # The brief calls it a handover, not a contradiction by later reports.
    table = render_brief(assess(world.evidence(), date(2031, 3, 12), with_timeline=False))
    row = next(line for line in table.splitlines() if line.startswith("| Port Ember"))
    assert "a handover" in row and "contradicted" not in row
    # Told the other way round (entered, then left the same evening), the site ends withdrawn.
    world = World()
    world.report("r1", LEFT)
    world.claim("r1", "port-ember", "reinforcement", confirmation="confirmed", span=(0, 5), event_date=LEFT)
    world.claim("r1", "port-ember", "withdrawal_complete", confirmation="confirmed", span=(10, 15), event_date=LEFT)
    assert site_status(world.evidence(), "port-ember", date(2031, 3, 12)).status == "withdrawn"


def test_presence_before_a_withdrawal_does_not_contradict_it() -> None:
    world = World()
    world.report("r0", date(2031, 3, 7), outlet="Other Paper")
    world.claim("r0", "port-ember", "presence_maintained", confirmation="confirmed", event_date=date(2031, 3, 7))
    world.report("r1", LEFT)
    world.claim("r1", "port-ember", "withdrawal_complete", confirmation="confirmed", event_date=LEFT)
    result = assess(world.evidence(), date(2031, 3, 14))
    assert result.credibility[1].grade == 2
    assert result.site("port-ember").status == "withdrawn"
    timeline = {d: s for d, s, _ in result.timelines["port-ember"]}
    assert timeline[date(2031, 3, 9)] != "withdrawn", "never withdrawn before the completion's day"
    assert timeline[LEFT] == "withdrawn"


def test_an_undated_completion_settles_nothing() -> None:
    world = World()
    world.report("r1", LEFT)
    world.reports["r1"] = replace(world.reports["r1"], published=None)
    world.claim("r1", "port-ember", "withdrawal_complete", confirmation="confirmed")
    assert settlement(world.evidence(), "port-ember", date(2031, 6, 1)).day is None


def test_two_independent_weak_reports_a_month_apart_settle_from_the_first() -> None:
    world = _left("unconfirmed")
    world.report("r2", date(2031, 4, 12), outlet="Other Paper")
    world.claim("r2", "port-ember", "evacuated", source_type="observer", event_date=date(2031, 4, 12))
    assert site_status(world.evidence(), "port-ember", date(2031, 4, 1)).status == "unknown"
    status = site_status(world.evidence(), "port-ember", date(2031, 4, 20))
    assert status.status == "withdrawn" and status.settled_on == LEFT and status.settled_origins == 2


def test_presence_between_two_weak_reports_keeps_them_apart() -> None:
    world = _left("unconfirmed")
    world.report("r1b", date(2031, 3, 20), outlet="Rumour Mill")
    world.claim("r1b", "port-ember", "presence_maintained", event_date=date(2031, 3, 20))
    world.report("r2", date(2031, 4, 12), outlet="Other Paper")
    world.claim("r2", "port-ember", "evacuated", event_date=date(2031, 4, 12))
    assert site_status(world.evidence(), "port-ember", date(2031, 4, 20)).status != "withdrawn"


def test_two_outlets_own_statements_do_not_settle_a_site() -> None:
    world = _left("unconfirmed")
    world.report("r2", date(2031, 4, 12), outlet="Other Paper")
    world.claim("r2", "port-ember", "evacuated", source_type="media", event_date=date(2031, 4, 12))
    assert site_status(world.evidence(), "port-ember", date(2031, 4, 20)).status != "withdrawn"
