"""`flights fetch --opensky` against a recorded Trino response (no network)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from drawdown.errors import InputError
from drawdown.flights.opensky import box, fetch_state_vectors, parse_window
from drawdown.flights.sorties import detect_sorties
from tests.flights.conftest import DATA
from tests.flights.sim import HMEIMIM


class Recorded:
    """Replays a saved history() frame, filtered to the requested box, and records the calls."""

    def __init__(self) -> None:
        self.frame = pd.read_csv(DATA / "opensky-history-oslk.csv", dtype={"icao24": str, "squawk": str})
        self.calls: list[tuple[Any, ...]] = []

    def history(self, start: Any, stop: Any, *, bounds: tuple[float, float, float, float], **kw: Any) -> Any:
        self.calls.append((start, stop, bounds))
        west, south, east, north = bounds
        f = self.frame
        t0, t1 = start.timestamp(), stop.timestamp()
        keep = f.lon.between(west, east) & f.lat.between(south, north) & f.time.between(t0, t1)
        return f[keep]


def test_fetch_writes_parquet_the_stage_reads(tmp_path: Path) -> None:
    client = Recorded()
    start, stop = parse_window("2024-12-14", "2024-12-15")
    n = fetch_state_vectors([HMEIMIM], start, stop, tmp_path / "o.parquet", radius_km=60, client=client)
    assert n > 100 and client.calls[0][2] == box(HMEIMIM, 60)
    result = detect_sorties(tmp_path / "o.parquet", [HMEIMIM])
    assert sum(s.event == "takeoff" and (s.callsign or "").startswith("RFF") for s in result.sorties) == 2


def test_fetch_window_and_empty_results(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="at most 7 days"):
        parse_window("2024-12-01", "2024-12-15")
    start = datetime(2020, 1, 1, tzinfo=UTC)
    with pytest.raises(InputError, match="no state vectors"):
        fetch_state_vectors([HMEIMIM], start, start.replace(day=2), tmp_path / "o.parquet", client=Recorded())
