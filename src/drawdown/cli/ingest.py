"""`drawdown origins`: the clusters of copies and rewrites, each shown by its earliest-published member."""

from __future__ import annotations

from typing import Annotated

import typer

from drawdown.cli.common import JsonOpt, app, emit_json, guarded, open_cli_store, out


@app.command()
@guarded
def origins(
    all_: Annotated[bool, typer.Option("--all", help="Also list origins with a single report.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """List origins (groups of copies and rewrites of one story), largest first, with how members matched.

    Example: drawdown origins --json
    """
    from drawdown.pipeline.ingest import list_origins
    from drawdown.store.reports import section_matches

    with open_cli_store() as store:
        groups = list_origins(store, include_single=all_)
        repeats = section_matches(store)
    if json_out:
        emit_json({
            "origins": [g.as_dict() for g in groups],
            "repeated_sections": [
                {"report": r["report_id"], "first": [r["first_start"], r["first_end"]],
                 "second": [r["second_start"], r["second_end"]], "method": r["method"], "score": r["score"],
                 "shared_paragraphs": r["paragraphs"]}
                for r in repeats
            ],
        })  # fmt: skip
        return
    if not groups:
        out.print("No origin has more than one report." if not all_ else "No reports stored.", markup=False)
    for group in groups:
        rep = group.representative
        out.print(
            f"{group.id}\t{len(group.members)} report(s)\t{group.method}\t"
            f"{rep.label}: {rep.title or rep.url or rep.locator}",
            markup=False,
        )
        for member in group.members:
            if member.report.id == rep.id:
                continue
            score = f" {member.score:.2f}" if member.score is not None else ""
            out.print(f"\t{member.method}{score}\t{member.report.label}", markup=False)
    for r in repeats:
        shared = f", {r['paragraphs']} shared paragraph(s)" if r["paragraphs"] else ""
        out.print(
            f"{r['report_id']} repeats itself: characters {r['second_start']}-{r['second_end']} are a "
            f"{'copy' if r['method'] == 'near' else 'rewrite'} of {r['first_start']}-{r['first_end']} "
            f"(score {r['score']:.2f}{shared}) [{r['outlet'] or r['url'] or r['locator']}]",
            markup=False,
        )
