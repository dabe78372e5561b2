from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drawdown.errors import InputError
from drawdown.ingest.decode import Defaults, parse_published
from drawdown.ingest.formats import detect_format, expand, read_path
from drawdown.model import Document, IngestFailure
from tests.conftest import write


def _one(path: Path, fmt: str | None = None, **kw: object) -> Document | IngestFailure:
    items = list(read_path(path, fmt, **kw))  # type: ignore[arg-type]
    assert len(items) == 1
    return items[0]


def test_plain_text_takes_the_headline_as_title(tmp_path: Path) -> None:
    doc = _one(write(tmp_path / "a.txt", "Convoy leaves T4\n\nA convoy left the base on Tuesday.\n"))
    assert isinstance(doc, Document)
    assert doc.title == "Convoy leaves T4"
    assert doc.format == "text" and doc.url is None


def test_defaults_fill_missing_metadata(tmp_path: Path) -> None:
    defaults = Defaults(url="https://x.example/a", outlet="X", published=datetime(2024, 12, 20, tzinfo=UTC))
    doc = _one(write(tmp_path / "a.txt", "Body text here."), defaults=defaults)
    assert isinstance(doc, Document)
    assert (doc.url, doc.outlet, doc.published) == (defaults.url, "X", defaults.published)
    assert doc.title is None, "a sentence ending in a full stop is not a headline"


def test_markdown_front_matter(tmp_path: Path) -> None:
    text = "---\nurl: https://m.example/1\noutlet: M\npublished: 2025-01-02\n---\n# Head line\n\nBody.\n"
    doc = _one(write(tmp_path / "a.md", text))
    assert isinstance(doc, Document)
    assert doc.title == "Head line" and doc.outlet == "M" and doc.url == "https://m.example/1"
    assert doc.published == datetime(2025, 1, 2, tzinfo=UTC)
    assert doc.text.startswith("# Head line")


def test_markdown_front_matter_bad_line(tmp_path: Path) -> None:
    failure = _one(write(tmp_path / "a.md", "---\nno colon here\n---\nBody"))
    assert isinstance(failure, IngestFailure)
    assert "a.md:2" in failure.message and "key: value" in failure.message


def test_jsonl_lines_and_their_errors(tmp_path: Path) -> None:
    good = {"id": "r1", "url": "https://j.example/1", "outlet": "J", "published": "2024-12-14T09:30:00Z",
            "title": "T", "text": "Troops left Manbij."}  # fmt: skip
    lines = [json.dumps(good), "", "{not json", json.dumps({"id": "r2"}), json.dumps([1, 2]),
             json.dumps({**good, "published": "yesterday"})]  # fmt: skip
    items = list(read_path(write(tmp_path / "r.jsonl", "\n".join(lines) + "\n")))
    docs = [i for i in items if isinstance(i, Document)]
    fails = [i for i in items if isinstance(i, IngestFailure)]
    assert [d.external_id for d in docs] == ["r1"]
    assert docs[0].published == datetime(2024, 12, 14, 9, 30, tzinfo=UTC)
    assert [f.where.rsplit(":", 1)[1] for f in fails] == ["3", "4", "5", "6"]
    assert "not JSON" in fails[0].message
    assert '"text"' in fails[1].message
    assert "not an ISO 8601 date" in fails[3].message


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i}: observers said Russian vehicles left the Tiyas base overnight, heading west.</p>"
        for i in range(6)
    )
    html = (
        "<html><head><title>Convoy | Ledger</title><meta property='og:site_name' content='Ledger'>"
        "<meta property='article:published_time' content='2024-12-12T10:00:00Z'>"
        "<link rel='canonical' href='https://ledger.example/convoy'></head><body><nav>Home | World</nav>"
        f"<article><h1>Convoy leaves Tiyas</h1>{paragraphs}</article><footer>(c) Ledger</footer></body></html>"
    )
    doc = _one(write(tmp_path / "p.html", html))
    assert isinstance(doc, Document)
    assert "Tiyas base overnight" in doc.text and "Home | World" not in doc.text
    assert doc.outlet == "Ledger" and doc.url == "https://ledger.example/convoy"
    assert doc.published is not None and doc.published.date().isoformat() == "2024-12-12"


def test_html_without_main_text(tmp_path: Path) -> None:
    failure = _one(
        write(tmp_path / "empty.html", "<html><head><title>Index</title></head><body><div></div></body></html>")
    )
    assert isinstance(failure, IngestFailure)
    assert "no main text" in failure.message


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("bin.txt", b"\x00\x01\x02binary", "looks binary"),
        ("empty.txt", b"   \n", "empty file"),
        ("latin1.txt", "Tartous caf\xe9".encode("latin-1"), "not valid UTF-8 at byte 11"),
    ],
)
def test_bad_files_get_one_clear_message(tmp_path: Path, name: str, content: bytes, words: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    failure = _one(path)
    assert isinstance(failure, IngestFailure)
    assert words in failure.message and name in failure.message and "\n" not in failure.message


def test_size_cap(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", "x" * 2000)
    failure = _one(path, max_bytes=1000)
    assert isinstance(failure, IngestFailure)
    assert "over the" in failure.message and "--max-bytes" in failure.message


def test_unknown_suffix_needs_format(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--format"):
        detect_format(tmp_path / "report.docx")
    doc = _one(write(tmp_path / "report.log", "Plain words."), "text")
    assert isinstance(doc, Document)


def test_expand_walks_folders_and_skips_hidden(tmp_path: Path) -> None:
    write(tmp_path / "a" / "one.txt", "1")
    write(tmp_path / "a" / "b" / "two.md", "2")
    write(tmp_path / "a" / ".git" / "x.txt", "hidden")
    write(tmp_path / "a" / "image.png", "not a report")
    found = list(expand([tmp_path / "a", tmp_path / "missing.txt"]))
    paths = [p.name for p in found if isinstance(p, Path)]
    assert paths == ["two.md", "one.txt"] or paths == ["one.txt", "two.md"]
    assert any(isinstance(f, IngestFailure) and "no such file" in f.message for f in found)


def test_parse_published_forms() -> None:
    assert parse_published("2024-12-14", "x") == datetime(2024, 12, 14, tzinfo=UTC)
    assert parse_published("2024-12-14T12:00:00+02:00", "x") == datetime(2024, 12, 14, 10, tzinfo=UTC)
    assert parse_published(None, "x") is None
    with pytest.raises(InputError, match="x: published"):
        parse_published("14/12/2024", "x")


# Readers face hostile input: whatever the bytes, they yield documents or failures and never raise.
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=600), fmt=st.sampled_from(["text", "markdown", "jsonl", "html"]))
def test_readers_never_raise_on_arbitrary_bytes(tmp_path: Path, content: bytes, fmt: str) -> None:
    path = tmp_path / "fuzz.bin"
    path.write_bytes(content)
    for item in read_path(path, fmt):
        assert isinstance(item, Document | IngestFailure)
        if isinstance(item, Document):
            assert item.text.strip()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    record=st.dictionaries(
        st.sampled_from(["id", "url", "outlet", "published", "title", "text", "x"]),
        st.one_of(st.text(max_size=40), st.integers(), st.none(), st.lists(st.integers())),
    )
)
def test_jsonl_reader_never_raises_on_odd_records(tmp_path: Path, record: dict[str, object]) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    items = list(read_path(path))
    assert len(items) == 1
