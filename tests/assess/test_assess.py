from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from drawdown.assess import assess
from drawdown.assess.credibility import credibility
from drawdown.assess.force import estimate
from drawdown.assess.status import site_status
from drawdown.case import Figure
from drawdown.model import Report
from drawdown.report.arithmetic import check_lines
from drawdown.report.snapshot import dumps
from tests.assess.builder import World

DAY = date(2031, 3, 10)
AS_OF = date(2031, 3, 14)


def _withdrawal_world() -> World:
    world = World()
    world.report("r1", DAY)
    world.claim("r1", "port-ember", "withdrawal_started", event_date=DAY)
    return world


def test_a_site_with_no_evidence_stays_unknown() -> None:
    status = site_status(_withdrawal_world().evidence(), "kestrel-field", AS_OF)
    assert status.status == "unknown"
    assert status.weight == 0
    assert status.probabilities == pytest.approx({"present": 1 / 3, "drawing_down": 1 / 3, "withdrawn": 1 / 3})


def test_copies_do_not_raise_confidence() -> None:
    single = site_status(_withdrawal_world().evidence(), "port-ember", AS_OF)
    copied = _withdrawal_world()
    for i in range(5):  # five republications of the same story: one origin
        copied.report(f"copy{i}", DAY, origin="o-r1", outlet=f"Mirror {i}")
        copied.claim(f"copy{i}", "port-ember", "withdrawal_started", event_date=DAY)
    with_copies = site_status(copied.evidence(), "port-ember", AS_OF)
    assert with_copies.weight == pytest.approx(single.weight)
    assert with_copies.probabilities == pytest.approx(single.probabilities)
    independent = _withdrawal_world()
    independent.report("r2", DAY, outlet="Other Paper")
    independent.claim("r2", "port-ember", "withdrawal_started", event_date=DAY)
    corroborated = site_status(independent.evidence(), "port-ember", AS_OF)
    assert corroborated.probabilities["drawing_down"] > single.probabilities["drawing_down"]
    assert credibility(copied.evidence(), 0).grade == 3, "copies are not corroboration"
    assert credibility(independent.evidence(), 0).grade == 1, "an independent origin is"


def test_a_denial_from_the_acting_sides_ministry_lowers_it() -> None:
    world = _withdrawal_world()
    world.report("r2", DAY, outlet="Northland Herald")
    before = site_status(world.evidence(), "port-ember", AS_OF)
    world.claim("r2", "port-ember", "withdrawal_started", confirmation="denied", source_type="official",
                attribution="Valdorian defence ministry", event_date=DAY)  # fmt: skip
    after = site_status(world.evidence(), "port-ember", AS_OF)
    assert after.probabilities["drawing_down"] < before.probabilities["drawing_down"]
    assert after.probabilities["present"] > before.probabilities["present"]
    assert credibility(world.evidence(), 0).grade in (4, 5), "the denied claim becomes doubtful or improbable"


def test_evidence_decays_until_the_site_is_unknown_again() -> None:
    world = _withdrawal_world()
    world.report("r2", DAY, outlet="Other Paper")
    world.claim("r2", "port-ember", "withdrawal_started", event_date=DAY)
    assert site_status(world.evidence(), "port-ember", AS_OF).status == "drawing_down"
    assert site_status(world.evidence(), "port-ember", date(2031, 6, 1)).status == "unknown"


def test_sorties_with_known_payloads_give_the_expected_tonnage() -> None:
    world = World().with_params(load_factor=Figure(1.0, None, None, "test"))
    start = datetime(2031, 3, 1, 6, tzinfo=UTC)
    world.takeoffs("XQKF", start, per_day=2, days=5, payload_tonnes=30.0, payload_low=30.0, payload_high=30.0)
    force = estimate(world.evidence(), AS_OF, seed=1)
    assert force.removed_tonnes.median == pytest.approx(300.0)
    assert force.removed_tonnes.low == force.removed_tonnes.high == pytest.approx(300.0)
    # With the case's type table (Heavylifter 20-30 t, triangular around 25 t): 10 x 25 t on average.
    typed = World().with_params(load_factor=Figure(1.0, None, None, "test"))
    typed.takeoffs("XQKF", start, per_day=2, days=5)
    spread = estimate(typed.evidence(), AS_OF, seed=1).removed_tonnes
    assert spread.median == pytest.approx(250, rel=0.03)
    assert spread.low < 250 < spread.high


def test_intra_theatre_shuttles_and_uncertain_detections() -> None:
    world = World().with_params(load_factor=Figure(1.0, None, None, "test"))
    start = datetime(2031, 3, 1, 6, tzinfo=UTC)
    world.takeoffs("XQKF", start, per_day=1, days=4, destination="port-ember", payload_low=30.0, payload_high=30.0)
    assert estimate(world.evidence(), AS_OF, seed=1).removed_tonnes.median == 0
    half = World().with_params(load_factor=Figure(1.0, None, None, "test"))
    half.takeoffs("XQKF", start, per_day=1, days=10, confidence=0.5, payload_low=30.0, payload_high=30.0)
    assert estimate(half.evidence(), AS_OF, seed=1).removed_tonnes.median == pytest.approx(150, abs=30)


def test_pace_completion_and_deadline_odds() -> None:
    world = World().with_params(load_factor=Figure(1.0, None, None, "test"))
    world.takeoffs("XQKF", datetime(2031, 3, 8, 6, tzinfo=UTC), per_day=2, days=7)
    force = estimate(world.evidence(), AS_OF, seed=3)
    assert force.pace_tonnes_per_day.median == pytest.approx(2 * 25 * 7 / 7, rel=0.1)
    assert force.completion is not None
    median, low, high = force.completion
    assert low <= median <= high
    (deadline,) = force.deadlines  # the invented case's midsummer deadline
    assert deadline.due == date(2031, 6, 21) and deadline.probability is not None
    assert 0 <= deadline.probability <= 1


def test_no_movement_means_no_projection() -> None:
    force = estimate(World().evidence(), AS_OF, seed=3)
    assert force.completion is None and "no flight data" in force.completion_note
    assert force.removed_percent is None and force.personnel_remaining is None, "nobody looked: unknown, not 0%"
    assert force.removed_tonnes.median == 0


def test_rate_and_percent_claims_are_checked_with_arithmetic() -> None:
    world = World()
    world.takeoffs("XQKF", datetime(2031, 3, 11, 6, tzinfo=UTC), per_day=2, days=4)
    world.report("r1", AS_OF)
    sentence = "Over the past few days two heavy lifters left Kestrel Field daily."
    world.claim("r1", "kestrel-field", "flights_departed", quantity=2.0, unit="flights", time_precision="week",
                sentence=sentence, event_date=AS_OF)  # fmt: skip
    world.claim("r1", None, "withdrawal_partial", quantity=90.0, unit="percent", event_date=AS_OF)
    result = assess(world.evidence(), AS_OF, seed=5, with_timeline=False)
    rate = next(c for c in result.checks if c.kind == "rate")
    assert rate.verdict == "consistent" and len(rate.sorties) == 8
    assert "8 outbound takeoffs" in check_lines(rate)[0] and "(4 days), of which 4.0 watched" in check_lines(rate)[0]
    percent = next(c for c in result.checks if c.kind == "percent")
    assert percent.verdict == "overstated", "8 x 20-30 t is about 2% of 8,000-12,000 t, not 90%"
    assert "claimed 90%" in check_lines(percent)[-1]
    no_flights = World()
    no_flights.report("r1", AS_OF)
    no_flights.claim("r1", None, "withdrawal_partial", quantity=10.0, unit="percent", event_date=AS_OF)
    (check,) = assess(no_flights.evidence(), AS_OF, seed=5, with_timeline=False).checks[:1]
    assert check.verdict == "untestable", "without flight data nobody can say"


def test_results_are_deterministic_for_a_seed() -> None:
    world = _withdrawal_world()
    world.takeoffs("XQKF", datetime(2031, 3, 8, 6, tzinfo=UTC), per_day=1, days=3)
    first = dumps(assess(world.evidence(), AS_OF, seed=11))
    assert dumps(assess(world.evidence(), AS_OF, seed=11)) == first
    assert dumps(assess(world.evidence(), AS_OF, seed=12)) != first


def test_edge_cases_found_in_review() -> None:
    """Each of these once gave a wrong or crashing answer."""
    world = World()
    world.takeoffs("XQKF", datetime(2031, 3, 11, 6, tzinfo=UTC), per_day=1, days=2)
    world.reports["undated"] = _undated_report()
    world.claim("undated", "kestrel-field", "flights_departed", quantity=3.0, unit="flights", sentence="3 a day")
    world.report("r1", AS_OF)
    world.claim("r1", "ridge-posts", "withdrawal_complete", quantity=100.0, unit="percent", event_date=AS_OF)
    world.claim("r1", None, "withdrawal_partial", quantity=10.0, unit="percent", modality="planned",
                due_date=date(2031, 4, 1))  # fmt: skip
    result = assess(world.evidence(), AS_OF, seed=2, with_timeline=False)
    assert all(c.kind != "rate" for c in result.checks), "an undated rate claim cannot be placed in time"
    assert [r.id for r in result.undated] == ["undated"], "it is listed as undated evidence instead"
    assert result.force.removed_percent is not None and result.force.removed_percent.high < 5, (
        "a site-level 100% claim does not empty the whole force"
    )
    site_share = next(c for c in result.checks if c.kind == "percent")
    assert site_share.verdict == "untestable", "a share of one site, and the case gives that site no baseline"
    assert site_share.reason is not None and "Ridge posts" in site_share.reason
    assert [d.due for d in result.force.deadlines] == [date(2031, 6, 21)], "a partial plan is not a deadline"
    planned_only = World()
    planned_only.report("r1", AS_OF)
    planned_only.claim("r1", None, "withdrawal_partial", quantity=10.0, unit="percent", modality="planned")
    assert estimate(planned_only.evidence(), AS_OF, seed=1).removed_percent is None, "a plan measures nothing"


def _undated_report() -> Report:
    return Report(id="undated", content_hash="u", text="...", locator="u", format="text", origin_id="o-u")


def test_a_past_deadline_counts_departures_reported_later() -> None:
    world = World().with_params(load_factor=Figure(1.0, None, None, "test"))
    world.takeoffs("XQKF", datetime(2031, 6, 1, 6, tzinfo=UTC), per_day=40, days=15, payload_low=30.0,
                   payload_high=30.0)  # 18,000 t before midsummer  # fmt: skip
    force = estimate(world.evidence(), date(2031, 7, 15), seed=1)
    (deadline,) = force.deadlines
    assert deadline.probability == 1.0, "everything had left by the deadline"
