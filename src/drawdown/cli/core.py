"""The working commands of the foundation: init, cases, ingest, brief, demo; and the stubs of later stages."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from drawdown import __version__
from drawdown.cli.common import (
    DEFAULT_WAIT,
    CaseOpt,
    DeadlineOpt,
    HostDelayOpt,
    JsonOpt,
    PerHostOpt,
    TimeoutOpt,
    WaitOpt,
    app,
    case_ref,
    cases_app,
    emit_json,
    err,
    guarded,
    open_cli_store,
    out,
    parse_day,
    progress,
    show_markdown,
    state,
)
from drawdown.errors import CaseError, InputError
from drawdown.ingest.decode import DEFAULT_MAX_BYTES
from drawdown.ingest.fetch import FetchPolicy
from drawdown.ingest.formats import FORMATS, URL_FORMATS

INPUT_FORMATS = tuple(dict.fromkeys((*FORMATS, *URL_FORMATS)))


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

    with open_cli_store() as store:
        if case:
            load_case(case)
            store.set_meta("case", case)
        applied = store.migrate()  # already migrated on open; reported for the record
        payload = {"db": str(store.path), "schema_version": store.schema_version, "case": store.get_meta("case")}
    if json_out:
        emit_json({**payload, "applied": applied})
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
        emit_json([{"case": r, "ok": not p, "problems": [str(x) for x in p]} for r, p in results.items()])
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
        emit_json([{"id": c.id, "title": c.title, "sites": len(c.sites)} for c in cases])
        return
    for c in cases:
        out.print(f"{c.id}\t{c.title}\t{len(c.sites)} sites", markup=False)


@app.command()
@guarded
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (read recursively), page URLs or feed URLs.")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help=f"{' | '.join(INPUT_FORMATS)} (default: detected)."),
    ] = None,
    case: CaseOpt = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet for inputs that do not name one.")] = None,
    url: Annotated[str | None, typer.Option(help="URL for inputs that do not carry one.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (ISO 8601) for inputs that carry none.")
    ] = None,
    max_bytes: Annotated[
        int, typer.Option(help="Largest input file, JSONL line or downloaded page accepted, in bytes.")
    ] = DEFAULT_MAX_BYTES,
    fetch_pages: Annotated[
        bool, typer.Option("--fetch-pages", help="GDELT: fetch each row's article and store its text.")
    ] = False,
    timeout: TimeoutOpt = FetchPolicy.deadline,
    host_delay: HostDelayOpt = FetchPolicy.host_delay,
    per_host: PerHostOpt = FetchPolicy.per_host,
    deadline: DeadlineOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Store reports from files, folders, web pages and RSS/Atom feeds; group copies and rewrites into origins.

    Formats: text, Markdown, JSONL, saved HTML, ACLED CSV exports, GDELT 2.0 event/mention files, and http(s)
    URLs of pages or feeds (each feed entry's link is fetched). Re-ingesting stored content adds nothing.

    Example: drawdown ingest reports/ acled-syria.csv https://example.org/feed.xml --case syria-2024
    """
    from drawdown.case import load_case
    from drawdown.ingest.decode import Defaults, parse_published
    from drawdown.pipeline.ingest import ingest as run_ingest

    known = sorted({*FORMATS, *URL_FORMATS})
    if fmt is not None and fmt not in known:
        raise typer.BadParameter(f"unknown format {fmt!r}; use {', '.join(known)}", param_hint="--format")
    try:
        stamp = parse_published(published, "--published")
    except InputError as exc:  # a bad option value is a usage error (exit 2), not an unreadable input
        message = f"{published!r} is not an ISO 8601 date; {exc.fix}"
        raise typer.BadParameter(message, param_hint="--published") from None
    defaults = Defaults(url=url, outlet=outlet, published=stamp)
    if case:
        load_case(case)
    with open_cli_store() as store:
        if case and not store.get_meta("case"):
            store.set_meta("case", case)
        with progress("Ingesting", enabled=not json_out, detail=True) as hook:
            policy = FetchPolicy(
                max_bytes=max_bytes, deadline=timeout, host_delay=host_delay, per_host=per_host, overall=deadline
            )
            result = run_ingest(
                store,
                paths,
                fmt=fmt,
                defaults=defaults,
                max_bytes=max_bytes,
                progress=hook,
                fetch_pages=fetch_pages,
                policy=policy,
            )
        total = store.count("reports")
    if json_out:
        emit_json({
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


@app.command()
@guarded
def brief(
    case: CaseOpt = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date of the brief (default: latest evidence).")] = None,
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Also write the Markdown here.")] = None,
    wait: WaitOpt = DEFAULT_WAIT,
    json_out: JsonOpt = False,
) -> None:
    """Print the brief: the evidence by site, every line citing its reports.

    Example: drawdown brief --case syria-2024 --as-of 2025-01-15 --out brief.md
    """
    from drawdown.api import brief as make_brief
    from drawdown.case import load_case

    day = parse_day(as_of, "--as-of")
    with open_cli_store(wait) as store:
        text = make_brief(store, load_case(case_ref(case, store)), as_of=day)
    if out_file is not None:
        out_file.write_text(text, encoding="utf-8")
    if json_out:
        emit_json({"markdown": text, "path": str(out_file) if out_file else None})
    else:
        show_markdown(text)


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

    with progress("Demo", enabled=not json_out) as hook:
        result = run_demo(out_dir, progress=hook)
    if json_out:
        emit_json({
            "out_dir": str(result.out_dir), "db": str(result.db_path), "brief_path": str(result.brief_path),
            "added": len(result.ingest.added), "failed": len(result.ingest.failures),
        })  # fmt: skip
        return
    show_markdown(result.brief)
    err.print(f"\nBrief written to {result.brief_path}; store at {result.db_path}.", markup=False)
    if not result.ingest.ok:
        for failure in result.ingest.failures:
            err.print(f"error: {failure.message}", markup=False)
        raise typer.Exit(1)


# ------------------------------------------------------------------------------------- not available yet


@app.command()
@guarded
def report(
    out_file: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("report.html"),
    case: CaseOpt = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Date of the report (default: latest evidence).")] = None,
    wait: WaitOpt = DEFAULT_WAIT,
    json_out: JsonOpt = False,
) -> None:
    """Write the self-contained HTML report: brief, map, timelines, force chart, ledger with the reports.

    One file with everything embedded: it opens from disk with no network and prints on paper.

    Example: drawdown report --case syria-2024 --out report.html
    """
    from drawdown.case import load_case
    from drawdown.pipeline.report import write_report

    day = parse_day(as_of, "--as-of")
    with open_cli_store(wait) as store:
        path = write_report(store, load_case(case_ref(case, store)), out_file, as_of=day)
    size = path.stat().st_size
    if json_out:
        emit_json({"path": str(path), "bytes": size})
    else:
        out.print(f"Report written to {path} ({size / 1e6:.1f} MB).", markup=False)


@app.command()
@guarded
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="geojson | csv | parquet | jsonl.")] = "csv",
    what: Annotated[str, typer.Option("--what", help="sites | claims | sorties | reports.")] = "claims",
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Write here (default: stdout).")] = None,
    case: CaseOpt = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Status as of this day (default: latest).")] = None,
    wait: WaitOpt = DEFAULT_WAIT,
    json_out: Annotated[bool, typer.Option("--json", help="With --out: print what was written as JSON.")] = False,
) -> None:
    """Export sites (with status and probabilities), claims, sorties or reports.

    GeoJSON (sites or claims as points, for QGIS), CSV (claims as ACLED-style events: ACLED's columns first,
    then drawdown's), Parquet or JSONL. Claims an analyst rejected are left out; edited ones carry the edits.

    Example: drawdown export --format geojson --what sites --out sites.geojson

    Example: drawdown export --format csv --what claims > events.csv
    """
    from drawdown.case import load_case
    from drawdown.pipeline.export import export as run_export
    from drawdown.report.export import FORMATS, WHATS

    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not known; use {', '.join(FORMATS)}", param_hint="--format")
    if what not in WHATS:
        raise typer.BadParameter(f"{what!r} is not known; use {', '.join(WHATS)}", param_hint="--what")
    if fmt == "parquet" and out_file is None:
        raise typer.BadParameter("Parquet is binary; give a file with --out", param_hint="--out")
    if json_out and out_file is None:
        raise typer.BadParameter("the data itself goes to stdout; give a file with --out", param_hint="--json")
    day = parse_day(as_of, "--as-of")
    with open_cli_store(wait) as store:
        the_case = load_case(case_ref(case, store))
        if out_file is None:
            count = run_export(store, the_case, what, fmt, sys.stdout.buffer, as_of=day)
            sys.stdout.flush()
        else:
            with out_file.open("wb") as sink:
                count = run_export(store, the_case, what, fmt, sink, as_of=day)
    if json_out:
        emit_json({"path": str(out_file), "what": what, "format": fmt, "rows": count})
    elif out_file is not None:
        err.print(f"{count} {what} written to {out_file} ({fmt}).", markup=False)


@app.command()
@guarded
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs to poll.")],
    case: CaseOpt = None,
    interval: Annotated[float, typer.Option(help="Seconds between polls of each feed.", min=0)] = 300.0,
    max_cycles: Annotated[
        int | None, typer.Option("--max-cycles", help="Stop after this many polling rounds (default: never).")
    ] = None,
    max_bytes: Annotated[int, typer.Option(help="Largest feed or page accepted, in bytes.")] = DEFAULT_MAX_BYTES,
    timeout: TimeoutOpt = FetchPolicy.deadline,
    host_delay: HostDelayOpt = FetchPolicy.host_delay,
    per_host: PerHostOpt = FetchPolicy.per_host,
    deadline: DeadlineOpt = None,
    wait: WaitOpt = DEFAULT_WAIT,
    json_out: JsonOpt = False,
) -> None:
    """Poll feeds on a schedule and store their new entries; one line per new report and per status change.

    A feed that is down or returns garbage is logged and backed off while the others are polled. Stop with
    Ctrl-C; a restart resumes where it stopped (state is in the store). Exit 1 when any poll or entry failed.
    The store is held only while polling, so `drawdown brief` and other readers get in between polls.

    Example: drawdown watch --case syria-2024 --interval 600 https://example.org/feed.xml
    """
    from datetime import UTC, datetime

    from drawdown.api import downstream
    from drawdown.case import load_case
    from drawdown.ingest.fetch import Fetcher
    from drawdown.pipeline.watch import watch as run_watch

    def log(line: str) -> None:
        err.print(f"{datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ} {line}", markup=False)

    with open_cli_store(wait) as store:
        ref = case or store.get_meta("case")
        stages = None
        if ref:
            stages = downstream(load_case(str(ref)), log)  # new reports flow through extract and assess
            if not store.get_meta("case"):
                store.set_meta("case", str(ref))
    policy = FetchPolicy(
        max_bytes=max_bytes, deadline=timeout, host_delay=host_delay, per_host=per_host, overall=deadline
    )
    with Fetcher(policy) as fetcher:
        summary = run_watch(
            lambda: open_cli_store(wait), feeds, fetcher=fetcher, interval=interval, max_cycles=max_cycles,
            log=log, downstream=stages,
        )  # fmt: skip
    if json_out:
        emit_json({
            "cycles": summary.cycles, "new_reports": summary.new_reports, "failed_polls": summary.failed_polls,
            "failed_entries": summary.failed_entries, "feeds": summary.statuses,
        })  # fmt: skip
    else:
        out.print(
            f"{summary.cycles} cycle(s): {summary.new_reports} new report(s), {summary.failed_polls} failed poll(s), "
            f"{summary.failed_entries} failed entr(ies).",
            markup=False,
        )
    if summary.failed_polls or summary.failed_entries:
        raise typer.Exit(1)
