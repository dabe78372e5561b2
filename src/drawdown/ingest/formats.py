"""The registry of input formats: how each is recognised, and which reader reads it.

A file's format comes from its suffix. Where formats share a suffix (ACLED and GDELT tables both come as
``.csv``, ``.tsv`` or a one-member ``.zip``), each format's sniffer looks at the file's first line. A URL's format
comes from the response: a feed when the body or Content-Type says RSS or Atom, else a page. ``--format`` names
an entry and skips detection.

Adding a format is one entry below and its reader module, which imports only :mod:`drawdown.ingest.decode`,
``errors`` and ``model`` (so the arrows run one way: this module → readers → decode).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from drawdown.errors import InputError
from drawdown.ingest.acled import is_acled_header, read_acled_file
from drawdown.ingest.decode import CSV_MAX_BYTES, DEFAULT_MAX_BYTES, Defaults, Item, unzip_one
from drawdown.ingest.feeds import EntryProgress, looks_like_feed, read_feed_response, read_page_response
from drawdown.ingest.fetch import Fetched, Fetcher, check_url
from drawdown.ingest.gdelt import SNIFF_ROWS, near_gdelt, read_gdelt_file, sniff_gdelt
from drawdown.ingest.readers import read_html_file, read_jsonl_file, read_markdown_file, read_text_file
from drawdown.model import IngestFailure

FileReader = Callable[[Path, Defaults, int], Iterable[Item]]
UrlReader = Callable[[str, Fetched, Fetcher, Defaults | None, EntryProgress | None], Iterable[Item]]


@dataclass(frozen=True)
class FileFormat:
    """A format files come in. ``sniff`` is needed when another format shares a suffix: it gets the file's first
    lines and says whether the file is this format; ``described`` names the format in the error when none does,
    and ``near_miss``, given the same lines, may say why a file that resembles the format is not read as it."""

    name: str
    read: FileReader
    suffixes: tuple[str, ...]
    sniff: Callable[[list[str]], bool] | None = None
    described: str = ""
    near_miss: Callable[[list[str]], str | None] | None = None


@dataclass(frozen=True)
class UrlFormat:
    """A format a URL's response comes in. ``sniff`` gets the body and the Content-Type; the one format without a
    sniffer is what a response is when no sniffer claims it. ``read`` may tell its last argument, when given, how
    many of the items it yields are done out of how many (a feed's entries)."""

    name: str
    read: UrlReader
    sniff: Callable[[bytes, str], bool] | None = None


# GDELT publishes each 15-minute file as a one-member zip (20241214093000.export.CSV.zip).
TABLE_SUFFIXES = (".csv", ".tsv", ".zip")

# The order is that of --format's list in messages and of the sniffers tried on a shared suffix.
FILE_ENTRIES = (
    FileFormat("text", read_text_file, (".txt", ".text")),
    FileFormat("markdown", read_markdown_file, (".md", ".markdown")),
    FileFormat("jsonl", read_jsonl_file, (".jsonl", ".ndjson")),
    FileFormat("html", read_html_file, (".html", ".htm")),
    FileFormat("acled", read_acled_file, TABLE_SUFFIXES, lambda lines: is_acled_header(lines[0]), "an ACLED export"),
    FileFormat(
        "gdelt", read_gdelt_file, TABLE_SUFFIXES, lambda lines: sniff_gdelt(lines) is not None,
        "a GDELT 2.0 event/mention file", near_gdelt,
    ),
)  # fmt: skip
# Order matters only for detection: the first sniffer that claims a response wins, else the page reader.
URL_ENTRIES = (
    UrlFormat("html", read_page_response),
    UrlFormat("feed", read_feed_response, looks_like_feed),
)

FORMATS = tuple(f.name for f in FILE_ENTRIES)
# What a URL can be: a page (html) or an RSS/Atom feed whose entries are fetched.
URL_FORMATS = tuple(f.name for f in URL_ENTRIES)
# Each suffix and the formats that claim it, in registry order (the order their sniffers are tried).
SUFFIXES = {
    suffix: tuple(f.name for f in FILE_ENTRIES if suffix in f.suffixes) for f in FILE_ENTRIES for suffix in f.suffixes
}
# A header line or first event row is a few hundred bytes; a first line longer than this is not a table.
SNIFF_BYTES = 64 * 1024

_BY_NAME = {f.name: f for f in FILE_ENTRIES}
_URL_BY_NAME = {f.name: f for f in URL_ENTRIES}


def expand(inputs: Iterable[str | Path]) -> Iterator[Path | IngestFailure]:
    """Files named, and the files under folders named (recursively, sorted, hidden ones skipped)."""
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                hidden = any(part.startswith(".") for part in rel.parts)
                if child.is_file() and not hidden and child.suffix.lower() in SUFFIXES:
                    yield child
        elif path.is_file():
            yield path
        else:
            yield IngestFailure(str(path), f"{path}: no such file or folder; check the path")


def detect_format(path: Path) -> str:
    """The format the suffix names or, for a suffix several formats share, the one whose sniffer claims the file."""
    names = SUFFIXES.get(path.suffix.lower())
    if names is None:
        raise InputError(
            f"{path}: cannot tell the format from the suffix {path.suffix or '(none)'!r}",
            fix=f"pass --format ({'|'.join(FORMATS)})",
        )
    if len(names) == 1:
        return names[0]
    candidates = [_BY_NAME[name] for name in names]
    head = _first_lines(path)
    for fmt in candidates:
        if fmt.sniff is not None and fmt.sniff(head):
            return fmt.name
    why = next((reason for f in candidates if f.near_miss is not None and (reason := f.near_miss(head))), None)
    # Only the event tables share suffixes, hence "a CSV" and a fix about tables.
    raise InputError(
        f"{path}: a CSV that is neither {' nor '.join(f.described for f in candidates)}" + (f": {why}" if why else ""),
        fix="export from ACLED with its header row, or convert the table to JSONL",
    )


def _first_lines(path: Path) -> list[str]:
    """The file's first few lines (at least one, maybe empty), each cut at SNIFF_BYTES."""
    if path.suffix.lower() == ".zip":
        raw = unzip_one(path, CSV_MAX_BYTES, head=SNIFF_BYTES * SNIFF_ROWS)
        return [line.decode("utf-8", "replace") for line in raw.split(b"\n")[:SNIFF_ROWS]]
    with path.open("rb") as handle:
        lines = [handle.readline(SNIFF_BYTES).decode("utf-8", "replace") for _ in range(SNIFF_ROWS)]
    return [line for line in lines if line] or [""]


def read_path(
    path: Path, fmt: str | None = None, *, defaults: Defaults | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Item]:
    """Read one file in the given (or detected) format."""
    defaults = defaults or Defaults()
    try:
        name = fmt or detect_format(path)
        chosen = _BY_NAME.get(name)
        if chosen is None:
            raise InputError(f"{path}: unknown format {name!r}", fix=f"use one of {', '.join(FORMATS)}")
        yield from chosen.read(path, defaults, max_bytes)
    except InputError as exc:
        yield IngestFailure(str(path), exc.one_line())
    except OSError as exc:
        yield IngestFailure(str(path), f"{path}: cannot read ({exc.strerror}); check permissions")


def detect_url_format(content: bytes, content_type: str = "") -> str:
    """The first URL format whose sniffer claims the response, else the one that has no sniffer (a page)."""
    for fmt in URL_ENTRIES:
        if fmt.sniff is not None and fmt.sniff(content, content_type):
            return fmt.name
    return next(f.name for f in URL_ENTRIES if f.sniff is None)


def read_url(
    url: str,
    fetcher: Fetcher,
    fmt: str | None = None,
    defaults: Defaults | None = None,
    progress: EntryProgress | None = None,
) -> Iterator[Item]:
    """A page or a feed at ``url`` (detected from the response unless ``fmt`` is html or feed); ``progress`` is
    told a feed's entries done out of all as they are read."""
    try:
        check_url(url)
        fetched = fetcher.get(url)
    except InputError as exc:
        yield IngestFailure(url, exc.one_line())
        return
    name = fmt if fmt in _URL_BY_NAME else detect_url_format(fetched.content, fetched.content_type)
    yield from _URL_BY_NAME[name].read(url, fetched, fetcher, defaults, progress)
