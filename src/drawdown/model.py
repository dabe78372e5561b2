"""Domain records and the vocabulary shared with evaluation tools (see BRIEF.md; keep these stable)."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import Final, Literal

ACTIONS: Final = (
    "withdrawal_started",
    "withdrawal_partial",
    "withdrawal_complete",
    "evacuated",
    "convoy_departed",
    "flights_departed",
    "ships_departed",
    "equipment_loaded",
    "presence_maintained",
    "reinforcement",
    "negotiation",
    "other",
)
SOURCE_TYPES: Final = ("official", "observer", "satellite", "flight_tracking", "anonymous", "media")
CONFIRMATIONS: Final = ("confirmed", "unconfirmed", "denied")
MODALITIES: Final = ("asserted", "planned", "negated")
EVIDENCE_KINDS: Final = ("onground", "altitude", "inferred")
UNITS: Final = ("flights", "vehicles", "ships", "troops", "posts", "percent", "tonnes")
# A long command's progress: called with (steps done, steps in all, what is being done); the CLI draws it as a bar.
# Ingest counts inputs, extract reports, sortie detection its steps.
ProgressHook = Callable[[int, int, str], None]
TIME_PRECISIONS: Final = ("day", "week", "month")
# An analyst's verdict on a claim: the machine read it right, wrong (the claim is left out), or edited.
REVIEW_VERDICTS: Final = ("correct", "wrong", "edited")
# Admiralty (NATO STANAG 2511) source reliability: A completely reliable ... F cannot be judged.
RELIABILITY_GRADES: Final = ("A", "B", "C", "D", "E", "F")

SourceType = Literal["official", "observer", "satellite", "flight_tracking", "anonymous", "media"]
TimePrecision = Literal["day", "week", "month"]


@dataclass(frozen=True)
class Document:
    """A document read from an input, before it is stored. Readers produce these; they never touch the store."""

    text: str
    locator: str
    format: str
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    title: str | None = None
    external_id: str | None = None
    # Structured fields a format carries beside the text (ACLED: event_date, location, latitude, longitude,
    # source; GDELT: event codes and places). Stored as JSON in reports.meta.
    meta: dict[str, str] | None = None


@dataclass(frozen=True)
class Report:
    """One stored document. ``origin_id`` groups it with its copies."""

    id: str
    content_hash: str
    text: str
    locator: str
    format: str
    origin_id: str
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    title: str | None = None
    external_id: str | None = None

    @property
    def label(self) -> str:
        """How a brief cites the report: outlet and date, falling back to what is known."""
        who = self.outlet or (self.url or self.locator)
        when = self.published.date().isoformat() if self.published else "undated"
        return f"{who}, {when}"


@dataclass(frozen=True)
class OriginMember:
    report: Report
    method: str  # founder | exact | near | rewrite
    score: float | None


@dataclass(frozen=True)
class OriginGroup:
    """One origin: its reports (earliest-published first) and the representative that stands for them."""

    id: str
    method: str
    representative: Report
    members: tuple[OriginMember, ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "origin": self.id,
            "method": self.method,
            "representative": self.representative.id,
            "size": len(self.members),
            "members": [
                {"report": m.report.id, "outlet": m.report.outlet, "url": m.report.url, "title": m.report.title,
                 "published": m.report.published.isoformat() if m.report.published else None,
                 "method": m.method, "score": m.score}
                for m in self.members
            ],
        }  # fmt: skip


@dataclass(frozen=True)
class IngestFailure:
    """One input item that could not be ingested, with a message that names it and the fix."""

    where: str
    message: str


@dataclass
class IngestResult:
    """What one ingest run did. ``ok`` is False when any item failed."""

    run_id: str
    added: list[str] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)
    skipped: int = 0
    failures: list[IngestFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def seen(self) -> int:
        return len(self.added) + self.skipped + len(self.failures)


@dataclass(frozen=True)
class Claim:
    """One assertion extracted from a report (the Extract stage returns these; Assess consumes them).

    ``site`` is the case's site id, or the actor's name for a claim about another actor. ``span`` indexes the
    report's stored text. ``due_date`` is set on planned claims that state a deadline.
    """

    report_id: str
    site: str | None
    action: str
    confirmation: str
    modality: str
    span: tuple[int, int]
    sentence: str = ""
    site_name: str | None = None
    actor: str | None = None
    quantity: float | None = None
    unit: str | None = None
    event_date: date | None = None
    time_precision: str | None = None
    due_date: date | None = None
    source_type: str | None = None
    attribution: str | None = None
    hedges: tuple[str, ...] = ()


ClaimKey = tuple[str, tuple[int, int], str]  # (report id, span, action): where a claim was read, and what


def claim_key(claim: Claim) -> ClaimKey:
    """What a review is keyed on: unlike a claim id it does not change when the extractor's other readings do."""
    return (claim.report_id, claim.span, claim.action)


@dataclass(frozen=True)
class Review:
    """An analyst's verdict on one claim, keyed by (report, span, action) so that it survives re-extraction.

    ``edited`` replaces the fields given (site, action, quantity, confirmation) and keeps the others.
    """

    report_id: str
    span: tuple[int, int]
    action: str
    verdict: str
    site: str | None = None
    new_action: str | None = None
    quantity: float | None = None
    confirmation: str | None = None
    note: str | None = None
    reviewed_at: datetime | None = None

    @property
    def key(self) -> ClaimKey:
        return (self.report_id, self.span, self.action)

    def apply(self, claim: Claim) -> Claim | None:
        """The claim as the analyst has it: None when rejected, the edited fields replaced."""
        if self.verdict == "wrong":
            return None
        if self.verdict == "correct":
            return claim
        return dataclasses.replace(
            claim,
            site=claim.site if self.site is None else self.site,
            action=claim.action if self.new_action is None else self.new_action,
            quantity=claim.quantity if self.quantity is None else self.quantity,
            confirmation=claim.confirmation if self.confirmation is None else self.confirmation,
        )


@dataclass(frozen=True)
class ReviewTally:
    """What the analysts' reviews did to the stored claims: the keys of the claims they checked (after edits)."""

    reviewed: frozenset[ClaimKey] = frozenset()
    correct: int = 0
    edited: int = 0
    rejected: int = 0

    def is_reviewed(self, claim: Claim) -> bool:
        return claim_key(claim) in self.reviewed

    @property
    def total(self) -> int:
        return self.correct + self.edited + self.rejected


@dataclass(frozen=True)
class Mention:
    """A case site named in a report (its title or text), found when the report was extracted."""

    report_id: str
    site: str


@dataclass(frozen=True)
class Coverage:
    """Which hours of one UTC day an airfield was watched: hours with any state vector within 50 km of the
    field and below 10,000 ft (from the Sorties stage). An hour absent here is "no data", not "no flights"."""

    airfield: str
    day: date
    hours: tuple[int, ...]  # sorted hours of the day, 0-23, with at least one state vector

    @property
    def hours_covered(self) -> int:
        return len(self.hours)


@dataclass(frozen=True)
class Sortie:
    """A takeoff or landing of an aircraft of interest at a monitored airfield (from the Sorties stage).

    ``airfield`` is an ICAO code or a case site id. ``confidence`` is in [0, 1]; it is lower when the event is
    inferred from coverage that starts or ends in the air. ``payload_*`` come from the case's type table.
    """

    icao24: str
    callsign: str | None
    event: str
    time: datetime
    airfield: str
    confidence: float
    type: str | None = None
    destination: str | None = None
    payload_tonnes: float | None = None
    payload_low: float | None = None
    payload_high: float | None = None
    inferred: bool = False
    wave: int | None = None
    # The airborne part of the track next to the event (after a takeoff, before a landing): where coverage of
    # the flight starts and ends, so a reader can check the destination or the inferred origin.
    first_lat: float | None = None
    first_lon: float | None = None
    last_lat: float | None = None
    last_lon: float | None = None
    registration: str | None = None
    # What the event rests on (EVIDENCE_KINDS): on-ground flags at the field, the altitude and speed profile
    # alone (feeds without on-ground flags, cropped tracks), or coverage that starts or ends in the air.
    evidence: str | None = None

    @cached_property
    def id(self) -> str:
        """Stable id: the same event detected twice gets the same id (so storing is idempotent).

        Computed once per sortie: the assessment cites the same sorties from thousands of claims."""
        key = f"{self.icao24}|{self.event}|{self.airfield}|{self.time.isoformat()}"
        return "s-" + hashlib.sha256(key.encode()).hexdigest()[:12]
