"""`flights simulate --case X` draws everything from case X: fleet callsigns and addresses, airfields,
destinations, civil traffic and overflights (issue 13, item 7)."""

from __future__ import annotations

import json
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pyarrow.csv as pacsv
import pytest
from typer.testing import CliRunner

import drawdown
from drawdown.case import Destination, Fleet, SimTraffic, Site, load_case
from drawdown.cli import app
from drawdown.errors import InputError
from drawdown.flights.simulate import scenario_for_case, simulate_scenario

FLEET = (0x3A0000, 0x3AFFFF)
CIVIL = (0x500000, 0x5003FF)


def _other_theatre():  # type: ignore[no-untyped-def]
    """An invented theatre: one air base, one destination, its own fleet and register."""
    syria = load_case("syria-2024")
    return replace(
        syria, id="elsewhere",
        sites=(Site("north", "North Field", "air_base", 16.25, -0.01, icao="GAGO"),),
        fleet=Fleet(("CTM",), (FLEET,), "test"), airframes=(),
        destinations=(Destination("LFOA", "Avord", "FR", 47.0533, 2.6325, "test"),),
        simulation=SimTraffic(("MLI",), (CIVIL,), ("AFR", "RAM"), "test"),
    )  # fmt: skip


def test_a_scenario_comes_from_its_case_alone() -> None:
    sim = simulate_scenario(scenario_for_case(_other_theatre(), days=1, seed=3))
    calls = {c.strip()[:3] for c in sim.table["callsign"].to_pylist()}
    assert calls == {"CTM", "MLI", "AFR", "RAM"}
    fleet = {e.icao24 for e in sim.truth if e.fleet}
    civil = {e.icao24 for e in sim.truth if not e.fleet}
    assert fleet and all(FLEET[0] <= int(a, 16) <= FLEET[1] for a in fleet)
    assert civil and all(CIVIL[0] <= int(a, 16) <= CIVIL[1] for a in civil)
    assert {e.airfield for e in sim.truth} == {"GAGO", "LFOA"}
    # Overflights come from outside the case's fleet and register, with the case's overflight prefixes.
    over = {a for a, c in zip(sim.table["icao24"].to_pylist(), sim.table["callsign"].to_pylist(), strict=True)
            if c.strip()[:3] in ("AFR", "RAM")}  # fmt: skip
    assert over and not any(lo <= int(a, 16) <= hi for a in over for lo, hi in (FLEET, CIVIL))


def test_a_case_without_a_fleet_says_which_key_is_missing() -> None:
    case = replace(_other_theatre(), fleet=Fleet((), (FLEET,), "test"))
    with pytest.raises(InputError, match=r"\[fleet\] callsign_prefixes"):
        scenario_for_case(case)


def test_a_case_without_civil_traffic_simulates_none() -> None:
    sim = simulate_scenario(scenario_for_case(replace(_other_theatre(), simulation=None), days=1, seed=3))
    assert all(e.fleet for e in sim.truth)


def test_cli_simulate_uses_the_case_file(runner: CliRunner, tmp_path: Path) -> None:
    text = (Path(drawdown.__file__).parent / "cases" / "syria-2024.toml").read_text(encoding="utf-8")
    text = text.replace('callsign_prefixes = ["RFF", "RSD"]', 'callsign_prefixes = ["CTM"]')
    text = text.replace('icao24_ranges = ["100000-1fffff"]', 'icao24_ranges = ["3a0000-3affff"]')
    text = text.replace('civil_callsign_prefixes = ["SYR"]', 'civil_callsign_prefixes = ["MLI"]')
    text = text.replace('civil_icao24_ranges = ["778000-77ffff"]', 'civil_icao24_ranges = ["500000-5003ff"]')
    case_file = tmp_path / "elsewhere.toml"
    case_file.write_text(text, encoding="utf-8")
    out, truth = tmp_path / "t.csv", tmp_path / "truth.jsonl"
    result = runner.invoke(app, ["flights", "simulate", "--case", str(case_file), "-a", "OSLK", "--days", "1",
                                 "--out", str(out), "--truth", str(truth)])  # fmt: skip
    assert result.exit_code == 0, result.output
    calls = {c.strip()[:3] for c in pacsv.read_csv(out)["callsign"].to_pylist()}
    assert "CTM" in calls and "MLI" in calls and not calls & {"RFF", "SYR"}
    rows = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]
    assert {r["callsign"][:3] for r in rows if r["fleet"]} == {"CTM"}


def test_cli_simulate_without_a_case_names_the_flag(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["flights", "simulate", "--out", str(tmp_path / "t.csv")])
    assert result.exit_code != 0 and "--case" in result.output


def test_simulating_a_day_at_a_time_writes_one_time_sorted_file_with_every_row(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from drawdown.flights.simulate import simulate_days, write_tables

    scenario = scenario_for_case(load_case("syria-2024"), days=4, seed=3)
    chunks = [table for table, _ in simulate_days(scenario)]
    assert len(chunks) == 4, "one table a day: memory holds about two days"
    whole = simulate_scenario(scenario).table
    rows = write_tables(chunks, tmp_path / "t.parquet")
    written = pq.read_table(tmp_path / "t.parquet")
    assert rows == written.num_rows == whole.num_rows
    for name in ("time", "icao24", "callsign", "baroaltitude"):  # lat/lon hold NaN glitches, never equal to NaN
        assert written.column(name).equals(whole.column(name)), name
    times = [table.column("time").to_numpy() for table in chunks]
    assert all(a.max() <= b.min() for a, b in pairwise(times)), "no day goes before a written one"
