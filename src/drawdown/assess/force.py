"""Force remaining, pace and completion by Monte Carlo over the uncertain inputs.

Each draw samples the baselines, the load factor, each sortie's payload and whether it happened (its detection
confidence), each sealift event's tonnage and whether it happened (its credibility), and whether each settled
completion at a site with a baseline happened (its credibility). Removed tonnage over the baseline tonnage is the
share of the force gone, or the completed sites' share of the baseline when that is larger; personnel are assumed
to leave in proportion to equipment (docs/assessment.md discusses this assumption).

Percentage claims never enter these figures: they are what the figures check (``consistency.percent_check``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import numpy as np

from drawdown.assess.coverage import watched
from drawdown.assess.credibility import credibility
from drawdown.assess.deadlines import HAPPENED, of_actor, plan_scope, reported
from drawdown.assess.evidence import COMPLETING, REDUCING, Evidence, site_of_airfield
from drawdown.assess.status import settlement
from drawdown.case import Case, Figure, Plan, fold
from drawdown.model import Claim, Sortie

QUANTILES = (10, 50, 90)  # the 80% interval and the median
NEVER_DAYS = 36_500.0  # "not in a hundred years": stands in for a zero pace inside percentiles


@dataclass(frozen=True)
class Interval:
    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: np.ndarray) -> Interval:
        low, mid, high = np.percentile(values, QUANTILES)
        return cls(float(mid), float(low), float(high))


@dataclass(frozen=True)
class Lift:
    """Tonnage removed, as draws, with the evidence it rests on."""

    tonnes: np.ndarray  # everything: airlift, sealift and (for one site) convoys
    air: np.ndarray  # airlift alone
    sorties: tuple[str, ...]
    unknown_type: tuple[str, ...]
    sealift_claims: tuple[int, ...]
    completions: tuple[int, ...] = ()  # settled completions at sites with a baseline (indexes into claims)
    fleet_mix: tuple[str, ...] = ()  # sorties of unknown type counted with the case's fleet mix


@dataclass(frozen=True)
class DeadlineOdds:
    label: str
    due: date
    probability: float | None
    source: str
    claim_index: int | None = None
    reason: str | None = None  # why ``probability`` is None, when the general completion note does not say it
    completions: tuple[int, ...] = ()  # reported completions the odds rest on (indexes into claims)
    with_flights: bool = False  # whether flight data entered the odds


@dataclass(frozen=True)
class PaceWindow:
    """The days the pace is measured over, and how many of them ADS-B watched at each airfield."""

    start: date  # first day of the window
    end: date  # last day (the as-of date)
    watched: dict[str, float]  # airfield site id -> watched days in the window (hours / 24); only those watched
    days: tuple[date, ...] = ()  # the days of the window with any watched hour, at any airfield

    @property
    def covered(self) -> bool:
        return bool(self.watched)

    @property
    def note(self) -> str:
        """Why there is no pace, when there is none."""
        return "" if self.covered else f"no ADS-B coverage from {self.start} to {self.end}"


@dataclass(frozen=True)
class ForceEstimate:
    as_of: date
    personnel_remaining: Interval | None
    removed_percent: Interval | None
    removed_tonnes: Interval
    pace_tonnes_per_day: Interval | None  # None: ADS-B watched no airfield in the pace window
    pace_percent_per_day: Interval | None
    pace_window: PaceWindow  # the days the pace is measured over and who watched them (why there is none)
    completion: tuple[date, date, date] | None  # median, low, high
    completion_note: str
    lift: Lift
    per_site: dict[str, Interval] = field(default_factory=dict)
    deadlines: tuple[DeadlineOdds, ...] = ()
    recent_sorties: tuple[str, ...] = ()  # the outbound takeoffs of known payload in the pace window


def draw(figure: Figure | None, rng: np.random.Generator, n: int, *, u: np.ndarray | None = None) -> np.ndarray | None:
    """Samples of a figure: triangular on low–high around its value (or midpoint), constant without a range.

    ``u`` gives the uniform quantiles to use, so that two figures derived from each other (personnel and the
    equipment tonnage estimated from it) move together instead of pairing a small force with a heavy kit.
    """
    if figure is None:
        return None
    if figure.low is None or figure.high is None or figure.low == figure.high:
        return np.full(n, figure.best)
    a, b = figure.low, figure.high
    c = min(max(figure.best, a), b)
    q = rng.random(n) if u is None else u
    cut = (c - a) / (b - a)
    left = a + np.sqrt(q * (b - a) * (c - a))
    right = b - np.sqrt((1 - q) * (b - a) * (b - c))
    return np.where(q < cut, left, right)


def baselines(case: Case, seed: int, n: int) -> tuple[np.ndarray | None, np.ndarray | None]:
    """(personnel, equipment tonnes) draws, comonotonic: the equipment figure is derived from the personnel one."""
    u = np.random.default_rng(seed + 2).random(n)
    return draw(case.actor.personnel, np.random.default_rng(0), n, u=u), draw(
        case.actor.equipment_tonnes, np.random.default_rng(0), n, u=u
    )


def payload_figure(case: Case, sortie: Sortie) -> Figure | None:
    if sortie.payload_low is not None and sortie.payload_high is not None:
        return Figure(sortie.payload_tonnes, sortie.payload_low, sortie.payload_high, "sortie")
    for aircraft in case.aircraft:
        if sortie.type in (aircraft.name, aircraft.icao_type, *aircraft.aliases):
            return aircraft.payload_tonnes
    return None


def outbound_takeoffs(evidence: Evidence, since: date | None, until: date, site: str | None = None) -> list[Sortie]:
    """Takeoffs from monitored airfields that leave the theatre (or go to an unknown place), in (since, until]."""
    case = evidence.case
    out = []
    for s, origin_site in zip(evidence.sorties, evidence.sortie_sites, strict=True):
        if s.event != "takeoff" or origin_site is None or (site is not None and origin_site != site):
            continue
        if s.destination is not None and site_of_airfield(case, s.destination) is not None:
            continue  # a shuttle inside the theatre moves nothing out of it
        day = s.time.date()
        if day <= until and (since is None or day > since):
            out.append(s)
    return sorted(out, key=lambda s: (s.time, s.id))


def lift(evidence: Evidence, until: date, rng: np.random.Generator, n: int, load: np.ndarray,
         *, since: date | None = None, site: str | None = None) -> Lift:  # fmt: skip
    case = evidence.case
    total = np.zeros(n)
    used, unknown = [], []
    mixed = []
    for sortie in outbound_takeoffs(evidence, since, until, site):
        figure = payload_figure(case, sortie)
        if figure is None and not case.aircraft:
            unknown.append(sortie.id)  # no type and no fleet mix: its payload is unknown, not zero
            continue
        happened = rng.random(n) < sortie.confidence
        if figure is None:
            # Of unknown type: any of the case's fleet, each type equally likely in each draw (the interval widens).
            pick = rng.integers(len(case.aircraft), size=n)
            by_type = [draw(a.payload_tonnes, rng, n) for a in case.aircraft]
            payload: np.ndarray | None = np.stack([d for d in by_type if d is not None])[pick, np.arange(n)]
            mixed.append(sortie.id)
        else:
            payload = draw(figure, rng, n)
        assert payload is not None
        total += happened * payload * load
        used.append(sortie.id)
    air = total.copy()
    ships: list[int] = []
    if since is None:  # sealift (and, for one site, convoys) count in totals; pace is measured on sorties alone
        kinds = [("ships_departed", "ships", case.assessment.ship_tonnes)]
        if site is not None:  # a convoy moves kit off a site, but rarely out of the theatre
            kinds.append(("convoy_departed", "vehicles", case.assessment.vehicle_tonnes))
        for action, unit, per_item in kinds:
            for index, count in _claimed_events(evidence, action, unit, until, site):
                p = HAPPENED[credibility(evidence, index).grade]
                tonnes = draw(per_item, rng, n)
                assert tonnes is not None
                total += (rng.random(n) < p) * count * tonnes
                ships.append(index)
    return Lift(total, air, tuple(used), tuple(unknown), tuple(ships), fleet_mix=tuple(mixed))


def _claimed_events(
    evidence: Evidence, action: str, unit: str, until: date, site: str | None
) -> list[tuple[int, float]]:
    """Asserted departures, one per event: reports of the same site within ~3 days are one event, and the most
    credible report of it (then the earliest) stands for it. Returns (claim index, item count)."""
    best: dict[tuple[str | None, int], tuple[int, int]] = {}
    for index, claim in enumerate(evidence.claims):
        if claim.action != action or claim.modality != "asserted" or claim.confirmation == "denied":
            continue
        if site is not None and claim.site != site:
            continue
        if action == "ships_departed" and not _port(evidence, claim.site):
            continue
        day = evidence.claim_day(claim)
        if day is None or day > until:
            continue
        event = (claim.site, day.toordinal() // 3)
        grade = credibility(evidence, index).grade
        if event not in best or grade < best[event][0]:
            best[event] = (grade, index)
    out = []
    for _, index in sorted(best.values(), key=lambda gi: gi[1]):
        claim = evidence.claims[index]
        out.append((index, claim.quantity if claim.unit == unit and claim.quantity else 1.0))
    return out


def _port(evidence: Evidence, site_id: str | None) -> bool:
    """Ships sail from naval facilities (or from the theatre as a whole): a ship 'leaving an air base' is a misread."""
    if is_national(evidence, site_id):
        return True
    return evidence.case.site(site_id or "").kind in ("naval_facility", "area")


def is_national(evidence: Evidence, claim_site: str | None) -> bool:
    """A claim about the whole force: no site, or the actor named instead of a site."""
    return claim_site is None or claim_site not in {s.id for s in evidence.case.sites}


# A percentage is of the whole force only when it says so: its clause names the force ("a 10% reduction in combat
# troops") and no site. "80 percent of the troops at the airport" is a share of that site.
FORCE_WORDS = re.compile(r"\b(troops|forces|force|personnel|contingent|soldiers|servicemen|military presence)\b", re.I)
PERCENT_FIGURE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:%|per\s*cent|percent)", re.I)
CLAUSE_BREAK = re.compile(r"[,;:()]|\s[-–—]\s")


LEADING_PLACE = re.compile(r"^\s*(at|in|inside|on|from)\b", re.I)


def _percent_clause(claim: Claim) -> str:
    """The words that scope the claim's percentage: its clause, plus a sentence-opening place phrase ("At the
    port, 80 percent ..."); the whole sentence when the figure is not found in it."""
    sentence = claim.sentence
    for match in PERCENT_FIGURE.finditer(sentence):
        if claim.quantity is not None and float(match.group(1).replace(",", ".")) == claim.quantity:
            before = [m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, match.start())]
            after = CLAUSE_BREAK.search(sentence, match.end())
            clause = sentence[before[-1] if before else 0 : after.start() if after else len(sentence)]
            first = CLAUSE_BREAK.search(sentence)
            opening = sentence[: first.start()] if first and before else ""
            return f"{opening} {clause}" if LEADING_PLACE.match(opening) else clause
    return sentence


def is_share_of_force(evidence: Evidence, claim: Claim) -> bool:
    """Whether a percentage claim is a share of the whole force (else a share of its site)."""
    if is_national(evidence, claim.site):
        return True
    clause = _percent_clause(claim)
    site = evidence.case.site(claim.site or "")
    folded = f" {fold(clause)} "
    if any(f" {fold(name)} " in folded for name in site.names if name):
        return False
    return bool(FORCE_WORDS.search(clause))


def percent_claims(evidence: Evidence, until: date, *, national: bool = True) -> list[int]:
    """Asserted, undenied percentage reductions dated by ``until``: of the whole force (``national``), or of a
    site."""
    out = []
    for index, claim in enumerate(evidence.claims):
        day = evidence.claim_day(claim)
        if (
            is_share_of_force(evidence, claim) == national
            and claim.unit == "percent"
            and claim.quantity is not None
            and claim.modality == "asserted"
            and claim.confirmation != "denied"
            and claim.action in REDUCING | COMPLETING
            and day is not None
            and day <= until
        ):
            out.append(index)
    return out


def completed_sites(evidence: Evidence, until: date) -> list[tuple[str, int]]:
    """(site id, settling claim index) for the sites with a personnel baseline settled as withdrawn by ``until``."""
    out = []
    for site in evidence.case.sites:
        if site.personnel is None:
            continue
        settled = settlement(evidence, site.id, until)
        if settled.claim_index is not None:
            out.append((site.id, settled.claim_index))
    return out


def removed_fraction(evidence: Evidence, until: date, seed: int
                     ) -> tuple[np.ndarray | None, Lift, np.ndarray | None]:  # fmt: skip
    """(fraction of the force removed, the lift behind it, baseline tonnes) as draws; fraction None without a
    tonnage baseline.

    The fraction is the larger of two measures, never their sum (the airlift out of a site that is now empty is
    part of that site's share): the tonnage lifted out over the baseline, and the share of the baseline personnel
    at sites a credible completion has emptied, each completion counting in a draw with the probability its
    credibility grade gives (HAPPENED).
    """
    case, n = evidence.case, evidence.case.assessment.mc_draws
    rng = np.random.default_rng(seed)
    load = draw(case.assessment.load_factor, rng, n)
    assert load is not None
    removed = lift(evidence, until, rng, n, load)
    personnel, baseline = baselines(case, seed, n)
    if baseline is None:
        return None, removed, None
    fraction = np.minimum(1.0, removed.tonnes / baseline)
    done = completed_sites(evidence, until)
    if done and personnel is not None:
        emptied = np.zeros(n)
        for site_id, index in done:
            people = draw(case.site(site_id).personnel, rng, n)
            assert people is not None
            holds = rng.random(n) < HAPPENED[credibility(evidence, index).grade]
            emptied += holds * np.minimum(1.0, people / personnel)
        fraction = np.maximum(fraction, np.minimum(1.0, emptied))
        removed = replace(removed, completions=tuple(index for _, index in done))
    return fraction, removed, baseline


def has_movement_data(evidence: Evidence, until: date) -> bool:
    """Whether anything could have measured removals by ``until``: flight data, or sealift or percentage claims.

    Without it, "nothing left" and "nobody looked" are indistinguishable, so the share removed is unknown. A
    percentage claim is not such data: it is what the data checks.
    """
    if any(s.time.date() <= until for s in evidence.sorties) or any(c.day <= until for c in evidence.coverage):
        return True  # watched airfields measure removals even when they saw no departure
    if completed_sites(evidence, until):
        return True
    return bool(_claimed_events(evidence, "ships_departed", "ships", until, None))


def estimate(evidence: Evidence, as_of: date, seed: int) -> ForceEstimate:
    case = evidence.case
    params, n = case.assessment, case.assessment.mc_draws
    fraction, removed, baseline_t = removed_fraction(evidence, as_of, seed)
    if not has_movement_data(evidence, as_of):
        fraction = None
    rng = np.random.default_rng(seed + 1)
    load = draw(params.load_factor, rng, n)
    assert load is not None
    pace_t, recent, window = pace(evidence, as_of, rng, n, load)
    personnel, _ = baselines(case, seed, n)
    remaining = None if personnel is None or fraction is None else Interval.of(personnel * (1 - fraction))
    removed_pct = None if fraction is None else Interval.of(100 * fraction)
    pace_pct = None if baseline_t is None or pace_t is None else Interval.of(100 * pace_t / baseline_t)
    if pace_t is None:  # nobody watched: a projection from "no flights seen" would read no data as zero
        completion, note, finish = None, f"not projected: {window.note}", None
    else:
        completion, note, finish = _completion(fraction, baseline_t, pace_t, as_of)
    if not has_movement_data(evidence, as_of):
        note = "no flight data, no sealift report and no credible completion at a site with a baseline"
    if removed.unknown_type:  # the pace is a lower bound: a projection from it would be falsely precise
        completion, finish = None, None
        note = f"not projected: payload unknown for {len(removed.unknown_type)} takeoffs of unknown type"
    return ForceEstimate(
        as_of=as_of,
        personnel_remaining=remaining,
        removed_percent=removed_pct,
        removed_tonnes=Interval.of(removed.tonnes),
        pace_tonnes_per_day=None if pace_t is None else Interval.of(pace_t),
        pace_percent_per_day=pace_pct,
        completion=completion,
        completion_note=note,
        lift=removed,
        per_site=_per_site(evidence, as_of, seed, personnel, baseline_t) if fraction is not None else {},
        deadlines=tuple(_deadlines(evidence, as_of, seed, finish, len(removed.unknown_type))),
        recent_sorties=recent,
        pace_window=window,
    )


# An airfield enters the pace only when ADS-B watched it at least this long in the window: a rate read off less
# would be one takeoff scaled up by the hours missed.
MIN_PACE_WATCH_DAYS = 0.5


def pace(evidence: Evidence, as_of: date, rng: np.random.Generator, n: int, load: np.ndarray
         ) -> tuple[np.ndarray | None, tuple[str, ...], PaceWindow]:  # fmt: skip
    """Outbound airlift in tonnes a day over the pace window ``(as_of - pace_window_days, as_of]``, as draws, with
    the takeoffs counted and the window's coverage; None when ADS-B watched no airfield in the window.

    Each airfield's tonnes are divided by the days ADS-B watched it (``coverage.watched``, as the rate checks do),
    and the airfields' paces add up. An airfield nobody watched (or watched under ``MIN_PACE_WATCH_DAYS``) adds
    nothing: its departures are unseen, not zero, so the pace is that of the watched airfields, a lower bound.
    """
    since = as_of - timedelta(days=evidence.case.assessment.pace_window_days)
    first = since + timedelta(days=1)
    total = np.zeros(n)
    counted: list[str] = []
    watched_days: dict[str, float] = {}
    covered: set[date] = set()
    for airfield in evidence.case.airfields:
        watch = watched(evidence, first, as_of, airfield.id)
        if watch.days < MIN_PACE_WATCH_DAYS:
            continue  # an hour of coverage would turn one takeoff into two dozen a day
        watched_days[airfield.id] = watch.days
        covered.update(watch.covered)
        recent = lift(evidence, as_of, rng, n, load, since=since, site=airfield.id)
        total += recent.tonnes / watch.days
        counted += recent.sorties
    window = PaceWindow(first, as_of, watched_days, tuple(sorted(covered)))
    return (total if window.covered else None), tuple(counted), window


def _completion(fraction: np.ndarray | None, baseline_t: np.ndarray | None, pace_t: np.ndarray, as_of: date
                ) -> tuple[tuple[date, date, date] | None, str, np.ndarray | None]:  # fmt: skip
    """Days to finish at the current pace, as draws (inf where the pace is zero)."""
    if baseline_t is None:
        return None, "not projected: the case gives no baseline tonnage", None
    if fraction is None:
        return None, "not projected: the share removed is unknown", None
    left = (1 - fraction) * baseline_t
    with np.errstate(divide="ignore", invalid="ignore"):
        days = np.where(left <= 0, 0.0, np.where(pace_t > 0, left / pace_t, np.inf))
    if np.mean(np.isinf(days)) > 0.5:
        return None, "not projected: no outbound sorties in the pace window", days
    lo, mid, hi = np.percentile(np.minimum(days, NEVER_DAYS), QUANTILES)

    def at(d: float) -> date:
        return as_of + timedelta(days=int(d))

    return (at(mid), at(lo), at(hi)), "projected from the pace of the last window", days


def site_fraction(evidence: Evidence, until: date, seed: int, site_id: str) -> tuple[np.ndarray, Lift]:
    """(share of one site's force removed, the lift behind it) as draws: what left the site (its airlift, sealift
    and convoys) over its part of the baseline tonnage, which is its share of the baseline personnel; all of it in
    the draws where a settled completion of the site happened. The site and the actor must have personnel
    baselines and the actor an equipment one."""
    case, n = evidence.case, evidence.case.assessment.mc_draws
    site = case.site(site_id)
    offset = next(i for i, s in enumerate(case.sites) if s.id == site_id)
    rng = np.random.default_rng(seed + 100 + offset)  # per-site seeds: a site's figures do not shift with others
    people = draw(site.personnel, rng, n)
    personnel, baseline_t = baselines(case, seed, n)
    assert people is not None and personnel is not None and baseline_t is not None
    load = draw(case.assessment.load_factor, rng, n)
    assert load is not None
    gone = lift(evidence, until, rng, n, load, site=site_id)
    fraction = np.minimum(1.0, gone.tonnes / (people * baseline_t / personnel))
    settled = settlement(evidence, site_id, until).claim_index
    if settled is not None:
        holds = rng.random(n) < HAPPENED[credibility(evidence, settled).grade]
        fraction = np.where(holds, 1.0, fraction)
        gone = replace(gone, completions=(settled,))
    return fraction, gone


def _per_site(evidence: Evidence, as_of: date, seed: int, personnel: np.ndarray | None,
              baseline_t: np.ndarray | None) -> dict[str, Interval]:  # fmt: skip
    """Personnel remaining at sites with a baseline: the site's baseline less the share removed from it."""
    out: dict[str, Interval] = {}
    case, n = evidence.case, evidence.case.assessment.mc_draws
    if personnel is None or baseline_t is None:
        return out
    for offset, site in enumerate(case.sites):
        if site.personnel is None:
            continue
        people = draw(site.personnel, np.random.default_rng(seed + 100 + offset), n)
        assert people is not None
        fraction, _ = site_fraction(evidence, as_of, seed, site.id)
        out[site.id] = Interval.of(people * (1 - fraction))
    return out


# Share of a deadline's window that must have been watched for flights alone to show it was missed (a judgement
# call: with a tenth of the days unwatched, what left unseen is small beside the baseline's own spread).
FULL_WATCH = 0.9


def _deadlines(evidence: Evidence, as_of: date, seed: int, finish: np.ndarray | None,
               unknown_payload: int) -> list[DeadlineOdds]:  # fmt: skip
    """P(deadline holds) for each stated deadline: reported completions of the plan's actor (``deadlines``),
    combined with the flight-based measure when there is one. A draw counts as complete when either says so: a
    reported handover is not undone by flights that carried less than the baseline (roads and ships are unseen),
    and flights that removed it all need no report."""
    items: list[tuple[str, date, str, int | None, Plan | None]] = []
    for plan in evidence.case.plans:
        if plan.due is not None and plan.reduction_percent is not None and plan.reduction_percent.best >= 100:
            items.append((plan.summary, plan.due, f"case plan {plan.id}: {plan.attribution}", None, plan))
    for i, claim in enumerate(evidence.claims):
        complete = claim.action in COMPLETING or (claim.unit == "percent" and (claim.quantity or 0) >= 100)
        planned = claim.modality == "planned" and claim.due_date is not None and complete
        if planned and claim.due_date and all(abs((claim.due_date - it[1]).days) > 3 for it in items):
            items.append((claim.sentence or claim.action, claim.due_date, "claim", i, None))
    odds = []
    start = evidence.case.start
    position = {id(c): i for i, c in enumerate(evidence.claims)}  # the actor's claims are the same objects
    for label, due, source, index, stated in items:
        actor = stated.actor if stated is not None else (evidence.claims[index].actor if index is not None else None)
        own = of_actor(evidence, actor)
        reports = reported(own, plan_scope(stated), min(due, as_of), seed)
        completions = tuple(position[id(own.claims[i])] for i in reports.completions)
        flights: np.ndarray | None = None
        why: str | None = None
        if unknown_payload:
            why = f"payload unknown for {unknown_payload} takeoffs of unknown type"
        elif due <= as_of:  # judged on what had left by the deadline itself, as known now
            fraction, removed, _ = removed_fraction(evidence, due, seed)
            seen = watched(evidence, start, due, None).days
            span = (due - start).days + 1
            if not removed.sealift_claims and not seen:
                why = f"no ADS-B coverage from {start} to {due}"  # the reports alone may still say
            elif fraction is not None:
                flights = fraction >= 0.95
                if seen < FULL_WATCH * span:
                    # Departures on unwatched days went unseen: the flights can show the deadline met, not missed.
                    fields = len(evidence.case.airfields)
                    mean = f" (mean over {fields} airfields)" if fields > 1 else ""
                    partial = f"ADS-B watched {seen:.1f} of the {span} days from {start} to {due}{mean}"
                    if reports.done is None and float(np.mean(flights)) < 0.5:
                        flights, why = None, f"{partial}: too little to show the deadline missed"
        elif finish is not None:
            flights = finish <= (due - as_of).days
        if reports.done is not None and flights is not None:
            p: float | None = float(np.mean(reports.done | flights))
        elif reports.done is not None:
            p = float(np.mean(reports.done))
        elif flights is not None:
            p = float(np.mean(flights))
        else:
            p = None
        reason = None if p is not None else "; ".join(r for r in (why, reports.reason) if r) or None
        odds.append(DeadlineOdds(label, due, p, source, index, reason, completions, flights is not None))
    return odds
