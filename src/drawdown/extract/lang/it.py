"""Italian: the words the rules read in Italian reports (the same names as ``en.py``; see there for each one).

Patterns are matched against lower-cased text (``lexicon.ci``). Like French, Italian marks a plan on the verb itself
("le truppe lasceranno", "si ritireranno"), so ``PLANNED_TRIGGER_RE`` reads the action word's own future tense; the
conditional of reported speech ("avrebbero lasciato", "sarebbero in corso") is a hedge. Articles and prepositions
fuse and elide ("dall'aeroporto", "nell'area di"): the placing phrases take both forms. A site's name after an
elided article ("l'Hmeimim") needs no ``NAME_PREFIXES``: the apostrophe already ends a word for the gazetteer.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date
from typing import Final

from drawdown.extract.dates import DateMention, WordDates
from drawdown.extract.lexicon import ci
from drawdown.extract.quantities import CountReader

# An article ("la ", "gli ", "l'"), and a preposition fused with one ("dalla ", "nell'"): the placing phrases end
# with them.
_ART = r"(?:(?:il|lo|la|i|gli|le)\s+|l['’])"
_PREP_ART = (r"(?:(?:al|allo|alla|ai|agli|alle|nel|nello|nella|nei|negli|nelle|del|dello|della|dei|degli|delle|"
             r"dal|dallo|dalla|dai|dagli|dalle|sul|sullo|sulla|sui|sugli|sulle)\s+|"
             r"(?:all|nell|dell|dall|sull)['’])")  # fmt: skip
_IN_ART = r"(?:(?:al|allo|alla|ai|agli|alle|nel|nello|nella|nei|negli|nelle|sul|sullo|sulla)\s+|(?:all|nell|sull)['’])"
_FROM_ART = r"(?:(?:dal|dallo|dalla|dai|dagli|dalle)\s+|dall['’])"

# ------------------------------------------------------------------------------------------------- actions

_LEAVE = (r"lasci(?:ato|ata|ati|ate|are|ano|a|ando)|lascer(?:à|anno)|"
          r"abbandon(?:ato|ata|ati|ate|are|ano|a|ando|eranno|erà)|evacu(?:ato|ata|ati|ate|are|ano|a|ando|azione|"
          r"eranno|erà)|sgomber(?:ato|ata|ati|ate|are|ano|a|o|ando|eranno|erà)|"
          r"se ne (?:sono|è) andat\w*|andat[ioae] via")  # fmt: skip
_WITHDRAW = (r"ritiro|ritiri|si (?:sono |è )?ritirat\w*|s['’]è ritirat\w*|ritir(?:ato|ata|ati|ate|are|arsi|ano|a|ando|"
             r"andosi|erà|eranno)|ritirarsi|si ritir(?:a|ano|erà|eranno)|"
             r"disimpegn\w*|ripieg(?:ato|ata|ati|ate|are|ano|a|amento)|ridispieg\w*|rimpatri\w*|"
             r"partenz[ae]|part(?:ito|ita|iti|ite|ire|ono|irà|iranno)|"
             r"rientrat[ioae] in (?:patria|russia)")  # fmt: skip
# The place is free of the force again: liberated, retaken, back under control, after the force's departure.
RESULTANT = (r"dopo (?:la sua |la )?liberazione|liberat[oaie]|ripres[oaie] da|riconquistat\w*|"
             r"di nuovo sotto (?:il )?controllo|dopo la partenza (?:dei|del|delle|della|degli)|"
             r"dopo il ritiro (?:dei|del|delle|della|degli)")  # fmt: skip
_MOVED = r"lasci|part|usci|dirett|in direzione|in marcia|in movimento|abbandon|verso"
ACTION_RULES: Final[tuple[tuple[str, str, str | None], ...]] = (
    ("convoy_departed", r"convogli(?:o)?|colonn[ae] di (?:\w+ ){0,2}(?:veicoli|camion|mezzi|blindati|carri)",
     "?" + _MOVED),
    ("convoy_departed", r"(?:camion|veicoli|mezzi blindati|blindati|carri armati|autoblindo)", _MOVED),
    ("ships_departed", r"navi|nave|fregat[ae]|mercantil[ei]|portacontainer|unità navali",
     r"salpat|salpa|lasci|part|uscit|dirett|levat\w* l['’]ancora|fatto rotta|rotta verso"),
    ("flights_departed", r"(?<!dati di )(?<!tracciamento dei )voli?|aere[oi]|velivol[oi]|elicotter[oi]|"
     r"rotazioni aeree|ponte aereo|AIRCRAFT_NAMES", r"decoll|lasci|part|verso|dirett|evacu|rimpatri"),
    ("equipment_loaded", r"caric(?:ato|ata|ati|ate|amento|amenti|ano|ando|are)|smont(?:ato|ata|ati|ate|ano|ando|are|"
     r"aggio)|smantell\w+|imball\w+", None),
    # Take-overs and new posts are inbound presence; by another actor they are its own move.
    ("reinforcement", r"pres[oa] il controllo|presa del controllo|prend(?:e|ono) il controllo|impadronit\w+|"
     r"insediat\w+|(?:ha|hanno) stabilito|entrat[ioae] (?:a|in|nel|nella|nell['’])", None),
    ("reinforcement", r"rinforz\w*|dispieg\w* (?:nuov\w+|ulterior\w+|altr\w+)|arrivat[ioae]|arriv(?:a|ano)|"
     r"giunt[ioae] (?:a|in)|dirett[ioae] verso", None),
    ("negotiation", r"negoziat\w+|negoziati|trattativ\w+|colloqui|discussion\w*|accordo sul|status delle basi|"
     r"statuto delle basi", None),
    ("presence_maintained", r"rest(?:a|ano|erà|eranno|at[oaie])(?! \d)|riman(?:e|gono)|rimarr(?:à|anno)|"
     r"rimast[oaie]|mant\w+ (?:(?:la|sua|loro|una|propria) ){0,2}presenza|ancora (?:presenti|schierat\w+|"
     r"di stanza|lì)|tuttora (?:presenti|schierat\w+|di stanza)|nessun segno di (?:ritiro|partenza)|"
     r"(?:forze|truppe|soldati|militari) (?:[\w-]+ )?(?:a|in|nel|nella|sul|sulla)", None),
    ("withdrawal_partial", r"parzial(?:e|i|mente)|una parte (?:di|delle|dei|del|della|degli)|in parte|metà|"
     r"ridott[oaie]|riduzion[ei]|ridurre|riduc(?:e|ono)|ridurrà|ridurranno", None),
    ("withdrawal_complete", r"(?:complet\w+|conclus[oa]|concluso|termin\w+|ultimat\w+|portat\w+ a termine) "
     r"(?:il |il proprio |il loro |del |la )?(?:ritiro|disimpegno|partenza)|"
     # The noun alone when the words up to "è stato completato" hold the site ("il ritiro dalla base T4 è stato
     # completato"): a span over the site's name would hide it.
     r"(?:ritiro|disimpegno|partenza)(?=(?: [\w'’-]+){0,8} (?:è|è stato|è stata|sono stati) (?:completat|conclus|"
     r"terminat|ultimat))|(?:ritiro|disimpegno|partenza) (?:è |è stato |è stata )?(?:completat[oa]|conclus[oa]|"
     r"terminat[oa]|ultimat[oa]|complet[oa])|"
     r"(?:ritiro|disimpegno)(?=(?: [\w'’-]+){0,8} (?:dovrebbe|deve|dovrà|potrebbe) "
     r"(?:concludersi|completarsi|terminare))|(?:completamente|totalmente|interamente|definitivamente) "
     r"(?:ritirat\w+|lasciat\w+|evacuat\w+|abbandonat\w+)|(?:ritirat\w+|lasciat\w+|evacuat\w+|abbandonat\w+) "
     r"(?:completamente|totalmente|interamente|definitivamente)|gli ultimi (?:\w+ ){0,3}(?:hanno lasciato|sono "
     r"partiti|sono stati ritirati|se ne sono andati)|consegnat\w* (?:alle|alla|al|ai|agli|all['’])|"
     r"restituit\w* (?:alle|alla|al|ai|agli|all['’])|trasferit\w* (?:alle|alla|ai|agli|all['’])|"
     r"passaggio di consegne|" + RESULTANT, None),
    ("evacuated", _LEAVE, None),
    ("withdrawal_started", _WITHDRAW, None),
    ("other", r"attacc\w+|bombard\w+|raid|pattugli\w+|avanzat[oaie]|avanz(?:a|ano)|occup\w+|dispieg\w*|"
     r"minacc\w+|chiest[oaie]|chied(?:e|ono)|richiest[oaie]|esig\w+|pretend\w+", None),
)  # fmt: skip
RESULTANT_RE = re.compile(rf"(?:{RESULTANT})")
TAKEOVER_RE = re.compile(r"(?:pres[oa] il controllo|presa del controllo|prend(?:e|ono) il controllo|impadronit\w+|"
                         r"insediat\w+|(?:ha|hanno) stabilito|entrat\w+ (?:a|in|nel|nella|nell['’]))")  # fmt: skip
WEAK_PRESENCE_RE = re.compile(r"(?:forze|truppe|soldati|militari) (?:[\w-]+ )?(?:a|in|nel|nella|sul|sulla)")
STARTED_CUE = ci(r"\b(?:inizi\w*|avviat\w*|avvi(?:a|ano)|cominci\w*|in corso|intrapres\w*|prim[oie])\b")
# "alcuni" and "alcune" are left out: "secondo alcuni residenti", "hanno detto alcuni testimoni" name speakers.
PARTIAL_CUE = ci(r"\b(?:una parte|diversi|diverse|vari|varie|parecchi\w*|parzial\w*|la maggior parte|meno di|"
                 r"in parte)\b")  # fmt: skip
COMPLETE_CUE = ci(r"\b(?:tutti|tutte|l['’]intero|l['’]intera|interamente|totalmente|completamente|ultim[iea]|"
                  r"totalità|integralmente)\b")  # fmt: skip
# A withdrawal said as done (see lexicon.py): "si sono ritirati da X", "si è ritirata", and the narrative present
# of leaving ("lasciano X"), as in French; "hanno lasciato X" stays the own corpora's "left" (evacuated).
DONE_LEAVING_RE = ci(r"(?:si sono|si è|s['’]è) (?:ritirat|ripiegat)\w*|lasciano")
ONE_OF_MANY_RE = ci(r"\s+(?:\w+\s+){0,3}?(?:da|di) (?:una|un|uno|una delle|uno dei|un['’]altra|un altro) ")
BACK_REFERENCE_RE = ci(r"\b(?:questi|questo|questa|queste|tali) (?:voli?|ritiri?|partenze?|convogli?o?|rotazioni|"
                       r"movimenti?)\b")  # fmt: skip

# --------------------------------------------------------------------------------------- negation, modality

NEGATION_WORDS: Final = ("non", "mai", "nessun", "nessuna", "nessuno", "nulla", "niente", "senza", "né", "smentito che",
                         "smentisce che", "negato che", "nega che")  # fmt: skip
NEGATION_RE = ci(rf"\b(?:{'|'.join(NEGATION_WORDS)})\b")
NOT_EVENT_RE = ci(r"\b(?:confermat\w*|conferm\w*|verific\w*|comment\w*|chiar[oa]|not[oa]|precisat\w*|"
                  r"indipendent\w*|ancora stat[oa])\b")  # fmt: skip
PLANNED_RE = ci(r"\b(?:preved\w*|previst\w*|progett\w*|pianific\w*|intend\w*|intenzione|dovr\w+|deve|devono|"
                r"sta per|stanno per|entro|calendario|scadenza|programmat\w*|in programma|decis\w* di|potr\w+|"
                r"si prepar\w* a|ordinat\w*|promess\w*|promett\w*|cont(?:a|ano) di)\b")  # fmt: skip
# The action word in the future tense ("lasceranno", "si ritirerà", "partiranno", "rimarrà").
PLANNED_TRIGGER_RE = re.compile(r".*(?:erà|eranno|irà|iranno|arrà|arranno)\b")
MODAL_AFTER_RE = re.compile(r"\s+(?:\w+\s+)?(?:dovrebbe|dovrebbero|deve|devono|dovrà|dovranno|sarà|saranno|"
                            r"è previst\w*|sono previst\w*|potrebbe|potrebbero|avverrà|avrà luogo)\b")  # fmt: skip
INFINITIVE_RE = re.compile(r"(?!)")

# ---------------------------------------------------------------------------------------------------- hedges

# "secondo" is also the ordinal ("un secondo convoglio"): not before the nouns that ordinal takes.
_SECONDO = r"secondo(?! (?:convoglio|volo|aereo|giorno|gruppo|contingente|carico|trasporto|tentativo|battaglione|" \
           r"elicottero|mese|anno|posto|livello|luogo|me|round|ciclo|turno)\b)"  # fmt: skip
HEDGE_RE = ci(rf"\b(?:{_SECONDO}|stando a|avrebb(?:e|ero)|sarebb(?:e|ero)|presunt\w*|presumibilmente|"
              r"non confermat\w*|non è stat[oa] confermat\w*|sembr\w+|apparentemente|a quanto pare|a quanto risulta|"
              r"probabilmente|verosimilmente|voci|indiscrezion\w*|fonti? (?:vicin\w+|della sicurezza|di sicurezza|"
              r"locali|militari|diplomatiche|anonim\w+)|in condizione di anonimato|sostien\w*|afferm\w*|si ritiene|"
              r"attes[oaie])\b")  # fmt: skip
ATTRIBUTIVE = frozenset({"secondo", "stando a"})
NEITHER_RE = ci(r"\bné\b.{0,120}\bné\b.{0,120}\bconferm")
DENIAL_RE = ci(r"\b(?:smentit\w*|smentisc\w*|smentita|nega|negano|negato|respint\w* (?:le|queste|tali) "
               r"(?:notizie|voci|informazioni|affermazioni)|infondat\w*|notizie? fals\w*|fake news)\b")  # fmt: skip
OBSERVED_RE = ci(r"\b(?:immagini satellitari|immagine satellitare|(?:giornalist|corrispondent|inviat)\w* "
                 r"(?:sul posto|dell['’]ansa|ha visto|hanno visto)|constatat\w* sul posto|tracciamento dei voli|"
                 r"dati di volo|dati di tracciamento|ads-b|flightradar24)\b")  # fmt: skip

# ----------------------------------------------------------------------------------------------- attribution

SOURCE_CUES: Final[tuple[tuple[str, str], ...]] = (
    ("satellite", r"immagini satellitari|immagine satellitare|immagini (?:commerciali|dal satellite)|maxar|"
                  r"planet labs"),
    ("flight_tracking", r"dati di volo|dati di tracciamento|tracciamento dei voli|siti di tracciamento|ADS-B|"
                        r"flightradar24|flight tracker"),
    ("anonymous", r"fonti? (?:vicin\w+|della sicurezza|di sicurezza|locali|militari|diplomatiche|anonim\w+|"
                  r"concordanti)|in condizione di anonimato|una fonte|delle fonti|secondo fonti"),
    ("official", r"ministero|ministri?|portavoce|stato maggiore|governo|comunicato|ufficial\w*|autorità|presidenza|"
                 r"presidente|ambasciata|esercito (?:russo|turco|siriano)|comando|cremlino"),
    ("observer", r"osservatorio|osservatori|residenti|abitanti|testimoni|attivisti|ONG|monitor\w*"),
    ("media", r"agenzia|giornale|quotidiano|media|emittente|televisione|corrispondent\w*|giornalist\w*|ANSA|RAI"),
)  # fmt: skip
SPEECH_GATE = ci(r"\b(?:secondo|stando a|dichiar\w*|indic\w*|annunc\w*|conferm\w*|afferm\w*|riferi\w*|"
                 r"riport\w*|precis\w*|detto|dice|dicono|spieg\w*|aggiunt\w*|smenti\w*|fonti?|mostr\w*|"
                 r"assicur\w*)\b")  # fmt: skip
SPEECH_WORDS = (r"secondo|stando a|fonti?|dichiar\w*|indic\w*|annunc\w*|conferm\w*|afferm\w*|riferi\w*|riport\w*|"
                r"precis\w*|detto|dice|dicono|spieg\w*|aggiunt\w*|smenti\w*|mostr\w*")  # fmt: skip
SPEAKER_VERBS = (r"ha dichiarato|hanno dichiarato|ha annunciato|hanno annunciato|ha confermato|ha indicato|"
                 r"ha smentito|smentisce|ha detto|hanno detto|ha riferito|hanno riferito")  # fmt: skip
_IT_SPEAKER_NOUNS = (r"portavoce|ministero|governo|esercito|stato maggiore|autorità|residenti|abitanti|testimoni|"
                     r"fonti?|responsabil[ei]|funzionari|ufficiali|osservatori|osservatorio|analisti|giornalisti|"
                     r"corrispondenti|attivisti|comando")  # fmt: skip
_IT_SPEECH_VERBS = (r"(?:ha|hanno) (?:dichiarato|indicato|annunciato|confermato|affermato|precisato|detto|assicurato|"
                    r"smentito|riferito|spiegato)")  # fmt: skip
ATTRIBUTION_RE = re.compile(
    r"\b(?:[Ss]econdo(?! (?:convoglio|volo|aereo|giorno|gruppo|contingente|me)\b)|[Ss]tando a) (?P<acc>[^,.;]{3,90})"
    r"|(?P<who>(?:[A-Z][\w'’.-]*+\s){1,6}|(?:il |lo |la |i |gli |le |l['’]|un |una |uno |dei |delle |degli )?"
    r"(?:\w++ ){0,3}(?:"
    + _IT_SPEAKER_NOUNS
    + r") )"
    + _IT_SPEECH_VERBS
    + r"\b|(?P<src>fonti? (?:vicin\w+|della sicurezza|di sicurezza|locali|militari|diplomatiche) [^,.;]{0,80})"
)


def attribution_start(body: str, pos: int, verb_at: int | None = None) -> int | None:
    """Where the attribution search starts: anywhere from ``pos`` (Italian sentences are read whole)."""
    return pos


NOT_SPEAKERS = frozenset({"Il", "Lo", "La", "I", "Gli", "Le", "L'", "L’", "Un", "Una", "Uno", "Lui", "Lei", "Loro",
                          "Questo", "Questa", "Questi", "Queste", "Secondo", "Diversi", "Alcuni",
                          "Alcune"})  # fmt: skip

# ----------------------------------------------------------------------------------------------- other actors

ACTOR_NOUNS = (r"forze|truppe|esercito|militari|soldati|unità|governo|autorità|ministero della [Dd]ifesa|ministero|"
               r"stato maggiore|contingente|caschi blu|mercenari|combattenti|convogli|convoglio|aerei|navi|basi?|"
               r"polizia militare|aviazione|marina|presidente|portavoce militare|portavoce")  # fmt: skip
# The nouns' first words: an Italian actor can start with one (the demonym comes after it).
ACTOR_NOUN_WORDS = ("forze", "truppe", "esercito", "militari", "soldati", "unità", "governo", "autorità", "ministero",
                    "stato", "contingente", "caschi", "mercenari", "combattenti", "convoglio", "convogli", "aerei",
                    "navi", "base", "basi", "polizia", "aviazione", "marina", "presidente", "portavoce")  # fmt: skip
# Demonyms after the noun ("le truppe russe", "l'esercito turco"), every gender and number -> country. A stem in -o
# gives -o/-a/-i/-e ("russo", "russa", "russi", "russe"; in -co, -chi/-che: "turchi", "turche"); one in -e gives
# -e/-i ("francese", "francesi").
_DEMONYM_STEMS = {"russo": "Russia", "turco": "Turkey", "americano": "United States", "statunitense": "United States",
                  "francese": "France", "siriano": "Syria", "iraniano": "Iran", "israeliano": "Israel",
                  "iracheno": "Iraq", "libanese": "Lebanon", "maliano": "Mali", "nigerino": "Niger",
                  "ciadiano": "Chad", "ucraino": "Ukraine", "britannico": "United Kingdom", "tedesco": "Germany",
                  "cinese": "China", "italiano": "Italy", "curdo": "Kurdish forces"}  # fmt: skip
# Plurals of -co stems that keep the "c" ("britannici", not "britannichi").
_SOFT_PLURAL = {"britannico": "britannici"}
DEMONYMS_BEFORE: dict[str, str] = {}  # Italian puts them after the noun
DEMONYMS_AFTER: dict[str, str] = {}
# "le forze armate turche", "le forze speciali francesi": the demonym comes after an adjective.
ACTOR_ADJECTIVES = r"armate|armati|militari|speciali|navali|aeree|terrestri"
for _stem, _country in _DEMONYM_STEMS.items():
    if _stem.endswith("e"):
        _forms: tuple[str, ...] = (_stem, _stem[:-1] + "i")
    elif _stem.endswith("co"):
        _base = _stem[:-1]
        _forms = (_stem, _base + "a", _SOFT_PLURAL.get(_stem, _base[:-1] + "chi"), _base[:-1] + "che")
    else:
        _base = _stem[:-1]
        _forms = (_stem, _base + "a", _base + "i", _base + "e")
    for _form in _forms:
        DEMONYMS_AFTER.setdefault(_form, _country)
# Italian names beyond ISO 3166's Italian ones (countries.names("it")) and capitals; the English ones stay known.
COUNTRY_NAMES = {"Russia": "Russia", "Mosca": "Russia", "Cremlino": "Russia", "Turchia": "Turkey", "Ankara": "Turkey",
                 "Siria": "Syria", "Damasco": "Syria", "Stati Uniti": "United States", "Usa": "United States",
                 "Washington": "United States", "Iraq": "Iraq", "Libano": "Lebanon", "Israele": "Israel",
                 "Iran": "Iran", "Teheran": "Iran", "Libia": "Libya", "Ciad": "Chad", "Mali": "Mali",
                 "Niger": "Niger", "Ucraina": "Ukraine", "Kiev": "Ukraine", "Cina": "China", "Pechino": "China",
                 "Onu": "United Nations", "ONU": "United Nations", "Nato": "NATO", "NATO": "NATO"}  # fmt: skip
# (and a joint subject's "e": "Mosca e Damasco hanno avviato negoziati" is Moscow's move too)
ACTOR_VERBS = (r"ha|hanno|è|sono|aveva|avevano|sta|stanno|annuncia|annunciato|dichiarato|inviato|ritirato|dispiegato|"
               r"e\s+[A-Z][\w-]+\s+(?:hanno|sono|avevano|stanno)")  # fmt: skip
REBELS = (r"ribelli|gruppi? armat[io]|jihadisti|insorti|terroristi|miliziani|uomini armati|"
          r"combattenti")  # fmt: skip
LOCAL_OFFICE = r"governatorato|prefettura|consiglio (?:regionale|comunale)|municipio"
LOCAL_OFFICE_WORDS: Final = ("governatorato", "prefettura", "consiglio", "municipio")

# ----------------------------------------------------------------------------------- placing phrases, clauses

SAME_TIME_RE = re.compile(r"^\s*(?:parallelamente|nel frattempo|allo stesso tempo|contemporaneamente|lo stesso giorno|"
                          r"inoltre|anche)\b", re.I)  # fmt: skip
CLAUSE_RE = re.compile(r"[;:]|,\s*(?:mentre|ma|e)\b|\b(?:mentre|ma|tuttavia)\b")
CLAUSE_MARKS = (",", ";", ":", "ma", "mentre", "tuttavia")
LOCATIVE_RE = re.compile(rf"(?:situat\w*|basat\w*|di stanza)?\s*(?:(?:a|ad|in|presso|vicino a|nei pressi di|di|da)\s+"
                         rf"{_ART}?|{_PREP_ART})$", re.I)  # fmt: skip
IN_LIST_RE = re.compile(rf",\s*(?:e\s+)?(?:(?:di|da|a)\s+)?{_ART}?$|,\s*(?:e\s+)?{_PREP_ART}$|"
                        rf"\be\s+(?:(?:di|da|a)\s+)?{_ART}?$|\be\s+{_PREP_ART}$")  # fmt: skip
DESTINATION_RE = re.compile(rf"\b(?:verso|per|in direzione di|alla volta di|con destinazione|"
                            rf"dirett[oaie] (?:a|in|verso))\s+{_ART}?$|\b(?:verso|dirett[oaie])\s+{_IN_ART}$",
                            re.I)  # fmt: skip
POSTS_RE = re.compile(r"\b(?:posti|posto|avamposti?|posizion[ei]|postazion[ei])\b")
RELATIVE_RE = re.compile(rf"(?:\b\d+(?:[.,]\d+)?\s*(?:km|chilometri)\s+(?:\w+\s+){{0,2}}|"
                         rf"\b(?:a\s+)?(?:nord|sud|est|ovest|nord-est|nord-ovest|sud-est|sud-ovest|nordest|nordovest|"
                         rf"sudest|sudovest)\s+)(?:di\s+{_ART}?|{_PREP_ART})$")  # fmt: skip
REGION_WORD_RE = re.compile(r"\s+(?:regione|provincia|prefettura|distretto|governatorato)\b")
WENT_TO_RE = re.compile(rf"\b(?:ridispiegat\w*|ripiegat\w*|rientrat\w*|tornat\w*|trasferit\w*|partit[ioae]|"
                        rf"dirett[ioae]|spostat\w*)\s+(?:\w+\s+)?(?:(?:verso|a|in|su)\s+{_ART}?|{_IN_ART})"
                        rf"(?:[\w-]+\s+){{0,2}}?$")  # fmt: skip
COREFERENCE_RE = re.compile(r"\b(?:la|sua|loro|questa|questo|il|l['’]) ?(?:città|località|base|campo|aeroporto|porto|"
                            r"posizione|guarnigione|zona|area)\b")  # fmt: skip
AGENT_AFTER_RE = re.compile(rf"(?:\s+\w+){{0,2}}\s+da\s+{_ART}?|(?:\s+\w+){{0,2}}\s+{_FROM_ART}|"
                            r"\s+(?:dei|degli|delle|del|della)\s+|\s+dell['’]")  # fmt: skip
LEFT_BEHIND_RE = re.compile(rf"\s+(?:(?:da|di)\s+{_ART}?|{_PREP_ART})?")
JOINT_RE = re.compile(rf"[\s/&,-]*(?:(?:e|con|insieme a)\s+)?{_ART}?(?:[a-zàèéìòù]+[/-])*")
ORIGIN_BEFORE_RE = re.compile(rf"\b(?:(?:da|lasciato|lasciando|lasciare|lasciata|lasciati|proveniente da|"
                              rf"provenienti da)\s+{_ART}?|{_FROM_ART})$")  # fmt: skip
ROAD_BEFORE_RE = re.compile(rf"\b(?:strada|autostrada|asse) (?:per|verso|tra|fra|che collega)\s+{_ART}?$")
DESTINATION_BEFORE_RE = re.compile(rf"\b(?:(?:verso|per|in direzione di|alla volta di|con destinazione|fino a|"
                                   rf"dirett[oaie] (?:a|in|verso))\s+{_ART}?|(?:verso|fino)\s+{_IN_ART})$")  # fmt: skip
PLACE_BEFORE_RE = re.compile(rf"\b(?:(?:a|ad|in|presso|vicino a|tra|fra|intorno a|nei pressi di|alla periferia di|e)"
                             rf"\s+{_ART}?|{_IN_ART})$")  # fmt: skip
ONGOING_RE = re.compile(r"(?!)")  # Italian captions use the same verb forms as prose
AUXILIARY_RE = re.compile(r"(?!)")
# A handover word, whose object is looked at: a person handed over is no place (see Extractor).
HANDING_OVER_RE = re.compile(r"(?i:consegn\w*|passaggio di consegne)")

# ----------------------------------------------------------------------------------------------------- dates

_MONTHS: Final = {"gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
                  "agosto": 8, "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12}  # fmt: skip
_WEEKDAYS: Final = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")
_DAY_MONTH_RE = re.compile(rf"\b(1º|1°|\d{{1,2}})\s+({'|'.join(_MONTHS)})(?:\s+(\d{{4}}))?\b")
_END_OF_RE = re.compile(r"\bentro (?:la )?fine (?:del |dell['’])?(mese|anno)\b")
_NUMERIC_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_RELATIVE_DAY_RE = re.compile(rf"\b(l['’]altro ieri|altroieri|avantieri|ieri|{'|'.join(_WEEKDAYS)})(?!\w)")
_DEADLINE_BEFORE_RE = re.compile(r"(?:entro|prima del|prima dell['’]|non oltre|fino al|fino all['’])\s*"
                                 r"(?:il\s+|la fine\s+(?:di\s+)?)?$")  # fmt: skip


_END_OF_NAMED_RE = re.compile(rf"\bentro (?:la )?fine (?:di )?({'|'.join(_MONTHS)})(?:\s+(\d{{4}}))?\b")


def _end_of_named_month(sentence: str, published: date, offset: int = 0) -> list[DateMention]:
    """Deadlines at the end of a named month ("entro fine gennaio"): its last day, this year's or, for a month
    before the publication month, next year's."""
    out = []
    for m in _END_OF_NAMED_RE.finditer(sentence):
        month = _MONTHS[m.group(1)]
        year = int(m.group(2)) if m.group(2) else published.year + (month < published.month)
        end = date(year, month, calendar.monthrange(year, month)[1])
        out.append(DateMention(end, "month", offset + m.start(), offset + m.end(), True, m.group(2) is not None))
    return out


# Italian dates: "il 14 dicembre 2024", "1º marzo", "14/12/2024", "ieri", "lunedì" (the last such day up to the
# publication day). A date after "entro", "prima del" or "non oltre" is a deadline; "entro la fine del mese" is one.
_word_dates = WordDates(
    months=_MONTHS,
    weekdays=_WEEKDAYS,
    day_month=_DAY_MONTH_RE,
    end_of=_END_OF_RE,
    month_word="mese",
    numeric=_NUMERIC_RE,
    relative_day=_RELATIVE_DAY_RE,
    days_back={"ieri": 1, "l'altro ieri": 2, "l’altro ieri": 2, "altroieri": 2, "avantieri": 2},
    deadline_before=_DEADLINE_BEFORE_RE,
)


def find_dates(sentence: str, published: date, offset: int = 0, *, lowered: str | None = None) -> list[DateMention]:
    """The dates of an Italian sentence: the shared word-date reader's, and the ends of named months."""
    text = sentence.lower() if lowered is None else lowered
    found = _word_dates(sentence, published, offset, lowered=text)
    if "fine" not in text:
        return found
    return sorted(found + _end_of_named_month(text, published, offset), key=lambda d: d.start)


# -------------------------------------------------------------------------------------------------- numbers

# "decine", "centinaia", "migliaia" ("decine di camion") are no count: ANNOTATION.md leaves vague amounts null.
_NUMBER_WORDS: Final = {"un": 1, "uno": 1, "una": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6,
                        "sette": 7, "otto": 8, "nove": 9, "dieci": 10, "undici": 11, "dodici": 12, "quindici": 15,
                        "venti": 20, "trenta": 30, "quaranta": 40, "cinquanta": 50, "sessanta": 60, "settanta": 70,
                        "ottanta": 80, "novanta": 90, "cento": 100, "duecento": 200, "trecento": 300,
                        "cinquecento": 500, "mille": 1000, "una decina": 10, "una dozzina": 12, "due dozzine": 24,
                        "una quindicina": 15, "una ventina": 20, "una trentina": 30, "una quarantina": 40,
                        "una cinquantina": 50, "un centinaio": 100, "un migliaio": 1000}  # fmt: skip
_UNIT_NOUNS: Final = {
    "troops": r"soldati|militari|uomini|truppe|caschi blu|istruttori|consiglieri|effettivi|membri del personale",
    "vehicles": r"veicoli|camion|mezzi|blindati|carri armati|autoblindo|pick-up",
    "flights": r"voli|aerei|velivoli|rotazioni|elicotteri",
    "ships": r"navi|unità navali|fregate|mercantili",
    "posts": r"posti|basi|posizioni|avamposti|postazioni",
    "tonnes": r"tonnellate",
}


def quantities(aircraft_names: Iterable[str] = ()) -> CountReader:
    """Counts in Italian sentences: "200 soldati", "circa quaranta camion", "una trentina di veicoli", "due dozzine
    di camion", "40 per cento"."""
    return CountReader(
        _UNIT_NOUNS,
        _NUMBER_WORDS,
        aircraft_names,
        approx=r"circa|quasi|oltre|più di|almeno|intorno a|intorno ai|fino a",
        percent=r"%|per cento|percento",
        # Not across a vague amount: "il 14/12/2024 decine di veicoli" counts no 2024 vehicles.
        between=r"(?:di |d['’])?(?:(?!decine|centinaia|migliaia|dozzine)\w+\s+){0,2}?",
        thousands=r"[ .\u202f\u00a0]",
        decimal=",",
        not_counts=frozenset({"un", "uno", "una"}),  # an article: "una colonna di veicoli" counts no vehicle
    )
