"""ADS-B coverage per airfield and day (:class:`~drawdown.model.Coverage`), merged hour by hour."""

from __future__ import annotations

from collections.abc import Sequence

from drawdown.model import Coverage
from drawdown.store.db import Store, now_utc
from drawdown.store.rows import RecordTable

COVERAGE: RecordTable[Coverage] = RecordTable(
    "coverage",
    Coverage,
    columns=("airfield", "day", "hours", "updated_at"),
    write={"hours": lambda c: list(c.hours)},
    read={"hours": lambda r: tuple(sorted(int(h) for h in r["hours"]))},
)


def merge_coverage(store: Store, found: Sequence[Coverage]) -> int:
    """Add the hours of ``found`` to the stored coverage (inside the caller's transaction, if any); returns how
    many (airfield, day) rows gained an hour. Idempotent: the same coverage written twice changes nothing."""
    stored = {(c.airfield, c.day): c for c in load_coverage(store)}
    merged: dict[tuple[str, object], Coverage] = {}
    for c in found:
        key = (c.airfield, c.day)
        before = merged.get(key) or stored.get(key)
        hours = tuple(sorted(set(c.hours) | set(before.hours if before else ())))
        if before is None or hours != before.hours:
            merged[key] = Coverage(c.airfield, c.day, hours)
    COVERAGE.insert(store, merged.values(), {"updated_at": now_utc()}, replace=True)
    return len(merged)


def load_coverage(store: Store, *, airfield: str | None = None) -> list[Coverage]:
    """Stored coverage, by airfield and day (optionally at one airfield)."""
    where, params = ("airfield = ?", [airfield]) if airfield else ("", [])
    return COVERAGE.load(store, where, params, order="airfield, day")
