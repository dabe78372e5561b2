"""Claims, the site mentions found beside them, and each report's extraction outcome."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from drawdown.model import Claim, Mention
from drawdown.store.db import Store, now_utc
from drawdown.store.rows import RecordTable, Row


def claim_id(claim: Claim) -> str:
    """Stable id: the same claim extracted twice gets the same id."""
    key = f"{claim.report_id}|{claim.site}|{claim.action}|{claim.modality}|{claim.span[0]}|{claim.span[1]}"
    return "c-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def _hedges(row: Row) -> tuple[str, ...]:
    """Hedges are stored as a JSON list (or, by older writers, one plain string)."""
    value = row["hedges"]
    if not value:
        return ()
    text = str(value)
    if text.startswith("["):
        return tuple(str(h) for h in json.loads(text))
    return (text,)


_CLAIM_COLUMNS = (
    "id", "report_id", "site", "action", "quantity", "unit", "event_date", "time_precision", "source_type",
    "confirmation", "modality", "attribution", "hedges", "span_start", "span_end", "sentence", "extractor",
    "created_at", "site_name", "actor", "due_date",
)  # fmt: skip

CLAIMS: RecordTable[Claim] = RecordTable(
    "claims",
    Claim,
    columns=_CLAIM_COLUMNS,
    write={
        "id": claim_id,
        "hedges": lambda c: json.dumps(list(c.hedges)),
        "span_start": lambda c: c.span[0],
        "span_end": lambda c: c.span[1],
    },
    read={
        "span": lambda r: (r["span_start"], r["span_end"]),
        "sentence": lambda r: r["sentence"] or "",
        "hedges": _hedges,
    },
)


MENTIONS: RecordTable[Mention] = RecordTable("mentions", Mention, columns=("report_id", "site"))


def replace_extraction(
    store: Store,
    report_id: str,
    claims: Sequence[Claim],
    mentions: Sequence[str],
    language: str,
    skipped: str | None,
    extractor: str,
) -> None:
    """Replace one report's claims and site mentions and record the outcome, in one transaction."""
    now = now_utc()
    with store.transaction():
        store.con.execute("DELETE FROM claims WHERE report_id = ?", [report_id])
        store.con.execute("DELETE FROM mentions WHERE report_id = ?", [report_id])
        CLAIMS.insert(store, claims, {"extractor": extractor, "created_at": now})
        MENTIONS.insert(store, [Mention(report_id, site) for site in sorted(set(mentions))])
        store.con.execute(
            "INSERT OR REPLACE INTO extractions VALUES (?, ?, ?, ?, ?, ?)",
            [report_id, language, skipped, len(claims), extractor, now],
        )


def load_claims(store: Store) -> list[Claim]:
    """Stored claims, in report order then span order."""
    return CLAIMS.load(store, order="report_id, span_start, span_end, id")


def load_mentions(store: Store) -> list[Mention]:
    """Stored site mentions, by report then site."""
    return MENTIONS.load(store, order="report_id, site")


def extracted_ids(store: Store) -> set[str]:
    """The reports that extraction has read (whatever it found in them)."""
    return {str(r) for (r,) in store.con.execute("SELECT report_id FROM extractions").fetchall()}


def extraction_outcomes(store: Store) -> list[dict[str, object]]:
    """Each extracted report's language, skip reason and claim count."""
    return store.query("SELECT * FROM extractions ORDER BY report_id")
