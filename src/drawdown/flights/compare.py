"""Match two sortie lists (JSONL with icao24, event, airfield, time): how many agree, and which do not.

Used by the sortie tests, the flight benchmarks and ``benchmarks/compare_sorties.py``. Two sorties agree
when aircraft, event and airfield are equal and the times are within ``minutes`` of each other. The
agreement is matched pairs over the larger list (so neither side can look good by reporting less).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any


def load(path: str | Path) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:
        r["_t"] = datetime.fromisoformat(r["time"].replace("Z", "+00:00"))
    return rows


# traffic's own height default for a takeoff near the runway (Flight.takeoff_from_runway's max_ft_above_airport).
EDGE_FT = 5000.0


def near_ground(rows: list[dict[str, Any]], max_ft: float = EDGE_FT) -> list[dict[str, Any]]:
    """The rows whose first / last point is at most ``max_ft`` above the field (rows without ``edge_ft`` are kept)."""
    return [r for r in rows if r.get("edge_ft") is None or r["edge_ft"] <= max_ft]


def match(
    ours: list[dict[str, Any]], theirs: list[dict[str, Any]], minutes: float
) -> tuple[list[Any], list[Any], list[Any]]:
    """(pairs, only ours, only theirs), greedy by closest time."""
    used: set[int] = set()
    pairs, only_ours = [], []
    for o in sorted(ours, key=lambda r: r["_t"]):
        best, best_dt = None, None
        for j, t in enumerate(theirs):
            if j in used or (t["icao24"], t["event"], t["airfield"]) != (o["icao24"], o["event"], o["airfield"]):
                continue
            dt = abs((t["_t"] - o["_t"]).total_seconds())
            if dt <= minutes * 60 and (best_dt is None or dt < best_dt):
                best, best_dt = j, dt
        if best is None:
            only_ours.append(o)
        else:
            used.add(best)
            pairs.append((o, theirs[best]))
    only_theirs = [t for j, t in enumerate(theirs) if j not in used]
    return pairs, only_ours, only_theirs


def agreement(ours: list[dict[str, Any]], theirs: list[dict[str, Any]], minutes: float = 30) -> float:
    pairs, _, _ = match(ours, theirs, minutes)
    return len(pairs) / max(len(ours), len(theirs), 1)


def score(
    found: list[dict[str, Any]], reference: list[dict[str, Any]], minutes: float = 10
) -> tuple[int, int, int, list[Any], list[Any]]:
    """(true positives, false positives, false negatives, the false positives, the missed) of ``found`` against a
    hand-settled ``reference`` whose rows carry ``verdict``: true (an event), false (a settled non-event) or
    unsure (the field cannot be told from the track). A detection that matches an unsure row counts neither way;
    one that matches nothing, or a false row, is a false positive."""
    events = [r for r in reference if r["verdict"] == "true"]
    unsure = [r for r in reference if r["verdict"] == "unsure"]
    pairs, rest, missed = match(found, events, minutes)
    _, false_positives, _ = match(rest, unsure, minutes)
    return len(pairs), len(false_positives), len(missed), false_positives, missed


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / max(2 * tp + fp + fn, 1)
