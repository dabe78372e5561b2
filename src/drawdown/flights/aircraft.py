"""Aircraft of interest, payloads, destinations and waves: the Python half of the stage, on the (small) event list.

Type resolution follows the case file, most specific first: the airframe table (icao24 -> type, registration),
then the fleet's callsign prefixes and ICAO address ranges, which say "one of ours" but not which type.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from drawdown.case import AircraftType, Case
from drawdown.model import Sortie

DEFAULT_WAVE_WINDOW = timedelta(hours=3)
# A takeoff is linked to the next landing of the same airframe elsewhere if it comes within this long: the
# longest transport legs in the cases so far (Hmeimim-Chkalovsky, about 2,400 km) take under 5 hours.
DESTINATION_WINDOW = timedelta(hours=12)


@dataclass(frozen=True)
class Identity:
    """What the case says about one airframe. ``fleet`` is True when it belongs to the monitored actor."""

    fleet: bool
    type: AircraftType | None = None
    registration: str | None = None
    by: str | None = None  # airframe | callsign | icao24-range


def identify(case: Case | None, icao24: str, callsign: str | None) -> Identity:
    if case is None:
        return Identity(False)
    hex_id = icao24.lower()
    types = {t.name: t for t in case.aircraft}
    for frame in case.airframes:
        if frame.icao24.lower() == hex_id:
            return Identity(True, types.get(frame.type), frame.registration, "airframe")
    if callsign and any(callsign.upper().startswith(prefix.upper()) for prefix in case.fleet.callsign_prefixes):
        return Identity(True, by="callsign")
    try:
        address = int(hex_id, 16)
    except ValueError:
        return Identity(False)
    if any(low <= address <= high for low, high in case.fleet.icao24_ranges):
        return Identity(True, by="icao24-range")
    return Identity(False)


def with_aircraft(sortie: Sortie, case: Case | None) -> Sortie:
    """Fill type and payload. A fleet aircraft of unknown type gets the range that spans the case's types, and
    no central figure: unknown is an answer, a guessed type is not."""
    who = identify(case, sortie.icao24, sortie.callsign)
    if who.type is not None:
        pay = who.type.payload_tonnes
        return replace(
            sortie, type=who.type.name, registration=who.registration,
            payload_tonnes=pay.best, payload_low=pay.low if pay.low is not None else pay.best,
            payload_high=pay.high if pay.high is not None else pay.best,
        )  # fmt: skip
    if who.fleet and case is not None and case.aircraft:
        lows = [
            t.payload_tonnes.low if t.payload_tonnes.low is not None else t.payload_tonnes.best for t in case.aircraft
        ]
        highs = [
            t.payload_tonnes.high if t.payload_tonnes.high is not None else t.payload_tonnes.best for t in case.aircraft
        ]
        return replace(sortie, payload_low=min(lows), payload_high=max(highs))
    return sortie


def is_fleet(sortie: Sortie, case: Case | None) -> bool:
    return identify(case, sortie.icao24, sortie.callsign).fleet


def link_destinations(sorties: Sequence[Sortie]) -> list[Sortie]:
    """Give each takeoff the field where the same airframe next lands (within DESTINATION_WINDOW), if that is
    another known field and no other takeoff of it comes first."""
    by_aircraft: dict[str, list[Sortie]] = {}
    for s in sorted(sorties, key=lambda s: (s.icao24, s.time, s.event != "landing")):
        by_aircraft.setdefault(s.icao24, []).append(s)
    out: list[Sortie] = []
    for track in by_aircraft.values():
        for i, s in enumerate(track):
            dest = None
            if s.event == "takeoff":
                for later in track[i + 1 :]:
                    if later.time - s.time > DESTINATION_WINDOW or later.event == "takeoff":
                        break
                    if later.airfield != s.airfield:
                        dest = later.airfield
                        break
            out.append(replace(s, destination=dest) if dest else s)
    return out


def assign_waves(sorties: Iterable[Sortie], window: timedelta = DEFAULT_WAVE_WINDOW) -> list[Sortie]:
    """Number waves per (airfield, event): a sortie within ``window`` of the previous one joins its wave."""
    ordered = sorted(sorties, key=lambda s: (s.airfield, s.event, s.time, s.icao24))
    out: list[Sortie] = []
    wave = 0
    prev: Sortie | None = None
    for s in ordered:
        if prev is None or (prev.airfield, prev.event) != (s.airfield, s.event):
            wave = 1
        elif s.time - prev.time > window:
            wave += 1
        out.append(replace(s, wave=wave))
        prev = s
    return out
