"""`drawdown extract CORPUS.parquet --format jsonl`: the same lines as the JSONL route, embedded and on Spark
(local mode here; the standalone cluster in tests/flights/test_spark_cluster.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from drawdown.case import load_case
from drawdown.cli import app
from drawdown.ingest.synthetic import make_corpus
from drawdown.pipeline.corpus import extract_corpus, extract_corpus_spark
from drawdown.pipeline.extract import extract_jsonl_lines

CLAIMS = [
    "A convoy of 40 trucks left T4 air base on Saturday, residents said.",
    "Two Il-76 flights departed Hmeimim on Tuesday, according to flight trackers.",
    "The ministry denied that troops were leaving Tartus.",
]


def corpus_rows(tmp_path: Path, n: int = 240) -> list[dict[str, object]]:
    """Copies, exact republications and rewrites (the ingest benchmark's generator), reports with claims and
    their copies, a report without an id and an empty one."""
    jsonl = tmp_path / "gen.jsonl"
    make_corpus(jsonl, n)
    rows: list[dict[str, object]] = [json.loads(line) for line in jsonl.read_text().splitlines()]
    for k, text in enumerate(CLAIMS * 2):
        rows.insert(7 * k + 3, {"id": f"c{k}", "published": "2024-12-16T09:00:00Z", "text": text})
    rows.insert(5, {"id": None, "published": None, "text": CLAIMS[0] + " More to follow."})
    rows.insert(9, {"id": "empty", "published": "2024-12-17", "text": ""})
    return [{"id": r.get("id"), "published": r.get("published"), "text": r["text"]} for r in rows]


def write_corpus(rows: list[dict[str, object]], path: Path, files: int = 1) -> Path:
    """One Parquet file, or a folder of ``files`` files (small row groups: several Spark partitions each)."""
    table = pa.Table.from_pylist(rows, schema=pa.schema([("id", pa.string()), ("published", pa.string()),
                                                         ("text", pa.string())]))  # fmt: skip
    if files == 1:
        pq.write_table(table, path, row_group_size=50)
        return path
    path.mkdir()
    step = -(-len(rows) // files)
    for k in range(files):
        pq.write_table(table.slice(k * step, step), path / f"part-{k:02d}.parquet", row_group_size=40)
    (path / "_SUCCESS").write_text("")
    return path


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    return corpus_rows(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def expected(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    lines = [json.dumps(r) for r in rows]
    return list(extract_jsonl_lines(lines, load_case("syria-2024")))


def test_the_embedded_parquet_run_gives_the_jsonl_route_s_lines(
    rows: list[dict[str, object]], expected: list[dict[str, object]], tmp_path: Path
) -> None:
    assert sum(1 for r in expected if r["duplicate_of"]) > 20 and sum(len(r["claims"]) for r in expected) >= 6
    assert expected[5]["id"] == "line-6", "a report without an id is named by its place in the corpus"
    assert list(extract_corpus(write_corpus(rows, tmp_path / "c.parquet"), load_case("syria-2024"))) == expected
    folder = write_corpus(rows, tmp_path / "parts", files=3)
    assert list(extract_corpus(folder, load_case("syria-2024"))) == expected


@pytest.mark.slow
@pytest.mark.spark
def test_spark_local_mode_gives_the_embedded_lines(
    rows: list[dict[str, object]], expected: list[dict[str, object]], tmp_path: Path
) -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.fail("Java is missing: `make java` installs it (Spark tests must run in CI)")
    folder = write_corpus(rows, tmp_path / "parts", files=3)
    assert list(extract_corpus_spark(folder, load_case("syria-2024"), "local[2]")) == expected


def test_the_command_prints_the_lines_and_refuses_spark_on_jsonl(
    rows: list[dict[str, object]], expected: list[dict[str, object]], tmp_path: Path, runner: CliRunner
) -> None:
    corpus = write_corpus(rows[:40], tmp_path / "c.parquet")
    result = runner.invoke(app, ["extract", str(corpus), "--case", "syria-2024", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.stdout.splitlines()] == list(
        extract_jsonl_lines([json.dumps(r) for r in rows[:40]], load_case("syria-2024"))
    )
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in rows[:3]) + "\n")
    refused = runner.invoke(app, ["extract", str(jsonl), "--case", "syria-2024", "-f", "jsonl", "--engine", "spark"])
    assert refused.exit_code == 2 and "--engine spark reads a Parquet corpus" in refused.stderr
    bad = tmp_path / "bad.parquet"
    bad.write_text("not parquet")
    broken = runner.invoke(app, ["extract", str(bad), "--case", "syria-2024", "-f", "jsonl"])
    assert broken.exit_code == 4 and "bad.parquet: not a Parquet corpus" in broken.stderr
