"""`drawdown extract`: claims from reports (built in the Extract issue)."""

from __future__ import annotations

from drawdown.cli.common import STUB, CaseOpt, app, guarded, not_yet


@app.command(context_settings=STUB)
@guarded
def extract(case: CaseOpt = None) -> None:
    """Extract claims (site, action, quantity, date, attribution, confirmation) from stored reports.

    Example: drawdown extract --case syria-2024   (not available yet)
    """
    not_yet("extract", "Extract")
