"""What the dashboard shows, as one immutable snapshot, and the provider that hands it out.

The web stage never opens the store: a :class:`Provider` (``drawdown.pipeline.serve`` implements it over the
store) gives it the current :class:`View` and takes the analyst's reviews. A view is built once per change of
the evidence, so a request reads memory and never waits for `--watch` writing the store.
"""

from __future__ import annotations

import json
import sys
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

# What the API filters claims by: each has an index, built once per view, so that a request reads the claims that
# match instead of testing each of them (that took 3.5-4.7 ms a request on 11,789 claims, BENCHMARKS.md "Dashboard").
CLAIM_INDEXES = ("site", "action", "actor1", "source_type", "confirmation", "review", "report_id")


@dataclass(frozen=True)
class SortieGroup:
    """The sorties at one airfield and/or of one event (or all of them), oldest first, ready to cut by day.

    A request picks a group and cuts a run of days from it by bisection, instead of testing each of the 100,000
    rows of the benchmark's store (which took 25-36 ms a request, BENCHMARKS.md "Dashboard").
    """

    rows: list[dict[str, Any]]
    days: list[str]  # each row's day (its time's first ten characters)
    simulated_before: array[int]  # simulated_before[i]: how many of rows[:i] come from simulated tracks
    ordered: bool  # days never go back (the view lists sorties oldest first), so a run of days can be bisected

    @classmethod
    def of(cls, rows: list[dict[str, Any]]) -> SortieGroup:
        # A few hundred distinct days among 100,000 sorties in a dozen groups: one string each (interned), and the
        # counts as machine integers, keep the groups at 11 MB instead of 47 (100,000 sorties over 58 days).
        days = [sys.intern(row["time"][:10]) for row in rows]
        counts = array("q", [0])
        for row in rows:
            counts.append(counts[-1] + bool(row.get("simulated")))
        ordered = days == sorted(days)
        return cls(rows, days, counts, ordered)

    def between(self, since: str | None, until: str | None) -> tuple[list[dict[str, Any]], int]:
        """The rows whose day is in ``since``..``until`` (None: open), and how many of them are simulated."""
        if not self.ordered:
            kept = [
                row for row, day in zip(self.rows, self.days, strict=True)
                if (since is None or day >= since) and (until is None or day <= until)
            ]  # fmt: skip
            return kept, sum(1 for row in kept if row.get("simulated"))
        start = 0 if since is None else bisect_left(self.days, since)
        end = max(start, len(self.days) if until is None else bisect_right(self.days, until))
        return self.rows[start:end], self.simulated_before[end] - self.simulated_before[start]


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
        return self.sortie_group(None, None).simulated_before[-1]

    @cached_property
    def report_list(self) -> list[dict[str, Any]]:
        """The reports without their text, newest first."""
        rows = [{k: v for k, v in r.items() if k != "text"} for r in self.reports.values()]
        return sorted(rows, key=lambda r: (r.get("published") or "", r["id"]), reverse=True)

    @cached_property
    def _claims_by(self) -> dict[str, dict[Any, list[dict[str, Any]]]]:
        index: dict[str, dict[Any, list[dict[str, Any]]]] = {key: {} for key in CLAIM_INDEXES}
        for claim in self.claims:
            for key, rows in index.items():
                rows.setdefault(claim[key], []).append(claim)
        return index

    def claims_with(self, key: str, value: Any) -> list[dict[str, Any]]:
        """The claims whose ``key`` (one of ``CLAIM_INDEXES``) is ``value``, in their order in ``claims``."""
        return self._claims_by[key].get(value, [])

    @cached_property
    def _sortie_groups(self) -> dict[tuple[str | None, str | None], SortieGroup]:
        members: dict[tuple[str | None, str | None], list[dict[str, Any]]] = {(None, None): self.sorties}
        for s in self.sorties:
            for key in ((s["airfield"], None), (None, s["event"]), (s["airfield"], s["event"])):
                members.setdefault(key, []).append(s)
        return {key: SortieGroup.of(rows) for key, rows in members.items()}

    def sortie_group(self, airfield: str | None, event: str | None) -> SortieGroup:
        """The sorties at ``airfield`` and of ``event`` (None: any), oldest first."""
        group = self._sortie_groups.get((airfield, event))
        return group if group is not None else SortieGroup.of([])

    def prepare(self) -> View:
        """Build the lookups above now (0.3-0.4 s for 11,789 claims and 100,000 sorties), so that the first
        request after the view is swapped in does not wait for them; the server does it in its refresh thread."""
        _ = self._claims_by, self._sortie_groups, self.report_list, self.simulated_sorties
        return self

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
