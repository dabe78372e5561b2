"""Whether a deadline held, from reported completions: the part of the deadline odds that needs no flight data.

A plan is complete when every site in its scope is empty, or when the whole force is reported gone. Each site
counts as emptied in the draws where the completion that settled it (``status.settlement``) happened, with the
probability its credibility grade gives (``HAPPENED``); a reported national completion counts the same way. Only
claims about the plan's actor count. ``force._deadlines`` combines these draws with the flight-based ones.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from drawdown.assess.credibility import credibility
from drawdown.assess.evidence import Evidence, vote
from drawdown.assess.status import settlement, settles, site_status
from drawdown.case import Plan, fold

# How likely a claimed event is to have happened, by information credibility grade (1 confirmed .. 6 unknown).
# Chosen to mirror the words of the Admiralty scale, not fitted: "confirmed" ~ near certain, "possibly true" ~
# a coin toss, "improbable" ~ rarely.
HAPPENED = {1: 0.95, 2: 0.8, 3: 0.5, 4: 0.25, 5: 0.05, 6: 0.3}


@dataclass(frozen=True)
class Reported:
    """Draws of "complete by the due date" from reports, or why they cannot be drawn."""

    done: np.ndarray | None  # bool per draw; None when the reports cannot say
    reason: str | None
    completions: tuple[int, ...]  # the claims that count (indexes into the actor's evidence)


def of_actor(evidence: Evidence, actor: str | None) -> Evidence:
    """The evidence with only the claims about ``actor`` (a claim with no actor is about the case's actor)."""
    if actor is None:
        return evidence
    names = {fold(n) for n in (evidence.case.actor.name, evidence.case.actor.short, *evidence.case.actor.aliases)}
    own = fold(actor) in names

    def about(claim_actor: str | None) -> bool:
        if claim_actor is None:
            return own
        return fold(claim_actor) == fold(actor) or (own and fold(claim_actor) in names)

    return replace(evidence, claims=tuple(c for c in evidence.claims if about(c.actor)))


def reported(evidence: Evidence, scope: tuple[str, ...], due: date, seed: int) -> Reported:
    """Draws of whether every site of ``scope`` (``("all",)``: the whole force) was empty by ``due``."""
    n = evidence.case.assessment.mc_draws
    rng = np.random.default_rng(seed + 7)
    known = evidence  # as of the assessment: later reports of completions before the due date count
    national = np.zeros(n, dtype=bool)
    site_ids = {s.id for s in evidence.case.sites}
    reports = []  # completions of the whole force (no site named) by the due date
    for index, claim in enumerate(known.claims):
        day = known.claim_day(claim)
        national_claim = claim.site is None or claim.site not in site_ids
        completes = claim.action == "withdrawal_complete" and vote(claim) == "withdrawn"
        if national_claim and completes and day is not None and day <= due:
            reports.append(index)
    # The whole force gone is said as a site's completion is: it counts only when it would settle a site (one
    # credible report, or two independent origins with a witness); two hedged lines do not empty a theatre.
    national_claims = len(reports) if settles(known, reports) else 0
    used: list[int] = reports[:national_claims]
    for index in used:
        national |= rng.random(n) < HAPPENED[credibility(known, index).grade]
    whole = scope == ("all",) or not scope
    if whole:
        sites = [s for s in sorted(site_ids) if known.claims_by_site.get(s)]
        if not sites and not used:
            return Reported(None, "no report of a completion by the due date", ())
    else:
        sites = [s for s in scope if s in site_ids]
        silent = [s for s in sites if not known.claims_by_site.get(s)]
        if silent and not used:
            return Reported(None, f"no report about {', '.join(sorted(silent))} by the due date", ())
    emptied = np.ones(n, dtype=bool)
    open_sites = []
    for site_id in sorted(sites):
        settled = settlement(known, site_id, due).claim_index
        if settled is not None:
            emptied &= rng.random(n) < HAPPENED[credibility(known, settled).grade]
            used.append(settled)
        elif site_status(known, site_id, due).status in ("present", "drawing_down"):
            emptied[:] = False  # still manned at the due date, as reported
        else:
            open_sites.append(site_id)  # neither emptied nor seen manned: the reports cannot say
    if not sites:
        emptied[:] = False
    if open_sites:
        if not national_claims:
            return Reported(None, f"no report settles {', '.join(open_sites)} by the due date", ())
        emptied[:] = False  # only the reported national completion can make the plan complete
    return Reported(national | emptied, None, tuple(used))


def plan_scope(plan: Plan | None) -> tuple[str, ...]:
    return plan.scope if plan is not None and plan.scope else ("all",)
