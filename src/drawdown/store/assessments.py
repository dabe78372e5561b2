"""Assessment snapshots: one JSON body per case, as-of date and seed."""

from __future__ import annotations

from datetime import date

from drawdown.store.db import Store, now_utc


def save_assessment(store: Store, case_id: str, as_of: date, seed: int, body: str) -> None:
    """Store (or replace) the snapshot of ``case_id`` as of ``as_of`` with ``seed``."""
    with store.transaction():
        store.con.execute(
            "INSERT OR REPLACE INTO assessments VALUES (?, ?, ?, ?, ?, ?)",
            [f"{case_id}|{as_of.isoformat()}|{seed}", case_id, as_of, seed, now_utc(), body],
        )
