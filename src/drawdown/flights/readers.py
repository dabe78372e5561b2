"""Readers: every ADS-B input becomes one columnar schema (``COLUMNS``), as a DuckDB relation.

Inputs stay on disk where DuckDB can stream them (CSV, CSV.gz, Parquet), so a file larger than memory is
scanned in batches by DuckDB rather than loaded. JSON traces are small per aircraft and are parsed in Python.

The normalised schema:
    time (TIMESTAMPTZ, UTC), icao24 (lower-case hex), callsign (stripped, NULL when blank), lat, lon (degrees),
    alt_m (barometric, metres), gs_ms (ground speed, m/s), vrate_ms (vertical rate, m/s), onground (bool),
    and, from :func:`read_tracks`, seq: the row's place in the input, so out-of-order rows can be counted.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import duckdb
import pyarrow as pa

from drawdown.errors import InputError

COLUMNS: Final = ("time", "icao24", "callsign", "lat", "lon", "alt_m", "gs_ms", "vrate_ms", "onground", "seq")
FORMATS: Final = ("opensky", "traffic", "readsb")
FT: Final = 0.3048
KT: Final = 0.514444
FPM: Final = FT / 60
# readsb traces are one JSON document per aircraft; anything bigger is not a trace.
MAX_TRACE_BYTES: Final = 64 * 1024 * 1024

OPENSKY_REQUIRED: Final = ("time", "icao24", "lat", "lon", "baroaltitude", "velocity", "vertrate", "onground")
TRAFFIC_REQUIRED: Final = ("timestamp", "icao24", "latitude", "longitude", "altitude")

_SCHEMA = pa.schema(
    [
        ("time", pa.timestamp("us", tz="UTC")),
        ("icao24", pa.string()),
        ("callsign", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("alt_m", pa.float64()),
        ("gs_ms", pa.float64()),
        ("vrate_ms", pa.float64()),
        ("onground", pa.bool_()),
        ("seq", pa.int64()),
    ]
)


# The column DuckDB adds to a Parquet scan with each row's place in the file.
_ROW_NUMBER: Final = "file_row_number"


def _scan(con: duckdb.DuckDBPyConnection, path: Path) -> str:
    """The DuckDB table function that scans ``path`` (CSV, CSV.gz or Parquet)."""
    quoted = str(path).replace("'", "''")
    name = path.name.lower()
    if name.endswith((".parquet", ".pq")):
        # The scan numbers rows itself, in parallel; row_number() OVER () would pin the read to one thread.
        return f"read_parquet('{quoted}', {_ROW_NUMBER} = true)"
    if name.endswith((".csv", ".csv.gz", ".tsv", ".txt")):
        # OpenSky's own exports quote nothing and may leave fields empty; every column read as text first
        # would be slower, so DuckDB sniffs the types on a sample as usual. The delimiter comes from the header
        # (a short row would otherwise throw the sniffer off), and rows that do not fit the types or the
        # header (a word where a number belongs, a cut row) are set aside in reject_errors and reported by
        # :func:`rejected_rows`, not raised mid-scan.
        delim = _delimiter(path)
        return (
            f"read_csv('{quoted}', header = true, delim = '{delim}', quote = '\"', sample_size = 20480,"
            " store_rejects = true)"
        )
    raise InputError(
        f"{path}: unknown flight file type", fix="give a .csv, .csv.gz, .parquet or readsb .json/.json.gz trace"
    )


def _header(path: Path) -> tuple[str, list[str]]:
    """The header line's delimiter (tab, semicolon or, by default, comma) and its column names."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            header = handle.readline(64 * 1024).decode("utf-8", "replace")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc})", fix="check that the file is complete") from None
    counts = {d: header.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: counts[d])
    delim = best if counts[best] else ","
    return delim, [name.strip().strip('"') for name in header.rstrip("\r\n").split(delim)]


def _delimiter(path: Path) -> str:
    return _header(path)[0]


# How many rejected rows are named one by one; the rest are counted.
REJECTS_NAMED: Final = 5


def rejected_rows(con: duckdb.DuckDBPyConnection, path: str | Path) -> tuple[int, list[str]]:
    """(how many rows of a CSV scan were set aside, one line for each of the first few: ``file:line: column:
    value`` for a value of the wrong type, ``file:line: …`` for a row of the wrong width)."""
    try:
        rows = con.execute(
            "SELECT line, any_value(column_idx), any_value(column_name), any_value(error_type::VARCHAR),"
            " any_value(csv_line), any_value(error_message) FROM reject_errors GROUP BY line ORDER BY line"
        ).fetchall()
    except duckdb.CatalogException:  # no CSV was scanned
        return 0, []
    named = []
    delim, names = _header(Path(path)) if rows else (",", [])
    for line, _index, column, kind, csv_line, message in rows[:REJECTS_NAMED]:
        if kind == "CAST":
            cells = str(csv_line).split(delim)
            at = names.index(column) if column in names else -1
            value = cells[at] if 0 <= at < len(cells) else ""
            named.append(f"{path}:{line}: {column}: {value!r} is not of the column's type")
        else:
            named.append(f"{path}:{line}: {str(message).splitlines()[0]}")
    return len(rows), named


def _columns(con: duckdb.DuckDBPyConnection, scan: str, path: Path) -> dict[str, str]:
    """The file's columns and their DuckDB types, in file order."""
    try:
        return {str(row[0]): str(row[1]).upper() for row in con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()}
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise InputError(
            f"{path}: cannot read ({first})", fix="check that the file is complete and not empty"
        ) from None


# The column `drawdown flights simulate` adds to every file it writes, so that ingest labels its sorties simulated
# without being told (readers ignore columns they do not use).
SIMULATED_COLUMN: Final = "drawdown_simulated"


def marked_simulated(path: str | Path) -> bool:
    """Whether the state-vector file carries the simulator's column (CSV header or Parquet schema)."""
    path = Path(path)
    if path.name.lower().endswith(".parquet"):
        import pyarrow.parquet as pq

        try:
            return SIMULATED_COLUMN in pq.read_schema(path).names
        except (OSError, pa.ArrowInvalid):
            return False  # the reader names what is wrong with the file
    if path.name.lower().endswith((".csv", ".csv.gz", ".tsv", ".tsv.gz")):
        return SIMULATED_COLUMN in _header(path)[1]
    return False


def sniff_format(columns: list[str]) -> str:
    cols = set(columns)
    if set(OPENSKY_REQUIRED) <= cols:
        return "opensky"
    if set(TRAFFIC_REQUIRED) <= cols:
        return "traffic"
    return "unknown"


# Column types that need no parsing. A column read as its own type (rather than through TRY_CAST or a text
# comparison) lets DuckDB push the zone filter on lat/lon into the Parquet scan: on 5 M simulated rows the
# prefilter went from 0.9 s to 0.4 s, because the other columns are then converted for the kept rows only.
_INTEGERS = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT")
_NUMBERS = ("DOUBLE", "FLOAT", "REAL", *_INTEGERS)


def _bool(name: str, types: dict[str, str]) -> str:
    """Column ``name`` as a boolean, false when missing or unreadable."""
    if types.get(name) == "BOOLEAN":
        return f"coalesce({name}, false)"
    # OpenSky CSV exports write booleans as true/false, 1/0 or True/False depending on the tool.
    return f"CASE WHEN lower(CAST({name} AS VARCHAR)) IN ('true', '1', 't') THEN true ELSE false END"


def _num(name: str, types: dict[str, str]) -> str:
    """Column ``name`` as a DOUBLE, parsed only when the file does not already hold numbers there."""
    kind = types.get(name, "")
    if kind == "DOUBLE":
        return name
    if kind in _NUMBERS or kind.startswith("DECIMAL"):
        return f"CAST({name} AS DOUBLE)"
    return f"TRY_CAST({name} AS DOUBLE)"


# Epoch seconds outside 1970-2100 are garbage, not times: they become NULL (and the row is dropped) instead of
# failing the scan with DuckDB's "out of range" error.
_EPOCH_MAX: Final = 4_102_444_800


def _time(name: str, types: dict[str, str]) -> str:
    """Column ``name`` as a TIMESTAMPTZ: a timestamp as it is, numbers as epoch seconds, text parsed as either."""
    kind = types.get(name, "")
    if kind.startswith("TIMESTAMP"):
        return f"CAST({name} AS TIMESTAMPTZ)"
    seconds = _num(name, types)
    epoch = f"CASE WHEN {seconds} BETWEEN 0 AND {_EPOCH_MAX} THEN to_timestamp({seconds}) END"
    if kind in _NUMBERS or kind.startswith("DECIMAL") or kind == "DOUBLE":
        return epoch
    return f"coalesce(TRY_CAST({name} AS TIMESTAMPTZ), {epoch})"


def _callsign(expr: str) -> str:
    return f"nullif(trim(CAST({expr} AS VARCHAR)), '')"


def _opensky_select(scan: str, types: dict[str, str], seq: str = "") -> str:
    # OpenSky's CSV exports carry epoch seconds; pyopensky's frames (saved to Parquet) carry timestamps.
    cs = _callsign("callsign") if "callsign" in types else "NULL::VARCHAR"
    return f"""
        SELECT {_time("time", types)} AS time,
               lower(trim(CAST(icao24 AS VARCHAR))) AS icao24,
               {cs} AS callsign,
               {_num("lat", types)} AS lat, {_num("lon", types)} AS lon,
               {_num("baroaltitude", types)} AS alt_m, {_num("velocity", types)} AS gs_ms,
               {_num("vertrate", types)} AS vrate_ms,
               {_bool("onground", types)} AS onground{seq}
        FROM {scan}
        WHERE time IS NOT NULL AND icao24 IS NOT NULL AND {_time("time", types)} IS NOT NULL
    """


def _traffic_select(scan: str, types: dict[str, str], seq: str = "") -> str:
    gs = f"{_num('groundspeed', types)} * {KT}" if "groundspeed" in types else "NULL::DOUBLE"
    vr = f"{_num('vertical_rate', types)} * {FPM}" if "vertical_rate" in types else "NULL::DOUBLE"
    og = _bool("onground", types) if "onground" in types else "false"
    cs = _callsign("callsign") if "callsign" in types else "NULL::VARCHAR"
    return f"""
        SELECT {_time("timestamp", types)} AS time,
               lower(trim(CAST(icao24 AS VARCHAR))) AS icao24, {cs} AS callsign,
               {_num("latitude", types)} AS lat, {_num("longitude", types)} AS lon,
               {_num("altitude", types)} * {FT} AS alt_m, {gs} AS gs_ms, {vr} AS vrate_ms, {og} AS onground{seq}
        FROM {scan}
        WHERE timestamp IS NOT NULL AND icao24 IS NOT NULL AND {_time("timestamp", types)} IS NOT NULL
    """


def _numbered(select: str) -> str:
    # DuckDB keeps insertion order, so row_number() over the scan is the row's place in the file. A filter
    # applied on top keeps the relative order, which is all the out-of-order count needs.
    return f"SELECT *, row_number() OVER () AS seq FROM ({select})"


def read_tracks(
    con: duckdb.DuckDBPyConnection, path: str | Path, fmt: str | None = None, *, numbered: bool = True
) -> duckdb.DuckDBPyRelation:
    """A lazy relation over ``path`` in the normalised schema.

    ``fmt`` is opensky, traffic or readsb (default: sniffed from the name and columns). ``numbered=False``
    leaves out ``seq`` (for callers that filter first and number after, which is much cheaper on big files)
    unless the scan numbers rows for free (Parquet's ``file_row_number``): check the relation's columns."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file", fix="check the path")
    if fmt not in (None, *FORMATS):
        raise InputError(f"--format-in {fmt!r} is not known", fix=f"use one of {', '.join(FORMATS)}")
    lowered = path.name.lower()
    if fmt == "readsb" or lowered.endswith((".json", ".json.gz")):
        table = readsb_table(path)
        return con.from_arrow(table)
    scan = _scan(con, path)
    types = _columns(con, scan, path)
    free = types.pop(_ROW_NUMBER, None) is not None
    columns = list(types)
    found = fmt or sniff_format(columns)
    seq = f", {_ROW_NUMBER} + 1 AS seq" if free else ""  # counted from 1, as row_number() does
    number = _numbered if numbered and not free else (lambda select: select)
    try:
        if found == "opensky":
            return con.sql(number(_opensky_select(scan, types, seq)))
        if found == "traffic":
            return con.sql(number(_traffic_select(scan, types, seq)))
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0]
        raise InputError(f"{path}: cannot read ({first})", fix="check the column types") from None
    raise InputError(
        f"{path}: columns {', '.join(columns[:12])} are neither OpenSky state vectors nor a traffic frame",
        fix=f"an OpenSky file needs {', '.join(OPENSKY_REQUIRED)}; a traffic frame {', '.join(TRAFFIC_REQUIRED)}",
    )


# ------------------------------------------------------------------------------------------ readsb traces


def _trace_rows(doc: dict[str, Any], where: str) -> Iterator[tuple[Any, ...]]:
    """Rows of one readsb / ADS-B Exchange trace: {"icao", "timestamp", "trace": [[dt, lat, lon, alt, gs, ...]]}.

    ``alt`` is feet or the string "ground"; ``gs`` knots; index 7 (when present) the vertical rate in ft/min;
    index 8 an object that may carry the callsign as "flight".
    """
    icao = doc.get("icao")
    base = doc.get("timestamp")
    trace = doc.get("trace")
    if not isinstance(icao, str) or not isinstance(base, int | float) or not isinstance(trace, list):
        raise InputError(f"{where}: not a readsb trace", fix='a trace needs "icao", "timestamp" and "trace" keys')
    callsign: str | None = None
    for i, point in enumerate(trace):
        if not isinstance(point, list) or len(point) < 5:
            raise InputError(f"{where}: trace point {i} is not [dt, lat, lon, alt, gs, ...]", fix="check the file")
        dt, lat, lon, alt, gs = point[:5]
        extra = point[8] if len(point) > 8 and isinstance(point[8], dict) else None
        if extra and isinstance(extra.get("flight"), str):
            callsign = extra["flight"].strip() or callsign
        ground = alt == "ground"
        alt_m = None if ground or alt is None else float(alt) * FT
        vrate = float(point[7]) * FPM if len(point) > 7 and isinstance(point[7], int | float) else None
        yield (
            float(base) + float(dt),
            icao.lower().strip(),
            callsign,
            lat,
            lon,
            alt_m,
            None if gs is None else float(gs) * KT,
            vrate,
            ground,
        )


def readsb_table(path: Path) -> pa.Table:
    """Parse a readsb trace file (``.json`` or ``.json.gz``; one trace, or a list of traces) into the schema."""
    if path.stat().st_size > MAX_TRACE_BYTES:
        raise InputError(f"{path}: larger than {MAX_TRACE_BYTES >> 20} MiB", fix="split the traces into files")
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not JSON ({exc})", fix="give a readsb trace_full_*.json file") from None
    docs = data if isinstance(data, list) else [data]
    rows = [row for doc in docs for row in _trace_rows(doc if isinstance(doc, dict) else {}, str(path))]
    cols: list[Any] = list(zip(*rows, strict=True)) if rows else [[] for _ in range(9)]
    return pa.table(
        {
            "time": pa.array([int(t * 1_000_000) for t in cols[0]], pa.int64()).cast(pa.timestamp("us", tz="UTC")),
            "icao24": pa.array(cols[1], pa.string()),
            "callsign": pa.array(cols[2], pa.string()),
            "lat": pa.array(cols[3], pa.float64()),
            "lon": pa.array(cols[4], pa.float64()),
            "alt_m": pa.array(cols[5], pa.float64()),
            "gs_ms": pa.array(cols[6], pa.float64()),
            "vrate_ms": pa.array(cols[7], pa.float64()),
            "onground": pa.array(cols[8], pa.bool_()),
            "seq": pa.array(range(1, len(rows) + 1), pa.int64()),
        },
        schema=_SCHEMA,
    )
