from __future__ import annotations

import _thread
import threading
from pathlib import Path

import duckdb
import pytest

from drawdown.errors import StoreError
from drawdown.store import Store, open_store, resolve_db_path
from drawdown.store.db import interrupted
from drawdown.store.schema import LATEST, MIGRATIONS

TABLES = {"reports", "origins", "claims", "sorties", "assessments", "ingest_runs", "meta", "schema_migrations"}


def _tables(store: Store) -> set[str]:
    return {r["table_name"] for r in store.query("SELECT table_name FROM information_schema.tables")}


def test_migrations_from_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    with open_store(path) as store:
        assert store.schema_version == LATEST
        assert _tables(store) >= TABLES
        versions = [r["version"] for r in store.query("SELECT version FROM schema_migrations ORDER BY 1")]
        assert versions == [v for v, _, _ in MIGRATIONS]
    with open_store(path) as store:  # reopening applies nothing
        assert store.migrate() == []


def test_migration_picks_up_where_an_older_store_stopped(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
    )
    con.execute(MIGRATIONS[0][2])
    con.execute("INSERT INTO schema_migrations VALUES (1, 'v1', now())")
    con.close()
    with open_store(path) as store:
        assert store.schema_version == LATEST
        assert "claims" in _tables(store)


def test_store_newer_than_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    with open_store(path) as store:
        store.con.execute("INSERT INTO schema_migrations VALUES (999, 'future', now())")
    with pytest.raises(StoreError, match="newer than this drawdown"):
        open_store(path)


def test_not_a_duckdb_file(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("this is not a database")
    with pytest.raises(StoreError, match=r"notes\.duckdb"):
        open_store(bogus)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "nowhere" / "x.duckdb")


def test_transaction_rolls_back_the_whole_batch(store: Store) -> None:
    def batch() -> None:
        with store.transaction():
            store.con.execute("INSERT INTO meta VALUES ('a', '1')")
            with store.transaction():  # nested: joins the outer batch
                store.con.execute("INSERT INTO meta VALUES ('b', '2')")
            raise RuntimeError("crash mid-batch")

    with pytest.raises(RuntimeError):
        batch()
    assert store.count("meta") == 0


def test_db_path_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DRAWDOWN_DB", raising=False)
    assert resolve_db_path() == Path("drawdown.duckdb")
    monkeypatch.setenv("DRAWDOWN_DB", "/tmp/env.duckdb")
    assert resolve_db_path() == Path("/tmp/env.duckdb")
    assert resolve_db_path("flag.duckdb") == Path("flag.duckdb")


def test_meta_round_trip(store: Store) -> None:
    store.set_meta("case", "syria-2024")
    store.set_meta("case", "northland")
    assert store.get_meta("case") == "northland"
    assert store.get_meta("missing") is None


class _FullDisk:
    """A connection whose COMMIT fails as DuckDB's does when the disk is full."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.inner = con

    def execute(self, sql: str, *args: object) -> duckdb.DuckDBPyConnection:
        if sql == "COMMIT":
            raise duckdb.IOException("IO Error: Could not write file: No space left on device")
        return self.inner.execute(sql, *args)


def test_a_failed_commit_is_one_store_error_and_rolls_back(tmp_path: Path) -> None:
    from drawdown.errors import StoreError
    from drawdown.store import open_store

    with open_store(tmp_path / "s.duckdb") as store:
        store.set_meta("kept", "yes")
        real = store.con
        store.con = _FullDisk(real)  # type: ignore[assignment]
        with pytest.raises(StoreError) as caught, store.transaction():
            store.con.execute("INSERT INTO meta VALUES ('lost', 'no')")
        store.con = real
        assert "No space left on device" in caught.value.one_line() and "rolled back" in caught.value.one_line()
        assert store.get_meta("kept") == "yes" and store.get_meta("lost") is None


def test_a_signal_mid_query_is_an_interrupt_and_rolls_back(tmp_path: Path) -> None:
    # DuckDB answers a signal that lands during a query with RuntimeError("Query interrupted"); the store must
    # give it back as KeyboardInterrupt, so Ctrl-C and SIGTERM mark the run interrupted instead of printing a traceback
    with open_store(tmp_path / "s.duckdb") as store:
        threading.Timer(0.3, _thread.interrupt_main).start()
        with pytest.raises(KeyboardInterrupt), store.transaction():
            store.con.execute("CREATE TABLE slow AS SELECT count(*) AS n FROM range(100000000000)")
        assert "slow" not in _tables(store)
        assert store.scalar("SELECT 1") == 1


def test_interrupted_tells_signals_from_other_runtime_errors() -> None:
    assert interrupted(KeyboardInterrupt())
    assert interrupted(RuntimeError("Query interrupted"))
    assert not interrupted(RuntimeError("something else"))
    assert not interrupted(ValueError("Query interrupted"))


def test_a_copy_opens_in_another_connection_while_the_store_stays_open(tmp_path: Path) -> None:
    with open_store(tmp_path / "it's.duckdb") as store:  # a quote in the path is escaped
        store.set_meta("case", "syria-2024")
        copy = tmp_path / "copy.duckdb"
        store.copy_to(copy)
        store.set_meta("case", "later")  # the copy is of the moment it was taken
        store.copy_to(copy)  # a second copy replaces the first
        store.set_meta("case", "latest")
        with open_store(copy, read_only=True) as copied:
            assert copied.schema_version == LATEST and copied.get_meta("case") == "later"
        assert store.get_meta("case") == "latest"
