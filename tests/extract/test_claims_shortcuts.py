"""The shortcuts in claims.py's attribution against the plain searches they stand for, on random text made of the
words they look for: a shortcut may only skip a search whose result it already knows."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drawdown.case import load_case
from drawdown.extract import lexicon as lx
from drawdown.extract.claims import Extractor
from tests.conftest import NORTHLAND


@pytest.fixture(scope="module", params=["syria-2024", NORTHLAND])
def extractor(request: pytest.FixtureRequest) -> Extractor:
    return Extractor(load_case(request.param))


_WORDS = [
    "said", "says", "told", "added", "wrote", "sources", "source", "according", "to", "show", "showed", "shows",
    "reported", "reporter", "noted", "denied", "the", "ministry", "a", "convoy", "left", "ſaid", "Said",
]  # fmt: skip
_GLUE = ["", " ", "  ", ", ", ".", "-", "_", "'", "é", "\n", "x"]
_texts = st.lists(st.tuples(st.sampled_from(_GLUE), st.sampled_from(_WORDS)), max_size=12).map(
    lambda parts: "".join(g + w for g, w in parts)
)


def test_the_speaking_words_are_speech_words(extractor: Extractor) -> None:
    assert "said" in extractor._speaking and "told" in extractor._speaking
    for word in extractor._speaking:
        gate = lx.SPEECH_GATE.fullmatch(word)
        assert gate is not None


@settings(max_examples=400, deadline=None)
@given(text=_texts)
def test_a_speaking_word_means_a_speaker_search_would_match(extractor: Extractor, text: str) -> None:
    low = lx.lower(text)
    gate = lx.SPEECH_GATE.search(low)
    if gate is not None and gate.group() in extractor._speaking:
        assert extractor._any_speaker.search(low) is not None
