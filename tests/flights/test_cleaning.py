"""Each cleaning rule on a hand-made track at Hmeimim, and its count."""

from __future__ import annotations

from pathlib import Path

from drawdown.flights.sorties import detect_sorties
from tests.flights.sim import HMEIMIM

HEADER = "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,lastposupdate,lastcontact\n"  # noqa: E501
T0 = 1734163200
ELEV = HMEIMIM.elev_m or 0.0


def _row(t: int, lat: float | str, alt: float | None, gs: float, ground: bool, icao: str = "15abcd") -> str:
    a = "" if alt is None else f"{alt:.1f}"
    return f"{t},{icao},{lat},{HMEIMIM.lon},{gs},0,0,RFF7021,{str(ground).lower()},false,false,1000,{a},,{t},{t}\n"


def _departure() -> list[str]:
    """Taxi, roll and climb due north from the field, every 10 s, for 10 minutes (staying inside the zone)."""
    rows = []
    for k in range(60):
        t = T0 + 10 * k
        if k < 10:  # on the ground
            rows.append(_row(t, HMEIMIM.lat + 0.0001 * k, None, 5.0, True))
        else:
            up = (k - 9) * 100.0
            rows.append(_row(t, round(HMEIMIM.lat + (k - 9) * 0.005, 5), ELEV + up, 150.0, False))
    return rows


def test_each_glitch_is_counted_and_the_takeoff_survives(tmp_path: Path) -> None:
    rows = _departure()
    rows.insert(20, rows[20])  # a duplicate
    rows[30], rows[31] = rows[31], rows[30]  # out of order
    rows[25] = _row(T0 + 10 * 24, round(HMEIMIM.lat - 0.3, 5), ELEV + 1500, 150.0, False)  # teleport: 40 km in 10 s
    rows[40] = _row(T0 + 10 * 39, round(HMEIMIM.lat + 30 * 0.005, 5), ELEV + 9000, 150.0, False)  # spike
    rows[5] = _row(T0 + 50, HMEIMIM.lat + 0.0005, ELEV + 900, 5.0, True)  # taxiing at 900 m
    rows[8] = _row(T0 + 80, "", None, 5.0, True)  # no position
    last = rows[-1].split(",")
    for k in range(1, 7):  # frozen tail: the last position repeated for a minute
        last[0] = last[-2] = last[-1] = str(T0 + 600 + 10 * k)
        rows.append(",".join(last[:-1]) + f",{T0 + 600 + 10 * k}\n")
    path = tmp_path / "glitches.csv"
    path.write_text(HEADER + "".join(rows))
    result = detect_sorties(path, [HMEIMIM])
    c = result.cleaning
    assert c["duplicates"] == 1 and c["out_of_order"] == 1 and c["nan_positions"] == 1
    assert c["teleports"] == 1 and c["altitude_spikes"] >= 1 and c["taxi_altitudes"] == 1
    assert c["frozen_tails"] >= 3
    takeoffs = [s for s in result.sorties if s.event == "takeoff"]
    assert len(takeoffs) == 1 and not takeoffs[0].inferred and takeoffs[0].confidence >= 0.9
    assert abs(takeoffs[0].time.timestamp() - (T0 + 90)) <= 60
    assert not [s for s in result.sorties if s.event == "landing"]


def test_clean_track_counts_nothing(tmp_path: Path) -> None:
    path = tmp_path / "clean.csv"
    path.write_text(HEADER + "".join(_departure()))
    result = detect_sorties(path, [HMEIMIM])
    assert set(result.cleaning.values()) == {0}
    assert [s.event for s in result.sorties] == ["takeoff"]
