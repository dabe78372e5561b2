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
from drawdown.store.db import Store
from drawdown.store.sorties import load_sorties, mark_simulated, write_sorties

__all__ = ["SortieIngest", "ingest_sorties", "load_sorties"]


@dataclass
class SortieIngest:
    """What one `flights ingest` did."""

    run_id: str
    found: int = 0
    added: int = 0
    updated: int = 0
    skipped_civil: int = 0
    cleaning: dict[str, int] = field(default_factory=dict)


def ingest_sorties(
    store: Store,
    path: str | Path,
    case: Case,
    *,
    engine: str = "duckdb",
    airfields: list[Airfield] | None = None,
    fleet_only: bool = True,
    simulated: bool = False,
) -> SortieIngest:
    """Detect the sorties at the case's airfields (or ``airfields``) in ``path`` and store them.

    With ``fleet_only`` (the default) only the actor's aircraft are kept (case airframes, callsign prefixes,
    ICAO address ranges): civil traffic at a shared airport is not evidence of a drawdown. ``simulated`` marks
    the run's sorties as detected in simulated tracks.
    """
    run_id = uuid.uuid4().hex[:12]
    from drawdown.flights.sorties import detect_sorties  # deferred: Ibis, which loading sorties does not need

    result = detect_sorties(path, airfields or case_airfields(case), case=case, engine=engine)
    keep = [s for s in result.sorties if not fleet_only or is_fleet(s, case)]
    added, updated = write_sorties(store, keep, run_id, str(path))
    if simulated:  # from `flights simulate` or the demo: labelled as such wherever the sorties are shown
        mark_simulated(store, run_id)
    return SortieIngest(run_id, len(result.sorties), added, updated, len(result.sorties) - len(keep), result.cleaning)
