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

from drawdown.case import Case, bundled_cases, load_case, validate_case
from drawdown.pipeline import ingest, last_evidence_date, load_reports
from drawdown.report.brief import render_brief
from drawdown.store.db import Store, open_store

__all__ = [
    "brief",
    "bundled_cases",
    "ingest",
    "last_evidence_date",
    "load_case",
    "load_reports",
    "open_store",
    "validate_case",
    "write_brief",
]


def brief(store: Store, case: Case, *, as_of: date | None = None) -> str:
    """The Markdown brief as of ``as_of`` (default: the date of the latest stored evidence, else today)."""
    day = as_of or last_evidence_date(store) or date.today()
    return render_brief(case, load_reports(store, as_of=day), day)


def write_brief(store: Store, case: Case, path: str | Path, *, as_of: date | None = None) -> str:
    text = brief(store, case, as_of=as_of)
    Path(path).write_text(text, encoding="utf-8")
    return text


# ------------------------------------------------------------------------------------------- sorties (issue 5)
# Imported here, not at the top, so that `import drawdown.api` stays as light as before for the other stages.
from drawdown.flights.airfields import case_airfields, resolve_airfield  # noqa: E402
from drawdown.flights.simulate import Scenario, simulate_scenario, write_tracks  # noqa: E402
from drawdown.flights.sorties import SortieResult, detect_sorties  # noqa: E402
from drawdown.pipeline_flights import SortieIngest, ingest_sorties, load_sorties  # noqa: E402

__all__ += [
    "Scenario",
    "SortieIngest",
    "SortieResult",
    "case_airfields",
    "detect_sorties",
    "ingest_sorties",
    "load_sorties",
    "resolve_airfield",
    "simulate_scenario",
    "write_tracks",
]
