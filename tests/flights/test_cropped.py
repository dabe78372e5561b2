"""Cropped coverage and the rules found on real samples, each on a hand-made track at Hmeimim: a receiver at the
airport (Zurich-like), a low pass between flights (calibration), a reload stop below coverage (CAL FIRE), a
frozen tail whose altitude still changes (Paris) and a stale altitude on a slow aircraft (Tour de France)."""

from __future__ import annotations

from pathlib import Path

from drawdown.flights.sorties import detect_sorties
from tests.flights.sim import HMEIMIM

HEADER = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact\n"  # noqa: E501
T0 = 1734163200
ELEV = HMEIMIM.elev_m or 0.0
KM = 1 / 111.195


def _row(t: float, km_north: float, agl_m: float | None, gs: float, ground: bool = False) -> str:
    lat = round(HMEIMIM.lat + km_north * KM, 6)
    alt = "" if agl_m is None else f"{ELEV + agl_m:.1f}"
    t = int(t)
    return f"{t},15abcd,{lat},{HMEIMIM.lon},{gs},0,0,RFF7021,{str(ground).lower()},false,false,1000,{alt},,{t},{t}\n"


def _run(tmp_path: Path, rows: list[str]) -> list[tuple[str, str, int]]:
    path = tmp_path / "track.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    result = detect_sorties(path, [HMEIMIM])
    assert all(v >= 0 for v in result.cleaning.values())
    return [(s.event, s.evidence or "", int(s.time.timestamp()) - T0) for s in result.sorties]


def test_a_track_that_starts_on_short_final_and_taxis_is_a_landing(tmp_path: Path) -> None:
    # 18 airborne reports from 3 km out at 200 ft down to the runway at 70 m/s, then a roll-out and a taxi: the
    # whole track stays in the low band, as with a receiver that sees only the airport.
    rows = [_row(T0 + k, -3 + k * 0.07, 60 - k * 3.3, 70.0) for k in range(18)]
    rows += [_row(T0 + 18 + k * 5, -1.7 + k * 0.1, 0, max(70 - k * 8, 8), ground=True) for k in range(20)]
    assert _run(tmp_path, rows) == [("landing", "onground", 18)]  # dated by the first on-ground report


def test_a_track_that_taxis_and_ends_in_the_climb_out_is_a_takeoff(tmp_path: Path) -> None:
    rows = [_row(T0 + k * 10, k * 0.02, 0, 8.0, ground=True) for k in range(20)]  # taxi
    rows += [_row(T0 + 200 + k * 2, 0.4 + k * 0.12, k * 15.0, 60 + k * 2, ground=False) for k in range(16)]  # ~230 m
    assert _run(tmp_path, rows) == [("takeoff", "onground", 190)]


def test_a_low_pass_between_two_flights_is_no_event(tmp_path: Path) -> None:
    # Inbound at 600 m for 5 minutes from 30 km, down to 50 m over the field at 75 m/s, and away again.
    rows = [_row(T0 + k * 10, -30 + k * 1.0, 600 - max(0, k - 20) * 60, 75.0) for k in range(30)]
    rows += [_row(T0 + 300 + k * 10, k * 0.75, 50 + k * 30, 75.0) for k in range(40)]
    assert _run(tmp_path, rows) == []


def test_a_silence_that_starts_and_ends_low_at_the_field_is_a_stop(tmp_path: Path) -> None:
    # A tanker descends to 150 m 2 km out, is not seen for 9 minutes, and climbs out from 180 m 2.5 km out.
    rows = [_row(T0 + k * 30, -25 + k * 2.3, 1500 - k * 135, 70.0) for k in range(11)]
    rows += [_row(T0 + 300 + 540 + k * 30, 2.5 + k * 2.5, 180 + k * 150, 75.0) for k in range(10)]
    events = _run(tmp_path, rows)
    assert [e[0] for e in events] == ["landing", "takeoff"]


def test_a_frozen_tail_is_dropped_even_when_its_altitude_changes(tmp_path: Path) -> None:
    # Final approach, then the last position repeated for two minutes at 75 m/s while the altitude "lands".
    rows = [_row(T0 + k * 10, -20 + k * 1.0, 800 - k * 40, 75.0) for k in range(18)]
    for k in range(12):
        rows.append(_row(T0 + 180 + k * 10, -3.0, 80 if k < 4 else 0, 75.0, ground=4 <= k < 8))
    path = tmp_path / "frozen.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    result = detect_sorties(path, [HMEIMIM])
    assert result.cleaning["frozen_tails"] >= 8
    # The approach ends 3 km out at 120 m: a landing read from the altitude profile, not from the frozen rows'
    # on-ground flags, and dated by the approach, not by the tail.
    assert [(s.event, s.evidence) for s in result.sorties] == [("landing", "altitude")]
    assert result.sorties[0].time.timestamp() - T0 < 180


def test_a_stale_altitude_on_a_slow_aircraft_is_not_pinned_to_the_field(tmp_path: Path) -> None:
    # An aircraft circling over the field at 1,500 m and 38 m/s (74 kt): slower than a takeoff roll, far faster
    # than a taxi. Its altitude is real, so it never "lands".
    rows = [_row(T0 - 600 + k * 20, -25 + k * 0.8, 1500, 38.0) for k in range(30)]
    rows += [_row(T0 + k * 20, ((-1) ** (k // 10)) * (k % 10) * 0.6, 1500, 38.0) for k in range(60)]
    assert _run(tmp_path, rows) == []


def test_the_cleaning_counts_are_never_negative_and_count_each_extra_copy_once(tmp_path: Path) -> None:
    # Issue 16 saw `duplicates=-4`. Each report here is sent three times (a feed merged thrice): two extra copies
    # per report, counted by the kept copy, so the count is 2 x the reports and never below zero.
    rows = [_row(T0 + k * 5, -1.7 + k * 0.1, 0, 8.0, ground=True) for k in range(10)]
    path = tmp_path / "track.csv"
    path.write_text(HEADER + "".join(r * 3 for r in rows), encoding="utf-8")
    counts = detect_sorties(path, [HMEIMIM]).cleaning
    assert all(v >= 0 for v in counts.values()), counts
    assert counts["duplicates"] == 20
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    assert detect_sorties(path, [HMEIMIM]).cleaning["duplicates"] == 0
