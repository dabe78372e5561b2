"""Exports: GeoJSON of sites with status, ACLED-style CSV of claims, Parquet and JSONL of everything."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from drawdown.case import load_case
from drawdown.cli import app
from drawdown.pipeline.export import export
from drawdown.pipeline.extract import extract
from drawdown.pipeline.ingest import ingest
from drawdown.pipeline.reviews import review
from drawdown.report.export import ACLED_COLUMNS
from drawdown.store import Store, open_store
from drawdown.store.claims import load_claims
from tests.conftest import write

LINES = [
    {"id": "a", "url": "https://a.example/1", "outlet": "Alpha Wire", "published": "2024-12-16",
     "text": "A convoy of 40 trucks left T4 air base on Saturday, residents said."},
    {"id": "b", "url": "https://b.example/2", "outlet": "Beta Daily", "published": "2024-12-17",
     "text": "Two cargo ships left the port of Tartus on Sunday, officials confirmed."},
]  # fmt: skip


def _fill(store: Store, folder: Path) -> None:
    ingest(store, [str(write(folder / "r.jsonl", "\n".join(json.dumps(x) for x in LINES) + "\n"))])
    extract(store, load_case("syria-2024"))


def _export(store: Store, what: str, fmt: str) -> bytes:
    sink = io.BytesIO()
    export(store, load_case("syria-2024"), what, fmt, sink)
    return sink.getvalue()


def test_claims_csv_has_acled_columns_first_then_drawdowns(store: Store, tmp_path: Path) -> None:
    _fill(store, tmp_path)
    rows = list(csv.DictReader(io.StringIO(_export(store, "claims", "csv").decode())))
    assert tuple(rows[0])[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert {"action", "confirmation", "review", "span_start", "credibility"} <= set(rows[0])
    convoy = next(r for r in rows if r["action"] == "convoy_departed")
    assert convoy["event_date"] == "2024-12-14" and convoy["time_precision"] == "1", "Saturday: the exact day"
    assert convoy["location"].startswith("Tiyas") or "T4" in convoy["location"]
    assert float(convoy["latitude"]) > 34 and convoy["geo_precision"] == "1" and convoy["source"] == "Alpha Wire"
    assert convoy["event_type"] == "Strategic developments" and convoy["review"] == "unreviewed"


def test_rejected_claims_are_not_exported(store: Store, tmp_path: Path) -> None:
    _fill(store, tmp_path)
    ships = next(c for c in load_claims(store) if c.action == "ships_departed")
    review(store, {"report_id": ships.report_id, "span": list(ships.span), "action": ships.action, "verdict": "wrong"})
    lines = _export(store, "claims", "jsonl").decode().splitlines()
    assert lines and all(json.loads(line)["action"] != "ships_departed" for line in lines)


def test_sites_geojson_carries_status_and_probabilities(store: Store, tmp_path: Path) -> None:
    _fill(store, tmp_path)
    collection = json.loads(_export(store, "sites", "geojson"))
    assert collection["type"] == "FeatureCollection"
    features = {f["properties"]["site"]: f for f in collection["features"]}
    assert set(features) == {s.id for s in load_case("syria-2024").sites}
    t4 = features["t4"]
    lon, lat = t4["geometry"]["coordinates"]
    assert 36 < lon < 38 and 34 < lat < 35, "GeoJSON puts longitude first"
    props = t4["properties"]
    assert props["status"] in ("present", "drawing_down", "withdrawn", "unknown")
    total = props["p_present"] + props["p_drawing_down"] + props["p_withdrawn"]
    assert abs(total - 1) < 0.01


def test_parquet_and_an_empty_store(store: Store, tmp_path: Path) -> None:
    empty = list(csv.reader(io.StringIO(_export(store, "claims", "csv").decode())))
    assert tuple(empty[0]) == ACLED_COLUMNS and len(empty) == 1, "an empty export still names its columns"
    _fill(store, tmp_path)
    table = pq.read_table(io.BytesIO(_export(store, "reports", "parquet")))
    assert table.num_rows == 2 and {"id", "url", "outlet", "text"} <= set(table.column_names)


def test_export_command(runner: CliRunner, db: Path) -> None:
    with open_store(db) as store:
        store.set_meta("case", "syria-2024")
        _fill(store, db.parent)
    ok = runner.invoke(app, ["export", "--format", "geojson", "--what", "sites", "--out", "sites.geojson"])
    assert ok.exit_code == 0, ok.output
    assert json.loads((db.parent / "sites.geojson").read_text())["features"]
    piped = runner.invoke(app, ["export", "--format", "csv", "--what", "claims"])
    assert piped.exit_code == 0 and piped.stdout.startswith(",".join(ACLED_COLUMNS))
    no_coords = runner.invoke(app, ["export", "--format", "geojson", "--what", "sorties"])
    assert no_coords.exit_code == 4 and "have no coordinates" in no_coords.stderr
    binary = runner.invoke(app, ["export", "--format", "parquet"])
    assert binary.exit_code == 2 and "--out" in binary.output
    unknown = runner.invoke(app, ["export", "--format", "xlsx"])
    assert unknown.exit_code == 2 and "geojson, csv, parquet, jsonl" in unknown.output
