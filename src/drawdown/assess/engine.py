"""One assessment as of a date: site statuses (with a daily timeline), claim credibility, force, consistency.

Pure: evidence in, an :class:`Assessment` out. Deterministic for the same evidence and seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from drawdown.assess.consistency import Check, checks
from drawdown.assess.credibility import Credibility, credibility
from drawdown.assess.evidence import Evidence
from drawdown.assess.force import ForceEstimate, estimate
from drawdown.assess.status import SiteStatus, site_status, timelines
from drawdown.model import Report


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
    undated: tuple[Report, ...] = ()  # reports with no date at all: in no snapshot, listed by the brief

    def site(self, site_id: str) -> SiteStatus:
        return next(s for s in self.sites if s.site == site_id)


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
    found = tuple(checks(known, force, seed))
    return Assessment(case.id, as_of, seed, known, sites, daily, grades, force, found, evidence.undated)
