"""ADS-B coverage of the case's airfields over a window: which days were watched, so that "no data" is never read
as "no flights"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from drawdown.assess.evidence import Evidence, site_of_airfield


@dataclass(frozen=True)
class Watch:
    """Which days of a window the airfields were watched by ADS-B."""

    days: float  # watched hours / 24, averaged over the airfields
    covered: tuple[date, ...]  # days with any watched hour
    inferred: bool  # True when read from detected sorties: the evidence carries no coverage table


def watched(evidence: Evidence, start: date, end: date, site: str | None) -> Watch:
    """ADS-B coverage of one airfield (``site``) or all the case's airfields over the days ``start``..``end``.

    From ``Evidence.coverage`` when the Sorties stage stored it. Without it, a day counts as watched at an airfield
    when a sortie was detected there that day: "no data" is never read as "no flights", at the price of missing
    quiet days that were watched.
    """
    airfields = [site] if site is not None else [a.id for a in evidence.case.airfields]
    if not airfields:
        return Watch(0.0, (), not evidence.coverage)
    hours: dict[tuple[str, date], int] = {}
    inferred = not evidence.coverage
    if inferred:
        for sortie in evidence.sorties:
            where = site_of_airfield(evidence.case, sortie.airfield)
            if where is not None:
                hours[(where, sortie.time.date())] = 24
    else:
        for cov in evidence.coverage:
            where = site_of_airfield(evidence.case, cov.airfield)
            if where is not None:
                hours[(where, cov.day)] = max(hours.get((where, cov.day), 0), cov.hours_covered)
    total, days = 0, set()
    for (where, day), h in hours.items():
        if where in airfields and start <= day <= end and h > 0:
            total += h
            days.add(day)
    return Watch(total / 24 / len(airfields), tuple(sorted(days)), inferred)
