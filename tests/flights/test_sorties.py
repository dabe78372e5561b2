"""The stage against the simulator's ground truth, and the pieces around the query."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from drawdown.case import Airframe, load_case
from drawdown.flights.aircraft import assign_waves, identify, link_destinations
from drawdown.flights.airfields import resolve_airfield
from drawdown.flights.simulate import Simulation, simulate_scenario, write_tracks
from drawdown.flights.sorties import detect_sorties
from drawdown.model import Sortie
from tests.conftest import NORTHLAND
from tests.flights.conftest import matched
from tests.flights.sim import HMEIMIM, syria_scenario

# Pinned floors (issue 5, "Done when"): takeoffs within 5 minutes. Measured 1.00 / 1.00 on this scenario;
# lower these only with a note in docs/sorties.md saying why.
PRECISION_FLOOR = 0.98
RECALL_FLOOR = 0.98


def test_simulated_takeoffs_are_recovered(sim: Simulation, sim_csv: Path) -> None:
    result = detect_sorties(sim_csv, [HMEIMIM])
    truth = [(e.icao24, e.time) for e in sim.truth if e.airfield == "OSLK" and e.event == "takeoff"]
    found = [(s.icao24, s.time) for s in result.sorties if s.event == "takeoff"]
    hits = matched(truth, found)
    assert len(truth) >= 30
    assert hits / len(found) >= PRECISION_FLOOR
    assert hits / len(truth) >= RECALL_FLOOR


def test_simulated_landings_are_mostly_recovered(sim: Simulation, sim_csv: Path) -> None:
    result = detect_sorties(sim_csv, [HMEIMIM])
    truth = [(e.icao24, e.time) for e in sim.truth if e.airfield == "OSLK" and e.event == "landing"]
    found = [(s.icao24, s.time) for s in result.sorties if s.event == "landing"]
    # Landings are dated less well when coverage ends high on the approach (the inferred time assumes a
    # 4 m/s descent); 10 minutes is the tolerance that the current estimate meets.
    hits = matched(truth, found, minutes=10)
    assert hits / len(truth) >= 0.95 and hits / len(found) >= 0.95


def test_coverage_starting_in_the_air_gives_an_inferred_departure(tmp_path: Path) -> None:
    sim = simulate_scenario(syria_scenario(days=2, low_coverage_share=1.0, glitch_share=0.0, civil_per_day=0,
                                     overflights_per_day=0, seed=3))  # fmt: skip
    result = detect_sorties(write_tracks(sim, tmp_path / "t.parquet"), [HMEIMIM])
    takeoffs = [s for s in result.sorties if s.event == "takeoff"]
    assert takeoffs and all(s.inferred and s.confidence < 0.9 for s in takeoffs)
    truth = [(e.icao24, e.time) for e in sim.truth if e.airfield == "OSLK" and e.event == "takeoff"]
    assert matched(truth, [(s.icao24, s.time) for s in takeoffs]) == len(truth)


def test_a_case_site_without_icao_code_is_an_airfield(tmp_path: Path) -> None:
    case = load_case("syria-2024")
    t4 = resolve_airfield("t4", case)
    assert t4.code == "t4" and t4.elev_m is None
    sim = simulate_scenario(syria_scenario(fields=(replace(t4, elev_m=548.0),), days=1, seed=5))
    result = detect_sorties(write_tracks(sim, tmp_path / "t4.csv"), [t4], case=case)
    truth = [(e.icao24, e.time) for e in sim.truth if e.airfield == "t4" and e.event == "takeoff"]
    found = [(s.icao24, s.time) for s in result.sorties if s.event == "takeoff"]
    assert truth and matched(truth, found) == len(truth) == len(found)
    assert all(s.airfield == "t4" for s in result.sorties)


def test_case_gives_type_payload_destination_and_waves(tmp_path: Path) -> None:
    case = load_case("syria-2024")
    frames = ("150001", "150002")
    case = replace(case, airframes=tuple(Airframe(h, "Il-76", f"RA-7800{i}", "test") for i, h in enumerate(frames)))
    sim = simulate_scenario(syria_scenario(days=2, fleet_icao24=frames, civil_per_day=0, overflights_per_day=0, seed=9))
    result = detect_sorties(write_tracks(sim, tmp_path / "t.csv"), [resolve_airfield("OSLK", case)], case=case)
    takeoffs = [s for s in result.sorties if s.event == "takeoff"]
    assert len(takeoffs) == 4
    for s in takeoffs:
        assert s.type == "Il-76" and s.payload_tonnes == 40 and (s.payload_low, s.payload_high) == (28, 60)
        assert s.registration and s.registration.startswith("RA-")
        assert s.destination in {d.icao for d in case.destinations}
    truth_dest = {e.icao24 + e.time.date().isoformat(): e.airfield for e in sim.truth if e.airfield != "OSLK"}
    assert all(truth_dest[s.icao24 + s.time.date().isoformat()] == s.destination for s in takeoffs)
    # one wave of two a day
    assert sorted({s.wave for s in takeoffs}) == [1, 2]


def test_fleet_identity_by_callsign_and_address_range() -> None:
    case = load_case("syria-2024")
    assert identify(case, "a00001", "RFF7021").by == "callsign"
    assert identify(case, "15abcd", None).by == "icao24-range"
    assert not identify(case, "4ca75f", "RYR98HG").fleet
    assert not identify(None, "15abcd", "RFF1").fleet


def _s(icao: str, event: str, hour: float, field: str = "OSLK") -> Sortie:
    when = datetime(2024, 12, 14, tzinfo=UTC) + timedelta(hours=hour)
    return Sortie(icao, None, event, when, field, 0.95)


def test_waves_group_sorties_within_the_window() -> None:
    waves = assign_waves(
        [_s("a", "takeoff", 1), _s("b", "takeoff", 2.5), _s("c", "takeoff", 7), _s("d", "landing", 1.2)]
    )
    got = {s.icao24: s.wave for s in waves}
    assert got == {"a": 1, "b": 1, "c": 2, "d": 1}
    assert {s.icao24: s.wave for s in assign_waves(waves, timedelta(hours=1))}["b"] == 2


def test_destination_is_the_next_landing_elsewhere() -> None:
    linked = link_destinations([_s("a", "takeoff", 1), _s("a", "landing", 4, "UUMU"), _s("b", "takeoff", 1),
                                _s("b", "takeoff", 3), _s("b", "landing", 20, "HL59")])  # fmt: skip
    dest = {(s.icao24, s.time.hour, s.event): s.destination for s in linked}
    assert dest[("a", 1, "takeoff")] == "UUMU"
    assert dest[("b", 1, "takeoff")] is None  # another takeoff came first
    assert dest[("b", 3, "takeoff")] is None  # the landing is 17 hours later


def test_nothing_about_syria_in_code_a_northland_site_works(tmp_path: Path) -> None:
    case = load_case(NORTHLAND)
    field = case.airfields[0]
    where = resolve_airfield(field.id, case)
    sim = simulate_scenario(syria_scenario(fields=(where,), days=1, destinations=(HMEIMIM,), seed=2))
    result = detect_sorties(write_tracks(sim, tmp_path / "n.csv"), [where], case=case)
    assert sum(s.event == "takeoff" for s in result.sorties) == sum(
        e.event == "takeoff" and e.airfield == where.code for e in sim.truth
    )


def test_unknown_airfield_is_a_one_line_error() -> None:
    from drawdown.errors import InputError

    with pytest.raises(InputError, match="ZZZZ"):
        resolve_airfield("ZZZZ")
