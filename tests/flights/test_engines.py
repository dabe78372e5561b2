"""The same Ibis stage on DuckDB and on Spark (local[2]) gives the same sorties and the same counts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drawdown.case import load_case
from drawdown.flights.airfields import case_airfields
from drawdown.flights.simulate import simulate_scenario, write_tracks
from drawdown.flights.sorties import detect_sorties
from tests.flights.sim import syria_scenario

pytestmark = [pytest.mark.slow, pytest.mark.spark]


def test_duckdb_and_spark_agree(tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.fail("Java is missing: `make java` installs it (Spark tests must run in CI)")
    case = load_case("syria-2024")
    path = write_tracks(simulate_scenario(syria_scenario(days=2, seed=13)), tmp_path / "t.parquet")
    fields = case_airfields(case)
    duck = detect_sorties(path, fields, case=case, engine="duckdb")
    spark = detect_sorties(path, fields, case=case, engine="spark")
    assert duck.sorties and duck.sorties == spark.sorties
    assert duck.cleaning == spark.cleaning
