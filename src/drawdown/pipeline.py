"""The thin layer between stages and the store: read from the store, call a stage, write in one transaction.

These are the functions the CLI calls, and the ones to call from a notebook.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

import numpy as np
import numpy.typing as npt

from drawdown.assess import Assessment, Evidence, assess
from drawdown.case import Case
from drawdown.ingest.decode import DEFAULT_MAX_BYTES, Defaults, Item
from drawdown.ingest.dedup import OriginMatcher, repeated_sections
from drawdown.ingest.feeds import FeedEntry, read_entry
from drawdown.ingest.fetch import Fetcher, FetchPolicy, is_url
from drawdown.ingest.formats import URL_FORMATS, expand, read_path, read_url
from drawdown.ingest.normalize import content_hash
from drawdown.ingest.rewrites import RewriteDetector
from drawdown.model import Claim, Document, IngestFailure, IngestResult, Report
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
    detector: RewriteDetector | None = None,
    fetcher: Fetcher | None = None,
    fetch_pages: bool = False,
) -> IngestResult:
    """Ingest files, folders, page URLs and feed URLs. Each file (or URL) is one transaction; re-ingesting
    stored content changes nothing.

    ``fetch_pages`` replaces the coded text of GDELT rows with the article each row points to.
    """
    run_id = uuid.uuid4().hex[:12]
    result = IngestResult(run_id=run_id)
    expanded: list[Path | IngestFailure | str] = []
    for raw in inputs:
        if isinstance(raw, str) and is_url(raw):
            expanded.append(raw)
        else:
            expanded.extend(expand([raw]))
    own_fetcher = fetcher is None and (fetch_pages or any(isinstance(i, str) for i in expanded))
    if own_fetcher:
        fetcher = Fetcher(FetchPolicy(max_bytes=max_bytes))
    matcher: _LazyMatcher | None = None  # loads stored signatures once, when the first new report needs them
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
        if isinstance(item, str):
            assert fetcher is not None
            items: Iterable[Item] = read_url(item, fetcher, fmt if fmt in URL_FORMATS else None, defaults)
        else:
            items = read_path(item, fmt, defaults=defaults, max_bytes=max_bytes)
            if fetch_pages:
                assert fetcher is not None
                items = _with_pages(items, fetcher)
        for read in items:
            if isinstance(read, IngestFailure):
                result.failures.append(read)
            else:
                documents.append(read)
        if matcher is None:
            matcher = _LazyMatcher(store, detector)
        store_documents(store, documents, run_id, result, matcher)
        if progress is not None:
            progress(done, len(expanded), str(item))
    if own_fetcher and fetcher is not None:
        fetcher.close()
    status = "ok" if result.ok else ("partial" if result.added or result.skipped else "failed")
    with store.transaction():
        store.con.execute(
            "UPDATE ingest_runs SET finished_at = ?, status = ?, added = ?, skipped = ?, failed = ? WHERE id = ?",
            [now_utc(), status, len(result.added), result.skipped, len(result.failures), run_id],
        )
    return result


def _with_pages(items: Iterable[Item], fetcher: Fetcher) -> Iterator[Item]:
    """GDELT rows with their article's text in place of the coded description (kept when the fetch fails)."""
    for item in items:
        if isinstance(item, Document) and item.format.startswith("gdelt") and item.url:
            page = read_entry(FeedEntry(key=item.url, link=item.url, published=item.published), fetcher)
            if isinstance(page, Document):
                meta = {**(item.meta or {}), "gdelt_coded": item.text[:2000]}
                item = replace(page, format=item.format, published=item.published, meta=meta)
        yield item


def store_documents(
    store: Store,
    documents: Iterable[Document],
    run_id: str,
    result: IngestResult,
    matcher: OriginMatcher | _LazyMatcher | None = None,
) -> None:
    """Write one batch of documents in a single transaction, assigning each to its origin.

    An origin is found, in order, by the same content (hash) as a stored or earlier report, by a near-duplicate
    (MinHash LSH over 5-word shingles) or by a rewrite (the matcher's rewrite detector). Set-based: the batch
    goes to DuckDB as one list parameter, because per-row statements capped ingest at about 220 reports/s
    (benchmarks/bench_ingest.py, 2,000 reports).
    """
    batch: dict[str, dict[str, object]] = {}
    for doc in documents:
        digest = content_hash(doc.text)
        key = f"{digest}|{doc.url or ''}"  # normalize.dedup_key, without hashing the text twice
        if key in batch:  # the same content at the same address twice in one input
            result.skipped += 1
            continue
        batch[key] = {
            "id": hashlib.sha256(key.encode()).hexdigest()[:16],
            "dedup_key": key,
            "content_hash": digest,
            "url": doc.url,
            "outlet": doc.outlet,
            "published": utc_naive(doc.published),
            "title": doc.title,
            "text": doc.text,
            "format": doc.format,
            "locator": doc.locator,
            "external_id": doc.external_id,
            "meta": json.dumps(doc.meta, sort_keys=True) if doc.meta else None,
        }
    if not batch:
        return
    con = store.con
    with store.transaction():
        con.execute("CREATE OR REPLACE TEMP TABLE ingest_keys AS SELECT unnest(?) AS dedup_key", [list(batch)])
        stored = {
            k for (k,) in con.execute("SELECT dedup_key FROM ingest_keys JOIN reports USING (dedup_key)").fetchall()
        }
        con.execute("DROP TABLE ingest_keys")
        rows = [row for key, row in batch.items() if key not in stored]
        result.skipped += len(stored)
        if not rows:
            return
        _assign_origins(store, rows, matcher.get() if isinstance(matcher, _LazyMatcher) else matcher)
        now = now_utc()
        # One list per column: DuckDB converts a homogeneous list far faster than a list of dicts (1.1 s against
        # about 0.1 s for 5,000 rows of bench_ingest.py).
        _columns_table(store, "ingest_assigned", rows, _ASSIGNED_COLUMNS)
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
            "INSERT INTO origin_links SELECT id, origin_id, method, matched_id, score, ? FROM ingest_assigned",
            [now],
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
        signed = [r for r in rows if r.get("shingles") is not None]
        if signed:
            ids = [r["id"] for r in signed]
            for level in ("shingles", "terms"):
                con.execute(
                    "INSERT INTO report_signatures SELECT unnest(?), ?, unnest(?)",
                    [ids, level, [r[level] for r in signed]],
                )
        repeats = [
            (r["id"], m.first.start, m.first.end, m.second.start, m.second.end, m.method, m.score, len(m.paragraphs))
            for r in rows
            if "#" in str(r["text"])  # only texts with Markdown headings have sections
            for m in repeated_sections(str(r["text"]), detector_of(matcher))
        ]
        if repeats:
            con.executemany("INSERT INTO section_matches VALUES (?, ?, ?, ?, ?, ?, ?, ?)", repeats)
        _elect_representatives(store, "SELECT DISTINCT origin_id FROM ingest_assigned")
        for row in rows:
            result.added.append(str(row["id"]))
            if row["method"] != "founder":
                result.copies.append(str(row["id"]))
        con.execute("DROP TABLE ingest_assigned")


def _assign_origins(store: Store, rows: list[dict[str, object]], matcher: OriginMatcher | None) -> None:
    """Set origin_id, method, matched_id and score on each new row (and its signatures when it was matched)."""
    con = store.con
    hashes = sorted({str(r["content_hash"]) for r in rows})
    con.execute("CREATE OR REPLACE TEMP TABLE ingest_hashes AS SELECT unnest(?) AS content_hash", [hashes])
    by_hash: dict[str, tuple[str, str]] = {
        h: (o, i)
        for h, o, i in con.execute(
            """
            SELECT content_hash, any_value(origin_id), min(id) FROM reports
            WHERE content_hash IN (SELECT content_hash FROM ingest_hashes) GROUP BY 1
            """
        ).fetchall()
    }
    con.execute("DROP TABLE ingest_hashes")
    to_match: list[dict[str, object]] = []
    for ord_, row in enumerate(rows):
        row["ord"] = ord_
        row["shingles"] = row["terms"] = None
        known = by_hash.get(str(row["content_hash"]))
        if known is not None:
            row.update(origin_id=known[0], method="exact", matched_id=known[1], score=1.0)
        else:
            row.update(origin_id="o-" + str(row["id"]), method="founder", matched_id=None, score=None)
            by_hash[str(row["content_hash"])] = (str(row["origin_id"]), str(row["id"]))
            to_match.append(row)
    if matcher is None or not to_match:
        return
    matches, sigs = matcher.match(
        [str(r["id"]) for r in to_match],
        [str(r["text"]) for r in to_match],
        [r["published"] for r in to_match],  # type: ignore[misc]
        lambda ids: _texts(store, ids),
    )
    origin_of = {str(r["id"]): str(r["origin_id"]) for r in rows}
    pending = [m.matched for m in matches if m is not None and m.matched not in origin_of]
    origin_of.update(_origins(store, pending))
    for i, (row, found) in enumerate(zip(to_match, matches, strict=True)):
        row["shingles"] = sigs.shingles[i].astype("<u4").tobytes()
        row["terms"] = sigs.terms[i].astype("<u4").tobytes()
        if found is not None and found.matched in origin_of:
            row.update(origin_id=origin_of[found.matched], method=found.method, matched_id=found.matched,
                       score=found.score)  # fmt: skip
            origin_of[str(row["id"])] = str(row["origin_id"])


_ASSIGNED_COLUMNS = {
    "id": "VARCHAR", "dedup_key": "VARCHAR", "content_hash": "VARCHAR", "url": "VARCHAR", "outlet": "VARCHAR",
    "published": "TIMESTAMP", "title": "VARCHAR", "text": "VARCHAR", "format": "VARCHAR", "locator": "VARCHAR",
    "external_id": "VARCHAR", "meta": "VARCHAR", "ord": "INTEGER", "origin_id": "VARCHAR", "method": "VARCHAR",
    "matched_id": "VARCHAR", "score": "DOUBLE",
}  # fmt: skip


def _columns_table(store: Store, name: str, rows: list[dict[str, object]], columns: dict[str, str]) -> None:
    select = ", ".join(f"CAST(unnest(${i}) AS {kind}) AS {col}" for i, (col, kind) in enumerate(columns.items(), 1))
    store.con.execute(
        f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {select}", [[r.get(c) for r in rows] for c in columns]
    )


class _LazyMatcher:
    """Loads the stored signatures only when a batch has new reports: re-ingesting stored files stays cheap."""

    def __init__(self, store: Store, detector: RewriteDetector | None) -> None:
        self.store = store
        self.detector = detector
        self._matcher: OriginMatcher | None = None

    def get(self) -> OriginMatcher:
        if self._matcher is None:
            self._matcher = load_matcher(self.store, self.detector)
        return self._matcher


def detector_of(matcher: OriginMatcher | _LazyMatcher | None) -> RewriteDetector | None:
    if isinstance(matcher, _LazyMatcher):
        return matcher.detector
    return matcher.detector if matcher is not None else None


def _texts(store: Store, ids: list[str]) -> dict[str, tuple[str, datetime | None]]:
    if not ids:
        return {}
    rows = store.con.execute("SELECT id, text, published FROM reports WHERE id IN ?", [ids]).fetchall()
    return {i: (t, p) for i, t, p in rows}


def _origins(store: Store, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    return dict(store.con.execute("SELECT id, origin_id FROM reports WHERE id IN ?", [ids]).fetchall())


def load_matcher(store: Store, detector: RewriteDetector | None = None) -> OriginMatcher:
    """An origin matcher that knows the stored reports' signatures (terms: origin founders only)."""
    matcher = OriginMatcher(detector)
    rows = store.con.execute(
        "SELECT report_id, sig FROM report_signatures WHERE level = 'shingles' ORDER BY report_id"
    ).fetchall()
    if rows:
        matcher.load_documents([r[0] for r in rows], _matrix([r[1] for r in rows]))
    rows = store.con.execute(
        """
        SELECT s.report_id, s.sig, r.published FROM report_signatures s
        JOIN reports r ON r.id = s.report_id JOIN origin_links l ON l.report_id = s.report_id
        WHERE s.level = 'terms' AND l.method = 'founder' ORDER BY s.report_id
        """
    ).fetchall()
    if rows:
        matcher.load_terms([r[0] for r in rows], _matrix([r[1] for r in rows]), [r[2] for r in rows])
    return matcher


def _matrix(blobs: list[bytes]) -> npt.NDArray[np.uint32]:
    return np.frombuffer(b"".join(blobs), dtype="<u4").reshape(len(blobs), -1).astype(np.uint32)


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


@dataclass(frozen=True)
class OriginMember:
    report: Report
    method: str  # founder | exact | near | rewrite
    score: float | None


@dataclass(frozen=True)
class OriginGroup:
    """One origin: its reports (earliest-published first) and the representative that stands for them."""

    id: str
    method: str
    representative: Report
    members: tuple[OriginMember, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "origin": self.id,
            "method": self.method,
            "representative": self.representative.id,
            "size": len(self.members),
            "members": [
                {"report": m.report.id, "outlet": m.report.outlet, "url": m.report.url, "title": m.report.title,
                 "published": m.report.published.isoformat() if m.report.published else None,
                 "method": m.method, "score": m.score}
                for m in self.members
            ],
        }  # fmt: skip


def list_origins(store: Store, *, include_single: bool = False) -> list[OriginGroup]:
    """Origins with their members, largest first; by default only those with more than one report."""
    reports = {r.id: r for r in load_reports(store)}
    links = {
        row["report_id"]: (row["method"], row["score"])
        for row in store.query("SELECT report_id, method, score FROM origin_links")
    }
    groups: list[OriginGroup] = []
    for row in store.query("SELECT id, representative_id, method FROM origins ORDER BY id"):
        members = [r for r in reports.values() if r.origin_id == row["id"]]
        if not members or (len(members) < 2 and not include_single):
            continue
        rep = reports.get(row["representative_id"], members[0])
        ordered = sorted(members, key=lambda r: (r.id != rep.id, r.published is None, r.published or 0, r.id))
        # A member that founded the origin before an earlier-published copy arrived relates to the representative
        # the way the representative was matched to it.
        founder = ("founder", None)
        rep_link = links.get(rep.id, founder)
        how = [
            founder if r.id == rep.id else (rep_link if links.get(r.id, founder) == founder else links[r.id])
            for r in ordered
        ]
        group_members = tuple(OriginMember(r, m, s) for r, (m, s) in zip(ordered, how, strict=True))
        groups.append(OriginGroup(id=row["id"], method=row["method"], representative=rep, members=group_members))
    return sorted(groups, key=lambda g: (-len(g.members), g.id))


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


def load_evidence(store: Store, case: Case) -> Evidence:
    reports = {r.id: r for r in load_reports(store)}
    claims = tuple(c for c in load_claims(store) if c.report_id in reports)
    from drawdown.pipeline_flights import load_sorties  # deferred: the flights stage imports Ibis

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
