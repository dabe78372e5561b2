"""The evidence an assessment reads, and how each piece is weighed: vote, reliability, decay, origin."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from drawdown.case import AssessParams, Case
from drawdown.model import Claim, Coverage, Mention, Report, Sortie

PRESENT, DRAWING, WITHDRAWN = "present", "drawing_down", "withdrawn"
STATES = (PRESENT, DRAWING, WITHDRAWN)
# A vote that only rules out "withdrawn": "the base is not being evacuated" fits a base that stays as it is and
# one that is thinning out. It counts half to each of present and drawing down.
STAYING = "not_withdrawn"

REDUCING = frozenset(
    {
        "withdrawal_started",
        "withdrawal_partial",
        "convoy_departed",
        "flights_departed",
        "ships_departed",
        "equipment_loaded",
    }
)
COMPLETING = frozenset({"withdrawal_complete", "evacuated"})
MAINTAINING = frozenset({"presence_maintained", "reinforcement"})


@dataclass(frozen=True)
class Evidence:
    """Everything known as of the assessment date: the case, stored reports, their claims and the sites they
    name, detected sorties."""

    case: Case
    reports: dict[str, Report]
    claims: tuple[Claim, ...]
    sorties: tuple[Sortie, ...]
    mentions: tuple[Mention, ...] = ()
    coverage: tuple[Coverage, ...] = ()  # watched hours per airfield and day; empty when unknown
    simulated: frozenset[str] = frozenset()  # ids of sorties detected in simulated tracks

    @cached_property
    def claims_by_site(self) -> dict[str | None, list[int]]:
        """Indexes of the claims about each site: corroboration looks only at claims about the same site."""
        out: dict[str | None, list[int]] = defaultdict(list)
        for index, claim in enumerate(self.claims):
            out[claim.site].append(index)
        return out

    @cached_property
    def reports_naming(self) -> dict[str, list[str]]:
        """Ids of the reports that name each site (the mentions stored at extract time)."""
        out: dict[str, list[str]] = defaultdict(list)
        for mention in self.mentions:
            out[mention.site].append(mention.report_id)
        return out

    @cached_property
    def claim_facts(self) -> list[tuple[str | None, str, date | None]]:
        """(vote, origin, day) of each claim, computed once: corroboration compares every pair at a site."""
        return [(vote(c), self.report_of(c).origin_id, self.claim_day(c)) for c in self.claims]

    @cached_property
    def sortie_sites(self) -> tuple[str | None, ...]:
        """The case site of each sortie's airfield (parallel to ``sorties``), looked up once per airfield."""
        sites: dict[str, str | None] = {}
        for s in self.sorties:
            if s.airfield not in sites:
                sites[s.airfield] = site_of_airfield(self.case, s.airfield)
        return tuple(sites[s.airfield] for s in self.sorties)

    @cached_property
    def takeoffs_by_site_day(self) -> dict[tuple[str, date], list[int]]:
        """Indexes of the takeoffs from each site's airfield on each day, in ``sorties`` order: corroboration looks
        up the days of a window instead of scanning every sortie for every claim (10,000 claims by 100,000
        sorties took minutes)."""
        out: dict[tuple[str, date], list[int]] = defaultdict(list)
        for index, (sortie, site) in enumerate(zip(self.sorties, self.sortie_sites, strict=True)):
            if sortie.event == "takeoff" and site is not None:
                out[(site, sortie.time.date())].append(index)
        return out

    @cached_property
    def takeoffs_by_site(self) -> dict[str, list[int]]:
        """Indexes of the takeoffs from each site's airfield, in ``sorties`` order."""
        out: dict[str, list[int]] = defaultdict(list)
        for index, (sortie, site) in enumerate(zip(self.sorties, self.sortie_sites, strict=True)):
            if sortie.event == "takeoff" and site is not None:
                out[site].append(index)
        return out

    def takeoffs_near(self, site: str, day: date, window: int) -> tuple[str, ...]:
        """Ids of the takeoffs from ``site``'s airfield within ``window`` days of ``day``, in ``sorties`` order.

        Claims about one site and day share the answer (and the tuple: thousands of claims cite the same ones).
        """
        key = ("takeoffs_near", site, day, window)
        if key not in self.memo:
            by_day = self.takeoffs_by_site_day
            near = [i for d in range(-window, window + 1) for i in by_day.get((site, day + timedelta(days=d)), ())]
            self.memo[key] = tuple(self.sorties[i].id for i in sorted(near))
        found = self.memo[key]
        assert isinstance(found, tuple)
        return found

    @cached_property
    def memo(self) -> dict[object, object]:
        """Per-evidence cache for derived facts (credibility grades), dropped with the evidence."""
        return {}

    def report_of(self, claim: Claim) -> Report:
        return self.reports[claim.report_id]

    def claim_day(self, claim: Claim) -> date | None:
        """When the claimed event happened; the report's date when the text gives none."""
        if claim.event_date is not None:
            return claim.event_date
        published = self.report_of(claim).published
        return published.date() if published else None

    @cached_property
    def report_days(self) -> dict[str, date | None]:
        """When each report became known: its publication day, else the latest explicit event date its asserted
        claims give (it cannot be older than what it tells; a plan's due date is not such a day), else None
        (undated)."""
        told: dict[str, date] = {}
        for claim in self.claims:
            if claim.modality == "planned":
                continue
            if claim.event_date is not None and claim.event_date > told.get(claim.report_id, date.min):
                told[claim.report_id] = claim.event_date
        return {k: r.published.date() if r.published else told.get(k) for k, r in self.reports.items()}

    @property
    def undated(self) -> tuple[Report, ...]:
        """Reports with neither a publication date nor an explicit event date: left out of every as-of snapshot."""
        return tuple(r for k, r in sorted(self.reports.items()) if self.report_days[k] is None)

    def until(self, day: date) -> Evidence:
        """The evidence that existed at the end of ``day``: reports known by then (``report_days``), sorties flown
        by then. Undated reports are left out: counted at every date, a release of next year would be cited in a
        brief of this one."""
        days = self.report_days
        reports = {k: r for k, r in self.reports.items() if (d := days[k]) is not None and d <= day}
        claims = tuple(c for c in self.claims if c.report_id in reports)
        sorties = tuple(s for s in self.sorties if s.time.date() <= day)
        mentions = tuple(m for m in self.mentions if m.report_id in reports)
        coverage = tuple(c for c in self.coverage if c.day <= day)
        return Evidence(self.case, reports, claims, sorties, mentions, coverage, self.simulated)


def vote(claim: Claim) -> str | None:
    """Which site state a claim speaks for, or None (plans, talks, claims about nothing a site can be).

    A denial or a negation speaks against the move it denies: "troops did not leave" is evidence that the site
    is manned as before; "the base is not being evacuated" only rules out a complete withdrawal (STAYING).
    """
    if claim.modality == "planned":
        return None
    flipped = claim.confirmation == "denied" or claim.modality == "negated"
    if claim.action in COMPLETING:
        return STAYING if flipped else WITHDRAWN
    if claim.action in REDUCING:
        return PRESENT if flipped else DRAWING
    if claim.action in MAINTAINING:
        return DRAWING if flipped else PRESENT
    return None


def decay(params: AssessParams, evidence_day: date | None, as_of: date, *, half_life: float | None = None) -> float:
    """Exponential decay with the case's half-life; undated evidence counts as half a half-life old."""
    life = half_life or params.half_life_days
    age = life / 2 if evidence_day is None else max(0, (as_of - evidence_day).days)
    return math.pow(0.5, age / life)


TYPE_LABELS = {
    "official": "an official source",
    "observer": "an observer",
    "satellite": "satellite imagery",
    "flight_tracking": "flight trackers",
    "anonymous": "anonymous sources",
    "media": "the outlet",
}


def reliability(claim: Claim, report: Report, case: Case) -> tuple[str, str]:
    """(Admiralty grade, who) for a claim.

    In order: the attributed source when the case lists it; the publishing outlet when the case lists it and
    the claim is the outlet's own (no source type, or "media"); the default of the claim's source type; the
    media default for an unlisted outlet; else F (cannot be judged).
    """
    if claim.attribution:
        for source in case.sources:
            if source.named_in(claim.attribution):
                return source.reliability, source.name
    publisher = case.publisher(report.outlet, report.url)
    if publisher is not None:
        # The outlet's own claim, or what a source whose statements are observation saw (typed as that source).
        seen = publisher.direct_observation and claim.source_type == publisher.type and not claim.attribution
        if claim.source_type in (None, "media") or seen:
            return publisher.reliability, publisher.name
    if claim.source_type and claim.source_type in case.source_type_reliability:
        who = claim.attribution or TYPE_LABELS.get(claim.source_type, claim.source_type)
        return case.source_type_reliability[claim.source_type], who
    if report.outlet:
        return case.source_type_reliability.get("media", "F"), report.outlet
    return "F", "unknown source"


def claim_weight(claim: Claim, report: Report, evidence_day: date | None, as_of: date, case: Case) -> float:
    """Reliability x confirmation x decay: how much one claim moves a site's status."""
    params = case.assessment
    grade, _ = reliability(claim, report, case)
    confirmed = claim.confirmation in ("confirmed", "denied")  # a denial is an on-record statement
    factor = 1.0 if confirmed else params.unconfirmed_factor
    # An emptied post rarely fills up again unannounced: evidence of a completed withdrawal ages more slowly.
    life = params.withdrawn_half_life_days if vote(claim) == WITHDRAWN else None
    return params.reliability_weights.get(grade, 0.3) * factor * decay(params, evidence_day, as_of, half_life=life)


def site_of_airfield(case: Case, airfield: str) -> str | None:
    """The case site a sortie's airfield is: by ICAO code or by site id."""
    for site in case.sites:
        if airfield in (site.icao, site.id):
            return site.id
    return None
