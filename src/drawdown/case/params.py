"""The parameters of the assessment model, with their defaults (a case overrides them in ``[assessment]``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from drawdown.case.figure import Figure


def _default_weights() -> dict[str, float]:
    # Admiralty reliability A (completely reliable) .. F (cannot be judged) as evidence weights. F sits between
    # D and E: an unknown source is not presumed unreliable, but earns little.
    return {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.3}


@dataclass(frozen=True)
class AssessParams:
    """Parameters of the assessment model (docs/assessment.md says why each default is what it is).

    A case overrides any of them in its optional ``[assessment]`` table.
    """

    half_life_days: float = 14.0
    withdrawn_half_life_days: float = 60.0
    min_weight: float = 0.4
    reliability_weights: dict[str, float] = field(default_factory=_default_weights)
    unconfirmed_factor: float = 0.5
    sortie_weight: float = 0.25
    pace_window_days: int = 7
    stale_after_days: int = 14
    corroboration_window_days: int = 7
    mc_draws: int = 4000
    seed: int = 20241208
    load_factor: Figure = field(default=Figure(
        0.7, 0.5, 0.9, "assumption: evacuation airlift is volume-limited (vehicles, helicopters, containers) and"
        " rarely flies at the type's maximum payload"
    ))  # fmt: skip
    ship_tonnes: Figure = field(default=Figure(
        3000, 1000, 6000, "assumption: cargo carried per departure of a Russian ro-ro or landing ship"
        " (Sparta IV-class ro-ros about 5,000 t deadweight; landing ships 1,000-1,500 t)"
    ))  # fmt: skip
    vehicle_tonnes: Figure = field(
        default=Figure(
            10, 4, 20, "assumption: average mass of a vehicle in a military convoy, light trucks to loaded heavy trucks"
        )
    )
