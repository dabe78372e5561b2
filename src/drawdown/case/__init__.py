"""Case files: one monitored operation, in TOML, validated on load (the format is in docs/case-format.md).

A case is pure data. Nothing in the code knows about Syria; everything theatre-specific lives in the case file.

The package keeps one job per module: ``records`` (what a case holds), ``figure`` (a sourced number),
``params`` (the assessment parameters, each default with its reason), ``table`` (the validator for one TOML
table) and ``load`` (finding, reading and validating a case file). Every name is re-exported here, so callers
import from ``drawdown.case``; the modules import each other, never this file.
"""

from __future__ import annotations

from drawdown.case.figure import Figure
from drawdown.case.load import FORMAT_VERSION, bundled_cases, load_case, parse_case, resolve_case_path, validate_case
from drawdown.case.params import AssessParams
from drawdown.case.records import (
    PLACE_KINDS,
    PLAN_KINDS,
    SITE_KINDS,
    Actor,
    AircraftType,
    Airframe,
    Case,
    Destination,
    Fleet,
    Place,
    Plan,
    SimTraffic,
    Site,
    Source,
    fold,
)

__all__ = [
    "FORMAT_VERSION",
    "PLACE_KINDS",
    "PLAN_KINDS",
    "SITE_KINDS",
    "Actor",
    "AircraftType",
    "Airframe",
    "AssessParams",
    "Case",
    "Destination",
    "Figure",
    "Fleet",
    "Place",
    "Plan",
    "SimTraffic",
    "Site",
    "Source",
    "bundled_cases",
    "fold",
    "load_case",
    "parse_case",
    "resolve_case_path",
    "validate_case",
]
