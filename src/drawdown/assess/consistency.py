"""Check quantitative public claims against the evidence, keeping the arithmetic behind each verdict.

Verdicts for rates and percentages: consistent (the claimed figure lies in the evidence's 80% interval),
overstated (above it), understated (below it), untestable (no evidence could confirm or refute it, e.g. no
flight data then). A deadline is consistent when the evidence gives it even odds or better (P >= 0.5) and
overstated otherwise; it cannot be understated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np

from drawdown.assess.coverage import watched
from drawdown.assess.evidence import COMPLETING, REDUCING, Evidence
from drawdown.assess.force import (
    ForceEstimate,
    Interval,
    is_share_of_force,
    outbound_takeoffs,
    removed_fraction,
    site_fraction,
)
from drawdown.case import Figure

RATE_CUE = re.compile(r"\b(daily|a day|per day|each day|every day|a night)\b", re.I)
WINDOW_DAYS = {"day": 1, "week": 7, "month": 30}
# The span a rate claim covers, from its own words; otherwise the precision of its date decides.
SPAN_CUES = (
    (re.compile(r"\b(today|yesterday|overnight|last night)\b", re.I), 1),
    (re.compile(r"\b(past|last|recent|previous)\s+(few|couple of|two or three|several)\s+days\b", re.I), 4),
    (re.compile(r"\b(in|over|during)\s+recent\s+days\b", re.I), 4),
    (re.compile(r"\b(past|last|this)\s+week\b", re.I), 7),
    (re.compile(r"\b(past|last|this)\s+month\b", re.I), 30),
)


def claim_span_days(sentence: str, precision: str | None) -> int:
    for cue, days in SPAN_CUES:
        if cue.search(sentence):
            return days
    return WINDOW_DAYS.get(precision or "week", 7)


@dataclass(frozen=True)
class RateFacts:
    """What a rate claim was held against: the outbound takeoffs seen in the window and their Poisson interval."""

    takeoffs: int
    where: str  # an airfield site id, or "all monitored airfields"
    days: int  # days in the window
    start: date  # first day of the window
    end: date  # last day of the window
    interval: Interval  # flights a day
    claimed: float
    covered: float = 0.0  # watched days in the window (hours watched / 24 per airfield, the mean over airfields)
    inferred: bool = False  # coverage read from the days sorties were detected (no coverage table)


@dataclass(frozen=True)
class PercentFacts:
    """What a percentage claim was held against: tonnage removed by air and sea over the baseline."""

    day: date
    takeoffs: int
    air: Interval  # tonnes
    sealift: int
    sea: Interval  # tonnes
    baseline: Figure  # tonnes
    removed: Interval  # percent (of the site, for a site's percentage)
    claimed: float
    site: str | None = None  # the site whose share the claim gives; None: the whole force
    site_share: float | None = None  # that site's share of the baseline personnel (best estimates)


@dataclass(frozen=True)
class DeadlineFacts:
    due: date
    probability: float
    how: str


@dataclass(frozen=True)
class Check:
    """One public claim held against the evidence. ``facts`` hold the arithmetic; ``reason`` says why a claim is
    untestable. The brief (``drawdown.report.arithmetic``) writes both out."""

    kind: str  # rate | percent | deadline
    claim_index: int | None
    verdict: str
    quantity: float | None = None  # the claimed figure (rate, percent)
    due: date | None = None  # deadline
    label: str = ""  # deadline: what is to be complete
    facts: RateFacts | PercentFacts | DeadlineFacts | None = None
    reason: str | None = None
    sorties: tuple[str, ...] = ()


def _verdict(value: float, interval: Interval) -> str:
    if value > interval.high:
        return "overstated"
    if value < interval.low:
        return "understated"
    return "consistent"


def _covered(evidence: Evidence, start: date, end: date) -> bool:
    """ADS-B watched some airfield on some day of ``start``..``end``."""
    return watched(evidence, start, end, None).days > 0


def rate_check(evidence: Evidence, index: int, seed: int) -> Check:
    claim = evidence.claims[index]
    untestable = Check("rate", index, "untestable", quantity=claim.quantity)
    end = evidence.claim_day(claim)
    if end is None:
        return replace(untestable, reason="neither the claim nor its report is dated")
    days = claim_span_days(claim.sentence, claim.time_precision)
    start = end - timedelta(days=days)
    first = start + timedelta(days=1)
    airfields = {s.id for s in evidence.case.airfields}
    site = claim.site if claim.site in airfields else None  # a claim about a non-airfield: all airfields
    watch = watched(evidence, first, end, site)
    if watch.days <= 0:
        return replace(untestable, reason=f"no ADS-B coverage from {first} to {end}")
    # Only the watched days can be counted: a takeoff on an unwatched day is unseen, not absent.
    seen = [s for s in outbound_takeoffs(evidence, start, end, site) if s.time.date() in watch.covered]
    # Jeffreys prior on a Poisson rate, over the watched days only.
    draws = np.random.default_rng(seed).gamma(len(seen) + 0.5, 1.0, 20_000) / watch.days
    interval = Interval.of(draws)
    where = site or "all monitored airfields"
    facts = RateFacts(len(seen), where, days, first, end, interval, claim.quantity or 0, watch.days, watch.inferred)
    verdict = _verdict(claim.quantity or 0, interval)
    return Check("rate", index, verdict, claim.quantity, facts=facts, sorties=tuple(s.id for s in seen))


def percent_check(evidence: Evidence, index: int, seed: int) -> Check:
    """A percentage claim against the evidence up to its report: of the whole force when it says so, else of its
    site, whose removed share is its lift over its part of the baseline (the site's personnel share of it)."""
    claim = evidence.claims[index]
    report = evidence.report_of(claim)
    day = report.published.date() if report.published else (evidence.claim_day(claim) or date.min)
    untestable = Check("percent", index, "untestable", quantity=claim.quantity)
    before = evidence.until(day)
    fraction, removed, _ = removed_fraction(before, day, seed)
    if not _covered(before, evidence.case.start, day) and not removed.sealift_claims and not removed.completions:
        return replace(untestable, reason="no flight or sealift data up to the claim")
    if fraction is None:
        return replace(untestable, reason="the case gives no baseline tonnage")
    b = evidence.case.actor.equipment_tonnes
    assert b is not None
    scope = None if is_share_of_force(evidence, claim) else claim.site
    share = None
    if scope is not None:
        site = evidence.case.site(scope)
        if site.personnel is None or evidence.case.actor.personnel is None:
            return replace(untestable, reason=f"a share of {site.name}, and the case gives no baseline for it")
        site_share = site.personnel.best / evidence.case.actor.personnel.best
        fraction, removed = site_fraction(before, day, seed, scope)
        share = site_share
    interval = Interval.of(100 * fraction)
    sea = removed.tonnes - removed.air
    facts = PercentFacts(
        day, len(removed.sorties), Interval.of(removed.air), len(removed.sealift_claims), Interval.of(sea), b,
        interval, claim.quantity or 0, scope, share,
    )  # fmt: skip
    verdict = _verdict(claim.quantity or 0, interval)
    return Check("percent", index, verdict, claim.quantity, facts=facts, sorties=removed.sorties)


def deadline_checks(force: ForceEstimate) -> list[Check]:
    out = []
    for odds in force.deadlines:
        check = Check("deadline", odds.claim_index, "untestable", due=odds.due, label=odds.label)
        if odds.probability is None:
            out.append(replace(check, reason=odds.reason or force.completion_note))
            continue
        verdict = "consistent" if odds.probability >= 0.5 else "overstated"
        how = "share of draws with ≥95% removed by then" if odds.due <= force.as_of else force.completion_note
        out.append(replace(check, verdict=verdict, facts=DeadlineFacts(odds.due, odds.probability, how)))
    return out


def checks(evidence: Evidence, force: ForceEstimate, seed: int) -> list[Check]:
    out = []
    seen: set[tuple[object, ...]] = set()
    for index, claim in enumerate(evidence.claims):
        if claim.quantity is None or claim.modality != "asserted" or claim.confirmation == "denied":
            continue
        if claim.unit == "flights" and RATE_CUE.search(claim.sentence):
            check = rate_check(evidence, index, seed)
        elif claim.unit == "percent" and claim.action in REDUCING | COMPLETING:
            check = percent_check(evidence, index, seed)
        else:
            continue
        # One verdict per claim and window: copies of a story, or one figure read twice from a sentence, repeat it.
        facts = check.facts
        window = (facts.start, facts.end) if isinstance(facts, RateFacts) else getattr(facts, "day", None)
        key = (check.kind, evidence.report_of(claim).origin_id, claim.site, claim.quantity, window, check.reason)
        if key not in seen:
            seen.add(key)
            out.append(check)
    return out + deadline_checks(force)
