"""French: the words the rules read in French reports (the same names as ``en.py``; see there for each one).

Patterns are matched against lower-cased text (``lexicon.ci``). French marks a plan on the verb itself as often as
on an auxiliary ("les troupes quitteront", "se retireront"), so ``PLANNED_TRIGGER_RE`` reads the action word's own
future tense; the conditional of reported speech ("auraient quitté") is a hedge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from drawdown.extract.dates import WordDates
from drawdown.extract.lexicon import ci
from drawdown.extract.quantities import CountReader

# ------------------------------------------------------------------------------------------------- actions

_LEAVE = (r"quitt\w*|évacu(?:é|ée|és|ées|er|ent|e|ation)|"
          r"abandonn(?:é|ée|és|ées|er|ent|e)|déserté\w*|vidé\w*")  # fmt: skip
_WITHDRAW = (r"retrait|retraits|se (?:sont |est )?retir\w*|s['’](?:est|était) retir\w*|"
             r"retir(?:é|ée|és|ées|er|ent|e|ant|era|eront)|"
             r"désengag\w*|repli\w*|redéploi\w*|redéploy\w*|départ|départs|part(?:i|is|ie|ies|ent|ira|iront)|"
             r"réduction|réduit\w*|allègement|retour(?:né|nés|nent)? (?:au pays|en france)")  # fmt: skip
# The place is free of the force again: after its liberation, retaken, the flag back, handed over.
RESULTANT = (r"après (?:sa |la )?libération|libér(?:é|ée|és|ées)|repris\w* par|reprise de|de nouveau sous (?:le )?"
             r"contrôle|(?:drapeau|couleurs) (?:\w+ ){0,2}(?:de retour|hissé\w* à nouveau)|après le départ (?:des|du)|"
             r"après le retrait (?:des|du)")  # fmt: skip
_MOVED = r"quitt|part|départ|sort|roul|fait route|en route|fil(?:é|ait|aient)|se dirige|direction"
ACTION_RULES: Final[tuple[tuple[str, str, str | None], ...]] = (
    ("convoy_departed", r"convois?|colonnes? (?:de |d['’])(?:\w+ ){0,2}(?:véhicules|camions|blindés)", "?" + _MOVED),
    ("convoy_departed", r"(?:camions|véhicules|blindés|chars|engins)", _MOVED),
    ("ships_departed", r"navires?|bâtiments?|frégates?|porte-conteneurs|cargos?",
     r"appareill|quitt|part|départ|lev(?:é|er) l['’]ancre|fait route|cap sur"),
    ("flights_departed", r"vols?|avions?|appareils?|hélicoptères?|gros-porteurs?|rotations? aériennes?|"
     r"pont aérien|AIRCRAFT_NAMES", r"décoll|quitt|part|départ|vers|à destination|évacu|rapatri"),
    ("equipment_loaded", r"charg(?:é|ée|és|ées|ement|ements|ent|eant|er)|démont\w+|démantel\w+|emball\w+", None),
    # Take-overs and new posts are inbound presence; by another actor they are its own move.
    ("reinforcement", r"pris le contrôle|prise de contrôle|pren(?:d|nent) le contrôle|s['’]empar\w+|"
     r"install(?:é|ée|és|ées|er|ent|e)(?= (?:une?|de|des|sa|leur|son|leurs) (?:nouvel\w* )?"
     r"(?:base|poste|camp|position))|"
     r"(?:ont|a) établi|entr(?:é|ée|és|ées|ent) (?:dans|à)", None),
    ("reinforcement", r"renfort\w*|renforc\w*|déploi\w* (?:de |d['’])?(?:nouveaux|nouvelles|supplémentaires)|"
     r"arriv(?:é|ée|és|ées|ent|ée|ait|aient)|se dirige\w* vers|fai(?:t|sant) route vers", None),
    ("negotiation", r"négoci\w+|pourparlers|discussions?|accord sur|entretiens? sur|statut des bases", None),
    ("presence_maintained", r"rest(?:e|ent|era|eront|é|ée|és|ées)(?! \d)|demeur\w+|"
     r"maint(?:ient|iennent|enu|enue|enus|enir) (?:sa |leur |une )?présence|toujours (?:présents?|déployés?|"
     r"stationnés?|là)|encore présents?|pas de signe de (?:retrait|départ)|"
     r"(?:forces|troupes|soldats|militaires) (?:[\w-]+ )?(?:à|en|au|sur)", None),
    ("withdrawal_partial", r"partiel(?:le|lement)?|une partie (?:de|des|du)|réduction partielle|moitié", None),
    ("withdrawal_complete", r"(?:achev\w+|termin\w+|finalis\w+|bouclé\w*|complet\w*) (?:le |son |leur |du )?"
     r"(?:retrait|départ|désengagement)|(?:retrait|départ|désengagement) (?:\w+ ){0,4}(?:est |a été )?(?:achevé|"
     r"terminé|finalisé|bouclé|complet)|(?:retrait|départ|désengagement)(?=(?: [\w'’-]+){0,8} (?:est|a été) (?:achevé|"
     r"terminé|finalisé|bouclé|complet))|(?:entièrement|totalement|complètement|définitivement) (?:retir\w+|quitt\w+|"
     r"évacu\w+)|les derni(?:ers|ères) (?:\w+ ){0,3}(?:ont quitté|sont partis|ont été retirés)|"
     r"rétrocéd\w+|remis\w* (?:aux|à l['’]|à la)|transféré\w* (?:aux|à l['’]|à la)|passation|"
     + RESULTANT, None),
    ("evacuated", _LEAVE, None),
    ("withdrawal_started", _WITHDRAW, None),
    ("other", r"frappes?|bombard\w+|patrouill\w+|attaqu\w+|avanc(?:é|ée|ent|ées)|occup\w+|déploi\w*|déployé\w*|"
     r"menac\w+|demand\w+|exig\w+", None),
)  # fmt: skip
RESULTANT_RE = re.compile(rf"(?:{RESULTANT})")
TAKEOVER_RE = re.compile(r"(?:pris le contrôle|prise de contrôle|pren(?:d|nent) le contrôle|s['’]empar\w+|install\w+|"
                         r"(?:ont|a) établi|entr\w+ (?:dans|à))")  # fmt: skip
WEAK_PRESENCE_RE = re.compile(r"(?:forces|troupes|soldats|militaires) (?:[\w-]+ )?(?:à|en|au|sur)")
STARTED_CUE = ci(r"\b(?:commenc\w*|début\w*|entam\w*|lanc\w*|en cours|amorc\w*|premi(?:er|ère|ers|ères))\b")
PARTIAL_CUE = ci(r"\b(?:une partie|certains|certaines|quelques|plusieurs|partiel\w*|la plupart|moins de)\b")
COMPLETE_CUE = ci(r"\b(?:tous|toutes|l['’]ensemble|entièrement|totalement|complètement|derni(?:ers|ères)|totalité|"
                  r"intégralité|achev(?:é|ée|és|ées)|termin(?:é|ée|és|ées))\b")  # fmt: skip
# A withdrawal said as done (see lexicon.py): "se sont retirés de X", "s'est replié", and the narrative present
# of leaving ("quittent X"), as in English; "ont quitté X" stays the own corpora's "left" (evacuated).
DONE_LEAVING_RE = ci(r"(?:se sont|s['’]est) (?:retir|repli)\w*|quitt(?:ent|e)")
ONE_OF_MANY_RE = ci(r"\s+(?:\w+\s+){0,3}?(?:de|d['’]) (?:une|un|l['’]une de|l['’]un de|une autre|un autre) ")
BACK_REFERENCE_RE = ci(r"\b(?:ces|ce|cette|ceux-ci) (?:vols?|retraits?|départs?|convois?|rotations?|mouvements?)\b")

# --------------------------------------------------------------------------------------- negation, modality

NEGATION_WORDS: Final = ("ne", "n'", "n’", "pas", "jamais", "aucun", "aucune", "sans", "ni", "nié que", "dément que")
NEGATION_RE = ci(r"(?:\b(?:ne|pas|jamais|aucun|aucune|sans|ni|nié que|dément que)\b|\bn['’])")
NOT_EVENT_RE = ci(r"\b(?:confirm\w*|vérifi\w*|comment\w*|clair|connu\w*|dit|précis\w*|indépendante\w*|encore été)\b")
PLANNED_RE = ci(r"\b(?:prévoi\w*|prévu\w*|envisag\w*|projet\w*|compt(?:e|ent) |doi(?:t|vent)|devr\w+|va|vont|"
                r"entend\w*|d['’]ici|calendrier|échéance|programm\w*|décid\w* de|pourr\w+|s['’]apprêt\w*|"
                r"a l['’]intention|ordonn\w*|promis|annonc\w* (?:son|le|leur) intention)\b")  # fmt: skip
# The action word in the future tense ("quitteront", "se retirera", "partiront").
PLANNED_TRIGGER_RE = re.compile(r".*(?:eront|era|iront|ira)\b")
MODAL_AFTER_RE = re.compile(r"\s+(?:\w+\s+)?(?:devrait|devraient|doit|doivent|sera|seront|est prévu\w*|sont prévu\w*|"
                            r"pourrait|pourraient|interviendra|aura lieu)\b")  # fmt: skip
INFINITIVE_RE = re.compile(r"(?!)")

# ---------------------------------------------------------------------------------------------------- hedges

HEDGE_RE = ci(r"\b(?:selon|d['’]après|aurai(?:t|ent)|serai(?:t|ent)|présumé\w*|supposé\w*|non confirmé\w*|"
              r"pas été confirmé\w*|sembl\w+|apparemment|probablement|vraisemblablement|rumeurs?|"
              r"sources? (?:proches|sécuritaires|locales|militaires)|sous couvert d['’]anonymat|prétend\w*|"
              r"affirm\w*|on ignore|attendu\w*)\b")  # fmt: skip
ATTRIBUTIVE = frozenset({"selon", "d'après", "d’après"})
NEITHER_RE = ci(r"\bni\b.{0,120}\bni\b.{0,120}\bconfirm")
DENIAL_RE = ci(r"\b(?:dément\w*|démenti\w*|nie|nient|nié|rejet\w* (?:les|ces) (?:informations|affirmations)|"
               r"infondé\w*|fausses? informations?|fake news)\b")  # fmt: skip
OBSERVED_RE = ci(r"\b(?:images? satellites?|imagerie satellite|(?:journaliste|correspondant|reporter)\w* "
                 r"(?:sur place|de l['’]afp|a vu|ont vu)|constaté\w* sur place|suivi des vols|données de vol|"
                 r"ads-b|flightradar24)\b")  # fmt: skip

# ----------------------------------------------------------------------------------------------- attribution

SOURCE_CUES: Final[tuple[tuple[str, str], ...]] = (
    ("satellite", r"images? satellites?|imagerie satellite|imagerie commerciale|maxar|planet labs"),
    ("flight_tracking", r"suivi des vols|données de vol|sites? de suivi|ADS-B|flightradar24|traqueurs? de vols"),
    ("anonymous", r"sources? (?:proches|sécuritaires|locales|militaires|diplomatiques|concordantes)|"
                  r"sous couvert d['’]anonymat|une source|des sources|selon des sources"),
    ("official", r"ministère|ministres?|porte-parole|état-major|gouvernement|communiqué|officiel\w*|autorités|"
                 r"présidence|président|ambassade|armée (?:a|française|malienne)|commandement"),
    ("observer", r"observatoire|observateurs?|habitants|témoins|riverains|militants|ONG|moniteurs?"),
    ("media", r"agence|journal|quotidien|médias?|chaîne|télévision|correspondant\w*|journalistes?|AFP|RFI"),
)  # fmt: skip
SPEECH_GATE = ci(r"\b(?:selon|d['’]après|déclar\w*|indiqu\w*|annonc\w*|confirm\w*|affirm\w*|rapport\w*|précis\w*|"
                 r"dit|expliqu\w*|ajout\w*|démen\w*|sources?|montr\w*|assur\w*)\b")  # fmt: skip
SPEECH_WORDS = (r"selon|d['’]après|sources?|déclar\w*|indiqu\w*|annonc\w*|confirm\w*|affirm\w*|rapport\w*|précis\w*|"
                r"dit|expliqu\w*|ajout\w*|démen\w*|montr\w*")  # fmt: skip
SPEAKER_VERBS = r"a déclaré|ont déclaré|a annoncé|ont annoncé|a confirmé|a indiqué|a démenti|dément"
_FR_SPEAKER_NOUNS = (r"porte-parole|ministère|gouvernement|armée|état-major|autorités|habitants|témoins|sources?|"
                     r"responsables?|officiels?|observateurs?|analystes?|journalistes?|correspondants?")  # fmt: skip
_FR_SPEECH_VERBS = r"(?:a|ont) (?:déclaré|indiqué|annoncé|confirmé|affirmé|précisé|dit|assuré|démenti)"
ATTRIBUTION_RE = re.compile(
    r"\b(?:[Ss]elon|[Dd]['’]après) (?P<acc>[^,.;]{3,90})"
    r"|(?P<who>(?:[A-ZÉ][\w'’.-]*+\s){1,6}|(?:le |la |les |l['’]|un |une |des )?(?:\w++ ){0,3}(?:"
    + _FR_SPEAKER_NOUNS
    + r") )"
    + _FR_SPEECH_VERBS
    + r"\b|(?P<src>sources? (?:proches|sécuritaires|locales|militaires) [^,.;]{0,80})"
)


def attribution_start(body: str, pos: int, verb_at: int | None = None) -> int | None:
    """Where the attribution search starts: anywhere from ``pos`` (French sentences are read whole)."""
    return pos


NOT_SPEAKERS = frozenset({"Le", "La", "Les", "L'", "Un", "Une", "Des", "Il", "Elle", "Ils", "Elles", "Ce", "Cette",
                          "Ces", "Selon", "Plusieurs", "Certains"})  # fmt: skip

# ----------------------------------------------------------------------------------------------- other actors

ACTOR_NOUNS = (r"forces|troupes|armée|militaires|soldats|unités|gouvernement|autorités|ministère|état-major|"
               r"contingent|casques bleus|mercenaires|combattants|convois?|avions|navires|bases?|police militaire|"
               r"ministère de la défense|président|porte-parole")  # fmt: skip
# The nouns' first words: a French actor can start with one (the demonym comes after it).
ACTOR_NOUN_WORDS = ("forces", "troupes", "armée", "militaires", "soldats", "unités", "gouvernement", "autorités",
                    "ministère", "état-major", "contingent", "casques", "mercenaires", "combattants", "convoi",
                    "convois", "avions", "navires", "base", "bases", "police", "président", "porte-parole")  # fmt: skip
# Demonyms after the noun ("les forces turques", "le ministère russe"), every gender and number -> country.
_DEMONYM_STEMS = {"russe": "Russia", "turc": "Turkey", "turque": "Turkey", "américain": "United States",
                  "français": "France", "française": "France", "syrien": "Syria", "syrienne": "Syria",
                  "iranien": "Iran", "iranienne": "Iran", "israélien": "Israel", "israélienne": "Israel",
                  "irakien": "Iraq", "irakienne": "Iraq", "libanais": "Lebanon", "malien": "Mali",
                  "malienne": "Mali", "nigérien": "Niger", "nigérienne": "Niger", "tchadien": "Chad",
                  "tchadienne": "Chad", "burkinabè": "Burkina Faso", "ukrainien": "Ukraine",
                  "ukrainienne": "Ukraine", "britannique": "United Kingdom", "allemand": "Germany",
                  "allemande": "Germany", "chinois": "China", "chinoise": "China",
                  "kurde": "Kurdish forces"}  # fmt: skip
DEMONYMS_BEFORE: dict[str, str] = {}  # French puts them after the noun
DEMONYMS_AFTER: dict[str, str] = {}
# "les forces armées turques", "les forces spéciales françaises": the demonym comes after an adjective.
ACTOR_ADJECTIVES = r"armées|armés|militaires|spéciales|navales|aériennes|terrestres"
for _stem, _country in _DEMONYM_STEMS.items():
    for _form in (
        (_stem, _stem + "s", _stem + "e", _stem + "es") if not _stem.endswith(("e", "s", "è")) else (_stem, _stem + "s")
    ):
        DEMONYMS_AFTER.setdefault(_form, _country)
# French names beyond ISO 3166's French ones (countries.names("fr")) and capitals; the English ones stay known.
COUNTRY_NAMES = {"Russie": "Russia", "Moscou": "Russia", "Turquie": "Turkey", "Syrie": "Syria", "Damas": "Syria",
                 "États-Unis": "United States", "Etats-Unis": "United States", "Irak": "Iraq", "Liban": "Lebanon",
                 "Israël": "Israel", "Iran": "Iran", "Téhéran": "Iran", "Libye": "Libya", "Tchad": "Chad",
                 "Mali": "Mali", "Bamako": "Mali", "Niger": "Niger", "Niamey": "Niger", "Ukraine": "Ukraine",
                 "Kiev": "Ukraine", "Chine": "China", "Pékin": "China", "ONU": "United Nations",
                 "OTAN": "NATO"}  # fmt: skip
ACTOR_VERBS = r"a|ont|est|sont|avait|avaient|va|vont|dit|annonce|annoncé|déclaré|envoyé|retiré|déployé"
REBELS = (r"rebelles?|groupes? armés?|jihadistes?|djihadistes?|insurgés?|terroristes?|assaillants|hommes armés|"
          r"combattants")  # fmt: skip
LOCAL_OFFICE = r"gouvernorat|préfecture|conseil (?:régional|municipal)|mairie"
LOCAL_OFFICE_WORDS: Final = ("gouvernorat", "préfecture", "conseil", "mairie")

# ----------------------------------------------------------------------------------- placing phrases, clauses

SAME_TIME_RE = re.compile(r"^\s*(?:parallèlement|dans le même temps|le même jour|par ailleurs|en outre|aussi)\b", re.I)
CLAUSE_RE = re.compile(r"[;:]|,\s*(?:alors que|tandis que|mais|et)\b|\b(?:alors que|tandis que|mais)\b")
CLAUSE_MARKS = (",", ";", ":", "mais", "alors que", "tandis que")
LOCATIVE_RE = re.compile(r"(?:situé\w*|basé\w*)?\s*(?:à|au|aux|en|près de|dans|de|du)\s+(?:la\s+|le\s+|l['’])?$", re.I)
IN_LIST_RE = re.compile(
    r",\s*(?:et\s+)?(?:de\s+|d['’]|du\s+)?(?:la\s+|le\s+|l['’])?$|"
    r"\bet\s+(?:de\s+|d['’]|du\s+)?(?:la\s+|le\s+|l['’])?$"
)
DESTINATION_RE = re.compile(r"\b(?:vers|pour|en direction de|à destination de)\s+(?:la\s+|le\s+|l['’])?$", re.I)
POSTS_RE = re.compile(r"\b(?:postes?|avant-postes?|positions?|emprises?)\b")
RELATIVE_RE = re.compile(r"(?:\b\d+(?:[.,]\d+)?\s*(?:km|kilomètres?)\s+(?:\w+\s+){0,2}|"
                         r"\b(?:au\s+)?(?:nord|sud|est|ouest|nord-est|nord-ouest|sud-est|sud-ouest)\s+)"
                         r"(?:de|d['’]|du)\s*(?:la\s+|l['’])?$")  # fmt: skip
REGION_WORD_RE = re.compile(r"\s+(?:région|province|préfecture|district|cercle|département)\b")
WENT_TO_RE = re.compile(r"\b(?:redéploy\w*|repli\w*|rentr\w*|retourn\w*|transféré\w*|partis?|dirig\w*)\s+(?:\w+\s+)?"
                        r"(?:vers|à|au|en|sur)\s+(?:la\s+|le\s+|l['’])?(?:[\w-]+\s+){0,2}?$")  # fmt: skip
COREFERENCE_RE = re.compile(r"\b(?:la|sa|leur|cette|l['’]) ?(?:ville|localité|base|emprise|camp|aéroport|port|"
                            r"position|garnison|zone)\b")  # fmt: skip
AGENT_AFTER_RE = re.compile(r"(?:\s+\w+){0,2}\s+par\s+(?:les?\s+|la\s+|l['’])?|\s+(?:des|du|de la)\s+")
LEFT_BEHIND_RE = re.compile(r"\s+(?:(?:par|des|du)\s+(?:les?\s+|la\s+)?)?")
JOINT_RE = re.compile(r"[\s/&,-]*(?:(?:et|avec)\s+)?(?:les?\s+|la\s+|l['’])?(?:[a-zé]+[/-])*")
# ("près de X", "aux abords de X" place the convoy: their "de" is no origin)
ORIGIN_BEFORE_RE = re.compile(r"\b(?:(?<!près )(?<!proximité )(?<!abords )(?<!environs )(?:de|d['’]|du)|depuis|quitté|"
                              r"quittant|quitter|en provenance de)\s*(?:la\s+|l['’])?$")  # fmt: skip
ROAD_BEFORE_RE = re.compile(r"\b(?:route|axe) (?:de|vers|entre|reliant)\s+(?:la\s+|l['’])?$")
DESTINATION_BEFORE_RE = re.compile(r"\b(?:vers|pour|à destination de|en direction de|jusqu['’]à)\s*(?:la\s+|l['’])?$")
PLACE_BEFORE_RE = re.compile(r"\b(?:à|au|en|près de|dans|entre|autour de|aux abords de|et)\s+(?:la\s+|le\s+|l['’])?$")
ONGOING_RE = re.compile(r"(?!)")  # French captions use the same verb forms as prose
AUXILIARY_RE = re.compile(r"(?!)")

# ----------------------------------------------------------------------------------------------------- dates

_MONTHS: Final = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
                  "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
                  "décembre": 12, "decembre": 12}  # fmt: skip
_WEEKDAYS: Final = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_DAY_MONTH_RE = re.compile(rf"\b(1er|\d{{1,2}})\s+({'|'.join(_MONTHS)})(?:\s+(\d{{4}}))?\b")
_END_OF_RE = re.compile(r"\bd['’]ici (?:la )?fin (?:du |de l['’])(mois|année)\b")
_NUMERIC_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_RELATIVE_DAY_RE = re.compile(rf"\b(avant-hier|hier|{'|'.join(_WEEKDAYS)})\b")
_DEADLINE_BEFORE_RE = re.compile(r"(?:d['’]ici|avant|au plus tard|jusqu['’]au|jusqu['’]à)\s+(?:le\s+|la fin\s+)?$")


# French dates: "le 7 juillet 2024", "1er mars", "07/07/2024", "hier", "mardi" (the last such day up to the
# publication day). A date after "d'ici", "avant" or "au plus tard" is a deadline.
find_dates = WordDates(
    months=_MONTHS,
    weekdays=_WEEKDAYS,
    day_month=_DAY_MONTH_RE,
    end_of=_END_OF_RE,
    month_word="mois",
    numeric=_NUMERIC_RE,
    relative_day=_RELATIVE_DAY_RE,
    days_back={"hier": 1, "avant-hier": 2},
    deadline_before=_DEADLINE_BEFORE_RE,
)


# -------------------------------------------------------------------------------------------------- numbers

_NUMBER_WORDS: Final = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
                        "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
                        "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "mille": 1000,
                        "une dizaine": 10, "une douzaine": 12, "deux douzaines": 24, "une quinzaine": 15,
                        "une vingtaine": 20, "une trentaine": 30, "une quarantaine": 40, "une cinquantaine": 50,
                        "une centaine": 100, "un millier": 1000}  # fmt: skip
_UNIT_NOUNS: Final = {
    "troops": r"soldats|militaires|hommes|troupes|casques bleus|instructeurs|membres du personnel|légionnaires",
    "vehicles": r"véhicules|camions|blindés|chars|engins|pick-up",
    "flights": r"vols|avions|rotations|appareils|hélicoptères",
    "ships": r"navires|bâtiments|frégates|cargos",
    "posts": r"postes|bases|positions|emprises",
    "tonnes": r"tonnes",
}


def quantities(aircraft_names: Iterable[str] = ()) -> CountReader:
    """Counts in French sentences: "200 soldats", "une trentaine de véhicules", "deux douzaines de camions",
    "40 %"."""
    return CountReader(
        _UNIT_NOUNS,
        _NUMBER_WORDS,
        aircraft_names,
        approx=r"environ|près de|quelque|plus de|au moins",
        percent=r"%|pour cent",
        between=r"(?:de |d['’])?(?:\w+\s+){0,2}?",
        thousands=r"[ .\u202f\u00a0]",
        decimal=",",
        not_counts=frozenset({"un", "une"}),  # an article: "une colonne de véhicules" counts no vehicle
    )
