"""The Python API: the functions the CLI commands call, under the commands' names.

They live here rather than at the top of the package because the stage subpackages (``drawdown.ingest``,
``drawdown.extract``, ``drawdown.report`` ...) already own those names there.

>>> from drawdown import api
>>> store = api.open_store("drawdown.duckdb")
>>> api.ingest(store, ["reports/"])
>>> print(api.brief(store, api.load_case("syria-2024")))
"""

from __future__ import annotations

from datetime import date
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drawdown.assess import Assessment
from drawdown.case import Case, bundled_cases, load_case, validate_case
from drawdown.extract.claims import Extraction, Extractor, extract_claims
from drawdown.pipeline.assess import assess_store, load_evidence
from drawdown.pipeline.extract import extract, extract_jsonl_lines
from drawdown.pipeline.ingest import ingest
from drawdown.pipeline.ingest import list_origins as origins
from drawdown.pipeline.reviews import export_reviews, import_reviews, review, reviewed_claims
from drawdown.pipeline.watch import Downstream, Log, watch
from drawdown.report.brief import render_brief
from drawdown.store.claims import load_claims
from drawdown.store.db import Store, open_store
from drawdown.store.reports import last_evidence_date, load_reports

__all__ = [
    "Extraction",
    "Extractor",
    "assess",
    "brief",
    "bundled_cases",
    "downstream",
    "export_reviews",
    "extract",
    "extract_claims",
    "extract_jsonl_lines",
    "import_reviews",
    "ingest",
    "last_evidence_date",
    "load_case",
    "load_claims",
    "load_evidence",
    "load_reports",
    "open_store",
    "origins",
    "review",
    "reviewed_claims",
    "validate_case",
    "watch",
    "write_brief",
]


def assess(store: Store, case: Case, *, as_of: date | None = None, seed: int | None = None) -> Assessment:
    """Assess the stored evidence and store the snapshot (same as ``drawdown assess``)."""
    return assess_store(store, case, as_of=as_of, seed=seed)


def brief(store: Store, case: Case, *, as_of: date | None = None, seed: int | None = None) -> str:
    """The Markdown brief as of ``as_of`` (default: the date of the latest stored evidence, else today)."""
    result = assess_store(store, case, as_of=as_of, seed=seed, save=False)
    return render_brief(result, reviewed_claims(store)[1])


def write_brief(store: Store, case: Case, path: str | Path, *, as_of: date | None = None) -> str:
    text = brief(store, case, as_of=as_of)
    Path(path).write_text(text, encoding="utf-8")
    return text


def downstream(case: Case, log: Log) -> Downstream:
    """What `drawdown watch` runs on each batch of new reports: extract their claims, assess, and log every site
    whose status changed. The extractor is built once, for every batch (building it costs seconds)."""
    extractor = Extractor(case)

    def run(store: Store, report_ids: list[str]) -> None:
        before = {s.site: s.status for s in assess_store(store, case, save=False).sites}
        extracted = extract(store, case, report_ids=report_ids, extractor=extractor)
        after = assess_store(store, case)
        log(f"extracted {extracted.claims} claim(s) from {extracted.reports} new report(s); as of {after.as_of}:")
        for status in after.sites:
            if before.get(status.site) != status.status:
                log(f"status change: {status.site} {before.get(status.site, 'unknown')} -> {status.status} "
                    f"(P {status.confidence:.2f})")  # fmt: skip

    return run


# ------------------------------------------------------------------------------------------- sorties (issue 5)
# Loaded on first use: the flights stage imports Ibis (about 0.2 s, 0.7 s with its dependencies), which
# `drawdown brief`, `assess` and `extract` never need.
_FLIGHTS = {
    "case_airfields": "drawdown.flights.airfields",
    "resolve_airfield": "drawdown.flights.airfields",
    "Scenario": "drawdown.flights.simulate",
    "simulate_scenario": "drawdown.flights.simulate",
    "scenario_for_case": "drawdown.flights.simulate",
    "write_tracks": "drawdown.flights.simulate",
    "SortieResult": "drawdown.flights.sorties",
    "detect_sorties": "drawdown.flights.sorties",
    "SortieIngest": "drawdown.pipeline.flights",
    "ingest_sorties": "drawdown.pipeline.flights",
    "load_sorties": "drawdown.store.sorties",
}
__all__ += sorted(_FLIGHTS)

if TYPE_CHECKING:  # names for type checkers; at run time __getattr__ loads them
    from drawdown.flights.airfields import case_airfields, resolve_airfield  # noqa: F401
    from drawdown.flights.simulate import Scenario, scenario_for_case, simulate_scenario, write_tracks  # noqa: F401
    from drawdown.flights.sorties import SortieResult, detect_sorties  # noqa: F401
    from drawdown.pipeline.flights import SortieIngest, ingest_sorties  # noqa: F401
    from drawdown.store.sorties import load_sorties  # noqa: F401


def __getattr__(name: str) -> Any:
    module = _FLIGHTS.get(name)
    if module is None:
        raise AttributeError(f"module 'drawdown.api' has no attribute {name!r}")
    return getattr(import_module(module), name)
