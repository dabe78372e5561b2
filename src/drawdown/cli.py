"""The ``drawdown`` command line: parse arguments, call one library function, print.

Exit codes (also in ``drawdown --help`` and the README):
  0 success · 1 finished, but some inputs failed · 2 usage error · 3 invalid case file · 4 unreadable input
  5 store error · 6 command not available yet · 130 interrupted
"""

from __future__ import annotations

import functools
import json
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from drawdown import __version__
from drawdown.errors import CaseError, DrawdownError, NotAvailableError, Problem

EXIT_CODES = """\b
Exit codes: 0 success, 1 some inputs failed, 2 usage error, 3 invalid case file,
4 unreadable input, 5 store error, 6 not available yet, 130 interrupted."""

app = typer.Typer(
    name="drawdown",
    help=f"Monitor a military withdrawal from open sources.\n\n{EXIT_CODES}",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
cases_app = typer.Typer(help="List and validate case files.", no_args_is_help=True)
flights_app = typer.Typer(help="Sorties from ADS-B tracks (not available yet).", no_args_is_help=True)
app.add_typer(cases_app, name="cases")
app.add_typer(flights_app, name="flights")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class _State:
    db: Path | None = None
    verbose: bool = False


state = _State()

P = ParamSpec("P")
R = TypeVar("R")


def guarded(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into one line on stderr and the documented exit code (traceback only with -v)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except DrawdownError as exc:
            if state.verbose:
                traceback.print_exc()
            err.print(f"error: {exc.one_line()}", markup=False)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err.print("interrupted", markup=False)
            raise typer.Exit(130) from None

    return wrapper


def _emit_json(payload: Any) -> None:
    out.print_json(json.dumps(payload, default=str))


@contextmanager
def _progress(label: str, enabled: bool) -> Iterator[Callable[[int, int, str], None]]:
    """A rich progress bar on stderr, shown only on a terminal and never in --json mode."""
    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not (enabled and err.is_terminal),
    )  # fmt: skip
    task = bar.add_task(label, total=None)

    def update(done: int, total: int, _item: str) -> None:
        bar.update(task, completed=done, total=total)

    with bar:
        yield update


def _store() -> Any:
    from drawdown.store import open_store

    return open_store(state.db)


def _case_ref(case: str | None, store: Any) -> str:
    ref = case or store.get_meta("case")
    if not ref:
        raise CaseError([Problem("--case", "no case given", "pass --case syria-2024 (or a path to a case file)")])
    return str(ref)


CaseOpt = Annotated[
    str | None, typer.Option("--case", "-c", help="Bundled case name (e.g. syria-2024) or path to a case .toml.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output on stdout.")]


def _print_version(value: bool) -> None:
    if value:
        out.print(f"drawdown {__version__}", markup=False)
        raise typer.Exit(0)


@app.callback()
def root(
    db: Annotated[
        Path | None,
        typer.Option("--db", envvar="DRAWDOWN_DB", help="Store file (default ./drawdown.duckdb, or $DRAWDOWN_DB)."),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show tracebacks on errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", is_eager=True, callback=_print_version)
    ] = False,
) -> None:
    state.db = db
    state.verbose = verbose


# ------------------------------------------------------------------------------------------------ working


@app.command()
@guarded
def init(case: CaseOpt = None, json_out: JsonOpt = False) -> None:
    """Create the store (or migrate it to the current schema) and optionally set its case.

    Example: drawdown --db syria.duckdb init --case syria-2024
    """
    from drawdown.case import load_case

    with _store() as store:
        if case:
            load_case(case)
            store.set_meta("case", case)
        applied = store.migrate()  # already migrated on open; reported for the record
        payload = {"db": str(store.path), "schema_version": store.schema_version, "case": store.get_meta("case")}
    if json_out:
        _emit_json({**payload, "applied": applied})
    else:
        note = f", case {payload['case']}" if payload["case"] else ""
        out.print(f"Store ready at {payload['db']} (schema v{payload['schema_version']}{note}).", markup=False)


@cases_app.command("validate")
@guarded
def cases_validate(
    refs: Annotated[list[str] | None, typer.Argument(help="Case names or paths (default: every bundled case).")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Check case files against docs/case-format.md; list every problem, one per line.

    Example: drawdown cases validate syria-2024 my-case.toml
    """
    from drawdown.case import bundled_cases, validate_case

    names = refs or bundled_cases()
    results = {ref: validate_case(ref) for ref in names}
    if json_out:
        _emit_json([{"case": r, "ok": not p, "problems": [str(x) for x in p]} for r, p in results.items()])
    else:
        for ref, problems in results.items():
            if problems:
                for problem in problems:
                    err.print(f"error: {problem}", markup=False)
            else:
                out.print(f"ok: {ref}", markup=False)
    if any(results.values()):
        raise typer.Exit(CaseError.exit_code)


@cases_app.command("list")
@guarded
def cases_list(json_out: JsonOpt = False) -> None:
    """List the bundled cases.

    Example: drawdown cases list
    """
    from drawdown.case import bundled_cases, load_case

    cases = [load_case(name) for name in bundled_cases()]
    if json_out:
        _emit_json([{"id": c.id, "title": c.title, "sites": len(c.sites)} for c in cases])
        return
    for c in cases:
        out.print(f"{c.id}\t{c.title}\t{len(c.sites)} sites", markup=False)


@app.command()
@guarded
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (read recursively).")],
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="text | markdown | jsonl | html (default: by suffix).")
    ] = None,
    case: CaseOpt = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet for inputs that do not name one.")] = None,
    url: Annotated[str | None, typer.Option(help="URL for inputs that do not carry one.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (ISO 8601) for inputs that carry none.")
    ] = None,
    max_bytes: Annotated[int, typer.Option(help="Largest input file (or JSONL line) accepted, in bytes.")] = 5_242_880,
    json_out: JsonOpt = False,
) -> None:
    """Store reports from text, Markdown, JSONL and saved HTML files. Re-ingesting stored content adds nothing.

    Example: drawdown ingest reports/ --case syria-2024
    """
    from drawdown.case import load_case
    from drawdown.ingest.readers import Defaults, parse_published
    from drawdown.pipeline import ingest as run_ingest

    if fmt is not None and fmt not in ("text", "markdown", "jsonl", "html"):
        raise typer.BadParameter(f"unknown format {fmt!r}; use text, markdown, jsonl or html", param_hint="--format")
    defaults = Defaults(url=url, outlet=outlet, published=parse_published(published, "--published"))
    if case:
        load_case(case)
    with _store() as store:
        if case and not store.get_meta("case"):
            store.set_meta("case", case)
        with _progress("Ingesting", enabled=not json_out) as hook:
            result = run_ingest(store, paths, fmt=fmt, defaults=defaults, max_bytes=max_bytes, progress=hook)
        total = store.count("reports")
    if json_out:
        _emit_json({
            "run_id": result.run_id, "added": len(result.added), "copies": len(result.copies),
            "skipped": result.skipped, "failed": len(result.failures), "reports_in_store": total,
            "failures": [{"where": f.where, "message": f.message} for f in result.failures],
        })  # fmt: skip
    else:
        for failure in result.failures:
            err.print(f"error: {failure.message}", markup=False)
        copies = f" ({len(result.copies)} copies of stored stories)" if result.copies else ""
        out.print(
            f"{len(result.added)} new report(s){copies}, {result.skipped} already stored, "
            f"{len(result.failures)} failed; {total} in the store.",
            markup=False,
        )
    if not result.ok:
        raise typer.Exit(1)


def _parse_day(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint=flag) from None


def _show_markdown(text: str) -> None:
    if out.is_terminal:
        out.print(Markdown(text))
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


@app.command()
@guarded
def brief(
    case: CaseOpt = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date of the brief (default: latest evidence).")] = None,
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Also write the Markdown here.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Print the brief: the evidence by site, every line citing its reports.

    Example: drawdown brief --case syria-2024 --as-of 2025-01-15 --out brief.md
    """
    from drawdown.api import brief as make_brief
    from drawdown.case import load_case

    day = _parse_day(as_of, "--as-of")
    with _store() as store:
        text = make_brief(store, load_case(_case_ref(case, store)), as_of=day)
    if out_file is not None:
        out_file.write_text(text, encoding="utf-8")
    if json_out:
        _emit_json({"markdown": text, "path": str(out_file) if out_file else None})
    else:
        _show_markdown(text)


@app.command()
@guarded
def demo(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for the demo store and brief.")] = Path("demo-out"),
    json_out: JsonOpt = False,
) -> None:
    """Run the whole pipeline on the bundled Syria case and print the brief.

    Example: drawdown demo --out demo-out
    """
    from drawdown.demo import run_demo

    with _progress("Demo", enabled=not json_out) as hook:
        result = run_demo(out_dir, progress=hook)
    if json_out:
        _emit_json({
            "out_dir": str(result.out_dir), "db": str(result.db_path), "brief_path": str(result.brief_path),
            "added": len(result.ingest.added), "failed": len(result.ingest.failures),
        })  # fmt: skip
        return
    _show_markdown(result.brief)
    err.print(f"\nBrief written to {result.brief_path}; store at {result.db_path}.", markup=False)
    if not result.ingest.ok:
        for failure in result.ingest.failures:
            err.print(f"error: {failure.message}", markup=False)
        raise typer.Exit(1)


# ------------------------------------------------------------------------------------- not available yet


def _not_yet(what: str, issue: str) -> NoReturn:
    raise NotAvailableError(f"`drawdown {what}` is not available yet", fix=f"it arrives with the {issue} issue")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
@guarded
def extract(case: CaseOpt = None) -> None:
    """Extract claims (site, action, quantity, date, attribution, confirmation) from stored reports.

    Example: drawdown extract --case syria-2024   (not available yet)
    """
    _not_yet("extract", "Extract")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
@guarded
def assess(case: CaseOpt = None) -> None:
    """Assess site status, force remaining, pace and deadlines; store a snapshot.

    Example: drawdown assess --case syria-2024 --as-of 2025-01-15   (not available yet)
    """
    _not_yet("assess", "Assess")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
@guarded
def report(case: CaseOpt = None) -> None:
    """Write the self-contained HTML report with plots.

    Example: drawdown report --case syria-2024 --out report.html   (not available yet)
    """
    _not_yet("report", "Report")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
@guarded
def export(case: CaseOpt = None) -> None:
    """Export claims and sorties as GeoJSON, ACLED-style CSV, Parquet or JSONL.

    Example: drawdown export --format geojson --out sites.geojson   (not available yet)
    """
    _not_yet("export", "Export")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
@guarded
def serve(case: CaseOpt = None) -> None:
    """Serve the live dashboard on 127.0.0.1.

    Example: drawdown serve --case syria-2024 --port 8600   (not available yet)
    """
    _not_yet("serve", "Dashboard")


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
@guarded
def watch(case: CaseOpt = None) -> None:
    """Poll feeds on a schedule and run new reports through the pipeline.

    Example: drawdown watch --case syria-2024 https://example.org/feed.xml   (not available yet)
    """
    _not_yet("watch", "Ingest")


def _flights_stub(name: str, doc: str) -> None:
    def command() -> None:
        _not_yet(f"flights {name}", "Sorties")

    command.__doc__ = doc
    flights_app.command(name, context_settings={"allow_extra_args": True, "ignore_unknown_options": True})(
        guarded(command)
    )


_flights_stub(
    "sorties", "Print takeoffs and landings at an airfield.\n\nExample: drawdown flights sorties t.csv --airfield OSLK"
)
_flights_stub(
    "ingest",
    "Store the sorties at the case's airfields.\n\nExample: drawdown flights ingest t.parquet --case syria-2024",
)
_flights_stub(
    "simulate", "Write synthetic OpenSky state vectors.\n\nExample: drawdown flights simulate --out tracks.csv"
)
_flights_stub(
    "fetch",
    "Query OpenSky's Trino for a box and window.\n\nExample: drawdown flights fetch --opensky --case syria-2024",
)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
