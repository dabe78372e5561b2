"""Sorties detected at monitored airfields, stored idempotently by :attr:`Sortie.id`."""

from __future__ import annotations

from collections.abc import Sequence

from drawdown.model import Sortie
from drawdown.store.db import Store, now_utc, utc_aware, utc_naive
from drawdown.store.reports import record_run
from drawdown.store.rows import RecordTable

_SORTIE_COLUMNS = (
    "id", "icao24", "callsign", "aircraft_type", "event", "time", "airfield", "destination", "confidence",
    "payload_tonnes", "payload_low", "payload_high", "inferred", "registration",
    "first_lat", "first_lon", "last_lat", "last_lon", "wave", "run_id", "created_at",
)  # fmt: skip

SORTIES: RecordTable[Sortie] = RecordTable(
    "sorties",
    Sortie,
    columns=_SORTIE_COLUMNS,
    write={"id": lambda s: s.id, "aircraft_type": lambda s: s.type, "time": lambda s: utc_naive(s.time)},
    read={
        "type": lambda r: r["aircraft_type"],
        "time": lambda r: utc_aware(r["time"]) or r["time"],
        "inferred": lambda r: bool(r["inferred"]),
    },
)


def write_sorties(store: Store, sorties: Sequence[Sortie], run_id: str, inputs: str = "") -> tuple[int, int]:
    """Write sorties and their run in one transaction; returns (added, updated)."""
    ids = [s.id for s in sorties]
    with store.transaction():
        existing = {
            r[0] for r in store.con.execute("SELECT id FROM sorties WHERE list_contains(?, id)", [ids]).fetchall()
        }
        SORTIES.insert(store, sorties, {"run_id": run_id, "created_at": now_utc()}, replace=True)
        record_run(store, run_id, "flights ingest", [inputs], len(sorties) - len(existing), len(existing))
    return len(sorties) - len(existing), len(existing)


def load_sorties(store: Store, *, airfield: str | None = None) -> list[Sortie]:
    """Stored sorties, oldest first (optionally at one airfield)."""
    where, params = ("airfield = ?", [airfield]) if airfield else ("", [])
    return SORTIES.load(store, where, params, order="time, airfield, icao24, event")


SIMULATED_RUNS = "simulated_sortie_runs"  # store meta: comma-separated ids of runs that read simulated tracks


def mark_simulated(store: Store, run_id: str) -> None:
    """Record that the sorties of ``run_id`` come from simulated tracks, so every output can label them."""
    runs = [r for r in (store.get_meta(SIMULATED_RUNS) or "").split(",") if r]
    if run_id not in runs:
        store.set_meta(SIMULATED_RUNS, ",".join([*runs, run_id]))


def simulated_sortie_ids(store: Store) -> frozenset[str]:
    runs = [r for r in (store.get_meta(SIMULATED_RUNS) or "").split(",") if r]
    if not runs:
        return frozenset()
    rows = store.con.execute("SELECT id FROM sorties WHERE list_contains(?, run_id)", [runs]).fetchall()
    return frozenset(r[0] for r in rows)
