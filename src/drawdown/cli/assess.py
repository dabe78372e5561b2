"""`drawdown assess`: store an assessment snapshot as of a date."""

from __future__ import annotations

from typing import Annotated

import typer

from drawdown.cli.common import (
    DEFAULT_WAIT,
    CaseOpt,
    JsonOpt,
    WaitOpt,
    app,
    case_ref,
    emit_json,
    err,
    guarded,
    open_cli_store,
    out,
    parse_day,
)


@app.command()
@guarded
def assess(
    case: CaseOpt = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Assess as of this day (default: latest evidence).")
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Monte Carlo seed (default: the case's).")] = None,
    wait: WaitOpt = DEFAULT_WAIT,
    json_out: JsonOpt = False,
) -> None:
    """Assess site status, force remaining, pace and deadlines, and store the snapshot.

    Assessing at successive dates builds a timeline; the same store and seed give the same result.

    Example: drawdown assess --case syria-2024 --as-of 2025-01-15
    """
    from drawdown import api
    from drawdown.case import load_case
    from drawdown.report.numbers import interval
    from drawdown.report.snapshot import to_json

    day = parse_day(as_of, "--as-of")
    with open_cli_store(wait) as store:
        loaded = load_case(case_ref(case, store))
        if day is not None and day < loaded.start:
            err.print(f"warning: --as-of {day} is before the case start ({loaded.start}); nothing the case monitors"
                      " had happened yet", markup=False)  # fmt: skip
        result = api.assess(store, loaded, as_of=day, seed=seed)
    if json_out:
        emit_json(to_json(result))
        return
    force = result.force
    out.print(f"Assessment of {result.case_id} as of {result.as_of} (seed {result.seed}) stored.", markup=False)
    for status in result.sites:
        p = status.probabilities
        out.print(
            f"  {status.site:<20} {status.status:<13} present {p['present']:.2f}  drawing {p['drawing_down']:.2f}"
            f"  withdrawn {p['withdrawn']:.2f}",
            markup=False,
        )
    remaining = interval(force.personnel_remaining) if force.personnel_remaining else "unknown"
    out.print(f"  force remaining: {remaining}; completion: {force.completion_note}", markup=False)
