"""`--spark-master spark://...`: the stage runs on a real standalone Spark cluster (one master, one worker, both
started here from the pyspark package, bound to 127.0.0.1) and prints what the embedded DuckDB prints."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drawdown.flights.simulate import simulate_scenario, write_tracks
from tests.flights.sim import syria_scenario

pytestmark = [pytest.mark.slow, pytest.mark.spark]
DRAWDOWN = Path(sys.executable).with_name("drawdown")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(log: Path, text: str, proc: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if log.exists() and text in log.read_text(errors="replace"):
            return
        if proc.poll() is not None:
            pytest.fail(f"{log.name}: the process ended before {text!r}:\n{log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.5)
    pytest.fail(f"{log.name}: no {text!r} after {seconds:.0f} s")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.fail("Java is missing: `make java` installs it (Spark tests must run in CI)")
    from pyspark.find_spark_home import _find_spark_home

    home = Path(_find_spark_home())
    tmp = tmp_path_factory.mktemp("spark")
    env = {**os.environ, "SPARK_HOME": str(home), "SPARK_LOCAL_IP": "127.0.0.1", "SPARK_LOG_DIR": str(tmp),
           "SPARK_WORKER_DIR": str(tmp / "work"), "PYSPARK_PYTHON": sys.executable}  # fmt: skip
    port = _free_port()
    url = f"spark://127.0.0.1:{port}"
    spark_class = str(home / "bin" / "spark-class")
    procs: list[subprocess.Popen[bytes]] = []
    try:
        master_log, worker_log = tmp / "master.log", tmp / "worker.log"
        with master_log.open("wb") as out:
            procs.append(subprocess.Popen(
                [spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
                 "--webui-port", str(_free_port())], stdout=out, stderr=subprocess.STDOUT, env=env,
            ))  # fmt: skip
        _wait_for(master_log, "ALIVE", procs[0])
        with worker_log.open("wb") as out:
            procs.append(subprocess.Popen(
                [spark_class, "org.apache.spark.deploy.worker.Worker", url, "--host", "127.0.0.1", "--cores", "2",
                 "--memory", "1g", "--webui-port", str(_free_port())], stdout=out, stderr=subprocess.STDOUT, env=env,
            ))  # fmt: skip
        _wait_for(worker_log, "Successfully registered with master", procs[1])
        yield url, master_log
    finally:
        for proc in reversed(procs):
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_standalone_cluster_gives_the_embedded_answer(cluster: tuple[str, Path], tmp_path: Path) -> None:
    url, master_log = cluster
    tracks = write_tracks(simulate_scenario(syria_scenario(days=2, seed=5)), tmp_path / "t.parquet")
    args = [str(DRAWDOWN), "flights", "sorties", str(tracks), "--airfield", "OSLK", "--format", "jsonl"]
    duck = subprocess.run(args, capture_output=True, text=True, check=True, timeout=300)
    # A child process: the test session may already hold a local Spark session, and Spark keeps one per JVM.
    spark = subprocess.run([*args, "--engine", "spark", "--spark-master", url], capture_output=True, text=True,
                           timeout=600, env={**os.environ, "PYSPARK_PYTHON": sys.executable})  # fmt: skip
    assert spark.returncode == 0, spark.stderr[-2000:]
    assert duck.stdout.count("\n") >= 4
    assert spark.stdout == duck.stdout
    # Spark's console progress bars would garble a terminal's table output.
    assert "[Stage" not in spark.stderr
    # The work went to the cluster, not to a local session.
    assert "Registering app drawdown-sorties" in master_log.read_text(errors="replace")


def test_the_corpus_extraction_on_the_cluster_prints_the_embedded_lines(
    cluster: tuple[str, Path], tmp_path: Path
) -> None:
    from tests.pipeline.test_corpus import corpus_rows, write_corpus

    url, master_log = cluster
    corpus = write_corpus(corpus_rows(tmp_path, n=200), tmp_path / "corpus", files=3)
    args = [str(DRAWDOWN), "extract", str(corpus), "--case", "syria-2024", "--format", "jsonl"]
    embedded = subprocess.run(args, capture_output=True, text=True, check=True, timeout=300)
    spark = subprocess.run([*args, "--engine", "spark", "--master", url], capture_output=True, text=True,
                           timeout=600, env={**os.environ, "PYSPARK_PYTHON": sys.executable})  # fmt: skip
    assert spark.returncode == 0, spark.stderr[-2000:]
    assert embedded.stdout.count("\n") > 200 and '"duplicate_of": "' in embedded.stdout
    assert spark.stdout == embedded.stdout
    assert master_log.read_text(errors="replace").count("Registering app drawdown-sorties") >= 2
