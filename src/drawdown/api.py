"""The Python API: the same functions the CLI calls, for notebooks and scripts.

>>> import drawdown
>>> store = drawdown.open_store("drawdown.duckdb")
>>> drawdown.ingest(store, ["reports/"])
>>> print(drawdown.brief(store, drawdown.load_case("syria-2024")))
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from drawdown.case import Case
from drawdown.pipeline import last_evidence_date, load_reports
from drawdown.report.brief import render_brief
from drawdown.store.db import Store


def brief(store: Store, case: Case, *, as_of: date | None = None) -> str:
    """The Markdown brief as of ``as_of`` (default: the date of the latest stored evidence, else today)."""
    day = as_of or last_evidence_date(store) or date.today()
    return render_brief(case, load_reports(store, as_of=day), day)


def write_brief(store: Store, case: Case, path: str | Path, *, as_of: date | None = None) -> str:
    text = brief(store, case, as_of=as_of)
    Path(path).write_text(text, encoding="utf-8")
    return text
