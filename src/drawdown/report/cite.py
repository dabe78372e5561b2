"""Citations: every sentence of a brief points at reports (outlet, date, URL) or sortie ids."""

from __future__ import annotations

from drawdown.assess import Evidence
from drawdown.model import Claim, Report
from drawdown.report import markdown as md

MAX_SORTIES = 4  # sortie ids shown inline; the rest are counted


def report(r: Report) -> str:
    return md.link(r.label, r.url)


def claim(evidence: Evidence, c: Claim) -> str:
    return report(evidence.report_of(c))


def claims(evidence: Evidence, items: list[Claim], limit: int = 3) -> str:
    """Citations for several claims, one per origin, oldest first."""
    seen: dict[str, Report] = {}
    for c in items:
        r = evidence.report_of(c)
        seen.setdefault(r.origin_id, r)
    ordered = sorted(seen.values(), key=lambda r: (r.published is None, r.published, r.id))
    shown = [report(r) for r in ordered[:limit]]
    more = f" and {len(ordered) - limit} more" if len(ordered) > limit else ""
    return "; ".join(shown) + more


def sorties(ids: tuple[str, ...] | list[str], simulated: frozenset[str] = frozenset()) -> str:
    """Sortie ids, marked when any of them was detected in simulated tracks: simulated is labelled wherever shown."""
    if not ids:
        return ""
    shown = ", ".join(f"`{i}`" for i in ids[:MAX_SORTIES])
    more = f" and {len(ids) - MAX_SORTIES} more" if len(ids) > MAX_SORTIES else ""
    fake = sum(1 for i in ids if i in simulated)
    label = "" if not fake else (" (simulated ADS-B)" if fake == len(ids) else f" ({fake} from simulated ADS-B)")
    return f"sorties {shown}{more}{label}"


def join(*parts: str) -> str:
    """``[a; b]`` from the non-empty parts, or ``[no evidence]``."""
    kept = [p for p in parts if p]
    return f"[{'; '.join(kept)}]" if kept else "[no evidence]"
