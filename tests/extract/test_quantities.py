from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drawdown.extract import quantities as _q
from drawdown.extract.quantities import QuantityFinder

FINDER = QuantityFinder(("Il-76", "An-124"))


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("two planes left", 2, "flights"),
        ("a 10% reduction", 10, "percent"),
        ("20 percent of the force", 20, "percent"),
        ("seven observation posts", 7, "posts"),
        ("dozens of military vehicles", 24, "vehicles"),
        ("about 1,200 troops", 1200, "troops"),
        ("two or three ships", 2.5, "ships"),
        ("three Il-76 transports", 3, "flights"),
        ("40 tonnes of cargo", 40, "tonnes"),
    ],
)
def test_digits_words_ranges_and_units(text: str, value: float, unit: str) -> None:
    (q,) = [q for q in FINDER.find(text) if q.unit is not None]
    assert (q.value, q.unit) == (value, unit)


def test_years_type_numbers_and_articles_are_not_counts() -> None:
    assert FINDER.find("since 2015 the Il-76 has flown") == []
    assert FINDER.find("a convoy of armoured trucks") == []


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("aircraft have left the base at a rate of\nabout two a day", 2, "flights"),
        ("Il-76 planes took off at some three a day", 3, "flights"),
        ("trucks left the town, 12 per day, towards the coast", 12, "vehicles"),
        ("the ships sailed, two a week", 2, "ships"),
    ],
)
def test_a_bare_rate_counts_what_was_named_before_it(text: str, value: float, unit: str) -> None:
    assert [(q.value, q.unit) for q in FINDER.find(text)] == [(value, unit)]


def test_a_bare_rate_with_nothing_moving_before_it_is_no_count() -> None:
    assert FINDER.find("the base at a rate of two a day") == []


def test_a_wire_dateline_day_is_not_a_count() -> None:
    assert [(q.value, q.unit) for q in FINDER.find("MOSCOW, Dec 17 - two planes left")] == [(2, "flights")]


def test_counts_in_a_list_of_the_same_unit_add_up() -> None:
    assert [(q.value, q.unit) for q in FINDER.find("two warships and a tanker left")] == [(3, "ships")]
    assert [(q.value, q.unit) for q in FINDER.find("two ships and three trucks")] == [(2, "ships"), (3, "vehicles")]


def test_an_article_counts_only_before_white_space() -> None:
    # find() skips an "a" or "an" not followed by white space before its two tests: both need white space first.
    from drawdown.extract.quantities import _RATE_RE

    finder = QuantityFinder(("Il-76",))
    for head in ("rea", "nd trucks", "-trucks", ".", "", "2 trucks", "day", "n aircraft"):
        assert finder._any_unit_tight.match(head) is None and _RATE_RE.match(head) is None
    assert finder._any_unit_tight.match(" truck") is not None and _RATE_RE.match(" a day") is not None
    assert [q.unit for q in finder.find("A truck and an aircraft left the area and a base.")] == [
        "vehicles",
        "flights",
        "posts",
    ]


_QTY_PIECES = ["a", "an", " ", "two", "2", "3,000", "1.5", "-", "–", "or", "to", "and", "%", " percent", "per cent",
               "about ", "at least ", "a dozen", "dozens of", "x", "٣", "half", "over", "some", ".", "ten",
               "hundred"]  # fmt: skip
# Every word the count pattern knows, with a space or not after it: each is a start its lookahead must pass.
_ALL_WORDS = [w + end for w in (*_q._ONES, *_q._VAGUE, *_q._APPROX) for end in ("", " ")]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_QTY_PIECES + _ALL_WORDS), max_size=12).map("".join))
def test_the_count_pattern_matches_as_without_its_lookahead_and_grouping(text: str) -> None:
    import re

    from drawdown.extract import quantities as q
    from drawdown.extract.lexicon import ci

    words = "|".join(sorted((re.escape(w) for w in (*q._ONES, *q._VAGUE)), key=len, reverse=True))
    value = rf"(?:{q._NUMBER}|{words})"
    plain = ci(
        rf"(?<![\w.-])(?:(?:{'|'.join(q._APPROX)})\s+)?(?P<a>{value})(?:(?:\s*(?:or|to|and|–)\s*|-)(?P<b>{value}))?"
        rf"(?P<pct>\s*(?:%|percent\b|per cent\b))?"
    )
    expected = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in q._QTY_RE.finditer(text)] == expected


# Nouns of every unit, words that are parts of them or could pass for adjectives, and the white space and hyphens
# between: the places where one unit's pattern could end before another's.
_UNIT_PIECES = [" ", "  ", "\n", "-", "cargo", "planes", "plane", "ships", "ship", "tanks", "tankers", "tank",
                "military", "police", "policemen", "men", "vehicles", "trucks", "posts", "observation", "metric",
                "tons", "tonnes", "pieces", "of", "equipment", "il-76", "il", "76", "an-124", "tu 154", "tu", "big",
                "new", "landing", "transport", "transports", "points", "tanker truck", "men-76", "a", "day", "per",
                "week", "x", "é", "_"]  # fmt: skip
# Aircraft names that hold another unit's noun ("tanker", "men"): there the one pattern's first noun is not the
# first to end, and the units are asked one by one.
_FINDERS = (FINDER, QuantityFinder(("Il-76", "An-124", "Tu 154", "Tanker Truck", "Men-76", "Tank")))


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_UNIT_PIECES), max_size=10).map("".join), st.booleans(), st.sampled_from(_FINDERS))
def test_the_one_unit_pattern_finds_what_the_unit_patterns_find(rest: str, tight: bool, finder: QuantityFinder) -> None:
    for text in (rest, " " + rest):
        assert finder._unit(text, tight) == finder._unit_by_unit(text, tight)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_UNIT_PIECES), max_size=8).map("".join))
def test_an_articles_one_test_is_its_two_tests(head: str) -> None:
    from drawdown.extract.quantities import _RATE_RE

    for text in (head, " " + head):
        expected = FINDER._any_unit_tight.match(text) is not None or _RATE_RE.match(text) is not None
        assert (FINDER._article_counts.match(text) is not None) == expected


def test_the_lowered_sentence_a_caller_passes_gives_the_same_counts() -> None:
    from drawdown.extract.lexicon import lower

    for text in ("Two Il-76 planes and a tanker left", "ABOUT 40 TRUCKS, 3 buses", "a 10% cut in 2024"):
        assert FINDER.find(text, 5, lowered=lower(text)) == FINDER.find(text, 5)
