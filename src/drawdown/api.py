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
from pathlib import Path

from drawdown.assess import Assessment
from drawdown.case import Case, bundled_cases, load_case, validate_case
from drawdown.ingest.watch import watch
from drawdown.pipeline import assess_store, ingest, last_evidence_date, load_evidence, load_reports
from drawdown.pipeline import list_origins as origins
from drawdown.report.brief import render_brief
from drawdown.store.db import Store, open_store

__all__ = [
    "assess",
    "brief",
    "bundled_cases",
    "ingest",
    "last_evidence_date",
    "load_case",
    "load_evidence",
    "load_reports",
    "open_store",
    "origins",
    "validate_case",
    "watch",
    "write_brief",
]


def assess(store: Store, case: Case, *, as_of: date | None = None, seed: int | None = None) -> Assessment:
    """Assess the stored evidence and store the snapshot (same as ``drawdown assess``)."""
    return assess_store(store, case, as_of=as_of, seed=seed)


def brief(store: Store, case: Case, *, as_of: date | None = None, seed: int | None = None) -> str:
    """The Markdown brief as of ``as_of`` (default: the date of the latest stored evidence, else today)."""
    return render_brief(assess_store(store, case, as_of=as_of, seed=seed, save=False))


def write_brief(store: Store, case: Case, path: str | Path, *, as_of: date | None = None) -> str:
    text = brief(store, case, as_of=as_of)
    Path(path).write_text(text, encoding="utf-8")
    return text


# ------------------------------------------------------------------------------------------------- extract
# Appended by the Extract issue: the pure stage and its store-facing wrapper, under the CLI's names.
from drawdown.extract.claims import Extraction, Extractor, extract_claims  # noqa: E402
from drawdown.pipeline import load_claims  # noqa: E402
from drawdown.pipeline_extract import extract, extract_jsonl_lines  # noqa: E402

__all__ += ["Extraction", "Extractor", "extract", "extract_claims", "extract_jsonl_lines", "load_claims"]
