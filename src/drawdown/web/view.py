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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol, overload

# What the API filters claims by: each has an index, built once per view, so that a request reads the claims that
# match instead of testing each of them (that took 3.5-4.7 ms a request on 11,789 claims, BENCHMARKS.md "Dashboard").
CLAIM_INDEXES = ("site", "action", "actor1", "source_type", "confirmation", "review", "report_id")

Row = dict[str, Any]


class Picked(Sequence[Row]):
    """The rows of ``rows`` at ``positions``, in that order, read when asked for.

    The indexes keep positions (machine integers) rather than lists of the rows: lists of 887,000 references to
    rows made each of the server's full garbage collections walk them all, 17 ms with the GIL held, every time
    (BENCHMARKS.md, "Dashboard"); an array of positions is nothing for the collector to walk.
    """

    def __init__(self, rows: Sequence[Row], positions: Sequence[int]) -> None:
        self._rows, self._positions = rows, positions

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, index: int) -> Row: ...
    @overload
    def __getitem__(self, index: slice) -> Picked: ...
    def __getitem__(self, index: int | slice) -> Row | Picked:
        if isinstance(index, slice):  # a slice of the positions: no row is read until asked for
            return Picked(self._rows, self._positions[index])
        return self._rows[self._positions[index]]

    def __iter__(self) -> Iterator[Row]:
        return (self._rows[i] for i in self._positions)


@dataclass(frozen=True)
class SortieGroup:
    """The sorties at one airfield and/or of one event (or all of them), oldest first, ready to cut by day.

    A request picks a group and cuts a run of days from it by bisection, instead of testing each of the 100,000
    rows of the benchmark's store (which took 25-36 ms a request, BENCHMARKS.md "Dashboard").
    """

    rows: Picked  # the group's sorties, as positions in the view's list
    days: list[str]  # each row's day (its time's first ten characters)
    simulated_before: array[int]  # simulated_before[i]: how many of rows[:i] come from simulated tracks
    ordered: bool  # days never go back (the view lists sorties oldest first), so a run of days can be bisected

    @classmethod
    def of(cls, sorties: Sequence[Row], positions: Sequence[int]) -> SortieGroup:
        # A few hundred distinct days among 100,000 sorties in a dozen groups: one string each (interned), and the
        # counts as machine integers, keep the groups at 11 MB instead of 47 (100,000 sorties over 58 days).
        rows = Picked(sorties, positions)
        days = [sys.intern(row["time"][:10]) for row in rows]
        counts = array("q", [0])
        for row in rows:
            counts.append(counts[-1] + bool(row.get("simulated")))
        ordered = days == sorted(days)
        return cls(rows, days, counts, ordered)

    def between(self, since: str | None, until: str | None) -> tuple[Sequence[Row], int]:
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
    def _claims_by(self) -> dict[str, dict[Any, array[int]]]:
        index: dict[str, dict[Any, array[int]]] = {key: {} for key in CLAIM_INDEXES}
        for i, claim in enumerate(self.claims):
            for key, positions in index.items():
                positions.setdefault(claim[key], array("q")).append(i)
        return index

    def claims_with(self, key: str, value: Any) -> Picked:
        """The claims whose ``key`` (one of ``CLAIM_INDEXES``) is ``value``, in their order in ``claims``."""
        return Picked(self.claims, self._claims_by[key].get(value, array("q")))

    @cached_property
    def _sortie_groups(self) -> dict[tuple[str | None, str | None], SortieGroup]:
        members: dict[tuple[str | None, str | None], array[int]] = {(None, None): array("q", range(len(self.sorties)))}
        for i, s in enumerate(self.sorties):
            for key in ((s["airfield"], None), (None, s["event"]), (s["airfield"], s["event"])):
                members.setdefault(key, array("q")).append(i)
        return {key: SortieGroup.of(self.sorties, positions) for key, positions in members.items()}

    def sortie_group(self, airfield: str | None, event: str | None) -> SortieGroup:
        """The sorties at ``airfield`` and of ``event`` (None: any), oldest first."""
        group = self._sortie_groups.get((airfield, event))
        return group if group is not None else SortieGroup.of(self.sorties, array("q"))

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
