"""Quantities in digits and words ("two or three", "dozens", "10%"), with the unit read from the noun they count."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from drawdown.extract.lexicon import ci, factor, lower, lower_pattern, word_starts

_ONES = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12,
    "dozen": 12, "a couple of": 2, "a pair of": 2, "a handful of": 4,
}  # fmt: skip
# Vague plurals get the smallest value they can mean, so that a sum over claims is a lower bound, not a guess:
# "dozens" is at least 24, "hundreds" at least 200.
_VAGUE = {"dozens of": 24, "scores of": 40, "hundreds of": 200, "thousands of": 2000}

# Head nouns -> unit. The aircraft/vehicle/ship words are generic; case aircraft names are added by the caller.
UNIT_NOUNS: dict[str, tuple[str, ...]] = {
    "flights": ("flights?", "planes?", "aircraft", "airplanes?", "jets?", "sorties", "airlifters?", "cargo planes?",
                "transport planes?", "transports", "helicopters?", "rotations?"),
    "vehicles": ("vehicles?", "trucks?", "lorries", "lorry", "tanks?", "armou?red vehicles?", "APCs?", "cars?",
                 "trailers?", "buses", "military vehicles?", "pieces of equipment", "launchers?"),
    "ships": ("ships?", "vessels?", "warships?", "frigates?", "corvettes?", "submarines?", "landing ships?",
              "tankers?", "cargo ships?", "ferries", "boats?"),
    "troops": ("troops", "soldiers?", "personnel", "servicemen", "military police(?:men)?", "fighters?",
               "advisers?", "advisors?", "men", "staff", "specialists?", "marines?", "officers?", "contractors?"),
    "posts": ("observation posts?", "posts?", "positions?", "checkpoints?", "outposts?", "points?", "bases?"),
    "tonnes": ("tonnes?", "tons?", "metric tons?"),
}  # fmt: skip

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Grouped by first letter (lexicon.factor): the same first match at each place, tried with one letter test per group.
_WORDS = factor("|".join(sorted((re.escape(w) for w in (*_ONES, *_VAGUE)), key=len, reverse=True)))
_VALUE = rf"(?:{_NUMBER}|{_WORDS})"
_APPROX = ("about", "around", "some", "roughly", "nearly", "almost", "at least", "more than", "over", "up to",
           "approximately")  # fmt: skip

# Every match starts with a digit or the first three letters of one of these words: a lookahead on them rejects the
# other word starts ("the", "of", "said") with a letter test or two instead of some sixty alternatives (the same
# matches; 13% faster than a lookahead on the first letter, which passes "the" and "said").
_STARTS = word_starts((*_ONES, *_VAGUE, *_APPROX))
# "two or three", "2-3", "between 10 and 12", "about 40": a range is kept as its midpoint. A hyphen with spaces
# around it is a dash between phrases ("MOSCOW, Dec 17 - two planes ..."), not a range.
_QTY_RE = ci(
    rf"(?<![\w.-])(?=\d|{_STARTS})(?:(?:{'|'.join(_APPROX)})\s+)?"
    rf"(?P<a>{_VALUE})(?:(?:\s*(?:or|to|and|–)\s*|-)(?P<b>{_VALUE}))?"
    rf"(?P<pct>\s*(?:%|percent\b|per cent\b))?"
)
_ADJ = r"(?:[A-Za-z-]+\s+){0,3}?"
# A day after a month ("Dec 17 -", a wire dateline) is a date, like "17 December".
_MONTH_BEFORE_RE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|"
    r"jun|jul|aug|sept?|oct|nov|dec)\.?\s+$"
)
# A rate with no noun after the number ("at a rate of about two a day", "some three a day") counts the vehicles,
# aircraft or ships named before it in the sentence. Fixed places (posts, bases) and tonnes are not what moves.
_RATE_RE = re.compile(r"^\s+(?:a|per|each|every)\s+(?:day|night|week)\b")
# What may stand between the items of a list whose counts add up ("two warships and a tanker", "3 trucks, 2 buses").
_LIST_JOIN_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|as well as\s+)")
_RATE_UNITS = ("flights", "vehicles", "ships", "troops")
# A month name just after a number: "14 December" is a date.
_MONTH_AFTER_RE = re.compile(r"\s*(?:January|February|March|April|May|June|July|August|September|October|November|"
                             r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b", re.I)  # fmt: skip
_OF_THEM_RE = re.compile(r"^\s+(?:of\s+)?(?:them|these|those)\b")


class Quantity(NamedTuple):  # a named tuple: built in C, several per sentence
    value: float
    unit: str | None
    start: int
    end: int


def _value(token: str) -> float | None:
    t = token.lower().strip()
    if t in _ONES:
        return float(_ONES[t])
    if t in _VAGUE:
        return float(_VAGUE[t])
    try:
        return float(t.replace(",", ""))
    except ValueError:
        return None


class QuantityFinder:
    """Compiled once per case: the unit nouns plus the case's aircraft type names (counted as flights)."""

    def __init__(self, aircraft_names: tuple[str, ...] = ()) -> None:
        nouns = {unit: list(words) for unit, words in UNIT_NOUNS.items()}
        nouns["flights"].extend(re.escape(n) + "s?" for n in aircraft_names)
        self._units = [
            (unit, re.compile(lower_pattern(rf"^\s+{_ADJ}(?:{'|'.join(ws)})\b"))) for unit, ws in nouns.items()
        ]
        every = "|".join(w for ws in nouns.values() for w in ws)
        # Any unit at all after an article, one test before the six: most articles count no unit noun ("a convoy").
        self._any_unit_tight = re.compile(lower_pattern(rf"^\s+(?:[a-z-]+\s+)?(?:{every})\b"))
        # After "a"/"an" the counted noun must follow at once (or after one word): "a convoy of trucks" is not 1 truck.
        # The same nouns anywhere, to find what a bare rate counts (the last one named before it).
        self._referents = [
            (unit, re.compile(lower_pattern(rf"\b(?:{'|'.join(nouns[unit])})\b"))) for unit in _RATE_UNITS
        ]
        self._units_tight = [
            (unit, re.compile(lower_pattern(rf"^\s+(?:[a-z-]+\s+)?(?:{'|'.join(ws)})\b"))) for unit, ws in nouns.items()
        ]
        # The six unit patterns as one, each unit's nouns in a group named after it, in the same order: the lazy
        # adjectives make it stop at the fewest words before a noun, and there at the first unit with one. That is
        # the unit whose own pattern ends first (what find() wants) whenever the noun it matched is all word
        # characters; see _unit, which checks that and otherwise asks the six patterns.
        groups = "|".join(f"(?P<{unit}>{'|'.join(ws)})" for unit, ws in nouns.items())
        self._unit_groups = re.compile(lower_pattern(rf"^\s+{_ADJ}(?:{groups})\b"))
        # An article's two tests as one (a match of either): a counted noun at once or after one word, or a rate.
        self._article_counts = re.compile(f"{self._any_unit_tight.pattern}|{_RATE_RE.pattern}")

    def find(self, sentence: str, offset: int = 0, lowered: str | None = None) -> list[Quantity]:
        """The counts in one sentence; ``lowered``: ``lexicon.lower(sentence)``, if the caller has it."""
        out: list[Quantity] = []
        last_noun_end: int | None = None
        sentence = lower(sentence) if lowered is None else lowered
        for m in _QTY_RE.finditer(sentence):
            a_text, b_text, pct = m.group("a", "b", "pct")  # one call for the three groups
            start, end = m.span()
            # An article counts only a noun right after it, or a rate; without either it is skipped below whatever
            # the date tests say, so they are not run (most sentences hold a few "a"). Both tests start with white
            # space: the "a" that starts "area" or the "an" of "and" is skipped at once.
            if (
                a_text in ("a", "an")
                and not b_text
                and not pct
                and (not sentence[end : end + 1].isspace() or not self._article_counts.match(sentence[end : end + 60]))
            ):
                continue
            a = _value(a_text)
            if a is None:
                continue
            b = _value(b_text) if b_text else None
            # "2024" or "14 December" are dates, not counts.
            if _MONTH_AFTER_RE.match(sentence[end : end + 12]) or (
                1900 <= a <= 2100 and b_text is None and not pct
            ) or (_MONTH_BEFORE_RE.search(sentence, max(0, start - 12), start)):  # fmt: skip
                continue
            value = (a + b) / 2 if b is not None and b > a else a
            if pct:
                out.append(Quantity(value, "percent", offset + start, offset + end))
                continue
            rest = sentence[end : end + 60]
            unit = None
            noun_end = end
            word = a_text.lower()
            # The nearest counted noun decides ("two ships and three trucks": ships, not "ships and three" trucks).
            counted = self._unit(rest, word in ("a", "an"))
            if counted is not None:
                unit, noun_end = counted[0], end + counted[1]
            if unit is None and not b_text and _RATE_RE.match(rest):
                unit = self._referent(sentence, start)
            if unit is None and word in ("a", "an", "one", "single", "some"):
                continue  # "a" before anything that is not a unit noun is just an article
            # A bare number with no counted noun ("in 2015", "the 1974 line") is not a quantity we report.
            if unit is None and not b_text and not _OF_THEM_RE.match(rest):
                continue
            last = out[-1] if out else None
            if (
                last is not None
                and unit is not None
                and last.unit == unit
                and last_noun_end is not None
                and _LIST_JOIN_RE.fullmatch(sentence, last_noun_end, start)
            ):
                # "two warships and a tanker": one count of ships, 3, over the whole list.
                out[-1] = Quantity(last.value + value, unit, last.start, offset + end)
            else:
                out.append(Quantity(value, unit, offset + start, offset + end))
            last_noun_end = noun_end if unit is not None else None
        return out

    def _unit(self, rest: str, tight: bool) -> tuple[str, int] | None:
        """The unit of the nearest counted noun at the start of ``rest``, and where that noun ends in it.

        After a number the one pattern of all units (``_unit_groups``) stops at the first noun; the units' own
        patterns could differ only by one that ends earlier. Another unit's noun at the same place ends earlier
        only at a word boundary inside this one; a noun after more adjectives ends earlier only inside this one, past
        the white space before it. A noun of word characters only has neither, so the answer is the same. After an
        article (``tight``: the noun right after it, or after one word, tried first) the units are asked one by one.
        """
        if not tight:
            found = self._unit_groups.match(rest)
            if found is None:
                return None  # no unit's pattern matches either: the one pattern is all of them together
            unit = found.lastgroup
            if unit is not None and found.group(unit).isalnum():
                return unit, found.end()
        return self._unit_by_unit(rest, tight)

    def _unit_by_unit(self, rest: str, tight: bool) -> tuple[str, int] | None:
        """``_unit`` the slow way: each unit's own pattern, the one whose noun ends first (the first unit on a tie).

        After an article one test of all units goes first (most articles count no unit noun: "a convoy"); after a
        number ``_unit`` comes here only when its one pattern of all units has matched."""
        if tight and not self._any_unit_tight.match(rest):
            return None
        best: tuple[str, int] | None = None
        for name, pattern in self._units_tight if tight else self._units:
            found = pattern.match(rest)
            if found and (best is None or found.end() < best[1]):
                best = (name, found.end())
        return best

    def _referent(self, sentence: str, before: int) -> str | None:
        """The unit of the last vehicle, aircraft, ship or troop noun before ``before``, if any."""
        best: tuple[int, str] | None = None
        for unit, pattern in self._referents:
            for m in pattern.finditer(sentence, 0, before):
                if best is None or m.start() > best[0]:
                    best = (m.start(), unit)
        return best[1] if best else None


class CountReader:
    """Counts in the sentences of a language pack other than English: a number in digits or words, maybe after a
    word of approximation, followed by a percent sign or word, or by a unit noun within two words ("200 soldats",
    "около 200 военнослужащих", "نحو أربعين شاحنة", "40 %"). Each pack gives its words; the reading is the same.

    ``units`` maps a unit to the pattern of its nouns (the case's aircraft names join the flights); ``numbers``
    maps number words to values. ``between`` may stand between the number and the noun, ``prefix`` right before the
    noun (Arabic clitics). ``thousands`` and ``decimal`` are character classes: "1 000" or "1.000" in French, "2,5".
    ``duals`` are nouns that count two by their ending alone (Arabic). ``not_counts``: number words that are
    articles ("une colonne" counts nothing). ``normalise`` maps the lower-cased sentence to the text that is read,
    character for character (Arabic spelling variants), so offsets hold.
    """

    def __init__(
        self,
        units: dict[str, str],
        numbers: Mapping[str, float],
        aircraft_names: Iterable[str] = (),
        *,
        approx: str,
        percent: str,
        between: str,
        thousands: str,
        decimal: str,
        prefix: str = "",
        duals: dict[str, str] | None = None,
        not_counts: frozenset[str] = frozenset(),
        normalise: Callable[[str], str] | None = None,
    ) -> None:
        self._units = dict(units)
        extra = "|".join(re.escape(n.lower()) for n in aircraft_names)
        if extra:
            self._units["flights"] += "|" + extra
        self._numbers = numbers
        self._duals = duals or {}
        self._not_counts = not_counts
        self._normalise = normalise
        self._grouped = re.compile(rf"\d{{1,3}}(?:{thousands}\d{{3}})+")
        self._thousands = re.compile(thousands)
        self._decimal = re.compile(decimal)
        words = "|".join(sorted((re.escape(w) for w in numbers), key=len, reverse=True))
        number = rf"\d{{1,3}}(?:{thousands}\d{{3}})+|\d+(?:{decimal}\d+)?|{words}"
        groups = "|".join(f"(?P<{unit}>{nouns})" for unit, nouns in self._units.items())
        pattern = (
            rf"(?<!\w)(?:(?:{approx})\s+)?(?P<n>{number})"
            rf"(?:\s*(?P<pct>{percent})|\s+{between}{prefix}(?:{groups})(?!\w))"
        )
        if self._duals:
            pattern += "|(?<!\\w)" + prefix + "(?:" + "|".join(f"(?P<dual_{u}>{w})" for u, w in self._duals.items())
            pattern += ")(?!\\w)"
        self._re = re.compile(pattern)

    def find(self, sentence: str, offset: int = 0, lowered: str | None = None) -> list[Quantity]:
        text = sentence.lower() if lowered is None else lowered
        if self._normalise is not None:
            text = self._normalise(text)
        out = []
        for m in self._re.finditer(text):
            dual = next((u for u in self._duals if m.group(f"dual_{u}")), None)
            if dual is not None:
                out.append(Quantity(2.0, dual, offset + m.start(), offset + m.end()))
                continue
            n = m.group("n")
            if n in self._not_counts:
                continue
            value = self._value(n)
            if value is None:
                continue
            unit = "percent" if m.group("pct") else next(u for u in self._units if m.group(u))
            out.append(Quantity(value, unit, offset + m.start(), offset + m.end()))
        return out

    def _value(self, n: str) -> float | None:
        if n in self._numbers:
            return float(self._numbers[n])
        digits = self._thousands.sub("", n) if self._grouped.fullmatch(n) else self._decimal.sub(".", n)
        try:
            return float(digits)
        except ValueError:
            return None
