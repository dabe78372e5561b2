"""Language packs: reports are routed by language, French is read with its own words, others are skipped."""

from __future__ import annotations

from datetime import date

import pytest

from drawdown.case import load_case
from drawdown.extract.claims import Extractor
from drawdown.extract.lang import PACKS, LanguagePack, pack
from drawdown.extract.text import detect_language

PUBLISHED = date(2024, 12, 16)  # a Monday


@pytest.fixture(scope="module")
def syria() -> Extractor:
    return Extractor(load_case("syria-2024"))


def _pairs(ex: Extractor, text: str) -> set[tuple[str | None, str, str]]:
    return {(c.site, c.action, c.modality) for c in ex.extract(text, PUBLISHED).claims}


def test_every_pack_defines_every_name() -> None:
    for code in PACKS:
        assert isinstance(pack(code), LanguagePack) and pack(code).code == code


def test_language_identification() -> None:
    assert detect_language("Les soldats ont quitté la caserne hier soir, selon plusieurs témoins sur place.") == "fr"
    assert detect_language("The soldiers left the barracks last night, several witnesses said.") == "en"
    assert detect_language("Die Soldaten haben die Kaserne gestern Abend verlassen, sagten mehrere Zeugen.") == "de"


def test_a_language_without_a_pack_is_skipped_saying_which(syria: Extractor) -> None:
    outcome = syria.extract("Las tropas rusas abandonaron ayer la base de Tartus, dijeron testigos.", None)
    assert not outcome.claims and outcome.skipped == "language es not supported"


def test_french_actions_negation_and_plans(syria: Extractor) -> None:
    assert ("tartus", "evacuated", "negated") in _pairs(
        syria, "Les forces russes n'ont pas quitté Tartous, disent-ils."
    )
    assert ("shayrat", "evacuated", "planned") in _pairs(syria, "Les soldats russes quitteront Shayrat bientôt.")
    done = "Le retrait russe de la base de T4 est terminé, a indiqué un porte-parole."
    assert ("t4", "withdrawal_complete", "asserted") in _pairs(syria, done)


def test_a_french_withdrawal_told_as_done_completes_it(syria: Extractor) -> None:
    assert _pairs(syria, "Les soldats russes se sont retirés de Tartous lundi.") == {
        ("tartus", "withdrawal_complete", "asserted")
    }
    assert _pairs(syria, "Les soldats russes quittent Qamichli.") == {("qamishli", "withdrawal_complete", "asserted")}
    # a plan is not done
    assert _pairs(syria, "Les troupes russes doivent quitter Tartous.") == {("tartus", "evacuated", "planned")}


@pytest.mark.parametrize(
    ("about_thirty", "two_dozen"),
    [
        ("Une trentaine de camions russes ont quitté Palmyre le 14 décembre.",
         "Deux douzaines de véhicules ont quitté Kuweires hier."),
        ("Una trentina di camion russi hanno lasciato Palmira il 14 dicembre.",
         "Due dozzine di veicoli hanno lasciato Kuweires ieri."),
    ],
    ids=["fr", "it"],
)  # fmt: skip
def test_dates_and_numbers_in_words(syria: Extractor, about_thirty: str, two_dozen: str) -> None:
    claims = syria.extract(about_thirty, PUBLISHED).claims
    convoy = next(c for c in claims if c.action == "convoy_departed")
    assert (convoy.site, convoy.quantity, convoy.event_date) == ("palmyra", 30.0, date(2024, 12, 14))
    yesterday = syria.extract(two_dozen, PUBLISHED).claims
    assert [(c.quantity, c.event_date) for c in yesterday if c.action == "convoy_departed"] == [
        (24.0, date(2024, 12, 15))
    ]


def test_a_french_demonym_after_the_noun_names_another_actor(syria: Extractor) -> None:
    claims = syria.extract("Les forces turques se sont retirées de plusieurs positions près de Manbij.", PUBLISHED)
    assert {c.actor for c in claims.claims} == {"Turkey"}


def test_italian_is_identified_and_read() -> None:
    assert detect_language("Le truppe russe hanno lasciato la base di Tartus sabato, secondo alcuni residenti.") == "it"
    # Short headlines: "da" is a Turkish function word too, and the identifier alone is unsure.
    assert detect_language("Navi russe salpate da Tartus") == "it"
    assert detect_language("Gli aerei russi sono decollati da Hmeimim.") == "it"
    assert "it" in PACKS and pack("it").DEMONYMS_AFTER["russe"] == "Russia"
    assert {pack("it").DEMONYMS_AFTER[f] for f in ("turco", "turca", "turchi", "turche")} == {"Turkey"}


def test_italian_actions_negation_and_plans(syria: Extractor) -> None:
    assert ("tartus", "evacuated", "negated") in _pairs(syria, "Le forze russe non hanno lasciato Tartus, dicono.")
    # The future on the verb itself ("lasceranno"), and on an auxiliary ("intende ritirare").
    assert ("shayrat", "evacuated", "planned") in _pairs(syria, "I soldati russi lasceranno la base di Shayrat.")
    plan = syria.extract("Mosca intende ritirare le sue truppe da Hmeimim entro la fine del mese.", PUBLISHED).claims
    assert [(c.site, c.action, c.modality, c.due_date) for c in plan] == [
        ("hmeimim", "withdrawal_complete", "planned", date(2024, 12, 31))
    ]
    named = syria.extract("La Russia ritirerà le sue truppe da Qamishli entro fine gennaio.", PUBLISHED).claims
    assert [(c.action, c.modality, c.due_date) for c in named] == [
        ("withdrawal_complete", "planned", date(2025, 1, 31))
    ]
    done = "Il ritiro russo dalla base T4 è stato completato, ha dichiarato un portavoce."
    assert ("t4", "withdrawal_complete", "asserted") in _pairs(syria, done)
    handed = "Il passaggio di consegne della base di Shayrat alle nuove autorità è avvenuto ieri."
    assert ("shayrat", "withdrawal_complete", "asserted") in _pairs(syria, handed)
    kept = "La Russia mantiene la sua presenza a Hmeimim, ha dichiarato il portavoce del Cremlino."
    claims = syria.extract(kept, PUBLISHED).claims
    assert [(c.site, c.action, c.confirmation) for c in claims] == [("hmeimim", "presence_maintained", "confirmed")]
    talks = syria.extract("Mosca e Damasco hanno avviato negoziati sullo status delle basi di Hmeimim.", PUBLISHED)
    assert {(c.site, c.action) for c in talks.claims} == {("hmeimim", "negotiation")}


def test_an_italian_withdrawal_told_as_done_completes_it(syria: Extractor) -> None:
    assert _pairs(syria, "Le truppe russe si sono ritirate da Tartus lunedì.") == {
        ("tartus", "withdrawal_complete", "asserted")
    }
    assert _pairs(syria, "Una parte delle forze russe si è ritirata da Palmira.") == {
        ("palmyra", "withdrawal_partial", "asserted")
    }
    assert _pairs(syria, "Le forze russe hanno iniziato a ritirarsi da Qamishli.") == {
        ("qamishli", "withdrawal_started", "asserted")
    }


def test_italian_denials_hedges_and_sources(syria: Extractor) -> None:
    denied = syria.extract("Il Cremlino ha smentito che le forze russe stiano lasciando Tartus.", PUBLISHED).claims
    assert [(c.site, c.modality, c.confirmation) for c in denied] == [("tartus", "negated", "denied")]
    hedged = syria.extract("Le truppe russe avrebbero lasciato Jableh, a quanto pare.", PUBLISHED).claims
    assert [(c.site, c.confirmation) for c in hedged] == [("jableh-area", "unconfirmed")]
    seen = syria.extract("Le immagini satellitari mostrano due navi salpate dal porto di Tartus.", PUBLISHED).claims
    assert [(c.action, c.quantity, c.source_type, c.confirmation) for c in seen] == [
        ("ships_departed", 2.0, "satellite", "confirmed")
    ]
    # "secondo" as an ordinal ("un secondo convoglio") names no source.
    second = syria.extract("Un secondo convoglio è partito da Palmira verso la costa.", PUBLISHED).claims
    assert [(c.site, c.action, c.attribution) for c in second] == [("palmyra", "convoy_departed", None)]


def test_italian_vague_counts_numeric_dates_and_elided_articles(syria: Extractor) -> None:
    # "decine" is no count, and the year of a numeric date is none either.
    vague = syria.extract("Il 14/12/2024 decine di veicoli russi sono partiti da Ayn Issa.", PUBLISHED).claims
    assert [(c.site, c.quantity, c.event_date) for c in vague] == [("ayn-issa-posts", None, date(2024, 12, 14))]
    kept = syria.extract("Circa 200 soldati russi restano di stanza a Tartus, sabato.", PUBLISHED).claims
    assert [(c.action, c.quantity, c.unit, c.event_date) for c in kept] == [
        ("presence_maintained", 200.0, "troops", date(2024, 12, 14))
    ]
    share = syria.extract("La Russia ha ridotto del 40 per cento il contingente a Qamishli.", PUBLISHED).claims
    assert [(c.action, c.quantity, c.unit) for c in share] == [("withdrawal_partial", 40.0, "percent")]
    elided = "Il ministero della Difesa russo ha completato il ritiro dall'aeroporto di Qamishli."
    assert ("qamishli", "withdrawal_complete", "asserted") in _pairs(syria, elided)
    assert ("jableh-area", "evacuated", "asserted") in _pairs(
        syria, "I russi hanno evacuato le posizioni nell'area di Jableh."
    )


def test_an_italian_demonym_after_the_noun_names_another_actor(syria: Extractor) -> None:
    claims = syria.extract("Le forze turche si sono ritirate da diverse posizioni nei pressi di Manbij.", PUBLISHED)
    assert {(c.actor, c.action) for c in claims.claims} == {("Turkey", "withdrawal_partial")}


def test_arabic_clitics_diacritics_and_verb_first_actors(syria: Extractor) -> None:
    # A clitic on the site's name ("بحميميم"), diacritics and tatweel, and the actor after its verb.
    assert ("hmeimim", "evacuated", "asserted") in _pairs(syria, "وغادرَت القــوات الروسيّة بحميميم أمس.")
    assert ("qamishli", "withdrawal_started", "negated") in _pairs(syria, "لم تنسحب القوات الروسية من القامشلي.")
    assert ("shayrat", "evacuated", "planned") in _pairs(syria, "ستغادر القوات الروسية قاعدة الشعيرات قريبا.")
    done = "أعلنت وزارة الدفاع الروسية اكتمال الانسحاب من قاعدة التيفور."
    claims = syria.extract(done, PUBLISHED).claims
    assert [(c.site, c.action, c.confirmation) for c in claims] == [("t4", "withdrawal_complete", "confirmed")]
    turkish = syria.extract("انسحبت القوات التركية من عدة مواقع قرب منبج.", PUBLISHED).claims
    assert {c.actor for c in turkish} == {"Turkey"}


def test_arabic_denials_hedges_and_sentences(syria: Extractor) -> None:
    denied = syria.extract("نفى الكرملين أن تكون القوات الروسية تغادر طرطوس.", PUBLISHED).claims
    assert [(c.site, c.modality, c.confirmation) for c in denied] == [("tartus", "negated", "denied")]
    hedged = syria.extract("أفادت تقارير بأن القوات الروسية غادرت جبلة.", PUBLISHED).claims
    assert [(c.site, c.confirmation) for c in hedged] == [("jableh-area", "unconfirmed")]
    # Two sentences on one line: the second's convoy is read on its own (its date is its own).
    two = syria.extract("انسحبت القوات الروسية من حميميم يوم الأحد. وغادر رتل روسي تدمر أمس.", PUBLISHED).claims
    assert {(c.site, c.action, c.event_date) for c in two} == {
        ("hmeimim", "withdrawal_started", date(2024, 12, 15)),
        ("palmyra", "convoy_departed", date(2024, 12, 15)),
    }


def test_arabic_dates_and_numbers(syria: Extractor) -> None:
    claims = syria.extract("غادر رتل من ٣٠ آلية روسية تدمر في ١٤ كانون الأول/ديسمبر.", PUBLISHED).claims
    convoy = next(c for c in claims if c.action == "convoy_departed")
    assert (convoy.site, convoy.quantity, convoy.event_date) == ("palmyra", 30.0, date(2024, 12, 14))
    flights = syria.extract("أقلعت طائرتان روسيتان من حميميم يوم السبت.", PUBLISHED).claims
    assert [(c.action, c.quantity, c.event_date) for c in flights] == [("flights_departed", 2.0, date(2024, 12, 14))]
    share = syria.extract("قلصت القوات الروسية وجودها في القامشلي بنسبة أربعين في المئة.", PUBLISHED).claims
    assert [(c.action, c.quantity, c.unit) for c in share] == [("withdrawal_partial", 40.0, "percent")]
    plan = syria.extract("تعتزم موسكو سحب قواتها من حميميم بحلول نهاية الشهر.", PUBLISHED).claims
    assert [(c.action, c.modality, c.due_date) for c in plan] == [
        ("withdrawal_complete", "planned", date(2024, 12, 31))
    ]


def test_arabic_is_identified_and_read() -> None:
    assert detect_language("انسحبت القوات الروسية من قاعدة حميميم الجوية يوم الأحد.") == "ar"
    assert "ar" in PACKS and pack("ar").NAME_PREFIXES and not pack("en").NAME_PREFIXES


def test_russian_declined_site_names(syria: Extractor) -> None:
    # The same site in the nominative, genitive and prepositional ("Хмеймим", "с Хмеймима", "на Хмеймиме").
    assert ("hmeimim", "evacuated", "asserted") in _pairs(syria, "Российские войска покинули Хмеймим в субботу.")
    assert ("hmeimim", "flights_departed", "asserted") in _pairs(syria, "Два самолёта вылетели с Хмеймима вчера.")
    kept = syria.extract("Россия сохраняет присутствие на Хмеймиме, заявил Песков.", PUBLISHED).claims
    assert [(c.site, c.action, c.confirmation) for c in kept] == [("hmeimim", "presence_maintained", "confirmed")]
    assert ("tartus", "evacuated", "asserted") in _pairs(syria, "Российские военные ушли из Тартуса.")
    assert ("palmyra", "withdrawal_partial", "asserted") in _pairs(syria, "Часть российских сил ушла из Пальмиры.")
    turkish = syria.extract("Турецкие войска отошли с нескольких позиций под Манбиджем.", PUBLISHED).claims
    assert {c.actor for c in turkish} == {"Turkey"}


def test_russian_negation_denial_and_plans(syria: Extractor) -> None:
    assert ("tartus", "evacuated", "negated") in _pairs(syria, "Российские войска не покидали Тартус.")
    denied = syria.extract("В Кремле опровергли сообщения о том, что войска покидают Тартус.", PUBLISHED).claims
    assert [(c.site, c.modality, c.confirmation) for c in denied] == [("tartus", "negated", "denied")]
    # A plan on an auxiliary ("планирует вывести", "будет выведена") and on the perfective verb itself ("покинут").
    plan = syria.extract("Москва планирует вывести свои войска с Хмеймима до конца месяца.", PUBLISHED).claims
    assert [(c.site, c.action, c.modality, c.due_date) for c in plan] == [
        ("hmeimim", "withdrawal_complete", "planned", date(2024, 12, 31))
    ]
    assert ("shayrat", "evacuated", "planned") in _pairs(syria, "Российские военные покинут авиабазу Шайрат.")
    assert ("tartus", "withdrawal_partial", "planned") in _pairs(syria, "Часть контингента будет выведена из Тартуса.")
    # The whole theatre, named in the genitive: a negated plan.
    none = syria.extract("Минобороны России не планирует выводить войска из Сирии.", PUBLISHED).claims
    assert [(c.site, c.action, c.modality) for c in none] == [(None, "withdrawal_started", "negated")]


def test_russian_dates_and_numbers(syria: Extractor) -> None:
    dated = syria.extract("15 декабря 2024 года с Хмеймима вылетели четыре транспортных самолёта.", PUBLISHED).claims
    assert [(c.action, c.quantity, c.unit, c.event_date) for c in dated] == [
        ("flights_departed", 4.0, "flights", date(2024, 12, 15))
    ]
    convoy = syria.extract("Колонна из сорока грузовиков покинула авиабазу Т-4 в субботу.", PUBLISHED).claims
    assert [(c.site, c.action, c.quantity, c.event_date) for c in convoy] == [
        ("t4", "convoy_departed", 40.0, date(2024, 12, 14))
    ]
    troops = syria.extract("В Тартусе находятся около 500 военнослужащих, по-прежнему.", PUBLISHED).claims
    assert not troops  # "находятся" alone is no presence reading; "по-прежнему находятся" is
    kept = syria.extract("В Тартусе по-прежнему находятся около 500 военнослужащих.", PUBLISHED).claims
    assert [(c.action, c.quantity, c.unit) for c in kept] == [("presence_maintained", 500.0, "troops")]
    share = syria.extract("Россия сократила группировку в Камышлы на 40 процентов.", PUBLISHED).claims
    assert [(c.site, c.action, c.quantity, c.unit) for c in share] == [
        ("qamishli", "withdrawal_partial", 40.0, "percent")
    ]
    ships = syria.extract("Во вторник два корабля вышли из Тартуса, по данным сервисов отслеживания.", PUBLISHED).claims
    assert [(c.action, c.quantity, c.event_date, c.confirmation) for c in ships] == [
        ("ships_departed", 2.0, date(2024, 12, 10), "confirmed")
    ]


def test_russian_is_identified_and_read() -> None:
    assert detect_language("Российские войска покинули авиабазу Хмеймим в субботу, сообщили источники.") == "ru"
    assert "ru" in PACKS and pack("ru").NAME_ENDINGS and not pack("en").NAME_ENDINGS


def test_german_is_identified_and_read(syria: Extractor) -> None:
    assert "de" in PACKS and pack("de").NAME_ENDINGS
    assert detect_language("Die russischen Truppen haben Tartus nicht verlassen.") == "de"
    assert detect_language("Russland hat Kobane geräumt.") == "de"
    # the participle at the clause's end, the negation, the plan on an auxiliary
    assert _pairs(syria, "Die russischen Truppen haben Tartus nicht verlassen, sagten Zeugen.") == {
        ("tartus", "evacuated", "negated")
    }
    assert ("qamishli", "evacuated", "planned") in _pairs(syria, "Die russischen Einheiten werden Qamishli verlassen.")
    assert ("hmeimim", "withdrawal_complete", "planned") in _pairs(
        syria, "Moskau plant, seine Truppen bis Ende des Monats aus Hmeimim abzuziehen."
    )
    # a separable verb, read at its finite part, the particle at the clause's end
    kobane = syria.extract("Dutzende russische Militärfahrzeuge zogen am Samstag aus Kobane ab.", PUBLISHED).claims
    assert [(c.site, c.action, c.quantity, c.event_date) for c in kobane] == [
        ("kobani-posts", "convoy_departed", 24.0, date(2024, 12, 14))
    ]


def test_german_dates_numbers_and_sources(syria: Extractor) -> None:
    # "am 26. Dezember": the day's full stop ends no sentence
    last = syria.extract("Die letzten russischen Soldaten verließen Kuweires am 26. Dezember.", PUBLISHED)
    assert [(c.site, c.action, c.event_date) for c in last.claims] == [
        ("kuweires", "withdrawal_complete", date(2024, 12, 26))
    ]
    trucks = "Zwei Dutzend Lastwagen haben am 14.12.2024 den Stützpunkt Shayrat verlassen."
    assert [(c.quantity, c.event_date) for c in syria.extract(trucks, PUBLISHED).claims] == [(24.0, date(2024, 12, 14))]
    flights = syria.extract("Laut Flightradar24 sind gestern drei Il-76 von Hmeimim gestartet.", PUBLISHED).claims
    assert [(c.action, c.quantity, c.event_date, c.confirmation) for c in flights] == [
        ("flights_departed", 3.0, date(2024, 12, 15), "confirmed")
    ]
    hedged = syria.extract("Russische Truppen haben angeblich Jableh verlassen.", PUBLISHED).claims
    assert [c.confirmation for c in hedged] == ["unconfirmed"]
    denied = syria.extract("Der Kreml hat dementiert, dass die russischen Streitkräfte Tartus verlassen.", PUBLISHED)
    assert [(c.confirmation, c.modality) for c in denied.claims] == [("denied", "negated")]


def test_a_german_demonym_before_the_noun_names_another_actor(syria: Extractor) -> None:
    text = "Das türkische Verteidigungsministerium teilte mit, die türkischen Streitkräfte hätten sich aus mehreren "
    text += "Stellungen nahe Manbij zurückgezogen."
    claims = syria.extract(text, PUBLISHED).claims
    assert [(c.site, c.action, c.confirmation) for c in claims] == [("Turkey", "withdrawal_partial", "confirmed")]
    # handed to the Syrian authorities: they are not the ones who left
    handed = syria.extract("Der Stützpunkt Tartus wurde an die neuen syrischen Behörden übergeben.", PUBLISHED)
    assert [(c.site, c.action) for c in handed.claims] == [("tartus", "withdrawal_complete")]


def test_german_compounds_and_separable_verbs_of_moving_in() -> None:
    ex = Extractor(load_case("syria-2024"))

    def pairs(text: str) -> set[tuple[str | None, str]]:
        return {(c.site, c.action) for c in ex.extract(text, date(2024, 12, 16)).claims}

    assert pairs("Ein russischer Militärkonvoi hat am Dienstag den Stützpunkt Hmeimim verlassen.") == {
        ("hmeimim", "convoy_departed")
    }
    assert pairs("Russische Truppen rückten am Montag in Kamischli ein.") == {("qamishli", "reinforcement")}
    assert pairs("Türkische Truppen rückten in Manbidsch ein.") == {("Turkey", "other")}


def test_french_convoys_placed_near_a_site_completions_said_after_the_noun_and_adjectives_before_a_demonym(
    syria: Extractor,
) -> None:
    def pairs(text: str) -> set[tuple[str | None, str]]:
        return {(c.site, c.action) for c in syria.extract(text, PUBLISHED).claims}

    # "près de X" places the convoy, its "de" is no origin: attacked there, not leaving.
    assert pairs("Un convoi russe a été attaqué près de Palmyre.") == {("palmyra", "other")}
    assert pairs("Le retrait russe de Kobané est achevé.") == {("kobani-posts", "withdrawal_complete")}
    # An adjective between the noun and its demonym: the Turkish armed forces act, not Russia.
    claims = syria.extract("Les forces armées turques ont pris le contrôle de Manbij.", PUBLISHED).claims
    assert {c.actor for c in claims} == {"Turkey"}
