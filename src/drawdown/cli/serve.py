"""`drawdown serve`: the live dashboard on 127.0.0.1, optionally watching feeds in the same process."""

from __future__ import annotations

import json
import secrets
from typing import Annotated

import typer

from drawdown.cli.common import DEFAULT_WAIT, CaseOpt, WaitOpt, app, case_ref, err, guarded, open_cli_store, out
from drawdown.errors import NotAvailableError, StoreError
from drawdown.ingest.decode import DEFAULT_MAX_BYTES


@app.command()
@guarded
def serve(
    case: CaseOpt = None,
    host: Annotated[str, typer.Option(help="Address to bind; anything but loopback exposes the store.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: any free port).", min=0, max=65535)] = 8000,
    watch: Annotated[
        list[str] | None, typer.Option("--watch", help="Feed URL to poll and run through the pipeline (repeatable).")
    ] = None,
    interval: Annotated[float, typer.Option(help="Seconds between polls of each --watch feed.", min=0)] = 300.0,
    max_bytes: Annotated[int, typer.Option(help="Largest feed or page accepted, in bytes.")] = DEFAULT_MAX_BYTES,
    wait: WaitOpt = DEFAULT_WAIT,
    json_out: Annotated[
        bool, typer.Option("--json", help="Print the address, token and API as one JSON line once listening.")
    ] = False,
) -> None:
    """Serve the live dashboard: map, timelines, force chart, evidence ledger with reviews, the brief.

    Prints the address with the per-server token that the page's write endpoint (reviews) needs. With --watch,
    feeds are polled in this process and the page updates without a reload. The API is described at
    /openapi.json. Stop with Ctrl-C.

    Example: drawdown serve --case syria-2024 --port 8600 --watch https://example.org/feed.xml
    """
    from drawdown import __version__
    from drawdown.case import load_case
    from drawdown.pipeline.serve import StoreProvider, watch_in_background
    from drawdown.web.app import create_app, vendor_missing
    from drawdown.web.server import bind, is_loopback, run

    missing = vendor_missing()
    if missing:
        raise NotAvailableError(
            f"the dashboard's browser assets are not built ({', '.join(missing)})",
            fix="run `make web-assets` (installs them from npm) in the drawdown source folder",
        )
    if not is_loopback(host):
        err.print(f"warning: binding {host} makes the store readable from the network", markup=False)
    try:
        sock = bind(host, port)
    except OSError as exc:
        raise StoreError(f"{host}:{port}: cannot listen ({exc.strerror})", fix="choose another --port") from None
    token = secrets.token_urlsafe(24)
    with open_cli_store(wait) as store:
        the_case = load_case(case_ref(case, store))
        provider = StoreProvider(store, the_case, log=lambda line: err.print(line, markup=False))
        if watch:
            watch_in_background(provider, watch, interval=interval, max_bytes=max_bytes,
                                log=lambda line: err.print(line, markup=False))  # fmt: skip
        bound_host, bound_port = sock.getsockname()[:2]
        shown = f"[{bound_host}]" if ":" in bound_host else bound_host

        def ready() -> None:
            base = f"http://{shown}:{bound_port}"
            if json_out:
                line = {"url": f"{base}/?token={token}", "token": token, "api": f"{base}/openapi.json"}
                out.file.write(json.dumps(line) + "\n")
            else:
                out.print(f"Dashboard: {base}/?token={token}", markup=False, soft_wrap=True)
                out.print(f"Write token: {token}", markup=False, soft_wrap=True)
                out.print(f"API: {base}/openapi.json", markup=False, soft_wrap=True)
            out.file.flush()

        try:
            run(create_app(provider, token, version=__version__), sock, on_ready=ready)
        finally:
            provider.close()
