"""Airfields to watch: any ICAO code that ``airportsdata`` knows, or a case site with coordinates."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from drawdown.case import Case
from drawdown.errors import InputError

FT = 0.3048


@dataclass(frozen=True)
class Airfield:
    """``code`` is what sorties name the field by: its ICAO code, else the case site id."""

    code: str
    name: str
    lat: float
    lon: float
    elev_m: float | None = None

    @property
    def coslat(self) -> float:
        return math.cos(math.radians(self.lat))


@lru_cache(maxsize=1)
def _airports() -> dict[str, Any]:
    import airportsdata  # loaded on first use: the table is 28,000 entries

    return dict(airportsdata.load("ICAO"))


def resolve_airfield(ref: str, case: Case | None = None) -> Airfield:
    """A case site (by id, ICAO code or name) or an ICAO code from airportsdata. Raises :class:`InputError`."""
    known = _airports()
    if case is not None:
        wanted = ref.strip().lower()
        for site in case.sites:
            names = {site.id.lower(), *(n.lower() for n in site.names)}
            if wanted in names:
                entry = known.get(site.icao or "")
                elev = float(entry["elevation"]) * FT if entry else None
                return Airfield(site.icao or site.id, site.name, site.lat, site.lon, elev)
    code = ref.strip().upper()
    entry = known.get(code)
    if entry is None:
        where = f" or a site of case {case.id}" if case else ""
        raise InputError(
            f"--airfield {ref}: not an ICAO code known to airportsdata{where}",
            fix="give a four-letter ICAO code (e.g. OSLK) or pass --case with a site that has coordinates",
        )
    return Airfield(code, str(entry["name"]), float(entry["lat"]), float(entry["lon"]), float(entry["elevation"]) * FT)


def case_airfields(case: Case) -> list[Airfield]:
    """The case's monitored airfields (sites that are air bases or airports)."""
    return [resolve_airfield(site.id, case) for site in case.airfields]


def known_fields(case: Case | None, watched: list[Airfield]) -> list[Airfield]:
    """Every field a track may end at: the watched ones, the case's airfields and its known destinations."""
    fields = {f.code: f for f in watched}
    if case is not None:
        for f in case_airfields(case):
            fields.setdefault(f.code, f)
        for dest in case.destinations:
            entry = _airports().get(dest.icao)
            elev = float(entry["elevation"]) * FT if entry else None
            fields.setdefault(dest.icao, Airfield(dest.icao, dest.name, dest.lat, dest.lon, elev))
    return list(fields.values())
