"""Sorties around the store: detect sorties in a track file and write them in one transaction.

Idempotent: a sortie's id is a hash of aircraft, event, field and time, so ingesting the same file twice stores
nothing new (a re-run refreshes derived columns such as wave and destination).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from drawdown.case import Case
from drawdown.flights.aircraft import is_fleet
from drawdown.flights.airfields import Airfield, case_airfields
from drawdown.flights.readers import marked_simulated
from drawdown.model import ProgressHook
from drawdown.store.coverage import load_coverage, merge_coverage
from drawdown.store.db import Store
from drawdown.store.sorties import load_sorties, write_sorties

__all__ = ["SortieIngest", "ingest_sorties", "load_coverage", "load_sorties"]


@dataclass
class SortieIngest:
    """What one `flights ingest` did."""

    run_id: str
    found: int = 0
    added: int = 0
    updated: int = 0
    skipped_civil: int = 0
    cleaning: dict[str, int] = field(default_factory=dict)
    # (airfield, day) rows of stored coverage that gained an hour, and the watched hours the file holds.
    coverage_days: int = 0
    coverage_hours: int = 0
    # CSV rows left out because they did not fit the header or the column types, the first few named.
    rejected: int = 0
    rejects: tuple[str, ...] = ()


def ingest_sorties(
    store: Store,
    path: str | Path,
    case: Case,
    *,
    engine: str = "duckdb",
    airfields: list[Airfield] | None = None,
    fleet_only: bool = True,
    simulated: bool = False,
    progress: ProgressHook | None = None,
) -> SortieIngest:
    """Detect the sorties at the case's airfields (or ``airfields``) in ``path`` and store them.

    With ``fleet_only`` (the default) only the actor's aircraft are kept (case airframes, callsign prefixes,
    ICAO address ranges): civil traffic at a shared airport is not evidence of a drawdown. The airfields'
    coverage (the hours with any low state vector near them, civil traffic included) is stored with them.
    ``simulated`` marks tracks made by ``drawdown flights simulate``, so that the dashboard and report label
    what comes of them; a file the simulator wrote says so itself (``readers.SIMULATED_COLUMN``). ``progress``
    is called as each step starts: detection's (flights.sorties.STEPS), then storing.
    """
    run_id = uuid.uuid4().hex[:12]
    simulated = simulated or marked_simulated(path)
    from drawdown.flights.sorties import STEPS, detect_sorties  # deferred: Ibis, which loading sorties does not need

    steps = len(STEPS) + 1

    def detecting(done: int, _steps: int, what: str) -> None:
        if progress is not None:
            progress(done, steps, what)

    result = detect_sorties(path, airfields or case_airfields(case), case=case, engine=engine, progress=detecting)
    if progress is not None:
        progress(len(STEPS), steps, "storing")
    keep = [s for s in result.sorties if not fleet_only or is_fleet(s, case)]
    with store.transaction():  # the sorties, their run and the coverage: one batch
        added, updated = write_sorties(store, keep, run_id, str(path), simulated=simulated)
        days = merge_coverage(store, result.coverage)
    hours = sum(c.hours_covered for c in result.coverage)
    skipped = len(result.sorties) - len(keep)
    return SortieIngest(
        run_id, len(result.sorties), added, updated, skipped, result.cleaning, days, hours,
        result.rejected, result.rejects,
    )  # fmt: skip
