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

from drawdown.assess import Assessment, Evidence, assess
from drawdown.case import Case
from drawdown.ingest.normalize import content_hash, dedup_key
from drawdown.ingest.readers import DEFAULT_MAX_BYTES, Defaults, expand, read_path
from drawdown.model import Claim, Document, IngestFailure, IngestResult, Report, Sortie
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
    """The latest day with a report or a sortie: the default date of a brief."""
    value = store.scalar(
        "SELECT max(t) FROM (SELECT max(published) AS t FROM reports UNION ALL SELECT max(time) FROM sorties)"
    )
    return value.date() if isinstance(value, datetime) else None


def _columns(store: Store, table: str) -> set[str]:
    rows = store.query("SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table])
    return {r["column_name"] for r in rows}


def _hedges(value: object) -> tuple[str, ...]:
    """Hedges are stored as a JSON list (or, by older writers, one plain string)."""
    if not value:
        return ()
    text = str(value)
    if text.startswith("["):
        return tuple(str(h) for h in json.loads(text))
    return (text,)


def load_claims(store: Store) -> list[Claim]:
    """Stored claims, in report order then span order. Reads the columns this store has."""
    have = _columns(store, "claims")
    rows = store.query("SELECT * FROM claims ORDER BY report_id, span_start, span_end, id")
    claims = []
    for r in rows:
        claims.append(
            Claim(
                report_id=r["report_id"], site=r["site"], action=r["action"], confirmation=r["confirmation"],
                modality=r["modality"], span=(r["span_start"], r["span_end"]), sentence=r.get("sentence") or "",
                site_name=r.get("site_name") if "site_name" in have else None,
                actor=r.get("actor") if "actor" in have else None,
                quantity=r["quantity"], unit=r["unit"], event_date=r["event_date"],
                time_precision=r["time_precision"],
                due_date=r.get("due_date") if "due_date" in have else None,
                source_type=r["source_type"], attribution=r["attribution"],
                hedges=_hedges(r.get("hedges")),
            )
        )  # fmt: skip
    return claims


def load_sorties(store: Store) -> list[Sortie]:
    have = _columns(store, "sorties")
    rows = store.query("SELECT * FROM sorties ORDER BY time, id")
    return [
        Sortie(
            icao24=r["icao24"], callsign=r["callsign"], event=r["event"], time=utc_aware(r["time"]) or r["time"],
            airfield=r["airfield"], confidence=r["confidence"], type=r["aircraft_type"],
            destination=r["destination"], payload_tonnes=r["payload_tonnes"],
            payload_low=r.get("payload_low") if "payload_low" in have else None,
            payload_high=r.get("payload_high") if "payload_high" in have else None,
            inferred=bool(r.get("inferred")) if "inferred" in have else False, wave=r["wave"],
        )
        for r in rows
    ]  # fmt: skip


def load_evidence(store: Store, case: Case) -> Evidence:
    reports = {r.id: r for r in load_reports(store)}
    claims = tuple(c for c in load_claims(store) if c.report_id in reports)
    return Evidence(case, reports, claims, tuple(load_sorties(store)))


def assess_store(store: Store, case: Case, *, as_of: date | None = None, seed: int | None = None,
                 save: bool = True) -> Assessment:  # fmt: skip
    """Assess the stored evidence as of a date (default: the latest evidence); store the snapshot when ``save``.

    Snapshots carry each site's daily status timeline; a brief (``save=False``) does not need it.
    """
    day = as_of or last_evidence_date(store) or date.today()
    result = assess(load_evidence(store, case), day, seed=seed, with_timeline=save)
    if save:
        with store.transaction():
            store.con.execute(
                "INSERT OR REPLACE INTO assessments VALUES (?, ?, ?, ?, ?, ?)",
                [f"{case.id}|{day.isoformat()}|{result.seed}", case.id, day, result.seed, now_utc(), result.dumps()],
            )
    return result
