"""The assessment as JSON: what `drawdown assess` stores as a snapshot and prints with ``--json``."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from drawdown.assess import Assessment
from drawdown.report.arithmetic import check_lines, claimed, force_lines


def _interval(value: Any) -> dict[str, float] | None:
    return None if value is None else {k: round(v, 3) for k, v in dataclasses.asdict(value).items()}


def to_json(result: Assessment) -> dict[str, Any]:
    """A JSON-ready snapshot."""
    claims = [
        {
            "report_id": c.report_id, "site": c.site, "action": c.action, "confirmation": c.confirmation,
            "modality": c.modality, "credibility": cred.grade, "rating": cred.rating, "source": cred.source,
        }
        for c, cred in zip(result.evidence.claims, result.credibility, strict=True)
    ]  # fmt: skip
    force = result.force
    return {
        "case": result.case_id,
        "as_of": result.as_of.isoformat(),
        "seed": result.seed,
        "sites": [
            {
                "site": s.site, "status": s.status, "weight": round(s.weight, 4),
                "probabilities": {k: round(v, 4) for k, v in s.probabilities.items()},
                "last_evidence": s.last_evidence.isoformat() if s.last_evidence else None,
                "settled_on": s.settled_on.isoformat() if s.settled_on else None,
                "last_seen": s.last_seen,
                "contradictions": list(s.contradictions),
                "timeline": [[d.isoformat(), st, round(p, 4)] for d, st, p in result.timelines.get(s.site, ())],
            }
            for s in result.sites
        ],
        "force": {
            "personnel_remaining": _interval(force.personnel_remaining),
            "removed_percent": _interval(force.removed_percent),
            "removed_tonnes": _interval(force.removed_tonnes),
            "pace_tonnes_per_day": _interval(force.pace_tonnes_per_day),
            "pace_percent_per_day": _interval(force.pace_percent_per_day),
            "completion": [d.isoformat() for d in force.completion] if force.completion else None,
            "completion_note": force.completion_note,
            "per_site": {k: _interval(v) for k, v in force.per_site.items()},
            "deadlines": [
                {"label": d.label, "due": d.due.isoformat(), "probability": d.probability, "source": d.source,
                 "reason": d.reason, "completions": list(d.completions), "with_flights": d.with_flights}
                for d in force.deadlines
            ],
            "arithmetic": force_lines(result),
            "sorties_counted": list(force.lift.sorties),
            "sorties_unknown_payload": list(force.lift.unknown_type),
        },
        # Sorties detected in simulated tracks: whoever reads the snapshot can label them as the brief does.
        "simulated_sorties": sorted(s.id for s in result.evidence.sorties if s.id in result.evidence.simulated),
        "undated_reports": [r.id for r in result.undated],
        "checks": [
            {"kind": c.kind, "claim_index": c.claim_index, "claimed": claimed(c), "verdict": c.verdict,
             "arithmetic": check_lines(c), "sorties": list(c.sorties), "reason": c.reason}
            for c in result.checks
        ],
        "claims": claims,
    }  # fmt: skip


def dumps(result: Assessment) -> str:
    return json.dumps(to_json(result), sort_keys=True, default=str)
