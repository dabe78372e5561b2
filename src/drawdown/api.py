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
from drawdown.ingest.watch import watch
from drawdown.pipeline import ingest, last_evidence_date, load_reports
from drawdown.pipeline import list_origins as origins
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
    "origins",
    "validate_case",
    "watch",
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
