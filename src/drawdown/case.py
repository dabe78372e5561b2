"""Case files: one monitored operation, in TOML, validated on load (the format is in docs/case-format.md).

A case is pure data. Nothing in the code knows about Syria; everything theatre-specific lives in the case file.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from drawdown.errors import CaseError, Problem
from drawdown.model import RELIABILITY_GRADES, SOURCE_TYPES, TIME_PRECISIONS

FORMAT_VERSION = 1
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
# ICAO location indicators are four capitals; national military fields often carry digits (OS65, HL59).
_ICAO_RE = re.compile(r"^[A-Z]{2}[A-Z0-9]{2}$")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_HEX6_RE = re.compile(r"^[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Figure:
    """A number with the note that says where it comes from. ``low``/``high`` bound it when it is uncertain."""

    value: float | None
    low: float | None
    high: float | None
    source: str

    @property
    def best(self) -> float:
        """The central figure: ``value`` if given, else the midpoint of the range."""
        if self.value is not None:
            return self.value
        if self.low is None or self.high is None:  # excluded by validation
            raise ValueError("figure without value or range")
        return (self.low + self.high) / 2


@dataclass(frozen=True)
class Actor:
    name: str
    short: str
    country: str
    aliases: tuple[str, ...]
    personnel: Figure | None = None
    equipment_tonnes: Figure | None = None


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


def _default_weights() -> dict[str, float]:
    # Admiralty reliability A (completely reliable) .. F (cannot be judged) as evidence weights. F sits between
    # D and E: an unknown source is not presumed unreliable, but earns little.
    return {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.3}


@dataclass(frozen=True)
class AssessParams:
    """Parameters of the assessment model (docs/assessment.md says why each default is what it is).

    A case overrides any of them in its optional ``[assessment]`` table.
    """

    half_life_days: float = 14.0
    withdrawn_half_life_days: float = 60.0
    min_weight: float = 0.4
    reliability_weights: dict[str, float] = field(default_factory=_default_weights)
    unconfirmed_factor: float = 0.5
    sortie_weight: float = 0.25
    pace_window_days: int = 7
    stale_after_days: int = 14
    corroboration_window_days: int = 7
    mc_draws: int = 4000
    seed: int = 20241208
    load_factor: Figure = Figure(
        0.7, 0.5, 0.9, "assumption: evacuation airlift is volume-limited (vehicles, helicopters, containers) and"
        " rarely flies at the type's maximum payload"
    )  # fmt: skip
    ship_tonnes: Figure = Figure(
        3000, 1000, 6000, "assumption: cargo carried per departure of a Russian ro-ro or landing ship"
        " (Sparta IV-class ro-ros about 5,000 t deadweight; landing ships 1,000-1,500 t)"
    )  # fmt: skip
    vehicle_tonnes: Figure = Figure(
        10, 4, 20, "assumption: average mass of a vehicle in a military convoy, light trucks to loaded heavy trucks"
    )


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

    def site(self, site_id: str) -> Site:
        for site in self.sites:
            if site.id == site_id:
                return site
        raise KeyError(site_id)

    @property
    def airfields(self) -> tuple[Site, ...]:
        return tuple(s for s in self.sites if s.is_airfield)


# --------------------------------------------------------------------------------------------------- loading


def bundled_cases() -> list[str]:
    """Names of the case files that ship with the package."""
    root = resources.files("drawdown") / "cases"
    return sorted(p.name.removesuffix(".toml") for p in root.iterdir() if p.name.endswith(".toml"))


def resolve_case_path(ref: str | Path) -> tuple[str, bytes]:
    """Turn a bundled case name or a path into (display path, file bytes)."""
    text = str(ref)
    looks_like_path = text.endswith(".toml") or "/" in text or "\\" in text
    if not looks_like_path and text in bundled_cases():
        res = resources.files("drawdown") / "cases" / f"{text}.toml"
        return f"cases/{text}.toml", res.read_bytes()
    path = Path(text)
    if path.is_file():
        return str(path), path.read_bytes()
    known = ", ".join(bundled_cases())
    raise CaseError(
        [Problem(text, "no such case file or bundled case", f"give a path to a .toml file or one of: {known}")]
    )


def load_case(ref: str | Path) -> Case:
    """Load and validate a case by bundled name (``syria-2024``) or path. Raises :class:`CaseError`."""
    where, raw = resolve_case_path(ref)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CaseError([Problem(where, f"not UTF-8 at byte {exc.start}", "save the file as UTF-8")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise CaseError([Problem(where, f"not valid TOML ({exc})", "fix the TOML syntax at that line")]) from None
    return parse_case(data, where)


def validate_case(ref: str | Path) -> list[Problem]:
    """Every problem in a case file (empty when it is valid)."""
    try:
        load_case(ref)
    except CaseError as exc:
        return exc.problems
    return []


@lru_cache(maxsize=65536)  # pure, and called for the same few hundred names again and again when assessing
def fold(name: str) -> str:
    """The form in which names are compared, here and by the gazetteer: accents dropped, lower-case, and every
    run of punctuation or space read as one space ("T-4", "t 4" and "T.4" are the same name)."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.split(r"[\W_]+", bare.lower())).strip()


# --------------------------------------------------------------------------------------------------- parsing


class _Table:
    """A view of one TOML table that records problems and remembers which keys were read."""

    def __init__(self, data: dict[str, Any], path: str, problems: list[Problem], file: str) -> None:
        self.data = data
        self.path = path
        self.problems = problems
        self.file = file
        self.seen: set[str] = set()

    def where(self, key: str | None = None) -> str:
        full = f"{self.path}.{key}" if self.path and key else (key or self.path or "(top level)")
        return f"{self.file}: {full}"

    def problem(self, key: str | None, what: str, fix: str) -> None:
        # Problem.where carries file and key path; Problem.__str__ adds "what; fix".
        self.problems.append(Problem(self.where(key), what, fix))

    def _get(self, key: str, required: bool, hint: str) -> Any:
        self.seen.add(key)
        if key not in self.data:
            if required:
                self.problem(key, "missing", f"add {key} = {hint}")
            return None
        return self.data[key]

    def string(self, key: str, *, required: bool = True, hint: str = '"..."') -> str | None:
        value = self._get(key, required, hint)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(key, f"must be a non-empty string, got {value!r}", f"write {key} = {hint}")
            return None
        return value.strip()

    def choice(
        self, key: str, options: tuple[str, ...], *, required: bool = True, hint: str | None = None
    ) -> str | None:
        value = self.string(key, required=required, hint=hint or f'"{options[0]}"')
        if value is not None and value not in options:
            close = difflib.get_close_matches(value, options, n=1)
            fix = f'did you mean "{close[0]}"?' if close else f"use one of: {', '.join(options)}"
            self.problem(key, f"unknown value {value!r}", fix)
            return None
        return value

    def number(
        self, key: str, *, required: bool = True, lo: float | None = None, hi: float | None = None
    ) -> float | None:
        value = self._get(key, required, "<number>")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(key, f"must be a number, got {value!r}", f"write {key} = 12.5")
            return None
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            if lo is not None and hi is not None:
                fix = f"use a value between {lo:g} and {hi:g}"
            else:
                fix = f"use a value of at least {lo:g}" if lo is not None else f"use a value of at most {hi:g}"
            self.problem(key, f"{value} is out of range", fix)
            return None
        return float(value)

    def day(self, key: str, *, required: bool = True) -> date | None:
        value = self._get(key, required, "2024-12-31")
        if value is None:
            return None
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value
        self.problem(key, f"must be a TOML date, got {value!r}", f"write {key} = 2024-12-31 (no quotes)")
        return None

    def strings(self, key: str) -> tuple[str, ...]:
        value = self._get(key, False, '["..."]')
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(key, "must be a list of non-empty strings", f'write {key} = ["first", "second"]')
            return ()
        return tuple(v.strip() for v in value)

    def table(self, key: str, *, required: bool = True) -> _Table | None:
        value = self._get(key, required, "{ ... }")
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(key, "must be a table", f'write it as {key} = {{ value = ..., source = "..." }}')
            return None
        return _Table(value, f"{self.path}.{key}" if self.path else key, self.problems, self.file)

    def tables(self, key: str, *, required: bool = True) -> Iterator[_Table]:
        value = self._get(key, required, "[[...]] entries")
        if value is None:
            return
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(key, "must be an array of tables", f"write each entry under [[{key}]]")
            return
        prefix = f"{self.path}." if self.path else ""
        for i, item in enumerate(value):
            yield _Table(item, f"{prefix}{key}[{i}]", self.problems, self.file)

    def figure(self, key: str, *, required: bool = False, hi: float | None = None) -> Figure | None:
        sub = self.table(key, required=required)
        if sub is None:
            return None
        value = sub.number("value", required=False, lo=0, hi=hi)
        low = sub.number("low", required=False, lo=0, hi=hi)
        high = sub.number("high", required=False, lo=0, hi=hi)
        source = sub.string("source", required=False)
        sub.finish()
        if source is None and "source" not in sub.data:
            self.problem(key, "figure has no source note", 'add source = "where this number comes from"')
        if (low is None) != (high is None):
            self.problem(key, "a range needs both low and high", "add the missing bound or drop the range")
            return None
        if value is None and low is None:
            self.problem(key, "figure needs value = N or both low and high", "add value = N or low = N, high = M")
            return None
        if low is not None and high is not None and low > high:
            self.problem(key, f"low ({low:g}) is above high ({high:g})", "swap them")
            return None
        if value is not None and low is not None and high is not None and not low <= value <= high:
            self.problem(key, f"value {value:g} lies outside low-high ({low:g}-{high:g})", "correct the range")
            return None
        if source is None:
            return None
        return Figure(value=value, low=low, high=high, source=source)

    def coordinates(self) -> tuple[float, float] | None:
        if "lat" not in self.data or "lon" not in self.data:
            self.seen.update(("lat", "lon"))
            self.problem(None, "missing coordinates", "add lat = <degrees north> and lon = <degrees east>")
            return None
        lat = self.number("lat", lo=-90, hi=90)
        lon = self.number("lon", lo=-180, hi=180)
        return None if lat is None or lon is None else (lat, lon)

    def icao(self, key: str = "icao", *, required: bool = False) -> str | None:
        value = self.string(key, required=required, hint='"OSLK"')
        if value is not None and not _ICAO_RE.match(value):
            self.problem(
                key, f"malformed ICAO code {value!r}", "use two capitals then two capitals or digits, like OSLK or HL59"
            )
            return None
        return value

    def ident(self, key: str = "id") -> str | None:
        value = self.string(key, hint='"short-name"')
        if value is not None and not _ID_RE.match(value):
            self.problem(key, f"malformed id {value!r}", "use lower-case letters, digits and dashes")
            return None
        return value

    def finish(self) -> None:
        for key in self.data:
            if key not in self.seen:
                close = difflib.get_close_matches(key, sorted(self.seen), n=1)
                fix = f"did you mean {close[0]!r}?" if close else "remove it (see docs/case-format.md)"
                self.problem(key, "unknown key", fix)


def parse_case(data: dict[str, Any], file: str) -> Case:
    """Validate a parsed TOML document and build the :class:`Case`. Collects every problem before raising."""
    problems: list[Problem] = []
    top = _Table(data, "", problems, file)

    version = top.number("format")
    if version is not None and version != FORMAT_VERSION:
        top.problem("format", f"format {version:g} is not supported", f"use format = {FORMAT_VERSION}")

    meta = top.table("case")
    case_id = title = theatre = None
    start: date | None = None
    description = ""
    if meta:
        case_id = meta.ident()
        title = meta.string("title")
        theatre = meta.string("theatre")
        start = meta.day("start")
        description = meta.string("description", required=False) or ""
        meta.finish()

    actor = _parse_actor(top.table("actor"))
    indexed_sites = [(i, site) for i, t in enumerate(top.tables("sites")) if (site := _parse_site(t)) is not None]
    sites = [site for _, site in indexed_sites]
    if "sites" in data and isinstance(data["sites"], list) and not data["sites"]:
        top.problem("sites", "no sites", "add at least one [[sites]] entry")
    _check_unique_names(indexed_sites, problems, file)
    # Ids declared in the file, parsed or not: a site with a bad latitude must not also break every reference.
    raw_sites = data.get("sites")
    entries = raw_sites if isinstance(raw_sites, list) else []
    site_ids = {str(entry.get("id")) for entry in entries if isinstance(entry, dict)}
    places = [pl for t in top.tables("places", required=False) if (pl := _parse_place(t, site_ids)) is not None]
    sources = [src for t in top.tables("sources") if (src := _parse_source(t)) is not None]
    type_reliability = _parse_type_reliability(top.table("source_types"))
    plans = [plan for t in top.tables("plans") if (plan := _parse_plan(t, site_ids)) is not None]
    aircraft = [ac for t in top.tables("aircraft") if (ac := _parse_aircraft(t)) is not None]
    type_names = {a.name for a in aircraft}
    airframes = [af for t in top.tables("airframes", required=False) if (af := _parse_airframe(t, type_names))]
    fleet = _parse_fleet(top.table("fleet", required=False))
    assessment = _parse_assessment(top.table("assessment", required=False))
    destinations = [d for t in top.tables("destinations") if (d := _parse_destination(t)) is not None]
    top.finish()

    unique_keys = (
        ("sites", [s.id for s in sites]),
        ("sources", [s.id for s in sources]),
        ("plans", [p.id for p in plans]),
        ("aircraft", [a.name for a in aircraft]),
        ("airframes", [a.icao24 for a in airframes]),
        ("destinations", [d.icao for d in destinations]),
    )
    for kind, keys in unique_keys:
        for dup in sorted({k for k in keys if keys.count(k) > 1}):
            problems.append(Problem(f"{file}: {kind}", f"{dup!r} appears twice", "keep one entry for it"))

    if problems:
        raise CaseError(problems)
    # No problems means every required part parsed; the checks below only narrow the types.
    if not (case_id and title and theatre and start and actor and type_reliability is not None):
        raise CaseError([Problem(file, "incomplete case", "see docs/case-format.md")])
    return Case(
        id=case_id,
        title=title,
        theatre=theatre,
        start=start,
        description=description,
        actor=actor,
        sites=tuple(sites),
        places=tuple(places),
        sources=tuple(sources),
        source_type_reliability=type_reliability,
        plans=tuple(plans),
        aircraft=tuple(aircraft),
        airframes=tuple(airframes),
        fleet=fleet,
        destinations=tuple(destinations),
        assessment=assessment,
        path=file,
    )


def _parse_actor(t: _Table | None) -> Actor | None:
    if t is None:
        return None
    name, short, country = t.string("name"), t.string("short"), t.string("country", hint='"RU"')
    aliases = t.strings("aliases")
    personnel = equipment = None
    baseline = t.table("baseline", required=False)
    if baseline is not None:
        personnel = baseline.figure("personnel")
        equipment = baseline.figure("equipment_tonnes")
        baseline.finish()
    t.finish()
    if name and short and country:
        return Actor(name, short, country, aliases, personnel, equipment)
    return None


def _parse_assessment(t: _Table | None) -> AssessParams:
    defaults = AssessParams()
    if t is None:
        return defaults

    def num(key: str, default: float, lo: float, hi: float | None = None) -> float:
        value = t.number(key, required=False, lo=lo, hi=hi)
        return default if value is None else value

    weights = dict(defaults.reliability_weights)
    table = t.table("reliability_weights", required=False)
    if table is not None:
        for grade in RELIABILITY_GRADES:
            value = table.number(grade, required=False, lo=0, hi=1)
            if value is not None:
                weights[grade] = value
        table.finish()
    params = AssessParams(
        half_life_days=num("half_life_days", defaults.half_life_days, 0.5),
        withdrawn_half_life_days=num("withdrawn_half_life_days", defaults.withdrawn_half_life_days, 0.5),
        min_weight=num("min_weight", defaults.min_weight, 0),
        reliability_weights=weights,
        unconfirmed_factor=num("unconfirmed_factor", defaults.unconfirmed_factor, 0, 1),
        sortie_weight=num("sortie_weight", defaults.sortie_weight, 0),
        pace_window_days=int(num("pace_window_days", defaults.pace_window_days, 1)),
        stale_after_days=int(num("stale_after_days", defaults.stale_after_days, 1)),
        corroboration_window_days=int(num("corroboration_window_days", defaults.corroboration_window_days, 0)),
        mc_draws=int(num("mc_draws", defaults.mc_draws, 100, 1_000_000)),
        seed=int(num("seed", defaults.seed, 0)),
        load_factor=t.figure("load_factor", hi=1) or defaults.load_factor,
        ship_tonnes=t.figure("ship_tonnes") or defaults.ship_tonnes,
        vehicle_tonnes=t.figure("vehicle_tonnes") or defaults.vehicle_tonnes,
    )
    t.finish()
    return params


def _parse_site(t: _Table) -> Site | None:
    site_id, name = t.ident(), t.string("name")
    kind = t.choice("kind", SITE_KINDS)
    coords = t.coordinates()
    aliases, misspellings = t.strings("aliases"), t.strings("misspellings")
    icao = t.icao()
    province = t.string("province", required=False)
    location_source = t.string("location_source", required=False)
    notes = t.string("notes", required=False)
    count = t.figure("count", required=kind == "post_group")
    baseline = t.table("baseline", required=False)
    personnel = equipment = None
    if baseline is not None:
        personnel = baseline.figure("personnel")
        equipment = baseline.figure("equipment_tonnes")
        baseline.finish()
    t.finish()
    if not (site_id and name and kind and coords):
        return None
    return Site(
        id=site_id,
        name=name,
        kind=kind,
        lat=coords[0],
        lon=coords[1],
        aliases=aliases,
        misspellings=misspellings,
        icao=icao,
        province=province,
        location_source=location_source,
        count=count,
        personnel=personnel,
        equipment_tonnes=equipment,
        notes=notes,
    )


def _check_unique_names(sites: list[tuple[int, Site]], problems: list[Problem], file: str) -> None:
    """The same spelling on two sites would make every mention of it ambiguous."""
    owner: dict[str, str] = {}
    for index, site in sites:
        for name in site.names:
            key = fold(name)
            if key in owner and owner[key] != site.id:
                problems.append(
                    Problem(
                        f"{file}: sites[{index}] ({site.id})",
                        f"alias {name!r} is also used by site {owner[key]!r}",
                        "keep each alias on one site only (use a place entry for shared town names)",
                    )
                )
            owner.setdefault(key, site.id)


def _parse_place(t: _Table, site_ids: set[str]) -> Place | None:
    name, kind = t.string("name"), t.choice("kind", PLACE_KINDS)
    coords = t.coordinates()
    aliases, sites = t.strings("aliases"), t.strings("sites")
    for sid in sites:
        if sid not in site_ids:
            t.problem("sites", f"unknown site id {sid!r}", "use an id from the [[sites]] entries")
    t.finish()
    if name and kind and coords:
        return Place(name=name, kind=kind, lat=coords[0], lon=coords[1], aliases=aliases, sites=sites)
    return None


def _parse_source(t: _Table) -> Source | None:
    source_id, name = t.ident(), t.string("name")
    stype = t.choice("type", SOURCE_TYPES)
    reliability = t.choice("reliability", RELIABILITY_GRADES)
    aliases, domains = t.strings("aliases"), t.strings("domains")
    t.finish()
    if source_id and name and stype and reliability:
        return Source(source_id, name, stype, reliability, aliases, domains)
    return None


def _parse_type_reliability(t: _Table | None) -> dict[str, str] | None:
    if t is None:
        return None
    grades = {st: g for st in SOURCE_TYPES if (g := t.choice(st, RELIABILITY_GRADES, hint='"C"')) is not None}
    t.finish()
    return grades


def _parse_plan(t: _Table, site_ids: set[str]) -> Plan | None:
    plan_id, kind = t.ident(), t.choice("kind", PLAN_KINDS)
    actor, summary = t.string("actor"), t.string("summary")
    stated, due = t.day("stated"), t.day("due", required=False)
    precision = t.choice("stated_precision", TIME_PRECISIONS, required=False) or "day"
    attribution, source = t.string("attribution"), t.string("source")
    scope = t.strings("scope")
    for sid in scope:
        if sid != "all" and sid not in site_ids:
            t.problem("scope", f"unknown site id {sid!r}", 'use site ids from [[sites]] or "all"')
    reduction = t.figure("reduction_percent", hi=100)
    if stated and due and due < stated:
        t.problem("due", f"due date {due} is before the stated date {stated}", "check both dates")
    t.finish()
    if plan_id and kind and actor and summary and stated and attribution and source:
        return Plan(plan_id, kind, actor, summary, stated, precision, attribution, source, due, scope, reduction)
    return None


def _parse_aircraft(t: _Table) -> AircraftType | None:
    name, icao_type = t.string("name"), t.string("icao_type", hint='"IL76"')
    payload = t.figure("payload_tonnes", required=True)
    aliases = t.strings("aliases")
    t.finish()
    if name and icao_type and payload:
        return AircraftType(name=name, icao_type=icao_type, payload_tonnes=payload, aliases=aliases)
    return None


def _parse_airframe(t: _Table, type_names: set[str]) -> Airframe | None:
    icao24, atype = t.string("icao24", hint='"1512ab"'), t.string("type")
    registration, source = t.string("registration", required=False), t.string("source")
    if icao24 is not None and not _HEX6_RE.match(icao24):
        t.problem("icao24", f"malformed ICAO 24-bit address {icao24!r}", "use six hex digits, like 1512ab")
        icao24 = None
    if atype is not None and atype not in type_names:
        t.problem("type", f"unknown aircraft type {atype!r}", "use a name from the [[aircraft]] entries")
    t.finish()
    if icao24 and atype and source:
        return Airframe(icao24.lower(), atype, registration, source)
    return None


def _parse_fleet(t: _Table | None) -> Fleet:
    if t is None:
        return Fleet((), (), None)
    prefixes = t.strings("callsign_prefixes")
    ranges: list[tuple[int, int]] = []
    for i, pair in enumerate(t.strings("icao24_ranges")):
        lo, _, hi = pair.partition("-")
        if not (_HEX6_RE.match(lo) and _HEX6_RE.match(hi)) or int(lo, 16) > int(hi, 16):
            t.problem(f"icao24_ranges[{i}]", f"malformed range {pair!r}", 'write "100000-1fffff" (low-high, hex)')
            continue
        ranges.append((int(lo, 16), int(hi, 16)))
    source = t.string("source", required=bool(prefixes or ranges))
    t.finish()
    return Fleet(prefixes, tuple(ranges), source)


def _parse_destination(t: _Table) -> Destination | None:
    icao = t.icao(required=True)
    name, country, note = t.string("name"), t.string("country", hint='"LY"'), t.string("note")
    coords = t.coordinates()
    t.finish()
    if icao and name and country and note and coords:
        return Destination(icao, name, country, coords[0], coords[1], note)
    return None
