"""Coverage: the hours of each day with a low state vector near a watched field, computed in the detection pass,
stored (merged, idempotent) and read back into the assessment's evidence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from drawdown.case import load_case
from drawdown.flights.simulate import Simulation
from drawdown.flights.sorties import COVERAGE_KM, detect_sorties
from drawdown.model import Coverage
from drawdown.pipeline.assess import load_evidence
from drawdown.pipeline.flights import ingest_sorties
from drawdown.store import Store
from drawdown.store.coverage import load_coverage, merge_coverage
from tests.flights.sim import HMEIMIM

HEADER = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact\n"  # noqa: E501
DAY = 1734134400  # 2024-12-14 00:00 UTC
KM_LAT = 1 / 111.195


def _row(t: int, km_north: float, alt_m: float | None, ground: bool = False) -> str:
    lat = round(HMEIMIM.lat + km_north * KM_LAT, 5)
    a = "" if alt_m is None else f"{alt_m:.1f}"
    return f"{t},4b1a2c,{lat},{HMEIMIM.lon},200,0,0,XYZ1,{str(ground).lower()},false,false,1000,{a},,{t},{t}\n"


def test_hours_with_a_low_vector_within_50_km_are_covered(tmp_path: Path) -> None:
    rows = [
        _row(DAY + 3 * 3600 + 10, 45, 2000),  # 03h: 45 km out, 6,600 ft: covered
        _row(DAY + 3 * 3600 + 20, 46, 2100),
        _row(DAY + 5 * 3600, 0.5, None, ground=True),  # 05h: on the ground, no altitude: covered
        _row(DAY + 7 * 3600, 10, 3500),  # 07h: 11,500 ft: not covered
        _row(DAY + 9 * 3600, 55, 1000),  # 09h: 55 km out: not covered
        _row(DAY + 86400 + 23 * 3600 + 3599, -20, 500),  # the next day, 23h
    ]
    path = tmp_path / "sv.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    result = detect_sorties(path, [HMEIMIM])
    assert COVERAGE_KM == 50
    assert result.coverage == [
        Coverage("OSLK", date(2024, 12, 14), (3, 5)),
        Coverage("OSLK", date(2024, 12, 15), (23,)),
    ]


def test_coverage_is_merged_hour_by_hour_and_idempotent(store: Store) -> None:
    day = date(2024, 12, 14)
    assert merge_coverage(store, [Coverage("OSLK", day, (3, 5))]) == 1
    assert merge_coverage(store, [Coverage("OSLK", day, (3, 5))]) == 0  # the same file again
    assert merge_coverage(store, [Coverage("OSLK", day, (4, 5)), Coverage("OSKL", day, (1,))]) == 2
    assert load_coverage(store) == [Coverage("OSKL", day, (1,)), Coverage("OSLK", day, (3, 4, 5))]
    assert load_coverage(store, airfield="OSKL") == [Coverage("OSKL", day, (1,))]
    assert store.count("coverage") == 2


def test_ingest_stores_coverage_once_and_assess_reads_it(store: Store, sim: Simulation, sim_csv: Path) -> None:
    case = load_case("syria-2024")
    first = ingest_sorties(store, sim_csv, case)
    stored = load_coverage(store, airfield="OSLK")
    # Four simulated days at Hmeimim: 16 fleet and 48 civil movements spread over the day (10-15 hours each).
    assert [c.day for c in stored] == [date(2024, 12, 14 + k) for k in range(4)]
    assert all(8 <= c.hours_covered < 24 for c in stored)
    assert first.coverage_days == len(load_coverage(store)) and first.coverage_hours >= 40
    everything = load_coverage(store)
    again = ingest_sorties(store, sim_csv, case)
    assert again.coverage_days == 0 and load_coverage(store) == everything
    evidence = load_evidence(store, case)
    assert set(evidence.coverage) == set(load_coverage(store))
