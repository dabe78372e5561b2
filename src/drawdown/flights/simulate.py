"""Synthetic OpenSky state vectors with a known ground truth: the transport sorties of a scenario, civil
traffic at the same field, overflights, sampling gaps, noise and the glitches the cleaner must handle.

Flight profiles are simple but shaped like the real thing: a 5-minute taxi, a 40 s take-off roll to 80 m/s,
a climb at 10 m/s to 3,000 m and 6 m/s above, accelerating to 230 m/s; landings are the same profile run
backwards. Coverage near a field ends 250 km out, as with a ground receiver network.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from drawdown.flights.airfields import Airfield

M_PER_DEG: Final = 111_195.0
OPENSKY_COLUMNS: Final = (
    "time", "icao24", "lat", "lon", "velocity", "heading", "vertrate", "callsign", "onground",
    "alert", "spi", "squawk", "baroaltitude", "geoaltitude", "lastposupdate", "lastcontact",
)  # fmt: skip
HMEIMIM: Final = Airfield("OSLK", "Bassel Al-Assad / Hmeimim", 35.4011, 35.9487, 157 * 0.3048)
# Destinations of the December 2024 airlift as reported by flight trackers (see the syria-2024 case file).
DEFAULT_DESTINATIONS: Final = (
    Airfield("UUMU", "Chkalovsky", 55.8783, 38.0617, 152.0),
    Airfield("HL59", "Al Khadim", 31.9985, 21.1918, 300.0),
)


@dataclass(frozen=True)
class Scenario:
    """What to simulate. The default matches "about two Il-76 flights a day from Hmeimim" in mid-December 2024:
    each day one wave of two transports lands, turns round in 2-4 hours and leaves for a destination."""

    fields: tuple[Airfield, ...] = (HMEIMIM,)
    destinations: tuple[Airfield, ...] = DEFAULT_DESTINATIONS
    start: datetime = datetime(2024, 12, 14, tzinfo=UTC)
    days: int = 3
    flights_per_day: int = 2
    wave_size: int = 2
    fleet_icao24: tuple[str, ...] = ()  # empty: made up inside the Russian block 100000-1fffff
    callsign_prefix: str = "RFF"
    civil_per_day: int = 6  # civil departures and as many arrivals at each field
    overflights_per_day: int = 30
    sample_s: float = 10.0
    low_coverage_share: float = 0.15  # flights whose first/last minutes near the field are not received
    glitch_share: float = 0.2  # flights with one injected glitch (teleport, spike, frozen tail ...)
    coverage_km: float = 250.0
    seed: int = 7


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


def simulate_scenario(scenario: Scenario | None = None) -> Simulation:
    """State vectors (OpenSky columns, time-sorted) and the ground truth of every takeoff and landing."""
    sc = scenario or Scenario()
    b = _Builder(sc)
    rng = b.rng
    start = sc.start.timestamp()
    fleet = list(sc.fleet_icao24) or [f"{0x150000 + int(rng.integers(0, 0xFFFF)):06x}" for _ in range(12)]
    serial = 0
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
            for _ in range(sc.civil_per_day):
                icao = f"{0x778000 + int(rng.integers(0, 0x3FFF)):06x}"
                land = base + rng.uniform(0.5, 21) * 3600
                dest = Airfield("CIV", "civil", f.lat + rng.uniform(-8, 8), f.lon + rng.uniform(-8, 8), 0.0)
                b.sortie_pair(
                    f, dest, land, land + rng.uniform(1.0, 2.5) * 3600, icao, f"SYR{int(rng.integers(100, 999))}", False
                )
                b.truth.pop()  # the civil destination is not a real field
            for _ in range(sc.overflights_per_day):
                icao = f"{int(rng.integers(0x300000, 0x7FFFFF)):06x}"
                b.overflight(f, base + rng.uniform(0, 86000), icao, f"THY{int(rng.integers(1000, 9999))}")
    return Simulation(_table(b.parts), sorted(b.truth, key=lambda e: (e.time, e.icao24, e.event)))


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
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.name.endswith(".parquet"):
        pq.write_table(sim.table, path)
    elif path.name.endswith(".csv.gz"):
        with pa.CompressedOutputStream(str(path), "gzip") as sink:
            pacsv.write_csv(sim.table, sink)
    else:
        pacsv.write_csv(sim.table, path)
    return path
