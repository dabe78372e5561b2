"""Constructed evidence where the right answer is known."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from drawdown.assess import Evidence
from drawdown.case import Case, load_case
from drawdown.model import Claim, Report, Sortie
from tests.conftest import NORTHLAND


@dataclass
class World:
    case: Case = field(default_factory=lambda: load_case(NORTHLAND))
    reports: dict[str, Report] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    sorties: list[Sortie] = field(default_factory=list)

    def report(self, rid: str, day: date, *, origin: str | None = None, outlet: str = "Northland Herald") -> str:
        published = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
        self.reports[rid] = Report(
            id=rid, content_hash=rid, text="...", locator=rid, format="jsonl", origin_id=origin or f"o-{rid}",
            url=f"https://{outlet.lower().replace(' ', '-')}.example/{rid}", outlet=outlet, published=published,
            title=f"Report {rid}",
        )  # fmt: skip
        return rid

    def claim(self, rid: str, site: str | None, action: str, **kw: object) -> Claim:
        defaults: dict[str, object] = {"confirmation": "unconfirmed", "modality": "asserted", "span": (0, 3)}
        claim = Claim(report_id=rid, site=site, action=action, **{**defaults, **kw})  # type: ignore[arg-type]
        self.claims.append(claim)
        return claim

    def takeoffs(self, airfield: str, start: datetime, per_day: int, days: int, **kw: object) -> None:
        for d in range(days):
            for k in range(per_day):
                t = start + timedelta(days=d, hours=3 * k)
                fields: dict[str, object] = {"callsign": f"XQ{d}{k}", "type": "Heavylifter", "confidence": 1.0}
                fields.update(kw)
                self.sorties.append(Sortie(icao24=f"a{d:02d}{k:03d}", event="takeoff", time=t, airfield=airfield,
                                           **fields))  # type: ignore[arg-type]  # fmt: skip

    def with_params(self, **params: object) -> World:
        self.case = replace(self.case, assessment=replace(self.case.assessment, **params))  # type: ignore[arg-type]
        return self

    def evidence(self) -> Evidence:
        return Evidence(self.case, dict(self.reports), tuple(self.claims), tuple(self.sorties))
