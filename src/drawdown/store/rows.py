"""The one mapping between table rows and domain records.

A :class:`RecordTable` names a table, the record class stored in it, and the few columns that differ from the
record's fields. Reading builds each record from its columns by field name; writing turns each record back into
its columns. Every table of records goes through here, so a new field is one line in one place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from drawdown.store.db import Store

R = TypeVar("R")
Row = Mapping[str, Any]


@dataclass(frozen=True)
class RecordTable(Generic[R]):
    """How records of ``record`` are stored in ``table``.

    - ``columns``: the table's columns in insert order. A column named like a field takes that field.
    - ``write``: columns computed from the record (an id, a span split in two, JSON), by column name.
    - ``read``: fields computed from the row, by field name. A field with neither a column of its name nor a
      ``read`` entry keeps its default.
    - Columns in neither the record nor ``write`` (a run id, a creation time) are passed to :meth:`insert` as
      ``extra`` values, the same for every row of one write.
    """

    table: str
    record: type[R]
    columns: tuple[str, ...]
    write: Mapping[str, Callable[[R], Any]] = field(default_factory=dict)
    read: Mapping[str, Callable[[Row], Any]] = field(default_factory=dict)

    def from_row(self, row: Row) -> R:
        values: dict[str, Any] = {}
        for f in dataclasses.fields(self.record):  # type: ignore[arg-type]
            if f.name in self.read:
                values[f.name] = self.read[f.name](row)
            elif f.name in row:
                values[f.name] = row[f.name]
        return self.record(**values)

    def to_row(self, record: R, extra: Mapping[str, Any] | None = None) -> list[Any]:
        extra = extra or {}
        out = []
        for column in self.columns:
            if column in self.write:
                out.append(self.write[column](record))
            elif column in extra:
                out.append(extra[column])
            else:
                out.append(getattr(record, column))
        return out

    def load(self, store: Store, where: str = "", params: Sequence[Any] = (), order: str = "") -> list[R]:
        """Records of the rows that ``where`` selects (SQL after WHERE, with ``?`` parameters), in ``order``."""
        sql = f"SELECT * FROM {self.table}"
        if where:
            sql += f" WHERE {where}"
        if order:
            sql += f" ORDER BY {order}"
        return [self.from_row(r) for r in store.query(sql, params)]

    def insert(
        self, store: Store, records: Iterable[R], extra: Mapping[str, Any] | None = None, *, replace: bool = False
    ) -> int:
        """Insert (or, with ``replace``, upsert by primary key) the records; returns how many were written."""
        rows = [self.to_row(r, extra) for r in records]
        if rows:
            verb = "INSERT OR REPLACE" if replace else "INSERT"
            marks = ", ".join("?" for _ in self.columns)
            store.con.executemany(f"{verb} INTO {self.table} ({', '.join(self.columns)}) VALUES ({marks})", rows)
        return len(rows)
