"""The HTML report around the store: build the dashboard's view once and write it as one file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from drawdown.case import Case
from drawdown.errors import NotAvailableError
from drawdown.pipeline.view import build_view
from drawdown.store.db import Store
from drawdown.web.report import AssetsMissing, render_report


def write_report(store: Store, case: Case, path: str | Path, *, as_of: date | None = None) -> Path:
    """Write the self-contained HTML report of the stored evidence to ``path``."""
    try:
        html = render_report(build_view(store, case, 1, as_of=as_of))
    except AssetsMissing as exc:
        raise NotAvailableError(
            f"the report's browser assets are not built ({exc})",
            fix="run `make web-assets` (installs them from npm) in the drawdown source folder",
        ) from None
    out = Path(path)
    out.write_text(html, encoding="utf-8")
    return out
