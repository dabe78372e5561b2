"""What more than one reader needs: size caps, bytes to text, dates, and the Document a reader builds.

Imports no reader, so every reader module (and the registry in :mod:`drawdown.ingest.formats` that knows them
all) can import it without a cycle. Main-text extraction from an HTML page lives here too, because saved pages
and fetched pages or feed entries (:mod:`drawdown.ingest.feeds`) go through the same extraction.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from drawdown.errors import InputError
from drawdown.model import Document, IngestFailure

# 5 MB: ten times the longest news page in trafilatura's evaluation set; larger inputs are almost always dumps,
# binaries or hostile. Override with --max-bytes.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# Event tables are read whole and checked row by row (ACLED notes and GDELT rows are small); a country-year
# ACLED export is tens of MB, a 15-minute GDELT file a few MB.
CSV_MAX_BYTES = 256 * 1024 * 1024

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


def load_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, or its single member's when it is a ``.zip``, refused over ``max_bytes``."""
    return unzip_one(path, max_bytes) if path.suffix.lower() == ".zip" else read_capped(path, max_bytes)


def unzip_one(path: Path, max_bytes: int, *, head: int | None = None) -> bytes:
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


def read_capped(path: Path, max_bytes: int) -> bytes:
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
    _refuse_binary(raw, where)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: not valid UTF-8 at byte {exc.start}", fix="re-save the file as UTF-8 (e.g. iconv -t UTF-8)"
        ) from None


def _refuse_binary(raw: bytes, where: str) -> None:
    if b"\x00" in raw[:8192]:
        raise InputError(f"{where}: looks binary (NUL bytes)", fix="ingest text, Markdown, JSONL or HTML files only")


def build_document(text: str, where: str, fmt: str, meta: dict[str, Any], defaults: Defaults) -> Document:
    """A report from its text and whatever metadata the input carried (id, url, outlet, published, title);
    what it lacks comes from ``defaults``. Text that is blank once stripped is refused."""
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


def read_html(raw: bytes, where: str, defaults: Defaults) -> Document:
    """A web page: main text, title, date and outlet through trafilatura."""
    import trafilatura  # heavy import, deferred until an HTML page is actually read

    _refuse_binary(raw, where)
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
    doc = build_document(text, where, "html", meta, defaults)
    return replace(doc, url=doc.url if doc.url and doc.url.startswith(("http://", "https://")) else defaults.url)
