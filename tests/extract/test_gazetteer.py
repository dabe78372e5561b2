from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from drawdown.case import load_case
from drawdown.extract.gazetteer import _CAPWORD_RE, Gazetteer, Mention, _strip_accents
from tests.conftest import NORTHLAND


def _sites(text: str, case: str = "syria-2024") -> list[str]:
    return [m.site_id for m in Gazetteer.from_case(load_case(case)).find(text)]


def test_names_aliases_and_misspellings() -> None:
    text = "Flights left KHmeimim; ships waited off Tartous; troops quit the T-4 base and Humaymim."
    assert _sites(text) == ["hmeimim", "tartus", "t4", "hmeimim"]


def test_case_accents_and_dashes() -> None:
    assert _sites("KOBANÎ and ain-issa and MANBIJ") == ["kobani-posts", "ayn-issa-posts", "manbij-posts"]


def test_whole_words_only() -> None:
    assert _sites("T4s and Manbijian and pre-Tartus") == ["tartus"]  # "pre-Tartus": a dash is a word boundary


def test_longest_name_wins_and_offsets_point_into_the_text() -> None:
    text = "Equipment moved to the Tartus naval base overnight."
    (mention,) = Gazetteer.from_case(load_case("syria-2024")).find(text)
    assert mention.site_id == "tartus" and text[mention.start : mention.end] == "Tartus naval base"


def test_a_place_with_one_site_stands_for_it() -> None:
    assert _sites("seven posts in the Quneitra countryside") == ["quneitra-posts"]
    assert _sites("troops moved around Homs") == [], "Homs holds three sites, so it is ambiguous"


def test_invented_case() -> None:
    assert _sites("Valdorian troops left Port Embre and the Greyridge district", str(NORTHLAND)) == [
        "port-ember",
        "ridge-posts",
    ]


def _located(text: str) -> list[tuple[str, str]]:
    return [(m.site_id, m.surface) for m in Gazetteer.from_case(load_case("syria-2024")).locate(text)]


def test_typos_and_transliterations_are_matched_fuzzily() -> None:
    assert _located("Planes took off from Hmeimeem and Tartouss.") == [("hmeimim", "Hmeimeem"), ("tartus", "Tartouss")]
    assert _located("Tarsus is a city in Turkey.") == [], "a real other place one letter away stays out"


def test_a_place_with_several_sites_resolves_by_the_kind_of_installation() -> None:
    assert _located("Troops left the air base in Latakia province.") == [("hmeimim", "Latakia province")]
    assert _located("Troops left the airport in Hasakah.") == [("qamishli", "Hasakah")]
    assert _located("Troops moved around Latakia.") == [], "two Latakia sites and no kind named: unresolved"
    assert _located("Jets left the airfield near Homs.") == [], "three Homs airfields: unresolved"


def test_locate_offsets_are_shifted() -> None:
    text = "Planes left Hmeimeem."
    (mention,) = Gazetteer.from_case(load_case("syria-2024")).locate(text, offset=10)
    assert (mention.start - 10, mention.end - 10) == (12, 20)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_strip_accents_drops_combining_marks_character_by_character(text: str) -> None:
    def one(ch: str) -> str:
        kept = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        return kept if len(kept) == 1 else ch

    assert _strip_accents(text) == "".join(one(ch) for ch in text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.sampled_from(["A", "b", "Ab", "Hmeimim", " ", "-", "'", "é", "Ö", "_", "1", "aTartus", "\n"]), max_size=12
    )
)
def test_capitalised_words_are_found_as_with_a_leading_word_boundary(pieces: list[str]) -> None:
    text = "".join(pieces)
    plain = re.compile(r"\b[A-Z][A-Za-z\u00C0-\u024F'-]{5,}\b")
    assert [m.span() for m in _CAPWORD_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]


def _locate_one_by_one(gazetteer: Gazetteer, sentence: str, places: bool = True) -> list[Mention]:
    """locate() the slow way: every capitalised word tested for overlap, then looked up (the reference)."""
    from drawdown.case import fold
    from drawdown.extract.lexicon import lower

    found = gazetteer.find(sentence)
    taken = [(m.start, m.end) for m in found]

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken)

    if places and gazetteer.place_pattern is not None:
        for m in gazetteer.place_pattern.finditer(lower(_strip_accents(sentence))):
            if free(m.start(), m.end()):
                site = gazetteer._resolve_place(gazetteer._places[fold(m.group(0))], sentence, m.start(), m.end())
                if site is not None:
                    found.append(Mention(site, m.start(), m.end(), sentence[m.start() : m.end()], via_place=True))
                    taken.append((m.start(), m.end()))
    for m in _CAPWORD_RE.finditer(sentence):
        if free(m.start(), m.end()):
            site = gazetteer._fuzzy_site(m.group(0))
            if site is not None:
                found.append(Mention(site, m.start(), m.end(), m.group(0)))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)


_WARM = Gazetteer.from_case(load_case("syria-2024"))
_PLACE_PIECES = ["Hmeimim", "Hmeimin", "Humaymim", "Tartus", "Tartous", "Tartos", "port", "Port", "airport", "the",
                 "Qamishli", "Qamishly", "Hasakah", "Hasaka", "Kobani", "Raqqa", "province", "T-4", "Shayrat",
                 "Shayrrat", "Moscow", "Damascus", "Syria", "Russian", "Golan", "posts", "naval", "base", "Jableh",
                 " ", " ", ", ", "-", "é", "Ö", "x", "Xylophones"]  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_PLACE_PIECES), max_size=14).map(" ".join), st.booleans())
def test_locate_skips_known_words_and_finds_what_the_one_by_one_look_up_finds(text: str, places: bool) -> None:
    # The warm gazetteer has learnt many words (most sentences take the shortcut); a new one has learnt none.
    for gazetteer in (_WARM, Gazetteer.from_case(load_case("syria-2024"))):
        expected = _locate_one_by_one(gazetteer, text, places)
        assert gazetteer.locate(text, places=places) == expected
        shifted = [m._replace(start=m.start + 7, end=m.end + 7) for m in expected]
        assert gazetteer.locate(text, 7, places=places) == shifted


def test_prefixes_a_language_attaches_to_a_name() -> None:
    from drawdown.extract.lang import pack

    case = load_case("syria-2024")
    text = "غادرت القوات بحميميم وطرطوس وبالقامشلي"
    arabic = Gazetteer.from_case(case, pack("ar").NAME_PREFIXES).find(text)
    assert [(m.site_id, m.surface) for m in arabic] == [
        ("hmeimim", "حميميم"),
        ("tartus", "طرطوس"),
        ("qamishli", "القامشلي"),
    ]
    assert all(text[m.start : m.end] == m.surface for m in arabic)  # a mention spans the name, not its clitic
    assert Gazetteer.from_case(case).find(text) == []  # without prefixes a name stands alone, as in English


def test_a_declined_name_is_found_in_its_case_forms() -> None:
    from drawdown.extract.lang import declensions, pack

    endings = pack("ru").NAME_ENDINGS
    assert declensions("Тартус", endings) == ("Тартуса", "Тартусу", "Тартусом", "Тартусем", "Тартусе")
    assert "Пальмиры" in declensions("Пальмира", endings) and "Латакии" in declensions("Латакия", endings)
    assert declensions("Камышлы", endings) == declensions("Т-4", endings) == declensions("Hmeimim", endings) == ()
    case = load_case("syria-2024")
    text = "с Хмеймима, в Тартусе, из Пальмиры, на Хмеймиме, из Камышлы, с базы Т-4"
    russian = Gazetteer.from_case(case, endings=endings).find(text)
    assert [(m.site_id, m.surface) for m in russian] == [
        ("hmeimim", "Хмеймима"),
        ("tartus", "Тартусе"),
        ("palmyra", "Пальмиры"),
        ("hmeimim", "Хмеймиме"),
        ("qamishli", "Камышлы"),
        ("t4", "Т-4"),
    ]
    assert [m.site_id for m in Gazetteer.from_case(case).find(text)] == ["qamishli", "t4"]  # as written only
