"""Store around the Sorties stage: detect sorties in a track file and write them in one transaction.

Idempotent: a sortie's id is a hash of aircraft, event, field and time, so ingesting the same file twice stores
nothing new (a re-run refreshes derived columns such as wave and destination).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from drawdown.case import Case
from drawdown.flights.aircraft import is_fleet
from drawdown.flights.airfields import Airfield, case_airfields
from drawdown.model import Sortie
from drawdown.store.db import Store, now_utc, utc_aware, utc_naive

_COLUMNS = (
    "id", "icao24", "callsign", "aircraft_type", "event", "time", "airfield", "destination", "confidence",
    "payload_tonnes", "payload_low", "payload_high", "inferred", "registration",
    "first_lat", "first_lon", "last_lat", "last_lon", "wave", "run_id", "created_at",
)  # fmt: skip


@dataclass
class SortieIngest:
    """What one `flights ingest` did."""

    run_id: str
    found: int = 0
    added: int = 0
    updated: int = 0
    skipped_civil: int = 0
    cleaning: dict[str, int] = field(default_factory=dict)


def _row(s: Sortie, run_id: str, created: datetime) -> list[object]:
    return [
        s.id, s.icao24, s.callsign, s.type, s.event, utc_naive(s.time), s.airfield, s.destination, s.confidence,
        s.payload_tonnes, s.payload_low, s.payload_high, s.inferred, s.registration,
        s.first_lat, s.first_lon, s.last_lat, s.last_lon, s.wave, run_id, created,
    ]  # fmt: skip


def store_sorties(store: Store, sorties: list[Sortie], run_id: str, inputs: str = "") -> tuple[int, int]:
    """Write sorties in one transaction; returns (added, updated)."""
    ids = [s.id for s in sorties]
    with store.transaction():
        existing = {
            r[0] for r in store.con.execute("SELECT id FROM sorties WHERE list_contains(?, id)", [ids]).fetchall()
        }
        created = now_utc()
        marks = ", ".join("?" for _ in _COLUMNS)
        if sorties:
            store.con.executemany(
                f"INSERT OR REPLACE INTO sorties ({', '.join(_COLUMNS)}) VALUES ({marks})",
                [_row(s, run_id, created) for s in sorties],
            )
        store.con.execute(
            "INSERT INTO ingest_runs (id, started_at, finished_at, command, inputs, status, added, skipped, failed) "
            "VALUES (?, ?, ?, 'flights ingest', ?, 'ok', ?, ?, 0)",
            [run_id, created, now_utc(), json.dumps([inputs]), len(sorties) - len(existing), len(existing)],
        )
    return len(sorties) - len(existing), len(existing)


def ingest_sorties(
    store: Store,
    path: str | Path,
    case: Case,
    *,
    engine: str = "duckdb",
    airfields: list[Airfield] | None = None,
    fleet_only: bool = True,
) -> SortieIngest:
    """Detect the sorties at the case's airfields (or ``airfields``) in ``path`` and store them.

    With ``fleet_only`` (the default) only the actor's aircraft are kept (case airframes, callsign prefixes,
    ICAO address ranges): civil traffic at a shared airport is not evidence of a drawdown.
    """
    run_id = uuid.uuid4().hex[:12]
    from drawdown.flights.sorties import detect_sorties  # deferred: Ibis, which loading sorties does not need

    result = detect_sorties(path, airfields or case_airfields(case), case=case, engine=engine)
    keep = [s for s in result.sorties if not fleet_only or is_fleet(s, case)]
    added, updated = store_sorties(store, keep, run_id, str(path))
    return SortieIngest(run_id, len(result.sorties), added, updated, len(result.sorties) - len(keep), result.cleaning)


def load_sorties(store: Store, *, airfield: str | None = None) -> list[Sortie]:
    """Stored sorties, oldest first (optionally at one airfield)."""
    where, params = ("WHERE airfield = ?", [airfield]) if airfield else ("", [])
    rows = store.query(f"SELECT * FROM sorties {where} ORDER BY time, airfield, icao24, event", params)
    return [
        Sortie(
            icao24=r["icao24"],
            callsign=r["callsign"],
            event=r["event"],
            time=utc_aware(r["time"]) or r["time"],
            airfield=r["airfield"],
            confidence=r["confidence"],
            type=r["aircraft_type"],
            destination=r["destination"],
            payload_tonnes=r["payload_tonnes"],
            payload_low=r["payload_low"],
            payload_high=r["payload_high"],
            inferred=bool(r["inferred"]),
            wave=r["wave"],
            first_lat=r["first_lat"],
            first_lon=r["first_lon"],
            last_lat=r["last_lat"],
            last_lon=r["last_lon"],
            registration=r["registration"],
        )
        for r in rows
    ]
