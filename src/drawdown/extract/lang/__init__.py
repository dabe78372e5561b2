"""Language packs: the words the extraction rules read, one pack per language (spaCy's ``lang/`` layout).

A pack holds a language's action words, negation, hedges, denial and attribution cues, the phrases that say how a
place relates to a move (origin, destination, a back reference), and its date and number readers. The readers in
``claims.py`` name no language: they read ``Extractor.lang``. A new language is a new module here with the same
names, registered in :data:`PACKS`, and its own test sentences.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import MISSING, dataclass, fields
from datetime import date
from types import ModuleType
from typing import Protocol

from drawdown.extract.dates import DateMention
from drawdown.extract.quantities import Quantity


class DateReader(Protocol):
    def __call__(
        self,
        sentence: str,
        published: date,
        offset: int = 0,
        *,
        lowered: str | None = None,
    ) -> list[DateMention]: ...


class QuantityReader(Protocol):
    def find(self, sentence: str, offset: int = 0, lowered: str | None = None) -> list[Quantity]: ...


@dataclass(frozen=True)
class LanguagePack:
    """Every word list and pattern a language gives the rules (see ``en.py`` for what each one is)."""

    code: str
    ACTION_RULES: tuple[tuple[str, str, str | None], ...]
    STARTED_CUE: re.Pattern[str]
    PARTIAL_CUE: re.Pattern[str]
    ONE_OF_MANY_RE: re.Pattern[str]
    COMPLETE_CUE: re.Pattern[str]
    NEGATION_WORDS: tuple[str, ...]
    NEGATION_RE: re.Pattern[str]
    NOT_EVENT_RE: re.Pattern[str]
    PLANNED_RE: re.Pattern[str]
    PLANNED_TRIGGER_RE: re.Pattern[str]
    MODAL_AFTER_RE: re.Pattern[str]
    INFINITIVE_RE: re.Pattern[str]
    HEDGE_RE: re.Pattern[str]
    ATTRIBUTIVE: frozenset[str]
    NEITHER_RE: re.Pattern[str]
    DENIAL_RE: re.Pattern[str]
    OBSERVED_RE: re.Pattern[str]
    SOURCE_CUES: tuple[tuple[str, str], ...]
    SPEECH_GATE: re.Pattern[str]
    SPEECH_WORDS: str
    SPEAKER_VERBS: str
    ATTRIBUTION_RE: re.Pattern[str]
    attribution_start: Callable[..., int | None]
    NOT_SPEAKERS: frozenset[str]
    TAKEOVER_RE: re.Pattern[str]
    RESULTANT_RE: re.Pattern[str]
    WEAK_PRESENCE_RE: re.Pattern[str]
    BACK_REFERENCE_RE: re.Pattern[str]
    ACTOR_NOUNS: str
    ACTOR_NOUN_WORDS: tuple[str, ...]
    COUNTRY_NAMES: dict[str, str]
    DEMONYMS_BEFORE: dict[str, str]
    DEMONYMS_AFTER: dict[str, str]
    ACTOR_VERBS: str
    REBELS: str
    LOCAL_OFFICE: str
    LOCAL_OFFICE_WORDS: tuple[str, ...]
    SAME_TIME_RE: re.Pattern[str]
    CLAUSE_RE: re.Pattern[str]
    CLAUSE_MARKS: tuple[str, ...]
    LOCATIVE_RE: re.Pattern[str]
    IN_LIST_RE: re.Pattern[str]
    POSTS_RE: re.Pattern[str]
    DESTINATION_RE: re.Pattern[str]
    RELATIVE_RE: re.Pattern[str]
    REGION_WORD_RE: re.Pattern[str]
    WENT_TO_RE: re.Pattern[str]
    COREFERENCE_RE: re.Pattern[str]
    AGENT_AFTER_RE: re.Pattern[str]
    LEFT_BEHIND_RE: re.Pattern[str]
    JOINT_RE: re.Pattern[str]
    ORIGIN_BEFORE_RE: re.Pattern[str]
    ROAD_BEFORE_RE: re.Pattern[str]
    DESTINATION_BEFORE_RE: re.Pattern[str]
    PLACE_BEFORE_RE: re.Pattern[str]
    ONGOING_RE: re.Pattern[str]
    AUXILIARY_RE: re.Pattern[str]
    find_dates: DateReader
    quantities: Callable[[Iterable[str]], QuantityReader]
    # Fields only some languages give (a pack may leave them out).
    DONE_LEAVING_RE: re.Pattern[str] = re.compile(r"(?!)")  # a withdrawal said as done; see lexicon.py
    # Right after a leaving word: a building left, not the site named after it ("leaving a building in X").
    BUILDING_LEFT_RE: re.Pattern[str] = re.compile(r"(?!)")
    # Right before an actor that is what the subject acted on ("engaged the X fighters"), and between it and a later
    # action of the same subject ("... and took the town over"); see Extractor._actor_for.
    OBJECT_BEFORE_RE: re.Pattern[str] = re.compile(r"(?!)")
    # Adjectives that may stand between an actor noun and the demonym after it ("forces armées turques"); a pattern.
    ACTOR_ADJECTIVES: str = ""
    # A handover word, whose object is looked at: a person's name handed over is no place (Extractor).
    HANDING_OVER_RE: re.Pattern[str] = re.compile(r"(?!)")
    # An action in a time clause of the present tense, which speaks of the future ("after it pulls out"), ending
    # where the action word does; see Extractor._planned.
    FUTURE_CLAUSE_RE: re.Pattern[str] = re.compile(r"(?!)")
    # The words of the "other" rule that are the monitored force's own moves too (see lexicon.OWN_OTHER).
    OWN_OTHER_RE: re.Pattern[str] = re.compile(r"(?!)")
    SAME_SUBJECT_RE: re.Pattern[str] = re.compile(r"(?!)")
    # What may be attached in front of a site's name (a pattern; Arabic clitics: "بحميميم"). None by default.
    NAME_PREFIXES: str = ""
    # How a name's last word changes in the other grammatical cases, for a language that declines names (Russian:
    # "Тартус", "в Тартусе", "из Тартуса"): (pattern of the word's end, endings that replace it) pairs, the first
    # that matches applies (see :func:`declensions`). None by default: a name is matched as written.
    NAME_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def from_module(cls, code: str, module: ModuleType) -> LanguagePack:
        """The pack a language module defines, every field by its name. A field with a default in this class (one
        that only some languages need) may be left out; a missing one without a default is an AttributeError."""
        given = {f.name: getattr(module, f.name) for f in fields(cls) if f.name != "code" and hasattr(module, f.name)}
        required = [f.name for f in fields(cls) if f.name != "code" and f.default is MISSING]
        for name in required:
            if name not in given:
                raise AttributeError(f"language pack {code} defines no {name}")
        return cls(code, **given)


def declensions(name: str, endings: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str, ...]:
    """The other case forms of ``name`` by a pack's ``NAME_ENDINGS`` (the name itself not included): the first
    rule whose pattern matches the end of the name's last word replaces that end with each of its endings. A name
    that no rule matches (an indeclinable one: "Алеппо", "Камышлы", "Т-4") has none."""
    for pattern, replacements in endings:
        end = re.search(pattern, name)
        if end is not None:
            return tuple(name[: end.start()] + ending for ending in replacements)
    return ()


def _load(code: str) -> LanguagePack:
    if code not in PACKS:
        raise KeyError(code)
    return LanguagePack.from_module(code, importlib.import_module(f"drawdown.extract.lang.{code}"))


# The languages with a pack. A report in another language is skipped, saying so.
PACKS: tuple[str, ...] = ("en", "fr", "ar", "ru", "de", "it")
_loaded: dict[str, LanguagePack] = {}


def pack(code: str) -> LanguagePack:
    """The pack for an ISO 639-1 code (KeyError when there is none)."""
    if code not in _loaded:
        _loaded[code] = _load(code)
    return _loaded[code]
