"""The bundled demo: a fresh store in ``demo-out/``, the demo reports ingested, every built stage run, the brief."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from drawdown.api import write_brief
from drawdown.case import load_case
from drawdown.flights.airfields import resolve_airfield
from drawdown.flights.simulate import scenario_for_case, simulate_scenario, write_tracks
from drawdown.model import IngestResult, ProgressHook
from drawdown.pipeline.extract import extract
from drawdown.pipeline.flights import ingest_sorties
from drawdown.pipeline.ingest import ingest
from drawdown.store import open_store

DEMO_CASE = "syria-2024"
DB_NAME = "drawdown.duckdb"
BRIEF_NAME = "brief.md"
TRACKS_NAME = "tracks.csv.gz"


@dataclass(frozen=True)
class DemoResult:
    out_dir: Path
    db_path: Path
    brief_path: Path
    brief: str
    ingest: IngestResult


def demo_inputs(case_name: str = DEMO_CASE) -> Traversable:
    return resources.files("drawdown") / "data" / "demo" / case_name


@contextmanager
def _demo_files(case_name: str) -> Iterator[list[Path]]:
    """The demo reports as real files (the package may be zipped), without the folder's SOURCES.md."""
    with resources.as_file(demo_inputs(case_name)) as folder:
        yield sorted(p for p in Path(folder).iterdir() if p.is_file() and p.name != "SOURCES.md")


def run_demo(out_dir: str | Path = "demo-out", *, progress: ProgressHook | None = None) -> DemoResult:
    """Rebuild ``out_dir`` from scratch and return the brief. Only the demo's own files there are replaced."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    db_path = out / DB_NAME
    for stale in (db_path, out / f"{DB_NAME}.wal"):
        stale.unlink(missing_ok=True)
    case = load_case(DEMO_CASE)
    with open_store(db_path) as store, _demo_files(DEMO_CASE) as files:
        store.set_meta("case", DEMO_CASE)
        result = ingest(store, files, command="demo", progress=progress)
        extract(store, case)
        # ADS-B for the airlift the reports describe: about two transports a day out of Hmeimim, 14-16 Dec 2024.
        tracks = out / TRACKS_NAME
        scenario = scenario_for_case(case, fields=(resolve_airfield("OSLK", case),))
        write_tracks(simulate_scenario(scenario), tracks)
        ingest_sorties(store, tracks, case, simulated=True)
        brief_path = out / BRIEF_NAME
        brief = write_brief(store, case, brief_path)
    return DemoResult(out, db_path, brief_path, brief, result)
