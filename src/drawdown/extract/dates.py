"""Dates in report text, resolved against the report's published date, with ACLED's time precision.

ACLED codes an event's date precision as 1 (the exact day), 2 (within a week) or 3 (within a month); we write
``day``, ``week`` and ``month``. Relative expressions ("last week", "on Tuesday", "within a month") resolve against
the published date. A deadline ("within a month", "by mid-January") is returned as a due date.

Hand-written rather than dateparser: dateparser parses one string it is handed, it does not find expressions in
running text, and it took ~0.3 ms a call when measured here, slower than this whole module per sentence.
"""

from __future__ import annotations

import calendar
import contextlib
import re
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from operator import attrgetter
from typing import NamedTuple

from drawdown.extract.lexicon import ci, factor, lower, word_starts

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH = (r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")  # fmt: skip
_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "few": 3,
          "several": 3, "couple of": 2}  # fmt: skip
_N = r"(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|ten|few|several|couple of)"


class DateMention(NamedTuple):  # a named tuple: built in C, several per sentence
    day: date
    precision: str  # day | week | month
    start: int
    end: int
    deadline: bool = False  # "within a month", "by 16 January": the date something is due
    # The text gives the year ("20 December 2024", "2024-12-20"): the date holds without a published date.
    written: bool = False


def calendar_day(year: int, month: int, day: int) -> date | None:
    """The date, or None when the month has no such day (a pack's "31 février")."""
    return date(year, month, day) if 1 <= day <= calendar.monthrange(year, month)[1] else None


def _shift_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    if d.day <= 28:  # every month has the day: the month's length is not needed
        return date(year, month, d.day)
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _year_for(month: int, day: int, published: date, future: bool) -> int:
    """A date given without a year is the nearest one before the report (or after it, for a deadline)."""
    year = published.year
    candidate = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    if not future and candidate > published + timedelta(days=2):
        year -= 1
    elif future and candidate < published - timedelta(days=2):
        year += 1
    return year


_DAY_FIRST = rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<y1>\d{{4}}))?"
_MONTH_FIRST = rf"{_MONTH}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?"
_ABS_RE = ci(
    rf"(?P<dl>\b(?:by|before|until|no later than)\s+(?:the\s+)?)?(?:{_DAY_FIRST}|"
    rf"{_MONTH_FIRST.replace('month>', 'month2>')})\b"
    r"|(?P<iso>\b\d{4}-\d{2}-\d{2}\b)",
)
_PART_MONTH_RE = ci(
    rf"(?P<dl>\b(?:by|before|until)\s+(?:the\s+)?)?\b(?P<part>early|mid|late|end of|the end of|beginning of|"
    rf"the middle of)?"
    rf"[\s-]*(?:in\s+)?{_MONTH.replace('month>', 'month3>')}(?:\s+(?P<y3>\d{{4}}))?\b",
)
# The words a relative expression can start with (a space where the pattern has one after the word), or a digit:
# a lookahead on their first three letters rejects the other word starts ("the", "and", "said") with a letter test
# or two instead of trying each alternative there (the same matches; a third less time than without).
_REL_STARTS = ("yesterday", "today", "tonight", "this", "last", "overnight", "early ", "late ", "on ", "from",
               "since", "earlier", "past", "previous", "next", "coming", "over", "in ", "during", "recently", "a ",
               "an ", "one", "two", "three", "four", "five", "six", "ten", "few", "several", "couple", "within",
               "by ", "before")  # fmt: skip
_REL_RE = ci(
    rf"\b(?=\d|{word_starts(_REL_STARTS)})(?P<expr>"
    r"yesterday|today|tonight|this morning|this afternoon|last night|overnight|(?:early |late )?"
    r"(?:on|from|since|last) (?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?:last|this|earlier this|past|previous|next|coming) (?P<unit>week|weekend|month)"
    r"|(?:over|in|during) the (?:past|last) (?:few |several |couple of )?(?:days|week|weeks)|in recent days|recently"
    rf"|{_N} (?P<agounit>days?|weeks?|months?) ago"
    rf"|(?P<within>within|in|over) (?:the )?(?:next |coming )?{_N.replace('P<n>', 'P<wn>')}[\s-](?P<wunit>days?|"
    rf"weeks?|months?)"
    r"(?:['’]? time|timeframe| timeframe| deadline)?"
    r"|within (?:the )?(?P<wunit2>one-month|one-week|two-week|two-month|three-month|month|"
    r"week)(?:[\s-]?(?:timeframe|period|deadline))?"
    r"|(?:by|before) the end of (?:the |this |next )?(?P<endunit>week|month|year))\b",
)


_REL_GROUPS = ("expr", "wd", "unit", "agounit", "n", "within", "wn", "wunit", "wunit2", "endunit")
# Cheap tests that skip the full patterns for the many sentences without a date: a digit or a month name; a word
# that every relative expression contains.
_ABS_GATE = re.compile(r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_REL_GATE = re.compile(factor(r"day|week|month|year|ago|night|morning|afternoon|recent|end of"))
# No relative expression starts more than this before the first of those words in it ("within the coming couple
# of weeks": 28 characters before "week"; "early since Wednesday": 18 before "day"; the others less). The first
# such word in the sentence is no later, so no match starts before it less this: the search starts there.
_REL_LEAD = 28
_DIGIT_RE = re.compile(r"\d")


def find_dates(
    sentence: str,
    published: date,
    offset: int = 0,
    *,
    lowered: str | None = None,
) -> list[DateMention]:
    """Every date expression in one sentence, resolved. Offsets are shifted by ``offset``. ``lowered``:
    ``lexicon.lower(sentence)``, if the caller has it."""
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    original = sentence
    # Matched on lower-cased text (IGNORECASE made these patterns the slowest part of a sentence's reading).
    sentence = lower(sentence) if lowered is None else lowered

    def add(d: date, precision: str, m: re.Match[str], deadline: bool = False, written: bool = False) -> None:
        start, end = m.span()
        if taken and any(a < end and start < b for a, b in taken):
            return
        taken.append((start, end))
        out.append(DateMention(d, precision, offset + start, offset + end, deadline, written))

    if _ABS_GATE.search(sentence):
        # Every absolute date has a digit; most sentences with a month name ("in March") have none.
        for m in _ABS_RE.finditer(sentence) if _DIGIT_RE.search(sentence) else ():
            if m.group("iso"):
                with contextlib.suppress(ValueError):
                    add(date.fromisoformat(m.group("iso")), "day", m, written=True)
                continue
            month_name = m.group("month") or m.group("month2")
            day = int(m.group("d1") or m.group("d2"))
            year_s = m.group("y1") or m.group("y2")
            month = _MONTHS[month_name.lower().rstrip(".")]
            deadline = bool(m.group("dl"))
            year = int(year_s) if year_s else _year_for(month, day, published, deadline)
            if 1 <= day <= calendar.monthrange(year, month)[1]:
                add(date(year, month, day), "day", m, deadline, written=bool(year_s))
        for m in _PART_MONTH_RE.finditer(sentence):
            month = _MONTHS[m.group("month3").lower().rstrip(".")]
            written = original[m.start("month3") : m.end("month3")]
            if written != "May" and written.lower() == "may":
                continue  # the modal verb
            if written == "May" and not m.group("part") and not m.group("y3"):
                continue  # "May" alone may still be the verb at the start of a sentence
            deadline = bool(m.group("dl"))
            year = int(m.group("y3")) if m.group("y3") else _year_for(month, 15, published, deadline)
            part = (m.group("part") or "").lower()
            last = calendar.monthrange(year, month)[1]
            day = (
                5
                if part.startswith(("early", "beginning"))
                else last
                if "end" in part
                else 25
                if part == "late"
                else 15
            )
            add(date(year, month, day), "week" if part else "month", m, deadline, written=bool(m.group("y3")))
    # The test holds wherever the relative pattern can match, and it decides whether the mentions are sorted (with
    # at most one found so far that cannot matter). Where it holds, the pattern can match only from its first word
    # less the longest lead.
    word = _REL_GATE.search(sentence)
    if word is None:
        return out
    for m in _REL_RE.finditer(sentence, max(0, word.start() - _REL_LEAD)):
        resolved = _relative(m, published)
        if resolved is not None:
            add(resolved[0], resolved[1], m, resolved[2])
    if len(out) > 1:  # one mention or none is in order already
        out.sort(key=attrgetter("start"))
    return out


def _count(token: str | None) -> int:
    if token is None:
        return 1
    t = token.lower()
    return int(t) if t.isdigit() else _COUNT.get(t, 1)


def _relative(m: re.Match[str], published: date) -> tuple[date, str, bool] | None:
    # The groups in one call: a look-up each costs more than the arithmetic below.
    expr, wd, unit, agounit, n, within, wn, wunit, wunit2, endunit = m.group(*_REL_GROUPS)
    expr = expr.lower()
    if expr in ("today", "tonight", "this morning", "this afternoon"):
        return published, "day", False
    if expr in ("yesterday", "last night", "overnight"):
        return published - timedelta(days=1), "day", False
    if wd:
        back = (published.weekday() - _WEEKDAYS[wd.lower()]) % 7
        return published - timedelta(days=back), "day", False
    if unit:
        unit = unit.lower()
        if expr.startswith(("next", "coming")):
            if unit == "month":
                return _shift_months(published, 1), "month", True
            return published + timedelta(days=7), "week", True
        if expr.startswith(("this", "earlier this")):
            return published, "week" if unit != "month" else "month", False
        if unit == "weekend":
            return published - timedelta(days=(published.weekday() - 5) % 7 or 7), "week", False
        if unit == "week":
            return published - timedelta(days=7), "week", False
        return _shift_months(published, -1), "month", False
    if agounit:
        count = _count(n)
        unit = agounit.lower().rstrip("s")
        if unit == "day":
            return published - timedelta(days=count), "day", False
        if unit == "week":
            return published - timedelta(days=7 * count), "week", False
        return _shift_months(published, -count), "month", False
    if wunit or wunit2:
        unit = (wunit or wunit2).lower()
        count = _count(wn) if wunit else (2 if unit.startswith("two") else 3 if unit.startswith("three") else 1)
        if within and within.lower() == "over" and wn is None:
            return None
        if "month" in unit:
            return _shift_months(published, count), "week", True
        if "week" in unit:
            return published + timedelta(days=7 * count), "week", True
        return published + timedelta(days=count), "day", True
    if endunit:
        unit = endunit.lower()
        if unit == "week":
            return published + timedelta(days=6 - published.weekday()), "week", True
        if unit == "month":
            last = calendar.monthrange(published.year, published.month)[1]
            return date(published.year, published.month, last), "week", True
        return date(published.year, 12, 31), "month", True
    # "over the past few days", "in recent days", "recently": within the week before the report.
    if "recently" in expr or "recent" in expr or "past" in expr or "last" in expr:
        return published - timedelta(days=3), "week", False
    return None


class WordDates:
    """The date reader of a language pack other than English (French, Arabic, Russian), from the pack's words:

    - ``day_month``: a day, a month name and maybe a year, as three groups ("15 décembre 2024"). Without a year,
      a month more than one after the publication month is last year's ("28 décembre" in a January report). A
      date after ``deadline_before`` (within ``deadline_reach`` characters) is a deadline.
    - ``end_of``: "by the end of the month/year", the unit as group 1 (``month_word`` names the month): a deadline.
    - ``numeric``: day, month and year in digits, as three groups ("07/01/2025").
    - ``relative_day``: group 1 a word of ``days_back`` ("hier": 1) or ending in a weekday of ``weekdays``
      (Monday first): the last such day up to the publication day.

    ``normalise`` maps the lower-cased sentence to the text the patterns read, character for character (Arabic
    spelling variants). The keyword-gate flags of :class:`~drawdown.extract.lang.DateReader` are accepted and
    ignored: these patterns are cheap.
    """

    def __init__(
        self,
        *,
        months: Mapping[str, int],
        weekdays: tuple[str, ...],
        day_month: re.Pattern[str],
        end_of: re.Pattern[str],
        month_word: str,
        numeric: re.Pattern[str],
        relative_day: re.Pattern[str],
        days_back: Mapping[str, int],
        deadline_before: re.Pattern[str],
        deadline_reach: int = 20,
        normalise: Callable[[str], str] | None = None,
    ) -> None:
        self.months, self.weekdays, self.days_back = months, weekdays, days_back
        self.day_month, self.end_of, self.month_word = day_month, end_of, month_word
        self.numeric, self.relative_day = numeric, relative_day
        self.deadline_before, self.deadline_reach = deadline_before, deadline_reach
        self.normalise = normalise

    def __call__(
        self,
        sentence: str,
        published: date,
        offset: int = 0,
        *,
        lowered: str | None = None,
    ) -> list[DateMention]:
        text = sentence.lower() if lowered is None else lowered
        if self.normalise is not None:
            text = self.normalise(text)
        out: list[DateMention] = []
        for m in self.day_month.finditer(text):
            day_text, month_text, year_text = m.groups()
            month = self.months[month_text]
            year = int(year_text) if year_text else published.year
            if not year_text and month > published.month + 1:
                year -= 1
            day = calendar_day(year, month, int("".join(ch for ch in day_text if ch.isdigit())))  # "1er": 1
            if day is not None:
                reach = max(0, m.start() - self.deadline_reach)
                deadline = self.deadline_before.search(text, reach, m.start()) is not None
                written = year_text is not None
                out.append(DateMention(day, "day", offset + m.start(), offset + m.end(), deadline, written))
        for m in self.end_of.finditer(text):
            if m.group(1) == self.month_word:
                end = published.replace(day=calendar.monthrange(published.year, published.month)[1])
            else:
                end = date(published.year, 12, 31)
            out.append(DateMention(end, "month", offset + m.start(), offset + m.end(), True))
        for m in self.numeric.finditer(text):
            day_n, month_n, year_n = (int(g) for g in m.groups())
            day = calendar_day(year_n, month_n, day_n) if 1 <= month_n <= 12 else None
            if day is not None:
                out.append(DateMention(day, "day", offset + m.start(), offset + m.end(), written=True))
        for m in self.relative_day.finditer(text):
            word = m.group(1)
            if word in self.days_back:
                day = published - timedelta(days=self.days_back[word])
            else:
                day = published - timedelta(days=(published.weekday() - self.weekdays.index(word.split()[-1])) % 7)
            out.append(DateMention(day, "day", offset + m.start(), offset + m.end()))
        return sorted(out, key=lambda d: d.start)
