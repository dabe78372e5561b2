"""Assessment around the store: load the evidence, call the pure assessment, store the snapshot."""

from __future__ import annotations

from datetime import date

from drawdown.assess import Assessment, Evidence, assess
from drawdown.case import Case
from drawdown.extract.gazetteer import Gazetteer
from drawdown.model import Mention
from drawdown.pipeline.reviews import reviewed_claims
from drawdown.report.snapshot import dumps
from drawdown.store.assessments import save_assessment
from drawdown.store.claims import extracted_ids, load_mentions
from drawdown.store.coverage import load_coverage
from drawdown.store.db import Store
from drawdown.store.reports import last_evidence_date, load_reports
from drawdown.store.sorties import load_sorties, simulated_ids


def load_evidence(store: Store, case: Case) -> Evidence:
    """Everything stored that the assessment reads: reports, their claims and site mentions, and sorties.

    Claims come as the analysts reviewed them: rejected ones are left out, edited ones carry the edits.

    Reports that extraction has not read yet still count as naming the sites their text names: those mentions
    are found now (not stored; `drawdown extract` stores them with the claims).
    """
    reports = {r.id: r for r in load_reports(store)}
    claims = tuple(c for c in reviewed_claims(store)[0] if c.report_id in reports)
    mentions = [m for m in load_mentions(store) if m.report_id in reports]
    read = extracted_ids(store)
    unread = [r for r in reports.values() if r.id not in read]
    if unread:
        gazetteer = Gazetteer.from_case(case)
        for report in unread:
            found = gazetteer.sites_in(f"{report.title or ''}\n{report.text}")
            mentions += [Mention(report.id, site) for site in sorted(found)]
    simulated = frozenset(simulated_ids(store))
    coverage = tuple(load_coverage(store))
    return Evidence(case, reports, claims, tuple(load_sorties(store)), tuple(mentions), coverage, simulated)


def assess_store(store: Store, case: Case, *, as_of: date | None = None, seed: int | None = None,
                 save: bool = True) -> Assessment:  # fmt: skip
    """Assess the stored evidence as of a date (default: the latest evidence); store the snapshot when ``save``.

    Snapshots carry each site's daily status timeline; a brief (``save=False``) does not need it.
    """
    day = as_of or last_evidence_date(store) or date.today()
    result = assess(load_evidence(store, case), day, seed=seed, with_timeline=save)
    if save:
        save_assessment(store, case.id, day, result.seed, dumps(result))
    return result
