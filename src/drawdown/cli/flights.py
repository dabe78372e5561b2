"""`drawdown flights ...`: sorties from ADS-B tracks (the CLI half; the work is in drawdown.flights)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from drawdown.cli.common import CaseOpt, JsonOpt, app, emit_json, err, guarded, open_cli_store, out, progress

flights_app = typer.Typer(help="Sorties from ADS-B tracks: detect, store, simulate, fetch.", no_args_is_help=True)
app.add_typer(flights_app, name="flights")

# The output contract shared with evaluation tools (issue 5): keep these keys and their order stable.
CONTRACT = ("icao24", "callsign", "event", "time", "airfield", "confidence", "type", "destination")
# With --evidence, after the contract's keys: what each event rests on (model.EVIDENCE_KINDS) and the inferred flag.
EVIDENCE_KEYS = ("evidence", "inferred")
FORMATS = ("jsonl", "csv", "table")


def _record(s: Any, evidence: bool = False) -> dict[str, Any]:
    row = {
        "icao24": s.icao24, "callsign": s.callsign, "event": s.event,
        "time": s.time.strftime("%Y-%m-%dT%H:%M:%SZ"), "airfield": s.airfield, "confidence": s.confidence,
        "type": s.type, "destination": s.destination,
    }  # fmt: skip
    if evidence:
        row.update(evidence=s.evidence, inferred=s.inferred)
    return row


@flights_app.command("sorties")
@guarded
def sorties(
    file: Annotated[Path, typer.Argument(help="OpenSky CSV/CSV.gz/Parquet, traffic frame, or readsb trace JSON.")],
    airfield: Annotated[list[str], typer.Option("--airfield", "-a", help="ICAO code, or a case site id (repeatable).")],
    case: CaseOpt = None,
    engine: Annotated[str, typer.Option(help="duckdb (embedded) or spark.")] = "duckdb",
    spark_master: Annotated[str, typer.Option(help="Spark master for --engine spark (local[2], spark://...).")] = (
        "local[2]"
    ),
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl | csv | table.")] = "jsonl",
    input_format: Annotated[
        str | None, typer.Option("--input-format", help="opensky | traffic | readsb (default: sniffed).")
    ] = None,
    cleaning: Annotated[bool, typer.Option(help="Print the cleaning counts on stderr.")] = False,
    evidence: Annotated[
        bool, typer.Option("--evidence", help="Add evidence (onground | altitude | inferred) and inferred.")
    ] = False,
    json_out: Annotated[
        bool, typer.Option("--json", help="One JSON document: the sorties, cleaning counts and rejected rows.")
    ] = False,
) -> None:
    """Print takeoffs and landings at an airfield, one JSON object per line by default:
    {"icao24","callsign","event","time","airfield","confidence","type","destination"}.

    Example: drawdown flights sorties tracks.csv --airfield OSLK --case syria-2024
    """
    from drawdown.case import load_case
    from drawdown.flights.airfields import resolve_airfield
    from drawdown.flights.sorties import detect_sorties

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; use jsonl, csv or table", param_hint="--format")
    the_case = load_case(case) if case else None
    fields = [resolve_airfield(a, the_case) for a in airfield]
    with progress("Sorties", enabled=not json_out, detail=True) as hook:
        result = detect_sorties(file, fields, case=the_case, engine=engine, spark_master=spark_master,
                                fmt=input_format, progress=hook)  # fmt: skip
    records = [_record(s, evidence) for s in result.sorties]
    columns = CONTRACT + (EVIDENCE_KEYS if evidence else ())
    if json_out:
        emit_json({"sorties": records, "cleaning": result.cleaning, "rejected_rows": result.rejected,
                   "rejects": list(result.rejects), "engine": result.engine})  # fmt: skip
        return
    _warn_rejected(result.rejected, result.rejects)
    if cleaning:
        err.print("cleaning: " + ", ".join(f"{k}={v}" for k, v in result.cleaning.items()), markup=False)
    if fmt == "jsonl":
        for r in records:
            sys.stdout.write(json.dumps(r) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    else:
        table = Table(*columns)
        for r in records:
            table.add_row(*("" if r[k] is None else str(r[k]) for k in columns))
        out.print(table)
    sys.stdout.flush()


def _warn_rejected(rejected: int, named: tuple[str, ...]) -> None:
    """One warning line per named bad row, and the count: the rows are left out, the rest of the file is read."""
    for line in named:
        err.print(f"warning: {line}", markup=False)
    if rejected:
        err.print(f"warning: {rejected} row(s) that do not fit the file's columns were left out", markup=False)


@flights_app.command("ingest")
@guarded
def ingest(
    file: Annotated[Path, typer.Argument(help="Track file (as for `flights sorties`).")],
    case: CaseOpt = None,
    engine: Annotated[str, typer.Option(help="duckdb (embedded) or spark.")] = "duckdb",
    all_aircraft: Annotated[bool, typer.Option("--all-aircraft", help="Keep civil traffic too.")] = False,
    simulated: Annotated[
        bool, typer.Option("--simulated", help="The tracks come from `flights simulate`: label them so everywhere.")
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Store the sorties at the case's airfields (only the actor's aircraft unless --all-aircraft).

    Example: drawdown flights ingest tracks.parquet --case syria-2024
    """
    from drawdown.case import load_case
    from drawdown.cli.common import case_ref
    from drawdown.pipeline.flights import ingest_sorties

    with open_cli_store() as store:
        the_case = load_case(case_ref(case, store))
        with progress("Sorties", enabled=not json_out, detail=True) as hook:
            res = ingest_sorties(store, file, the_case, engine=engine, fleet_only=not all_aircraft,
                                 simulated=simulated, progress=hook)  # fmt: skip
        total = store.count("sorties")
    payload = {
        "run_id": res.run_id, "found": res.found, "added": res.added, "updated": res.updated,
        "skipped_civil": res.skipped_civil, "sorties_in_store": total, "cleaning": res.cleaning,
        "coverage_hours": res.coverage_hours, "coverage_days_updated": res.coverage_days,
        "rejected_rows": res.rejected, "rejects": list(res.rejects),
    }  # fmt: skip
    _warn_rejected(res.rejected, res.rejects)
    if json_out:
        emit_json(payload)
    else:
        out.print(
            f"{res.added} sorties added, {res.updated} already stored, {res.skipped_civil} civil skipped "
            f"({total} in store); {res.coverage_hours} watched hours at the airfields",
            markup=False,
        )


@flights_app.command("simulate")
@guarded
def simulate(
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Where to write (.csv, .csv.gz or .parquet).")] = Path(
        "tracks.csv"
    ),
    days: Annotated[int, typer.Option(help="Days to simulate.")] = 3,
    start: Annotated[str, typer.Option(help="First day (YYYY-MM-DD, UTC).")] = "2024-12-14",
    flights_per_day: Annotated[int, typer.Option(help="Transport departures a day per field.")] = 2,
    wave_size: Annotated[int, typer.Option(help="Transports per wave.")] = 2,
    airfield: Annotated[
        list[str] | None, typer.Option("--airfield", "-a", help="Fields (default: the case's airfields).")
    ] = None,
    case: CaseOpt = None,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 7,
    truth: Annotated[Path | None, typer.Option(help="Also write the ground truth as JSONL here.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Write synthetic OpenSky state vectors for a case: its fleet's callsigns and ICAO addresses, its airfields
    and destinations, and the civil traffic and overflights of its [simulation] table; with climb profiles,
    gaps, noise and glitches.

    Example: drawdown flights simulate --case syria-2024 -a OSLK --out tracks.csv --days 3 --truth truth.jsonl
    """
    from datetime import UTC, datetime

    from drawdown.case import load_case
    from drawdown.cli.common import case_ref
    from drawdown.flights.airfields import resolve_airfield
    from drawdown.flights.simulate import TruthEvent, scenario_for_case, simulate_days, write_tables

    the_case = load_case(case_ref(case, None))
    try:
        day = datetime.fromisoformat(start).replace(tzinfo=UTC)
    except ValueError:
        raise typer.BadParameter(f"{start!r} is not a date; use YYYY-MM-DD", param_hint="--start") from None
    fields = tuple(resolve_airfield(a, the_case) for a in airfield) if airfield else None
    scenario = scenario_for_case(
        the_case, fields, start=day, days=days, flights_per_day=flights_per_day, wave_size=wave_size, seed=seed
    )
    events: list[TruthEvent] = []

    def days_made(update: Callable[[int, int, str], None]) -> Iterator[Any]:
        # A day at a time, straight to the file: 10 million rows take no more memory than 50,000.
        for n, (table, made) in enumerate(simulate_days(scenario), start=1):
            events.extend(made)
            update(n, days, "")
            yield table

    with progress("Simulating days", enabled=not json_out) as update:
        rows = write_tables(days_made(update), out_path)
    events.sort(key=lambda e: (e.time, e.icao24, e.event))
    if truth is not None:
        with truth.open("w", encoding="utf-8") as handle:
            for e in events:
                when = e.time.strftime("%Y-%m-%dT%H:%M:%SZ")
                row = {"icao24": e.icao24, "callsign": e.callsign, "event": e.event, "time": when,
                       "airfield": e.airfield, "fleet": e.fleet}  # fmt: skip
                handle.write(json.dumps(row) + "\n")
    if json_out:
        emit_json({"path": str(out_path), "state_vectors": rows, "true_events": len(events),
                   "truth": None if truth is None else str(truth), "simulated": True})  # fmt: skip
    else:
        wrote = f"wrote {rows} state vectors, {len(events)} true events, to {out_path}"
        err.print(wrote, markup=False)


@flights_app.command("fetch")
@guarded
def fetch(
    opensky: Annotated[bool, typer.Option("--opensky", help="Query OpenSky's Trino (needs pyopensky credentials).")],
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Parquet file to write.")] = Path("opensky.parquet"),
    case: CaseOpt = None,
    airfield: Annotated[
        list[str] | None, typer.Option("--airfield", "-a", help="Fields to box (default: case's).")
    ] = None,
    start: Annotated[str, typer.Option(help="Window start (ISO 8601, UTC).")] = "2024-12-14",
    stop: Annotated[str, typer.Option(help="Window end (ISO 8601, UTC).")] = "2024-12-15",
    radius_km: Annotated[float, typer.Option(help="Box half-size around each field.")] = 60.0,
    json_out: JsonOpt = False,
) -> None:
    """Query OpenSky's Trino for state vectors in boxes around airfields and a time window.

    Example: drawdown flights fetch --opensky --case syria-2024 --start 2024-12-14 --stop 2024-12-15
    """
    from drawdown.case import load_case
    from drawdown.flights.airfields import case_airfields, resolve_airfield
    from drawdown.flights.opensky import fetch_state_vectors, parse_window

    if not opensky:
        raise typer.BadParameter("only --opensky is supported", param_hint="--opensky")
    the_case = load_case(case) if case else None
    if airfield:
        fields = [resolve_airfield(a, the_case) for a in airfield]
    elif the_case is not None:
        fields = case_airfields(the_case)
    else:
        raise typer.BadParameter("give --airfield or --case", param_hint="--airfield")
    begin, end = parse_window(start, stop)
    n = fetch_state_vectors(fields, begin, end, out_path, radius_km=radius_km)
    if json_out:
        emit_json({"path": str(out_path), "state_vectors": n, "airfields": [f.code for f in fields]})
    else:
        err.print(f"wrote {n} state vectors to {out_path}", markup=False)
