"""Fuzzing every reader and the case loader (slow suite): hostile input ends as items and one-line failures that
name where, or as one clear :class:`DrawdownError`; never as any other exception.

Inputs are built from the shape each format has (a header, rows, a front-matter block, a feed skeleton) with
hypothesis filling the cells with anything, so that the examples reach past the first sanity check.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from datetime import UTC, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drawdown.case import load_case
from drawdown.errors import CaseError, DrawdownError, InputError
from drawdown.flights.readers import OPENSKY_REQUIRED, TRAFFIC_REQUIRED, read_tracks
from drawdown.ingest.acled import read_acled
from drawdown.ingest.decode import Defaults
from drawdown.ingest.feeds import MAX_ENTRIES, parse_feed
from drawdown.ingest.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, read_gdelt
from drawdown.ingest.readers import read_html, read_jsonl, read_markdown
from drawdown.model import Document, IngestFailure

pytestmark = pytest.mark.slow

# CI runs 10,000 examples a target; DRAWDOWN_FUZZ_EXAMPLES=200 gives a quick local run.
EXAMPLES = int(os.environ.get("DRAWDOWN_FUZZ_EXAMPLES", "10000"))
# Derandomized: CI runs the same examples as a local run, so a red build is always reproducible.
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
WHERE = "fuzzed.input"
DEFAULTS = Defaults(url=None, outlet=None, published=None)
# One connection and one folder for all examples: a connection or a folder per example would be most of the cost.
CON = duckdb.connect()
FOLDER = Path(tempfile.mkdtemp(prefix="drawdown-fuzz-"))

cell = st.one_of(
    st.text(max_size=30),
    st.integers(-(10**12), 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["", "true", "false", "NaN", "null", "2024-12-14", "14 December 2024", '"', "\\", "\x00", "𝟘"]),
)
wordy = st.text(alphabet=st.characters(codec="utf-8"), max_size=200)


def _check_items(items: Iterable[object], where: str) -> None:
    for item in items:
        assert isinstance(item, Document | IngestFailure), type(item)
        if isinstance(item, IngestFailure):
            assert where in item.message and "\n" not in item.message, item.message


def _clear(error: DrawdownError, where: str) -> None:
    """A DrawdownError is an allowed outcome when it is one line naming the input."""
    message = error.one_line()
    assert "\n" not in message and where in message, message


def _drained(run: object, where: str) -> None:
    """Run a reader to the end: its items are checked, and a DrawdownError is allowed when it is one line."""
    try:
        _check_items(run() if callable(run) else run, where)  # type: ignore[arg-type]
    except DrawdownError as exc:
        _clear(exc, where)


@FUZZ
@given(st.binary(max_size=2000) | wordy.map(lambda t: f"<html><title>{t}</title><p>{t}</p>".encode()))
def test_html(raw: bytes) -> None:
    _drained(lambda: [read_html(raw, WHERE, DEFAULTS)], WHERE)


@FUZZ
@given(st.lists(st.tuples(st.text(max_size=12), cell), max_size=8), wordy, st.booleans())
def test_markdown_front_matter(meta: list[tuple[str, str]], body: str, colon: bool) -> None:
    lines = [f"{k}{':' if colon else ''} {v}".replace("\n", " ") for k, v in meta]
    text = "---\n" + "\n".join(lines) + "\n---\n" + body
    _drained(lambda: [read_markdown(text, WHERE, DEFAULTS)], WHERE)


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
report_record = st.fixed_dictionaries(
    {},
    optional=dict.fromkeys(("id", "url", "outlet", "published", "title", "text"), json_value),
)


@FUZZ
@given(st.lists(report_record.map(json.dumps) | st.binary(max_size=80).map(lambda b: b.decode("latin-1")), max_size=5))
def test_jsonl(lines: list[str]) -> None:
    path = FOLDER / "fuzzed.jsonl"
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
    _drained(lambda: read_jsonl(path), str(path))


@FUZZ
@given(st.lists(st.tuples(cell, cell, cell, cell, cell), max_size=5), st.booleans())
def test_acled_csv(rows: list[tuple[str, ...]], quoted: bool) -> None:
    header = "event_id_cnty,event_date,location,latitude,longitude,source,notes"
    quote = (lambda v: '"' + v.replace('"', '""') + '"') if quoted else (lambda v: v)
    body = "\n".join(",".join(quote(v) for v in ("X1", r[0], r[1], r[2], r[3], r[4], "Trucks left.")) for r in rows)
    _drained(lambda: read_acled(f"{header}\n{body}\n".encode("utf-8", "surrogatepass"), WHERE), WHERE)


@FUZZ
@given(st.lists(st.lists(cell, min_size=1, max_size=8), max_size=4), st.sampled_from([EVENT_COLUMNS, MENTION_COLUMNS]))
def test_gdelt(rows: list[list[str]], width: int) -> None:
    lines = []
    for cells in rows:  # rows of the right width, with fuzzed values in the first cells, or of a wrong width
        padded = [*cells, *[""] * (width - len(cells))] if len(cells) % 2 else cells
        lines.append("\t".join(c.replace("\n", " ").replace("\t", " ") for c in padded))
    _drained(lambda: read_gdelt("\n".join(lines).encode("utf-8", "surrogatepass"), WHERE), WHERE)


@FUZZ
@given(st.lists(st.tuples(wordy, cell, cell), max_size=4), st.sampled_from(["rss", "atom", "junk"]))
def test_feeds(entries: list[tuple[str, str, str]], kind: str) -> None:
    def esc(value: str) -> str:
        return value.replace("&", "&amp;").replace("<", "&lt;")

    if kind == "rss":
        items = "".join(f"<item><title>{esc(t)}</title><link>{esc(link)}</link><guid>{esc(g)}</guid></item>"
                        for t, link, g in entries)  # fmt: skip
        doc = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    elif kind == "atom":
        items = "".join(f"<entry><title>{esc(t)}</title><link href='{esc(link)}'/><id>{esc(g)}</id></entry>"
                        for t, link, g in entries)  # fmt: skip
        doc = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">{items}</feed>'
    else:
        doc = "".join(t for t, _, _ in entries)
    try:
        parse_feed(doc.encode("utf-8", "surrogatepass"), WHERE)
    except DrawdownError as exc:
        _clear(exc, WHERE)


# The streamed feed reader (feeds over 2 MB): the document elements of RSS 2.0, RSS 1.0 and Atom with the prefixes
# an entry's children use, entries built from the children and attributes the reader looks at, fuzzed values, and
# the ways a hostile document goes wrong (a DTD with entities, an encoding, invalid UTF-8, a cut).
PREFIXES = (
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:atom="http://www.w3.org/2005/Atom" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
)
FEED_SHELLS = {
    "rss": (f'<rss version="2.0" {PREFIXES}><channel><title>t</title>', "item", "</channel></rss>"),
    "rdf": (f'<rdf:RDF xmlns="http://purl.org/rss/1.0/" {PREFIXES}>', "item", "</rdf:RDF>"),
    "atom": (f'<feed xmlns="http://www.w3.org/2005/Atom" {PREFIXES}>', "entry", "</feed>"),
}
FEED_CHILDREN = ("guid", "id", "link", "title", "pubDate", "published", "updated", "issued", "modified", "dc:date",
                 "dcterms:issued", "atom:link", "source", "item", "entry")  # fmt: skip
FEED_ATTRIBUTES = ("isPermaLink", "rel", "type", "href", "rdf:about", "xml:base")
PROLOGUES = (
    "",
    '<?xml version="1.0" encoding="utf-8"?>',
    '<?xml version="1.0" encoding="iso-8859-1"?>',
    '<?xml version="1.0" encoding="no-such-encoding"?>',
    '<!DOCTYPE rss [<!ENTITY e "expanded"><!ENTITY f SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/feed.dtd">',
    '<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
)
feed_date = st.builds(
    lambda moment, minutes, iso: (moment.replace(tzinfo=timezone(timedelta(minutes=minutes)))).isoformat()
    if iso else format_datetime(moment.replace(tzinfo=timezone(timedelta(minutes=minutes)))),
    st.datetimes(), st.integers(-1439, 1439), st.booleans(),
)  # fmt: skip
# Mostly characters XML allows, so that most documents parse and the entries' fields are reached.
feed_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=60)
feed_value = st.one_of(
    feed_text, feed_text, feed_date, feed_date, cell.map(lambda value: value.replace("\x00", "")),
    st.sampled_from(["&e;", "&f;", "&b;", "&amp;", "&#0;", "<b>x</b>", "]]>", "true", "false", "alternate", "html"]),
)  # fmt: skip


def _escaped(value: str, escape: bool) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;") if escape else value


feed_child = st.tuples(
    st.sampled_from(FEED_CHILDREN),
    st.lists(st.tuples(st.sampled_from(FEED_ATTRIBUTES), feed_value), max_size=2, unique_by=lambda a: a[0]),
    feed_value,
    st.booleans(),
).map(lambda c: (f"<{c[0]}" + "".join(f' {k}="{_escaped(v, True)}"' for k, v in c[1]) + ">"
                 f"{_escaped(c[2], c[3])}</{c[0]}>"))  # fmt: skip


@FUZZ
@given(
    st.sampled_from(sorted(FEED_SHELLS)),
    st.sampled_from(PROLOGUES),
    st.lists(st.tuples(st.lists(feed_child, max_size=6), feed_value | st.none()), max_size=5),
    st.one_of(st.none(), st.none(), st.none(), st.integers(0, 3000)),
)
def test_streamed_feed(kind: str, prologue: str, entries: list[tuple[list[str], str | None]], cut: int | None) -> None:
    """The streamed reader gives entries keyed, within the limit and dated in UTC, or one InputError naming it."""
    head, tag, tail = FEED_SHELLS[kind]
    items = "".join(
        f"<{tag}" + ("" if about is None else f' rdf:about="{_escaped(about, True)}"') + ">" + "".join(children)
        + f"</{tag}>"
        for children, about in entries
    )  # fmt: skip
    doc = (prologue + head + items + tail).encode("utf-8", "surrogatepass")
    try:
        parsed = parse_feed(doc if cut is None else doc[:cut], WHERE, stream=True)
    except InputError as exc:
        _clear(exc, WHERE)
        return
    assert len(parsed) <= MAX_ENTRIES
    for entry in parsed:
        assert entry.key and len(entry.key) <= 2000
        assert entry.published is None or entry.published.tzinfo == UTC


def _read_all(path: Path) -> None:
    try:
        read_tracks(CON, path).fetchall()  # every value converted: a bad one deep in the file surfaces here
    except DrawdownError as exc:
        _clear(exc, str(path))


@FUZZ
@given(st.lists(st.lists(cell, min_size=len(OPENSKY_REQUIRED), max_size=len(OPENSKY_REQUIRED)), max_size=4))
def test_state_vectors_csv(rows: list[list[str]]) -> None:
    good = ["1734158167", "154d29", "35.4", "35.3", "3223", "230", "-6", "false"]
    path = FOLDER / "states.csv"
    lines = [",".join(OPENSKY_REQUIRED), *[",".join(good)] * 3]
    lines += [",".join(c.replace("\n", " ").replace(",", " ") for c in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    _read_all(path)


column_values = st.one_of(
    st.lists(st.floats(allow_nan=True) | st.none(), min_size=2, max_size=2),
    st.lists(st.text(max_size=8) | st.none(), min_size=2, max_size=2),
    st.lists(st.booleans() | st.none(), min_size=2, max_size=2),
    st.lists(st.integers(-(2**62), 2**62) | st.none(), min_size=2, max_size=2),
)


@FUZZ
@given(st.sampled_from([OPENSKY_REQUIRED, TRAFFIC_REQUIRED]), st.lists(column_values, min_size=8, max_size=8))
def test_state_vectors_parquet(names: tuple[str, ...], columns: list[list[object]]) -> None:
    """OpenSky state vectors and traffic frames as Parquet, each column of any type."""
    path = FOLDER / "states.parquet"
    pq.write_table(pa.table(dict(zip(names, columns, strict=False))), path)
    _read_all(path)


trace_point = st.lists(st.none() | st.floats(allow_nan=True) | st.integers() | st.text(max_size=5), max_size=9)


@FUZZ
@given(st.fixed_dictionaries({}, optional={"icao": json_value, "timestamp": json_value, "r": json_value,
                                           "trace": st.lists(trace_point, max_size=4) | json_value}))  # fmt: skip
def test_readsb_json(doc: dict[str, object]) -> None:
    path = FOLDER / "trace_full_x.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    _read_all(path)


BUNDLED = Path(__file__).resolve().parents[1] / "src" / "drawdown" / "cases" / "syria-2024.toml"


@FUZZ
@given(st.data())
def test_case_loader(data: st.DataObject) -> None:
    """A real case file with one line replaced, cut, or given a fuzzed value: a Case or one CaseError."""
    lines = BUNDLED.read_text(encoding="utf-8").splitlines()
    index = data.draw(st.integers(0, len(lines) - 1))
    key = lines[index].split("=", 1)[0] if "=" in lines[index] else lines[index]
    value = data.draw(
        st.sampled_from(['""', "-1", "1e400", "nan", "[]", "{}", "true", '"x"', "[[1]]", "2024-13-01", "0"])
        | json_value.map(json.dumps)
    )
    mutation = data.draw(st.sampled_from(["value", "drop", "cut"]))
    if mutation == "value":
        lines[index] = f"{key}= {value}"
    elif mutation == "drop":
        del lines[index]
    else:
        lines = lines[: index + 1]
    path = FOLDER / "fuzzed.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        load_case(path)
    except CaseError as exc:
        _clear(exc, "fuzzed.toml")


def test_fuzz_targets_cover_every_reader() -> None:
    """The registry's formats and the flight formats all have a target above (a new reader needs one)."""
    from drawdown.flights.readers import FORMATS as FLIGHT_FORMATS
    from drawdown.ingest.formats import FORMATS, URL_FORMATS

    # text is read as it comes (any UTF-8 is a report); the others have a target above (feeds two: feedparser's
    # and the streamed reader's).
    targets = {"html", "markdown", "jsonl", "acled", "gdelt", "feed", "opensky", "readsb", "text", "traffic"}
    assert {*FORMATS, *URL_FORMATS, *FLIGHT_FORMATS} <= targets
