"""Readers turn files into :class:`~drawdown.model.Document` records. Pure: no store, no network.

Each reader yields documents and :class:`~drawdown.model.IngestFailure` items, so one bad line or file never
stops the others and every failure says where it is and how to fix it.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from drawdown.errors import InputError
from drawdown.model import Document, IngestFailure

FORMATS = ("text", "markdown", "jsonl", "html", "acled", "gdelt")
# Formats only a URL can have: a page (html) or an RSS/Atom feed whose entries are fetched.
URL_FORMATS = ("html", "feed")
SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",  # ACLED or GDELT, told apart by the first line
    ".tsv": "csv",
    ".zip": "csv",  # GDELT publishes each 15-minute file as a one-member zip (20241214093000.export.CSV.zip)
}
# 5 MB: ten times the longest news page in trafilatura's evaluation set; larger inputs are almost always dumps,
# binaries or hostile. Override with --max-bytes.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Event tables are read whole and checked row by row (ACLED notes and GDELT rows are small); a country-year
# ACLED export is tens of MB, a 15-minute GDELT file a few MB.
CSV_MAX_BYTES = 256 * 1024 * 1024
JSONL_FIELDS = ("id", "url", "outlet", "published", "title", "text")
_FRONT_MATTER_KEYS = {"id", "url", "outlet", "published", "title"}

Item = Document | IngestFailure


@dataclass(frozen=True)
class Defaults:
    """Metadata from the command line for inputs that carry none (plain text, Markdown without front matter)."""

    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None


def parse_published(value: object, where: str) -> datetime | None:
    """ISO 8601 date or date-time; a date alone means midnight UTC, a naive time is taken as UTC."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise InputError(f"{where}: published must be a string, got {value!r}", fix='use "2024-12-14T09:30:00Z"')
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        try:
            day = date.fromisoformat(value.strip()[:10])
        except ValueError:
            raise InputError(
                f"{where}: published {value!r} is not an ISO 8601 date",
                fix='use "2024-12-14" or "2024-12-14T09:30:00Z"',
            ) from None
        moment = datetime(day.year, day.month, day.day)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


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
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"{path}: cannot tell the format from the suffix {path.suffix or '(none)'!r}",
            fix=f"pass --format ({'|'.join(FORMATS)})",
        )
    if fmt == "csv":
        from drawdown.ingest.acled import is_acled_header
        from drawdown.ingest.gdelt import gdelt_kind

        if path.suffix.lower() == ".zip":
            first = _unzip_one(path, CSV_MAX_BYTES, head=64 * 1024).split(b"\n", 1)[0].decode("utf-8", "replace")
        else:
            with path.open("rb") as handle:
                first = handle.readline(64 * 1024).decode("utf-8", "replace")
        if is_acled_header(first):
            return "acled"
        if gdelt_kind(first):
            return "gdelt"
        raise InputError(
            f"{path}: a CSV that is neither an ACLED export nor a GDELT 2.0 event/mention file",
            fix="export from ACLED with its header row, or convert the table to JSONL",
        )
    return fmt


def read_path(
    path: Path, fmt: str | None = None, *, defaults: Defaults | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Item]:
    """Read one file in the given (or detected) format."""
    defaults = defaults or Defaults()
    try:
        fmt = fmt or detect_format(path)
        if fmt not in FORMATS:
            raise InputError(f"{path}: unknown format {fmt!r}", fix=f"use one of {', '.join(FORMATS)}")
        if fmt == "jsonl":
            yield from read_jsonl(path, max_bytes=max_bytes)
            return
        cap = max(max_bytes, CSV_MAX_BYTES) if fmt in ("acled", "gdelt") else max_bytes
        raw = _unzip_one(path, cap) if path.suffix.lower() == ".zip" else _read_capped(path, cap)
        if fmt == "acled":
            from drawdown.ingest.acled import read_acled

            yield from read_acled(raw, str(path))
            return
        if fmt == "gdelt":
            from drawdown.ingest.gdelt import read_gdelt

            yield from read_gdelt(raw, str(path))
            return
        if fmt == "html":
            yield read_html(raw, str(path), defaults)
            return
        text = _decode(raw, str(path))
        reader = read_markdown if fmt == "markdown" else read_text
        yield reader(text, str(path), defaults)
    except InputError as exc:
        yield IngestFailure(str(path), exc.one_line())
    except OSError as exc:
        yield IngestFailure(str(path), f"{path}: cannot read ({exc.strerror}); check permissions")


def _unzip_one(path: Path, max_bytes: int, *, head: int | None = None) -> bytes:
    """The single member of a zip archive, refusing archives of several files and members over the cap (the
    uncompressed size is checked before and while reading, so a zip bomb costs nothing)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            if len(members) != 1:
                raise InputError(f"{path}: a zip of {len(members)} files", fix="unzip it and ingest the folder instead")
            (member,) = members
            if member.file_size > max_bytes:
                raise InputError(
                    f"{path}: {member.filename} unpacks to {member.file_size / 1e6:.1f} MB, over the "
                    f"{max_bytes / 1e6:.1f} MB limit",
                    fix="split the file or raise --max-bytes",
                )
            with archive.open(member) as handle:
                raw = handle.read((head or max_bytes) + 1)
    except zipfile.BadZipFile:
        raise InputError(f"{path}: not a valid zip archive", fix="check the download") from None
    if head is None and len(raw) > max_bytes:
        raise InputError(f"{path}: unpacks to more than {max_bytes / 1e6:.1f} MB", fix="raise --max-bytes")
    return raw[:head] if head is not None else raw


def _read_capped(path: Path, max_bytes: int) -> bytes:
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            f"{path}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit",
            fix="split the file or raise --max-bytes",
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(f"{path}: empty file", fix="remove it or add the report text")
    return raw


def decode_text(raw: bytes, where: str) -> str:
    """UTF-8 (a BOM is dropped); binary content and invalid UTF-8 fail with the byte offset and the fix."""
    return _decode(raw, where)


def _decode(raw: bytes, where: str) -> str:
    if b"\x00" in raw[:8192]:
        raise InputError(f"{where}: looks binary (NUL bytes)", fix="ingest text, Markdown, JSONL or HTML files only")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: not valid UTF-8 at byte {exc.start}", fix="re-save the file as UTF-8 (e.g. iconv -t UTF-8)"
        ) from None


def _document(text: str, where: str, fmt: str, meta: dict[str, Any], defaults: Defaults) -> Document:
    body = text.strip()
    if not body:
        raise InputError(f"{where}: no report text", fix="remove the item or add its text")
    published = parse_published(meta.get("published"), where) or defaults.published
    return Document(
        text=body,
        locator=where,
        format=fmt,
        url=_clean(meta.get("url")) or defaults.url,
        outlet=_clean(meta.get("outlet")) or defaults.outlet,
        published=published,
        title=_clean(meta.get("title")),
        external_id=_clean(meta.get("id")),
    )


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def read_text(text: str, where: str, defaults: Defaults) -> Document:
    """Plain text: the first line is taken as the title when it looks like one (short, no final full stop)."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = first if 0 < len(first) <= 200 and not first.endswith(".") else None
    return _document(text, where, "text", {"title": title}, defaults)


_FRONT_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def read_markdown(text: str, where: str, defaults: Defaults) -> Document:
    """Markdown, with optional front matter of ``key: value`` lines (id, url, outlet, published, title)."""
    meta: dict[str, Any] = {}
    match = _FRONT_RE.match(text)
    if match:
        for number, line in enumerate(match.group(1).splitlines(), start=2):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, sep, value = line.partition(":")
            if not sep:
                raise InputError(f"{where}:{number}: front matter line is not `key: value`", fix="write key: value")
            key = key.strip().lower()
            if key in _FRONT_MATTER_KEYS:
                meta[key] = value.strip()
        text = text[match.end() :]
    if "title" not in meta:
        heading = re.search(r"^#{1,2}\s+(.+?)\s*#*\s*$", text, re.M)
        meta["title"] = heading.group(1) if heading else None
    return _document(text, where, "markdown", meta, defaults)


def read_jsonl(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """One report per line: ``{"id","url","outlet","published","title","text"}``; blank lines are skipped."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                if len(raw) > max_bytes:
                    raise InputError(
                        f"{where}: line of {len(raw) / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit",
                        fix="shorten the text or raise --max-bytes",
                    )
                yield _jsonl_record(_decode(raw, where), where)
            except InputError as exc:
                yield IngestFailure(where, exc.one_line())


def _jsonl_record(line: str, where: str) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not JSON ({exc.msg} at column {exc.colno})", fix="fix or remove the line") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: a line must be a JSON object", fix='write {"text": "...", ...}')
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f'{where}: no "text" string', fix=f"each line needs the fields {', '.join(JSONL_FIELDS)}")
    return _document(text, where, "jsonl", record, Defaults())


def read_html(raw: bytes, where: str, defaults: Defaults) -> Document:
    """A saved web page: main text, title, date and outlet through trafilatura."""
    import trafilatura  # heavy import, deferred until an HTML page is actually read

    if b"\x00" in raw[:8192]:
        raise InputError(f"{where}: looks binary (NUL bytes)", fix="ingest text, Markdown, JSONL or HTML files only")
    extracted = trafilatura.bare_extraction(
        raw,
        with_metadata=True,
        include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        raise InputError(f"{where}: no main text found in the page", fix="check it is an article page, not an index")
    meta = {
        "title": getattr(extracted, "title", None),
        "url": getattr(extracted, "url", None),
        "outlet": getattr(extracted, "sitename", None),
        "published": getattr(extracted, "date", None),
    }
    doc = _document(text, where, "html", meta, defaults)
    return replace(doc, url=doc.url if doc.url and doc.url.startswith(("http://", "https://")) else defaults.url)
