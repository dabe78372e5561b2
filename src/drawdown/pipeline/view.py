"""The dashboard's view read from the store: the assessment with its timelines, the force chart, every row the
page lists. `drawdown serve` rebuilds it after every change; `drawdown report` writes one to an HTML file.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from drawdown.assess import Assessment, Evidence, assess
from drawdown.assess.force import estimate
from drawdown.case import Case
from drawdown.model import ReviewTally
from drawdown.pipeline.assess import load_evidence
from drawdown.pipeline.reviews import rejected_claims, reviewed_claims
from drawdown.report.brief import render_brief
from drawdown.report.export import claim_rows, plain, report_rows, site_rows, sortie_rows
from drawdown.report.html import brief_html
from drawdown.store.claims import claim_id
from drawdown.store.db import Store
from drawdown.store.reports import last_evidence_date, load_reports
from drawdown.store.sorties import load_sorties, simulated_ids
from drawdown.web.view import View

SERIES_POINTS = 12  # about this many dates at which force remaining is assessed for the chart

SeriesCache = dict[tuple[date, int], dict[str, Any]]  # (day, evidence fingerprint) -> one point of the chart


def _plain_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: plain(v) for k, v in row.items()} for row in rows]


def series_days(start: date, as_of: date, points: int = SERIES_POINTS) -> list[date]:
    """About ``points`` days from ``start`` to ``as_of`` (both included): whole steps from ``start``, then ``as_of``.

    The steps stay put as ``as_of`` moves on (they change only when the span grows by ``points`` days), so a
    rebuild after new evidence finds the earlier points in its cache.
    """
    if as_of <= start:
        return [as_of]
    step = max(1, -(-(as_of - start).days // (points - 1)))  # ceiling division
    days = [start + timedelta(days=i * step) for i in range(points) if start + timedelta(days=i * step) < as_of]
    return [*days, as_of]


def _fingerprint(evidence: Evidence) -> int:
    """Equal for equal evidence (what ``estimate`` reads); computed in a fraction of an estimate's time."""
    reports = tuple((r.id, r.origin_id, r.published) for r in evidence.reports.values())
    sorties = tuple(s.id for s in evidence.sorties)
    return hash((evidence.claims, sorties, reports, evidence.coverage, evidence.simulated))


def force_series(result: Assessment, start: date, cache: SeriesCache | None = None) -> list[dict[str, Any]]:
    """Force remaining (median and 80% interval) at each of ``series_days``.

    The force estimate alone, on the evidence known on each day: what `assess` would give as of that day, without
    the site statuses, grades and checks the chart does not show. ``cache`` keeps the points from one rebuild to
    the next (on 10,000 claims and 100,000 sorties each takes seconds); a point whose evidence changed (a late
    report, a review) is computed again. Only the points of this series are kept in it.
    """
    series: list[dict[str, Any]] = []
    used: SeriesCache = {}
    for point in series_days(start, result.as_of):
        known = result.evidence.until(point)
        key = (point, _fingerprint(known))
        entry = (cache or {}).get(key)
        if entry is None:
            force = result.force if point == result.as_of else estimate(known, point, result.seed)
            remaining = force.personnel_remaining
            entry = {"as_of": point.isoformat()}
            if remaining is not None:
                entry.update(median=remaining.median, low=remaining.low, high=remaining.high)
        used[key] = entry
        series.append(entry)
    if cache is not None:
        cache.clear()
        cache.update(used)
    return series


def _places(result: Assessment) -> list[dict[str, Any]]:
    """Names claims give that are not sites of the case, with how many claims and reports name each."""
    site_ids = {s.id for s in result.evidence.case.sites}
    named: dict[str, tuple[int, set[str]]] = {}
    for claim in result.evidence.claims:
        if claim.site in site_ids:
            continue
        name = claim.site_name or claim.site
        if not name:
            continue
        count, reports = named.get(name, (0, set()))
        named[name] = (count + 1, reports | {claim.report_id})
    return [{"name": n, "claims": c, "reports": sorted(r)} for n, (c, r) in sorted(named.items())]


def build_view(store: Store, case: Case, version: int, *, as_of: date | None = None,
               assessment: Assessment | None = None, series_cache: SeriesCache | None = None) -> View:  # fmt: skip
    """Everything the page shows, read from the store in one go.

    ``assessment``: the assessment of the store as it is now, with its timeline, when the caller just made it
    (`--watch` stores one after every batch): it is used instead of assessing the same evidence again.
    ``series_cache``: the force chart's points from the last build (:func:`force_series`).
    """
    day = as_of or last_evidence_date(store) or date.today()
    if assessment is not None and assessment.as_of == day and assessment.timelines:
        result = assessment
    else:
        result = assess(load_evidence(store, case), day, with_timeline=True)
    tally: ReviewTally = reviewed_claims(store)[1]
    sites = _plain_rows(site_rows(result))
    for row in sites:
        row["timeline"] = [[d.isoformat(), s, round(p, 3)] for d, s, p in result.timelines.get(row["site"], ())]
    reports = {r["id"]: r for r in _plain_rows(report_rows(load_reports(store)))}
    claims = _plain_rows(claim_rows(result, tally, claim_id))
    for row in claims:
        row["id"] = row["event_id_cnty"]
        row["title"] = reports.get(row["report_id"], {}).get("title")
    series = force_series(result, case.start, series_cache)
    rejected = [
        {
            "id": claim_id(claim), "report_id": claim.report_id, "span_start": claim.span[0],
            "span_end": claim.span[1], "action": claim.action, "site": claim.site, "quantity": claim.quantity,
            "unit": claim.unit, "event_date": plain(claim.event_date), "sentence": claim.sentence,
            "title": reports.get(claim.report_id, {}).get("title"), "note": wrong.note,
            "reviewed_at": plain(wrong.reviewed_at),
        }
        for claim, wrong in rejected_claims(store)
    ]  # fmt: skip
    baseline = case.actor.personnel
    markdown = render_brief(result, tally)
    case_info = {
        "id": case.id, "title": case.title, "start": case.start.isoformat(), "as_of": day.isoformat(),
        "actor": case.actor.name, "baseline_personnel": baseline.best if baseline else None,
        "deadlines": [
            {"label": d.label, "due": d.due.isoformat(), "probability": d.probability} for d in result.force.deadlines
        ],
        "reviews": {"correct": tally.correct, "edited": tally.edited, "rejected": tally.rejected},
    }  # fmt: skip
    return View(
        version=version, case=case_info, sites=sites, claims=claims,
        sorties=_plain_rows(sortie_rows(load_sorties(store), simulated_ids(store))), series=series,
        reports=reports, places=_places(result), brief_markdown=markdown, brief_html=brief_html(markdown),
        rejected=rejected,
    )  # fmt: skip
