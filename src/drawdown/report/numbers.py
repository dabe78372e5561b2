"""How figures are written for a reader: one rule for numbers, ranges and intervals, used by every output."""

from __future__ import annotations

from typing import Protocol


class Ranged(Protocol):
    """A figure with an optional range and a central value (``drawdown.case.Figure``)."""

    @property
    def low(self) -> float | None: ...
    @property
    def high(self) -> float | None: ...
    @property
    def best(self) -> float: ...


class Spread(Protocol):
    """A median with its 80% interval (``drawdown.assess.force.Interval``)."""

    @property
    def median(self) -> float: ...
    @property
    def low(self) -> float: ...
    @property
    def high(self) -> float: ...


def number(x: float) -> str:
    """1,234 for large figures, 12 for whole ones, 0.75 for fractions."""
    if abs(x) >= 100 or x == int(x):
        return f"{x:,.0f}"
    return f"{x:.2g}"


def span(figure: Ranged, unit: str = "") -> str:
    """A figure's range, or its value when it has none."""
    if figure.low is not None and figure.high is not None and figure.low != figure.high:
        return f"{number(figure.low)}–{number(figure.high)}{unit}"
    return f"{number(figure.best)}{unit}"


def interval(value: Spread, digits: int = 0, unit: str = "", *, exact: str = "") -> str:
    """``1,200 (80% interval 900–1,500)``: the median and the 80% interval, to ``digits`` decimals.

    An interval of zero width is written as the value with the reason it has no spread (``exact``, else the
    generic one), never as "10–10", which reads as a measured certainty.
    """
    f = f"{{:,.{digits}f}}"
    low, high = f.format(value.low), f.format(value.high)
    if low == high:
        why = exact or "every draw of the inputs gave this value"
        return f"{f.format(value.median)}{unit} (no spread: {why})"
    return f"{f.format(value.median)}{unit} (80% interval {low}–{high}{unit})"
