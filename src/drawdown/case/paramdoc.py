"""The parameter table of docs/assessment.md, rendered from the defaults, bounds and reasons in ``params``.

Run from the repository root after changing a parameter in params.py::

    .venv/bin/python -m drawdown.case.paramdoc          # rewrite the table in docs/assessment.md
    .venv/bin/python -m drawdown.case.paramdoc --check  # only say whether it is up to date (exit 1 if not)

The table sits between the BEGIN and END comments below; the rest of the document is left as it is.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import MISSING, fields
from pathlib import Path

from drawdown.case.figure import Figure
from drawdown.case.params import AssessParams, ParamInfo

COMMAND = "python -m drawdown.case.paramdoc"
BEGIN = f"<!-- BEGIN parameter table: generated from src/drawdown/case/params.py by `{COMMAND}`; edit it there -->"
END = "<!-- END parameter table -->"
DOC = Path("docs") / "assessment.md"


def _number(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def _bounds(info: ParamInfo) -> str:
    lo, hi = info.lo, info.hi
    if lo is not None and hi is not None:
        return f" [{_number(lo)}–{_number(hi)}]"
    if lo is not None:
        return f" [≥{_number(lo)}]"
    return f" [≤{_number(hi)}]" if hi is not None else ""


def _figure(f: Figure) -> str:
    if f.low is None or f.high is None:
        return f"{f.best:g}"
    span = f"{f.low:g}–{f.high:g}"
    return span if f.value is None else f"{f.value:g} ({span})"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def parameter_table() -> str:
    """The Markdown table of every :class:`AssessParams` field: default, case-file key with bounds, reason."""
    rows = ["| field | default | case-file key | why this value |", "|---|---|---|---|"]
    for f in fields(AssessParams):
        info: ParamInfo = f.metadata["param"]
        default = f.default_factory() if f.default is MISSING and f.default_factory is not MISSING else f.default
        why = info.why
        if isinstance(default, Figure):
            shown, key = _figure(default), f"`[assessment.{f.name}]`"
            why = f"{default.source[0].upper()}{default.source[1:]}. {why}"  # the figure's own note comes first
        elif isinstance(default, dict):
            grades = list(default)
            shown = ", ".join(f"{grade} {weight}" for grade, weight in default.items())
            key = f"`[assessment.{f.name}]` {grades[0]}–{grades[-1]}"
        elif isinstance(default, int):
            shown, key = str(default), f"`{f.name}`"
        else:
            shown, key = f"{default:g}", f"`{f.name}`"
        rows.append(f"| `{f.name}` | {_cell(shown)} | {key}{_bounds(info)} | {_cell(why)} |")
    return "\n".join(rows) + "\n"


def with_table(text: str) -> str:
    """``text`` (the assessment doc) with the block between the markers replaced by :func:`parameter_table`."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"no parameter table markers; put {BEGIN!r} and {END!r} on lines of their own")
    return text[: start + len(BEGIN)] + "\n" + parameter_table() + text[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description="Regenerate the parameter table of the assessment doc.")
    parser.add_argument("doc", nargs="?", type=Path, default=DOC, help=f"the document (default: {DOC})")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if the table is out of date")
    args = parser.parse_args(argv)
    doc: Path = args.doc
    try:
        text = doc.read_text(encoding="utf-8")
        updated = with_table(text)
    except OSError as exc:
        print(f"error: {doc}: {exc.strerror}; run from the repository root or name the file", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: {doc}: {exc}", file=sys.stderr)
        return 2
    if updated == text:
        print(f"{doc}: the parameter table is up to date")
        return 0
    if args.check:
        print(f"{doc}: the parameter table is out of date; run {COMMAND}", file=sys.stderr)
        return 1
    doc.write_text(updated, encoding="utf-8")
    print(f"{doc}: the parameter table was rewritten")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
