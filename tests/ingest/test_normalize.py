from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drawdown.ingest.normalize import normalize


def test_restores_missing_space_after_sentence_punctuation() -> None:
    n = normalize("left Syria,according to sources. The equipment.Initial reports")
    assert n.text == "left Syria, according to sources. The equipment. Initial reports"
    untouched = normalize("U.S.Army moved 1,000 troops; see example.com and e.g. this")
    assert untouched.text == "U.S.Army moved 1,000 troops; see example.com and e.g. this"


def test_whitespace_markup_entities_and_nfc() -> None:
    original = "  Convoy<br/>left\u00a0 T4&nbsp;base &amp; Cafe\u0301\n\n<b>at</b>\u200bnight  "
    n = normalize(original)
    assert n.text == "Convoy left T4 base & Caf\u00e9 at night"
    assert unicodedata.is_normalized("NFC", n.text)


def test_spans_map_back_into_the_original() -> None:
    original = "Russia has begun a withdrawal from Syria,according to   <i>sources</i>. Khmeimim &amp; Tartous."
    n = normalize(original)
    for word in ("according", "sources", "Khmeimim", "Tartous", "withdrawal"):
        start = n.text.index(word)
        a, b = n.to_original(start, start + len(word))
        assert original[a:b] == word
    start = n.text.index("&")
    assert original[slice(*n.to_original(start, start + 1))] == "&amp;"
    with pytest.raises(ValueError, match="outside"):
        n.to_original(0, len(n.text) + 1)


def test_seed_spans_map_back(seed_text: str) -> None:
    n = normalize(seed_text)
    pairs = {"Syria, according": "Syria,according", "Additionally, the": "Additionally,the",
             "Abu Amin Observatory": "Abu Amin Observatory", "KHmeimim Air base": "KHmeimim Air base"}  # fmt: skip
    for phrase, original in pairs.items():
        start = n.text.index(phrase)
        a, b = n.to_original(start, start + len(phrase))
        assert seed_text[a:b] == original


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300) | st.text(alphabet="ab ,.\n<>/&;#xA\u0301\u00e9\u200bI", max_size=200))
def test_offset_map_is_monotone_and_in_bounds(text: str) -> None:
    n = normalize(text)
    assert len(n.starts) == len(n.ends) == len(n.text)
    assert all(0 <= a <= b <= len(text) for a, b in zip(n.starts, n.ends, strict=True))
    assert list(n.starts) == sorted(n.starts)
    assert not n.text.startswith(" ") and not n.text.endswith(" ") and "  " not in n.text
    for i, char in enumerate(n.text):  # every character that is not a made-up space comes from its source
        if char != " ":
            source = text[n.starts[i] : n.ends[i]]
            assert char in unicodedata.normalize("NFC", source) or source.startswith("&")
    if n.text:
        a, b = n.to_original(0, len(n.text))
        assert normalize(text[a:b]).text == n.text
