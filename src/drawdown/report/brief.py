"""The brief: the evidence written for a reader, every line citing its sources.

Until the Extract and Assess stages exist this brief does not judge anything: it says what is stored, which
reports name which site, and which stated deadlines apply, and it says plainly that every status is unknown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from drawdown.case import Case, Plan, Site
from drawdown.extract.gazetteer import Gazetteer
from drawdown.model import Report
from drawdown.report import markdown as md

KIND_LABELS = {
    "air_base": "air base",
    "naval_facility": "naval facility",
    "airport": "airport",
    "observation_post": "observation post",
    "post_group": "group of posts",
    "garrison": "garrison",
    "area": "area",
}


@dataclass(frozen=True)
class SiteEvidence:
    site: Site
    reports: tuple[Report, ...]

    @property
    def origins(self) -> int:
        return len({r.origin_id for r in self.reports})


def site_evidence(case: Case, reports: list[Report]) -> list[SiteEvidence]:
    """For each site of the case, the reports that name it (oldest first)."""
    gazetteer = Gazetteer.from_case(case)
    by_site: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        for site_id in gazetteer.sites_in(f"{report.title or ''}\n{report.text}"):
            by_site[site_id].append(report)
    return [SiteEvidence(site, tuple(by_site.get(site.id, ()))) for site in case.sites]


def plural(n: int, noun: str) -> str:
    """``1 report``, ``2 reports``; nouns here all take -s."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def render_brief(case: Case, reports: list[Report], as_of: date) -> str:
    """Markdown brief of ``reports`` for ``case`` as of ``as_of`` (the reports are already filtered to it)."""
    lines = [f"# {md.text(case.title)}", "", f"Brief as of **{as_of.isoformat()}** · case `{case.id}`", ""]
    lines += _scale(reports)
    lines += _plans(case.plans, as_of)
    lines += _sites(site_evidence(case, reports), reports)
    lines += [
        "---",
        "This brief lists evidence; it does not weigh it yet. Site status is *unknown* until claims are",
        "extracted and assessed (`drawdown extract`, `drawdown assess`). Copies of one story are grouped into",
        "one origin and count once.",
        "",
    ]
    return "\n".join(lines)


def _scale(reports: list[Report]) -> list[str]:
    if not reports:
        return ["## Evidence", "", "No reports are stored yet. Run `drawdown ingest PATH` first.", ""]
    origins = {r.origin_id for r in reports}
    outlets = {r.outlet for r in reports if r.outlet}
    dated = [r.published for r in reports if r.published]
    span = f", published {min(dated).date()} to {max(dated).date()}" if dated else ""
    copies = len(reports) - len(origins)
    copy_note = f" ({copies} of them {'a copy' if copies == 1 else 'copies'} of another report)" if copies else ""
    return [
        "## Evidence",
        "",
        f"{plural(len(reports), 'report')}{copy_note} from {plural(len(origins), 'independent origin')} "
        f"and {plural(len(outlets), 'outlet')}{span}.",
        "",
    ]


def _plans(plans: tuple[Plan, ...], as_of: date) -> list[str]:
    if not plans:
        return []
    lines = ["## Stated plans and deadlines", ""]
    for plan in sorted(plans, key=lambda p: p.stated):
        due = ""
        if plan.due is not None:
            days = (plan.due - as_of).days
            when = (
                f"{days} days after this brief" if days > 0 else ("today" if days == 0 else f"passed {-days} days ago")
            )
            due = f" Due {plan.due.isoformat()} ({when})."
        lines.append(
            f"- **{md.text(plan.actor)}**, stated {plan.stated.isoformat()}: {md.text(plan.summary)}.{due}"
            f" *Attribution:* {md.text(plan.attribution)}. *Source:* {md.text(plan.source)}."
        )
    return [*lines, ""]


def _sites(evidence: list[SiteEvidence], reports: list[Report]) -> list[str]:
    lines = ["## Sites", ""]
    first_of_origin: dict[str, Report] = {}
    for report in reports:
        first_of_origin.setdefault(report.origin_id, report)
    for item in evidence:
        site = item.site
        code = f", {site.icao}" if site.icao else ""
        lines.append(f"### {md.text(site.name)} ({KIND_LABELS.get(site.kind, site.kind)}{code})")
        lines.append("")
        if not item.reports:
            lines += ["Status: **unknown**. No stored report names this site.", ""]
            continue
        lines.append(
            f"Status: **unknown** (not yet assessed). Named in {plural(len(item.reports), 'report')} "
            f"from {plural(item.origins, 'origin')}:"
        )
        lines.append("")
        for report in item.reports:
            title = f" — {md.text(report.title)}" if report.title else ""
            source = first_of_origin[report.origin_id]
            copy = "" if source.id == report.id else f" *(copy of {md.text(source.label)})*"
            lines.append(f"- {md.link(report.label, report.url)}{title}{copy}")
        lines.append("")
    unplaced = [r for r in reports if not any(r in item.reports for item in evidence)]
    if unplaced:
        lines += ["### Reports that name no site", ""]
        lines += [f"- {md.link(r.label, r.url)}" + (f" — {md.text(r.title)}" if r.title else "") for r in unplaced]
        lines.append("")
    return lines
