"""Loading a case: find the file (bundled name or path), read the TOML, validate every table, build the Case."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from drawdown.case.figure import Figure
from drawdown.case.params import AssessParams, param_info
from drawdown.case.records import (
    PLACE_KINDS,
    PLAN_KINDS,
    SITE_KINDS,
    Actor,
    AircraftType,
    Airframe,
    Case,
    Destination,
    Fleet,
    OtherForce,
    Place,
    Plan,
    SimTraffic,
    Site,
    Source,
    fold,
)
from drawdown.case.table import Table
from drawdown.errors import CaseError, Problem
from drawdown.model import RELIABILITY_GRADES, SOURCE_TYPES, TIME_PRECISIONS

FORMAT_VERSION = 1
_HEX6_RE = re.compile(r"^[0-9a-fA-F]{6}$")


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


def parse_case(data: dict[str, Any], file: str) -> Case:
    """Validate a parsed TOML document and build the :class:`Case`. Collects every problem before raising."""
    problems: list[Problem] = []
    top = Table(data, "", problems, file)

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
    also = [a for t in top.tables("actors", required=False) if (a := _parse_actor(t)) is not None]
    others = [f for t in top.tables("other_forces", required=False) if (f := _parse_other_force(t)) is not None]
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
    sources = [src for t in top.tables("sources", required=False) if (src := _parse_source(t)) is not None]
    type_reliability = _parse_type_reliability(top.table("source_types"))
    plans = [plan for t in top.tables("plans", required=False) if (plan := _parse_plan(t, site_ids)) is not None]
    aircraft = [ac for t in top.tables("aircraft", required=False) if (ac := _parse_aircraft(t)) is not None]
    type_names = {a.name for a in aircraft}
    airframes = [af for t in top.tables("airframes", required=False) if (af := _parse_airframe(t, type_names))]
    fleet = _parse_fleet(top.table("fleet", required=False))
    simulation = _parse_simulation(top.table("simulation", required=False))
    assessment = _parse_assessment(top.table("assessment", required=False))
    destinations = [d for t in top.tables("destinations", required=False) if (d := _parse_destination(t)) is not None]
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
        simulation=simulation,
        also_monitored=tuple(also),
        other_forces=tuple(others),
    )


def _parse_actor(t: Table | None) -> Actor | None:
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


def _parse_other_force(t: Table) -> OtherForce | None:
    name, aliases = t.string("name"), t.strings("aliases")
    t.finish()
    return OtherForce(name, aliases) if name else None


def _parse_assessment(t: Table | None) -> AssessParams:
    defaults = AssessParams()
    if t is None:
        return defaults

    def num(key: str) -> float:
        bounds = param_info(key)
        value = t.number(key, required=False, lo=bounds.lo, hi=bounds.hi)
        return float(getattr(defaults, key)) if value is None else value

    def figure(key: str) -> Figure:
        bounds = param_info(key)
        value = t.figure(key, lo=bounds.lo, hi=bounds.hi)
        return value or getattr(defaults, key)

    weights = dict(defaults.reliability_weights)
    table = t.table("reliability_weights", required=False)
    if table is not None:
        bounds = param_info("reliability_weights")
        for grade in RELIABILITY_GRADES:
            value = table.number(grade, required=False, lo=bounds.lo, hi=bounds.hi)
            if value is not None:
                weights[grade] = value
        table.finish()
    params = AssessParams(
        half_life_days=num("half_life_days"),
        withdrawn_half_life_days=num("withdrawn_half_life_days"),
        settle_credibility=int(num("settle_credibility")),
        min_weight=num("min_weight"),
        reliability_weights=weights,
        unconfirmed_factor=num("unconfirmed_factor"),
        sortie_weight=num("sortie_weight"),
        pace_window_days=int(num("pace_window_days")),
        stale_after_days=int(num("stale_after_days")),
        corroboration_window_days=int(num("corroboration_window_days")),
        mc_draws=int(num("mc_draws")),
        seed=int(num("seed")),
        load_factor=figure("load_factor"),
        ship_tonnes=figure("ship_tonnes"),
        vehicle_tonnes=figure("vehicle_tonnes"),
    )
    t.finish()
    return params


def _parse_site(t: Table) -> Site | None:
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


def _parse_place(t: Table, site_ids: set[str]) -> Place | None:
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


def _parse_source(t: Table) -> Source | None:
    source_id, name = t.ident(), t.string("name")
    stype = t.choice("type", SOURCE_TYPES)
    reliability = t.choice("reliability", RELIABILITY_GRADES)
    aliases, domains = t.strings("aliases"), t.strings("domains")
    observes = t.flag("direct_observation")
    t.finish()
    if source_id and name and stype and reliability:
        return Source(source_id, name, stype, reliability, aliases, domains, observes)
    return None


def _parse_type_reliability(t: Table | None) -> dict[str, str] | None:
    if t is None:
        return None
    grades = {st: g for st in SOURCE_TYPES if (g := t.choice(st, RELIABILITY_GRADES, hint='"C"')) is not None}
    t.finish()
    return grades


def _parse_plan(t: Table, site_ids: set[str]) -> Plan | None:
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


def _parse_aircraft(t: Table) -> AircraftType | None:
    name, icao_type = t.string("name"), t.string("icao_type", hint='"IL76"')
    payload = t.figure("payload_tonnes", required=True)
    aliases = t.strings("aliases")
    t.finish()
    if name and icao_type and payload:
        return AircraftType(name=name, icao_type=icao_type, payload_tonnes=payload, aliases=aliases)
    return None


def _parse_airframe(t: Table, type_names: set[str]) -> Airframe | None:
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


def _address_ranges(t: Table, key: str) -> tuple[tuple[int, int], ...]:
    ranges: list[tuple[int, int]] = []
    for i, pair in enumerate(t.strings(key)):
        lo, _, hi = pair.partition("-")
        if not (_HEX6_RE.match(lo) and _HEX6_RE.match(hi)) or int(lo, 16) > int(hi, 16):
            t.problem(f"{key}[{i}]", f"malformed range {pair!r}", 'write "100000-1fffff" (low-high, hex)')
            continue
        ranges.append((int(lo, 16), int(hi, 16)))
    return tuple(ranges)


def _parse_simulation(t: Table | None) -> SimTraffic | None:
    if t is None:
        return None
    civil = t.strings("civil_callsign_prefixes")
    ranges = _address_ranges(t, "civil_icao24_ranges")
    overflights = t.strings("overflight_callsign_prefixes")
    if bool(civil) != bool(ranges):
        missing = "civil_icao24_ranges" if civil else "civil_callsign_prefixes"
        t.problem(missing, "civil traffic needs both callsign prefixes and address ranges", f"add {missing}")
    source = t.string("source")
    t.finish()
    return SimTraffic(civil, ranges, overflights, source)


def _parse_fleet(t: Table | None) -> Fleet:
    if t is None:
        return Fleet((), (), None)
    prefixes = t.strings("callsign_prefixes")
    ranges = list(_address_ranges(t, "icao24_ranges"))
    source = t.string("source", required=bool(prefixes or ranges))
    t.finish()
    return Fleet(prefixes, tuple(ranges), source)


def _parse_destination(t: Table) -> Destination | None:
    icao = t.icao(required=True)
    name, country, note = t.string("name"), t.string("country", hint='"LY"'), t.string("note")
    coords = t.coordinates()
    t.finish()
    if icao and name and country and note and coords:
        return Destination(icao, name, country, coords[0], coords[1], note)
    return None
