"""`drawdown extract`: claims from stored reports, or from a JSONL file straight to stdout (no store)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from drawdown.cli.common import CaseOpt, JsonOpt, app, case_ref, emit_json, err, guarded, open_cli_store, out, progress
from drawdown.errors import CaseError, InputError, Problem

if TYPE_CHECKING:
    from drawdown.case import Case


@app.command()
@guarded
def extract(
    file: Annotated[
        Path | None,
        typer.Argument(
            help="A JSONL file of reports ({id,url,outlet,published,text}); '-' reads stdin. "
            "With --format jsonl nothing is stored."
        ),
    ] = None,
    case: CaseOpt = None,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="jsonl: print one line of claims per input line, no store.")
    ] = None,
    engine: Annotated[
        str, typer.Option(help="For a Parquet corpus: embedded (this process) or spark (its executors).")
    ] = "embedded",
    spark_master: Annotated[
        str, typer.Option("--spark-master", "--master", help="Spark master for --engine spark (local[2], spark://...).")
    ] = "local[2]",
    json_out: JsonOpt = False,
) -> None:
    """Extract claims (site, action, quantity, date, attribution, confirmation) from reports.

    Without FILE: reads the stored reports and replaces their claims (idempotent).
    With FILE --format jsonl: needs no store; prints {"id", "claims": [...], "duplicate_of"} per input line.
    FILE may be a Parquet corpus (a .parquet file or a folder of them, columns id, published, text); with
    --engine spark the work runs on Spark and the lines are those of the embedded run.

    Example: drawdown extract --case syria-2024

    Example: drawdown extract reports.jsonl --case syria-2024 --format jsonl

    Example: drawdown extract corpus.parquet --case syria-2024 --format jsonl --engine spark --master local[2]
    """
    from drawdown.case import load_case

    if fmt is not None and fmt != "jsonl":
        raise typer.BadParameter(f"{fmt!r} is not a known format; use jsonl", param_hint="--format")
    if file is not None:
        if fmt != "jsonl":
            raise typer.BadParameter("reading a file prints claims without storing them; add --format jsonl",
                                     param_hint="--format")  # fmt: skip
        if case is None:
            raise CaseError([Problem("--case", "no case given", "pass --case syria-2024 (or a path to a case file)")])
        if engine not in ("embedded", "spark"):
            raise typer.BadParameter(f"{engine!r} is not an engine; use embedded or spark", param_hint="--engine")
        if _is_parquet(file):
            _extract_corpus(file, load_case(case), engine, spark_master)
            return
        if engine == "spark":
            raise typer.BadParameter(
                f"{file}: --engine spark reads a Parquet corpus; convert the JSONL first, e.g. "
                f"duckdb -c \"COPY (FROM '{file}') TO 'corpus.parquet'\"",
                param_hint="--engine",
            )
        _extract_jsonl(file, load_case(case))
        return
    if fmt == "jsonl":
        raise typer.BadParameter("--format jsonl needs a FILE (or '-' for stdin)", param_hint="FILE")

    from drawdown.pipeline.extract import extract as run_extract

    with open_cli_store() as store:
        the_case = load_case(case_ref(case, store))
        with progress("extracting", not json_out) as hook:
            result = run_extract(store, the_case, progress=hook)
    if json_out:
        emit_json(result.as_dict())
        return
    out.print(f"{result.claims} claims from {result.reports} reports.", markup=False)
    too_long = result.too_long
    if too_long:
        from drawdown.extract.claims import MAX_CHARS

        shown = ", ".join(too_long[:10]) + (f" and {len(too_long) - 10} more" if len(too_long) > 10 else "")
        err.print(
            f"skipped {len(too_long)} text(s) over the {MAX_CHARS:,}-character limit: {shown}; "
            "split them into smaller reports to have them read",
            markup=False,
        )
    for report_id, reason in result.skipped.items():
        if report_id not in too_long:
            err.print(f"skipped {report_id}: {reason}", markup=False)


def _is_parquet(file: Path) -> bool:
    return file.suffix.lower() == ".parquet" or (file.is_dir() and any(file.glob("*.parquet")))


def _extract_corpus(file: Path, case: Case, engine: str, master: str) -> None:
    from drawdown.pipeline.corpus import extract_corpus, extract_corpus_spark

    records = extract_corpus_spark(file, case, master) if engine == "spark" else extract_corpus(file, case)
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _extract_jsonl(file: Path, case: Case) -> None:
    from drawdown.pipeline.extract import extract_jsonl_lines

    lines: TextIO
    if str(file) == "-":
        lines = sys.stdin
        where = "<stdin>"
    else:
        if not file.is_file():
            raise InputError(f"{file}: no such file", fix="give the path of a JSONL file, or '-' for stdin")
        lines = file.open(encoding="utf-8", errors="replace")
        where = str(file)
    failed = False
    try:
        for record in extract_jsonl_lines(lines, case, where=where):
            if "error" in record:
                failed = True
                err.print(f"error: {record['error']}", markup=False)
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if lines is not sys.stdin:
            lines.close()
    sys.stdout.flush()
    if failed:
        raise typer.Exit(1)
