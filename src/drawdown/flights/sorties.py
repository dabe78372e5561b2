"""The Sorties stage: ADS-B tracks in, :class:`~drawdown.model.Sortie` records out. Pure: it reads the track
file it is given and never opens the store (``drawdown.pipeline.flights`` stores around it)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from drawdown.case import Case
from drawdown.flights.aircraft import DEFAULT_WAVE_WINDOW, assign_waves, is_fleet, link_destinations, with_aircraft
from drawdown.flights.airfields import Airfield, known_fields
from drawdown.flights.engines import Engine, duckdb_connection
from drawdown.flights.query import CLEANING_COUNTS, DEFAULT_PARAMS, M_PER_DEG, Params, sortie_events
from drawdown.flights.readers import read_tracks, rejected_rows
from drawdown.model import Coverage, ProgressHook, Sortie

INFERRED_CLASH = timedelta(minutes=15)
# A field is "watched" in an hour when any state vector lies within this distance and below this height
# (model.Coverage): a receiver that sees aircraft there would have seen a departure or an arrival. 10,000 ft
# is about where a transport is 50 km out on a climb or descent, so the two bounds describe one cone.
COVERAGE_KM = 50.0
COVERAGE_ALT_M = 10_000 * 0.3048
# What detect_sorties tells its progress hook as each step starts; the first (one scan of the whole file) is
# most of the time of a large DuckDB run, the second most of a Spark run.
STEPS = ("scanning the tracks", "detecting takeoffs and landings", "naming destinations and waves")
POINT_COLUMNS = "epoch_us(time) / 1e6 AS t, icao24, callsign, lat, lon, alt_m, gs_ms, vrate_ms, onground"


@dataclass
class SortieResult:
    """What one run found: the sorties at the watched fields, and how many points each cleaning rule touched.

    ``rejected`` rows of a CSV did not fit its header or column types; they are left out, the rest is kept,
    and ``rejects`` names the first few as ``file:line: column: value``."""

    sorties: list[Sortie]
    cleaning: dict[str, int] = field(default_factory=dict)
    engine: str = "duckdb"
    coverage: list[Coverage] = field(default_factory=list)
    rejected: int = 0
    rejects: tuple[str, ...] = ()


def _estimate_elevation(con: duckdb.DuckDBPyConnection, f: Airfield, p: Params) -> float:
    """A field missing from airportsdata (T4 and other military fields) has no published elevation: take a low
    percentile of the altitudes reported within it, else 0 (a wrong elevation only shifts the 300 m band)."""
    dlat = p.field_km * 1000 / M_PER_DEG
    dlon = dlat / max(f.coslat, 0.05)
    row = con.execute(
        "SELECT quantile_disc(alt_m, 0.05) FROM tracks WHERE alt_m IS NOT NULL "
        "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
        [f.lat - dlat, f.lat + dlat, f.lon - dlon, f.lon + dlon],
    ).fetchall()
    return float(row[0][0]) if row and row[0][0] is not None else 0.0


FIELD_COLUMNS = ("field", "flat", "flon", "elev_m", "coslat", "lat_lo", "lat_hi", "lon_lo", "lon_hi")


def _fields_table(
    con: duckdb.DuckDBPyConnection, fields: Sequence[Airfield], elevations: dict[str, float], p: Params
) -> pa.Table:
    """One row per field; ``field`` is the field's index in ``fields`` (see :func:`_coded_points`)."""
    dlat = p.zone_km * 1000 / M_PER_DEG
    rows = [
        (i, f.lat, f.lon, float(elevations[f.code]), f.coslat, f.lat - dlat, f.lat + dlat,
         f.lon - dlat / max(f.coslat, 0.05), f.lon + dlat / max(f.coslat, 0.05))
        for i, f in enumerate(fields)
    ]  # fmt: skip
    # Built by DuckDB rather than pa.table(): pyarrow's conversion of Python lists imports pandas, 0.3 s of a
    # 5 M-row run for a table of a few rows.
    values = ", ".join("(?, ?, ?, ?, ?, ?, ?, ?, ?)" for _ in rows) or "(" + ", ".join(["NULL"] * 9) + ")"
    casts = ", ".join(f"col{i}::{'BIGINT' if i == 0 else 'DOUBLE'} AS {c}" for i, c in enumerate(FIELD_COLUMNS))
    where = "" if rows else " WHERE false"
    query = f"SELECT {casts} FROM (VALUES {values}){where}"
    return con.sql(query, params=[v for r in rows for v in r]).to_arrow_table()


def _boxes(fields: Sequence[Airfield], km: float) -> str:
    """A SQL condition: the point lies in the square of half-side ``km`` around one of ``fields``."""
    dlat = km * 1000 / M_PER_DEG
    out = []
    for f in fields:
        dlon = dlat / max(f.coslat, 0.05)
        out.append(
            f"(lat BETWEEN {f.lat - dlat!r} AND {f.lat + dlat!r} AND lon BETWEEN {f.lon - dlon!r} AND {f.lon + dlon!r})"
        )
    return " OR ".join(out) or "false"


def _coverage(con: duckdb.DuckDBPyConnection, watched: Sequence[Airfield]) -> list[Coverage]:
    """The hours of each UTC day with a state vector within COVERAGE_KM of a watched field and below
    COVERAGE_ALT_M (or on the ground), from ``zone_text``: a group-by over the points near the fields."""
    found: list[Coverage] = []
    for f in watched:
        dlon_m = f"(lon - {f.lon!r}) * {M_PER_DEG * f.coslat!r}"
        dlat_m = f"(lat - {f.lat!r}) * {M_PER_DEG!r}"
        rows = con.execute(
            "SELECT CAST(floor(t / 86400) AS BIGINT) AS d, list(DISTINCT CAST(floor(t % 86400 / 3600) AS INTEGER)) "
            f"FROM zone_text WHERE {_boxes([f], COVERAGE_KM)} "
            f"AND {dlon_m} * {dlon_m} + {dlat_m} * {dlat_m} <= {(COVERAGE_KM * 1000) ** 2!r} "
            f"AND (alt_m < {COVERAGE_ALT_M!r} OR coalesce(onground, false)) GROUP BY d ORDER BY d"
        ).fetchall()
        for day, hours in rows:
            when = datetime.fromtimestamp(int(day) * 86400, UTC).date()
            found.append(Coverage(f.code, when, tuple(sorted(int(h) for h in hours))))
    return found


def _coded_points(con: duckdb.DuckDBPyConnection, boxes: str, zone: str, seq: str) -> tuple[list[str], list[str]]:
    """Materialise the points inside the fields' boxes as ``zone_points``, with the aircraft address and the
    callsign replaced by their rank among the distinct values (so order, max and equality are unchanged), and
    return the two lists that turn the ranks back into text. ``zone_text`` (the points in ``boxes``, which
    also hold the coverage cones) is kept for :func:`_coverage`; ``zone_points`` keeps only those in ``zone``.

    Every window of the stage is partitioned by aircraft and field and carries the callsign: sorting integers
    instead of strings made each window about a third faster (5 M-row benchmark), for one small join here.
    """
    con.execute(
        f"CREATE TEMP TABLE zone_text AS SELECT {POINT_COLUMNS}, {seq} AS seq FROM tracks_raw WHERE {boxes}"
    ).fetchall()
    names: list[list[str]] = []
    for column in ("icao24", "callsign"):
        con.execute(
            f"CREATE TEMP TABLE {column}_codes AS SELECT {column} AS name, "
            f"CAST(row_number() OVER (ORDER BY {column}) - 1 AS BIGINT) AS code "
            f"FROM (SELECT DISTINCT {column} FROM zone_text WHERE {column} IS NOT NULL)"
        ).fetchall()
        rows = con.execute(f"SELECT name FROM {column}_codes ORDER BY code").fetchall()
        names.append([str(r[0]) for r in rows])
    con.execute(
        "CREATE TEMP TABLE zone_points AS SELECT z.t, a.code AS icao24, c.code AS callsign, z.lat, z.lon, z.alt_m, "
        "z.gs_ms, z.vrate_ms, z.onground, z.seq FROM zone_text z JOIN icao24_codes a ON z.icao24 = a.name "
        f"LEFT JOIN callsign_codes c ON z.callsign = c.name WHERE {zone}"
    ).fetchall()
    return names[0], names[1]


def _to_sortie(row: dict[str, Any], aircraft: list[str], callsigns: list[str], fields: Sequence[Airfield]) -> Sortie:
    return Sortie(
        icao24=aircraft[row["icao24"]],
        callsign=None if row["callsign"] is None else callsigns[row["callsign"]],
        event=row["event"],
        # Whole seconds: the engines agree to the bit, and ADS-B timing is no better than that anyway.
        time=datetime.fromtimestamp(round(row["t"]), UTC),
        airfield=fields[row["field"]].code,
        confidence=round(float(row["confidence"]), 3),
        inferred=bool(row["inferred"]),
        evidence=row["evidence"],
        first_lat=round(row["lat0"], 5), first_lon=round(row["lon0"], 5),
        last_lat=round(row["lat1"], 5), last_lon=round(row["lon1"], 5),
    )  # fmt: skip


def _nearest_inferred(sorties: list[Sortie], fields: Sequence[Airfield]) -> list[Sortie]:
    """An inferred event is a guess about the field; where fields are close (LFPG and LFPO are 33 km apart) the
    same track yields one guess per field. Keep the field nearest to the track's end, and drop the guess when
    an observed event of the same aircraft lies within INFERRED_CLASH."""
    where = {f.code: f for f in fields}
    observed = [s for s in sorties if not s.inferred]
    # Observed times per (aircraft, event): scanning every observed sortie for each guess took 0.19 s of a
    # 5 M-row run (2,500 sorties).
    seen: dict[tuple[str, str], list[datetime]] = {}
    for o in observed:
        seen.setdefault((o.icao24, o.event), []).append(o.time)
    guesses: dict[tuple[str, str, int], Sortie] = {}

    def distance(s: Sortie) -> float:
        f = where[s.airfield]
        lat, lon = (s.first_lat, s.first_lon) if s.event == "takeoff" else (s.last_lat, s.last_lon)
        return math.hypot((lat or 0) - f.lat, ((lon or 0) - f.lon) * f.coslat)

    for s in sorted((s for s in sorties if s.inferred), key=distance):
        if any(abs(t - s.time) <= INFERRED_CLASH for t in seen.get((s.icao24, s.event), ())):
            continue
        key = (s.icao24, s.event, int(s.time.timestamp() // INFERRED_CLASH.total_seconds()))
        guesses.setdefault(key, s)
    return observed + list(guesses.values())


def detect_sorties(
    path: str | Path,
    airfields: Sequence[Airfield],
    *,
    case: Case | None = None,
    engine: str = "duckdb",
    spark_master: str = "local[2]",
    fmt: str | None = None,
    params: Params = DEFAULT_PARAMS,
    wave_window: Any = DEFAULT_WAVE_WINDOW,
    progress: ProgressHook | None = None,
) -> SortieResult:
    """Takeoffs and landings at ``airfields`` in the track file at ``path``, sorted by time.

    Events are detected at every field the track may reach (the watched ones, and with a case its airfields and
    destinations) so that takeoffs get their destination; only the watched fields' sorties are returned.
    ``progress`` is called as each of :data:`STEPS` starts, with (steps done, steps, the step).
    """

    def step(done: int) -> None:
        if progress is not None:
            progress(done, len(STEPS), STEPS[done])

    step(0)
    runner = Engine(engine, spark_master)
    con = duckdb_connection()
    raw = read_tracks(con, path, fmt, numbered=False)
    raw.create_view("tracks_raw")
    # The row's place in the file, numbered by the scan when it can (Parquet), else after the zone filter.
    seq = "seq" if "seq" in raw.columns else "row_number() OVER ()"
    con.execute("CREATE TEMP VIEW tracks AS SELECT * FROM tracks_raw").fetchall()
    fields = known_fields(case, list(airfields))
    elevations = {f.code: f.elev_m if f.elev_m is not None else _estimate_elevation(con, f, params) for f in fields}
    table = _fields_table(con, fields, elevations, params)
    # The zone prefilter runs in DuckDB, which reads the file anyway, and is materialised once: the points
    # near any field are a few % of a state-vector dump, and every later step (and a Spark upload) sees only
    # them. Without it the input scan and its row numbering were repeated for each reference in the query.
    # One scan of the input feeds both the stage (the zones) and the coverage cones of the watched fields.
    zone = _boxes(fields, params.zone_km)
    # Only low reports count for coverage, so cruise traffic between 40 and 50 km out stays out of the scan's output.
    low = f"(alt_m < {COVERAGE_ALT_M!r} OR coalesce(onground, false))"
    cones = f"({_boxes(airfields, COVERAGE_KM)}) AND {low}"
    aircraft, callsigns = _coded_points(con, f"({zone}) OR ({cones})", zone, seq)
    rejected, named = rejected_rows(con, path)  # the scan above read every row once
    coverage = _coverage(con, airfields)
    con.execute("DROP TABLE zone_text").fetchall()
    step(1)
    points, field_table = runner.tables(con, "SELECT * FROM zone_points", table)
    events, counts, cached = sortie_events(points, field_table, params)
    # A FILTER count: DuckDB 2.0 folds isnan() inside expressions to false from Parquet statistics, which do
    # not record NaN; the filtered aggregate is evaluated row by row.
    nan_row = con.execute(
        "SELECT count(*) FILTER (WHERE lat IS NULL OR lon IS NULL OR isnan(lat) OR isnan(lon)) FROM tracks"
    ).fetchall()
    nan_positions = int(nan_row[0][0]) if nan_row else 0
    rows = runner.rows(events)
    count_row = runner.rows(counts)[0]
    cached.release()
    con.close()
    step(2)
    found = [_to_sortie(r, aircraft, callsigns, fields) for r in rows]
    sorties = link_destinations(_nearest_inferred(found, fields))
    watched = {f.code for f in airfields}
    kept = [with_aircraft(s, case) for s in sorties if s.airfield in watched]
    # With a case, waves are the actor's: civil traffic at a shared airport would split or merge them.
    if case is not None:
        fleet = [s for s in kept if is_fleet(s, case)]
        others = [s for s in kept if not is_fleet(s, case)]
        kept = assign_waves(fleet, wave_window) + others
    else:
        kept = assign_waves(kept, wave_window)
    kept.sort(key=lambda s: (s.time, s.airfield, s.icao24, s.event))
    cleaning = {"nan_positions": nan_positions, **{name: int(count_row[name] or 0) for name in CLEANING_COUNTS}}
    return SortieResult(kept, cleaning, engine, coverage, rejected, tuple(named))
