"""Extraction around the store: read stored reports, call the pure extractor, replace each report's claims.

Each report is one transaction (its old claims deleted, its new claims and its extraction outcome written), so a
re-run gives the same rows, and a failure part-way loses nothing already stored.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from drawdown.case import Case
from drawdown.extract.claims import EXTRACTOR_VERSION, Extraction, Extractor
from drawdown.ingest.normalize import content_hash
from drawdown.model import Claim, Report
from drawdown.pipeline import load_reports
from drawdown.store.db import Store, now_utc

ProgressHook = Callable[[int, int, str], None]


@dataclass
class ExtractResult:
    """What one extraction run did."""

    reports: int = 0
    claims: int = 0
    skipped: dict[str, str] = field(default_factory=dict)  # report id -> reason

    def as_dict(self) -> dict[str, Any]:
        return {"reports": self.reports, "claims": self.claims, "skipped": self.skipped}


def claim_id(claim: Claim) -> str:
    """Stable id: the same claim extracted twice gets the same id."""
    key = f"{claim.report_id}|{claim.site}|{claim.action}|{claim.modality}|{claim.span[0]}|{claim.span[1]}"
    return "c-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def extract(
    store: Store,
    case: Case,
    *,
    report_ids: Iterable[str] | None = None,
    progress: ProgressHook | None = None,
) -> ExtractResult:
    """Extract claims from stored reports (all, or those in ``report_ids``) and store them, replacing old ones."""
    extractor = Extractor(case)
    reports = load_reports(store)
    if report_ids is not None:
        wanted = set(report_ids)
        reports = [r for r in reports if r.id in wanted]
    result = ExtractResult()
    # Syndicated copies carry the very same text: read it once per (text, published day) and reuse the claims.
    read: dict[tuple[str, date | None], Extraction] = {}
    for done, report in enumerate(reports, start=1):
        key = (report.text, report.published.date() if report.published else None)
        if key in read:
            earlier = read[key]
            outcome = Extraction(
                [dataclasses.replace(c, report_id=report.id) for c in earlier.claims], earlier.language, earlier.skipped
            )
        else:
            outcome = read[key] = extractor.extract(report.text, report.published, report.id)
        store_extraction(store, report, outcome)
        result.reports += 1
        result.claims += len(outcome.claims)
        if outcome.skipped:
            result.skipped[report.id] = outcome.skipped
        if progress is not None:
            progress(done, len(reports), report.id)
    return result


def store_extraction(store: Store, report: Report, outcome: Extraction) -> None:
    """Replace one report's claims and record the outcome, in one transaction."""
    now = now_utc()
    rows = [
        [
            claim_id(c), c.report_id, c.site, c.action, c.quantity, c.unit, c.event_date, c.time_precision,
            c.source_type, c.confirmation, c.modality, c.attribution, json.dumps(list(c.hedges)), c.span[0], c.span[1],
            c.sentence, EXTRACTOR_VERSION, now, c.site_name, c.actor, c.due_date,
        ]
        for c in outcome.claims
    ]  # fmt: skip
    with store.transaction():
        store.con.execute("DELETE FROM claims WHERE report_id = ?", [report.id])
        if rows:
            store.con.executemany(
                "INSERT INTO claims (id, report_id, site, action, quantity, unit, event_date, time_precision, "
                "source_type, confirmation, modality, attribution, hedges, span_start, span_end, sentence, extractor, "
                "created_at, site_name, actor, due_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "?, ?, ?)",
                rows,
            )
        store.con.execute(
            "INSERT OR REPLACE INTO extractions VALUES (?, ?, ?, ?, ?, ?)",
            [report.id, outcome.language, outcome.skipped, len(outcome.claims), EXTRACTOR_VERSION, now],
        )


# ---------------------------------------------------------------------------------------- JSONL, no store


def claim_json(claim: Claim) -> dict[str, Any]:
    """One claim in the JSONL contract (issue 4; evaluation tools depend on these keys)."""
    return {
        "site": claim.site,
        "site_name": claim.site_name,
        "action": claim.action,
        "quantity": claim.quantity,
        "unit": claim.unit,
        "event_date": claim.event_date.isoformat() if claim.event_date else None,
        "time_precision": claim.time_precision,
        "source_type": claim.source_type,
        "confirmation": claim.confirmation,
        "modality": claim.modality,
        "attribution": claim.attribution,
        "span": [claim.span[0], claim.span[1]],
    }


def _published(value: object) -> datetime | date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None


def extract_jsonl_lines(lines: Iterable[str], case: Case, *, where: str = "<stdin>") -> Iterator[dict[str, Any]]:
    """Read ``{"id","url","outlet","published","text"}`` lines; yield one output record per input line.

    ``duplicate_of`` is the id of an earlier line with the same content hash (exact copies only: near-duplicate
    detection belongs to ingest). A line that is not a JSON object yields a record with ``error`` and no claims.
    """
    extractor = Extractor(case)
    first_by_hash: dict[str, str] = {}
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield {"id": None, "claims": [], "duplicate_of": None,
                   "error": f"{where}:{number}: not JSON ({exc.msg}); write one JSON object per line"}  # fmt: skip
            continue
        if not isinstance(item, dict):
            yield {"id": None, "claims": [], "duplicate_of": None,
                   "error": f"{where}:{number}: not a JSON object; write one object per line"}  # fmt: skip
            continue
        rid = item.get("id")
        rid = str(rid) if rid is not None else f"line-{number}"
        text = item.get("text")
        if not isinstance(text, str):
            text = ""
        digest = content_hash(text)
        duplicate_of = first_by_hash.get(digest) if text.strip() else None
        if duplicate_of is None and text.strip():
            first_by_hash[digest] = rid
        outcome = extractor.extract(text, _published(item.get("published")), rid)
        record: dict[str, Any] = {
            "id": rid,
            "claims": [claim_json(c) for c in outcome.claims],
            "duplicate_of": duplicate_of,
        }
        if outcome.skipped:
            record["skipped"] = outcome.skipped
            record["language"] = outcome.language
        yield record
