"""`drawdown review export|import`: analysts' reviews of claims, moved between stores as JSONL."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from drawdown.cli.common import DEFAULT_WAIT, JsonOpt, WaitOpt, app, emit_json, err, guarded, open_cli_store, out
from drawdown.errors import InputError

review_app = typer.Typer(help="Analysts' reviews of claims: export and import as JSONL.", no_args_is_help=True)
app.add_typer(review_app, name="review")


@review_app.command("export")
@guarded
def review_export(
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    wait: WaitOpt = DEFAULT_WAIT,
    json_out: Annotated[bool, typer.Option("--json", help="With --out: print what was written as JSON.")] = False,
) -> None:
    """Write every stored review as one JSON line: report_id, span, action, verdict and the edits.

    Example: drawdown review export --out reviews.jsonl
    """
    from drawdown.pipeline.reviews import export_reviews

    if json_out and out_file is None:
        raise typer.BadParameter("the reviews themselves go to stdout; give a file with --out", param_hint="--json")
    with open_cli_store(wait) as store:
        lines = export_reviews(store)
    text = "".join(line + "\n" for line in lines)
    if out_file is None:
        sys.stdout.write(text)
    else:
        out_file.write_text(text, encoding="utf-8")
        if json_out:
            emit_json({"path": str(out_file), "reviews": len(lines)})
        else:
            err.print(f"{len(lines)} review(s) written to {out_file}.", markup=False)


@review_app.command("import")
@guarded
def review_import(
    file: Annotated[Path, typer.Argument(help="A JSONL file of reviews (from `drawdown review export`).")],
    wait: WaitOpt = DEFAULT_WAIT,
    json_out: JsonOpt = False,
) -> None:
    """Store the reviews of a JSONL file, each replacing an earlier review of the same claim; all or nothing.

    Reviews are keyed by report, span and action, so they apply to the same claims in another store of the
    same reports, and survive re-extraction.

    Example: drawdown review import reviews.jsonl
    """
    from drawdown.pipeline.reviews import import_reviews

    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{file}: cannot read ({exc})", fix="give a UTF-8 JSONL file") from None
    with open_cli_store(wait) as store:
        count = import_reviews(store, lines, str(file))
    if json_out:
        emit_json({"imported": count})
    else:
        out.print(f"{count} review(s) imported.", markup=False)
