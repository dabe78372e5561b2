"""The validator for one TOML table of a case file: typed getters that record problems instead of raising."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from drawdown.case.figure import Figure
from drawdown.errors import Problem

# ICAO location indicators are four capitals; national military fields often carry digits (OS65, HL59).
_ICAO_RE = re.compile(r"^[A-Z]{2}[A-Z0-9]{2}$")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class Table:
    """A view of one TOML table that records problems and remembers which keys were read."""

    def __init__(self, data: dict[str, Any], path: str, problems: list[Problem], file: str) -> None:
        self.data = data
        self.path = path
        self.problems = problems
        self.file = file
        self.seen: set[str] = set()

    def where(self, key: str | None = None) -> str:
        full = f"{self.path}.{key}" if self.path and key else (key or self.path or "(top level)")
        return f"{self.file}: {full}"

    def problem(self, key: str | None, what: str, fix: str) -> None:
        # Problem.where carries file and key path; Problem.__str__ adds "what; fix".
        self.problems.append(Problem(self.where(key), what, fix))

    def _get(self, key: str, required: bool, hint: str) -> Any:
        self.seen.add(key)
        if key not in self.data:
            if required:
                self.problem(key, "missing", f"add {key} = {hint}")
            return None
        return self.data[key]

    def string(self, key: str, *, required: bool = True, hint: str = '"..."') -> str | None:
        value = self._get(key, required, hint)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(key, f"must be a non-empty string, got {value!r}", f"write {key} = {hint}")
            return None
        return value.strip()

    def flag(self, key: str) -> bool:
        """An optional true/false key; absent is false."""
        value = self._get(key, False, "true")
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problem(key, f"must be true or false, got {value!r}", f"write {key} = true (or leave it out)")
            return False
        return value

    def choice(
        self, key: str, options: tuple[str, ...], *, required: bool = True, hint: str | None = None
    ) -> str | None:
        value = self.string(key, required=required, hint=hint or f'"{options[0]}"')
        if value is not None and value not in options:
            close = difflib.get_close_matches(value, options, n=1)
            fix = f'did you mean "{close[0]}"?' if close else f"use one of: {', '.join(options)}"
            self.problem(key, f"unknown value {value!r}", fix)
            return None
        return value

    def number(
        self, key: str, *, required: bool = True, lo: float | None = None, hi: float | None = None
    ) -> float | None:
        value = self._get(key, required, "<number>")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(key, f"must be a number, got {value!r}", f"write {key} = 12.5")
            return None
        if not math.isfinite(value):
            self.problem(key, f"must be a finite number, got {value!r}", f"write {key} = 12.5")
            return None
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            if lo is not None and hi is not None:
                fix = f"use a value between {lo:g} and {hi:g}"
            else:
                fix = f"use a value of at least {lo:g}" if lo is not None else f"use a value of at most {hi:g}"
            self.problem(key, f"{value} is out of range", fix)
            return None
        return float(value)

    def day(self, key: str, *, required: bool = True) -> date | None:
        value = self._get(key, required, "2024-12-31")
        if value is None:
            return None
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value
        self.problem(key, f"must be a TOML date, got {value!r}", f"write {key} = 2024-12-31 (no quotes)")
        return None

    def strings(self, key: str) -> tuple[str, ...]:
        value = self._get(key, False, '["..."]')
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(key, "must be a list of non-empty strings", f'write {key} = ["first", "second"]')
            return ()
        return tuple(v.strip() for v in value)

    def table(self, key: str, *, required: bool = True) -> Table | None:
        value = self._get(key, required, "{ ... }")
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(key, "must be a table", f'write it as {key} = {{ value = ..., source = "..." }}')
            return None
        return Table(value, f"{self.path}.{key}" if self.path else key, self.problems, self.file)

    def tables(self, key: str, *, required: bool = True) -> Iterator[Table]:
        value = self._get(key, required, "[[...]] entries")
        if value is None:
            return
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(key, "must be an array of tables", f"write each entry under [[{key}]]")
            return
        prefix = f"{self.path}." if self.path else ""
        for i, item in enumerate(value):
            yield Table(item, f"{prefix}{key}[{i}]", self.problems, self.file)

    def figure(
        self, key: str, *, required: bool = False, lo: float | None = 0, hi: float | None = None
    ) -> Figure | None:
        sub = self.table(key, required=required)
        if sub is None:
            return None
        value = sub.number("value", required=False, lo=lo, hi=hi)
        low = sub.number("low", required=False, lo=lo, hi=hi)
        high = sub.number("high", required=False, lo=lo, hi=hi)
        source = sub.string("source", required=False)
        sub.finish()
        if source is None and "source" not in sub.data:
            self.problem(key, "figure has no source note", 'add source = "where this number comes from"')
        if (low is None) != (high is None):
            self.problem(key, "a range needs both low and high", "add the missing bound or drop the range")
            return None
        if value is None and low is None:
            self.problem(key, "figure needs value = N or both low and high", "add value = N or low = N, high = M")
            return None
        if low is not None and high is not None and low > high:
            self.problem(key, f"low ({low:g}) is above high ({high:g})", "swap them")
            return None
        if value is not None and low is not None and high is not None and not low <= value <= high:
            self.problem(key, f"value {value:g} lies outside low-high ({low:g}-{high:g})", "correct the range")
            return None
        if source is None:
            return None
        return Figure(value=value, low=low, high=high, source=source)

    def coordinates(self) -> tuple[float, float] | None:
        if "lat" not in self.data or "lon" not in self.data:
            self.seen.update(("lat", "lon"))
            self.problem(None, "missing coordinates", "add lat = <degrees north> and lon = <degrees east>")
            return None
        lat = self.number("lat", lo=-90, hi=90)
        lon = self.number("lon", lo=-180, hi=180)
        return None if lat is None or lon is None else (lat, lon)

    def icao(self, key: str = "icao", *, required: bool = False) -> str | None:
        value = self.string(key, required=required, hint='"OSLK"')
        if value is not None and not _ICAO_RE.match(value):
            self.problem(
                key, f"malformed ICAO code {value!r}", "use two capitals then two capitals or digits, like OSLK or HL59"
            )
            return None
        return value

    def ident(self, key: str = "id") -> str | None:
        value = self.string(key, hint='"short-name"')
        if value is not None and not _ID_RE.match(value):
            self.problem(key, f"malformed id {value!r}", "use lower-case letters, digits and dashes")
            return None
        return value

    def finish(self) -> None:
        for key in self.data:
            if key not in self.seen:
                close = difflib.get_close_matches(key, sorted(self.seen), n=1)
                fix = f"did you mean {close[0]!r}?" if close else "remove it (see docs/case-format.md)"
                self.problem(key, "unknown key", fix)
