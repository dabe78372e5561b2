"""Extraction around the store: read stored reports, call the pure extractor, replace each report's claims.

Each report is one transaction (its old claims and mentions deleted, the new ones and its extraction outcome
written), so a re-run gives the same rows, and a failure part-way loses nothing already stored. Without a store,
:func:`extract_jsonl_lines` turns JSONL reports into the JSONL claim contract.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from drawdown.case import Case
from drawdown.extract.claims import EXTRACTOR_VERSION, Extraction, Extractor
from drawdown.ingest.dedup import OriginMatcher
from drawdown.ingest.normalize import content_hash
from drawdown.model import Claim, Report
from drawdown.store.claims import replace_extraction
from drawdown.store.db import Store
from drawdown.store.reports import load_reports

ProgressHook = Callable[[int, int, str], None]


@dataclass
class ExtractResult:
    """What one extraction run did."""

    reports: int = 0
    claims: int = 0
    skipped: dict[str, str] = field(default_factory=dict)  # report id -> reason

    def as_dict(self) -> dict[str, Any]:
        return {"reports": self.reports, "claims": self.claims, "skipped": self.skipped}


def extract(
    store: Store,
    case: Case,
    *,
    report_ids: Iterable[str] | None = None,
    progress: ProgressHook | None = None,
) -> ExtractResult:
    """Extract claims from stored reports (all, or those in ``report_ids``) and store them, replacing old ones."""
    extractor = Extractor(case)
    reports = load_reports(store, ids=None if report_ids is None else list(report_ids))
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
        mentions = extractor.named_sites(f"{report.title or ''}\n{report.text}")
        store_extraction(store, report, outcome, mentions)
        result.reports += 1
        result.claims += len(outcome.claims)
        if outcome.skipped:
            result.skipped[report.id] = outcome.skipped
        if progress is not None:
            progress(done, len(reports), report.id)
    return result


def store_extraction(store: Store, report: Report, outcome: Extraction, mentions: Iterable[str] = ()) -> None:
    """Replace one report's claims and site mentions and record the outcome, in one transaction."""
    replace_extraction(
        store, report.id, outcome.claims, list(mentions), outcome.language, outcome.skipped, EXTRACTOR_VERSION
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
        "actor": claim.actor,
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


def _instant(value: datetime | date | None) -> datetime | None:
    """A publication time the origin matcher can compare: aware, midnight UTC for a bare date."""
    if value is None:
        return None
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def extract_jsonl_lines(lines: Iterable[str], case: Case, *, where: str = "<stdin>") -> Iterator[dict[str, Any]]:
    """Read ``{"id","url","outlet","published","text"}`` lines; yield one output record per input line.

    ``duplicate_of`` is the id of the earlier line whose story this one copies: the same content hash, or the
    near-copy and rewrite detection the store's origin grouping uses (``ingest.dedup.OriginMatcher``), pointing
    at the first line of that origin. A line that is not a JSON object yields a record with ``error`` and no claims.
    """
    extractor = Extractor(case)
    monitored = {a.short for a in case.monitored}
    first_by_hash: dict[str, str] = {}
    matcher = OriginMatcher()
    seen: dict[str, tuple[str, datetime | None]] = {}
    root: dict[str, str] = {}  # line id -> the first line of its origin
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
        published = _published(item.get("published"))
        if duplicate_of is None and text.strip():
            first_by_hash[digest] = rid
            when = _instant(published)
            found, _ = matcher.match([rid], [text], [when], lambda keys: {k: seen[k] for k in keys})
            seen[rid] = (text, when)
            duplicate_of = root[found[0].matched] if found[0] is not None else None
            root[rid] = duplicate_of or rid
        outcome = extractor.extract(text, published, rid)
        record: dict[str, Any] = {
            "id": rid,
            # The contract lists the monitored forces' claims; other actors' moves are not claims of the case
            # (ANNOTATION.md). The store keeps them for the brief's "other actors" section.
            "claims": [claim_json(c) for c in outcome.claims if c.actor in monitored],
            "duplicate_of": duplicate_of,
        }
        if outcome.skipped:
            record["skipped"] = outcome.skipped
            record["language"] = outcome.language
        yield record
