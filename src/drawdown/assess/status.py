"""Site status: P(present), P(drawing down), P(withdrawn) from weighted, decayed, origin-deduplicated votes.

The model (docs/assessment.md): each independent origin casts at most one vote per state for a site, weighted by
reliability x confirmation x decay; each takeoff of a transport aircraft from the site's airfield casts a
``sortie_weight`` vote for drawing down. Probabilities are the votes plus a small uniform pseudo-count,
normalised. Below ``min_weight`` of total vote the status is "unknown", whatever the proportions.

A site is "withdrawn" only once a credible completion settles it (:func:`settlement`): from the completion's date
it stays withdrawn, without decay, until presence or a return is credibly reported on a later day. Evidence for
withdrawn that has not settled (a single hedged report) moves the probabilities but leaves the status "unknown".
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from drawdown.assess.credibility import credibility
from drawdown.assess.evidence import (
    DRAWING,
    PRESENT,
    STATES,
    STAYING,
    WITHDRAWN,
    Evidence,
    claim_weight,
    decay,
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
    last_evidence: date | None  # the latest day anything speaks of the site (:func:`last_evidence`)
    votes: tuple[Vote, ...] = field(default=())
    settled_on: date | None = None  # the day a credible completion settled the site as withdrawn
    settled_by: int | None = None  # that completion's index into Evidence.claims
    settled_origins: int = 0  # independent origins behind the settlement: 1 credible report, or 2 weaker ones
    # Presence or return reported after a settled withdrawal (indexes into Evidence.claims): the credible ones ended
    # it, the others did not; the brief reports both as contradictions.
    contradictions: tuple[int, ...] = field(default=())

    @property
    def confidence(self) -> float:
        return self.probabilities.get(self.status, 0.0)

    @property
    def last_seen(self) -> str | None:
        """The state the most recent vote speaks for ("last seen present"): what an unknown status leans to."""
        dated = [v for v in self.votes if v.day is not None]
        if not dated:
            return None
        latest = max(v.day for v in dated if v.day is not None)
        states = {v.state for v in dated if v.day == latest}
        if len(states) > 1:  # one day, several states: the heaviest
            return max((v for v in dated if v.day == latest), key=lambda v: v.weight).state
        return states.pop()


def site_votes(evidence: Evidence, site_id: str, as_of: date) -> list[Vote]:
    """The votes about one site: the strongest per (origin, state), plus one per takeoff at its airfield."""
    case = evidence.case
    best: dict[tuple[str, str], Vote] = {}
    for index in evidence.claims_by_site.get(site_id, ()):
        claim = evidence.claims[index]
        state = vote(claim)
        if state is None:
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
    for sortie_index in evidence.takeoffs_by_site.get(site_id, ()):
        sortie = evidence.sorties[sortie_index]
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
    ordered = tuple(sorted(votes, key=lambda v: -v.weight))
    return SiteStatus(site_id, status, probabilities, total, None, ordered)  # site_status dates the last evidence


def last_evidence(evidence: Evidence, site_id: str, as_of: date) -> date | None:
    """The latest day by ``as_of`` that anything speaks of the site: a claim about it, a takeoff from its airfield,
    a report naming it. A planned claim counts on the day its report became known: its due date is when something
    is to happen, not a day anything was seen. The one date the status table, "what to watch next" and the
    snapshot show."""
    days = []
    for index in evidence.claims_by_site.get(site_id, ()):
        claim = evidence.claims[index]
        planned = claim.modality == "planned"
        days.append(evidence.report_days.get(claim.report_id) if planned else evidence.claim_day(claim))
    days += [evidence.sorties[i].time.date() for i in evidence.takeoffs_by_site.get(site_id, ())]
    days += [evidence.report_days.get(report_id) for report_id in evidence.reports_naming.get(site_id, ())]
    return max((d for d in days if d is not None and d <= as_of), default=None)


# Claims that can settle a site: the post is empty (left, handed over, abandoned). Departures (REDUCING) cannot:
# a convoy leaving says the site is thinning out, not that it is empty.
SETTLING = frozenset({"withdrawal_complete", "evacuated"})
PRESENCE = (PRESENT, STAYING)
# Two weak completion reports settle a site only when one of them comes from someone who looked or spoke on record:
# outlets' own unattributed statements echo each other ("forces leaving Mariupol" told twice by media on the
# ukraine-2022 set, read as posts abandoned, would have emptied a city that was never given up).
WITNESSES = frozenset({"observer", "official", "satellite", "flight_tracking"})


@dataclass(frozen=True)
class Settlement:
    day: date | None  # None: no settled withdrawal as of the date
    claim_index: int | None
    contradictions: tuple[int, ...]
    returned: int | None = None  # the claim that ended the last settled withdrawal, when one was ended
    origins: int = 1  # independent origins behind the settlement (2: settled by two weaker reports)


def _order(evidence: Evidence, index: int) -> tuple[date, str, str, int]:
    """Claims in the order things happened: by day, then as one report tells them (its text order)."""
    claim = evidence.claims[index]
    day = evidence.claim_day(claim)
    assert day is not None
    report = evidence.report_of(claim)
    published = report.published.isoformat() if report.published else ""
    return day, published, report.id, claim.span[0]


def settles(evidence: Evidence, completions: list[int]) -> bool:
    """Whether these completion reports (of one site, or of the whole force) settle it: one credible enough alone
    (``settle_credibility``, graded as when it was told), or two independent origins, one of them a witness."""
    limit = evidence.case.assessment.settle_credibility
    if any(credibility(evidence, i, later_against=False).grade <= limit for i in completions):
        return True
    origins = {evidence.report_of(evidence.claims[i]).origin_id for i in completions}
    return len(origins) >= 2 and any(evidence.claims[i].source_type in WITNESSES for i in completions)


def settlement(evidence: Evidence, site_id: str, as_of: date) -> Settlement:
    """The site's settled withdrawal as of ``as_of``, if any, and the presence reported after it.

    Walks the dated claims about the site in the order of events. A completion whose credibility grade is
    ``settle_credibility`` or better settles the site from its day; so do completions from two independent
    origins, one of them a witness (WITNESSES), with no presence reported between them, from the first one's
    day. A later presence or return ends it when it is credible itself: confirmed (on record, seen, or an
    on-record denial), or told by a second independent origin after the withdrawal. Presence the same day from
    another report does not end it (the order of two reports of one day is unknown), presence told after the
    completion in the same report does (a handover: "left, replaced by ...").
    """
    dated = []
    for index in evidence.claims_by_site.get(site_id, ()):
        claim = evidence.claims[index]
        day = evidence.claim_day(claim)
        if day is not None and day <= as_of and vote(claim) in (WITHDRAWN, *PRESENCE):
            dated.append(index)
    dated.sort(key=lambda i: _order(evidence, i))
    settled: int | None = None
    returned: int | None = None
    pending: list[int] = []  # completions too weak alone, since the last presence report
    behind = 1
    contradictions: list[int] = []
    presence_origins: set[str] = set()
    for index in dated:
        claim = evidence.claims[index]
        state = vote(claim)
        if state == WITHDRAWN:
            if settled is not None or claim.action not in SETTLING:
                continue
            pending.append(index)
            if settles(evidence, [index]):
                settled, presence_origins, behind = index, set(), 1
            elif settles(evidence, pending):
                # A second origin saying the site is empty, however much later and with nothing said of presence
                # between, one of them someone who looked or spoke on record: settled from the first of them.
                settled, presence_origins = pending[0], set()
                behind = len({evidence.report_of(evidence.claims[i]).origin_id for i in pending})
            continue
        if settled is None:
            pending = []  # presence between two completion reports: they do not tell one continuous state
            continue
        first = evidence.claims[settled]
        same_day = evidence.claim_day(claim) == evidence.claim_day(first)
        if same_day and claim.report_id != first.report_id:
            continue
        contradictions.append(index)
        presence_origins.add(evidence.report_of(claim).origin_id)
        if claim.confirmation in ("confirmed", "denied") or len(presence_origins) >= 2:
            settled, returned = None, index
    if settled is None:
        return Settlement(None, None, tuple(contradictions), returned)
    day = evidence.claim_day(evidence.claims[settled])
    return Settlement(day, settled, tuple(contradictions), returned, behind)


def site_status(evidence: Evidence, site_id: str, as_of: date) -> SiteStatus:
    params = evidence.case.assessment
    votes = site_votes(evidence, site_id, as_of)
    settled = settlement(evidence, site_id, as_of)
    last = last_evidence(evidence, site_id, as_of)
    if settled.day is None or settled.claim_index is None:
        if settled.returned is not None:  # back after a settled withdrawal: what came before is superseded
            since = _order(evidence, settled.returned)
            back = since[0]
            votes = [v for v in votes if (_order(evidence, v.claim_index) >= since if v.claim_index is not None
                                          else v.day is not None and v.day >= back)]  # fmt: skip
        status = combine(site_id, votes, params.min_weight)
        if status.status == WITHDRAWN:  # leans withdrawn, but nothing credible says the site is empty
            status = replace(status, status=UNKNOWN)
        return replace(status, contradictions=settled.contradictions, last_evidence=last)
    # Settled: the completion counts undecayed (at least min_weight); what came before it is superseded.
    claim = evidence.claims[settled.claim_index]
    weight = claim_weight(claim, evidence.report_of(claim), as_of, as_of, evidence.case)
    kept = [Vote(WITHDRAWN, max(weight, params.min_weight), settled.day, claim_index=settled.claim_index)]
    kept += [v for v in votes if v.day is not None and v.day > settled.day]
    status = combine(site_id, kept, params.min_weight)
    return replace(status, status=WITHDRAWN, settled_on=settled.day, settled_by=settled.claim_index,
                   settled_origins=settled.origins, contradictions=settled.contradictions,
                   last_evidence=last)  # fmt: skip


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


__all__ = [
    "DRAWING",
    "PRESENT",
    "UNKNOWN",
    "WITHDRAWN",
    "Settlement",
    "SiteStatus",
    "Vote",
    "last_evidence",
    "settlement",
    "site_status",
    "timelines",
]
