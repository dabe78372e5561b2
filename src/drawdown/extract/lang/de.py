"""German: the words the rules read in German reports (the same names as ``en.py``; see there for each one).

Patterns are matched against lower-cased text (``lexicon.ci``), so German's capitalised nouns need no second
spelling there; the actor nouns and demonyms are matched as written and carry both. German puts the finite verb
second and the rest of it last: a separable verb's particle ends the clause ("zogen am Samstag aus Kobane ab"),
the participle of a perfect ends it ("haben Tartus verlassen"), and a plan is an auxiliary before the action word
("werden Qamishli verlassen", "soll ... abziehen", "plant, ... abzuziehen"). Demonyms stand before the noun and
inflect ("russische Truppen", "der russischen Streitkräfte"). Reported speech in the subjunctive ("der Abzug sei
abgeschlossen") is the ordinary form of indirect speech, not a hedge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from drawdown.extract.dates import WordDates
from drawdown.extract.lang import declensions
from drawdown.extract.lexicon import ci
from drawdown.extract.quantities import CountReader

# ------------------------------------------------------------------------------------------------ declension

# The genitive "-s" that names take ("Russlands Truppen", "des Kremls", "Aleppos"): a name ending in a vowel or a
# consonant other than s, x, z or ß takes it; one ending in those, a digit or a capital ("Tartus", "T4", "USA")
# does not change.
NAME_ENDINGS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = ((r"(?<=[a-rt-wyäöü])$", ("s",)),)
# Adjective endings of the demonyms ("russisch", "russische", "russischen", "russischer", "russisches", "russischem").
_ADJECTIVE_ENDINGS: Final = ("", "e", "en", "er", "es", "em")


def _capitalised(words: Iterable[str]) -> tuple[str, ...]:
    """The words as written mid-sentence and at its start (the actor pattern reads text as written)."""
    return tuple(dict.fromkeys(f for w in words for f in (w, w[:1].upper() + w[1:])))


# ------------------------------------------------------------------------------------------------- actions

# Leaving a place: "verlassen", "verließ", "räumten", "geräumt", "aufgegeben", "evakuiert".
# A leaving verb before the convoy that left ("verließ ein Konvoi ...", the verb second) is the convoy's move.
_LEAVE = (r"verl(?:ässt|asst|ießen|ieß|ießt|assen)(?! (?:[\w-]+ ){0,3}?(?:konvoi|kolonne|lastwagen|fahrzeuge))|"
          r"räum(?:en|te|ten|t)|geräumt|gab(?:en)?(?= (?:[\w-]+ ){0,6}?auf\b)|"
          r"aufgegeben|aufgeben|evakuier\w*|evakuierung")  # fmt: skip
# Withdrawing: the noun, the participle, the separable verb with its particle at the clause's end ("zogen am
# Samstag aus Kobane ab"), read at the finite verb; "sich zurückziehen" likewise.
_WITHDRAW = (r"abzug|abzugs|abgezogen|abziehen|abzuziehen|zieh(?:t|en)(?= (?:[\w-]+ ){0,8}?ab\b)|"
             r"zog(?:en)?(?= (?:[\w-]+ ){0,8}?ab\b)|zurückgezogen|zurückziehen|zurückzuziehen|rückzug\w*|"
             r"(?:zog|zogen|zieht|ziehen) sich(?= (?:[\w-]+ ){0,8}?zurück\b)|verlegt|verlegung|rückverleg\w*|"
             r"heimgekehrt|"
             r"zurückgekehrt|verringert|verringerung")  # fmt: skip
# The place is free of the force again: after its departure or withdrawal.
RESULTANT = r"nach dem (?:abzug|rückzug|weggang)(?: (?:der|des))?"
_MOVED = (r"verl(?:ässt|ießen|ieß|assen)|aufgebrochen|brach(?:en)?(?= (?:[\w-]+ ){0,6}?auf\b)|abgefahren|fuhr(?:en)?|"
          r"unterwegs|rollt\w*|zog(?:en)?(?= (?:[\w-]+ ){0,8}?ab\b)|abgezogen|in richtung|richtung")  # fmt: skip
# A separable verb of moving in, its particle at the clause's end: "rückten am Montag in X ein".
_MOVED_IN = r"(?:rückt|marschiert)(?:e|en)?(?= (?:[\w-]+ ){0,6}?ein\b)"
ACTION_RULES: Final[tuple[tuple[str, str, str | None], ...]] = (
    # German compounds: "Militärkonvoi", "Fahrzeugkolonne" are convoys too.
    ("convoy_departed", r"(?:militär|fahrzeug|panzer|nachschub|truppen|armee)?(?:konvois?|kolonnen?)", "?" + _MOVED),
    ("convoy_departed", r"lastwagen|lkw|fahrzeuge|militärfahrzeuge|panzerfahrzeuge|panzer|radpanzer", _MOVED),
    ("ships_departed", r"schiffe?|kriegsschiffe?|landungsschiffe?|frachtschiffe?|fregatten?|frachter",
     r"ausgelaufen|lief(?:en)?(?= (?:[\w-]+ ){0,6}?aus\b)|verl(?:ässt|ießen|ieß|assen)|abgelegt|in see gestochen"),
    ("flights_departed", r"flüge|flug|flugzeuge?|transportflugzeuge?|frachtflugzeuge?|militärflugzeuge?|"
     r"maschinen|hubschrauber|helikopter|luftbrücke|AIRCRAFT_NAMES",
     r"gestartet|startet\w*|abgehoben|verl(?:ässt|ießen|ieß|assen)|ausgeflogen|flog(?:en)?(?= (?:[\w-]+ ){0,6}?aus\b)|"
     r"nach|richtung"),
    ("equipment_loaded", r"verladen|verlud\w*|eingeladen|beladen|abgebaut|zerlegt|demontiert|verpackt", None),
    # Take-overs are inbound presence; by another actor they are its own move.
    ("reinforcement", r"übernahm(?:en)?(?= (?:[\w-]+ ){0,3}?kontrolle)|kontrolle übernommen|eingenommen|besetzt\w*|"
     r"eingerückt|einmarschiert|" + _MOVED_IN, None),
    ("reinforcement", r"verstärkung\w*|verstärkt\w*|aufgestockt|zusätzliche (?:truppen|soldaten|kräfte)|"
     r"eingetroffen|traf(?:en)?(?= (?:[\w-]+ ){0,6}?ein\b)|angekommen", None),
    ("negotiation", r"verhandlungen|verhandelt\w*|verhandeln|gespräche|gesprächen|abkommen über|"
     r"status der stützpunkte|vereinbarung über", None),
    ("presence_maintained", r"bleib(?:en|t)|verbleib(?:en|t)|geblieben|verblieben|stationiert|"
     r"h(?:ält|alten|ielt|ielten)(?= (?:[\w-]+ ){0,6}?fest\b)|"
     r"weiterhin (?:stationiert|präsent|vor ort|dort)|nach wie vor (?:stationiert|präsent|vor ort|dort)|"
     r"noch (?:immer )?(?:stationiert|präsent)|präsenz (?:aufrecht|beibehalten)", None),
    ("withdrawal_partial", r"teilweise\w*|teilabzug|ein teil (?:der|des)|reduziert|reduzieren|reduzierung|"
     r"verkleinert|hälfte", None),
    ("withdrawal_complete", r"(?:abzug|rückzug)(?=(?: [\w-]+){0,8} (?:ist |sei |wurde |war )?"
     r"(?:abgeschlossen|beendet|vollendet|vollzogen))|vollständig (?:abgezogen|geräumt|verlassen|zurückgezogen)|"
     r"komplett (?:abgezogen|geräumt|verlassen|zurückgezogen)|die letzten (?:[\w-]+ ){0,3}?verl(?:ießen|assen)|"
     r"(?<!zu )übergeben|übergab\w*|übergabe|übertragen|ausgehändigt|"
     + RESULTANT, None),
    ("evacuated", _LEAVE, None),
    ("withdrawal_started", _WITHDRAW, None),
    # Talk of signs of a withdrawal ("keine Anzeichen für einen Abzug") is no move: "other", never the actor's.
    ("other", r"anzeichen (?:für |eines |einen )?(?:\w+ )?(?:abzug|rückzug)\w*|angriff\w*|angegriffen|"
     r"luftangriff\w*|bombardier\w*|beschoss\w*|rückt(?:e|en)?(?= (?:[\w-]+ ){0,6}?vor\b)|"
     r"vorgerückt|patrouill\w*|forderte\w*|fordert\w*|gefordert|droht\w*", None),
)  # fmt: skip
RESULTANT_RE = re.compile(rf"(?:{RESULTANT})")
TAKEOVER_RE = re.compile(r"(?:übernahm(?:en)?|kontrolle übernommen|eingenommen|"
                         r"besetzt\w*|eingerückt|einmarschiert|(?:rückt|marschiert)(?:e|en)?)")  # fmt: skip
WEAK_PRESENCE_RE = re.compile(r"(?!)")  # German captions name the verb ("bleiben")
STARTED_CUE = ci(r"\b(?:begonnen|begann\w*|beginn\w*|eingeleitet|gestartet|erste[nrs]?|angelaufen)\b")
PARTIAL_CUE = ci(r"\b(?:ein teil|einige[nrs]?|mehrere[nrs]?|manche[nrs]?|teilweise|die meisten|weniger als)\b")
COMPLETE_CUE = ci(r"\b(?:alle|sämtliche[nrs]?|vollständig|komplett|gänzlich|letzte[nrs]?|gesamte[nrs]?)\b")
# A withdrawal said as done: "hat sich ... zurückgezogen", "zogen sich zurück".
DONE_LEAVING_RE = ci(r"zurückgezogen|zog(?:en)? sich")
ONE_OF_MANY_RE = ci(r"\s+(?:\w+\s+){0,3}?(?:eines|einer|einem) (?:der|von|weiteren) ")
BACK_REFERENCE_RE = ci(r"\b(?:diese[nrs]?|solche[nrs]?) (?:flüge|flug|abzug|abzugs|konvoi|konvois|kolonne|"
                       r"verlegung|bewegungen?)\b")  # fmt: skip

# --------------------------------------------------------------------------------------- negation, modality

# Every match of NEGATION_RE holds one of these as written (claims._may_negate tests them first).
NEGATION_WORDS: Final = ("nicht", "kein", "nie", "niemals", "weder", "ohne", "dementiert", "bestreitet")
NEGATION_RE = ci(r"\b(?:nicht|kein|keine|keinen|keiner|keines|nie|niemals|weder|ohne|dementiert\w*|bestreitet)\b")
# After a negator, what makes it deny knowing rather than the event: "nicht bestätigt", "nicht bekannt".
NOT_EVENT_RE = ci(r"\b(?:bestätig\w*|überprüf\w*|bekannt|klar|kommentier\w*|unabhängig|mitgeteilt|gesagt)\b")
PLANNED_RE = ci(r"\b(?:plan\w*|geplant\w*|will|wollen|soll|sollen|sollte|sollten|wird|werden|werde|würde|würden|"
                r"beabsichtig\w*|vorgesehen|vorhaben|absicht|angekündigt|kündigt\w* an|bis ende|bis zum ende|"
                r"innerhalb|binnen|kommende[nr]? woche|nächste[nr]? woche|zeitplan|frist|bereit\w*|"
                r"beschlossen|angeordnet|ordnete\w*|versprochen|forder\w*|aufgefordert)\b")  # fmt: skip
PLANNED_TRIGGER_RE = re.compile(r"(?!)")  # German marks a plan on an auxiliary, not on the verb
MODAL_AFTER_RE = re.compile(r"\s+(?:\w+\s+)?(?:soll|sollen|sollte|werde|wird|werden|ist geplant|sind geplant|"
                            r"ist vorgesehen|steht bevor)\b")  # fmt: skip
INFINITIVE_RE = re.compile(r"(?!)")

# ---------------------------------------------------------------------------------------------------- hedges

HEDGE_RE = ci(r"\b(?:laut|zufolge|nach angaben|angeblich|offenbar|offensichtlich|mutmaßlich|vermutlich|"
              r"wahrscheinlich|womöglich|möglicherweise|unbestätigt\w*|nicht bestätigt|nicht unabhängig|"
              r"berichten zufolge|gerüchte\w*|scheinbar|anscheinend|sicherheitskreise\w*|militärkreise\w*|"
              r"quelle\w*|anonym\w*|ungenannt\w*|nicht genannt werden|erwartet)\b")  # fmt: skip
# The hedges that only say who speaks.
ATTRIBUTIVE = frozenset({"laut", "zufolge", "nach angaben"})
NEITHER_RE = ci(r"\bweder\b.{0,120}\bnoch\b.{0,120}\bbestätig")
DENIAL_RE = ci(r"\b(?:dementier\w*|dementi|bestreit\w*|bestritt\w*|zurückgewiesen|wies\w* (?:[\w-]+ ){0,3}?zurück|"
               r"falschmeldung\w*|falsche (?:berichte|informationen|meldungen)|fake news|"
               r"entbehr\w* jeder grundlage)\b")  # fmt: skip
OBSERVED_RE = ci(r"\b(?:satellitenbilder\w*|satellitenaufnahmen|(?:reporter|korrespondent)\w* (?:vor ort|sah|sahen|"
                 r"beobachtete\w*)|vor ort beobachtet\w*|flugdaten|flugverfolgung\w*|flugtracker\w*|ads-b|"
                 r"flightradar24)\b")  # fmt: skip

# ----------------------------------------------------------------------------------------------- attribution

SOURCE_CUES: Final[tuple[tuple[str, str], ...]] = (
    ("satellite", r"satellitenbilder\w*|satellitenaufnahmen|satellitenfotos|maxar|planet labs"),
    ("flight_tracking", r"flugdaten|flugverfolgung\w*|flugtracker\w*|flugtracking|ADS-B|flightradar24"),
    ("anonymous", r"quelle|quellen|sicherheitskreise\w*|militärkreise\w*|diplomatenkreise\w*|militärquelle|"
                  r"anonym\w*|ungenannt\w*"),
    ("official", r"\w*ministerium\w*|\w*minister|ministerin|\w*sprecher\w*|generalstab\w*|regierung|"
                 r"behörden|kreml|präsident\w*|botschaft|kommando|oberkommando|\w*außenminister|"
                 r"mitteilung|erklärung|vertreter"),
    ("observer", r"beobachtungsstelle|beobachter\w*|anwohner\w*|bewohner\w*|augenzeugen|zeugen|aktivisten|"
                 r"einwohner\w*|monitore?|ngo"),
    ("media", r"agentur\w*|zeitung\w*|medien|sender|fernsehen|korrespondent\w*|journalist\w*|reporter\w*|dpa|"
              r"nachrichtenagentur\w*"),
)  # fmt: skip
SPEECH_WORDS = (r"laut|zufolge|nach angaben|quellen?|sagte\w*|sagten|erklärte\w*|teilte\w*|mitgeteilt|"
                r"berichtete\w*|berichten|berichtet|bestätigte\w*|betonte\w*|dementierte\w*|meldete\w*|"
                r"zeigen|zeigt|hieß es|kündigte\w*|forderte\w*|so")  # fmt: skip
SPEECH_GATE = ci(rf"\b(?:{SPEECH_WORDS})\b")
SPEAKER_VERBS = r"sagte|erklärte|teilte|kündigte|bestätigte|dementierte|hat erklärt|hat mitgeteilt"
_SPEAKER_NOUNS = (r"\w*[Ss]precher\w*|\w*[Mm]inisteriums?|Regierung|Armee|Generalstab|Behörden|Anwohner|Bewohner\w*|"
                  r"Augenzeugen|Quellen?|Vertreter|Beamte|Beobachter|Beobachtungsstelle|Analysten|Journalisten|"
                  r"Korrespondenten?|Aktivisten|Medien|Kreml")  # fmt: skip
_SPEECH_VERBS = (r"(?:sagte|sagten|erklärte|erklärten|teilte|teilten|berichtete|berichteten|bestätigte|"
                 r"bestätigten|betonte|kündigte|dementierte|meldete|meldeten|forderte|forderten)")  # fmt: skip
# "laut X", "nach Angaben X", "X zufolge"; "..., sagte der Sprecher", "teilte das Ministerium mit"; a speaker noun
# before its verb ("Das Ministerium erklärte"); unnamed sources.
ATTRIBUTION_RE = re.compile(
    r"\b(?:[Ll]aut|[Nn]ach Angaben) (?P<acc>(?:(?:der|die|das|den|dem|des|einer|eines|einem|von|vom)\s+|"
    r"[\w-]+\s+(?=[A-ZÄÖÜ]))*[A-ZÄÖÜ0-9][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*)*)"
    rf"|\b{_SPEECH_VERBS}\s+(?P<who>(?:[^\s,.;]+\s+){{0,6}}?[^\s,.;]+)(?=\s+mit\b|\s+an\b|\s*[,.;]|\s*$)"
    rf"|(?P<src>(?:[\w-]+ ){{0,3}}(?:{_SPEAKER_NOUNS})(?= {_SPEECH_VERBS}\b))"
)


def attribution_start(body: str, pos: int, verb_at: int | None = None) -> int | None:
    """Where the attribution search starts: anywhere from ``pos`` (the speaker often follows its verb)."""
    return pos


# Words that open a speaker's phrase but name nobody.
NOT_SPEAKERS = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "Der", "Die",
                          "Das", "Ein", "Eine", "mit", "dass", "es", "er", "sie", "man", "Er", "Sie", "Es",
                          "Laut"})  # fmt: skip

# ----------------------------------------------------------------------------------------------- other actors

_ACTOR_NOUN_LIST: Final = ("Truppen", "Streitkräfte", "Streitkräften", "Armee", "Militär", "Militärs",
                           "Militärpolizei", "Soldaten", "Einheiten", "Kräfte", "Kräften", "Regierung",
                           "Behörden", "Verteidigungsministerium", "Verteidigungsministeriums",
                           "Außenministerium", "Außenministeriums", "Ministerium", "Ministeriums", "Generalstab",
                           "Generalstabs", "Kontingent", "Söldner", "Kämpfer", "Konvoi", "Konvois", "Kolonne",
                           "Flugzeuge", "Schiffe", "Marine", "Luftwaffe", "Stützpunkte", "Präsident",
                           "Präsidenten", "Sprecher", "Führung", "Panzerfahrzeuge", "Militärfahrzeuge",
                           "Diplomat", "Diplomaten", "Vizeaußenminister", "Einheit")  # fmt: skip
# Nouns an actor is named by, matched as written (German nouns are capitalised).
ACTOR_NOUNS = "|".join(re.escape(n) for n in sorted(_ACTOR_NOUN_LIST, key=len, reverse=True))
ACTOR_NOUN_WORDS = _ACTOR_NOUN_LIST
_DEMONYM_STEMS: Final = {"russisch": "Russia", "türkisch": "Turkey", "amerikanisch": "United States",
                         "us-amerikanisch": "United States", "französisch": "France", "syrisch": "Syria",
                         "iranisch": "Iran", "israelisch": "Israel", "irakisch": "Iraq", "libanesisch": "Lebanon",
                         "ukrainisch": "Ukraine", "britisch": "United Kingdom", "deutsch": "Germany",
                         "chinesisch": "China", "jordanisch": "Jordan", "libysch": "Libya",
                         "kurdisch": "Kurdish forces"}  # fmt: skip
# Demonyms before the noun, every ending, as written mid-sentence and at a sentence start.
DEMONYMS_BEFORE: dict[str, str] = {
    form: country
    for stem, country in _DEMONYM_STEMS.items()
    for form in _capitalised(stem + ending for ending in _ADJECTIVE_ENDINGS)
}
DEMONYMS_AFTER: dict[str, str] = {}  # German puts them before the noun
# German names beyond ISO 3166's German ones (countries.names("de")), capitals and seats of power, with their
# genitive ("Russlands", "Moskaus", "des Kremls").
_NAMES: Final = {"Russland": "Russia", "Moskau": "Russia", "Kreml": "Russia", "Türkei": "Turkey",
                 "Ankara": "Turkey", "Syrien": "Syria", "Damaskus": "Syria", "USA": "United States",
                 "Washington": "United States", "Iran": "Iran", "Teheran": "Iran", "Israel": "Israel",
                 "Irak": "Iraq", "Libanon": "Lebanon", "Libyen": "Libya", "Ukraine": "Ukraine", "Kiew": "Ukraine",
                 "China": "China", "Peking": "China", "Frankreich": "France", "Paris": "France",
                 "Jordanien": "Jordan", "Kremlsprecher": "Russia", "Kremlchef": "Russia",
                 "UN": "United Nations", "UNO": "United Nations",
                 "Vereinte Nationen": "United Nations", "NATO": "NATO", "Nato": "NATO"}  # fmt: skip
COUNTRY_NAMES: dict[str, str] = {
    form: country for name, country in _NAMES.items() for form in (name, *declensions(name, NAME_ENDINGS))
}
# What follows a country that acts or speaks ("Russland hat", "Moskau plant", "Moskau und Damaskus haben").
ACTOR_VERBS = (r"hat|haben|hatte|hatten|ist|sind|war|plant|will|wird|werde|soll|hält|halten|zieht|zog|zogen|"
               r"verlegt|verlegte|erklärte|sagte|teilte|kündigte|dementierte|bestätigte|forderte|behält|"
               r"verhandelt|und")  # fmt: skip
REBELS = (r"rebellen|aufständische\w*|dschihadisten|islamisten|milizen|bewaffnete gruppen|kämpfer|hts|"
          r"haiat tahrir asch-scham|hayat tahrir al-sham")  # fmt: skip
LOCAL_OFFICE = r"gouvernement|provinzverwaltung|stadtverwaltung|stadtrat|gemeinderat"
LOCAL_OFFICE_WORDS: Final = ("gouvernement", "verwaltung", "stadtrat", "gemeinderat")

# ----------------------------------------------------------------------------------- placing phrases, clauses

SAME_TIME_RE = re.compile(r"^\s*(?:gleichzeitig|zugleich|am selben tag|parallel dazu|außerdem|zudem|auch)\b", re.I)
CLAUSE_RE = re.compile(r"[;:]|,\s*(?:während|aber|doch|jedoch|wohingegen|und)\b|\b(?:während|aber|jedoch)\b")
CLAUSE_MARKS = (",", ";", ":", "aber", "während", "jedoch")
# What stands before a place that only locates the one named before it ("Stützpunkt in Tartus", "bei Kobane").
LOCATIVE_RE = re.compile(r"(?:gelegen\w*|stationiert\w*)?\s*(?:in|im|bei|nahe|nahe von|nahe bei|von|vom|des|der)\s+"
                         r"(?:der\s+|dem\s+|den\s+|provinz\s+|region\s+)?$", re.I)  # fmt: skip
IN_LIST_RE = re.compile(r",\s*(?:und\s+)?(?:(?:in|im|aus|von|vom|bei)\s+)?$|\bund\s+(?:(?:in|im|aus|von|vom|bei)\s+)?$")
DESTINATION_RE = re.compile(r"\b(?:nach|in richtung|richtung|zum|zur|bis)\s+(?:der\s+|dem\s+|den\s+)?$", re.I)
POSTS_RE = re.compile(r"\b(?:posten|stellungen|stellung|beobachtungsposten|außenposten|kontrollpunkte?)\b")
RELATIVE_RE = re.compile(r"(?:\b\d+(?:[.,]\d+)?\s*(?:km|kilometer)\s+(?:\w+\s+){0,2}|\b(?:nördlich|südlich|östlich|"
                         r"westlich|nordöstlich|nordwestlich|südöstlich|südwestlich)\s+)(?:von\s+)?$")  # fmt: skip
REGION_WORD_RE = re.compile(r"\s+(?:provinz|region|gouvernement|bezirk)\b")
# Where a force that left went: "nach Hmeimim verlegt", "zurück nach Russland".
WENT_TO_RE = re.compile(r"\b(?:verlegt\w*|zurückgekehrt|heimgekehrt|zurück|gebracht|unterwegs|fuhren|fuhr)\s+"
                        r"(?:\w+\s+)?(?:nach|in|zum|zur)\s+(?:(?!(?:aus|von|vom)\s)[\w-]+\s+){0,2}?$|"
                        r"\b(?:nach|zum|zur|in richtung)\s+(?:der\s+|dem\s+|den\s+)?$")  # fmt: skip
COREFERENCE_RE = re.compile(r"\b(?:die|der|den|dem|diese[nrm]?|seine[nrm]?|ihre[nrm]?) (?:stadt|stützpunkt\w*|"
                            r"basis|flughafen\w*|hafen\w*|luftwaffenstützpunkt\w*|stellung\w*|garnison|gebiet\w*)\b|"
                            r"\bdort\b")  # fmt: skip
# The agent right after the action word: "Abzug der russischen Truppen", "von den Rebellen eingenommen".
AGENT_AFTER_RE = re.compile(r"\s+|\s+(?:der|des)\s+(?:\w+\s+)?|(?:\s+\w+){0,2}\s+von\s+(?:den\s+|der\s+|dem\s+)?")
LEFT_BEHIND_RE = re.compile(r"\s+(?:(?:der|des|von den|von der)\s+)?")
JOINT_RE = re.compile(r"[\s/&,-]*(?:(?:und|sowie|mit)\s+)?(?:die\s+|der\s+|den\s+)?(?:[a-zäöüß]+[/-])*")
ORIGIN_BEFORE_RE = re.compile(r"\b(?:aus|von|vom|ab)\s+(?:der\s+|dem\s+|den\s+)?(?:[\w-]+\s+){0,2}?$")
ROAD_BEFORE_RE = re.compile(r"\b(?:straße|route|autobahn|fernstraße) (?:nach|zwischen|von)\s+$")
DESTINATION_BEFORE_RE = re.compile(r"\b(?:nach|richtung|in richtung|zum|zur|bis nach)\s+(?:der\s+|dem\s+|den\s+)?$")
PLACE_BEFORE_RE = re.compile(r"\b(?:in|im|bei|nahe|um|zwischen|rund um|und)\s+(?:der\s+|dem\s+|den\s+)?$")
ONGOING_RE = re.compile(r"(?!)")  # German captions use the same verb forms as prose
AUXILIARY_RE = re.compile(r"(?!)")
# A handed-to party before the verb-final handover ("... an die neuen syrischen Behörden übergeben"): the one
# acted on, not the one acting.
OBJECT_BEFORE_RE = re.compile(r"\ban\s+(?:die|den|das)\s+(?:[\w-]+\s+){0,2}$")
SAME_SUBJECT_RE = re.compile(r"(?:\s+[\w-]+){0,3}\s+$")

# ----------------------------------------------------------------------------------------------------- dates

_MONTHS: Final = {"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
                  "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12}  # fmt: skip
_WEEKDAYS: Final = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
_DAY_MONTH_RE = re.compile(rf"\b(\d{{1,2}})\.\s*({'|'.join(_MONTHS)})(?:\s+(\d{{4}}))?\b")
_END_OF_RE = re.compile(r"\bbis (?:zum )?ende (?:des |dieses )(monats|jahres)\b")
_NUMERIC_RE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
# A weekday, maybe with its part of the day ("Sonntagmorgen", "am Mittwochabend"); the weekday is the group.
_RELATIVE_DAY_RE = re.compile(rf"\b(vorgestern|gestern|{'|'.join(_WEEKDAYS)})(?:morgen|abend|nachmittag|vormittag|"
                              r"mittag|nacht)?\b")  # fmt: skip
_DEADLINE_BEFORE_RE = re.compile(r"(?:bis|bis zum|bis spätestens|spätestens am|vor dem)\s+$")


# German dates: "am 14. Dezember 2024", "3. Januar", "18.12.2024", "gestern", "am Sonntagmorgen" (the last such day
# up to the publication day). A date after "bis" or "spätestens am" is a deadline, and so is "bis Ende des Monats".
find_dates = WordDates(
    months=_MONTHS,
    weekdays=_WEEKDAYS,
    day_month=_DAY_MONTH_RE,
    end_of=_END_OF_RE,
    month_word="monats",
    numeric=_NUMERIC_RE,
    relative_day=_RELATIVE_DAY_RE,
    days_back={"gestern": 1, "vorgestern": 2},
    deadline_before=_DEADLINE_BEFORE_RE,
)


# -------------------------------------------------------------------------------------------------- numbers

# "Dutzende" and "Hunderte" as the English reader takes "dozens" and "hundreds" (24, 200).
_NUMBER_WORDS: Final = {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
                        "zehn": 10, "elf": 11, "zwölf": 12, "fünfzehn": 15, "zwanzig": 20, "dreißig": 30,
                        "vierzig": 40, "fünfzig": 50, "sechzig": 60, "hundert": 100, "tausend": 1000,
                        "ein dutzend": 12, "zwei dutzend": 24, "drei dutzend": 36, "dutzende": 24,
                        "hunderte": 200, "tausende": 2000}  # fmt: skip
_UNIT_NOUNS: Final = {
    "troops": r"soldaten|soldatinnen|militärs|mann|kräften?|truppen|militärpolizisten|ausbildern?|beratern?|"
    r"angehörigen?",
    "vehicles": r"lastwagen|lkw|(?:militär|panzer)?fahrzeugen?|panzern?|radpanzern?|transportern?",
    "flights": r"flügen?|(?:transport|fracht|militär)?flugzeugen?|maschinen|hubschraubern?|helikoptern?",
    "ships": r"(?:kriegs|landungs|fracht)?schiffen?|fregatten|frachtern?",
    "posts": r"posten|stützpunkten?|stellungen|beobachtungsposten",
    "tonnes": r"tonnen",
}


def quantities(aircraft_names: Iterable[str] = ()) -> CountReader:
    """Counts in German sentences: "rund 200 Soldaten", "zwei Dutzend Lastwagen", "drei Transportflugzeuge vom Typ
    Il-76", "um 30 Prozent"."""
    return CountReader(
        _UNIT_NOUNS,
        _NUMBER_WORDS,
        aircraft_names,
        approx=r"rund|etwa|ungefähr|circa|ca\.|fast|knapp|mehr als|über|mindestens|bis zu",
        percent=r"%|prozent",
        between=r"(?:[\w-]+\s+){0,2}?",
        thousands=r"[ .\u202f\u00a0]",
        decimal=",",
    )
