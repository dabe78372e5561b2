"""Where the Ibis stage runs: an embedded DuckDB (default) or Spark (local mode, or a ``spark://`` cluster).

Nothing here is imported by the package at import time; Spark (and its JVM) starts only when asked for.
"""

from __future__ import annotations

import os
import sys
import tempfile
from typing import Any, Final

import duckdb
import ibis
import ibis.expr.types as ir
import pyarrow as pa

from drawdown.errors import DrawdownError, InputError

ENGINES: Final = ("duckdb", "spark")
# DuckDB spills windows and sorts to disk past this. 1 GB let a 10 M-row CSV peak at 1.07 GB of RSS; 256 MB
# keeps it under 500 MB with the interpreter and the libraries (benchmarks/bench_limits.py, BENCHMARKS.md).
DUCKDB_MEMORY_LIMIT: Final = "256MB"
_spark_sessions: dict[str, Any] = {}


class EngineError(DrawdownError):
    """The requested engine cannot start (e.g. no Java for Spark)."""

    exit_code = 2


def duckdb_connection() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'").fetchall()
    con.execute("SET enable_progress_bar = false").fetchall()
    # Spill files go to the system's temporary folder, not to a `.tmp` folder in the user's working directory.
    spill = os.path.join(tempfile.gettempdir(), f"drawdown-duckdb-{os.getpid()}")
    con.execute("SET temp_directory = ?", [spill]).fetchall()
    return con


def spark_session(master: str = "local[2]") -> Any:
    """A Spark session (cached per master URL). UTC session time, no UI, few shuffle partitions: the inputs
    this stage sees after the zone filter are small, and 200 default partitions would dominate the run."""
    if master in _spark_sessions:
        return _spark_sessions[master]
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineError("--engine spark needs pyspark", fix="pip install 'drawdown[spark]'") from None
    warehouse = os.path.join(tempfile.gettempdir(), "drawdown-spark-warehouse")
    try:
        # Python code on the executors (extract's mapInPandas) needs drawdown, which this interpreter has; PySpark
        # starts its workers with $PYSPARK_PYTHON, else a `python3` from PATH. On a cluster whose workers keep
        # drawdown elsewhere, set PYSPARK_PYTHON to theirs (docs/scale-out.md).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        session = (
            SparkSession.builder.master(master)
            .appName("drawdown-sorties")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.sql.warehouse.dir", warehouse)
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .getOrCreate()
        )
    except Exception as exc:  # py4j raises plain Exceptions when the JVM cannot start
        raise EngineError(
            f"--engine spark: Spark did not start ({str(exc).splitlines()[0]})",
            fix="install Java 17 (apt-get install openjdk-17-jre-headless) or use --engine duckdb",
        ) from None
    session.sparkContext.setLogLevel("ERROR")
    _spark_sessions[master] = session
    return session


class Engine:
    """One backend with the two inputs of the stage loaded: ``points`` and ``fields``."""

    def __init__(self, name: str, spark_master: str = "local[2]") -> None:
        if name not in ENGINES:
            raise InputError(f"--engine {name}: not known", fix=f"use one of {', '.join(ENGINES)}")
        self.name = name
        self.spark_master = spark_master
        self._counter = 0
        self._con: duckdb.DuckDBPyConnection | None = None

    def tables(self, con: duckdb.DuckDBPyConnection, points_sql: str, fields: pa.Table) -> tuple[ir.Table, ir.Table]:
        """Ibis tables for the points (a SQL query over ``con``) and the fields, on this engine."""
        if self.name == "duckdb":
            self._con = con
            backend = ibis.duckdb.from_connection(con)
            con.execute(f"CREATE OR REPLACE TEMP VIEW stage_points AS {points_sql}")
            con.register("stage_fields", fields)
            return backend.table("stage_points"), backend.table("stage_fields")
        session = spark_session(self.spark_master)
        backend = ibis.pyspark.connect(session)
        self._counter += 1
        names = (f"stage_points_{id(self)}_{self._counter}", f"stage_fields_{id(self)}_{self._counter}")
        for name, data in zip(names, (con.sql(points_sql).to_arrow_table(), fields), strict=True):
            session.createDataFrame(data).createOrReplaceTempView(name)
        return backend.table(names[0]), backend.table(names[1])

    def rows(self, expr: ir.Table) -> list[dict[str, Any]]:
        """The rows of ``expr``, as dicts. On DuckDB the compiled SQL runs on the connection directly: Ibis's
        ``to_pyarrow`` goes through pandas, whose import alone was 0.3 s of a 5 M-row run."""
        if self._con is not None:
            sql = ibis.to_sql(expr, dialect="duckdb")
            return self._con.sql(sql).to_arrow_table().to_pylist()  # type: ignore[no-any-return]
        return expr.to_pyarrow().to_pylist()  # type: ignore[no-any-return]
