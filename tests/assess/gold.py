"""The realdev sets' gold labels as assessment evidence: each labelled claim becomes a Claim, each report a Report.

The yardstick of tests/assess/test_gold.py: fed claims that are right by construction, the assessment's end
states can be compared with each set's README timeline without extraction errors in the way. Reads the sets
from ``../shared/realdev`` beside the project; nothing of their text or place lists is copied into the repo.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from drawdown.assess import Evidence
from drawdown.case import Case
from drawdown.case.load import parse_case
from drawdown.model import Claim, Report
from tests.conftest import DATA, TESTS

REALDEV = TESTS.parent.parent / "shared" / "realdev"
GOLD_CASES = DATA / "cases" / "gold"

# sites.json kinds -> the case format's site kinds. A pseudo-site (the country, a loose group of positions)
# is an "area"; towns and regions too: the case format has no town kind, and the assessment does not read kinds.
_KINDS = {
    "airfield": "airport",
    "air_base": "air_base",
    "base": "garrison",
    "naval_facility": "naval_facility",
    "port": "naval_facility",
    "observation_post_group": "area",
}


def slug(name: str) -> str:
    """A case site id from a canonical name: lower-case letters, digits and dashes."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _site_table(entry: dict[str, Any], centre: tuple[float, float]) -> dict[str, Any]:
    aliases = [a for a in entry.get("aliases_in_reports", []) if a != entry["canonical"]]
    table: dict[str, Any] = {
        "id": slug(entry["canonical"]),
        "name": entry["canonical"],
        "kind": _KINDS.get(entry.get("kind", ""), "area"),
        "aliases": sorted(set(aliases), key=aliases.index),
    }
    if entry.get("lat") is None or entry.get("lon") is None:
        # A pseudo-site or an ungeocoded place: the case format needs coordinates, so it stands at the set's
        # centre and says so. Nothing in the assessment reads a site's coordinates.
        table["lat"], table["lon"] = centre
        table["location_source"] = "no coordinates in the set: placed at the centre of the set's sites"
    else:
        table["lat"], table["lon"] = float(entry["lat"]), float(entry["lon"])
    return table


@dataclass(frozen=True)
class GoldSet:
    name: str
    case: Case
    reports: dict[str, Report]
    claims: tuple[Claim, ...]
    site_ids: dict[str, str]  # canonical name -> case site id

    def evidence(self) -> Evidence:
        return Evidence(self.case, dict(self.reports), self.claims, ())


def available(name: str) -> bool:
    return (REALDEV / name / "labels.jsonl").is_file()


def _published(value: str | None) -> datetime | None:
    if not value:
        return None
    day = date.fromisoformat(value[:10])
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def load_gold(name: str, *, actor: str | None = None) -> GoldSet:
    """The set ``name`` as a case and evidence. ``actor``: keep only reports whose ``actor`` field is this one
    (for a set that watches several forces); reports without the field are kept."""
    folder = REALDEV / name
    header = tomllib.loads((GOLD_CASES / f"{name}.toml").read_text(encoding="utf-8"))
    entries = json.loads((folder / "sites.json").read_text(encoding="utf-8"))["sites"]
    located = [(float(e["lat"]), float(e["lon"])) for e in entries if e.get("lat") is not None]
    centre = (sum(p[0] for p in located) / len(located), sum(p[1] for p in located) / len(located))
    header["sites"] = [_site_table(e, centre) for e in entries if not e["canonical"].endswith("(national)")]
    case = parse_case(header, str(GOLD_CASES / f"{name}.toml"))
    site_ids = {e["canonical"]: slug(e["canonical"]) for e in entries}
    # "<Country> (national)" is the whole theatre: extraction gives such claims no site, and nor does the loader.
    national = {e["canonical"] for e in entries if e["canonical"].endswith("(national)")}

    rows = [json.loads(line) for line in (folder / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    labels = {(d := json.loads(line))["id"]: d for line in (folder / "labels.jsonl").read_text().splitlines()}
    reports: dict[str, Report] = {}
    claims: list[Claim] = []
    for row in rows:
        if actor is not None and row.get("actor") not in (None, actor):
            continue
        label = labels[row["id"]]
        # A labelled copy shares its original's origin: corroboration must not count it twice.
        origin = f"o-{label['duplicate_of'] or row['id']}"
        reports[row["id"]] = Report(
            id=row["id"], content_hash=row["id"], text=row["text"], locator=f"{name}:{row['id']}", format="jsonl",
            origin_id=origin, url=row.get("url"), outlet=row.get("outlet"), published=_published(row["published"]),
        )  # fmt: skip
        for k, c in enumerate(label["claims"]):
            # Labels list a report's claims in the order its text tells them; the span keeps that order.
            claims.append(
                Claim(
                    report_id=row["id"],
                    site=None if c["site"] in national else site_ids[c["site"]],
                    action=c["action"],
                    confirmation=c["confirmation"],
                    modality="asserted",
                    span=(k, k + 1),
                    site_name=c["site"],
                    quantity=c.get("quantity"),
                    unit=c.get("unit"),
                    event_date=date.fromisoformat(c["event_date"]) if c.get("event_date") else None,
                    time_precision="day" if c.get("event_date") else None,
                    source_type=c.get("source_type"),
                )
            )
    return GoldSet(name, case, reports, tuple(claims), site_ids)
