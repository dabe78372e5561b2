"""The brief: the assessment written for a reader, in the order analysts ask, every line citing its evidence.

1 scale and timeline · 2 status of each site · 3 what is confirmed and by whom · 4 which public claims fit the
evidence · 5 how other actors reacted · 6 what to watch next · appendix: the reports that name each site.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from drawdown.assess import Assessment
from drawdown.assess.consistency import Check, PercentFacts, RateFacts
from drawdown.assess.credibility import Credibility
from drawdown.assess.evidence import DRAWING, PRESENT, STAYING, WITHDRAWN, Evidence, vote
from drawdown.assess.status import SETTLING, SiteStatus
from drawdown.case import Case, Site, fold
from drawdown.model import Claim, Report, ReviewTally
from drawdown.report import cite
from drawdown.report import markdown as md
from drawdown.report.arithmetic import check_lines, claimed, force_lines, watched_days
from drawdown.report.numbers import interval, number, span

KIND_LABELS = {
    "air_base": "air base",
    "naval_facility": "naval facility",
    "airport": "airport",
    "observation_post": "observation post",
    "post_group": "group of posts",
    "garrison": "garrison",
    "area": "area",
}
MAX_PER_GROUP = 12  # claims listed per confirmation group in section 3

STATUS_LABELS = {"present": "present", "drawing_down": "drawing down", "withdrawn": "withdrawn", "unknown": "unknown"}
ACTION_LABELS = {
    "withdrawal_started": "withdrawal started",
    "withdrawal_partial": "partial withdrawal",
    "withdrawal_complete": "withdrawal complete",
    "evacuated": "evacuated",
    "convoy_departed": "convoy departed",
    "flights_departed": "flights departed",
    "ships_departed": "ships departed",
    "equipment_loaded": "equipment loaded",
    "presence_maintained": "presence maintained",
    "reinforcement": "reinforcement",
    "negotiation": "negotiation",
    "other": "other",
}


def plural(n: int, noun: str) -> str:
    """``1 report``, ``2 reports``; nouns here all take -s."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass(frozen=True)
class SiteEvidence:
    site: Site
    reports: tuple[Report, ...]

    @property
    def origins(self) -> int:
        return len({r.origin_id for r in self.reports})


def site_evidence(evidence: Evidence, reports: list[Report]) -> list[SiteEvidence]:
    """For each site of the case, the reports (in the order of ``reports``) that name it, from the mentions
    stored at extract time."""
    named: dict[str, set[str]] = defaultdict(set)
    for mention in evidence.mentions:
        named[mention.site].add(mention.report_id)
    return [
        SiteEvidence(site, tuple(r for r in reports if r.id in named.get(site.id, ()))) for site in evidence.case.sites
    ]


@dataclass(frozen=True)
class SiteFacts:
    """What the status table, "what to watch next" and the appendix all read about one site, so they agree."""

    claims: tuple[Claim, ...]  # every claim about the site, with a vote or not
    named: tuple[Report, ...]  # the reports that name it (mentions); its last evidence is SiteStatus.last_evidence

    @property
    def empty(self) -> bool:
        return not self.claims and not self.named


def site_facts(result: Assessment) -> dict[str, SiteFacts]:
    ev = result.evidence
    reports = sorted(ev.reports.values(), key=lambda r: (r.published is None, r.published, r.id))
    named = {item.site.id: item.reports for item in site_evidence(ev, reports)}
    out = {}
    for site in ev.case.sites:
        claims = tuple(ev.claims[i] for i in ev.claims_by_site.get(site.id, ()))
        out[site.id] = SiteFacts(claims, named.get(site.id, ()))
    return out


def render_brief(result: Assessment, reviews: ReviewTally | None = None) -> str:
    """Markdown brief of an assessment. With ``reviews`` (what analysts checked) the brief counts the reviewed
    claims and marks each claim it lists that no analyst has checked."""
    case = result.evidence.case
    lines = [
        f"# {md.text(case.title)}",
        "",
        f"Brief as of **{result.as_of.isoformat()}** · case `{case.id}` · seed {result.seed}. Citations in square "
        "brackets; `s-…` ids are sorties detected in ADS-B data.",
        "",
    ]
    fake = [s for s in result.evidence.sorties if s.id in result.evidence.simulated]
    if fake:
        lines += [
            f"> **Simulated flight data.** {plural(len(fake), 'sortie')} of {len(result.evidence.sorties)} were "
            "detected in simulated ADS-B tracks (`drawdown flights simulate`), not in real observations. Every "
            "figure resting on them is illustrative, and each citation of them says so.",
            "",
        ]
    for section in (_scale, _sites, _confirmation, _checks, _others, _watch, _appendix, _undated):
        lines += section(result, reviews)
    return "\n".join(lines)


UNREVIEWED = " *(machine reading, unreviewed)*"


def _mark(reviews: ReviewTally | None, claim: Claim) -> str:
    """The mark of a claim no analyst has checked (nothing when the brief is not told about reviews)."""
    return UNREVIEWED if reviews is not None and not reviews.is_reviewed(claim) else ""


def _reviewed_line(reviews: ReviewTally | None, claims: tuple[Claim, ...]) -> list[str]:
    if reviews is None:
        return []
    if not reviews.total:
        return [f"- Reviews: no claim has been checked by an analyst yet; all {plural(len(claims), 'claim')} are "
                "machine readings (marked *unreviewed* below)."]  # fmt: skip
    unreviewed = sum(1 for c in claims if not reviews.is_reviewed(c))
    return [
        f"- Reviews: {plural(reviews.total, 'claim')} checked by an analyst ({reviews.correct} correct, "
        f"{reviews.edited} edited, {reviews.rejected} rejected and left out); "
        f"{plural(unreviewed, 'claim')} unreviewed machine readings (marked below)."
    ]


def _undated(result: Assessment, _reviews: ReviewTally | None) -> list[str]:
    """Reports with no publication date and no explicit event date: in no as-of snapshot, so listed here."""
    if not result.undated:
        return []
    lines = [
        "## Undated evidence",
        "",
        f"{plural(len(result.undated), 'report')} carry no publication date and no explicit event date, so no "
        "assessment as of a date counts them. Re-ingest with `--published YYYY-MM-DD` when the date is known.",
        "",
    ]
    shown = result.undated[:MAX_PER_GROUP]
    lines += [f"- {cite.report(r)}: {md.text(r.title or r.text, limit=120)}" for r in shown]
    if len(result.undated) > len(shown):
        lines.append(f"- … {len(result.undated) - len(shown)} more.")
    return [*lines, ""]


def _site_name(case: Case, site_id: str | None) -> str:
    if site_id is None:
        return "the whole force"
    try:
        return md.text(case.site(site_id).name)
    except KeyError:
        return md.text(site_id)


def _what(claim: Claim) -> str:
    action = ACTION_LABELS.get(claim.action, claim.action)
    if claim.modality == "negated":
        action = f"no {action}"
    if claim.confirmation == "denied":
        action = f"denial of “{action}”"
    if claim.quantity is not None and claim.unit:
        unit = claim.unit.removesuffix("s") if claim.quantity == 1 and claim.unit != "percent" else claim.unit
        action += f" ({number(claim.quantity)} {unit})"
    return action


# ------------------------------------------------------------------------------------------ 1 scale, timeline


def _scale(result: Assessment, reviews: ReviewTally | None) -> list[str]:
    ev, force, case = result.evidence, result.force, result.evidence.case
    reports = list(ev.reports.values())
    lines = ["## 1. Scale and timeline", ""]
    if not reports and not ev.sorties:
        return [*lines, "No evidence is stored yet: nothing can be said about scale or timeline.", ""]
    origins = {r.origin_id for r in reports}
    takeoffs = [s for s in ev.sorties if s.event == "takeoff"]
    days = sorted([r.published.date() for r in reports if r.published] + [s.time.date() for s in ev.sorties])
    span_text = f", dated {days[0]} to {days[-1]}" if days else ""
    lines.append(
        f"- Evidence: {plural(len(reports), 'report')} from {plural(len(origins), 'independent origin')} "
        f"({plural(len(reports) - len(origins), 'copy').replace('copys', 'copies')}), "
        f"{plural(len(ev.claims), 'extracted claim')} and "
        f"{plural(len(ev.sorties), 'detected sortie')} ({plural(len(takeoffs), 'takeoff')}){span_text}."
    )
    lines += _reviewed_line(reviews, ev.claims)
    counted = cite.sorties(list(force.lift.sorties), ev.simulated)
    # What measured the removals: sorties, sealift and completions; never a percentage claim, which section 4 checks.
    reported = [ev.claims[i] for i in (*force.lift.sealift_claims, *force.lift.completions)]
    measured = [counted, cite.claims(ev, reported, 4) if reported else ""]
    basis = cite.join(*measured)
    baseline = case.actor.personnel
    if force.personnel_remaining is not None and baseline is not None:
        unknown = len(force.lift.unknown_type)
        bound = f" (payload unknown for {plural(unknown, 'takeoff')} of unknown type, not counted)" if unknown else ""
        lines.append(
            f"- Force remaining: {'at most' if unknown else 'about'} {interval(force.personnel_remaining)} personnel"
            f"{bound}, from a baseline of {span(baseline)}. {cite.join(*measured, 'case file: actor baseline')}"
        )
        if force.removed_percent is not None:
            least = "at least " if unknown else ""
            lines.append(
                f"- Share of the force removed: {least}{interval(force.removed_percent, 1, '%')}{bound}. {basis}"
            )
        lines += [f"  - {md.text(a, limit=400)}" for a in force_lines(result)]
    elif baseline is None:
        lines.append("- Force remaining: unknown; the case gives no personnel baseline.")
    else:
        lines.append(
            f"- Force remaining: unknown. The baseline is {span(baseline)} personnel [case file: actor baseline], "
            "but no flight data, sealift report or credible completion at a site with a baseline measures what has"
            " left."
        )
    window = case.assessment.pace_window_days
    if not ev.sorties and not ev.coverage:  # coverage without a sortie is a watched, quiet airfield
        lines.append("- Pace: unknown; no ADS-B flight data is loaded (`drawdown flights ingest`).")
    elif force.pace_tonnes_per_day is None:
        lines.append(f"- Pace over the last {window} days: untestable: {force.pace_window.note}.")
    elif force.pace_tonnes_per_day.high > 0:
        pct = (
            f" ({interval(force.pace_percent_per_day, 2, '%')} of the force a day)"
            if force.pace_percent_per_day
            else ""
        )
        lines.append(
            f"- Pace over the last {window} days ({watched_days(force)}): "
            f"{interval(force.pace_tonnes_per_day, 1, ' t/day')}{pct}. {basis}"
        )
    else:
        seen = force.pace_window.days
        lines.append(
            f"- Pace over the last {window} days: no outbound sorties detected ({watched_days(force)}). "
            f"[ADS-B coverage {seen[0]} – {seen[-1]}]"
        )
    if force.completion:
        mid, lo, hi = force.completion
        lines.append(f"- Projected completion at that pace: {mid} (80% interval {lo} to {hi}). {basis}")
    else:
        lines.append(f"- Projected completion: unknown ({force.completion_note}).")
    for odds in force.deadlines:
        source = cite.claim(ev, ev.claims[odds.claim_index]) if odds.claim_index is not None else md.text(odds.source)
        if odds.probability is None:
            p = f"unknown ({md.text(odds.reason or force.completion_note, limit=200)})"
        else:
            basis_words = "reported completions and flights" if odds.completions and odds.with_flights else (
                "reported completions" if odds.completions else "flights")  # fmt: skip
            p = f"{odds.probability:.0%}, from {basis_words}"
        reports_cited = cite.claims(ev, [ev.claims[i] for i in odds.completions], 4) if odds.completions else ""
        lines.append(
            f"- P(complete by {odds.due}) for “{md.text(odds.label, limit=120)}”: {p}. "
            f"{cite.join(source, reports_cited)}"
        )
    lines += ["", "Timeline (first report of each move, one per origin):", ""]
    lines += _timeline(result, reviews) or ["- No dated claims have been extracted yet (run `drawdown extract`)."]
    return [*lines, ""]


def _timeline(result: Assessment, reviews: ReviewTally | None, limit: int = 15) -> list[str]:
    ev = result.evidence
    first: dict[tuple[str, str | None, str], Claim] = {}
    for claim in ev.claims:
        if vote(claim) is None:
            continue
        key = (ev.report_of(claim).origin_id, claim.site, claim.action)
        first.setdefault(key, claim)
    dated = sorted(((d, c) for c in first.values() if (d := ev.claim_day(c)) is not None), key=lambda x: x[0])
    lines = []
    for day, claim in dated[:limit]:
        lines.append(
            f"- {day}: {_site_name(ev.case, claim.site)}: {_what(claim)}. [{cite.claim(ev, claim)}]"
            + _mark(reviews, claim)
        )
    if len(dated) > limit:
        lines.append(f"- … {len(dated) - limit} more dated moves in the store.")
    return lines


# ---------------------------------------------------------------------------------------------- 2 site status


def _sites(result: Assessment, _reviews: ReviewTally | None) -> list[str]:
    ev, case = result.evidence, result.evidence.case
    lines = [
        "## 2. Status of each site",
        "",
        "| Site | Status | P(present / drawing down / withdrawn) | Last evidence | Evidence |",
        "|---|---|---|---|---|",
    ]
    facts = site_facts(result)
    for status in result.sites:
        site, known = case.site(status.site), facts[status.site]
        p = status.probabilities
        probs = f"{p['present']:.2f} / {p['drawing_down']:.2f} / {p['withdrawn']:.2f}"
        label = _status_label(result, status)
        claims = [ev.claims[v.claim_index] for v in status.votes if v.claim_index is not None]
        sorties = [v.sortie_id for v in status.votes if v.sortie_id is not None]
        if status.weight == 0 and not sorties:  # no vote: say what there is instead of "no evidence"
            if known.claims:
                label = "unknown (claims read, none says whether the site is held)"
                claims = list(known.claims)
            elif known.named:
                label = "unknown (named, no claim read)"
        cited = cite.claims(ev, claims) if claims else ""
        if not claims and known.named:
            cited = "; ".join(cite.report(r) for r in known.named[:3]) + (
                f" and {len(known.named) - 3} more" if len(known.named) > 3 else "")  # fmt: skip
        evidence = cite.join(cited, cite.sorties(sorties, ev.simulated))
        code = f" ({site.icao})" if site.icao else ""
        last = status.last_evidence.isoformat() if status.last_evidence else "none"
        lines.append(f"| {md.text(site.name)}{code} | {label} | {probs} | {last} | {evidence} |")
    return [*lines, ""]


def _status_label(result: Assessment, status: SiteStatus) -> str:
    """The status as the table shows it: settled since when, what an unknown leans to, contradictions."""
    ev, params = result.evidence, result.evidence.case.assessment
    label = STATUS_LABELS[status.status]
    if status.status == "withdrawn" and status.settled_on is not None and status.settled_by is not None:
        grade = result.credibility[status.settled_by].rating if status.settled_by < len(result.credibility) else ""
        how = (f"completion reported by {status.settled_origins} independent origins" if status.settled_origins > 1
               else f"credible completion{', ' + grade if grade else ''}")  # fmt: skip
        label += f" since {status.settled_on.isoformat()} (settled: {how})"
    elif status.status == "unknown":
        seen = f"; last seen {STATES_SEEN.get(status.last_seen or '', '')}" if status.last_seen else ""
        if status.weight == 0:
            label += " (no evidence)"
        elif status.probabilities[WITHDRAWN] >= 0.5:
            label += " (leans withdrawn; no credible completion settles it)"
        elif status.weight < params.min_weight:
            label += f" (evidence too thin: weight {status.weight:.2f}{seen})"
        else:
            label += f" (the evidence conflicts{seen})"
    if status.contradictions:
        # A report that tells the site left and then held ("handed over to ...") tells a handover, not a
        # contradiction of itself.
        left_in = {c.report_id for c in ev.claims if c.site == status.site and c.action in SETTLING}
        handed = [ev.claims[i] for i in status.contradictions if ev.claims[i].report_id in left_in]
        later = [ev.claims[i] for i in status.contradictions if ev.claims[i].report_id not in left_in]
        if handed:
            label += f"; held again in the report of its withdrawal (a handover): {cite.claims(ev, handed)}"
        if later:
            label += f"; contradicted by later presence reports: {cite.claims(ev, later)}"
    return label


STATES_SEEN = {PRESENT: "present", DRAWING: "drawing down", WITHDRAWN: "withdrawn", STAYING: "not withdrawn"}


# --------------------------------------------------------------------------------------- 3 confirmed or not


def _confirmation(result: Assessment, reviews: ReviewTally | None) -> list[str]:
    ev = result.evidence
    lines = ["## 3. What is confirmed, and by whom", ""]
    if not ev.claims:
        return [*lines, "No claims have been extracted yet (run `drawdown extract`), so nothing is graded.", ""]
    groups: dict[str, list[tuple[Claim, Credibility]]] = defaultdict(list)
    seen: set[tuple[str, str | None, str]] = set()
    for claim, cred in zip(ev.claims, result.credibility, strict=True):
        key = (ev.report_of(claim).origin_id, claim.site, claim.action)
        if key in seen or claim.modality == "planned" or vote(claim) is None:
            continue
        seen.add(key)
        group = "denied" if claim.confirmation == "denied" else (
            "confirmed" if cred.grade <= 2 else "unconfirmed" if cred.grade == 3 else "doubtful"
        )  # fmt: skip
        groups[group].append((claim, cred))
    titles = {
        "confirmed": "Confirmed or probably true (credibility 1–2)",
        "unconfirmed": "Possibly true, not confirmed (credibility 3)",
        "doubtful": "Doubtful or contradicted (credibility 4–5)",
        "denied": "Denied on the record",
    }
    for group, title in titles.items():
        items = groups.get(group, [])
        lines += [f"**{title}:** none.", ""] if not items else [f"**{title}:**", ""]
        # The newest first, and a bounded list: a long campaign has thousands of claims; the store keeps them all.
        ranked = sorted(items, key=lambda ic: ev.claim_day(ic[0]) or date.min, reverse=True)
        for claim, cred in ranked[:MAX_PER_GROUP]:
            who = md.text(cred.source, limit=80)
            hedge = f", hedged ({md.text(', '.join(claim.hedges), limit=60)})" if claim.hedges else ""
            support = (
                f", corroborated by {plural(len(cred.supporting_origins), 'other origin')}"
                if cred.supporting_origins
                else ""
            )
            against = (
                f", contradicted by {plural(len(cred.contradicting_origins), 'origin')}"
                if cred.contradicting_origins
                else ""
            )
            lines.append(
                f"- {_site_name(ev.case, claim.site)}: {_what(claim)} — {cred.rating} ({cred.label}); "
                f"said by {who}{hedge}{support}{against}. "
                + cite.join(cite.claim(ev, claim), cite.sorties(cred.supporting_sorties, ev.simulated))
                + _mark(reviews, claim)
            )
        if len(items) > MAX_PER_GROUP:
            lines.append(f"- … and {len(items) - MAX_PER_GROUP} older ones (`drawdown assess --json` lists all).")
        if items:
            lines.append("")
    return lines


# -------------------------------------------------------------------------------------- 4 public claims


def _checks(result: Assessment, _reviews: ReviewTally | None) -> list[str]:
    ev = result.evidence
    lines = ["## 4. Which public claims fit the evidence", ""]
    if not result.checks:
        return [*lines, "No quantitative public claim (rates, percentages, deadlines) is on record yet.", ""]
    for check in result.checks:
        source = cite.claim(ev, ev.claims[check.claim_index]) if check.claim_index is not None else "case file"
        where = cite.join(source, cite.sorties(check.sorties, ev.simulated))
        window = _window(check)
        if check.verdict == "untestable" and check.reason:
            verdict = f"untestable: {md.text(check.reason, limit=300)}"
            details: list[str] = []
        else:
            verdict, details = check.verdict, check_lines(check)
        lines.append(f"- **{md.text(claimed(check), limit=160)}**{window}: {verdict}. {where}")
        lines += [f"  - {md.text(a, limit=400)}" for a in details]
    return [*lines, ""]


def _window(check: Check) -> str:
    """The window a verdict holds for: each claim gets one verdict per window, and the reader sees which."""
    facts = check.facts
    if isinstance(facts, RateFacts):
        return f" ({facts.start} – {facts.end})"
    if isinstance(facts, PercentFacts):
        return f" (up to {facts.day})"
    return ""


# ------------------------------------------------------------------------------------------ 5 other actors


def _is_case_actor(case: Case, name: str | None) -> bool:
    if not name:
        return True
    folded = fold(name)
    return any(fold(n) in folded or folded in fold(n) for n in (case.actor.name, case.actor.short, *case.actor.aliases))


def _others(result: Assessment, reviews: ReviewTally | None) -> list[str]:
    ev, case = result.evidence, result.evidence.case
    site_ids = {s.id for s in case.sites}
    lines = ["## 5. How other actors reacted", ""]
    items = [
        c for c in ev.claims if not _is_case_actor(case, c.actor) or (c.site is not None and c.site not in site_ids)
    ]
    if not items:
        return [*lines, "No statement or move of another actor has been extracted.", ""]
    by_actor: dict[str, list[Claim]] = defaultdict(list)
    for claim in items:
        by_actor[claim.actor or claim.site or "unnamed"].append(claim)
    for actor, claims in sorted(by_actor.items()):
        seen: set[str] = set()
        for claim in claims:
            origin = ev.report_of(claim).origin_id
            if origin in seen:
                continue
            seen.add(origin)
            said = f": “{md.text(claim.sentence, limit=180)}”" if claim.sentence else ""
            lines.append(f"- {md.text(actor)} — {_what(claim)}{said} [{cite.claim(ev, claim)}]" + _mark(reviews, claim))
    return [*lines, ""]


# ------------------------------------------------------------------------------------------- 6 watch next


def _watch(result: Assessment, _reviews: ReviewTally | None) -> list[str]:
    ev, case, as_of = result.evidence, result.evidence.case, result.as_of
    params = case.assessment
    lines = ["## 6. What to watch next", ""]
    facts = site_facts(result)
    for status in result.sites:
        if status.status == "withdrawn":
            continue
        name, known = md.text(case.site(status.site).name), facts[status.site]
        last = status.last_evidence
        if known.empty and status.last_evidence is None:
            lines.append(f"- {name}: no evidence at all; status unknown.")
        elif status.weight == 0 and not known.claims:
            lines.append(f"- {name}: named in {plural(len(known.named), 'report')}, no claim read; status unknown.")
        elif last is not None and (as_of - last).days > params.stale_after_days:
            lines.append(f"- {name}: stale, last evidence {last} ({(as_of - last).days} days ago).")
    for odds in result.force.deadlines:
        days = (odds.due - as_of).days
        if -14 <= days <= 30:
            when = f"in {days} days" if days >= 0 else f"passed {-days} days ago"
            p = "unknown" if odds.probability is None else f"{odds.probability:.0%}"
            lines.append(f"- Deadline {odds.due} ({when}): “{md.text(odds.label, limit=100)}”, P(met) {p}.")
    for status in result.sites:
        totals: dict[str, float] = defaultdict(float)
        for v in status.votes:
            totals[v.state] += v.weight
        moving = totals[DRAWING] + totals[WITHDRAWN]
        if totals[PRESENT] + totals[STAYING] >= 0.2 and moving >= 0.2:
            claims = [ev.claims[v.claim_index] for v in status.votes if v.claim_index is not None]
            lines.append(
                f"- Contradiction at {md.text(case.site(status.site).name)}: evidence for staying "
                f"(weight {totals[PRESENT] + totals[STAYING]:.2f}) and for leaving ({moving:.2f}). "
                f"[{cite.claims(ev, claims, 4)}]"
            )
    if len(lines) == 2:
        lines.append("- Nothing stands out: no stale site, no deadline within 30 days, no contradiction.")
    return [*lines, ""]


# ------------------------------------------------------------------------------------------------ appendix


def _appendix(result: Assessment, _reviews: ReviewTally | None) -> list[str]:
    reports = sorted(result.evidence.reports.values(), key=lambda r: (r.published is None, r.published, r.id))
    first_of_origin: dict[str, Report] = {}
    for report in reports:
        first_of_origin.setdefault(report.origin_id, report)
    lines = ["## Appendix: reports that name each site", ""]
    for item in site_evidence(result.evidence, reports):
        if not item.reports:
            continue
        lines.append(f"- **{md.text(item.site.name)}** ({plural(len(item.reports), 'report')}, "
                     f"{plural(item.origins, 'origin')}):")  # fmt: skip
        for report in item.reports:
            source = first_of_origin[report.origin_id]
            copy = "" if source.id == report.id else f" *(copy of {md.text(source.label)})*"
            title = f" — {md.text(report.title)}" if report.title else ""
            lines.append(f"  - {cite.report(report)}{title}{copy}")
    return [*lines, ""]
