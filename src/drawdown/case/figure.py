"""A number in a case file with the note that says where it comes from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """A number with the note that says where it comes from. ``low``/``high`` bound it when it is uncertain."""

    value: float | None
    low: float | None
    high: float | None
    source: str

    @property
    def best(self) -> float:
        """The central figure: ``value`` if given, else the midpoint of the range."""
        if self.value is not None:
            return self.value
        if self.low is None or self.high is None:  # excluded by validation
            raise ValueError("figure without value or range")
        return (self.low + self.high) / 2
