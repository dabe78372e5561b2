"""The format registry: it covers every input format of the brief, and detection picks each from a tiny sample."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from drawdown.ingest.formats import (
    FILE_ENTRIES,
    FORMATS,
    SUFFIXES,
    URL_ENTRIES,
    URL_FORMATS,
    detect_format,
    detect_url_format,
    read_path,
)
from drawdown.ingest.gdelt import EVENT_COLUMNS, MENTION_COLUMNS
from drawdown.model import Document

_EVENT = ["1", "20241214", *[""] * 24, "0871", *[""] * 32, "20241214093000", "https://a.example/x"]
_MENTION = ["7", "20241214000000", "20241214120000", "1", "example.org", "https://example.org/a", *[""] * 10]
_ACLED = "event_id_cnty,event_date,event_type,notes\nSYR1,14 December 2024,Strategic developments,Troops left.\n"
_PAGE = (
    "<html><head><title>Convoy</title></head><body><article><h1>Convoy leaves Tiyas</h1>"
    + "<p>Observers said a convoy of vehicles left the base overnight and drove west along the highway.</p>" * 5
    + "</article></body></html>"
)

# One tiny sample per kind of input the brief lists ("Formats to read", news): the file, the format detection
# must pick, and the format the document it reads is stamped with.
SAMPLES = {
    "text": ("note.txt", "Convoy leaves T4\n\nA convoy left the base.\n", "text"),
    "markdown": ("note.md", "---\noutlet: M\n---\n# Convoy leaves T4\n\nA convoy left.\n", "markdown"),
    "jsonl": ("reports.jsonl", '{"id": "r1", "text": "A convoy left the base."}\n', "jsonl"),
    "html": ("page.html", _PAGE, "html"),
    "acled": ("acled-syria.csv", _ACLED, "acled"),
    "gdelt events": ("20241214093000.export.CSV", "\t".join(_EVENT) + "\n", "gdelt-events"),
    "gdelt mentions": ("20241214093000.mentions.CSV", "\t".join(_MENTION) + "\n", "gdelt-mentions"),
    "acled zip": ("acled-syria.zip", _ACLED, "acled"),
    "gdelt events zip": ("20241214093000.export.CSV.zip", "\t".join(_EVENT) + "\n", "gdelt-events"),
    "gdelt mentions zip": ("20241214093000.mentions.CSV.zip", "\t".join(_MENTION) + "\n", "gdelt-mentions"),
}


def _write(folder: Path, name: str, content: str) -> Path:
    path = folder / name
    if path.suffix == ".zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(name.removesuffix(".zip"), content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_samples_have_the_shape_gdelt_publishes() -> None:
    assert (len(_EVENT), len(_MENTION)) == (EVENT_COLUMNS, MENTION_COLUMNS)


def test_the_registry_covers_every_input_format_of_the_brief() -> None:
    assert set(FORMATS) == {kind.split()[0] for kind in SAMPLES}
    assert set(URL_FORMATS) == {"html", "feed"}
    assert len(set(FORMATS)) == len(FILE_ENTRIES) and len(set(URL_FORMATS)) == len(URL_ENTRIES)


@pytest.mark.parametrize("kind", SAMPLES)
def test_detection_picks_each_format_from_a_tiny_sample(tmp_path: Path, kind: str) -> None:
    name, content, stamped = SAMPLES[kind]
    path = _write(tmp_path, name, content)
    assert detect_format(path) == kind.split()[0]
    items = list(read_path(path))
    assert items and all(isinstance(i, Document) and i.format == stamped for i in items), items


def test_a_shared_suffix_is_told_apart_by_sniffers_that_name_their_format() -> None:
    for suffix, names in SUFFIXES.items():
        assert suffix.startswith(".") and suffix == suffix.lower()
        if len(names) > 1:
            entries = [e for e in FILE_ENTRIES if e.name in names]
            assert all(e.sniff is not None and e.described for e in entries), suffix


def test_format_overrides_detection(tmp_path: Path) -> None:
    path = _write(tmp_path, "note.txt", "# Heading\n\nA convoy left.\n")
    (doc,) = read_path(path, "markdown")
    assert isinstance(doc, Document) and doc.format == "markdown" and doc.title == "Heading"


def test_a_url_is_a_feed_when_it_says_so_and_a_page_otherwise() -> None:
    assert [e.name for e in URL_ENTRIES if e.sniff is None] == ["html"], "one fall-back for unclaimed responses"
    assert detect_url_format(b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>') == "feed"
    assert detect_url_format(b"<feed/>", "application/atom+xml; charset=utf-8") == "feed"
    assert detect_url_format(_PAGE.encode(), "text/html") == "html"
