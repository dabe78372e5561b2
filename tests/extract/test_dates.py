from __future__ import annotations

from datetime import date

import pytest

from drawdown.extract.dates import find_dates

MONDAY = date(2024, 12, 16)


@pytest.mark.parametrize(
    ("text", "day", "precision", "deadline"),
    [
        ("on Saturday", date(2024, 12, 14), "day", False),
        ("on Monday", date(2024, 12, 16), "day", False),
        ("yesterday", date(2024, 12, 15), "day", False),
        ("last week", date(2024, 12, 9), "week", False),
        ("over the past few days", date(2024, 12, 13), "week", False),
        ("last month", date(2024, 11, 16), "month", False),
        ("three days ago", date(2024, 12, 13), "day", False),
        ("on 14 December", date(2024, 12, 14), "day", False),
        ("December 2, 2024", date(2024, 12, 2), "day", False),
        ("in late November", date(2024, 11, 25), "week", False),
        ("within a month", date(2025, 1, 16), "week", True),
        ("within the one-month timeframe", date(2025, 1, 16), "week", True),
        ("within two weeks", date(2024, 12, 30), "week", True),
        ("by 10 January", date(2025, 1, 10), "day", True),
        ("by the end of January", date(2025, 1, 31), "week", True),
        ("next month", date(2025, 1, 16), "month", True),
    ],
)
def test_expressions_resolve_against_the_published_date(text: str, day: date, precision: str, deadline: bool) -> None:
    (found,) = find_dates(f"Troops moved {text}.", MONDAY)
    assert (found.day, found.precision, found.deadline) == (day, precision, deadline)


def test_a_date_without_year_is_the_last_one_before_the_report() -> None:
    (found,) = find_dates("It happened on 20 December.", date(2025, 1, 5))
    assert found.day == date(2024, 12, 20)


def test_may_the_verb_is_not_a_month_and_offsets_index_the_text() -> None:
    assert find_dates("Forces may leave soon.", MONDAY) == []
    text = "A convoy left on Tuesday."
    (found,) = find_dates(text, MONDAY, offset=100)
    assert text[found.start - 100 : found.end - 100] == "on Tuesday"
