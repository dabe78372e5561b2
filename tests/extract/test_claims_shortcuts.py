"""The shortcuts in the per-action part of claims.py against the plain code they replaced: each must give exactly
what the plain code gives."""

from __future__ import annotations

import dataclasses
import pickle
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drawdown.case import load_case
from drawdown.extract import lexicon as lx
from drawdown.extract.claims import _UNITS_FOR, Extractor, _Actor, _Trigger
from drawdown.extract.dates import DateMention, find_dates
from drawdown.extract.lang.en import ATTRIBUTIVE
from drawdown.extract.quantities import Quantity
from drawdown.model import SOURCE_TYPES, UNITS, Claim

PUBLISHED = date(2024, 12, 16)


@pytest.fixture(scope="module")
def syria() -> Extractor:
    return Extractor(load_case("syria-2024"))


# ------------------------------------------------------------------------------------------------ claims


def test_claims_are_built_as_their_init_would(syria: Extractor, seed_text: str) -> None:
    names = [f.name for f in dataclasses.fields(Claim)]
    claims = syria.extract(seed_text, PUBLISHED, "seed").claims
    assert claims
    for claim in claims:
        assert list(vars(claim)) == names  # every field given, none left to its class default
        plain = Claim(**{name: getattr(claim, name) for name in names})
        assert claim == plain and repr(claim) == repr(plain) and hash(claim) == hash(plain)
        assert pickle.loads(pickle.dumps(claim)) == plain
        with pytest.raises(dataclasses.FrozenInstanceError):
            claim.action = "other"  # type: ignore[misc]


# ------------------------------------------------------------------------------------------------ plans


def _plain_planned(ex: Extractor, body: str, low: str, trig: _Trigger, dates: list[DateMention]) -> bool:
    """Extractor._planned as first written: the text before the action word copied and stripped."""
    if lx.PLANNED_RE.search(ex._clause_before(low, trig.start, 70)):
        return True
    head = body[: trig.start]
    if head.rstrip().endswith("to") and lx.INFINITIVE_RE.search(head):
        return True
    if lx.MODAL_AFTER_RE.match(low, trig.end):
        return True
    return bool(dates) and any(
        d.deadline and (d.start > trig.start or lx.PLANNED_RE.search(low) is not None) for d in dates
    )


_PLAN_TEXTS = [
    "Russia to withdraw from Hmeimim by January 16, officials said.",
    "Moscow plans to withdraw its forces within a month.",
    "The Defence Ministry  to\u00a0withdraw troops next week.",
    "Officials Say To \t\nwithdraw from Tartus before the deadline of 31 December.",
    "The drawdown would run in stages; a pullout is expected to finish by March.",
    "to withdraw",
    " \u2003withdraw now",
    "Troops began to leave Quneitra, and would complete the withdrawal by 20 January 2025.",
]


@pytest.mark.parametrize("body", _PLAN_TEXTS)
def test_planned_equals_the_plain_code(syria: Extractor, body: str) -> None:
    low = body.lower()
    dates = find_dates(body, PUBLISHED)
    for word in re.finditer(r"\S+", body):
        for start in (word.start(), word.start() + 1):
            trig = _Trigger("withdrawal_started", start, word.end())
            plain = _plain_planned(syria, body, low, trig, dates)
            assert syria._planned(body, low, trig, dates) == plain, (body, start)
            assert syria._planned(body, low, trig, []) == _plain_planned(syria, body, low, trig, [])


# ------------------------------------------------------------------------------------------------ quantities


def _plain_quantity(action: str, trig: _Trigger, quantities: list[Quantity]) -> Quantity | None:
    """Extractor._quantity as first written: the fitting quantities listed, the nearest taken by min."""
    for unit in _UNITS_FOR.get(action, ()):
        fits = [q for q in quantities if q.unit == unit]
        if fits:
            return min(fits, key=lambda q: abs(q.start - trig.start))
    return None


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([*_UNITS_FOR, "negotiation"]),
    st.integers(0, 60),
    st.lists(
        st.tuples(st.sampled_from([*UNITS, None]), st.integers(0, 60)).map(lambda t: Quantity(1.0, t[0], t[1], t[1])),
        max_size=6,
    ),
)
def test_quantity_equals_the_plain_code(action: str, at: int, quantities: list[Quantity]) -> None:
    # Told apart by identity: of two equally near quantities, the first must win.
    trig = _Trigger(action, at, at + 5)
    assert Extractor._quantity(action, trig, quantities) is _plain_quantity(action, trig, quantities)


# ------------------------------------------------------------------------------------------------ confirmation


def _plain_confirmation(
    ex: Extractor, denied: bool, neither: bool, hedges: tuple[str, ...], source_type: str | None,
    attribution: str | None, observed: bool, actor: _Actor | None, sentence: str,
) -> str:  # fmt: skip
    """Extractor._confirmation as first written: hedges read by a generator, the last clause by rsplit."""
    if denied:
        return "denied"
    doubts = bool(hedges) and any(h not in ATTRIBUTIVE for h in hedges)
    if neither or doubts or source_type == "anonymous":
        return "unconfirmed"
    if source_type in ("satellite", "flight_tracking") or observed:
        return "confirmed"
    if source_type == "official":
        speaker = ex._country_of(attribution or "") or ex._country_of(sentence.rsplit(",", 1)[-1])
        if speaker == (actor.name if actor else ex._own_country):
            return "confirmed"
    return "unconfirmed"


@settings(max_examples=400, deadline=None)
@given(
    st.booleans(),
    st.booleans(),
    st.lists(st.sampled_from(["according to", "reportedly", "allegedly", "unverified"]), max_size=3).map(tuple),
    st.sampled_from([*SOURCE_TYPES, None]),
    st.sampled_from([None, "", "the Russian defence ministry", "Moscow", "SOHR", "Syrian officials"]),
    st.booleans(),
    st.sampled_from([None, _Actor("Russia", 0, 6, True), _Actor("Turkey", 0, 6, False)]),
    st.sampled_from(["Troops left Tartus, the Russian ministry said.", "Troops left, Turkish officials said", "No"]),
)
def test_confirmation_equals_the_plain_code(
    syria: Extractor, denied: bool, neither: bool, hedges: tuple[str, ...], source_type: str | None,
    attribution: str | None, observed: bool, actor: _Actor | None, sentence: str,
) -> None:  # fmt: skip
    args = (denied, neither, hedges, source_type, attribution, observed, actor, sentence)
    assert syria._confirmation(*args) == _plain_confirmation(syria, *args)


# ------------------------------------------------------------------------------------------------ negation


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["no", "not", "n't", "never", "without", "denied", "den", "troops", "left", ", but"]),
                max_size=12).map(" ".join), st.integers(0, 80))  # fmt: skip
def test_a_sentence_without_negator_letters_negates_nothing(syria: Extractor, low: str, at: int) -> None:
    # _read_sentence calls _negated only where the sentence holds one of these.
    may_negate = "no" in low or "n't" in low or "never" in low or "without" in low or "den" in low
    if syria._negated(low, _Trigger("withdrawal_started", at, at + 4)):
        assert may_negate
