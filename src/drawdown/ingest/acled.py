"""ACLED CSV exports: each event row becomes a report whose text is its ``notes``.

The row keeps what the Assess stage and a map need: event_date (the publication time of the report), location,
latitude/longitude and the source(s) ACLED cites (the outlet). Malformed rows fail one by one, with their line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from drawdown.errors import InputError
from drawdown.ingest.decode import CSV_MAX_BYTES, Defaults, Item, decode_text, load_bytes, parse_published
from drawdown.model import Document, IngestFailure

REQUIRED = ("event_date", "notes")
KEPT = (
    "event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
    "location", "latitude", "longitude", "geo_precision", "time_precision", "source", "source_scale", "fatalities",
)  # fmt: skip
MAX_FIELD = 100_000  # characters; ACLED notes are a few sentences


def is_acled_header(first_line: str) -> bool:
    names = {n.strip().strip('"').lower() for n in first_line.split(",")}
    return {"event_date", "notes"} <= names and ("event_id_cnty" in names or "event_type" in names)


def parse_event_date(value: str, where: str) -> datetime:
    """ACLED writes ``2024-12-14`` in API exports and ``14 December 2024`` in the export tool."""
    value = value.strip()
    for pattern in ("%d %B %Y", "%d-%B-%Y", "%Y/%m/%d"):
        try:
            return datetime.strptime(value, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    parsed = parse_published(value, f"{where}: event_date")
    if parsed is None:
        raise InputError(f"{where}: empty event_date", fix="every ACLED row needs its event_date")
    return parsed


def read_acled_file(path: Path, defaults: Defaults, max_bytes: int) -> Iterator[Item]:
    """The whole table, zipped or not, under the event-table cap when that is the larger."""
    yield from read_acled(load_bytes(path, max(max_bytes, CSV_MAX_BYTES)), str(path))


def read_acled(raw: bytes, where: str) -> Iterator[Item]:
    try:
        text = decode_text(raw, where)
    except InputError as exc:
        yield IngestFailure(where, exc.one_line())
        return
    csv.field_size_limit(MAX_FIELD)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    names = [n.strip().lower() for n in reader.fieldnames or []]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        yield IngestFailure(
            where, f"{where}: not an ACLED export (no {', '.join(missing)} column); pass --format for other CSVs"
        )
        return
    reader.fieldnames = names
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield IngestFailure(f"{where}:{line}", f"{where}:{line}: malformed CSV ({exc}); fix the quoting")
            return  # the csv module cannot resynchronise after a broken quote
        try:
            yield _row(row, f"{where}:{reader.line_num}")
        except InputError as exc:
            yield IngestFailure(f"{where}:{reader.line_num}", exc.one_line())


def _row(row: dict[str | None, str | list[str] | None], where: str) -> Document:
    if None in row:
        raise InputError(f"{where}: more fields than the header", fix="check the row's quoting")
    values = {k: v.strip() for k, v in row.items() if isinstance(k, str) and isinstance(v, str)}
    notes = values.get("notes", "")
    if not notes:
        raise InputError(f"{where}: empty notes", fix="ACLED rows without notes carry no report text; drop them")
    for coordinate in ("latitude", "longitude"):
        value = values.get(coordinate)
        if value:
            try:
                number = float(value)
            except ValueError:
                raise InputError(f"{where}: {coordinate} {value!r} is not a number", fix="fix the cell") from None
            limit = 90 if coordinate == "latitude" else 180
            if not -limit <= number <= limit:
                raise InputError(f"{where}: {coordinate} {value} is out of range", fix="fix the cell")
    published = parse_event_date(values.get("event_date", ""), where)
    event_id = values.get("event_id_cnty") or None
    title = " · ".join(v for v in (values.get("sub_event_type"), values.get("location")) if v) or None
    return Document(
        text=notes,
        locator=where,
        format="acled",
        url=None,
        outlet=values.get("source") or None,
        published=published,
        title=title,
        external_id=event_id,
        meta={k: values[k] for k in KEPT if values.get(k)},
    )
