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


def _plain_attribution_start(body: str, pos: int, verb_at: int | None = None) -> int | None:
    """lx.attribution_start as first written: a list of starts and a loop over the two forms."""
    starts = [at for at in (body.find("according to", pos), body.find("source", pos)) if at >= 0]
    rev: str | None = None
    noun_from = pos if verb_at is None else max(pos, verb_at - lx._NOUN_REACH)
    forms = ((lx._WHO_NOUN_END_RE, lx._NOUN_LEAD_RE, noun_from), (lx._WHO_NAME_END_RE, lx._NAME_LEAD_RE, pos))
    for end_re, lead_re, start in forms:
        end = end_re.search(body, start)
        if end is not None:
            rev = body[::-1] if rev is None else rev
            back = len(body) - end.start()
            lead = lead_re.match(rev, back)
            starts.append(end.start() - (lead.end() - back if lead is not None else 0))
    return max(pos, min(starts)) if starts else None


_ATTRIBUTION_WORDS = [
    *_WORDS, "according to", "The", "Ministry", "officials", "spokesman", "Reuters", "sources close to", "x",
]  # fmt: skip
_bodies = st.lists(st.tuples(st.sampled_from(_GLUE), st.sampled_from(_ATTRIBUTION_WORDS)), max_size=14).map(
    lambda parts: "".join(g + w for g, w in parts)
)


@settings(max_examples=1500, deadline=None)
@given(body=_bodies, pos=st.integers(0, 120), verb=st.one_of(st.none(), st.integers(0, 120)))
def test_attribution_start_is_the_plain_bound(body: str, pos: int, verb: int | None) -> None:
    assert lx.attribution_start(body, pos, verb) == _plain_attribution_start(body, pos, verb)


def test_hedges_are_whole_matches() -> None:
    # Extractor._hedges reads them with findall, which gives the whole match only for a pattern without groups.
    assert lx.HEDGE_RE.groups == 0
