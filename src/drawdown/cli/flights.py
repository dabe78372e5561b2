"""`drawdown flights ...`: sorties from ADS-B tracks (built in the Sorties issue)."""

from __future__ import annotations

import typer

from drawdown.cli.common import STUB, app, guarded, not_yet

flights_app = typer.Typer(help="Sorties from ADS-B tracks (not available yet).", no_args_is_help=True)
app.add_typer(flights_app, name="flights")


def _flights_stub(name: str, doc: str) -> None:
    def command() -> None:
        not_yet(f"flights {name}", "Sorties")

    command.__doc__ = doc
    flights_app.command(name, context_settings=STUB)(guarded(command))


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
