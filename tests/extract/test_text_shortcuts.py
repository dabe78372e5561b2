"""The shortcuts in text.py against the plain code they replaced, on random and mangled texts: sentence splitting
and language detection must give exactly what the plain code gives, for every input."""

from __future__ import annotations

import random
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from drawdown.extract import text as tx
from drawdown.extract.text import Sentence, clean, sentences

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
                    "plan"]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=40).map("".join))
def test_sentences_equal_the_plain_splitter_on_pieces(text: str) -> None:
    assert sentences(text) == _plain_sentences(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAbZ.!?:#-\n \t\"'”’“‘()[]1éİ")), max_size=80))
def test_sentences_equal_the_plain_splitter_on_characters(text: str) -> None:
    assert sentences(text) == _plain_sentences(text)


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
