"""Information credibility on the Admiralty scale, computed from the evidence, never typed in.

1 confirmed by independent origins · 2 probably true · 3 possibly true · 4 doubtful · 5 improbable ·
6 cannot be judged. Corroboration counts independent origins (never copies) and detected sorties; a
contradiction is a vote for an opposite state about the same site within the corroboration window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from drawdown.assess.evidence import (
    DRAWING,
    PRESENT,
    STAYING,
    WITHDRAWN,
    Evidence,
    reliability,
    vote,
)
from drawdown.model import Claim

LABELS = {
    1: "confirmed by independent sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "cannot be judged",
}
_OPPOSITE = {
    PRESENT: {DRAWING, WITHDRAWN},
    DRAWING: {PRESENT},
    WITHDRAWN: {PRESENT, STAYING},
    STAYING: {WITHDRAWN},
}


@dataclass(frozen=True)
class Credibility:
    grade: int
    supporting_origins: tuple[str, ...]  # other origins saying the same, in the window
    contradicting_origins: tuple[str, ...]
    supporting_sorties: tuple[str, ...]
    source_grade: str
    source: str

    @property
    def label(self) -> str:
        return LABELS[self.grade]

    @property
    def rating(self) -> str:
        """The two-character Admiralty rating, source reliability then information credibility (e.g. B2)."""
        return f"{self.source_grade}{self.grade}"


def _near(a: date | None, b: date | None, window: int) -> bool:
    return a is not None and b is not None and abs((a - b).days) <= window


def _sequence(state: str, day: date | None, other_state: str, other_day: date | None) -> bool:
    """True when presence reported on an earlier day than a withdrawal: the site was held, then left. That is a
    change of state, not a contradiction (troops must be there to leave)."""
    if day is None or other_day is None:
        return False
    if state == WITHDRAWN and other_state in (PRESENT, STAYING):
        return other_day < day
    if other_state == WITHDRAWN and state in (PRESENT, STAYING):
        return day < other_day
    return False


def credibility(evidence: Evidence, index: int, later_against: bool = True) -> Credibility:
    """The grade of ``evidence.claims[index]`` (computed once per evidence and claim).

    ``later_against=False`` leaves out what contradicts it from a later day: the grade it had when it was told.
    A settled withdrawal is judged so (status.settlement), and a later presence ends it only when that presence is
    credible itself; a weak one is a contradiction, not a reason to doubt the completion after the fact.
    """
    key = ("credibility", index, later_against)
    if key not in evidence.memo:
        evidence.memo[key] = _credibility(evidence, index, later_against)
    found = evidence.memo[key]
    assert isinstance(found, Credibility)
    return found


def _credibility(evidence: Evidence, index: int, later_against: bool) -> Credibility:
    claim = evidence.claims[index]
    report = evidence.report_of(claim)
    grade, source = reliability(claim, report, evidence.case)
    state = vote(claim)
    window = evidence.case.assessment.corroboration_window_days
    day = evidence.claim_day(claim)
    support: set[str] = set()
    against: set[str] = set()
    if state is not None and claim.site is not None:
        facts = evidence.claim_facts
        for other_index in evidence.claims_by_site.get(claim.site, ()):
            other_state, other_origin, other_day = facts[other_index]
            if other_state is None:
                continue
            if other_origin == report.origin_id or not _near(day, other_day, window):
                continue
            if other_state == state or (state == WITHDRAWN and other_state == DRAWING):
                # Departures in the same days corroborate a completion: a site is emptied by convoys and flights.
                support.add(other_origin)
            elif (
                other_state in _OPPOSITE[state]
                and not _sequence(state, day, other_state, other_day)
                and (later_against or day is None or other_day is None or other_day <= day)
            ):
                against.add(other_origin)
    sorties: tuple[str, ...] = ()
    if state == DRAWING and claim.site is not None and day is not None:
        sorties = evidence.takeoffs_near(claim.site, day, window)
    return Credibility(
        _grade(claim, grade, len(support) + (1 if sorties else 0), len(against)),
        tuple(sorted(support)),
        tuple(sorted(against)),
        sorties,
        grade,
        source,
    )


def _grade(claim: Claim, source_grade: str, support: int, against: int) -> int:
    if vote(claim) is None and claim.modality != "planned":
        return 6 if source_grade == "F" else 3
    if against > support:
        return 5 if support == 0 else 4
    if against:  # as much said against as for
        return 3 if support else 4
    if support:
        return 1
    if claim.confirmation in ("confirmed", "denied"):
        return 2
    return 6 if source_grade == "F" else 3
