"""The CLI contract that evaluation tools depend on (issue 5): keys, order, formats, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drawdown.cli import app
from drawdown.cli.flights import CONTRACT
from drawdown.flights.simulate import simulate_scenario, write_tracks
from tests.flights.sim import syria_scenario


@pytest.fixture(scope="module")
def tracks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sim = simulate_scenario(syria_scenario(days=1, seed=4))
    return write_tracks(sim, tmp_path_factory.mktemp("cli") / "tracks.csv")


def test_contract_keys_are_exact() -> None:
    assert CONTRACT == ("icao24", "callsign", "event", "time", "airfield", "confidence", "type", "destination")


def test_sorties_jsonl(runner: CliRunner, tracks: Path) -> None:
    result = runner.invoke(app, ["flights", "sorties", str(tracks), "--airfield", "OSLK", "--case", "syria-2024"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(tuple(r) == CONTRACT for r in rows)
    assert {r["event"] for r in rows} == {"takeoff", "landing"} and {r["airfield"] for r in rows} == {"OSLK"}
    assert all(r["time"].endswith("Z") and 0 < r["confidence"] <= 1 for r in rows)
    assert any(r["destination"] in ("UUMU", "HL59", "HLLB", "GABS") for r in rows if r["callsign"].startswith("RFF"))


def test_sorties_csv_and_table(runner: CliRunner, tracks: Path) -> None:
    as_csv = runner.invoke(app, ["flights", "sorties", str(tracks), "-a", "OSLK", "--format", "csv"])
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert rows and tuple(rows[0]) == CONTRACT
    table = runner.invoke(app, ["flights", "sorties", str(tracks), "-a", "OSLK", "--format", "table"])
    assert table.exit_code == 0 and "takeoff" in table.stdout


def test_sorties_errors_are_one_line(runner: CliRunner, tracks: Path, tmp_path: Path) -> None:
    bad_field = runner.invoke(app, ["flights", "sorties", str(tracks), "-a", "QQQQ"])
    assert bad_field.exit_code == 4 and "QQQQ" in bad_field.stderr and "Traceback" not in bad_field.output
    missing = runner.invoke(app, ["flights", "sorties", str(tmp_path / "none.csv"), "-a", "OSLK"])
    assert missing.exit_code == 4 and "no such file" in missing.stderr
    bad_fmt = runner.invoke(app, ["flights", "sorties", str(tracks), "-a", "OSLK", "--format", "xml"])
    assert bad_fmt.exit_code == 2
    bad_engine = runner.invoke(app, ["flights", "sorties", str(tracks), "-a", "OSLK", "--engine", "oracle"])
    assert bad_engine.exit_code == 4 and "--engine" in bad_engine.stderr


def test_ingest_is_idempotent_and_keeps_the_fleet(runner: CliRunner, db: Path, tracks: Path) -> None:
    first = runner.invoke(app, ["flights", "ingest", str(tracks), "--case", "syria-2024", "--json"])
    assert first.exit_code == 0, first.output
    one = json.loads(first.stdout)
    assert one["added"] == 4 and one["skipped_civil"] > 0 and one["sorties_in_store"] == 4
    again = json.loads(runner.invoke(app, ["flights", "ingest", str(tracks), "--case", "syria-2024", "--json"]).stdout)
    assert again["added"] == 0 and again["updated"] == 4 and again["sorties_in_store"] == 4


def test_simulate_writes_tracks_and_truth(runner: CliRunner, tmp_path: Path) -> None:
    out, truth = tmp_path / "t.parquet", tmp_path / "truth.jsonl"
    result = runner.invoke(
        app, ["flights", "simulate", "--case", "syria-2024", "-a", "OSLK", "--out", str(out), "--days", "1",
              "--truth", str(truth)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in truth.read_text().splitlines()]
    assert out.stat().st_size > 0 and sum(e["event"] == "takeoff" and e["fleet"] for e in events) == 2


@pytest.mark.parametrize("name", ["t.parquet", "t.csv.gz"])
def test_what_the_simulator_wrote_is_ingested_as_simulated_without_being_told(
    runner: CliRunner, tmp_path: Path, name: str
) -> None:
    from drawdown.store.db import open_store
    from drawdown.store.sorties import load_sorties, simulated_ids

    out, db = tmp_path / name, tmp_path / "d.duckdb"
    made = runner.invoke(app, ["flights", "simulate", "--case", "syria-2024", "-a", "OSLK", "--out", str(out),
                               "--days", "1"])  # fmt: skip
    assert made.exit_code == 0, made.output
    result = runner.invoke(app, ["--db", str(db), "flights", "ingest", str(out), "--case", "syria-2024", "--json"])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        sorties, simulated = load_sorties(store), simulated_ids(store)
    assert sorties and {s.id for s in sorties} == simulated


def test_sorties_evidence_adds_two_keys_after_the_contract(runner: CliRunner, tracks: Path) -> None:
    result = runner.invoke(app, ["flights", "sorties", str(tracks), "-a", "OSLK", "--evidence"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all(tuple(r) == (*CONTRACT, "evidence", "inferred") for r in rows)
    assert {r["evidence"] for r in rows} <= {"onground", "altitude", "inferred"}
    assert all((r["evidence"] == "inferred") == r["inferred"] for r in rows)


@pytest.mark.parametrize("command", ["sorties", "ingest"])
def test_a_terminal_sees_the_steps_on_stderr_and_json_sees_none(
    runner: CliRunner, tracks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    from rich.console import Console

    import drawdown.cli.common as common

    args = ["--db", str(tmp_path / "d.duckdb"), "flights", command, str(tracks), "--case", "syria-2024"]
    args += ["--airfield", "OSLK"] if command == "sorties" else []
    shown = []
    for extra in ([], ["--json"]):
        screen = io.StringIO()
        monkeypatch.setattr(common, "err", Console(file=screen, force_terminal=True, width=120))
        result = runner.invoke(app, [*args, *extra])
        assert result.exit_code == 0, result.output
        shown.append(screen.getvalue())
    last = "storing" if command == "ingest" else "naming destinations and waves"  # drawn when the bar stops
    assert f"Sorties {last}" in shown[0]
    assert "Sorties" not in shown[1]
