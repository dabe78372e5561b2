"""Exports: sites, claims, sorties and reports as rows, and the writers of GeoJSON, CSV, Parquet and JSONL.

Pure: an assessment and records in, rows and bytes out. Claims are written as ACLED-style events: the columns
analysts' ACLED tooling reads come first, in ACLED's order, and drawdown's own columns follow.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from drawdown.assess import Assessment
from drawdown.model import Claim, Report, ReviewTally, Sortie

FORMATS = ("geojson", "csv", "parquet", "jsonl")
WHATS = ("sites", "claims", "sorties", "reports")
GEO_WHATS = ("sites", "claims")  # what has coordinates; sorties and reports have none of their own

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
)  # fmt: skip
# ACLED's time_precision codes: 1 the exact day, 2 within a week, 3 within a month.
TIME_PRECISION_CODES = {"day": 1, "week": 2, "month": 3}
# ACLED files a withdrawal under "Strategic developments"; the sub-event says what kind of move it is.
SUB_EVENT = {
    "withdrawal_complete": "Non-violent transfer of territory",
    "evacuated": "Non-violent transfer of territory",
    "negotiation": "Agreement",
}
OTHER_SUB_EVENT = "Other"


def _day(moment: datetime | None) -> date | None:
    return moment.date() if moment else None


def site_rows(result: Assessment) -> list[dict[str, Any]]:
    """One row per case site: where it is, its status with the three probabilities, and its force remaining."""
    case = result.evidence.case
    rows = []
    for status in result.sites:
        site = case.site(status.site)
        force = result.force.per_site.get(site.id)
        p = status.probabilities
        rows.append({
            "site": site.id, "name": site.name, "kind": site.kind, "icao": site.icao,
            "latitude": site.lat, "longitude": site.lon, "status": status.status,
            "p_present": round(p["present"], 4), "p_drawing_down": round(p["drawing_down"], 4),
            "p_withdrawn": round(p["withdrawn"], 4), "weight": round(status.weight, 4),
            "last_evidence": status.last_evidence,
            "force_remaining": None if force is None else round(force.median),
            "force_remaining_low": None if force is None else round(force.low),
            "force_remaining_high": None if force is None else round(force.high),
            "as_of": result.as_of,
        })  # fmt: skip
    return rows


def claim_rows(result: Assessment, reviews: ReviewTally, claim_id: Callable[[Claim], str]) -> list[dict[str, Any]]:
    """One ACLED-style event per claim the assessment read (claims an analyst rejected are not among them)."""
    ev, case = result.evidence, result.evidence.case
    sites = {s.id: s for s in case.sites}
    rows = []
    for claim, cred in zip(ev.claims, result.credibility, strict=True):
        report = ev.report_of(claim)
        site = sites.get(claim.site or "")
        day = ev.claim_day(claim)
        rows.append({
            "event_id_cnty": claim_id(claim),
            "event_date": day,
            "time_precision": TIME_PRECISION_CODES.get(claim.time_precision or "", 3 if day else None),
            "event_type": "Strategic developments",
            "sub_event_type": SUB_EVENT.get(claim.action, OTHER_SUB_EVENT),
            "actor1": claim.actor or case.actor.name,
            "location": site.name if site else (claim.site_name or claim.site),
            "latitude": site.lat if site else None,
            "longitude": site.lon if site else None,
            "geo_precision": 1 if site else None,  # ACLED's 1: the exact place; a claim with no site has none
            "source": report.outlet or report.url or report.locator,
            "source_scale": None,  # ACLED's national/international scale is not known for an ingested outlet
            "notes": claim.sentence,
            "report_id": claim.report_id, "site": claim.site, "site_name": claim.site_name,
            "action": claim.action, "quantity": claim.quantity, "unit": claim.unit,
            "confirmation": claim.confirmation, "modality": claim.modality, "attribution": claim.attribution,
            "source_type": claim.source_type, "hedges": "; ".join(claim.hedges),
            "credibility": cred.rating, "review": "reviewed" if reviews.is_reviewed(claim) else "unreviewed",
            "span_start": claim.span[0], "span_end": claim.span[1], "url": report.url,
            "published": _day(report.published), "due_date": claim.due_date,
        })  # fmt: skip
    return rows


def sortie_rows(sorties: Iterable[Sortie], simulated: set[str]) -> list[dict[str, Any]]:
    """One row per sortie; ``simulated`` holds the ids of sorties detected in simulated ADS-B tracks."""
    return [
        {
            "id": s.id, "icao24": s.icao24, "callsign": s.callsign, "registration": s.registration, "type": s.type,
            "event": s.event, "time": s.time, "airfield": s.airfield, "destination": s.destination,
            "confidence": s.confidence, "inferred": s.inferred, "payload_tonnes": s.payload_tonnes,
            "payload_low": s.payload_low, "payload_high": s.payload_high, "simulated": s.id in simulated,
        }
        for s in sorties
    ]  # fmt: skip


def report_rows(reports: Iterable[Report]) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id, "origin_id": r.origin_id, "url": r.url, "outlet": r.outlet, "published": r.published,
            "title": r.title, "format": r.format, "locator": r.locator, "external_id": r.external_id,
            "content_hash": r.content_hash, "text": r.text,
        }
        for r in reports
    ]  # fmt: skip


# ------------------------------------------------------------------------------------------------- writers


def plain(value: Any) -> Any:
    """What a text format writes: ISO dates and times, everything else as it is."""
    return value.isoformat() if isinstance(value, date | datetime) else value


def geojson(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection of the rows that have coordinates (QGIS reads it as a point layer)."""
    features = []
    for row in rows:
        if row.get("latitude") is None or row.get("longitude") is None:
            continue
        props = {k: plain(v) for k, v in row.items() if k not in ("latitude", "longitude")}
        point = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
        features.append({"type": "Feature", "geometry": point, "properties": props})
    return {"type": "FeatureCollection", "features": features}


def write_rows(rows: Sequence[dict[str, Any]], fmt: str, sink: BinaryIO, columns: Sequence[str] = ()) -> None:
    """Write ``rows`` to ``sink`` as ``fmt``; ``columns`` names the columns of an empty table."""
    names = list(rows[0]) if rows else list(columns)
    if fmt == "geojson":
        sink.write(json.dumps(geojson(rows), ensure_ascii=False).encode() + b"\n")
    elif fmt == "jsonl":
        for row in rows:
            sink.write(json.dumps({k: plain(v) for k, v in row.items()}, ensure_ascii=False).encode() + b"\n")
    elif fmt == "csv":
        text = io.StringIO(newline="")
        writer = csv.DictWriter(text, fieldnames=names, lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: "" if v is None else plain(v) for k, v in row.items()} for row in rows)
        sink.write(text.getvalue().encode())
    elif fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(list(rows)) if rows else pa.table({n: pa.array([], pa.string()) for n in names})
        pq.write_table(table, sink)
    else:
        raise ValueError(f"unknown export format {fmt!r}")


def write_file(rows: Sequence[dict[str, Any]], fmt: str, path: Path, columns: Sequence[str] = ()) -> None:
    with path.open("wb") as sink:
        write_rows(rows, fmt, sink, columns)
