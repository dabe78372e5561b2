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
    """Write one batch of documents in a single transaction, assigning each to its origin.

    Set-based: the batch goes to DuckDB as one list parameter and the origin bookkeeping is three statements,
    because per-row statements capped ingest at about 220 reports/s (benchmarks/bench_ingest.py, 2,000 reports).
    """
    batch: dict[str, dict[str, object]] = {}
    for doc in documents:
        key = dedup_key(doc.text, doc.url)
        if key in batch:  # the same content at the same address twice in one input
            result.skipped += 1
            continue
        batch[key] = {
            "id": hashlib.sha256(key.encode()).hexdigest()[:16],
            "dedup_key": key,
            "content_hash": content_hash(doc.text),
            "url": doc.url,
            "outlet": doc.outlet,
            "published": utc_naive(doc.published),
            "title": doc.title,
            "text": doc.text,
            "format": doc.format,
            "locator": doc.locator,
            "external_id": doc.external_id,
            "ord": len(batch),
        }
    if not batch:
        return
    con = store.con
    with store.transaction():
        con.execute(
            "CREATE OR REPLACE TEMP TABLE ingest_batch AS SELECT unnest(?, recursive := true)", [list(batch.values())]
        )
        # Drop what is stored already; what is left is new.
        con.execute("DELETE FROM ingest_batch WHERE dedup_key IN (SELECT dedup_key FROM reports)")
        result.skipped += len(batch) - int(store.scalar("SELECT count(*) FROM ingest_batch"))
        # Each new row joins the origin of stored reports with the same content, else of the first row in the
        # batch with that content, which founds a new origin.
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE ingest_assigned AS
            SELECT b.*,
                   coalesce(
                       stored.origin_id,
                       'o-' || first_value(b.id) OVER (PARTITION BY b.content_hash ORDER BY b.ord)
                   ) AS origin_id,
                   stored.origin_id IS NULL
                       AND b.ord = min(b.ord) OVER (PARTITION BY b.content_hash) AS founds_origin
            FROM ingest_batch b
            LEFT JOIN (SELECT content_hash, any_value(origin_id) AS origin_id FROM reports GROUP BY 1) stored
                   USING (content_hash)
            """
        )
        now = now_utc()
        con.execute(
            "INSERT INTO origins SELECT origin_id, id, 'exact', ? FROM ingest_assigned WHERE founds_origin", [now]
        )
        con.execute(
            """
            INSERT INTO reports
            SELECT id, dedup_key, content_hash, origin_id, url, outlet, CAST(published AS TIMESTAMP), title, text,
                   format, locator, external_id, ?, ?
            FROM ingest_assigned ORDER BY ord
            """,
            [run_id, now],
        )
        _elect_representatives(store, "SELECT DISTINCT origin_id FROM ingest_assigned")
        for report_id, founds in con.execute("SELECT id, founds_origin FROM ingest_assigned ORDER BY ord").fetchall():
            result.added.append(report_id)
            if not founds:
                result.copies.append(report_id)
        con.execute("DROP TABLE ingest_assigned")
        con.execute("DROP TABLE ingest_batch")


def _elect_representatives(store: Store, origin_ids_sql: str) -> None:
    """An origin is represented by its earliest-published member (undated last, then first ingested)."""
    store.con.execute(
        f"""
        UPDATE origins SET representative_id = ranked.id
        FROM (
            SELECT origin_id, arg_min(id, (published IS NULL, published, ingested_at, id)) AS id
            FROM reports WHERE origin_id IN ({origin_ids_sql}) GROUP BY origin_id
        ) ranked
        WHERE origins.id = ranked.origin_id
        """
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
