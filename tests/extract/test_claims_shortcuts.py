"""The shortcuts in the per-action part of claims.py against the plain code they replaced: each must give exactly
what the plain code gives."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import date

import pytest

from drawdown.case import load_case
from drawdown.extract.claims import Extractor, _new_claim
from drawdown.model import Claim

PUBLISHED = date(2024, 12, 16)


@pytest.fixture(scope="module")
def syria() -> Extractor:
    return Extractor(load_case("syria-2024"))


# ------------------------------------------------------------------------------------------------ claims


def test_claims_are_built_as_their_init_would(syria: Extractor, seed_text: str) -> None:
    assert not hasattr(Claim, "__post_init__")  # _new_claim skips __init__: it may do nothing but store fields
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


def test_new_claim_equals_the_constructor() -> None:
    fields = {
        "report_id": "r",
        "site": None,
        "action": "evacuated",
        "confirmation": "unconfirmed",
        "modality": "asserted",
        "span": (3, 9),
        "sentence": "x",
        "site_name": None,
        "actor": "Russia",
        "quantity": 7.0,
        "unit": "posts",
        "event_date": PUBLISHED,
        "time_precision": "week",
        "due_date": None,
        "source_type": "media",
        "attribution": None,
        "hedges": ("reportedly",),
    }
    fast, plain = _new_claim(fields), Claim(**fields)  # type: ignore[arg-type]
    assert fast == plain and repr(fast) == repr(plain) and hash(fast) == hash(plain)
    assert dataclasses.replace(fast, site="x") == dataclasses.replace(plain, site="x")
