from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# The words every relative expression is made of, and some that are not: where the lookahead could drop a match.
_REL_PIECES = ["yesterday", "today", "tonight", "this", "morning", "afternoon", "last", "night", "overnight",
               "early", "late", "on", "from", "since", "monday", "sunday", "earlier", "past", "previous", "next",
               "coming", "week", "weekend", "month", "over", "in", "during", "the", "few", "several", "couple of",
               "days", "weeks", "months", "recent", "recently", "ago", "a", "an", "one", "two", "three", "ten", "3",
               "12", "٣", "within", "one-month", "two-week", "timeframe", "deadline", "period", "'", "’", " time",
               "by", "before", "end of", "year", " ", " ", "-", "x", "é", "moved", "_",
               # A phrase of every alternative, for the random lists to hold whole ones often.
               "last night", "early on monday", "late from sunday", "since tuesday", "earlier this week",
               "previous month", "coming weekend", "over the past few days", "during the last couple of weeks",
               "in recent days", "a week ago", "an hour ago", "an week ago", "one day ago", "few months ago",
               "several days ago",
               "couple of weeks ago", "12 days ago", "٣ weeks ago", "within the next two weeks", "in a month",
               "over the coming few days", "within 3-day", "in ten days' time", "within the one-month timeframe",
               "within two-week period", "by the end of the month", "before the end of next year",
               "within the coming couple of weeks", "early since wednesday"]  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_REL_PIECES), max_size=10).map(" ".join))
def test_the_relative_pattern_matches_as_without_its_lookahead(text: str) -> None:
    import re

    from drawdown.extract import dates

    plain = re.compile(re.sub(r"^\\b\(\?=.*?\)\(\?P<expr>", r"\\b(?P<expr>", dates._REL_RE.pattern))
    assert plain.pattern != dates._REL_RE.pattern and plain.pattern.startswith(r"\b(?P<expr>yesterday|")
    for t in (text, text.replace(" ", "")):
        expected = [(m.span(), m.groupdict()) for m in plain.finditer(t)]
        assert [(m.span(), m.groupdict()) for m in dates._REL_RE.finditer(t)] == expected


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_REL_PIECES), max_size=10).map(" ".join))
def test_the_relative_pattern_matches_nowhere_before_its_first_word_less_the_longest_lead(text: str) -> None:
    from drawdown.extract import dates

    for t in (text, text.replace(" ", ""), text.replace(" ", "  ")):
        expected = [(m.span(), m.groupdict()) for m in dates._REL_RE.finditer(t)]
        word = dates._REL_GATE.search(t)
        if word is None:
            assert expected == []
        else:
            bounded = dates._REL_RE.finditer(t, max(0, word.start() - dates._REL_LEAD))
            assert [(m.span(), m.groupdict()) for m in bounded] == expected


def test_the_lowered_sentence_a_caller_passes_is_the_one_find_dates_makes() -> None:
    # The extractor passes its slice of the lower-cased report for an ASCII sentence: the same as lower(sentence),
    # whatever the rest of the report holds (here a character whose lower case is longer, and a final sigma).
    from drawdown.extract.lexicon import lower
    from drawdown.extract.text import sentences

    report = "İstanbul ΟΔΟΣ. Troops left on Tuesday, 3 days ago. A convoy moved within a month.\n\nΑΣ ΟΔΟΣ."
    low = lower(report)
    checked = 0
    for s in sentences(report):
        if s.text.isascii():
            assert low[s.start : s.end] == lower(s.text)
            lowered = low[s.start : s.end]
            assert find_dates(s.text, MONDAY, lowered=lowered) == find_dates(s.text, MONDAY)
            checked += 1
    assert checked >= 2
