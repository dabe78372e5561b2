"""World knowledge of countries: every country's names and demonyms, and a case actor found by its country."""

from __future__ import annotations

from dataclasses import replace

from drawdown.case import load_case
from drawdown.extract import countries
from drawdown.extract import lexicon as lx
from drawdown.extract.claims import Extractor


def test_names_and_demonyms_cover_the_world() -> None:
    assert countries.display("RU") == "Russia"
    assert countries.display("KE") == "Kenya"
    assert countries.code_of("Russia") == "RU"
    assert countries.code_of("KE") == "KE"
    assert countries.code_of("rebel groups") is None
    english = countries.names("en")
    for name in ("Kenya", "Ethiopia", "Burundi", "Djibouti", "Russian Federation", "Türkiye", "Turkey", "Syria"):
        assert name in english, name
    assert countries.names("fr")["Russie"] == "Russia"  # the part before the comma of "Russie, Fédération de"
    assert countries.names("de")["Äthiopien"] == "Ethiopia"
    demonyms = countries.demonyms("en")
    assert len(demonyms) > 190
    assert {demonyms[d] for d in ("Kenyan", "Ugandan", "Burundian", "Chadian", "Burkinabe")} == {
        "Kenya", "Uganda", "Burundi", "Chad", "Burkina Faso"}  # fmt: skip
    assert lx.DEMONYMS["Kenyan"] == "Kenya" and lx.COUNTRIES["Moscow"] == "Russia"


def test_a_case_actor_is_found_by_its_country_code() -> None:
    case = load_case("syria-2024")
    # A user who calls the force by a short name of its own, with nothing but the country code to tie it to Russia
    actor = replace(case.actor, name="Russian Aerospace Forces", short="VKS", aliases=())
    ex = Extractor(replace(case, actor=actor))
    claims = ex.extract("Russian troops left Hmeimim Air Base on Friday.", None).claims
    assert [(c.actor, c.site) for c in claims] == [("VKS", "hmeimim")]
    others = ex.extract("Kenyan troops left Hmeimim Air Base on Friday.", None).claims
    assert all(c.actor == "Kenya" for c in others) and others
