"""The parameters of the assessment model: each default with the bounds a case file must respect and the reason
for the value. A case overrides any of them in its optional ``[assessment]`` table.

The loader reads the bounds from here and ``python -m drawdown.case.paramdoc`` renders the reasons as the
parameter table of docs/assessment.md, so a change here reaches both (tests/case/test_params.py checks the doc).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from drawdown.case.figure import Figure


@dataclass(frozen=True)
class ParamInfo:
    """What the code knows about one parameter besides its default: why it has that value, and its bounds."""

    why: str
    lo: float | None = None
    hi: float | None = None


def reason(why: str, *, lo: float | None = None, hi: float | None = None) -> dict[str, ParamInfo]:
    """Field metadata for a parameter: ``field(default=14.0, metadata=reason("...", lo=0.5))``.

    ``lo``/``hi`` bound the value a case file may set; for a figure they bound its value, low and high.
    """
    return {"param": ParamInfo(why, lo, hi)}


def _default_weights() -> dict[str, float]:
    return {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.3}


@dataclass(frozen=True)
class AssessParams:
    """Parameters of the assessment model, each with its reason (``param_info``) next to its default."""

    half_life_days: float = field(
        default=14.0,
        metadata=reason(
            "A judgement call, not fitted: evidence loses half its weight in two weeks. Longer keeps sites known"
            " longer on old evidence and reacts more slowly to change; shorter makes statuses flicker back to"
            " unknown between reports.",
            lo=0.5,
        ),
    )
    withdrawn_half_life_days: float = field(
        default=60.0,
        metadata=reason(
            "Half-life of votes for *withdrawn*. A judgement call: withdrawals in this kind of operation are rarely"
            " reversed within two months, and a reoccupied site shows up in new reports or sorties, which outweigh"
            " the old vote.",
            lo=0.5,
        ),
    )
    settle_credibility: int = field(
        default=2,
        metadata=reason(
            "A completion (withdrawal complete, a handover, a post abandoned) settles a site as withdrawn from its"
            " date when its information credibility is this or better: 1 = told by two independent origins, 2 ="
            " confirmed (on record, or seen) and not contradicted. A judgement call: at 3 a single hedged report"
            " would empty a base for good; at 1 every on-record statement would need a second origin. A settled"
            " withdrawal does not decay; it ends only when presence or a return is reported as credibly (confirmed,"
            " or by two origins) on a later day, and the brief shows that as a contradiction.",
            lo=1,
            hi=6,
        ),
    )
    min_weight: float = field(
        default=0.4,
        metadata=reason(
            'A judgement call. Below this much weighted, decayed evidence a site is "unknown": one fresh confirmed'
            " D claim (0.4) reaches it, one fresh unconfirmed C claim (0.3) does not, two do. It also sets the"
            " prior's strength (m/3 per state): raising it needs more corroboration before any status is given"
            " and pulls probabilities toward 1/3.",
            lo=0,
        ),
    )
    reliability_weights: dict[str, float] = field(
        default_factory=_default_weights,
        metadata=reason(
            "A judgement call: a linear ladder over the Admiralty grades, A (completely reliable) to E"
            " (unreliable) 0.2 apart. F (cannot be judged) sits between D and E: an unknown source is not presumed"
            " unreliable, but earns little.",
            lo=0,
            hi=1,
        ),
    )
    unconfirmed_factor: float = field(
        default=0.5,
        metadata=reason(
            "A judgement call: an unconfirmed claim counts half as much as a confirmed one. At 1.0, hedged rumours"
            " would weigh like on-record statements; lower values make anonymous-source reporting almost inert.",
            lo=0,
            hi=1,
        ),
    )
    sortie_weight: float = field(
        default=0.25,
        metadata=reason(
            "One detected takeoff as evidence of drawing down. A judgement call: two same-day takeoffs reach"
            " `min_weight`, one does not. Nothing caps it, so a busy airlift day outweighs any denial; lower it if"
            " routine rotations are common.",
            lo=0,
        ),
    )
    pace_window_days: int = field(
        default=7,
        metadata=reason(
            "A judgement call: one week. Shorter follows surges and pauses faster but is noisier. Longer is"
            " smoother but lags and keeps projecting after flights stop.",
            lo=1,
        ),
    )
    stale_after_days: int = field(
        default=14,
        metadata=reason(
            'Not used by the assessment. The brief\'s "what to watch next" flags a site whose last evidence is'
            " older than this. It matches `half_life_days`.",
            lo=1,
        ),
    )
    corroboration_window_days: int = field(
        default=7,
        metadata=reason(
            "How far apart two claims' days may be and still corroborate or contradict each other. A judgement"
            ' call, not fitted: one week, the span of ACLED\'s "within a week" date precision. Wider finds more'
            " corroboration (and more false contradictions across a real change of state).",
            lo=0,
        ),
    )
    mc_draws: int = field(
        default=4000,
        metadata=reason(
            "A judgement call trading speed (each assessment runs several Monte Carlos) for stable percentiles. The"
            " Monte Carlo error of a probability near 0.5 is about ±0.008 (one standard error, √(0.25/4000)).",
            lo=100,
            hi=1_000_000,
        ),
    )
    seed: int = field(
        default=20241208,
        metadata=reason(
            "Any value works; a fixed seed makes runs reproducible. The default is the case start, 8 Dec 2024 (the"
            " fall of Assad).",
            lo=0,
        ),
    )
    # A figure's source note says where its numbers come from; the reason adds what the figure does.
    load_factor: Figure = field(
        default=Figure(
            value=0.7,
            low=0.5,
            high=0.9,
            source="assumption: evacuation airlift is volume-limited (vehicles, helicopters, containers) and"
            " rarely flies at the type's maximum payload",
        ),
        metadata=reason("Removed tonnes scale linearly with it.", lo=0, hi=1),
    )
    ship_tonnes: Figure = field(
        default=Figure(
            value=3000,
            low=1000,
            high=6000,
            source="assumption: cargo carried per departure of a Russian ro-ro or landing ship"
            " (Sparta IV-class ro-ros about 5,000 t deadweight; landing ships 1,000-1,500 t)",
        ),
        metadata=reason(
            "One sealift event is worth about 100 Il-76 sorties (about 30 t each with the Syria case's payload"
            " table and the default load factor).",
            lo=0,
        ),
    )
    vehicle_tonnes: Figure = field(
        default=Figure(
            value=10,
            low=4,
            high=20,
            source="assumption: average mass of a vehicle in a military convoy, light trucks to loaded heavy trucks",
        ),
        metadata=reason("Used per site only: convoys move kit off a site, rarely out of the country.", lo=0),
    )


def param_info(name: str) -> ParamInfo:
    """The reason and bounds of the parameter ``name`` (a field of :class:`AssessParams`)."""
    for f in fields(AssessParams):
        if f.name == name:
            info: ParamInfo = f.metadata["param"]
            return info
    raise KeyError(name)
