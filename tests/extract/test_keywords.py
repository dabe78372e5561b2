"""The keyword gates must never skip a sentence in which their pattern would match: that is what keeps the
extraction's output unchanged while most searches are skipped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drawdown.case import load_case
from drawdown.extract import lexicon as lx
from drawdown.extract.claims import Extractor
from drawdown.extract.keywords import CASED, KeywordGates, first_chars, prefixes, required_literals
from drawdown.extract.score import load_corpus
from drawdown.extract.text import clean, sentences

DATA = Path(__file__).resolve().parent.parent / "data"
CORPORA = sorted((DATA / "extract").glob("*.txt"))


def _literals(pattern: str, **kwargs: bool) -> set[str]:
    clauses = required_literals(re.compile(pattern), min_len=1, **kwargs)
    assert clauses is not None
    return set(clauses[0])


def test_literals_of_a_sequence_join_fixed_parts() -> None:
    assert _literals(r"\bpull(?:ed|ing)?\s+out\b") == {"pull"}
    assert _literals(r"\bp(?:ull(?:ed)?|ack(?:ed|ing) up)\b") == {"pull", "packed up", "packing up"}
    # A word made of a first letter and a grouped rest (lexicon.factor) keeps its first letter.
    assert _literals(lx.factor("convoys?|columns|withdraw")) == {"convoy", "columns", "withdraw"}


def test_optional_and_negative_parts_need_nothing() -> None:
    assert required_literals(re.compile(r"(?:abc)?\w+")) is None
    assert required_literals(re.compile(r"(?<!fuel )\w+")) is None
    assert _literals(r"(?<!fuel )tankers?") == {"tanker"}
    # A positive look-ahead needs its content in the text.
    assert _literals(r"\b[A-Z]\w+(?=\s+forces)") == {"forces"}


def test_ignorecase_letters_i_and_s_are_not_literal() -> None:
    # "ſ" (long s) matches "s" under IGNORECASE but lower-cases to itself: "rebels" must not need an "s".
    assert re.compile(r"(?i:rebels)").search("REBELſ")
    assert all("s" not in lit for lit in _literals(r"(?i:rebels)"))


def test_literals_as_written_keep_their_case() -> None:
    assert _literals(r"\bUS\b", as_written=True) == {CASED + "US"}
    assert _literals(r"\b(?:US|(?i:un))\b", as_written=True) == {CASED + "US", "un"}


def test_first_chars_of_a_pattern() -> None:
    assert first_chars(re.compile(r"\b(?:convoys?|columns? of trucks|(?<!fuel )tankers?)\b")) == {"c", "t"}
    assert first_chars(re.compile(r"\b(?:convoy|\w+ out)\b")) is None


def test_prefixes_of_a_pattern() -> None:
    assert prefixes(re.compile(r"\b(?:convoys?|columns? of trucks|(?<!fuel )tankers?)\b"), 3) == {"con", "col", "tan"}
    assert prefixes(re.compile(r"\b(?:no (?:longer|more)|t\w+)\b"), 4) == {"no l", "no m", "t"}
    assert prefixes(re.compile(r"\b(?:convoy|\w+ out)\b"), 3) is None
    # A long alternation is read branch by branch: its prefixes are known though the whole has too many strings.
    many = "|".join(f"{a}{b} (?:the |its |their )?(?:one|two|three|four|five)" for a in "abcdefgh" for b in "xyz")
    assert prefixes(re.compile(rf"\b(?:{many})\b"), 2) == {f"{a}{b}" for a in "abcdefgh" for b in "xyz"}


@pytest.mark.parametrize("case_ref", ["syria-2024", str(DATA / "cases" / "northland-2031.toml")])
def test_action_rules_by_start_keep_every_rule_that_can_match_there(case_ref: str) -> None:
    extractor = Extractor(load_case(case_ref))
    tried = 0
    for text in _texts():
        low = lx.lower(text)
        for m in extractor._any_action.finditer(low):
            kept = extractor._rules_at(low[m.start() : m.start() + 3])
            order = [extractor._rules.index(rule) for rule in kept]
            assert order == sorted(order)  # tried in the rules' order
            for rule in extractor._rules:
                if rule[1].match(low, m.start()):
                    tried += 1
                    assert rule in kept, (rule[0], low[m.start() : m.end()])
    assert tried > 500
    # Every key that can come up keeps what the one-letter index kept before: no rule dropped for a short key.
    assert extractor._rules_at("") == extractor._rules
    assert {r[0] for r in extractor._rules_at("w")} >= {r[0] for r in extractor._rules_at("wit")}


def test_unreadable_patterns_get_no_gate() -> None:
    assert required_literals(re.compile(r"(a)\1")) is None
    assert required_literals(re.compile(r".+")) is None


PATTERNS = [
    r"\b(?:convoys?|columns? of (?:\w+ ){0,3}trucks)\b",
    r"(?<!\w)(?:t[\W_]+4|tartus(?:[\W_]+port)?)(?!\w)",
    r"\b(?:US|UN)\b(?=,?\s+(?:\w+\s+)?(?:said|has))",
    r"\b(?i:rebels?|militants?)\b",
    r"(?:by|before)\s+(?:the\s+)?\d{1,2}\s+(?:jan|feb)\b|\b\d{4}-\d{2}-\d{2}\b",
]
ALPHABET = st.sampled_from(
    ["convoy", "columns", " of ", "trucks", "t", "-", "4", "tartus", " ", "port", "US", "UN", "us", ",", "said",
     "has", "Rebels", "REBELſ", "militant", "s", "by", "the", "12", "jan", "2024-01-05", "x"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=12).map("".join), st.sampled_from(PATTERNS), st.booleans())
def test_a_gate_passes_every_text_its_pattern_matches(text: str, pattern: str, as_written: bool) -> None:
    compiled = re.compile(pattern)
    gates = KeywordGates({"p": required_literals(compiled, min_len=1, as_written=as_written)})
    haystack = text if as_written else lx.lower(text)
    if compiled.search(haystack):
        need = gates.need("p")
        assert gates.masks(text, lx.lower(text), [0])[0] & need == need


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=12).map("".join), st.sampled_from(PATTERNS), st.integers(1, 4))
def test_every_match_starts_with_a_prefix(text: str, pattern: str, n: int) -> None:
    compiled = re.compile(pattern)
    starts = prefixes(compiled, n)
    for m in compiled.finditer(lx.lower(text)):
        assert starts is None or any(m.group(0).startswith(p) for p in starts)


def _texts() -> list[str]:
    out = []
    for path in CORPORA:
        for ex in load_corpus(path):
            out += [ex.text, ex.text.lower(), ex.text.upper()]
    return out


@pytest.mark.parametrize("case_ref", ["syria-2024", str(DATA / "cases" / "northland-2031.toml")])
def test_gates_never_drop_a_sentence_the_patterns_match_on_the_corpora(case_ref: str) -> None:
    extractor = Extractor(load_case(case_ref))
    checked = 0
    for text in _texts():
        prepared = clean(text)
        lowered = lx.lower(prepared)
        split = sentences(prepared)
        masks = extractor.gates.masks(prepared, lowered, [s.start for s in split])
        for sentence, mask in zip(split, masks, strict=True):
            low = lowered[sentence.start : sentence.end]
            for name, (pattern, written) in extractor.gated.items():
                if pattern.search(sentence.text if written else low):
                    need = extractor.gates.need(name)
                    assert mask & need == need, (name, sentence.text)
                    checked += 1
    assert checked > 1000


_PROSE = st.lists(
    st.sampled_from(["but", "while", "whereas", ",", ";", ":", " ", "and", "as", "no", "not", "n't", "never", "den",
                     "denied that", "without", "x", "To", "to", "Russia", "\n", "B"]),
    max_size=12,
).map("".join)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(_PROSE)
def test_quick_tests_hold_wherever_their_patterns_match(text: str) -> None:
    from drawdown.extract.lang.en import CLAUSE_MARKS, CLAUSE_RE, NEGATION_WORDS

    if CLAUSE_RE.search(text):
        assert any(mark in text for mark in CLAUSE_MARKS)
    if lx.NEGATION_RE.search(text):
        assert any(word in text for word in NEGATION_WORDS)
    if lx.INFINITIVE_RE.search(text):
        assert text.rstrip().endswith("to")


def _masks_by_bisecting(gates: KeywordGates, text: str, lowered: str, starts: list[int]) -> list[int]:
    """KeywordGates.masks as first written: a binary search of the starts for every hit."""
    from bisect import bisect_right

    masks = [0] * len(starts)
    for end, (bits, checks) in gates._automaton.iter(lowered):
        for word, back, more in checks:
            if text.startswith(word, end - back):
                bits |= more
        if bits:
            i = bisect_right(starts, end) - 1
            if i >= 0:
                masks[i] |= bits
    return masks


_SYRIA_GATES: list[KeywordGates] = []


def _syria_gates() -> KeywordGates:
    if not _SYRIA_GATES:
        _SYRIA_GATES.append(Extractor(load_case("syria-2024")).gates)
    return _SYRIA_GATES[0]


_GATE_PIECES = ["un", "UN", "us", "US", "Us", "said", "troops", "withdr", "aw", "Tartus", "Russia", "left", " ", ". ",
                "\n", "x", "é", "İ", "day", "convoy", "S", "u"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from(_GATE_PIECES), max_size=40).map("".join),
    st.lists(st.integers(min_value=0, max_value=200), max_size=12),
)
def test_masks_walking_the_starts_equal_bisecting_them(text: str, offsets: list[int]) -> None:
    # Any increasing starts, the first one anywhere (hits before it are dropped), some past the end of the text.
    gates = _syria_gates()
    starts = sorted(set(offsets))
    lowered = lx.lower(text)
    assert gates.masks(text, lowered, starts) == _masks_by_bisecting(gates, text, lowered, starts)
