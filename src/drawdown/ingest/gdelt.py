"""GDELT 2.0 event and mention files (tab-separated, no header): rows become reports keyed by source URL.

An event file codes each event once with the article it came from (SOURCEURL); a mention file lists every
article that mentioned an event (MentionIdentifier). Rows are grouped by URL: one report per article, whose text
describes the coded events until the page itself is fetched (``drawdown ingest --fetch-pages``), which replaces
it with the article's main text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from drawdown.errors import InputError
from drawdown.ingest.decode import CSV_MAX_BYTES, Defaults, Item, decode_text, load_bytes
from drawdown.model import Document, IngestFailure

EVENT_COLUMNS = 61
MENTION_COLUMNS = 16
# Column positions in the GDELT 2.0 event codebook (0-based).
E_ID, E_SQLDATE, E_ACTOR1, E_ACTOR2, E_CODE, E_GOLDSTEIN = 0, 1, 6, 16, 26, 30
E_PLACE, E_COUNTRY, E_LAT, E_LON, E_ADDED, E_URL = 52, 53, 56, 57, 59, 60
# Mention file: GLOBALEVENTID, EventTimeDate, MentionTimeDate, MentionType, MentionSourceName, MentionIdentifier.
M_ID, M_EVENT_TIME, M_TIME, M_TYPE, M_SOURCE, M_URL = 0, 1, 2, 3, 4, 5


# A file is sniffed on its first few rows, so that one cut row (a truncated download) does not hide the rest.
SNIFF_ROWS = 5


def gdelt_kind(line: str) -> str | None:
    """'events' or 'mentions' when the line has the shape of one, else None."""
    cells = line.rstrip("\r\n").split("\t")
    if len(cells) == EVENT_COLUMNS and cells[0].isdigit() and cells[1].isdigit():
        return "events"
    if len(cells) == MENTION_COLUMNS and cells[0].isdigit() and cells[2].isdigit():
        return "mentions"
    return None


def sniff_gdelt(lines: list[str]) -> str | None:
    """The kind of the first whole GDELT row among the first few lines, or None."""
    for line in lines[:SNIFF_ROWS]:
        kind = gdelt_kind(line)
        if kind is not None:
            return kind
    return None


def near_gdelt(lines: list[str]) -> str | None:
    """Why rows that look like GDELT's (tab-separated, a numeric id first) are not read as GDELT 2.0, or None."""
    for line in lines[:SNIFF_ROWS]:
        cells = line.rstrip("\r\n").split("\t")
        if len(cells) >= 8 and cells[0].isdigit():
            return (
                f"its rows have {len(cells)} tab-separated columns, where a GDELT 2.0 event row has {EVENT_COLUMNS}"
                f" and a mention row {MENTION_COLUMNS} (GDELT 1.0 files have 57 or 58)"
            )
    return None


def _stamp(value: str, where: str) -> datetime:
    value = value.strip()
    for pattern in ("%Y%m%d%H%M%S", "%Y%m%d"):
        try:
            return datetime.strptime(value, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise InputError(f"{where}: date {value!r} is not YYYYMMDD[HHMMSS]", fix="check the file is GDELT 2.0")


def read_gdelt_file(path: Path, defaults: Defaults, max_bytes: int) -> Iterator[Item]:
    """The whole table, zipped or not, under the event-table cap when that is the larger."""
    yield from read_gdelt(load_bytes(path, max(max_bytes, CSV_MAX_BYTES)), str(path))


def read_gdelt(raw: bytes, where: str) -> Iterator[Item]:
    try:
        text = decode_text(raw, where)
    except InputError as exc:
        yield IngestFailure(where, exc.one_line())
        return
    kind = sniff_gdelt(text.split("\n", SNIFF_ROWS)[:SNIFF_ROWS])
    if kind is None:
        why = near_gdelt(text.split("\n", SNIFF_ROWS)[:SNIFF_ROWS]) or "none of its first rows is a GDELT row"
        yield IngestFailure(where, f"{where}: not a GDELT 2.0 event or mention file: {why}; check the file or --format")
        return
    width = EVENT_COLUMNS if kind == "events" else MENTION_COLUMNS
    articles: dict[str, dict[str, object]] = {}
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    for number, cells in enumerate(reader, start=1):
        at = f"{where}:{number}"
        if not cells or cells == [""]:
            continue
        try:
            if len(cells) != width:
                raise InputError(f"{at}: {len(cells)} columns, expected {width}", fix="the row is cut or merged")
            url, published, line = _event(cells, at) if kind == "events" else _mention(cells, at)
        except InputError as exc:
            yield IngestFailure(at, exc.one_line())
            continue
        article = articles.setdefault(url, {"published": published, "lines": [], "where": at, "ids": []})
        lines = article["lines"]
        ids = article["ids"]
        assert isinstance(lines, list) and isinstance(ids, list)
        if line not in lines:
            lines.append(line)
        ids.append(cells[0])
    for url, article in articles.items():
        lines = article["lines"]
        ids = article["ids"]
        assert isinstance(lines, list) and isinstance(ids, list)
        stamp = article["published"]
        assert isinstance(stamp, datetime)
        yield Document(
            text="\n".join(lines),
            locator=str(article["where"]),
            format=f"gdelt-{kind}",
            url=url,
            outlet=None,
            published=stamp,
            title=None,
            external_id=None,
            meta={"gdelt_event_ids": ",".join(ids[:200])},
        )


def _event(cells: list[str], at: str) -> tuple[str, datetime, str]:
    url = cells[E_URL].strip()
    if not url.startswith(("http://", "https://")):
        raise InputError(f"{at}: SOURCEURL {url[:60]!r} is not an http(s) URL", fix="the row cannot be keyed")
    published = _stamp(cells[E_ADDED] or cells[E_SQLDATE], at)
    actors = " and ".join(a for a in (cells[E_ACTOR1], cells[E_ACTOR2]) if a) or "unnamed actors"
    place = cells[E_PLACE] or "an unknown place"
    where = f" ({cells[E_LAT]}, {cells[E_LON]})" if cells[E_LAT] and cells[E_LON] else ""
    line = (
        f"GDELT event {cells[E_ID]} on {_stamp(cells[E_SQLDATE], at).date()}: CAMEO code {cells[E_CODE]} "
        f"involving {actors} at {place}{where}, Goldstein {cells[E_GOLDSTEIN] or '?'}."
    )
    return url, published, line


def _mention(cells: list[str], at: str) -> tuple[str, datetime, str]:
    url = cells[M_URL].strip()
    if cells[M_TYPE] != "1" or not url.startswith(("http://", "https://")):
        raise InputError(f"{at}: mention is not a web article (type {cells[M_TYPE]})", fix="only type 1 is read")
    published = _stamp(cells[M_TIME], at)
    line = f"Mentions GDELT event {cells[M_ID]} ({_stamp(cells[M_EVENT_TIME], at).date()}) via {cells[M_SOURCE]}."
    return url, published, line
