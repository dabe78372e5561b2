from __future__ import annotations

from pathlib import Path

from drawdown.case import load_case
from drawdown.model import EVIDENCE_KINDS
from drawdown.pipeline.flights import ingest_sorties
from drawdown.store import Store
from drawdown.store.sorties import load_sorties


def test_ingest_stores_fleet_sorties_once(store: Store, sim_csv: Path) -> None:
    case = load_case("syria-2024")
    first = ingest_sorties(store, sim_csv, case)
    assert first.added == 16 and first.updated == 0  # 4 days x 2 transports x (landing + takeoff)
    stored = load_sorties(store, airfield="OSLK")
    assert len(stored) == 16 and all(s.callsign and s.callsign.startswith("RFF") for s in stored)
    assert all(s.time.tzinfo is not None and s.payload_low is not None for s in stored)
    assert {s.evidence for s in stored} <= set(EVIDENCE_KINDS) and None not in {s.evidence for s in stored}
    # one wave of two transports a day, counted among the actor's sorties only (civil traffic in between)
    assert sorted({s.wave for s in stored if s.event == "takeoff"}) == [1, 2, 3, 4]
    again = ingest_sorties(store, sim_csv, case)
    assert again.added == 0 and again.updated == 16 and store.count("sorties") == 16
    assert {s.id for s in load_sorties(store)} == {s.id for s in stored}


def test_all_aircraft_keeps_civil_traffic(store: Store, sim_csv: Path) -> None:
    res = ingest_sorties(store, sim_csv, load_case("syria-2024"), fleet_only=False)
    assert res.skipped_civil == 0 and res.added > 16


def test_detection_and_storing_call_the_progress_hook_per_step(store: Store, sim_csv: Path) -> None:
    from drawdown.flights.airfields import resolve_airfield
    from drawdown.flights.sorties import STEPS, detect_sorties

    detected: list[tuple[int, int, str]] = []
    detect_sorties(sim_csv, [resolve_airfield("OSLK")], progress=lambda *call: detected.append(call))
    assert detected == [(n, len(STEPS), step) for n, step in enumerate(STEPS)]
    ingested: list[tuple[int, int, str]] = []
    ingest_sorties(store, sim_csv, load_case("syria-2024"), progress=lambda *call: ingested.append(call))
    steps = len(STEPS) + 1
    assert ingested == [*((n, steps, step) for n, step in enumerate(STEPS)), (len(STEPS), steps, "storing")]
