"""Reports, their origins and how each joined one, copy signatures, repeated sections and ingest runs."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from drawdown.model import Document, Report
from drawdown.store.db import Store, now_utc, utc_aware, utc_naive
from drawdown.store.rows import RecordTable

REPORTS: RecordTable[Report] = RecordTable(
    "reports",
    Report,
    columns=(),  # reports are written in batches by write_reports, never one record at a time
    read={"published": lambda r: utc_aware(r["published"])},
)


@dataclass
class Incoming:
    """A document on its way into the store, with the origin the pipeline found for it.

    ``method`` is founder (a new origin), exact (same content as a stored report), near or rewrite.
    ``shingles`` and ``terms`` are the MinHash signatures of a founder or matched report, as little-endian bytes.
    """

    id: str
    dedup_key: str
    content_hash: str
    document: Document
    ord: int = 0
    origin_id: str = ""
    method: str = "founder"
    matched_id: str | None = None
    score: float | None = None
    shingles: bytes | None = None
    terms: bytes | None = None


# One list per column: DuckDB converts a homogeneous list far faster than a list of dicts (1.1 s against about
# 0.1 s for 5,000 rows of benchmarks/bench_ingest.py).
_INCOMING_COLUMNS = {
    "id": "VARCHAR", "dedup_key": "VARCHAR", "content_hash": "VARCHAR", "url": "VARCHAR", "outlet": "VARCHAR",
    "published": "TIMESTAMP", "title": "VARCHAR", "text": "VARCHAR", "format": "VARCHAR", "locator": "VARCHAR",
    "external_id": "VARCHAR", "meta": "VARCHAR", "ord": "INTEGER", "origin_id": "VARCHAR", "method": "VARCHAR",
    "matched_id": "VARCHAR", "score": "DOUBLE",
}  # fmt: skip


def _incoming_value(item: Incoming, column: str) -> Any:
    doc = item.document
    if column == "published":
        return utc_naive(doc.published)
    if column == "meta":
        return json.dumps(doc.meta, sort_keys=True) if doc.meta else None
    if column in ("url", "outlet", "title", "text", "format", "locator", "external_id"):
        return getattr(doc, column)
    return getattr(item, column)


# ------------------------------------------------------------------------------------------------ ingest runs


def start_run(store: Store, run_id: str, command: str, inputs: Sequence[object]) -> None:
    """Record a run as running; a run still marked running was cut short (only one process writes a store)."""
    with store.transaction():
        store.con.execute("UPDATE ingest_runs SET status = 'interrupted' WHERE status = 'running'")
        store.con.execute(
            "INSERT INTO ingest_runs (id, started_at, command, inputs, status) VALUES (?, ?, ?, ?, 'running')",
            [run_id, now_utc(), command, json.dumps([str(i) for i in inputs])],
        )


def finish_run(store: Store, run_id: str, status: str, added: int, skipped: int, failed: int) -> None:
    with store.transaction():
        store.con.execute(
            "UPDATE ingest_runs SET finished_at = ?, status = ?, added = ?, skipped = ?, failed = ? WHERE id = ?",
            [now_utc(), status, added, skipped, failed, run_id],
        )


def record_run(store: Store, run_id: str, command: str, inputs: Sequence[object], added: int, skipped: int) -> None:
    """A whole run written at once, inside the caller's transaction (flights ingest)."""
    moment = now_utc()
    store.con.execute(
        "INSERT INTO ingest_runs (id, started_at, finished_at, command, inputs, status, added, skipped, failed) "
        "VALUES (?, ?, ?, ?, ?, 'ok', ?, ?, 0)",
        [run_id, moment, now_utc(), command, json.dumps([str(i) for i in inputs]), added, skipped],
    )


# ------------------------------------------------------------------------------------------ reading reports


def stored_keys(store: Store, keys: Sequence[str]) -> set[str]:
    """Which of these dedup keys (content hash and URL) are stored already."""
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE ingest_keys AS SELECT unnest(?) AS dedup_key", [list(keys)])
    found = {k for (k,) in con.execute("SELECT dedup_key FROM ingest_keys JOIN reports USING (dedup_key)").fetchall()}
    con.execute("DROP TABLE ingest_keys")
    return found


def origins_by_hash(store: Store, hashes: Sequence[str]) -> dict[str, tuple[str, str]]:
    """For each stored content hash among ``hashes``: (its origin, its first report id)."""
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE ingest_hashes AS SELECT unnest(?) AS content_hash", [list(hashes)])
    found = {
        h: (o, i)
        for h, o, i in con.execute(
            """
            SELECT content_hash, any_value(origin_id), min(id) FROM reports
            WHERE content_hash IN (SELECT content_hash FROM ingest_hashes) GROUP BY 1
            """
        ).fetchall()
    }
    con.execute("DROP TABLE ingest_hashes")
    return found


def texts(store: Store, ids: list[str]) -> dict[str, tuple[str, datetime | None]]:
    if not ids:
        return {}
    rows = store.con.execute("SELECT id, text, published FROM reports WHERE id IN ?", [ids]).fetchall()
    return {i: (t, p) for i, t, p in rows}


def origins_of(store: Store, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    return dict(store.con.execute("SELECT id, origin_id FROM reports WHERE id IN ?", [ids]).fetchall())


def ids_by_key(store: Store, keys: list[str]) -> list[str]:
    """The stored report id of each dedup key ("" where none is stored), in order."""
    if not keys:
        return []
    found = dict(store.con.execute("SELECT dedup_key, id FROM reports WHERE dedup_key IN ?", [keys]).fetchall())
    return [found.get(k, "") for k in keys]


def load_reports(store: Store, *, as_of: date | None = None, ids: Sequence[str] | None = None) -> list[Report]:
    """Stored reports, oldest first; with ``as_of``, only those published by the end of that day (UTC) or
    undated; with ``ids``, only those."""
    where: list[str] = []
    params: list[object] = []
    if as_of is not None:
        where.append("(published IS NULL OR CAST(published AS DATE) <= ?)")
        params.append(as_of)
    if ids is not None:
        where.append("id IN ?")
        params.append(list(ids) or [""])
    return REPORTS.load(store, " AND ".join(where), params, order="published NULLS LAST, ingested_at, id")


def report_sizes(store: Store, *, ids: Sequence[str] | None = None) -> list[tuple[str, int]]:
    """(id, characters of text) of the stored reports (all, or those in ``ids``), in :func:`load_reports` order:
    what a caller needs to read the reports in batches, and to leave out a text it would not read anyway."""
    where, params = "", []
    if ids is not None:
        where, params = "WHERE id IN ?", [list(ids) or [""]]
    rows = store.con.execute(
        f"SELECT id, length(text) FROM reports {where} ORDER BY published NULLS LAST, ingested_at, id", params
    ).fetchall()
    return [(str(i), int(n)) for i, n in rows]


def signatures(store: Store, level: str) -> list[tuple[str, bytes, datetime | None]]:
    """Stored signatures: every report's 5-word shingles, or the content terms of origin founders only."""
    if level == "shingles":
        rows = store.con.execute(
            "SELECT report_id, sig, NULL FROM report_signatures WHERE level = 'shingles' ORDER BY report_id"
        ).fetchall()
    else:
        rows = store.con.execute(
            """
            SELECT s.report_id, s.sig, r.published FROM report_signatures s
            JOIN reports r ON r.id = s.report_id JOIN origin_links l ON l.report_id = s.report_id
            WHERE s.level = 'terms' AND l.method = 'founder' ORDER BY s.report_id
            """
        ).fetchall()
    return [(str(i), bytes(sig), published) for i, sig, published in rows]


def origin_rows(store: Store) -> tuple[dict[str, tuple[str, float | None]], list[dict[str, Any]]]:
    """How each report joined its origin (method, score), and every origin (id, representative_id, method)."""
    links = {r["report_id"]: (r["method"], r["score"]) for r in store.query("SELECT * FROM origin_links")}
    return links, store.query("SELECT id, representative_id, method FROM origins ORDER BY id")


def section_matches(store: Store) -> list[dict[str, Any]]:
    """Sections of stored reports that repeat an earlier section of the same report, with the report's source."""
    return store.query(
        "SELECT s.*, r.outlet, r.url, r.locator FROM section_matches s JOIN reports r ON r.id = s.report_id "
        "ORDER BY s.report_id, s.first_start, s.second_start"
    )


def report_sources(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """For new reports: id, outlet, title, url and how each joined its origin, oldest first."""
    return store.query(
        "SELECT r.id, r.outlet, r.title, r.url, l.method FROM reports r JOIN origin_links l ON l.report_id = r.id "
        "WHERE r.id IN ? ORDER BY r.published NULLS LAST, r.id",
        [ids or [""]],
    )


def last_evidence_date(store: Store) -> date | None:
    """The latest day with a report or a sortie: the default date of a brief."""
    value = store.scalar(
        "SELECT max(t) FROM (SELECT max(published) AS t FROM reports UNION ALL SELECT max(time) FROM sorties)"
    )
    return value.date() if isinstance(value, datetime) else None


# ------------------------------------------------------------------------------------------ writing reports

SectionRow = tuple[str, int, int, int, int, str, float, int]  # report, first span, second span, method, score, n


def write_reports(store: Store, items: Sequence[Incoming], run_id: str, repeats: Iterable[SectionRow] = ()) -> None:
    """Store new reports with their origins, links, signatures and repeated sections (inside the caller's
    transaction), then elect each touched origin's representative."""
    con = store.con
    now = now_utc()
    store.columns_table(
        "ingest_assigned", [[_incoming_value(i, c) for i in items] for c in _INCOMING_COLUMNS], _INCOMING_COLUMNS
    )
    con.execute(
        """
        INSERT INTO origins SELECT origin_id, id, CASE WHEN method = 'founder' THEN 'exact' ELSE method END, ?
        FROM ingest_assigned WHERE method = 'founder'
        """,
        [now],
    )
    con.execute(
        """
        INSERT INTO reports
        SELECT id, dedup_key, content_hash, origin_id, url, outlet, CAST(published AS TIMESTAMP), title, text,
               format, locator, external_id, ?, ?, meta
        FROM ingest_assigned ORDER BY ord
        """,
        [run_id, now],
    )
    con.execute(
        "INSERT INTO origin_links SELECT id, origin_id, method, matched_id, score, ? FROM ingest_assigned", [now]
    )
    # An origin's method says how loosely its members were matched: rewrite > near > exact.
    con.execute(
        """
        UPDATE origins SET method = m.method FROM (
            SELECT origin_id, max_by(method, CASE method WHEN 'rewrite' THEN 3 WHEN 'near' THEN 2 ELSE 1 END)
                   AS method
            FROM ingest_assigned WHERE method IN ('near', 'rewrite') GROUP BY origin_id
        ) m
        WHERE origins.id = m.origin_id AND origins.method <> 'rewrite'
          AND NOT (origins.method = 'near' AND m.method = 'near')
        """
    )
    signed = [i for i in items if i.shingles is not None]
    if signed:
        ids = [i.id for i in signed]
        for level in ("shingles", "terms"):
            con.execute(
                "INSERT INTO report_signatures SELECT unnest(?), ?, unnest(?)",
                [ids, level, [getattr(i, level) for i in signed]],
            )
    rows = list(repeats)
    if rows:
        con.executemany("INSERT INTO section_matches VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    elect_representatives(store, "SELECT DISTINCT origin_id FROM ingest_assigned")
    con.execute("DROP TABLE ingest_assigned")


def elect_representatives(store: Store, origin_ids_sql: str) -> None:
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
