"""Shared pieces of the command line: the app, output consoles, error handling, common options.

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
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from drawdown.errors import CaseError, DrawdownError, Problem
from drawdown.model import ProgressHook
from drawdown.store.db import interrupted

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
app.add_typer(cases_app, name="cases")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class _State:
    db: Path | None = None
    verbose: bool = False
    signal: str = ""  # the name of the signal that stopped the run, when it was not Ctrl-C


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
        except BaseException as exc:
            if not interrupted(exc):
                raise
            # The handler records the signal's name; the exception cannot carry it, because a signal that lands in
            # a query or in a codec comes back as another exception or with the codec's words around it.
            by = f" by {state.signal}" if state.signal else ""
            err.print(f"interrupted{by}; what was stored stays whole, re-run to continue", markup=False)
            raise typer.Exit(130) from None

    return wrapper


def emit_json(payload: Any) -> None:
    out.print_json(json.dumps(payload, default=str))


@contextmanager
def progress(label: str, enabled: bool, *, detail: bool = False) -> Iterator[ProgressHook]:
    """A rich progress bar on stderr, shown only on a terminal and never in --json mode. With ``detail``, what
    the hook says is being done follows the label (a file and its reports so far, a step's name)."""
    bar = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True, disable=not (enabled and err.is_terminal),
    )  # fmt: skip
    task = bar.add_task(label, total=None)

    def update(done: int, total: int, item: str) -> None:
        described = f"{label} {item}" if detail and item else label
        bar.update(task, completed=done, total=total, description=described)

    with bar:
        yield update


def open_cli_store(wait: float = 0.0) -> Any:
    """The store of ``--db``; readers pass ``wait`` so that they queue behind `watch` or `serve` a while."""
    from drawdown.store import open_store

    return open_store(state.db, wait=wait)


# Readers wait this long by default: `watch` releases the store between polls, and one poll with its extract
# and assess takes seconds, so half a minute covers a busy poll and still fails soon behind `serve`.
DEFAULT_WAIT = 30.0
WaitOpt = Annotated[
    float,
    typer.Option(
        "--wait", min=0, help="Seconds to wait while another process (watch, serve) holds the store, then fail."
    ),
]


def case_ref(case: str | None, store: Any) -> str:
    """``--case``, else the case the store was initialised with (no store: ``--case`` is needed)."""
    ref = case or (store.get_meta("case") if store is not None else None)
    if not ref:
        raise CaseError([Problem("--case", "no case given", "pass --case syria-2024 (or a path to a case file)")])
    return str(ref)


CaseOpt = Annotated[
    str | None, typer.Option("--case", "-c", help="Bundled case name (e.g. syria-2024) or path to a case .toml.")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output on stdout.")]
TimeoutOpt = Annotated[
    float, typer.Option("--timeout", min=1, help="Seconds one URL may take in all, retries included.")
]
HostDelayOpt = Annotated[
    float, typer.Option("--host-delay", min=0, help="Seconds between two requests to one host (be polite).")
]
PerHostOpt = Annotated[
    int, typer.Option("--per-host", min=1, help="Requests in flight at once to one host (URLs are fetched together).")
]
DeadlineOpt = Annotated[
    float | None,
    typer.Option("--deadline", min=1, help="Seconds all the URLs (watch: one round of polls) may take together."),
]


def parse_day(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint=flag) from None


def show_markdown(text: str) -> None:
    if out.is_terminal:
        out.print(Markdown(text))
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
