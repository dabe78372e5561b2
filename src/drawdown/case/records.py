"""The records a case file describes: the actor, its sites, the places and sources that name them, plans,
aircraft and destinations; and the folded form in which their names are compared."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

from drawdown.case.figure import Figure
from drawdown.case.params import AssessParams

SITE_KINDS = (
    "air_base",
    "naval_facility",
    "airport",
    "observation_post",
    "post_group",
    "garrison",
    "area",
)
PLACE_KINDS = ("town", "district", "province", "region")
PLAN_KINDS = ("plan", "deadline", "statement", "agreement")


@dataclass(frozen=True)
class Actor:
    name: str
    short: str
    country: str
    aliases: tuple[str, ...]
    personnel: Figure | None = None
    equipment_tonnes: Figure | None = None


@dataclass(frozen=True)
class OtherForce:
    """A force named in the theatre's reports but not monitored (an insurgent group, the host army, a separatist
    force): its moves are recognised as its own and never move the monitored force."""

    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Site:
    id: str
    name: str
    kind: str
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()
    misspellings: tuple[str, ...] = ()
    icao: str | None = None
    province: str | None = None
    location_source: str | None = None
    count: Figure | None = None
    personnel: Figure | None = None
    equipment_tonnes: Figure | None = None
    notes: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling that refers to this site: name, aliases, misspellings, ICAO code."""
        extra = (self.icao,) if self.icao else ()
        return (self.name, *self.aliases, *self.misspellings, *extra)

    @property
    def is_airfield(self) -> bool:
        return self.icao is not None or self.kind in ("air_base", "airport")


@dataclass(frozen=True)
class Place:
    """A town, district or province that reports use instead of a site's name."""

    name: str
    kind: str
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()
    sites: tuple[str, ...] = ()


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    type: str
    reliability: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    # The source's own statements are what it saw (a monitor's captions of footage, an observer network's
    # incident notes): they are read as direct observation, hence confirmed unless hedged.
    direct_observation: bool = False

    def named_in(self, text: str) -> bool:
        """Whether the source's name or an alias is a whole run of words in ``text``, compared folded."""
        folded = f" {fold(text)} "
        return any(f" {fold(n)} " in folded for n in (self.name, *self.aliases) if n)

    def published(self, outlet: str | None, url: str | None) -> bool:
        """Whether a report with this outlet name or URL comes from this source."""
        if outlet and self.named_in(outlet):
            return True
        host = (urlsplit(url).hostname or "") if url else ""
        return bool(host) and any(host == d or host.endswith("." + d) for d in self.domains)


@dataclass(frozen=True)
class Plan:
    id: str
    kind: str
    actor: str
    summary: str
    stated: date
    stated_precision: str
    attribution: str
    source: str
    due: date | None = None
    scope: tuple[str, ...] = ()
    reduction_percent: Figure | None = None


@dataclass(frozen=True)
class AircraftType:
    name: str
    icao_type: str
    payload_tonnes: Figure
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Airframe:
    icao24: str
    type: str
    registration: str | None
    source: str


@dataclass(frozen=True)
class Destination:
    icao: str
    name: str
    country: str
    lat: float
    lon: float
    note: str


@dataclass(frozen=True)
class Fleet:
    callsign_prefixes: tuple[str, ...]
    icao24_ranges: tuple[tuple[int, int], ...]
    source: str | None


@dataclass(frozen=True)
class SimTraffic:
    """Who else flies in the theatre, for `flights simulate --case`: civil callsign prefixes and ICAO address
    ranges (the theatre's own register), and the callsign prefixes of overflights."""

    civil_callsign_prefixes: tuple[str, ...]
    civil_icao24_ranges: tuple[tuple[int, int], ...]
    overflight_callsign_prefixes: tuple[str, ...]
    source: str | None


@dataclass(frozen=True)
class Case:
    id: str
    title: str
    theatre: str
    start: date
    actor: Actor
    sites: tuple[Site, ...]
    places: tuple[Place, ...]
    sources: tuple[Source, ...]
    source_type_reliability: dict[str, str]
    plans: tuple[Plan, ...]
    aircraft: tuple[AircraftType, ...]
    airframes: tuple[Airframe, ...]
    fleet: Fleet
    destinations: tuple[Destination, ...]
    path: str
    description: str = ""
    assessment: AssessParams = field(default_factory=AssessParams)
    simulation: SimTraffic | None = None
    # Further forces watched in the same theatre (``[[actors]]``), beside the main ``actor``. Their claims carry
    # their own name in ``Claim.actor``; the assessment follows the main actor only.
    also_monitored: tuple[Actor, ...] = ()
    other_forces: tuple[OtherForce, ...] = ()

    @property
    def monitored(self) -> tuple[Actor, ...]:
        """Every force the case watches, the main actor first."""
        return (self.actor, *self.also_monitored)

    def site(self, site_id: str) -> Site:
        for site in self.sites:
            if site.id == site_id:
                return site
        raise KeyError(site_id)

    @property
    def airfields(self) -> tuple[Site, ...]:
        return tuple(s for s in self.sites if s.is_airfield)

    def publisher(self, outlet: str | None, url: str | None) -> Source | None:
        """The listed source that published a report, by its outlet name (or an alias) or its URL's domain."""
        return next((source for source in self.sources if source.published(outlet, url)), None)

    def witness(self, outlet: str | None, url: str | None) -> Source | None:
        """The report's publisher when the case lists it as a source whose own statements are direct observation."""
        publisher = self.publisher(outlet, url) if outlet or url else None
        return publisher if publisher is not None and publisher.direct_observation else None


@lru_cache(maxsize=65536)  # pure, and called for the same few hundred names again and again when assessing
def fold(name: str) -> str:
    """The form in which names are compared, by the loader and the gazetteer: accents dropped, lower-case, and every
    run of punctuation or space read as one space ("T-4", "t 4" and "T.4" are the same name)."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.split(r"[\W_]+", bare.lower())).strip()
