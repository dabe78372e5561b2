"""Synthetic OpenSky state vectors with a known ground truth: the transport sorties of a scenario, civil
traffic at the same field, overflights, sampling gaps, noise and the glitches the cleaner must handle.

Flight profiles are simple but shaped like the real thing: a 5-minute taxi, a 40 s take-off roll to 80 m/s,
a climb at 10 m/s to 3,000 m and 6 m/s above, accelerating to 230 m/s; landings are the same profile run
backwards. Coverage near a field ends 250 km out, as with a ground receiver network.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from drawdown.case import Case
from drawdown.errors import InputError
from drawdown.flights.airfields import Airfield, case_airfields, resolve_airfield
from drawdown.flights.readers import SIMULATED_COLUMN

M_PER_DEG: Final = 111_195.0
OPENSKY_COLUMNS: Final = (
    "time", "icao24", "lat", "lon", "velocity", "heading", "vertrate", "callsign", "onground",
    "alert", "spi", "squawk", "baroaltitude", "geoaltitude", "lastposupdate", "lastcontact",
)  # fmt: skip


@dataclass(frozen=True)
class Scenario:
    """What to simulate: the case's airfields, destinations, fleet and civil traffic (:func:`scenario_for_case`
    fills them from a case file; nothing here is tied to one theatre). Each day one wave of ``wave_size``
    transports lands at each field, turns round in 2-4 hours and leaves for a destination."""

    fields: tuple[Airfield, ...]
    destinations: tuple[Airfield, ...]
    callsign_prefix: str
    fleet_icao24_ranges: tuple[tuple[int, int], ...] = ()
    fleet_icao24: tuple[str, ...] = ()  # known airframes; empty: made up inside fleet_icao24_ranges
    civil_callsign_prefix: str | None = None  # None: no civil traffic
    civil_icao24_ranges: tuple[tuple[int, int], ...] = ()
    overflight_callsign_prefixes: tuple[str, ...] = ()
    start: datetime = datetime(2024, 12, 14, tzinfo=UTC)
    days: int = 3
    flights_per_day: int = 2
    wave_size: int = 2
    civil_per_day: int = 6  # civil departures and as many arrivals at each field
    overflights_per_day: int = 30
    sample_s: float = 10.0
    low_coverage_share: float = 0.15  # flights whose first/last minutes near the field are not received
    glitch_share: float = 0.2  # flights with one injected glitch (teleport, spike, frozen tail ...)
    coverage_km: float = 250.0
    seed: int = 7


def scenario_for_case(case: Case, fields: Sequence[Airfield] | None = None, **options: Any) -> Scenario:
    """A scenario drawn from ``case`` alone: its airfields (or ``fields``), its destinations, its fleet's first
    callsign prefix and its airframes or ICAO address ranges, and the civil traffic and overflights of its
    ``[simulation]`` table. Raises :class:`InputError` naming the missing key."""
    where = f"case {case.id}"
    watched = tuple(fields) if fields is not None else tuple(case_airfields(case))
    if not watched:
        raise InputError(f"{where}: no airfield to simulate", fix="add an air_base or airport site, or pass --airfield")
    if not case.destinations:
        raise InputError(f"{where}: no [[destinations]]", fix="add one [[destinations]] entry for the airlift")
    if not case.fleet.callsign_prefixes:
        raise InputError(f"{where}: [fleet] callsign_prefixes is empty", fix='add callsign_prefixes = ["ABC"]')
    if not case.airframes and not case.fleet.icao24_ranges:
        raise InputError(
            f"{where}: neither [[airframes]] nor [fleet] icao24_ranges", fix='add icao24_ranges = ["100000-1fffff"]'
        )
    destinations = tuple(
        Airfield(d.icao, d.name, d.lat, d.lon, None if (a := _airfield_or_none(d.icao)) is None else a.elev_m)
        for d in case.destinations
    )
    sim = case.simulation
    scenario = Scenario(
        fields=watched, destinations=destinations, callsign_prefix=case.fleet.callsign_prefixes[0],
        fleet_icao24_ranges=case.fleet.icao24_ranges, fleet_icao24=tuple(a.icao24 for a in case.airframes),
        civil_callsign_prefix=sim.civil_callsign_prefixes[0] if sim and sim.civil_callsign_prefixes else None,
        civil_icao24_ranges=sim.civil_icao24_ranges if sim else (),
        overflight_callsign_prefixes=sim.overflight_callsign_prefixes if sim else (),
    )  # fmt: skip
    return replace(scenario, **options)


def _airfield_or_none(code: str) -> Airfield | None:
    try:
        return resolve_airfield(code)
    except InputError:
        return None


@dataclass(frozen=True)
class TruthEvent:
    icao24: str
    callsign: str
    event: str
    time: datetime
    airfield: str
    fleet: bool


@dataclass
class Simulation:
    table: pa.Table
    truth: list[TruthEvent] = field(default_factory=list)


def _bearing(a: Airfield, b: Airfield) -> float:
    dlon = math.radians(b.lon - a.lon)
    la, lb = math.radians(a.lat), math.radians(b.lat)
    y = math.sin(dlon) * math.cos(lb)
    x = math.cos(la) * math.sin(lb) - math.sin(la) * math.cos(lb) * math.cos(dlon)
    return math.degrees(math.atan2(y, x)) % 360


def _distance_m(a: Airfield, b: Airfield) -> float:
    la, lb = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((lb - la) / 2) ** 2 + math.cos(la) * math.cos(lb) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


class _Builder:
    def __init__(self, sc: Scenario) -> None:
        self.sc = sc
        self.rng = np.random.default_rng(sc.seed)
        self.parts: list[dict[str, np.ndarray]] = []
        self.truth: list[TruthEvent] = []

    def departure(self, f: Airfield, runway: float, heading: float, coverage_m: float) -> dict[str, np.ndarray]:
        """A departure relative to liftoff at tau=0 (seconds), ending ``coverage_m`` from the field."""
        dt = self.sc.sample_s
        tau = np.arange(-300.0, 4 * 3600.0, dt) + self.rng.uniform(0, dt)
        roll = (tau >= -40) & (tau < 0)
        air = tau >= 0
        gs = np.where(tau < -40, 8.0, np.where(roll, 2.0 * (tau + 40), np.minimum(80 + 1.0 * np.maximum(tau, 0), 230)))
        gs[(tau < -40) & (tau > -60)] = 0.0  # holding at the runway end
        turn = np.clip((tau - 90) * 3.0, 0, None)
        delta = ((heading - runway + 180) % 360) - 180
        hdg = np.where(tau < 90, runway, runway + np.sign(delta) * np.minimum(turn, abs(delta)))
        step = np.diff(tau, prepend=tau[0])
        rad = np.radians(hdg)
        # Positions relative to the liftoff point (the field's reference point); the roll ends there.
        dx = np.cumsum(gs * step * np.sin(rad))
        dy = np.cumsum(gs * step * np.cos(rad))
        i0 = int(np.argmax(tau >= 0))
        dx -= dx[i0]
        dy -= dy[i0]
        taxi = tau < -40
        dx[taxi] = dx[taxi] * 0.2 - 900 * math.sin(math.radians(runway + 90))  # the taxiway, off the runway
        dy[taxi] = dy[taxi] * 0.2 - 900 * math.cos(math.radians(runway + 90))
        t_air = np.maximum(tau, 0)
        vr = np.where(~air, 0.0, np.where(t_air < 300, 10.0, np.where(t_air < 300 + 6500 / 6, 6.0, 0.0)))
        alt = (f.elev_m or 0.0) + np.cumsum(vr * step)
        keep = np.hypot(dx, dy) < coverage_m
        keep &= np.cumsum(~keep) == 0  # stop at the first point past the coverage edge
        lat = f.lat + dy / M_PER_DEG
        lon = f.lon + dx / (M_PER_DEG * math.cos(math.radians(f.lat)))
        return {
            "tau": tau[keep], "lat": lat[keep], "lon": lon[keep], "alt": alt[keep], "gs": gs[keep],
            "hdg": hdg[keep] % 360, "vr": vr[keep], "ground": ~air[keep],
        }  # fmt: skip

    def emit(self, prof: dict[str, np.ndarray], t0: float, icao: str, callsign: str, *, landing: bool) -> None:
        if landing:  # the same profile backwards, ending at touchdown t0
            order = np.arange(len(prof["tau"]))[::-1]
            p = {k: v[order] for k, v in prof.items()}
            times = t0 - p["tau"]
            p["vr"] = -p["vr"]
            p["hdg"] = (p["hdg"] + 180) % 360
        else:
            p = prof
            times = t0 + p["tau"]
        n = len(times)
        keep = np.ones(n, bool)
        rng = self.rng
        if rng.random() < self.sc.low_coverage_share:  # no reception below a random height near the field
            floor = rng.uniform(400, 1500)
            keep &= (p["alt"] - p["alt"].min()) > floor
        for _ in range(rng.poisson(1.0)):  # short dropouts in flight
            a = rng.integers(0, max(n - 1, 1))
            keep[a : a + rng.integers(3, 12)] = False
        idx = np.flatnonzero(keep)
        if len(idx) == 0:
            return
        lat = p["lat"][idx] + rng.normal(0, 15 / M_PER_DEG, len(idx))
        lon = p["lon"][idx] + rng.normal(0, 15 / M_PER_DEG, len(idx))
        alt = np.round((p["alt"][idx] + rng.normal(0, 5, len(idx))) / 7.62) * 7.62  # 25 ft steps, like Mode S
        part = {
            "time": np.round(times[idx]).astype(np.int64), "lat": lat, "lon": lon, "alt": alt,
            "gs": p["gs"][idx], "hdg": p["hdg"][idx], "vr": p["vr"][idx], "ground": p["ground"][idx],
        }  # fmt: skip
        if rng.random() < self.sc.glitch_share:
            self.glitch(part)
        part["icao"] = np.full(len(part["time"]), icao)
        part["callsign"] = np.full(len(part["time"]), callsign.ljust(8))
        self.parts.append(part)

    def glitch(self, part: dict[str, np.ndarray]) -> None:
        rng = self.rng
        n = len(part["time"])
        kind = rng.integers(0, 6)
        i = int(rng.integers(1, max(n - 1, 2)))
        if i >= n:
            return
        if kind == 0:
            part["lat"][i] += 2.0  # teleport
        elif kind == 1:
            part["alt"][i] += 2500  # spike
        elif kind == 2:  # an airborne-looking altitude while taxiing
            g = np.flatnonzero(part["ground"])
            if len(g):
                part["alt"][g[len(g) // 2]] += 1200
        elif kind == 3:  # frozen tail: the last position repeated for two minutes after reception ended
            reps = 12
            for k in ("lat", "lon", "alt", "gs", "hdg", "vr", "ground"):
                part[k] = np.concatenate([part[k], np.repeat(part[k][-1:], reps)])
            part["ground"][-reps:] = False
            part["time"] = np.concatenate([part["time"], part["time"][-1] + 10 * np.arange(1, reps + 1)])
        elif kind == 4:  # duplicated rows
            for k in part:
                part[k] = np.insert(part[k], i, part[k][i])
        else:
            part["lat"][i] = np.nan

    def sortie_pair(
        self, f: Airfield, dest: Airfield, t_land: float, t_off: float, icao: str, cs: str, fleet: bool
    ) -> None:
        runway = 350.0 if _bearing(f, dest) < 90 or _bearing(f, dest) > 270 else 170.0
        out = self.departure(f, runway, _bearing(f, dest), self.sc.coverage_km * 1000)
        inbound = self.departure(f, (runway + 180) % 360, _bearing(f, dest), self.sc.coverage_km * 1000)
        self.emit(inbound, t_land, icao, cs, landing=True)
        self.emit(out, t_off, icao, cs, landing=False)
        day = datetime.fromtimestamp
        self.truth.append(TruthEvent(icao, cs, "landing", day(t_land, UTC), f.code, fleet))
        self.truth.append(TruthEvent(icao, cs, "takeoff", day(t_off, UTC), f.code, fleet))
        # The arrival at the destination, so the takeoff can be linked to it.
        leg = _distance_m(f, dest) / 210.0 + 600
        arrive = self.departure(dest, _bearing(dest, f), _bearing(dest, f), 150_000)
        self.emit(arrive, t_off + leg, icao, cs, landing=True)
        self.truth.append(TruthEvent(icao, cs, "landing", day(t_off + leg, UTC), dest.code, fleet))

    def overflight(self, f: Airfield, t: float, icao: str, cs: str) -> None:
        rng = self.rng
        hdg = rng.uniform(0, 360)
        offset = rng.uniform(-80_000, 80_000)
        n = int(500_000 / 240 / self.sc.sample_s)
        s = np.linspace(-250_000, 250_000, n)
        rad = math.radians(hdg)
        dx = s * math.sin(rad) + offset * math.cos(rad)
        dy = s * math.cos(rad) - offset * math.sin(rad)
        part = {
            "time": np.round(t + (s - s[0]) / 240).astype(np.int64),
            "lat": f.lat + dy / M_PER_DEG, "lon": f.lon + dx / (M_PER_DEG * math.cos(math.radians(f.lat))),
            "alt": np.full(n, rng.choice([9144.0, 10058.4, 10972.8])), "gs": np.full(n, 240.0),
            "hdg": np.full(n, hdg), "vr": np.zeros(n), "ground": np.zeros(n, bool),
            "icao": np.full(n, icao), "callsign": np.full(n, cs.ljust(8)),
        }  # fmt: skip
        self.parts.append(part)


def _address(rng: np.random.Generator, ranges: Sequence[tuple[int, int]]) -> str:
    low, high = ranges[int(rng.integers(0, len(ranges)))]
    return f"{int(rng.integers(low, high + 1)):06x}"


def _outside(rng: np.random.Generator, taken: Sequence[tuple[int, int]]) -> str:
    """An address in none of ``taken`` (an overflight must not look like the fleet or the local register)."""
    while True:
        address = int(rng.integers(0x004000, 0xF00000))
        if not any(low <= address <= high for low, high in taken):
            return f"{address:06x}"


def simulate_scenario(scenario: Scenario) -> Simulation:
    """State vectors (OpenSky columns, time-sorted) and the ground truth of every takeoff and landing."""
    tables: list[pa.Table] = []
    truth: list[TruthEvent] = []
    for table, events in simulate_days(scenario):
        tables.append(table)
        truth.extend(events)
    return Simulation(pa.concat_tables(tables), sorted(truth, key=lambda e: (e.time, e.icao24, e.event)))


# A day's flights start this long before midnight at the earliest (a civil arrival at 00:30 flies in for 4 hours),
# so rows older than the next day's start less this margin are final once the day is made.
SPILL_S: Final = 12 * 3600


def simulate_days(scenario: Scenario) -> Iterator[tuple[pa.Table, list[TruthEvent]]]:
    """:func:`simulate_scenario` a day at a time: each table holds the rows no later day comes before, sorted
    by time, and the true events made that day. Memory holds about two days, whatever ``days`` is."""
    sc = scenario
    b = _Builder(sc)
    rng = b.rng
    start = sc.start.timestamp()
    if not sc.fleet_icao24 and not sc.fleet_icao24_ranges:
        raise InputError("scenario: no fleet addresses", fix="give fleet_icao24 or fleet_icao24_ranges")
    fleet = list(sc.fleet_icao24) or [_address(rng, sc.fleet_icao24_ranges) for _ in range(12)]
    taken = (*sc.fleet_icao24_ranges, *sc.civil_icao24_ranges)
    overflight_prefixes = sc.overflight_callsign_prefixes or ("OVF",)
    serial = 0
    flushed_until = -math.inf
    for day in range(sc.days):
        base = start + day * 86400
        for f in sc.fields:
            waves = max(1, math.ceil(sc.flights_per_day / max(sc.wave_size, 1))) if sc.flights_per_day else 0
            done = 0
            for w in range(waves):
                wave_t = base + rng.uniform(5, 9) * 3600 + w * rng.uniform(5, 8) * 3600
                for k in range(min(sc.wave_size, sc.flights_per_day - done)):
                    icao = fleet[serial % len(fleet)]
                    land = wave_t + k * rng.uniform(1200, 2400)
                    off = land + rng.uniform(2, 4) * 3600
                    dest = sc.destinations[int(rng.integers(0, len(sc.destinations)))]
                    b.sortie_pair(f, dest, land, off, icao, f"{sc.callsign_prefix}{8000 + serial % 2000:04d}", True)
                    serial += 1
                done += min(sc.wave_size, sc.flights_per_day - done)
            civil = sc.civil_per_day if sc.civil_callsign_prefix and sc.civil_icao24_ranges else 0
            for _ in range(civil):
                icao = _address(rng, sc.civil_icao24_ranges)
                land = base + rng.uniform(0.5, 21) * 3600
                dest = Airfield("CIV", "civil", f.lat + rng.uniform(-8, 8), f.lon + rng.uniform(-8, 8), 0.0)
                b.sortie_pair(
                    f,
                    dest,
                    land,
                    land + rng.uniform(1.0, 2.5) * 3600,
                    icao,
                    f"{sc.civil_callsign_prefix}{int(rng.integers(100, 999))}",
                    False,
                )
                b.truth.pop()  # the civil destination is not a real field
            for _ in range(sc.overflights_per_day):
                icao = _outside(rng, taken)
                prefix = overflight_prefixes[int(rng.integers(0, len(overflight_prefixes)))]
                b.overflight(f, base + rng.uniform(0, 86000), icao, f"{prefix}{int(rng.integers(1000, 9999))}")
        last = day == sc.days - 1
        cutoff = math.inf if last else base + 86400 - SPILL_S
        if min((int(p["time"].min()) for p in b.parts if len(p["time"])), default=cutoff) < flushed_until:
            raise AssertionError("a simulated day starts before the rows already written; raise SPILL_S")
        ready, b.parts = _split(b.parts, cutoff)
        if ready:
            yield _table(ready), b.truth
            b.truth = []
        flushed_until = cutoff


Parts = list[dict[str, np.ndarray]]


def _split(parts: Parts, cutoff: float) -> tuple[Parts, Parts]:
    """(rows before ``cutoff``, rows from it on), each still a list of parts in the order they were made."""
    before: Parts = []
    after: Parts = []
    for part in parts:
        early = part["time"] < cutoff
        if early.all():
            before.append(part)
        elif not early.any():
            after.append(part)
        else:
            before.append({k: v[early] for k, v in part.items()})
            after.append({k: v[~early] for k, v in part.items()})
    return before, after


def _table(parts: list[dict[str, np.ndarray]]) -> pa.Table:
    cat = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]} if parts else {}
    order = np.argsort(cat["time"], kind="stable")
    n = len(order)
    # A few neighbouring rows swapped, as merged receiver feeds deliver them.
    swaps = order[: max(n // 2000, 1)]
    for s in swaps:
        if s + 1 < n:
            order[s], order[s + 1] = order[s + 1], order[s]
    col = {k: v[order] for k, v in cat.items()}
    t = col["time"]
    return pa.table(
        {
            "time": t, "icao24": col["icao"], "lat": col["lat"], "lon": col["lon"], "velocity": col["gs"],
            "heading": col["hdg"], "vertrate": col["vr"], "callsign": col["callsign"], "onground": col["ground"],
            "alert": np.zeros(n, bool), "spi": np.zeros(n, bool), "squawk": np.full(n, "7000"),
            "baroaltitude": col["alt"], "geoaltitude": col["alt"] + 30.0, "lastposupdate": t.astype(np.float64),
            "lastcontact": t.astype(np.float64),
        }
    )  # fmt: skip


def write_tracks(sim: Simulation, path: str | Path) -> Path:
    """Write the state vectors as CSV (``.csv``, ``.csv.gz``) or Parquet, by the file's extension."""
    write_tables([sim.table], path)
    return Path(path)


def write_tables(tables: Iterable[pa.Table], path: str | Path) -> int:
    """Write tables of state vectors one after the other into one file (format by extension); the row count.
    Only one table is in memory at a time: :func:`simulate_days` and this write any number of days. Every row
    carries ``SIMULATED_COLUMN``, so that ingest labels what comes of the file as simulated."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    with ExitStack() as stack:
        writer: Any = None
        for table in tables:
            table = table.append_column(SIMULATED_COLUMN, pa.array(np.ones(table.num_rows, dtype=bool)))
            if writer is None:
                if path.name.endswith(".parquet"):
                    writer = stack.enter_context(pq.ParquetWriter(path, table.schema))
                else:
                    sink: Any = str(path)
                    if path.name.endswith(".csv.gz"):
                        sink = stack.enter_context(pa.CompressedOutputStream(str(path), "gzip"))
                    writer = stack.enter_context(pacsv.CSVWriter(sink, table.schema))
            writer.write_table(table)
            rows += table.num_rows
    return rows
