"""The README yardstick run as a user would: each realdev set through the CLI, with the case file a user wrote.

For each set: ``drawdown --db X ingest reports.jsonl``, ``drawdown --db X extract --case
tests/data/cases/<set>.toml`` and ``drawdown --db X assess --case ... --as-of <end> --json``; the end states in
that JSON are held to each README's timeline (``SETS`` of tests/assess/test_gold.py). Unlike test_gold_e2e.py,
whose case files are the sets' own site lists, the user's case files name places their own way and list other
forces and more places, so each expected site is looked up in the case: by name or alias first, failing that the
nearest case site within 15 km of the set's coordinates.

The hard rule holds as in the gold tests: no site is withdrawn on a day before its true date, no held site is
withdrawn. The share of right end states has a floor pinned at what was measured (raise it when extraction or
assessment improves, never lower it silently). ``pytest -s`` prints the table; so does
``python -m tests.assess.test_case_e2e`` from the project folder. The sets' texts stay in ../shared/realdev.
"""

from __future__ import annotations

import json
import math
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from drawdown.case import Case, load_case
from drawdown.cli import app
from tests.assess.gold import REALDEV, available
from tests.assess.test_gold import SETS, Expect
from tests.conftest import DATA

CASES = DATA / "cases"

# How far the set's point for a place may be from the case's point and still be the same place. 15 km, as the
# realdev scorer allows: the sets geocode a base by its village, a user's case by the town or the district.
NEAR_KM = 15.0

# Measured on 2026-12-03, at the commit that added this test (the table printed with -s): 19/28, 16/24, 7/7;
# docs/assessment.md gives each miss and its reason. On 2026-12-06, with the sources whose statements are direct
# observation and the real-text rules of that day: 22/28, 23/24, 7/7. Floors are only ever raised.
FLOORS = {"somalia-2016": 24 / 28, "ukraine-2022": 23 / 24, "syria-2019": 7 / 7}


def _norm(name: str) -> str:
    """A spelling for comparison: no accents, no case, words of letters and digits only."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", plain.lower()))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class Match:
    site: str | None  # the case's site id, or None when the case has no such place
    how: str  # "name", "alias", "12.3 km" or "not in the case"


def find_site(entry: dict[str, Any], case: Case) -> Match:
    """The case site that is the set's place ``entry`` (a sites.json row)."""
    wanted = _norm(entry["canonical"])
    others = (*entry.get("aliases_in_reports", []), *entry.get("aliases_elsewhere", []))
    spellings = {wanted, *(_norm(a) for a in others)}
    for site in case.sites:  # the same name first: an alias of one site may be the name of another ("Belarus")
        if _norm(site.name) == wanted:
            return Match(site.id, "name")
    for site in case.sites:
        if spellings & {_norm(n) for n in site.names}:
            return Match(site.id, "alias")
    if entry.get("lat") is not None and entry.get("lon") is not None and case.sites:
        point = (float(entry["lat"]), float(entry["lon"]))
        near = min(case.sites, key=lambda s: _km(point, (s.lat, s.lon)))
        distance = _km(point, (near.lat, near.lon))
        if distance <= NEAR_KM:
            return Match(near.id, f"{distance:.1f} km")
    return Match(None, "not in the case")


@dataclass(frozen=True)
class Row:
    expect: Expect
    match: Match
    status: str  # the end state, or "-" when the case has no such site
    last_seen: str | None
    last_evidence: str | None
    settled_on: str | None
    early: date | None  # the first day withdrawn before the true date (or at all, for a held site)

    @property
    def right(self) -> bool:
        kind = self.expect.kind
        if kind == "W":
            return self.status == "withdrawn"
        if kind == "P":
            return self.status == "present" or (
                self.status == "unknown" and self.last_seen in ("present", "not_withdrawn")
            )
        return self.match.site is not None and self.status != "withdrawn"

    @property
    def why(self) -> str:
        """A first reading of a miss from the JSON alone (docs/assessment.md gives the reasons found by hand)."""
        if self.right:
            return ""
        if self.match.site is None:
            return "case file: no such site"
        if self.last_seen is None:
            return "no dated claim read about the site"
        if self.expect.kind == "W":
            return {
                "withdrawn": "leans withdrawn, no completion credible enough to settle",
                "drawing_down": "read as departures, no completion",
            }.get(self.last_seen, f"latest reading: {self.last_seen}")
        return f"latest reading: {self.last_seen}"


def _cli(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, f"drawdown {' '.join(args)} -> {result.exit_code}\n{result.output}"
    return result.stdout  # warnings go to stderr; --json output alone is on stdout


def run_set(name: str, folder: Path) -> list[Row]:
    """Ingest, extract and assess the set ``name`` through the CLI in ``folder``; one row per expectation."""
    expectations, end, _ = SETS[name]  # the actor filter of the gold tests is not applied: a user has the file
    case_path = CASES / f"{name}.toml"
    case = load_case(case_path)
    db = str(folder / f"{name}.duckdb")
    runner = CliRunner()
    _cli(runner, "--db", db, "ingest", str(REALDEV / name / "reports.jsonl"), "--case", str(case_path))
    _cli(runner, "--db", db, "extract", "--case", str(case_path))
    out = _cli(runner, "--db", db, "assess", "--case", str(case_path), "--as-of", end.isoformat(), "--json")
    sites = {s["site"]: s for s in json.loads(out)["sites"]}
    entries = {e["canonical"]: e for e in json.loads((REALDEV / name / "sites.json").read_text())["sites"]}
    rows = []
    for expect in expectations:
        match = find_site(entries[expect.site], case)
        got = sites.get(match.site) if match.site else None
        if got is None:
            rows.append(Row(expect, match, "-", None, None, None, None))
            continue
        cutoff = expect.since if expect.kind == "W" else None
        early = [
            date.fromisoformat(d)
            for d, s, _ in got["timeline"]
            if s == "withdrawn" and (cutoff is None or date.fromisoformat(d) < cutoff)
        ]
        rows.append(
            Row(
                expect,
                match,
                got["status"],
                got["last_seen"],
                got["last_evidence"],
                got["settled_on"],
                early[0] if early else None,
            )
        )
    return rows


def table(name: str, rows: list[Row]) -> str:
    lines = [f"{name} (CLI, user case file): {sum(r.right for r in rows)}/{len(rows)} right"]
    lines.append(f"      {'expected':<44} {'case site':<40} {'got':<24} {'last seen':<13} {'last ev.':<10}  why")
    for r in rows:
        want = f"{r.expect.kind} {r.expect.site}" + (f" {r.expect.since}" if r.expect.since else "")
        where = f"{r.match.site or '-'} ({r.match.how})"
        got = r.status + (f" {r.settled_on}" if r.settled_on else "")
        tail = (f" EARLY {r.early}" if r.early else "") + r.why
        flag = "ok " if r.right else "BAD"
        lines.append(
            f"  {flag} {want:<44} {where:<40} {got:<24} {r.last_seen or '-':<13} {r.last_evidence or '-':<10}  {tail}"
        )
    return "\n".join(lines)


@pytest.mark.parametrize("name", list(SETS))
def test_end_states_through_the_cli_with_the_user_case(name: str, tmp_path: Path) -> None:
    if not available(name):
        pytest.skip(f"the realdev set {name} is not here; it lives in ../shared/realdev beside the repo")
    rows = run_set(name, tmp_path)
    print(table(name, rows))
    early = [(r.expect.site, r.early) for r in rows if r.early]
    assert not early, f"withdrawn before the true date (or a held site withdrawn): {early}"
    share = sum(r.right for r in rows) / len(rows)
    assert share >= FLOORS[name], table(name, rows)


def test_a_place_is_found_by_alias_then_by_coordinates() -> None:
    case = load_case(CASES / "somalia-2016.toml")
    by_alias = {"canonical": "El Adde", "aliases_in_reports": ["Ceel-Cadde"], "lat": None, "lon": None}
    assert find_site(by_alias, case) == Match("ceel-cadde", "alias")
    nearby = {"canonical": "Nowhere", "lat": -1.04, "lon": 41.49}  # about 1.4 km from Baadhaade
    match = find_site(nearby, case)
    assert match.site == "baadhaade" and match.how.endswith(" km")
    assert find_site({"canonical": "Nowhere", "lat": 10.0, "lon": 10.0}, case) == Match(None, "not in the case")


if __name__ == "__main__":  # python -m tests.assess.test_case_e2e [set ...]: the tables, no asserts
    with tempfile.TemporaryDirectory() as tmp:
        for set_name in sys.argv[1:] or list(SETS):
            print(table(set_name, run_set(set_name, Path(tmp))), end="\n\n")
