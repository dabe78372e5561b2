"""One hierarchy for every failure a user can cause or meet.

Each error renders as a single line that names *where* (file, line, key) and *how to fix it*. The CLI turns
them into messages and exit codes; library callers catch :class:`DrawdownError`.
"""

from __future__ import annotations

from dataclasses import dataclass


class DrawdownError(Exception):
    """Base class. ``exit_code`` is what the CLI exits with when this error reaches it."""

    exit_code = 1

    def __init__(self, message: str, *, fix: str | None = None) -> None:
        self.message = message
        self.fix = fix
        super().__init__(self.one_line())

    def one_line(self) -> str:
        return f"{self.message}; {self.fix}" if self.fix else self.message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where it is, what is wrong, and how to fix it."""

    where: str
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}; {self.fix}"


class CaseError(DrawdownError):
    """A case file that cannot be read or does not follow docs/case-format.md."""

    exit_code = 3

    def __init__(self, problems: list[Problem]) -> None:
        if not problems:
            raise ValueError("CaseError needs at least one problem")
        self.problems = problems
        first = str(problems[0])
        more = f" (and {len(problems) - 1} more problem(s); run `drawdown cases validate` to list them)"
        super().__init__(first + (more if len(problems) > 1 else ""))


class InputError(DrawdownError):
    """An input document or file that cannot be ingested."""

    exit_code = 4


class StoreError(DrawdownError):
    """The DuckDB store cannot be opened, migrated or written."""

    exit_code = 5


class NotAvailableError(DrawdownError):
    """A command whose stage has not been built yet."""

    exit_code = 6
