"""The dashboard's JSON API: one table of endpoints and their parameters drives validation and the OpenAPI doc.

Every parameter is checked against its spec before it is used; an unknown parameter or a bad value is a 400 that
names the parameter and says what it takes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from drawdown.model import ACTIONS, CONFIRMATIONS, SOURCE_TYPES
from drawdown.web.view import View

MAX_LIMIT = 5000  # rows in one page of claims, sorties or reports
DEFAULT_LIMIT = 500
MAX_TEXT = 200  # characters of a free-text parameter (site, actor, airfield)
REPORT_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,100}$")
REVIEW_STATES = ("reviewed", "unreviewed")
EVENTS = ("takeoff", "landing")


class BadParameter(ValueError):
    def __init__(self, name: str, message: str) -> None:
        self.name = name
        super().__init__(f"parameter {name}: {message}")


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # string | date | integer
    help: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    default: int | None = None

    def parse(self, raw: str) -> Any:
        if self.kind == "integer":
            if not re.fullmatch(r"\d{1,9}", raw):
                raise BadParameter(self.name, f"{raw[:40]!r} is not a whole number")
            value = int(raw)
            if (self.minimum is not None and value < self.minimum) or (
                self.maximum is not None and value > self.maximum
            ):
                raise BadParameter(self.name, f"{value} is outside {self.minimum}..{self.maximum}")
            return value
        if self.kind == "date":
            try:
                return date.fromisoformat(raw).isoformat()
            except ValueError:
                raise BadParameter(self.name, f"{raw[:40]!r} is not a date (YYYY-MM-DD)") from None
        if self.choices and raw not in self.choices:
            raise BadParameter(self.name, f"{raw[:40]!r} is not one of {', '.join(self.choices)}")
        if len(raw) > MAX_TEXT:
            raise BadParameter(self.name, f"longer than {MAX_TEXT} characters")
        return raw

    def schema(self) -> dict[str, Any]:
        if self.kind == "integer":
            out: dict[str, Any] = {"type": "integer"}
            if self.minimum is not None:
                out["minimum"] = self.minimum
            if self.maximum is not None:
                out["maximum"] = self.maximum
            if self.default is not None:
                out["default"] = self.default
            return out
        if self.kind == "date":
            return {"type": "string", "format": "date"}
        if self.choices:
            return {"type": "string", "enum": list(self.choices)}
        return {"type": "string", "maxLength": MAX_TEXT}


PAGE = (
    Param("limit", "integer", "Rows to return.", minimum=1, maximum=MAX_LIMIT, default=DEFAULT_LIMIT),
    Param("offset", "integer", "Rows to skip.", minimum=0, maximum=10**9, default=0),
)


def parse_query(params: Sequence[Param], query: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """The validated parameters of a request: unknown or repeated names and bad values raise BadParameter."""
    specs = {p.name: p for p in params}
    out: dict[str, Any] = {p.name: p.default for p in params if p.default is not None}
    seen: set[str] = set()
    for name, raw in query:
        if name not in specs:
            known = ", ".join(specs) or "none"
            raise BadParameter(name[:40], f"unknown (this endpoint takes {known})")
        if name in seen:
            raise BadParameter(name, "given twice")
        seen.add(name)
        out[name] = specs[name].parse(raw)
    return out


def page(rows: Sequence[dict[str, Any]], args: dict[str, Any]) -> dict[str, Any]:
    offset, limit = args["offset"], args["limit"]
    return {"total": len(rows), "offset": offset, "limit": limit, "items": list(rows[offset : offset + limit])}


# ------------------------------------------------------------------------------------------------ handlers


# The claims' parameters that name one value of a column, and that column (indexed in the view).
CLAIM_EQUALS = {"site": "site", "action": "action", "actor": "actor1", "source_type": "source_type",
                "confirmation": "confirmation", "review": "review", "report": "report_id"}  # fmt: skip


def claims(view: View, args: dict[str, Any]) -> dict[str, Any]:
    wanted = [(column, args[name]) for name, column in CLAIM_EQUALS.items() if name in args]
    # Start from the view's index of the most selective of these rather than from every claim.
    rows: Sequence[dict[str, Any]] = min(
        (view.claims_with(column, value) for column, value in wanted), key=len, default=view.claims
    )
    for column, value in wanted:
        rows = [c for c in rows if c[column] == value]
    since, until = args.get("since"), args.get("until")
    if since is not None or until is not None:  # a claim with no date is in no period
        rows = [
            c for c in rows
            if (day := c.get("event_date")) and (since is None or day >= since) and (until is None or day <= until)
        ]  # fmt: skip
    return page(rows, args)


def sorties(view: View, args: dict[str, Any]) -> dict[str, Any]:
    group = view.sortie_group(args.get("airfield"), args.get("event"))
    rows, simulated = group.between(args.get("since"), args.get("until"))
    return {**page(rows, args), "simulated": simulated}


@dataclass(frozen=True)
class Endpoint:
    path: str
    summary: str
    params: tuple[Param, ...]
    answer: Callable[[View, dict[str, Any]], Any]


ENDPOINTS = (
    Endpoint("/api/summary", "The case, the as-of date and what is in the store; `version` changes with the data.",
             (), lambda v, _a: v.summary()),
    Endpoint("/api/sites", "Each site: status, probabilities, force remaining and its daily status timeline.",
             (), lambda v, _a: v.sites),
    Endpoint(
        "/api/claims",
        "Claims as ACLED-style events, as reviewed (rejected claims left out), filtered.",
        (
            Param("site", "string", "Case site id."),
            Param("action", "string", "Action.", ACTIONS),
            Param("actor", "string", "Actor (actor1)."),
            Param("source_type", "string", "Type of the source.", SOURCE_TYPES),
            Param("confirmation", "string", "Confirmation.", CONFIRMATIONS),
            Param("review", "string", "Review state.", REVIEW_STATES),
            Param("report", "string", "Report id."),
            Param("since", "date", "Event on or after this day."),
            Param("until", "date", "Event on or before this day."),
            *PAGE,
        ),
        claims,
    ),
    Endpoint(
        "/api/sorties",
        "Sorties detected in ADS-B tracks, oldest first; `simulated` marks those from simulated tracks.",
        (
            Param("airfield", "string", "ICAO code or site id."),
            Param("event", "string", "takeoff or landing.", EVENTS),
            Param("since", "date", "On or after this day."),
            Param("until", "date", "On or before this day."),
            *PAGE,
        ),
        sorties,
    ),
    Endpoint("/api/assessments", "Force remaining over time (median and 80% interval) and the stated deadlines.",
             (), lambda v, _a: {"series": v.series, "deadlines": v.case.get("deadlines", [])}),
    Endpoint("/api/reports", "Reports without their text, newest first.", PAGE, lambda v, a: page(v.report_list, a)),
    Endpoint("/api/places", "Names in claims that are not sites of the case (other actors, countries, towns).",
             (), lambda v, _a: v.places),
    Endpoint("/api/rejected", "Claims an analyst marked wrong, left out of the claims and the assessment; "
             "DELETE /api/reviews restores one.", (), lambda v, _a: v.rejected),
    Endpoint("/api/brief", "The brief, as Markdown and as HTML.", (),
             lambda v, _a: {"markdown": v.brief_markdown, "html": v.brief_html}),
)  # fmt: skip


def report(view: View, report_id: str) -> dict[str, Any] | None:
    """One report with its text and the spans of its claims; None when there is no such report."""
    if not REPORT_ID.fullmatch(report_id):
        raise BadParameter("report_id", "not a report id")
    found = view.reports.get(report_id)
    if found is None:
        return None
    spans = [
        {"id": c["event_id_cnty"], "span": [c["span_start"], c["span_end"]], "action": c["action"]}
        for c in view.claims_with("report_id", report_id)
    ]
    return {**found, "claims": spans}


REVIEW_BODY = {
    "type": "object",
    "required": ["report_id", "span", "action", "verdict"],
    "properties": {
        "report_id": {"type": "string"},
        "span": {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2},
        "action": {"type": "string", "enum": list(ACTIONS)},
        "verdict": {"type": "string", "enum": ["correct", "wrong", "edited"]},
        "site": {"type": ["string", "null"]},
        "new_action": {"type": ["string", "null"], "enum": [*ACTIONS, None]},
        "quantity": {"type": ["number", "null"], "minimum": 0},
        "confirmation": {"type": ["string", "null"], "enum": [*CONFIRMATIONS, None]},
        "note": {"type": ["string", "null"]},
    },
    "additionalProperties": False,
}


REVIEW_KEY = {
    "type": "object",
    "required": ["report_id", "span", "action"],
    "properties": {k: REVIEW_BODY["properties"][k] for k in ("report_id", "span", "action")},  # type: ignore[index]
    "additionalProperties": False,
}


def openapi(version: str) -> dict[str, Any]:
    """The OpenAPI 3.1 description of the endpoints above, the report endpoint and the review write."""
    paths: dict[str, Any] = {}
    for ep in ENDPOINTS:
        paths[ep.path] = {"get": {
            "summary": ep.summary,
            "parameters": [{"name": p.name, "in": "query", "description": p.help, "schema": p.schema()}
                           for p in ep.params],
            "responses": {"200": {"description": "JSON"}, "400": {"description": "A parameter is not valid"}},
        }}  # fmt: skip
    paths["/api/reports/{report_id}"] = {"get": {
        "summary": "One report with its text and the character spans of its claims.",
        "parameters": [{"name": "report_id", "in": "path", "required": True,
                        "schema": {"type": "string", "pattern": REPORT_ID.pattern}}],
        "responses": {"200": {"description": "JSON"}, "404": {"description": "No such report"}},
    }}  # fmt: skip
    paths["/api/reviews"] = {"post": {
        "summary": "Mark a claim correct or wrong, or edit its site, action, quantity or confirmation.",
        "parameters": [{"name": "X-Drawdown-Token", "in": "header", "required": True, "schema": {"type": "string"},
                        "description": "The token `drawdown serve` printed at start."}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": REVIEW_BODY}}},
        "responses": {"200": {"description": "The review as stored"}, "400": {"description": "A field is not valid"},
                      "403": {"description": "No token, or the wrong one"}},
    }}  # fmt: skip
    paths["/api/reviews"]["delete"] = {
        "summary": "Remove a claim's review (undo): a claim marked wrong is back in the assessment as read.",
        "parameters": paths["/api/reviews"]["post"]["parameters"],
        "requestBody": {"required": True, "content": {"application/json": {"schema": REVIEW_KEY}}},
        "responses": {"200": {"description": "Whether there was a review to remove"},
                      "400": {"description": "A field is not valid"},
                      "403": {"description": "No token, or the wrong one"},
                      "404": {"description": "The claim has no review"}},
    }  # fmt: skip
    return {"openapi": "3.1.0", "info": {"title": "drawdown dashboard", "version": version}, "paths": paths}
