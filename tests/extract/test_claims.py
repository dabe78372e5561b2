from __future__ import annotations

from datetime import date

import pytest

from drawdown.case import load_case
from drawdown.extract.claims import MAX_CHARS, Extractor, _Context
from drawdown.model import ACTIONS, CONFIRMATIONS, MODALITIES, SOURCE_TYPES, TIME_PRECISIONS, UNITS
from tests.conftest import DATA, NORTHLAND

PUBLISHED = date(2024, 12, 16)


@pytest.fixture(scope="module")
def syria() -> Extractor:
    return Extractor(load_case("syria-2024"))


def _pairs(ex: Extractor, text: str) -> set[tuple[str | None, str, str]]:
    return {(c.site, c.action, c.modality) for c in ex.extract(text, PUBLISHED).claims}


def test_seed_report_yields_what_a_careful_reader_finds(syria: Extractor, seed_text: str) -> None:
    claims = syria.extract(seed_text, PUBLISHED, "seed").claims
    by = {(c.site, c.action, c.modality): c for c in claims}
    flights = by["hmeimim", "flights_departed", "asserted"]
    assert (flights.quantity, flights.unit) == (2, "flights")
    reduction = [c for c in claims if c.action == "withdrawal_partial" and c.unit == "percent"]
    assert [(c.quantity, c.confirmation) for c in reduction] == [(10, "unconfirmed")]
    posts = by["quneitra-posts", "evacuated", "asserted"]
    assert (posts.quantity, posts.unit, posts.event_date, posts.time_precision) == (
        7,
        "posts",
        date(2024, 12, 9),
        "week",
    )
    assert ("t4", "convoy_departed", "asserted") in by
    assert ("qamishli", "withdrawal_partial", "asserted") in by
    planned = {c.site for c in claims if c.modality == "planned" and c.due_date == date(2025, 1, 16)}
    assert {"hmeimim", "tartus", "jableh-area", "qamishli"} <= planned
    assert all(c.confirmation == "unconfirmed" for c in claims), "nothing in the seed is confirmed on record"
    for c in claims:  # spans index the original text
        assert c.site_name is None or c.site_name in seed_text[c.span[0] : c.span[1]]


def test_interview_rewrites_add_no_claims(syria: Extractor, seed_text: str) -> None:
    article = seed_text.split("## ")[0]
    whole = {(c.site, c.action, c.modality) for c in syria.extract(seed_text, PUBLISHED).claims}
    alone = {(c.site, c.action, c.modality) for c in syria.extract(article, PUBLISHED).claims}
    assert whole == alone


def test_every_value_is_in_the_shared_vocabulary(syria: Extractor, seed_text: str) -> None:
    for c in syria.extract(seed_text, PUBLISHED).claims:
        assert c.action in ACTIONS and c.confirmation in CONFIRMATIONS and c.modality in MODALITIES
        assert c.unit is None or c.unit in UNITS
        assert c.source_type in SOURCE_TYPES and (c.time_precision is None or c.time_precision in TIME_PRECISIONS)


def test_negation_modality_and_denial(syria: Extractor) -> None:
    assert ("tartus", "withdrawal_started", "negated") in _pairs(syria, "Russia did not withdraw from Tartus.")
    planned = syria.extract("Russia plans to pull out of Hmeimim within a month.", PUBLISHED).claims
    assert [(c.modality, c.due_date) for c in planned] == [("planned", date(2025, 1, 16))]
    denied = syria.extract("The Kremlin denied that troops had left Tartus.", PUBLISHED).claims
    assert [c.confirmation for c in denied] == ["denied"]


def test_a_modal_after_the_noun_makes_a_plan(syria: Extractor) -> None:
    claims = syria.extract("The drawdown would run in stages, moving on to Tartus last.", PUBLISHED).claims
    assert {(c.site, c.modality) for c in claims} == {("tartus", "planned")}


def test_neither_nor_confirmed_is_unconfirmed_not_denied(syria: Extractor) -> None:
    text = "Russian troops left Palmyra on Sunday. Neither Moscow nor Damascus has confirmed that troops left Palmyra."
    assert {c.confirmation for c in syria.extract(text, PUBLISHED).claims} == {"unconfirmed"}


def test_confirmation_by_kind_of_source(syria: Extractor) -> None:
    def conf(text: str) -> str:
        (claim,) = syria.extract(text, PUBLISHED).claims
        return claim.confirmation

    assert conf("Satellite images show two ships leaving Tartus.") == "confirmed"
    assert conf("The Russian Defence Ministry said its units left Qamishli.") == "confirmed"
    assert conf("Russian troops reportedly left Qamishli.") == "unconfirmed"
    assert conf("Sources close to the army say troops left Qamishli.") == "unconfirmed"


def test_typos_and_towns(syria: Extractor) -> None:
    assert ("hmeimim", "flights_departed", "asserted") in _pairs(syria, "Two planes took off from Hmeimeem today.")
    assert ("jableh-area", "evacuated", "asserted") in _pairs(syria, "Troops left Jableh on Sunday.")
    # withdrew = left: the move done is what is asserted (ANNOTATION.md)
    assert ("qamishli", "withdrawal_complete", "asserted") in _pairs(
        syria, "Troops withdrew from the airport in Hasakah."
    )


def test_other_actors_get_their_own_claims(syria: Extractor) -> None:
    pairs = _pairs(syria, "Israeli troops advanced into the buffer zone, the Israeli army said.")
    assert pairs == {("Israel", "other", "asserted")}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty text"),
        ("   \n  ", "empty text"),
        ("<div><span></span></div>", "no text left after removing markup"),
        ("הכוחות הרוסיים עזבו את בסיס חמימים ביום שבת לפי מקורות מקומיים", "language he not supported"),
    ],
)
def test_bad_input_is_skipped_with_a_reason(syria: Extractor, text: str, reason: str) -> None:
    result = syria.extract(text, PUBLISHED)
    assert result.claims == [] and result.skipped == reason


def test_html_residue_and_huge_reports(syria: Extractor) -> None:
    html = "<p>A convoy left <b>T4</b> on Saturday.</p>"
    (claim,) = syria.extract(html, PUBLISHED).claims
    assert claim.site == "t4" and html[claim.span[0] : claim.span[1]].startswith("convoy")
    big = "The weather was fine. " * (MAX_CHARS // 22 + 1)
    assert syria.extract(big, PUBLISHED).skipped is not None
    one_mb = "The weather was fine and shops opened. " * 27_000 + "A convoy left T4 on Saturday."
    assert [c.site for c in syria.extract(one_mb, PUBLISHED).claims] == ["t4"]


def test_no_theatre_logic_in_code() -> None:
    ex = Extractor(load_case(NORTHLAND))
    claims = ex.extract("A convoy left Port Embre on Monday, witnesses said.", date(2031, 3, 12)).claims
    assert [(c.site, c.action) for c in claims] == [("port-ember", "convoy_departed")]


def test_without_a_published_date_no_date_is_guessed(syria: Extractor) -> None:
    (claim,) = syria.extract("A convoy left T4 on Saturday, residents said.", None).claims
    assert (claim.site, claim.event_date, claim.time_precision) == ("t4", None, None)


def test_a_province_beside_a_site_name_is_not_a_second_site(syria: Extractor) -> None:
    text = "Observers who follow Raqqa and Hasakah said Russian troops vacated a base near Ayn Issa on Tuesday."
    assert {c.site for c in syria.extract(text, PUBLISHED).claims} == {"ayn-issa-posts"}


def test_fuel_tankers_and_flight_tracking_are_not_ships_or_flights(syria: Extractor) -> None:
    text = "The convoy that left T4 included fuel tankers and trucks, according to flight-tracking fans."
    assert {(c.site, c.action) for c in syria.extract(text, PUBLISHED).claims} == {("t4", "convoy_departed")}


def test_hard_wrapped_rate_gives_two_flights(syria: Extractor) -> None:
    text = (
        "Transport aircraft have left Hmeimim air base at a rate of\n"
        "about two a day over the past few days, flight trackers said."
    )
    (c,) = [c for c in syria.extract(text, PUBLISHED).claims if c.action == "flights_departed"]
    assert (c.site, c.quantity, c.unit) == ("hmeimim", 2, "flights")


def test_a_force_wide_percentage_is_a_theatre_claim(syria: Extractor) -> None:
    text = (
        "People familiar with the operation said the flights so far amounted to a 10% reduction in Russian combat "
        "troops in Syria."
    )
    (c,) = syria.extract(text, PUBLISHED).claims
    assert (c.site, c.action, c.quantity, c.unit, c.confirmation) == (
        None,
        "withdrawal_partial",
        10,
        "percent",
        "unconfirmed",
    )


def test_a_percentage_summing_up_the_sentence_before_is_a_theatre_claim(syria: Extractor) -> None:
    text = (
        "A dozen Il-76 flights have left Hmeimim since the weekend. The airlift so far amounts to a 10% reduction "
        "of the force, a source said."
    )
    claims = {(c.site, c.action): c for c in syria.extract(text, PUBLISHED).claims}
    partial = claims[None, "withdrawal_partial"]
    assert (partial.quantity, partial.unit, partial.confirmation) == (10, "percent", "unconfirmed")
    # A blank line ends the paragraph: a percentage there does not sum up the flights.
    apart = text.replace(". The airlift", ".\n\nThe airlift")
    assert (None, "withdrawal_partial") not in {(c.site, c.action) for c in syria.extract(apart, PUBLISHED).claims}


def test_former_known_misses(syria: Extractor) -> None:
    assert ("Syria", "other", "asserted") in _pairs(syria, "The Tartus governorate cancelled the lease last week.")
    assert _pairs(syria, "The city council met on Monday to discuss the price of bread.") == set()
    assert _pairs(syria, "Officers at Hmeimim said they had received no order to leave.") == {
        ("hmeimim", "presence_maintained", "asserted")
    }
    assert ("qamishli", "withdrawal_partial", "asserted") in _pairs(
        syria, "Satellite photos show the Qamishli airfield largely empty of helicopters."
    )


class _ReadAtOnce(Extractor):
    """The extractor as it was before claim-less sentences were kept unread and their speakers owed: each is read
    as it comes, and a pending speaker as soon as a sentence without one comes after it."""

    def _carry_attribution(self, body: str, low: str, ctx: _Context) -> None:
        super()._carry_attribution(body, low, ctx)
        if ctx.unread:
            self._read_unread(ctx)

    def _attribution(self, body: str, low: str, ctx: _Context) -> tuple[str | None, str | None, tuple[str, ...]]:
        found = super()._attribution(body, low, ctx)
        if ctx.owed:
            self._resolve_owed(ctx)
        return found


@pytest.mark.parametrize("case_ref", ["syria-2024", NORTHLAND])
def test_speakers_read_late_give_the_claims_of_speakers_read_at_once(case_ref: str) -> None:
    from pathlib import Path

    from drawdown.extract.score import load_corpus

    case = load_case(case_ref)
    late, at_once = Extractor(case), _ReadAtOnce(case)
    data = Path(__file__).resolve().parents[1] / "data" / "extract"
    claims = 0
    for path in sorted(data.glob("*.txt")):
        for ex in load_corpus(path):
            expected = at_once.extract(ex.text, ex.published).claims
            assert late.extract(ex.text, ex.published).claims == expected
            claims += len(expected)
    assert claims > 100


def test_a_force_that_withdrew_from_a_town_has_left_it() -> None:
    ex = Extractor(load_case("tests/data/cases/somalia-2016.toml"))
    pairs = {(c.site, c.action) for c in ex.extract("Kenyan troops withdrew from Baardheere on Tuesday.", None).claims}
    assert pairs == {("baardheere", "withdrawal_complete")}
    # still under way, or in part, it is not complete
    going = ex.extract("Kenyan troops began to withdraw from Baardheere on Tuesday.", None).claims
    assert {c.action for c in going} == {"withdrawal_started"}


def test_the_force_named_right_after_the_action_word_is_the_one_that_acts() -> None:
    ex = Extractor(load_case("tests/data/cases/syria-2019.toml"))
    claims = ex.extract("The UN withdrew peacekeepers from the Golan Heights last week.", None).claims
    assert {c.actor for c in claims} == {"United Nations"}
    # another actor after the word is more often the one handed to, and stays out of it
    handed = ex.extract("The base was handed over to the Syrian army on Monday.", None).claims
    assert all(c.actor != "Syrian government forces" for c in handed)


def test_a_source_whose_own_statements_are_observation_confirms_what_it_states_flatly() -> None:
    # somalia-2016.toml lists ACLED's Local Source Project with direct_observation = true
    ex = Extractor(load_case("tests/data/cases/somalia-2016.toml"))
    flat = "Kenyan troops withdrew from Baardheere on Tuesday."
    (seen,) = ex.extract(flat, PUBLISHED, outlet="Local Source Project").claims
    assert (seen.source_type, seen.confirmation) == ("observer", "confirmed")
    (unlisted,) = ex.extract(flat, PUBLISHED, outlet="Some Daily").claims
    assert (unlisted.source_type, unlisted.confirmation) == ("media", "unconfirmed")
    # a hedge, or a speaker the text names, is not the source's own sighting
    (hedged,) = ex.extract(
        "Kenyan troops reportedly withdrew from Baardheere.", PUBLISHED, outlet="Local Source Project"
    ).claims
    assert hedged.confirmation == "unconfirmed"
    (told,) = ex.extract(
        "Kenyan troops withdrew from Baardheere, anonymous sources said.", PUBLISHED, outlet="Local Source Project"
    ).claims
    assert (told.source_type, told.confirmation) == ("anonymous", "unconfirmed")


@pytest.mark.parametrize(
    ("case_ref", "text", "expected"),
    [
        # one unnamed base of several left: part of the force, at the level of the country
        (
            "syria-2019",
            "US forces have withdrawn from a key base near the border with Turkey.",
            {(None, "withdrawal_partial")},
        ),
        # "used by" names the force that uses the base, even after another actor's strike on it
        (
            "syria-2019",
            "Rebels shelled the Hmeimim air base used by Russian forces.",
            {("hmeimim-air-base", "presence_maintained")},
        ),
        # notes and headlines tell a withdrawal done in the present tense
        ("somalia-2016", "AMISOM forces leave Baardheere on 26/01.", {("baardheere", "withdrawal_complete")}),
        ("somalia-2016", "Kenyan troops exit Baardheere village.", {("baardheere", "withdrawal_complete")}),
        # a road linking two places, and a place in brackets, say where a convoy was, not where it left
        (
            "somalia-2016",
            "A blast hit a Kenyan convoy passing the road linking Dhobley and Afmadow.",
            {("dhobley", "other"), ("afmadow", "other")},
        ),
        (
            "somalia-2016",
            "A bomb hit an ENDF convoy near Ceel Lahelay (Ceel Bur District) on 28/03.",
            {("ceel-lahelay", "other")},
        ),
        # ships that flee a port leave it; soldiers leaving a building in a town have not left the town
        (
            "ukraine-2022",
            "Russian landing ship burning, two other ships fleeing, Berdyansk",
            {("berdyansk", "ships_departed")},
        ),
        ("ukraine-2022", "Video of soldiers leaving a building in the center of Melitopol.", set()),
        # a place now held by the other side is free of the force; the region named after it only locates it
        (
            "ukraine-2022",
            "A damaged Russian tank in now UA-controlled Ruska Lozova, Kharkiv Oblast.",
            {("ruska-lozova", "withdrawal_complete")},
        ),
        # helicopters taking off and landing are air activity (other), not departures
        (
            "ukraine-2022",
            "Helicopters of Russia filmed taking off and landing at Valuyki",
            {("valuyki-airfield", "other")},
        ),
        # a flight only flown to a base is not a departure from it; pulling back from areas in a province is partial
        ("syria-2019", "The helicopter was shot down as it made its way back to Hmeimim.", set()),
        (
            "syria-2019",
            "Hezbollah forces pull back from areas in the province of Daraa.",
            {("daraa-province-hezbollah-positions", "withdrawal_partial")},
        ),
        # a force's command or coordination centre somewhere is its presence there
        (
            "syria-2019",
            "The Russian coordination center in Hmeimim reported the infiltration of some 150 militants.",
            {("hmeimim-air-base", "presence_maintained")},
        ),
        # a town that received troops or equipment gained them
        (
            "ukraine-2022",
            "The city of Melitopol received about 25 pieces of Russian equipment by rail.",
            {("melitopol", "reinforcement")},
        ),
        # forces consolidated at a place are inbound there
        (
            "syria-2019",
            "Russian forces are consolidating their positions at Hmeimim.",
            {("hmeimim-air-base", "reinforcement")},
        ),
        # a column moves off only when a verb says so
        (
            "ukraine-2022",
            "Russian column moving away from the border",
            {("ukrainian-border-staging-areas", "convoy_departed")},
        ),
    ],
)
def test_real_phrasings_of_leaving_and_staying(case_ref: str, text: str, expected: set[tuple[str | None, str]]) -> None:
    ex = Extractor(load_case(f"tests/data/cases/{case_ref}.toml"))
    assert {(c.site, c.action) for c in ex.extract(text, PUBLISHED).claims if c.modality == "asserted"} == expected


def test_a_planned_leaving_is_not_read_as_done() -> None:
    ex = Extractor(load_case("tests/data/cases/somalia-2016.toml"))
    (claim,) = ex.extract("AMISOM forces plan to leave Baardheere.", PUBLISHED).claims
    assert (claim.action, claim.modality) == ("evacuated", "planned")


def test_an_announced_withdrawal_is_a_plan_and_an_announcement_of_a_move_done_is_not() -> None:
    ex = Extractor(load_case("tests/data/cases/syria-2019.toml"))
    (announced,) = ex.extract("Russia announced partial withdrawal of its forces from Syria.", PUBLISHED).claims
    assert announced.modality == "planned"
    (done,) = ex.extract("Russia announced that its forces withdrew from Syria.", PUBLISHED).claims
    assert done.modality == "asserted"


def test_the_last_troops_leaving_the_theatre_complete_the_withdrawal() -> None:
    ex = Extractor(load_case("tests/data/cases/syria-2019.toml"))
    (last,) = ex.extract("The last Russian troops left Syria on Monday, the defence ministry said.", PUBLISHED).claims
    assert (last.site, last.action) == (None, "withdrawal_complete")
    (some,) = ex.extract("Russian troops left Syria on Monday, the defence ministry said.", PUBLISHED).claims
    assert (some.site, some.action) == (None, "withdrawal_started")


def test_a_convoy_that_does_not_move_is_no_departure_and_a_column_withdrawing_is_a_withdrawal(
    syria: Extractor,
) -> None:
    # Named with no place: only a convoy said to move is a departure of the force.
    assert _pairs(syria, "A Russian convoy was struck by a drone on Monday.") == set()
    assert _pairs(syria, "A Russian convoy drove away from the front on Monday.") == {
        (None, "convoy_departed", "asserted")
    }
    # A column or vehicles withdrawing are the force withdrawing; a convoy that withdrew is a convoy that left.
    assert _pairs(syria, "A Russian armoured column was filmed withdrawing under fire.") == {
        (None, "withdrawal_partial", "asserted")
    }
    assert _pairs(syria, "A Russian convoy withdrew from Hmeimim on Monday.") == {
        ("hmeimim", "convoy_departed", "asserted")
    }


def test_an_actor_acted_on_is_not_the_subject_of_the_next_action() -> None:
    ex = Extractor(load_case(DATA / "cases" / "somalia-2016.toml"))
    text = (
        "AMISOM forces attacked al Shabaab fighters in Jacar and Derri on Monday. The allied forces engaged the "
        "al Shabaab fighters holding the two villages and managed to take both over."
    )
    assert {(c.site, c.action, c.actor) for c in ex.extract(text, PUBLISHED).claims} == {
        ("jacar", "reinforcement", "AMISOM"),
        ("derri", "reinforcement", "AMISOM"),
    }
    # A relative clause makes the one acted on the subject of what follows.
    relative = "AMISOM forces attacked al Shabaab fighters, which then withdrew from Jacar."
    assert {c.actor for c in ex.extract(relative, PUBLISHED).claims} == {"al-Shabaab"}


def test_air_activity_of_the_force_is_other(syria: Extractor) -> None:
    # Taking off and landing is not clearly departures; it is still the force's own move at the base.
    assert _pairs(syria, "Russian helicopters were seen taking off and landing at Hmeimim on Monday.") == {
        ("hmeimim", "other", "asserted")
    }
    assert _pairs(syria, "Russian helicopters took off from Hmeimim on Monday.") == {
        ("hmeimim", "flights_departed", "asserted")
    }


def test_the_theatres_flag_raised_at_a_place_means_the_force_is_gone(syria: Extractor) -> None:
    # The theatre's flag is named per case (its demonym or its name); another flag raised is that force's presence.
    for text in (
        "The Syrian flag was raised over Hmeimim on Monday.",
        "Soldiers hoisted the flag of Syria at Hmeimim on Monday.",
    ):
        assert _pairs(syria, text) == {("hmeimim", "withdrawal_complete", "asserted")}, text
    assert _pairs(syria, "Russian troops raised their flag at Hmeimim on Monday.") == {
        ("hmeimim", "presence_maintained", "asserted")
    }


def test_a_present_tense_time_clause_speaks_of_the_future(syria: Extractor) -> None:
    planned = "Moscow will keep 200 troops in Syria after it pulls out most of its soldiers."
    assert {(c.action, c.modality) for c in syria.extract(planned, PUBLISHED).claims} == {
        ("presence_maintained", "planned"),
        ("withdrawal_partial", "planned"),
    }
    done = "Moscow kept 200 troops in Syria after it pulled out most of its soldiers."
    assert {c.modality for c in syria.extract(done, PUBLISHED).claims} == {"asserted"}


def test_without_a_published_date_only_dates_that_give_their_year_are_kept(syria: Extractor) -> None:
    def dates(text: str) -> list[tuple[date | None, str | None, date | None]]:
        return [(c.event_date, c.time_precision, c.due_date) for c in syria.extract(text, None).claims]

    assert dates("On 20 December 2024 Russian troops withdrew completely from Hmeimim.") == [
        (date(2024, 12, 20), "day", None)
    ]
    # "last week" and a date without its year cannot be placed without the published date.
    assert dates("Russian troops withdrew completely from Hmeimim last week.") == [(None, None, None)]
    assert dates("Russian troops withdrew completely from Hmeimim on 20 December.") == [(None, None, None)]
    assert dates("Moscow plans to withdraw from Tartus by 16 January 2025.") == [
        (date(2025, 1, 16), "day", date(2025, 1, 16))
    ]


def test_a_person_handed_over_is_no_place_handed_over(syria: Extractor) -> None:
    assert _pairs(syria, "The delegation asked about handing over Petrov, who lives in Moscow.") == set()
    assert _pairs(syria, "Russia handed over Tartus to the new authorities on Monday.") == {
        ("tartus", "withdrawal_complete", "asserted")
    }


def test_a_toll_or_a_scene_left_is_no_departure(syria: Extractor) -> None:
    assert _pairs(syria, "Aircraft pounded positions near Palmyra, leaving a dozen fighters dead.") == set()
    assert _pairs(syria, "The crew was leaving the scene when the helicopter was hit near Palmyra.") == set()
    assert _pairs(syria, "Two Russian transport planes left Hmeimim on Monday.") == {
        ("hmeimim", "flights_departed", "asserted")
    }


def test_jihadist_groups_and_a_regime_are_actors_not_the_monitored_force(syria: Extractor) -> None:
    claims = syria.extract("The Syrian regime withdrew fighter jets from Qamishli on Monday.", PUBLISHED).claims
    assert {c.actor for c in claims} == {"Syria"}
    claims = syria.extract("Daesh fighters withdrew from the outskirts of Palmyra on Monday.", PUBLISHED).claims
    assert {c.actor for c in claims} == {"rebel groups"}


def test_a_convoy_approaching_a_place_or_its_drivers_hurt_is_no_departure_from_it(syria: Extractor) -> None:
    assert _pairs(syria, "The lead vehicle of a Russian convoy approaching Tartus hit a mine on Monday.") == set()
    text = "Armed men attacked a convoy of eight Russian vehicles near Palmyra, injuring two drivers."
    assert ("palmyra", "convoy_departed", "asserted") not in _pairs(syria, text)


def test_storage_units_are_not_military_units() -> None:
    ex = Extractor(load_case(DATA / "cases" / "ukraine-2022.toml"))
    assert ex.extract("Storage units on fire in Donetsk", PUBLISHED).claims == []
    assert [c.action for c in ex.extract("Russian units seen in Lyman", PUBLISHED).claims] == ["presence_maintained"]


def test_a_place_moved_closer_to_is_where_the_force_went(syria: Extractor) -> None:
    text = "Russian forces left Hmeimim and moved closer to Tartus on Monday."
    assert ("tartus", "evacuated", "asserted") not in _pairs(syria, text)
