"""The embedded DuckDB store: one file, versioned schema, one transaction per write batch."""

from drawdown.store.db import DEFAULT_DB, Store, open_store, resolve_db_path

__all__ = ["DEFAULT_DB", "Store", "open_store", "resolve_db_path"]
