"""ACLED CSV exports and GDELT 2.0 event / mention files."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drawdown.ingest.acled import read_acled
from drawdown.ingest.formats import detect_format, read_path
from drawdown.ingest.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, read_gdelt
from drawdown.model import Document, IngestFailure
from drawdown.pipeline.ingest import ingest
from drawdown.store import Store
from tests.ingest.conftest import Route, Served, article

ACLED_HEADER = ["event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "country", "admin1",
                "location", "latitude", "longitude", "source", "notes", "fatalities"]  # fmt: skip


def acled(*rows: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(ACLED_HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode()


GOOD = ["SYR1", "14 December 2024", "Strategic developments", "Headquarters or base established", "Russia",
        "Syria", "Latakia", "Hmeimim", "35.401", "35.949", "Syrian Observatory", "Russian forces, withdrawal seen.",
        "0"]  # fmt: skip


def test_acled_rows_become_reports_with_location_and_source() -> None:
    items = list(read_acled(acled(GOOD, [*GOOD[:1], "2024-12-15", *GOOD[2:]]), "a.csv"))
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) == 2 and all(d.format == "acled" for d in docs)
    doc = docs[0]
    assert doc.text == "Russian forces, withdrawal seen." and doc.outlet == "Syrian Observatory"
    assert doc.published == datetime(2024, 12, 14, tzinfo=UTC) and doc.external_id == "SYR1"
    assert doc.meta is not None and doc.meta["latitude"] == "35.401" and doc.meta["location"] == "Hmeimim"
    assert docs[1].published == datetime(2024, 12, 15, tzinfo=UTC)


def test_acled_malformed_rows_fail_one_by_one() -> None:
    rows = [GOOD, [*GOOD[:11], "", *GOOD[12:]], [*GOOD[:8], "north", *GOOD[9:]], [*GOOD[:1], "someday", *GOOD[2:]],
            [*GOOD, "extra"], GOOD[:3]]  # fmt: skip
    items = list(read_acled(acled(*rows), "a.csv"))
    fails = [i for i in items if isinstance(i, IngestFailure)]
    assert sum(isinstance(i, Document) for i in items) == 1
    messages = " | ".join(f.message for f in fails)
    assert len(fails) == 5
    for words in ("a.csv:3: empty notes", "a.csv:4: latitude 'north'", "a.csv:5: event_date", "a.csv:6: more fields"):
        assert words in messages
    assert all("\n" not in f.message for f in fails)
    (not_acled,) = read_acled(b"a,b\n1,2\n", "x.csv")
    assert isinstance(not_acled, IngestFailure) and "not an ACLED export" in not_acled.message


def _event(event_id: str, url: str, day: str = "20241214") -> str:
    cells = [""] * EVENT_COLUMNS
    cells[0], cells[1], cells[6], cells[16], cells[26] = event_id, day, "RUSSIA", "SYRIA", "0871"
    cells[52], cells[56], cells[57], cells[59], cells[60] = "Latakia, Syria", "35.5", "35.8", day + "093000", url
    return "\t".join(cells)


def test_gdelt_events_group_by_source_url(tmp_path: Path) -> None:
    lines = [_event("1", "https://a.example/x"), _event("2", "https://a.example/x"), _event("3", "https://b.example/y"),
             _event("4", "not a url"), "1\t2\t3"]  # fmt: skip
    path = tmp_path / "20241214093000.export.CSV"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert detect_format(path) == "gdelt"
    items = list(read_path(path))
    docs = [i for i in items if isinstance(i, Document)]
    fails = [i for i in items if isinstance(i, IngestFailure)]
    assert [d.url for d in docs] == ["https://a.example/x", "https://b.example/y"]
    assert "GDELT event 1" in docs[0].text and "GDELT event 2" in docs[0].text and "CAMEO code 0871" in docs[0].text
    assert docs[0].published == datetime(2024, 12, 14, 9, 30, tzinfo=UTC)
    assert len(fails) == 2 and ":4:" in fails[0].message and "3 columns" in fails[1].message


def test_gdelt_with_a_cut_first_row_keeps_the_rest(tmp_path: Path) -> None:
    # A download cut at the front leaves a partial first row; the whole rows after it are still GDELT's.
    whole = _event("2", "https://b.example/y")
    path = tmp_path / "20241214093000.export.CSV"
    path.write_text(_event("1", "https://a.example/x")[-120:] + "\n" + whole + "\n", encoding="utf-8")
    assert detect_format(path) == "gdelt"
    items = list(read_path(path))
    assert [i.url for i in items if isinstance(i, Document)] == ["https://b.example/y"]
    (cut,) = [i for i in items if isinstance(i, IngestFailure)]
    assert ":1:" in cut.message and f"expected {EVENT_COLUMNS}" in cut.message


def test_gdelt_of_the_wrong_width_says_how_many_columns(tmp_path: Path) -> None:
    from drawdown.errors import InputError

    path = tmp_path / "events.csv"
    path.write_text("\n".join("\t".join(["7", "20241214", *["x"] * 18]) for _ in range(3)) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        detect_format(path)
    message = caught.value.one_line()
    assert "20 tab-separated columns" in message and f"event row has {EVENT_COLUMNS}" in message
    assert "\n" not in message
    (failure,) = read_path(path, "gdelt")
    assert isinstance(failure, IngestFailure) and "20 tab-separated columns" in failure.message


def test_gdelt_zip_as_published(tmp_path: Path) -> None:
    import zipfile

    from drawdown.errors import InputError
    from drawdown.ingest.decode import unzip_one

    path = tmp_path / "20241214093000.export.CSV.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("20241214093000.export.CSV", _event("1", "https://a.example/x") + "\n")
    assert detect_format(path) == "gdelt"
    (doc,) = read_path(path)
    assert isinstance(doc, Document) and doc.url == "https://a.example/x"
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as archive:
        archive.writestr("a.CSV", "x")
        archive.writestr("b.CSV", "y")
    (failure,) = read_path(two, "gdelt")
    assert isinstance(failure, IngestFailure) and "a zip of 2 files" in failure.message
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.CSV", b"0" * 3_000_000)
    with pytest.raises(InputError, match=r"unpacks to 3\.0 MB, over the 1\.0 MB limit"):
        unzip_one(bomb, 1_000_000)
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK not really")
    (failure,) = read_path(bad, "gdelt")
    assert isinstance(failure, IngestFailure) and "not a valid zip" in failure.message


def test_gdelt_mentions() -> None:
    row = ["7", "20241214000000", "20241214120000", "1", "example.org", "https://example.org/a", "1", "-1", "-1",
           "-1", "0", "80", "2000", "-3.2", "", ""]  # fmt: skip
    assert len(row) == MENTION_COLUMNS
    (doc,) = read_gdelt(("\t".join(row) + "\n").encode(), "m.CSV")
    assert isinstance(doc, Document) and doc.url == "https://example.org/a" and doc.format == "gdelt-mentions"


def test_acled_ingest_is_idempotent(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    path.write_bytes(acled(GOOD, [*GOOD[:1], "2024-12-15", *GOOD[2:11], "Another note about Tartus.", "0"]))
    assert len(ingest(store, [path]).added) == 2
    again = ingest(store, [path])
    assert again.added == [] and again.skipped == 2
    meta = store.scalar("SELECT meta FROM reports WHERE text LIKE 'Russian forces%'")
    assert '"longitude": "35.949"' in meta


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(st.text(max_size=30), min_size=0, max_size=15), max_size=6),
    raw=st.binary(max_size=300),
)
def test_table_readers_never_raise(rows: list[list[str]], raw: bytes) -> None:
    for content in (acled(*rows), raw, b"\t".join(c.encode() for c in (rows[0] if rows else []))):
        for reader in (read_acled, read_gdelt):
            for item in reader(content, "fuzz.csv"):
                assert isinstance(item, Document | IngestFailure)
                if isinstance(item, Document):
                    assert item.text.strip()


def test_gdelt_fetch_pages_replaces_coded_text(store: Store, tmp_path: Path, http_server: Served) -> None:
    page = http_server.add("/story", Route(body=article("Convoy", "Forty Russian vehicles left the T4 airbase")))
    missing = http_server.base + "/gone"
    path = tmp_path / "20241214.export.CSV"
    path.write_text(_event("1", page) + "\n" + _event("2", missing) + "\n", encoding="utf-8")
    result = ingest(store, [path], fetch_pages=True)
    assert result.ok and len(result.added) == 2
    texts = {r["url"]: (r["text"], r["meta"]) for r in store.query("SELECT url, text, meta FROM reports")}
    assert "Forty Russian vehicles" in texts[page][0] and "gdelt_coded" in texts[page][1]
    assert texts[missing][0].startswith("GDELT event 2"), "a page that cannot be fetched keeps the coded text"
