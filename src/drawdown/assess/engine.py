"""One assessment as of a date: site statuses (with a daily timeline), claim credibility, force, consistency.

Pure: evidence in, an :class:`Assessment` out. Deterministic for the same evidence and seed.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from drawdown.assess.consistency import Check, checks
from drawdown.assess.credibility import Credibility, credibility
from drawdown.assess.evidence import Evidence
from drawdown.assess.force import ForceEstimate, estimate
from drawdown.assess.status import SiteStatus, site_status, timelines


@dataclass(frozen=True)
class Assessment:
    case_id: str
    as_of: date
    seed: int
    evidence: Evidence
    sites: tuple[SiteStatus, ...]
    timelines: dict[str, tuple[tuple[date, str, float], ...]]  # site -> (day, status, P(status))
    credibility: tuple[Credibility, ...]  # parallel to evidence.claims
    force: ForceEstimate
    checks: tuple[Check, ...]

    def site(self, site_id: str) -> SiteStatus:
        return next(s for s in self.sites if s.site == site_id)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready snapshot (what `drawdown assess` stores and `--json` prints)."""
        claims = [
            {
                "report_id": c.report_id, "site": c.site, "action": c.action, "confirmation": c.confirmation,
                "modality": c.modality, "credibility": cred.grade, "rating": cred.rating, "source": cred.source,
            }
            for c, cred in zip(self.evidence.claims, self.credibility, strict=True)
        ]  # fmt: skip
        force = self.force
        return {
            "case": self.case_id,
            "as_of": self.as_of.isoformat(),
            "seed": self.seed,
            "sites": [
                {
                    "site": s.site, "status": s.status, "weight": round(s.weight, 4),
                    "probabilities": {k: round(v, 4) for k, v in s.probabilities.items()},
                    "last_evidence": s.last_evidence.isoformat() if s.last_evidence else None,
                    "timeline": [[d.isoformat(), st, round(p, 4)] for d, st, p in self.timelines.get(s.site, ())],
                }
                for s in self.sites
            ],
            "force": {
                "personnel_remaining": _interval(force.personnel_remaining),
                "removed_percent": _interval(force.removed_percent),
                "removed_tonnes": _interval(force.removed_tonnes),
                "pace_tonnes_per_day": _interval(force.pace_tonnes_per_day),
                "pace_percent_per_day": _interval(force.pace_percent_per_day),
                "completion": [d.isoformat() for d in force.completion] if force.completion else None,
                "completion_note": force.completion_note,
                "per_site": {k: _interval(v) for k, v in force.per_site.items()},
                "deadlines": [
                    {"label": d.label, "due": d.due.isoformat(), "probability": d.probability, "source": d.source}
                    for d in force.deadlines
                ],
                "arithmetic": list(force.arithmetic),
                "sorties_counted": list(force.lift.sorties),
            },
            "checks": [dataclasses.asdict(c) for c in self.checks],
            "claims": claims,
        }  # fmt: skip

    def dumps(self) -> str:
        return json.dumps(self.to_json(), sort_keys=True, default=str)


def _interval(value: Any) -> dict[str, float] | None:
    return None if value is None else {k: round(v, 3) for k, v in dataclasses.asdict(value).items()}


def assess(evidence: Evidence, as_of: date, *, seed: int | None = None, with_timeline: bool = True) -> Assessment:
    case = evidence.case
    seed = case.assessment.seed if seed is None else seed
    known = evidence.until(as_of)
    sites = tuple(site_status(known, site.id, as_of) for site in case.sites)
    daily: dict[str, tuple[tuple[date, str, float], ...]] = {}
    if with_timeline:
        for site_id, days in timelines(known, case.start, as_of).items():
            daily[site_id] = tuple((d, s.status, s.confidence) for d, s in days)
    grades = tuple(credibility(known, i) for i in range(len(known.claims)))
    force = estimate(known, as_of, seed)
    return Assessment(case.id, as_of, seed, known, sites, daily, grades, force, tuple(checks(known, force, seed)))
