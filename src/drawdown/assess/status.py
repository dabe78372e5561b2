"""Site status: P(present), P(drawing down), P(withdrawn) from weighted, decayed, origin-deduplicated votes.

The model (docs/assessment.md): each independent origin casts at most one vote per state for a site, weighted by
reliability x confirmation x decay; each takeoff of a transport aircraft from the site's airfield casts a
``sortie_weight`` vote for drawing down. Probabilities are the votes plus a small uniform pseudo-count,
normalised. Below ``min_weight`` of total vote the status is "unknown", whatever the proportions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from drawdown.assess.evidence import (
    DRAWING,
    PRESENT,
    STATES,
    STAYING,
    WITHDRAWN,
    Evidence,
    claim_weight,
    decay,
    site_of_airfield,
    vote,
)

UNKNOWN = "unknown"


@dataclass(frozen=True)
class Vote:
    state: str
    weight: float
    day: date | None
    claim_index: int | None = None  # index into Evidence.claims
    sortie_id: str | None = None


@dataclass(frozen=True)
class SiteStatus:
    site: str
    status: str
    probabilities: dict[str, float]
    weight: float
    last_evidence: date | None
    votes: tuple[Vote, ...] = field(default=())

    @property
    def confidence(self) -> float:
        return self.probabilities.get(self.status, 0.0)


def site_votes(evidence: Evidence, site_id: str, as_of: date) -> list[Vote]:
    """The votes about one site: the strongest per (origin, state), plus one per takeoff at its airfield."""
    case = evidence.case
    best: dict[tuple[str, str], Vote] = {}
    for index, claim in enumerate(evidence.claims):
        state = vote(claim)
        if claim.site != site_id or state is None:
            continue
        report = evidence.report_of(claim)
        day = evidence.claim_day(claim)
        if day is not None and day > as_of:
            continue
        weight = claim_weight(claim, report, day, as_of, case)
        key = (report.origin_id, state)  # copies share an origin: they can never add a second vote
        if key not in best or weight > best[key].weight:
            best[key] = Vote(state, weight, day, claim_index=index)
    votes = list(best.values())
    params = case.assessment
    for sortie in evidence.sorties:
        if sortie.event != "takeoff" or site_of_airfield(case, sortie.airfield) != site_id:
            continue
        day = sortie.time.date()
        if day > as_of:
            continue
        weight = params.sortie_weight * sortie.confidence * decay(params, day, as_of)
        votes.append(Vote(DRAWING, weight, day, sortie_id=sortie.id))
    return votes


def combine(site_id: str, votes: list[Vote], min_weight: float) -> SiteStatus:
    totals: defaultdict[str, float] = defaultdict(float)
    for v in votes:
        if v.state == STAYING:
            totals[PRESENT] += v.weight / 2
            totals[DRAWING] += v.weight / 2
        else:
            totals[v.state] += v.weight
    total = sum(totals.values())
    prior = min_weight / len(STATES)  # a weak uniform prior: no evidence means no opinion
    probabilities = {s: (prior + totals[s]) / (prior * len(STATES) + total) for s in STATES}
    leader = max(STATES, key=lambda s: (probabilities[s], s == WITHDRAWN, s == DRAWING))
    status = leader if total >= min_weight and probabilities[leader] >= 0.5 else UNKNOWN
    days = [v.day for v in votes if v.day is not None]
    ordered = tuple(sorted(votes, key=lambda v: -v.weight))
    return SiteStatus(site_id, status, probabilities, total, max(days) if days else None, ordered)


def site_status(evidence: Evidence, site_id: str, as_of: date) -> SiteStatus:
    return combine(site_id, site_votes(evidence, site_id, as_of), evidence.case.assessment.min_weight)


def timelines(evidence: Evidence, start: date, end: date) -> dict[str, list[tuple[date, SiteStatus]]]:
    """Every site's status on each day from ``start`` to ``end``, with the evidence available on that day.

    The evidence is cut once per day and shared by all sites (cutting it per site and day was the cost).
    """
    out: dict[str, list[tuple[date, SiteStatus]]] = {site.id: [] for site in evidence.case.sites}
    day = start
    while day <= end:
        known = evidence.until(day)
        for site in evidence.case.sites:
            out[site.id].append((day, site_status(known, site.id, day)))
        day += timedelta(days=1)
    return out


__all__ = ["DRAWING", "PRESENT", "UNKNOWN", "WITHDRAWN", "SiteStatus", "Vote", "site_status", "timelines"]
