"""Analysts' reviews of claims, one row per (report, span, action)."""

from __future__ import annotations

from collections.abc import Sequence

from drawdown.model import ClaimKey, Review
from drawdown.store.db import Store, now_utc, utc_aware, utc_naive
from drawdown.store.rows import RecordTable

_REVIEW_COLUMNS = (
    "report_id", "span_start", "span_end", "action", "verdict", "site", "new_action", "quantity",
    "confirmation", "note", "reviewed_at",
)  # fmt: skip

REVIEWS: RecordTable[Review] = RecordTable(
    "reviews",
    Review,
    columns=_REVIEW_COLUMNS,
    write={
        "span_start": lambda r: r.span[0],
        "span_end": lambda r: r.span[1],
        "reviewed_at": lambda r: utc_naive(r.reviewed_at) or now_utc(),
    },
    read={
        "span": lambda row: (row["span_start"], row["span_end"]),
        "reviewed_at": lambda row: utc_aware(row["reviewed_at"]),
    },
)


def save_reviews(store: Store, reviews: Sequence[Review]) -> int:
    """Store reviews, each replacing any earlier review of the same claim, in one transaction."""
    with store.transaction():
        return REVIEWS.insert(store, reviews, replace=True)


def load_reviews(store: Store) -> list[Review]:
    return REVIEWS.load(store, order="report_id, span_start, span_end, action")


def delete_review(store: Store, key: ClaimKey) -> bool:
    """Remove the review of one claim (report, span, action): the claim is the machine's reading again.
    Returns whether there was one."""
    report_id, (start, end), action = key
    where = "report_id = ? AND span_start = ? AND span_end = ? AND action = ?"
    params = [report_id, start, end, action]
    with store.transaction():
        found = store.scalar(f"SELECT count(*) FROM reviews WHERE {where}", params)
        store.con.execute(f"DELETE FROM reviews WHERE {where}", params)
    return bool(found)
