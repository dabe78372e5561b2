"""Open, migrate and write the DuckDB store. Stages never import this module; the pipeline layer does."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import duckdb

from drawdown.errors import StoreError
from drawdown.store.schema import LATEST, MIGRATIONS

DEFAULT_DB = "drawdown.duckdb"
ENV_DB = "DRAWDOWN_DB"


def resolve_db_path(flag: str | Path | None = None) -> Path:
    """The store path: the flag if given, else ``$DRAWDOWN_DB``, else ``./drawdown.duckdb``."""
    if flag:
        return Path(flag)
    return Path(os.environ.get(ENV_DB) or DEFAULT_DB)


def utc_naive(moment: datetime | None) -> datetime | None:
    """What the store keeps: UTC wall time without tzinfo (naive inputs are taken to be UTC already)."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def utc_aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=UTC)


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` is Ctrl-C or SIGTERM. A signal that lands while DuckDB runs a query comes back from the query
    as ``RuntimeError('Query interrupted')`` (or DuckDB's ``InterruptException``), not as the ``KeyboardInterrupt``
    that the signal handler raised."""
    if isinstance(exc, KeyboardInterrupt | duckdb.InterruptException):
        return True
    return type(exc) is RuntimeError and str(exc) == "Query interrupted"


class Store:
    """A migrated DuckDB connection. Use :meth:`transaction` around every write batch."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path | None) -> None:
        self.con = con
        self.path = path
        self._depth = 0

    # ----------------------------------------------------------------------------------------- lifecycle

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        row = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchone()
        if not row or row[0] == 0:
            return 0
        version = self.con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
        return int(version[0]) if version else 0

    def migrate(self) -> list[int]:
        """Apply the migrations this store lacks, each in its own transaction. Returns the versions applied."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations "
            "(version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
        current = self.schema_version
        if current > LATEST:
            raise StoreError(
                f"{self.path}: store schema version {current} is newer than this drawdown ({LATEST})",
                fix="upgrade drawdown, or point --db at another store",
            )
        # Apply every migration the store lacks, not just those above its highest version: migrations written
        # on parallel branches land in any order, and each one only adds its own tables and columns.
        done = {int(v) for (v,) in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        applied = []
        for version, description, sql in MIGRATIONS:
            if version in done:
                continue
            with self.transaction():
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, description, now_utc()])
            applied.append(version)
        return applied

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write batch. Nested use joins the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.con.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield
            self.con.execute("COMMIT")
        except (duckdb.IOException, duckdb.OutOfMemoryException) as exc:  # a full disk, a vanished file
            self._rollback()
            raise StoreError(
                f"{self.path or 'the store'}: a write failed ({str(exc).splitlines()[0]})",
                fix="free disk space or memory and re-run; this batch was rolled back, earlier ones are kept",
            ) from exc
        except BaseException as exc:
            self._rollback()
            if interrupted(exc) and not isinstance(exc, KeyboardInterrupt):
                raise KeyboardInterrupt from exc
            raise
        finally:
            self._depth = 0

    def _rollback(self) -> None:
        with contextlib.suppress(duckdb.Error):  # the failed statement may have ended the transaction already
            self.con.execute("ROLLBACK")

    # ------------------------------------------------------------------------------------------- helpers

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts, for callers that want names rather than positions."""
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or ()]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.con.execute(sql, list(params)).fetchone()
        return None if row is None else row[0]

    def columns_table(self, name: str, values: Sequence[Sequence[Any]], columns: dict[str, str]) -> None:
        """A temporary table ``name`` from one list of values per column (``columns``: name -> SQL type)."""
        select = ", ".join(f"CAST(unnest(${i}) AS {kind}) AS {col}" for i, (col, kind) in enumerate(columns.items(), 1))
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {select}", [list(v) for v in values])

    def count(self, table: str) -> int:
        if table not in _TABLES:
            raise ValueError(f"unknown table {table!r}")
        return int(self.scalar(f"SELECT count(*) FROM {table}"))

    def copy_to(self, path: Path) -> None:
        """Write a consistent copy of the whole store to a new file at ``path`` (replacing what is there).

        Another process can open the copy while this one keeps the store: DuckDB lets one process at a time open
        a file read-write. The copy runs inside DuckDB (an 18 MB store in about a second) and does not hold the
        GIL meanwhile.
        """
        for old in (path, path.with_name(path.name + ".wal")):
            old.unlink(missing_ok=True)
        name = str(self.scalar("SELECT current_database()")).replace('"', '""')
        target = str(path).replace("'", "''")
        self.con.execute(f"ATTACH '{target}' AS drawdown_copy")
        try:
            self.con.execute(f'COPY FROM DATABASE "{name}" TO drawdown_copy')
        finally:
            self.con.execute("DETACH drawdown_copy")

    def get_meta(self, key: str) -> str | None:
        value = self.scalar("SELECT value FROM meta WHERE key = ?", [key])
        return None if value is None else str(value)

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])


_TABLES = frozenset(
    {"meta", "ingest_runs", "origins", "reports", "claims", "sorties", "assessments", "schema_migrations"}
    | {"report_signatures", "origin_links", "feeds", "feed_entries", "section_matches", "extractions", "mentions"}
    | {"coverage", "reviews"}
)


# How often a waiting opener tries the lock again: short enough that a reader gets in soon after `watch`
# releases the store between polls, long enough to cost nothing while it waits.
RETRY_SECONDS = 0.1
# DuckDB keeps up to 80 % of the machine's memory in its buffer pool by default; a watcher on a laptop should
# not. 256 MB holds every query the store runs (it spills past it); with it a 50 MB article ingests in under
# 500 MB in all (benchmarks/bench_limits.py, BENCHMARKS.md).
STORE_CONFIG: Final[dict[str, str | bool | int | float | list[str]]] = {"memory_limit": "256MB"}


def open_store(
    path: str | Path | None = None, *, memory: bool = False, read_only: bool = False, wait: float = 0.0
) -> Store:
    """Open (creating if needed) and migrate the store at ``path`` (see :func:`resolve_db_path`).

    ``memory=True`` gives a throwaway in-memory store, handy in notebooks and tests. While another process
    holds the store, try again for up to ``wait`` seconds before failing with "the store is in use".
    """
    if memory:
        store = Store(duckdb.connect(":memory:"), None)
        store.migrate()
        return store
    db_path = resolve_db_path(path)
    if read_only and not db_path.exists():
        raise StoreError(f"{db_path}: no store here", fix="run `drawdown init` or `drawdown ingest` first")
    if db_path.parent and not db_path.parent.exists():
        raise StoreError(f"{db_path}: folder {db_path.parent} does not exist", fix="create it or choose another --db")
    store = Store(_connect(db_path, read_only, wait), db_path)
    if not read_only:
        store.migrate()
    elif store.schema_version < LATEST:
        store.close()
        raise StoreError(f"{db_path}: store schema is out of date", fix="run `drawdown init` to migrate it")
    return store


def _connect(db_path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """Connect, trying again while another process holds the lock, until ``wait`` seconds have passed."""
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        try:
            return duckdb.connect(str(db_path), read_only=read_only, config=dict(STORE_CONFIG))
        except duckdb.IOException as exc:
            reason = str(exc).splitlines()[0]
            if "lock" not in reason.lower():
                raise StoreError(
                    f"{db_path}: cannot open the store ({reason})", fix="check the path and permissions"
                ) from None
            if time.monotonic() >= deadline:
                waited = f" (waited {wait:g} s)" if wait > 0 else ""
                raise StoreError(
                    f"{db_path}: the store is in use by another process{waited}",
                    fix="stop the other drawdown process (serve/watch), pass a longer --wait, or use another --db",
                ) from None
            time.sleep(min(RETRY_SECONDS, max(deadline - time.monotonic(), 0.0)))
        except duckdb.Error as exc:
            reason = str(exc).splitlines()[0]
            raise StoreError(
                f"{db_path}: not a DuckDB store ({reason})", fix="point --db at a drawdown store or a new file name"
            ) from None
