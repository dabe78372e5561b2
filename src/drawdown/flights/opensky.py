"""OpenSky's Trino (through pyopensky): state vectors in a box around each airfield for a time window.

The client is injectable so tests replay a recorded response instead of the network; without one, pyopensky's
``Trino`` is used, which reads the user's credentials from pyopensky's own settings file.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq

from drawdown.errors import InputError
from drawdown.flights.airfields import Airfield

# OpenSky asks for bounded queries; a week per call keeps one query within its Trino time limits.
MAX_WINDOW = timedelta(days=7)


class HistoryClient(Protocol):
    def history(self, start: Any, stop: Any, *, bounds: tuple[float, float, float, float], **kw: Any) -> Any: ...


def parse_window(start: str, stop: str) -> tuple[datetime, datetime]:
    try:
        begin = datetime.fromisoformat(start)
        end = datetime.fromisoformat(stop)
    except ValueError:
        raise InputError(f"--start {start} / --stop {stop}: not ISO 8601", fix="use e.g. 2024-12-14T06:00") from None
    begin = begin.replace(tzinfo=UTC) if begin.tzinfo is None else begin.astimezone(UTC)
    end = end.replace(tzinfo=UTC) if end.tzinfo is None else end.astimezone(UTC)
    if end <= begin or end - begin > MAX_WINDOW:
        raise InputError(
            f"window {begin:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M}",
            fix="give --stop after --start, at most 7 days later",
        )
    return begin, end


def box(field: Airfield, radius_km: float) -> tuple[float, float, float, float]:
    """(west, south, east, north) around the field, as pyopensky's ``bounds`` wants it."""
    dlat = radius_km / 111.195
    dlon = dlat / max(math.cos(math.radians(field.lat)), 0.05)
    return (field.lon - dlon, field.lat - dlat, field.lon + dlon, field.lat + dlat)


def _client() -> HistoryClient:
    try:
        from pyopensky.trino import Trino
    except ImportError:
        raise InputError(
            "--opensky needs pyopensky", fix="pip install 'drawdown[opensky]' and configure credentials"
        ) from None
    try:
        return Trino()  # type: ignore[no-any-return]
    except Exception as exc:  # pyopensky raises plain errors for missing settings
        raise InputError(
            f"OpenSky Trino: {str(exc).splitlines()[0]}", fix="set username/password in pyopensky's settings file"
        ) from None


def fetch_state_vectors(
    fields: Sequence[Airfield],
    start: datetime,
    stop: datetime,
    out: str | Path,
    *,
    radius_km: float = 60.0,
    client: HistoryClient | None = None,
) -> int:
    """Query each field's box, write all rows to a Parquet file, and return how many were written."""
    api = client or _client()
    tables = []
    for f in fields:
        frame = api.history(start, stop, bounds=box(f, radius_km))
        if frame is None or len(frame) == 0:
            continue
        table = pa.Table.from_pandas(frame, preserve_index=False)
        tables.append(table)
    if not tables:
        raise InputError(f"OpenSky returned no state vectors for {', '.join(f.code for f in fields)}",
                         fix="widen the window or --radius-km, or check the dates")  # fmt: skip
    merged = pa.concat_tables(tables, promote_options="permissive")
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(merged, out)
    return int(merged.num_rows)
