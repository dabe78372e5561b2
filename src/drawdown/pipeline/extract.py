"""Extraction around the store: read stored reports, call the pure extractor, replace each report's claims.

Each report is one transaction (its old claims and mentions deleted, the new ones and its extraction outcome
written), so a re-run gives the same rows, and a failure part-way loses nothing already stored. Without a store,
:func:`extract_jsonl_lines` turns JSONL reports into the JSONL claim contract.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from drawdown.case import Case
from drawdown.extract.claims import EXTRACTOR_VERSION, MAX_CHARS, Extraction, Extractor
from drawdown.ingest.dedup import BatchSignatures, OriginMatcher
from drawdown.ingest.normalize import content_hash
from drawdown.model import Claim, ProgressHook, Report
from drawdown.store.claims import replace_extraction
from drawdown.store.db import Store
from drawdown.store.reports import load_reports, report_sizes


@dataclass
class ExtractResult:
    """What one extraction run did."""

    reports: int = 0
    claims: int = 0
    skipped: dict[str, str] = field(default_factory=dict)  # report id -> reason

    def as_dict(self) -> dict[str, Any]:
        return {"reports": self.reports, "claims": self.claims, "skipped": self.skipped}

    @property
    def too_long(self) -> list[str]:
        """The reports skipped unread because their text is over the extractor's size limit."""
        return [rid for rid, reason in self.skipped.items() if reason.endswith(f"over the {MAX_CHARS:,} limit")]


# Reports read from the store at a time: memory holds one batch of texts, whatever the size of the store.
BATCH = 500


def extract(
    store: Store,
    case: Case,
    *,
    report_ids: Iterable[str] | None = None,
    progress: ProgressHook | None = None,
    extractor: Extractor | None = None,
) -> ExtractResult:
    """Extract claims from stored reports (all, or those in ``report_ids``) and store them, replacing old ones.

    Reports are read in batches of :data:`BATCH`; a text over the extractor's size limit is not read at all
    (it would be skipped unread), so a 50 MB article costs no memory here. ``extractor``: one built for ``case``
    before, for a caller that extracts a few reports at a time (building one compiles its rules' patterns)."""
    extractor = extractor or Extractor(case)
    sizes = report_sizes(store, ids=None if report_ids is None else list(report_ids))
    result = ExtractResult()
    # Syndicated copies carry the very same text: read it once per (text, published day) and reuse the claims.
    # Keyed by the text's digest, so the cache does not hold every text of the store.
    read: dict[tuple[bytes, date | None, str | None], Extraction] = {}
    done = 0
    for start in range(0, len(sizes), BATCH):
        batch = sizes[start : start + BATCH]
        for report_id, chars in batch:
            if chars > MAX_CHARS:
                outcome = Extraction(skipped=f"text of {chars:,} characters is over the {MAX_CHARS:,} limit")
                replace_extraction(store, report_id, [], [], outcome.language, outcome.skipped, EXTRACTOR_VERSION)
                result.reports += 1
                result.skipped[report_id] = outcome.skipped or ""
                done += 1
                if progress is not None:
                    progress(done, len(sizes), report_id)
        readable = [report_id for report_id, chars in batch if chars <= MAX_CHARS]
        for report in load_reports(store, ids=readable) if readable else []:
            digest = hashlib.sha256(report.text.encode("utf-8", "surrogatepass")).digest()
            # The same text from the same day reads the same (a republication under another URL is not read
            # again), unless one publisher is a source whose own statements are observation.
            witness = case.witness(report.outlet, report.url)
            key = (digest, report.published.date() if report.published else None, witness.id if witness else None)
            if key in read:
                earlier = read[key]
                outcome = Extraction(
                    [dataclasses.replace(c, report_id=report.id) for c in earlier.claims],
                    earlier.language,
                    earlier.skipped,
                )
            else:
                outcome = read[key] = extractor.extract(
                    report.text, report.published, report.id, report.outlet, report.url
                )
            mentions = extractor.named_sites(f"{report.title or ''}\n{report.text}")
            store_extraction(store, report, outcome, mentions)
            result.reports += 1
            result.claims += len(outcome.claims)
            if outcome.skipped:
                result.skipped[report.id] = outcome.skipped
            done += 1
            if progress is not None:
                progress(done, len(sizes), report.id)
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
    duplicates = Duplicates()
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
        report = corpus_report(item, number)
        read = read_report(extractor, report)
        yield corpus_record(read, duplicates.find(read))


@dataclass(frozen=True)
class CorpusReport:
    """One report of a corpus (a JSONL line or a Parquet row): its id (``line-N`` when it has none), text,
    publication time, and the outlet and URL that name its publisher."""

    id: str
    text: str
    published: datetime | date | None
    outlet: str | None = None
    url: str | None = None


def corpus_report(item: dict[str, Any], number: int) -> CorpusReport:
    rid = item.get("id")
    text = item.get("text")
    published = item.get("published")
    if isinstance(published, datetime | date):  # a Parquet timestamp or date column
        published = published.isoformat()
    outlet, url = item.get("outlet"), item.get("url")
    return CorpusReport(
        str(rid) if rid is not None else f"line-{number}",
        text if isinstance(text, str) else "",
        _published(published),
        outlet if isinstance(outlet, str) else None,
        url if isinstance(url, str) else None,
    )


@dataclass(frozen=True)
class ReadReport:
    """What is known of one report without looking at any other: the work that runs anywhere (a Spark executor
    for a corpus): its content hash, both copy-detection signatures, and its claims."""

    report: CorpusReport
    digest: str
    signatures: BatchSignatures | None  # None for an empty text, which is nobody's copy
    claims: list[dict[str, Any]]
    skipped: str | None
    language: str


def read_report(extractor: Extractor, report: CorpusReport) -> ReadReport:
    text = report.text
    signed = OriginMatcher.sign([text]) if text.strip() else None
    outcome = extractor.extract(text, report.published, report.id, report.outlet, report.url)
    # The contract lists the monitored forces' claims; other actors' moves are not claims of the case
    # (ANNOTATION.md). The store keeps them for the brief's "other actors" section.
    monitored = {a.short for a in extractor.case.monitored}
    claims = [claim_json(c) for c in outcome.claims if c.actor in monitored]
    return ReadReport(report, content_hash(text), signed, claims, outcome.skipped, outcome.language)


def corpus_record(read: ReadReport, duplicate_of: str | None) -> dict[str, Any]:
    """The output line of one corpus report (the JSONL claim contract plus ``duplicate_of``)."""
    record: dict[str, Any] = {"id": read.report.id, "claims": read.claims, "duplicate_of": duplicate_of}
    if read.skipped:
        record["skipped"] = read.skipped
        record["language"] = read.language
    return record


class Duplicates:
    """Which earlier report of a corpus each report copies, in corpus order: the same content hash, else the
    origin matcher's near copy or rewrite, pointing at the first report of that origin. Order decides which
    report is the first, so this pass runs in one place (the driver, on Spark), over signatures made anywhere."""

    def __init__(self) -> None:
        self.first_by_hash: dict[str, str] = {}
        self.matcher = OriginMatcher()
        # The founders' texts: the only reports the matcher asks for, to score a rewrite against.
        self.founders: dict[str, tuple[str, datetime | None]] = {}
        self.root: dict[str, str] = {}  # report id -> the first report of its origin

    def find(self, read: ReadReport) -> str | None:
        rid, text = read.report.id, read.report.text
        if not text.strip():
            return None
        duplicate_of = self.first_by_hash.get(read.digest)
        if duplicate_of is None:
            self.first_by_hash[read.digest] = rid
            when = _instant(read.report.published)
            found, _ = self.matcher.match(
                [rid], [text], [when], lambda keys: {k: self.founders[k] for k in keys}, signed=read.signatures
            )
            if found[0] is None:
                self.founders[rid] = (text, when)
            duplicate_of = self.root[found[0].matched] if found[0] is not None else None
            self.root[rid] = duplicate_of or rid
        return duplicate_of
