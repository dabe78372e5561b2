from __future__ import annotations

import functools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from drawdown.case import load_case
from drawdown.extract.claims import Extractor
from drawdown.extract.lexicon import (
    ATTRIBUTION_RE,
    SPEECH_GATE,
    attribution_possible,
    attribution_start,
    factor,
    lower,
    lower_pattern,
)

WORDS = r"convoys?|columns? of trucks|withdr\w+|with|pull(?:ed)? out|t4|t[\W_]+4|(?:x|y)ray|a?b"


def test_factor_groups_by_first_letter_and_matches_the_same() -> None:
    grouped = factor(WORDS)
    assert grouped.startswith("c(?:onvoys?|olumns? of trucks)|w(?:ithdr\\w+|ith)")
    plain, fast = re.compile(rf"\b(?:{WORDS})\b"), re.compile(rf"\b(?:{grouped})\b")
    text = "a convoy and columns of trucks withdrew, pulled out of T-4 and t4; xray with ab b"
    assert [m.span() for m in plain.finditer(lower(text))] == [m.span() for m in fast.finditer(lower(text))]


def test_lower_pattern_keeps_escapes_and_group_names() -> None:
    assert lower_pattern(r"\bABC\W+\S(?P<Day>Monday)") == r"\babc\W+\S(?P<Day>monday)"


def test_lower_keeps_length() -> None:
    text = "İstanbul and KHMEIMIM"
    assert len(lower(text)) == len(text) and lower(text).endswith("khmeimim")


_SPEECH_PIECES = ["The ", "the ", "a ", "Ministry ", "ministry ", "officials ", "said", "told", "reported", " "]
_SPEECH_PIECES += [",", "according to ", "sources close to ", "Sources ", "traders ", "x", "Kremlin ", "\n", "show"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_SPEECH_PIECES), max_size=14).map("".join), st.integers(0, 40))
def test_attribution_is_possible_wherever_the_pattern_matches(body: str, pos: int) -> None:
    # The quick test may only skip the attribution pattern where the pattern finds nothing.
    if ATTRIBUTION_RE.search(body, pos) is not None:
        assert attribution_possible(body, pos)


_LEAD_PIECES = [*_SPEECH_PIECES, "Abu ", "Amin ", "O’Neil ", "U.S. ", "spokesman ", "an ", "big ", "-", ".", "\t", "á"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_LEAD_PIECES), max_size=16).map("".join), st.integers(0, 40))
def test_attribution_matches_the_same_from_its_earliest_start(body: str, pos: int) -> None:
    # Searching from the bound finds exactly the matches a search from ``pos`` finds, and None means there are none.
    expected = [(m.span(), m.groupdict()) for m in ATTRIBUTION_RE.finditer(body, pos)]
    earliest = attribution_start(body, pos)
    found = [] if earliest is None else [(m.span(), m.groupdict()) for m in ATTRIBUTION_RE.finditer(body, earliest)]
    assert found == expected


_VERB_PIECES = [*_LEAD_PIECES, "correspondents ", "Said ", "SAID ", "(said", "residents ", "spokesperson ", "İ", "ß "]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_VERB_PIECES), max_size=16).map("".join), st.integers(0, 40))
def test_attribution_start_from_the_first_speech_word_is_the_same(body: str, pos: int) -> None:
    # The extractor passes where the speech gate first matches in the lower-cased sentence: no speech verb of a
    # match starts before it, so the noun form's search may start a noun's length before it.
    gate = SPEECH_GATE.search(lower(body))
    if gate is not None:
        assert attribution_start(body, pos, gate.start()) == attribution_start(body, pos)


_ACTOR_PIECES = ["Russian ", "Russia", "Moscow", "US ", "U.S. ", "Turkish", "forces ", "said ", "’s ", "'s ", "rebels",
                 "Rebel ", "REBELS ", "İnsurgents ", "ınsurgents ", "militants", "armed groups", "Armed Factions ", "x",
                 " ", ",", "-", "the ", "Syria", "United States ", "moved ", "\n"]  # fmt: skip


@functools.cache
def _syria() -> Extractor:
    return Extractor(load_case("syria-2024"))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_ACTOR_PIECES), max_size=12).map("".join))
def test_the_actor_lookahead_keeps_every_match(text: str) -> None:
    # The extractor's actor pattern starts with lexicon.starts_with(...): the same matches as without it.
    fast = _syria()._actor_re
    lookahead = fast.pattern[: fast.pattern.index("(?:(?P<own>")]
    assert lookahead.startswith("(?<!\\w)(?=")
    slow = re.compile(fast.pattern[len(lookahead) :])
    assert [(m.span(), m.lastgroup) for m in fast.finditer(text)] == [
        (m.span(), m.lastgroup) for m in slow.finditer(text)
    ]
