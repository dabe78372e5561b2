"""The shortcuts in text.py against the plain code they replaced, on random and mangled texts: sentence splitting
and language detection must give exactly what the plain code gives, for every input."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drawdown.extract import text as tx
from drawdown.extract.text import Sentence, clean, detect_language, sentences


@pytest.fixture(autouse=True, scope="module")
def _word_counts_decide() -> Iterator[None]:
    """These tests compare the function-word count with its plain form: the identifier that runs before it is
    left out (it decides only where it is sure, which no counting reproduces)."""
    with patch("drawdown.extract.text._identify", lambda sample: {}):
        yield


DATA = Path(__file__).resolve().parent.parent / "data"


# ------------------------------------------------------------------------------------------------ sentences


def _plain_boundaries(text: str) -> list[re.Match[str]]:
    """The boundaries as first written: every match of the boundary pattern."""
    return list(tx._BOUNDARY_RE.finditer(text))


def _plain_sentences(text: str) -> list[Sentence]:
    """sentences() before its shortcuts: every boundary read from its match, every ending tried with the pattern."""
    spans = tx._commentary_spans(text)
    soft = tx._soft_breaks(text) if "\n" in text else set()
    out: list[Sentence] = []
    start = 0
    paragraph = 0
    for match in _plain_boundaries(text):
        piece_end = match.start()
        gap = match.group(0)
        newlines = [piece_end + i for i, ch in enumerate(gap) if ch == "\n"]
        hard = any(n not in soft for n in newlines)
        if not hard and tx._ABBREV_RE.search(text[max(0, piece_end - 6) : piece_end]):
            continue
        if (
            not hard
            and tx._ORDINAL_DAY_RE.search(text[max(0, piece_end - 4) : piece_end])
            and tx._GERMAN_MONTH_RE.match(text, match.end())
        ):
            continue
        if newlines and not hard and text[piece_end - 1 : piece_end] not in ".!?\"'”’)":
            continue
        tx._append(out, text, start, piece_end, paragraph, spans)
        if hard:
            paragraph += 1
        start = match.end()
    tx._append(out, text, start, len(text), paragraph, spans)
    return out


_SENTENCE_PIECES = ["a", "Ab", "Cd", "X", "é", "Ünal", "ş", ".", "!", "?", " ", "  ", "\n", "\n\n", " \n ", '"', "”",
                    "“", "(", ")", "[", "1", "Mr", "Mrs", "U.S", "e.g", "approx", "Sept", "No", "ok.", "end.", "\t",
                    "’", "‘", "'", "# ", "Q: ", "Expert: ", "- ", "1. ", "|", ">", "x" * 300, "ran",
                    "plan", "Dezember", "26"]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=40).map("".join))
def test_sentences_equal_the_plain_splitter_on_pieces(text: str) -> None:
    assert sentences(text) == _plain_sentences(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAbZ.!?:#-\n \t\"'”’“‘()[]1éİ")), max_size=80))
def test_sentences_equal_the_plain_splitter_on_characters(text: str) -> None:
    assert sentences(text) == _plain_sentences(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=40).map("".join))
def test_sentences_never_start_or_end_with_white_space(text: str) -> None:
    # The extractor tests a sentence's last character for a question mark without stripping it first.
    assert all(s.text == s.text.strip() for s in sentences(text))


def _mangled(text: str, rng: random.Random) -> str:
    """Line breaks, capitals, quotes, marks and abbreviations dropped in at random, as scrapers leave them."""
    edits = ["\n", "\n\n", ". ", "? ", '"', "Mr. ", "U.S. ", "A. ", " approx. ", "É", "ı", "# ", "Q: ", "  "]
    words = text.split(" ")
    for _ in range(len(words) // 5):
        at = rng.randrange(len(words))
        words[at] = rng.choice([words[at].upper(), words[at] + rng.choice(edits), rng.choice(edits) + words[at]])
    return " ".join(words)


def _corpus_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((DATA / "extract").glob("*.txt"))]


def test_sentences_equal_the_plain_splitter_on_mangled_corpus_texts() -> None:
    rng = random.Random(4)
    checked = 0
    for text in _corpus_texts():
        for variant in [text, text.replace("\n", " "), *(_mangled(text, rng) for _ in range(5))]:
            prepared = clean(variant)
            assert sentences(prepared) == _plain_sentences(prepared)
            checked += 1
    assert checked > 10


# ------------------------------------------------------------------------------------------------- language


def _plain_language(text: str) -> str:
    """detect_language as it was before its counting shortcut: words with punctuation at an edge found one by one
    among the distinct words and counted apart under their stripped form."""
    sample = text[: tx._SAMPLE_CHARS]
    ascii_ = sample.isascii()
    found = [] if ascii_ else tx._WORD_RE.findall(sample)
    letters = sum(ch.isalpha() for ch in sample) if ascii_ else sum(map(len, found))
    if letters < 12:
        return "und"
    if not ascii_:
        counts = {script: len(pattern.findall(sample)) for script, pattern in tx._SCRIPTS.items()}
        script, top = max(counts.items(), key=lambda kv: kv[1])
        if top > 0.3 * letters:
            return script
    tokens = sample.lower().split() if ascii_ else [w.lower() for w in found]
    total = len(tokens)
    if total < 2:
        return "und"
    raw = Counter(tokens)
    stripped: dict[str, int] = {}
    for word in [word for word in raw if word[0] in tx._PUNCT or word[-1] in tx._PUNCT]:
        bare = word.strip(tx._PUNCT)
        stripped[bare] = stripped.get(bare, 0) + raw[word]
    scores = {
        lang: (sum(raw[w] for w in raw.keys() & stop) + sum(stripped[w] for w in stripped.keys() & stop)) / total
        for lang, stop in tx._STOPWORDS.items()
    }
    lang, best = max(scores.items(), key=lambda kv: kv[1])
    if best >= 0.08:
        return lang
    return "en" if total < 30 and best == scores["en"] else "und"


def test_no_function_word_has_punctuation_at_an_edge() -> None:
    # What made the plain counting (raw words plus stripped edged words) count each stripped token once.
    for words in tx._STOPWORDS.values():
        assert all(word == word.strip(tx._PUNCT) for word in words)


_LANGUAGE_PIECES = ["the", "The", "of", "and", "le", "la", "les", "de", "der", "und", "für", "el", "y", "il", "e",
                    "ve", "için", "bir", "x", "word", "Tartus", "it's", "d'un", "u.s.", "12", "--", "...", "«", "»",
                    '"the', "of,", "(la)", "[der]", "{y}", "“la”", "‘e’", "*und*", "the.", "!!", "?", "é", "ça",
                    "قاعدة", "войска", "基地", "בסיס", "\n", "\t", " ", "  ", "\x1c", "\xa0", "x" * 40]  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_LANGUAGE_PIECES), max_size=80).map(" ".join))
def test_language_equals_the_plain_counting_on_pieces(text: str) -> None:
    assert detect_language(text) == _plain_language(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LANGUAGE_PIECES), min_size=400, max_size=900).map(" ".join))
def test_language_equals_the_plain_counting_past_the_sample(text: str) -> None:
    # Longer than the 3,000 characters read: a word cut at the sample's end counts as cut.
    assert detect_language(text) == _plain_language(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("theofandlzuny .,;:!?\"'()[]{}“”‘’*\néçü\u0400\u0600")), max_size=200))
def test_language_equals_the_plain_counting_on_characters(text: str) -> None:
    assert detect_language(text) == _plain_language(text)


def test_language_equals_the_plain_counting_on_mangled_corpus_texts() -> None:
    rng = random.Random(5)
    for text in _corpus_texts():
        for variant in [text, text.lower(), text.upper(), *(_mangled(text, rng) for _ in range(5))]:
            prepared = clean(variant)
            assert detect_language(prepared) == _plain_language(prepared)
