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
    "first_lat", "first_lon", "last_lat", "last_lon", "wave", "evidence", "run_id", "created_at",
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


SIMULATED_RUN = "flights ingest (simulated)"  # the command recorded for runs over simulated ADS-B tracks


def write_sorties(
    store: Store, sorties: Sequence[Sortie], run_id: str, inputs: str = "", *, simulated: bool = False
) -> tuple[int, int]:
    """Write sorties and their run in one transaction; returns (added, updated). ``simulated`` records that the
    tracks were made by the simulator, so that every page showing these sorties can say so."""
    ids = [s.id for s in sorties]
    with store.transaction():
        existing = {
            r[0] for r in store.con.execute("SELECT id FROM sorties WHERE list_contains(?, id)", [ids]).fetchall()
        }
        SORTIES.insert(store, sorties, {"run_id": run_id, "created_at": now_utc()}, replace=True)
        command = SIMULATED_RUN if simulated else "flights ingest"
        record_run(store, run_id, command, [inputs], len(sorties) - len(existing), len(existing))
    return len(sorties) - len(existing), len(existing)


def load_sorties(store: Store, *, airfield: str | None = None) -> list[Sortie]:
    """Stored sorties, oldest first (optionally at one airfield)."""
    where, params = ("airfield = ?", [airfield]) if airfield else ("", [])
    return SORTIES.load(store, where, params, order="time, airfield, icao24, event")


def simulated_ids(store: Store) -> set[str]:
    """The ids of sorties last written by a run over simulated tracks."""
    rows = store.con.execute(
        "SELECT s.id FROM sorties s JOIN ingest_runs r ON r.id = s.run_id WHERE r.command = ?", [SIMULATED_RUN]
    ).fetchall()
    return {str(r[0]) for r in rows}
