"""The simulated scenario the flight tests share: the bundled Syria case, at Hmeimim (OSLK)."""

from __future__ import annotations

from typing import Any

from drawdown.case import load_case
from drawdown.flights.airfields import resolve_airfield
from drawdown.flights.simulate import Scenario, scenario_for_case

HMEIMIM = resolve_airfield("OSLK")


def syria_scenario(**options: Any) -> Scenario:
    """The Syria case's fleet, destinations and civil traffic; Hmeimim only unless ``fields`` is given."""
    options.setdefault("fields", (HMEIMIM,))
    return scenario_for_case(load_case("syria-2024"), **options)
