"""Every input format normalises to the same columns and units."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from drawdown.errors import InputError
from drawdown.flights.airfields import resolve_airfield
from drawdown.flights.readers import COLUMNS, read_tracks
from drawdown.flights.sorties import detect_sorties

OPENSKY = (
    "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,baroaltitude,geoaltitude,"
    "lastposupdate,lastcontact\n"
    "1734163200,15ABCD,35.40,35.95,0.0,0,0.0,RFF7021 ,true,false,false,1000,,,1734163200.0,1734163200.0\n"
    "1734163210,15abcd,35.41,35.95,80.0,350,10.0,RFF7021 ,false,false,false,1000,160.0,190.0,1734163210.0,"
    "1734163210.0\n"
)


def _rows(path: Path, fmt: str | None = None) -> list[dict[str, object]]:
    con = duckdb.connect()
    rows: list[dict[str, object]] = read_tracks(con, path, fmt).to_arrow_table().to_pylist()
    return rows


def test_opensky_csv_gz_and_parquet_read_the_same(tmp_path: Path) -> None:
    plain = tmp_path / "sv.csv"
    plain.write_text(OPENSKY)
    packed = tmp_path / "sv.csv.gz"
    packed.write_bytes(gzip.compress(OPENSKY.encode()))
    parquet = tmp_path / "sv.parquet"
    con = duckdb.connect()
    pq.write_table(con.sql(f"SELECT * FROM read_csv('{plain}')").to_arrow_table(), parquet)
    a, b, c = _rows(plain), _rows(packed), _rows(parquet)
    assert a == b == c
    assert list(a[0]) == list(COLUMNS)
    first, second = a
    assert first["icao24"] == "15abcd" and first["callsign"] == "RFF7021" and first["onground"] is True
    assert first["alt_m"] is None and second["alt_m"] == 160.0 and second["gs_ms"] == 80.0


def test_traffic_frame_is_converted_from_feet_and_knots(tmp_path: Path) -> None:
    table = pa.table({
        "timestamp": pa.array([1_634_000_000_000_000], pa.timestamp("us", tz="UTC")), "icao24": ["3944e1"],
        "callsign": ["AFR53HM"], "latitude": [49.0], "longitude": [2.5], "altitude": [1000.0],
        "groundspeed": [100.0], "vertical_rate": [-600.0], "onground": [False],
    })  # fmt: skip
    pq.write_table(table, tmp_path / "f.parquet")
    (row,) = _rows(tmp_path / "f.parquet")
    assert row["alt_m"] == pytest.approx(304.8) and row["gs_ms"] == pytest.approx(51.4444)
    assert row["vrate_ms"] == pytest.approx(-3.048)


def test_readsb_trace(tmp_path: Path) -> None:
    trace = {"icao": "15ABCD", "timestamp": 1734163200.0, "trace": [
        [0, 35.40, 35.95, "ground", 5, 350, 0, None, {"flight": "RFF7021 "}],
        [10.5, 35.41, 35.95, 1000, 150, 350, 0, 1500, None],
    ]}  # fmt: skip
    path = tmp_path / "trace_full_15abcd.json"
    path.write_text(json.dumps(trace))
    ground, air = _rows(path)
    assert ground["onground"] is True and ground["alt_m"] is None and ground["callsign"] == "RFF7021"
    assert air["alt_m"] == pytest.approx(304.8) and air["vrate_ms"] == pytest.approx(7.62)
    assert air["callsign"] == "RFF7021" and air["icao24"] == "15abcd"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.csv", "a,b\n1,2\n", "neither OpenSky state vectors nor a traffic frame"),
        ("x.json", "{not json", "not JSON"),
        ("x.json", '{"icao": 1}', "not a readsb trace"),
        ("x.xlsx", "", "unknown flight file type"),
    ],
)
def test_bad_inputs_name_the_file_and_the_fix(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InputError, match=message) as info:
        _rows(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_missing_file() -> None:
    with pytest.raises(InputError, match="no such file"):
        _rows(Path("/nonexistent/tracks.csv"))


def test_opensky_parquet_with_timestamps_as_pyopensky_writes_them(tmp_path: Path) -> None:
    plain = tmp_path / "sv.csv"
    plain.write_text(OPENSKY)
    con = duckdb.connect()
    stamped = con.sql(f"SELECT * REPLACE (to_timestamp(time) AS time) FROM read_csv('{plain}')").to_arrow_table()
    pq.write_table(stamped, tmp_path / "sv.parquet")
    assert _rows(tmp_path / "sv.parquet") == _rows(plain)


def _opensky_csv(path: Path, rows: int, bad: dict[int, str]) -> Path:
    """An OpenSky-style CSV of one aircraft taxiing; ``bad`` replaces whole rows (by 0-based row index)."""
    lines = ["time,icao24,lat,lon,baroaltitude,velocity,vertrate,onground,callsign"]
    for i in range(rows):
        lines.append(bad.get(i, f"{1734158167 + i},154d29,35.40,35.94,50,5,0,true,RFF8000"))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_bad_value_past_the_type_sample_is_named_and_the_rest_kept(tmp_path: Path) -> None:
    # Row 27,610 lies past DuckDB's 20,480-row type sample: the scan sets it aside instead of failing mid-way.
    path = _opensky_csv(tmp_path / "deep.csv", 30_000, {27_609: "1734185776,154d29,abc,35.94,50,5,0,true,RFF8000"})
    result = detect_sorties(path, [resolve_airfield("OSLK")])
    assert result.rejected == 1
    assert result.rejects == (f"{path}:27611: lat: 'abc' is not of the column's type",)


def test_a_short_row_is_named_not_blamed_on_the_columns(tmp_path: Path) -> None:
    path = _opensky_csv(tmp_path / "short.csv", 100, {49: "1734158217,154d29,35.4"})
    result = detect_sorties(path, [resolve_airfield("OSLK")])
    assert result.rejected == 1 and result.rejects[0].startswith(f"{path}:51: ")
    assert "Found: 3" in result.rejects[0]
