"""English: the first language pack.

The action words, negation, hedges and attribution cues live in ``lexicon.py`` (with the helpers that compile
them); this module adds the phrases that place a move (origin, destination, back references, clause boundaries)
and names the date and number readers. ``LanguagePack.from_module`` reads every name below.
"""

from __future__ import annotations

import re

from drawdown.extract.dates import find_dates
from drawdown.extract.lexicon import (
    ACTION_RULES,
    ACTOR_NOUNS,
    ACTOR_VERBS,
    BACK_REFERENCE_RE,
    COMPLETE_CUE,
    DENIAL_RE,
    DONE_LEAVING_RE,
    HEDGE_RE,
    INFINITIVE_RE,
    LOCAL_OFFICE,
    LOCAL_OFFICE_WORDS,
    MODAL_AFTER_RE,
    NEGATION_RE,
    NEGATION_WORDS,
    NEITHER_RE,
    NOT_EVENT_RE,
    OBSERVED_RE,
    ONE_OF_MANY_RE,
    OWN_OTHER_RE,
    PARTIAL_CUE,
    PLANNED_RE,
    REBELS,
    RESULTANT_RE,
    SOURCE_CUES,
    SPEECH_GATE,
    STARTED_CUE,
    TAKEOVER_RE,
    WEAK_PRESENCE_RE,
    attribution_start,
)
from drawdown.extract.lexicon import ATTRIBUTION_RE as ATTRIBUTION_RE
from drawdown.extract.quantities import QuantityFinder as quantities

__all__ = [
    "ACTION_RULES",
    "ACTOR_NOUNS",
    "ACTOR_VERBS",
    "ATTRIBUTION_RE",
    "BACK_REFERENCE_RE",
    "COMPLETE_CUE",
    "DENIAL_RE",
    "DONE_LEAVING_RE",
    "HEDGE_RE",
    "INFINITIVE_RE",
    "LOCAL_OFFICE",
    "LOCAL_OFFICE_WORDS",
    "MODAL_AFTER_RE",
    "NEGATION_RE",
    "NEGATION_WORDS",
    "NEITHER_RE",
    "NOT_EVENT_RE",
    "OBSERVED_RE",
    "ONE_OF_MANY_RE",
    "OWN_OTHER_RE",
    "PARTIAL_CUE",
    "PLANNED_RE",
    "REBELS",
    "RESULTANT_RE",
    "SOURCE_CUES",
    "SPEECH_GATE",
    "STARTED_CUE",
    "TAKEOVER_RE",
    "WEAK_PRESENCE_RE",
    "attribution_start",
    "find_dates",
    "quantities",
]  # fmt: skip

# English puts the demonym before the noun ("Turkish forces") and names countries as lexicon.DEMONYMS and
# lexicon.COUNTRIES do (every country's, from countries.py); those hold in every language, so nothing to add.
COUNTRY_NAMES: dict[str, str] = {}
DEMONYMS_BEFORE: dict[str, str] = {}
DEMONYMS_AFTER: dict[str, str] = {}
ACTOR_NOUN_WORDS: tuple[str, ...] = ()
# English marks its future on the auxiliary (PLANNED_RE), never on the action word itself.
PLANNED_TRIGGER_RE = re.compile(r"(?!)")
# Hedges that only say who is speaking; they do not cast doubt on imagery or flight tracking.
ATTRIBUTIVE = frozenset({"according to"})
# Words that say someone is speaking (a cheap test before the detailed attribution rules), and the verbs by which a
# country or the actor speaks for itself ("Moscow announced").
SPEECH_WORDS = (r"according to|sources?|said|says|told|report(?:ed|s)|announc\w+|confirm\w+|stated|claim\w*|"
                r"noted|observ\w+|show\w*|den(?:y|ies|ied)")  # fmt: skip
SPEAKER_VERBS = r"said|says|announced|confirmed|stated|denied|told"
# Capitalised words that start a sentence but name no speaker ("Initial reports indicate").
NOT_SPEAKERS = frozenset({"The", "A", "An", "It", "This", "That", "These", "Those", "He", "She", "They", "We",
                          "Initial", "Reports", "Report", "Some", "Many", "Other", "Earlier", "Later", "Local",
                          "Both"})  # fmt: skip

# Sentence openers that carry the previous sentence's date ("Concurrently, a convoy departed ...").
SAME_TIME_RE = re.compile(r"^\s*(?:concurrently|meanwhile|at the same time|simultaneously|the same day|also|"
                          r"in addition|separately)\b", re.IGNORECASE)  # fmt: skip
# Clause boundaries, and the marks one of which each boundary holds (a cheap ``in`` test before the pattern).
CLAUSE_RE = re.compile(r"[;:]|,\s*(?:while|but|whereas|although|though|as|and)\b|\b(?:while|whereas|but)\b")
CLAUSE_MARKS = (",", ";", ":", "but", "while", "whereas")

# What stands before a place that only locates or is the destination of the one named before it.
# (or in brackets right after it: "near X (Y District)")
LOCATIVE_RE = re.compile(r"(?:located|situated|based|lying)?\s*(?:in|near|outside|of|at)\s+(?:the\s+)?$|\(\s*$", re.I)
IN_LIST_RE = re.compile(r",\s*(?:and\s+)?(?:the\s+)?$|\band\s+(?:the\s+)?$")
DESTINATION_RE = re.compile(r"\b(?:to|towards?|into|for|bound for|headed for|heading for)\s+(?:the\s+)?$", re.I)
POSTS_RE = re.compile(r"\b(?:posts?|outposts?|positions?|stations?)\b")
# Where a place only measures the position of another: "(30 km SW of X)", "north of X".
RELATIVE_RE = re.compile(
    r"(?:\b\d+(?:[.,]\d+)?\s*(?:km|kms|kilomet(?:er|re)s?|miles?)\s+(?:\w+\s+){0,2}|"
    r"\b(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|[nsew]{1,2}|[nsew]/[nsew]{1,2})\s+"
    r"(?=of))(?:of|from)\s+(?:the\s+)?$"
)
REGION_WORD_RE = re.compile(r"\s+(?:oblast|province|region|district|governorate|county)\b")
# Where a force that left went: "moved to X", "returned to their base in X" ("moving on to X" is the next stage).
WENT_TO_RE = re.compile(
    r"\b(?:mov|return|head|relocat|redeploy|went|retreat|withdr|pull)\w*\s+(?:back\s+|closer\s+|nearer\s+)?"
    r"(?:to|towards?|into)\s+"
    r"(?:(?:the|their|its)\s+)?(?:[\w-]+\s+){0,2}?(?:(?:in|at)\s+)?$"
)
# A phrase that refers back to a place named before ("the town", "its base").
COREFERENCE_RE = re.compile(
    r"\b(?:the|its|their|this|that|these|those|all|both) (?:\w+ ){0,2}?(?:towns?|villages?|city|cities|bases?|airbase|"
    r"air base|areas?|posts?|positions?|garrison|island|airport|port|camps?)\b"
)
# Between an action word and its agent named after it ("taken yesterday by X", "the retreat of X"), what was left
# behind ("abandoned X tanks"), and between two actors of one joint subject ("X/Y forces", "X and the Y").
AGENT_AFTER_RE = re.compile(r"(?:\s+\w+){0,2}\s+by\s+(?:the\s+)?|\s+of\s+(?:the\s+)?")
LEFT_BEHIND_RE = re.compile(r"\s+(?:(?:by|of)\s+(?:the\s+)?)?")
JOINT_RE = re.compile(r"[\s/&,-]*(?:(?:and|with|together with)\s+)?(?:the\s+)?(?:[a-z]+[/-])*")
# "after it pulls out most of its troops", "once the last convoy leaves": said of the future (the past would be
# "pulled", "left").
FUTURE_CLAUSE_RE = re.compile(
    r"\b(?:after|once|until|before|when|as soon as) (?:it|they|the [\w-]+(?: [\w-]+)?|[\w-]+) "
    r"(?:pulls|withdraws|withdraw|leaves|leave|exits|departs|quits|completes|hands)\b[^,;]*$"
)
HANDING_OVER_RE = re.compile(r"(?i:hand(?:ed|ing|s)? over)")
# An actor acted on: the subject's action after it is the subject's ("X engaged the Y fighters holding the villages
# and took both over": X took them), unless a relative or time clause makes the object the subject of it.
OBJECT_BEFORE_RE = re.compile(
    r"\b(?:engag(?:ed|ing)|attack(?:ed|ing)|ambush(?:ed|ing)|fought|fighting|clash(?:ed|ing) with|target(?:ed|ing)|"
    r"against|repel(?:led|ling)|pursu(?:ed|ing)|expell?(?:ed|ing)|drove out|dislodg(?:ed|ing)|routed)\s+(?:the\s+)?$"
)
SAME_SUBJECT_RE = re.compile(r"(?!.*\b(?:which|who|whom|that|before|after|while|when|as|until|but)\b).*\band\b")
# How a convoy's place relates to it, from the words just before the place's name.
ORIGIN_BEFORE_RE = re.compile(
    r"\b(?:from|out of|left|leaving|leave|leaves|departed|departing|departs|exited|exiting|quit)\s+(?:the\s+)?$"
)
ROAD_BEFORE_RE = re.compile(r"\b(?:road|route|highway) (?:to|between|linking|connecting)\s+(?:the\s+)?$")
DESTINATION_BEFORE_RE = re.compile(
    r"\b(?:to|towards?|for|into|reach(?:ed|ing)?|bound for|approach(?:ed|ing)?|nearing)\s+(?:the\s+)?$"
)
PLACE_BEFORE_RE = re.compile(
    r"\b(?:in|near|through|outside(?: of)?|at|between|around|vicinity of|outskirts? of|passing|and)\s+(?:the\s+)?$"
)
# Withdrawal words in the progressive, and what makes one a full verb phrase rather than a caption's participle.
BUILDING_LEFT_RE = re.compile(
    r"\s+(?:from\s+)?(?:a|an|the|their|its)\s+(?:[\w-]+\s+)?"
    r"(?:building|house|houses|homes?|hospital|school|shop|store|office|hotel|church|mosque|apartment|scene)\b"
)
ONGOING_RE = re.compile(r"(?:leaving|withdrawing|retreating|pulling (?:out|back)|moving (?:out|away)|returning)\b.*")
AUXILIARY_RE = re.compile(r"\b(?:is|are|was|were|be|been|being|seen|saw|not|begun|began|started)\s+$")
