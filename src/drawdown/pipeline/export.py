"""Exports around the store: assess the stored (reviewed) evidence and write sites, claims, sorties or reports."""

from __future__ import annotations

from datetime import date
from typing import Any, BinaryIO

from drawdown.case import Case
from drawdown.errors import InputError
from drawdown.pipeline.assess import assess_store
from drawdown.pipeline.reviews import reviewed_claims
from drawdown.report.export import (
    ACLED_COLUMNS,
    FORMATS,
    GEO_WHATS,
    WHATS,
    claim_rows,
    report_rows,
    site_rows,
    sortie_rows,
    write_rows,
)
from drawdown.store.claims import claim_id
from drawdown.store.db import Store
from drawdown.store.reports import load_reports
from drawdown.store.sorties import load_sorties, simulated_ids


def export_rows(store: Store, case: Case, what: str, *, as_of: date | None = None) -> list[dict[str, Any]]:
    """The rows of one export: ``what`` is sites, claims, sorties or reports."""
    if what == "sites" or what == "claims":
        result = assess_store(store, case, as_of=as_of, save=False)
        if what == "sites":
            return site_rows(result)
        return claim_rows(result, reviewed_claims(store)[1], claim_id)
    if what == "sorties":
        return sortie_rows(load_sorties(store), simulated_ids(store))
    if what == "reports":
        return report_rows(load_reports(store))
    raise InputError(f"--what: {what!r} is not known", fix=f"use one of {', '.join(WHATS)}")


def export(store: Store, case: Case, what: str, fmt: str, sink: BinaryIO, *, as_of: date | None = None) -> int:
    """Write one export to ``sink``; returns the number of rows."""
    if fmt not in FORMATS:
        raise InputError(f"--format: {fmt!r} is not known", fix=f"use one of {', '.join(FORMATS)}")
    if fmt == "geojson" and what not in GEO_WHATS:
        raise InputError(f"--format geojson: {what} have no coordinates", fix="use --what sites or claims, or csv")
    rows = export_rows(store, case, what, as_of=as_of)
    write_rows(rows, fmt, sink, ACLED_COLUMNS if what == "claims" else ())
    return len(rows)
