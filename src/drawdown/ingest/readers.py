"""Readers of reports in files: plain text, Markdown, JSONL and saved HTML pages. Pure: no store, no network.

Each ``read_*_file`` is the entry the registry (:mod:`drawdown.ingest.formats`) calls for its format; it yields
documents and :class:`~drawdown.model.IngestFailure` items, so one bad line never stops the others and every
failure says where it is and how to fix it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from drawdown.errors import InputError
from drawdown.ingest.decode import (
    DEFAULT_MAX_BYTES,
    Defaults,
    Item,
    build_document,
    decode_text,
    load_bytes,
    read_html,
)
from drawdown.model import Document, IngestFailure

JSONL_FIELDS = ("id", "url", "outlet", "published", "title", "text")
_FRONT_MATTER_KEYS = {"id", "url", "outlet", "published", "title"}


def read_text_file(path: Path, defaults: Defaults, max_bytes: int) -> Iterator[Item]:
    yield read_text(decode_text(load_bytes(path, max_bytes), str(path)), str(path), defaults)


def read_markdown_file(path: Path, defaults: Defaults, max_bytes: int) -> Iterator[Item]:
    yield read_markdown(decode_text(load_bytes(path, max_bytes), str(path)), str(path), defaults)


def read_jsonl_file(path: Path, defaults: Defaults, max_bytes: int) -> Iterator[Item]:
    """Each line carries its own metadata; the command line's ``defaults`` are not applied to JSONL."""
    yield from read_jsonl(path, max_bytes=max_bytes)


def read_html_file(path: Path, defaults: Defaults, max_bytes: int) -> Iterator[Item]:
    yield read_html(load_bytes(path, max_bytes), str(path), defaults)


def read_text(text: str, where: str, defaults: Defaults) -> Document:
    """Plain text: the first line is taken as the title when it looks like one (short, no final full stop)."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    title = first if 0 < len(first) <= 200 and not first.endswith(".") else None
    return build_document(text, where, "text", {"title": title}, defaults)


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
    return build_document(text, where, "markdown", meta, defaults)


def read_jsonl(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """One report per line: ``{"id","url","outlet","published","title","text"}``; blank lines are skipped."""
    records = 0
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            records += 1
            try:
                if len(raw) > max_bytes:
                    raise InputError(
                        f"{where}: line of {len(raw) / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit",
                        fix="shorten the text or raise --max-bytes",
                    )
                yield _jsonl_record(decode_text(raw, where), where)
            except InputError as exc:
                yield IngestFailure(where, exc.one_line())
    if records == 0:
        message = f"{path}: no reports: the file is empty or has only blank lines; check the export"
        yield IngestFailure(str(path), message)


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
    return build_document(text, where, "jsonl", record, Defaults())
