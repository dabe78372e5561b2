"""What the dashboard shows, as one immutable snapshot, and the provider that hands it out.

The web stage never opens the store: a :class:`Provider` (``drawdown.pipeline.serve`` implements it over the
store) gives it the current :class:`View` and takes the analyst's reviews. A view is built once per change of
the evidence, so a request reads memory and never waits for `--watch` writing the store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol


@dataclass(frozen=True)
class View:
    """One consistent snapshot of the case: every list is JSON-ready (dates as ISO strings)."""

    version: int
    case: dict[str, Any]  # id, title, start, as_of, actor, baseline, deadlines
    sites: list[dict[str, Any]]  # status, probabilities, force remaining, daily timeline
    claims: list[dict[str, Any]]  # ACLED-style rows plus id, review state, report title
    sorties: list[dict[str, Any]]  # oldest first; ``simulated`` marks those from simulated tracks
    series: list[dict[str, Any]]  # force remaining over time: as_of, median, low, high
    reports: dict[str, dict[str, Any]]  # id -> url, outlet, published, title, text
    places: list[dict[str, Any]]  # names in claims that are not sites of the case
    brief_markdown: str
    brief_html: str
    # Claims the analyst marked wrong (left out of ``claims`` and of the assessment), so that they can be restored.
    rejected: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def simulated_sorties(self) -> int:
        return sum(1 for s in self.sorties if s.get("simulated"))

    @cached_property
    def report_list(self) -> list[dict[str, Any]]:
        """The reports without their text, newest first."""
        rows = [{k: v for k, v in r.items() if k != "text"} for r in self.reports.values()]
        return sorted(rows, key=lambda r: (r.get("published") or "", r["id"]), reverse=True)

    def summary(self) -> dict[str, Any]:
        return {
            "version": self.version, "case": self.case, "claims": len(self.claims), "sorties": len(self.sorties),
            "simulated_sorties": self.simulated_sorties, "reports": len(self.reports),
        }  # fmt: skip

    @cached_property
    def data_json(self) -> str:
        """Everything the page needs, as one JSON document (the HTML report embeds it)."""
        return json.dumps(
            {
                "summary": self.summary(), "sites": self.sites, "claims": self.claims, "sorties": self.sorties,
                "series": self.series, "places": self.places, "brief_html": self.brief_html,
                "reports": self.reports,
            },
            ensure_ascii=False, separators=(",", ":"),
        )  # fmt: skip


class Provider(Protocol):
    """Where the dashboard gets its data and sends the analyst's reviews."""

    def view(self) -> View:
        """The current snapshot (cheap: called on every request)."""
        ...

    def save_review(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Check and store one review; raises ``InputError`` on a bad field. Returns the review as stored."""
        ...

    def remove_review(self, payload: dict[str, Any]) -> bool:
        """Remove the review of the claim ``payload`` names (report_id, span, action), restoring the machine's
        reading; raises ``InputError`` on a bad field. Returns whether there was a review."""
        ...
