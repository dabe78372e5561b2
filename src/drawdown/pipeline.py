"""The thin layer between stages and the store: read from the store, call a stage, write in one transaction.

These are the functions the CLI calls, and the ones to call from a notebook.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from drawdown.ingest.normalize import content_hash, dedup_key
from drawdown.ingest.readers import DEFAULT_MAX_BYTES, Defaults, expand, read_path
from drawdown.model import Document, IngestFailure, IngestResult, Report
from drawdown.store.db import Store, now_utc, utc_aware, utc_naive

# Called after each file with (files done, files in all, the file just done); drives the CLI's progress bar.
ProgressHook = Callable[[int, int, str], None]


def ingest(
    store: Store,
    inputs: Sequence[str | Path],
    *,
    fmt: str | None = None,
    defaults: Defaults | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    command: str = "ingest",
    progress: ProgressHook | None = None,
) -> IngestResult:
    """Ingest files and folders. Each file is one transaction; re-ingesting stored content changes nothing."""
    run_id = uuid.uuid4().hex[:12]
    result = IngestResult(run_id=run_id)
    expanded = list(expand(inputs))
    with store.transaction():
        # Only one process can write a DuckDB file, so a run still marked running was cut short.
        store.con.execute("UPDATE ingest_runs SET status = 'interrupted' WHERE status = 'running'")
        store.con.execute(
            "INSERT INTO ingest_runs (id, started_at, command, inputs, status) VALUES (?, ?, ?, ?, 'running')",
            [run_id, now_utc(), command, json.dumps([str(i) for i in inputs])],
        )
    for done, item in enumerate(expanded, start=1):
        if isinstance(item, IngestFailure):
            result.failures.append(item)
            continue
        documents: list[Document] = []
        for read in read_path(item, fmt, defaults=defaults, max_bytes=max_bytes):
            if isinstance(read, IngestFailure):
                result.failures.append(read)
            else:
                documents.append(read)
        store_documents(store, documents, run_id, result)
        if progress is not None:
            progress(done, len(expanded), str(item))
    status = "ok" if result.ok else ("partial" if result.added or result.skipped else "failed")
    with store.transaction():
        store.con.execute(
            "UPDATE ingest_runs SET finished_at = ?, status = ?, added = ?, skipped = ?, failed = ? WHERE id = ?",
            [now_utc(), status, len(result.added), result.skipped, len(result.failures), run_id],
        )
    return result


def store_documents(store: Store, documents: Iterable[Document], run_id: str, result: IngestResult) -> None:
    """Write one batch of documents in a single transaction, assigning each to its origin."""
    with store.transaction():
        for doc in documents:
            key = dedup_key(doc.text, doc.url)
            if store.scalar("SELECT 1 FROM reports WHERE dedup_key = ?", [key]):
                result.skipped += 1
                continue
            digest = content_hash(doc.text)
            report_id = hashlib.sha256(key.encode()).hexdigest()[:16]
            origin_id = store.scalar("SELECT origin_id FROM reports WHERE content_hash = ? LIMIT 1", [digest])
            if origin_id is None:
                origin_id = f"o-{report_id}"
                store.con.execute("INSERT INTO origins VALUES (?, ?, 'exact', ?)", [origin_id, report_id, now_utc()])
            else:
                result.copies.append(report_id)
            store.con.execute(
                "INSERT INTO reports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    report_id, key, digest, origin_id, doc.url, doc.outlet, utc_naive(doc.published), doc.title,
                    doc.text, doc.format, doc.locator, doc.external_id, run_id, now_utc(),
                ],
            )  # fmt: skip
            _elect_representative(store, origin_id)
            result.added.append(report_id)


def _elect_representative(store: Store, origin_id: str) -> None:
    """An origin is represented by its earliest-published member (undated last, then first ingested)."""
    store.con.execute(
        """
        UPDATE origins SET representative_id = (
            SELECT id FROM reports WHERE origin_id = ?
            ORDER BY published NULLS LAST, ingested_at, id LIMIT 1)
        WHERE id = ?
        """,
        [origin_id, origin_id],
    )


def load_reports(store: Store, *, as_of: date | None = None) -> list[Report]:
    """Stored reports, oldest first; with ``as_of``, only those published by the end of that day (UTC)."""
    sql = "SELECT * FROM reports"
    params: list[object] = []
    if as_of is not None:
        sql += " WHERE published IS NULL OR CAST(published AS DATE) <= ?"
        params.append(as_of)
    rows = store.query(sql + " ORDER BY published NULLS LAST, ingested_at, id", params)
    return [
        Report(
            id=r["id"],
            content_hash=r["content_hash"],
            text=r["text"],
            locator=r["locator"],
            format=r["format"],
            origin_id=r["origin_id"],
            url=r["url"],
            outlet=r["outlet"],
            published=utc_aware(r["published"]),
            title=r["title"],
            external_id=r["external_id"],
        )
        for r in rows
    ]


def last_evidence_date(store: Store) -> date | None:
    value = store.scalar("SELECT max(published) FROM reports")
    return value.date() if isinstance(value, datetime) else None
