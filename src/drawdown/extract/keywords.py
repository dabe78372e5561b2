"""Keyword gates: one Aho-Corasick pass over a report says, for each sentence, which patterns could match in it.

Python's ``re`` costs a few microseconds per search even when a sentence holds nothing the pattern looks for, and
the extractor runs some forty patterns per sentence. Every pattern that the extractor gates is reduced here to
*clauses* of necessary literals: every sentence the pattern matches in holds, in its lower-cased text, at least
one literal of each clause (a literal marked ``CASED``, of a pattern run on the text as written, is held as
written: "US"). A sentence that misses a clause cannot match, so the pattern is not run there; elsewhere it runs
exactly as before. Gating therefore never changes a result, only skips searches that would have found nothing.

The literals are read from the pattern itself (its parse tree), not written by hand, so they cannot drift from the
rules. Whatever the reader does not understand (character classes such as ``\\w``, back-references, unknown
constructs) only weakens a gate, down to "always run", never makes it drop a match:

- a sequence needs every one of its parts: its runs of fixed text (joined across optional parts and small
  alternations: "pull" + "ed|ing" + " out") and its parts' own clauses, of which the most selective are kept;
- an alternation needs one of its branches, so the branches' clauses are joined (none if a branch has none);
- an optional part, a negative look-around and a zero-width assertion need nothing;
- a positive look-around needs its content, which lies inside the searched sentence;
- under ``re.IGNORECASE`` the letters i and s are not literal (İ, ı and ſ match them but do not lower-case to them);
- only ASCII characters are literal (``lexicon.lower`` maps an ASCII letter to its lower case whatever surrounds it).

Which clause is "most selective" is a guess (longer literals, capitals and digits are rarer); a poor guess costs
time, never a match. The site and place gates take one word of each name from the gazetteer instead.
"""

from __future__ import annotations

import importlib
import math
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick

# The parser behind re.compile (``sre_parse`` before Python 3.11, deprecated since). Private, but its tree has kept
# the same shape for decades; anything in it this module does not know makes a gate weaker, never wrong.
_sre: Any = importlib.import_module("re._parser")

# Literal sets grow by concatenation ("pull" x "ed|ing|s"); past this many strings a run is cut and restarted.
_MAX_EXACT = 256
# Letters that re.IGNORECASE matches to characters whose lower case is not the letter (İ, ı, ſ).
_UNSAFE_IGNORECASE = frozenset("is")
# A literal to be found in the report as written rather than lower-cased starts with this mark. Only patterns run on
# the text as written have such literals: "US" or "UN" as capitals are rare where "us" and "un" are everywhere.
CASED = "\x01"
# Passed down with the pattern's flags: the pattern runs on the text as written.
_AS_WRITTEN = 1 << 30


Clause = frozenset[str]  # literals one of which the text holds
# Clauses kept per node: a gate passes where every clause has a literal, so more clauses make it sharper.
_MAX_CLAUSES = 3
# The rarity (see _rarity) the commonest literal of a gate's second or third clause must reach.
_SECOND_CLAUSE = 5.0


@dataclass(frozen=True)
class _Info:
    """What a node of the tree tells about the text it matches.

    ``need``: clauses, all of which the searched text satisfies (it holds a literal of each), best first; empty when
    nothing is known. ``pre`` and ``suf``: strings one of which every match starts (ends) with; ``{""}`` when
    nothing is known. For a node that matches only a few fixed strings (a literal, ``ed|ing``), ``pre`` and ``suf``
    are those strings and ``exact`` is set.
    """

    need: tuple[Clause, ...] = ()
    pre: frozenset[str] = frozenset({""})
    suf: frozenset[str] = frozenset({""})
    exact: bool = False
    # For an alternation: its branches, so that a sequence can join what precedes it to each branch on its own.
    alts: tuple[_Info, ...] = ()


_NOTHING = _Info()
_EMPTY = _Info(exact=True)


def _plain(literal: str) -> str:
    """The literal as it would be found in lower-cased text."""
    return literal[1:].lower() if literal.startswith(CASED) else literal


def _cat(a: str, b: str) -> str:
    if not a or not b:
        return a or b
    if a.startswith(CASED) and b.startswith(CASED):
        return a + b[1:]
    return _plain(a) + _plain(b)


def _implies(found: str, shorter: str) -> bool:
    """Whether finding ``found`` in a sentence means ``shorter`` is in it too."""
    if shorter.startswith(CASED):
        return found.startswith(CASED) and shorter[1:] in found[1:]
    return shorter in _plain(found)


def _rarity(literal: str) -> float:
    """How selective a literal is likely to be: longer is rarer (a space or a comma counts half a letter), a word
    with a digit or written with a capital ("US") rarer than one in small letters."""
    text = _plain(literal)
    rarity = sum(1.0 if c.isalnum() else 0.5 for c in text)
    if any(c.isdigit() for c in text):
        rarity += 0.5
    if literal.startswith(CASED) and len(text) > 1 and any(c.isupper() for c in literal):
        rarity += 3.0
    return rarity


def _score(clause: Clause) -> float:
    """Higher for a clause less likely to hold in a sentence: each literal's chance taken to fall by a factor e
    per letter, a clause's chance is about their sum."""
    return -sum(math.exp(-_rarity(s)) for s in clause)


def _weakest(clause: Clause) -> float:
    return min(_rarity(s) for s in clause)


def _minimal(strings: Iterable[str]) -> Clause:
    """Drop every string that contains a shorter one of the set: finding the shorter one suffices."""
    kept: list[str] = []
    for s in sorted(set(strings), key=lambda x: (len(_plain(x)), x)):
        if not any(_implies(s, k) for k in kept):
            kept.append(s)
    return frozenset(kept)


def _best(clauses: Iterable[Clause]) -> tuple[Clause, ...]:
    unique = {c for c in clauses if c and "" not in c}
    return tuple(sorted(unique, key=lambda c: (_score(c), sorted(c)), reverse=True)[:_MAX_CLAUSES])


def _fixed(strings: frozenset[str]) -> _Info:
    return _Info(_best([_minimal(strings)]), strings, strings, True)


def _product(a: frozenset[str], b: frozenset[str]) -> frozenset[str] | None:
    if len(a) * len(b) > _MAX_EXACT:
        return None
    return frozenset(_cat(x, y) for x in a for y in b)


def _char(code: int, flags: int) -> str | None:
    ch = chr(code)
    if not ch.isascii():
        return None
    if flags & re.IGNORECASE:
        return None if ch.lower() in _UNSAFE_IGNORECASE else ch.lower()
    return CASED + ch if flags & _AS_WRITTEN else ch.lower()


def _in(items: list[tuple[Any, Any]], flags: int) -> _Info:
    chars: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            ch = _char(av, flags)
            if ch is None:
                return _NOTHING
            chars.add(ch)
        elif op is _sre.RANGE and av[1] - av[0] < 16:
            for code in range(av[0], av[1] + 1):
                ch = _char(code, flags)
                if ch is None:
                    return _NOTHING
                chars.add(ch)
        else:  # a negated set, a category such as \w or \d, a wide range
            return _NOTHING
    return _fixed(frozenset(chars))


def _node(op: Any, av: Any, flags: int) -> _Info:
    if op is _sre.LITERAL:
        ch = _char(av, flags)
        return _NOTHING if ch is None else _fixed(frozenset({ch}))
    if op is _sre.IN:
        return _in(av, flags)
    if op is _sre.AT or op is _sre.ASSERT_NOT:
        return _EMPTY  # zero-width, and a negative look-around needs nothing
    if op is _sre.ASSERT:
        # A positive look-around consumes nothing but needs its content in the searched text.
        return _Info(need=_sequence(av[1], flags).need, exact=True)
    if op is _sre.SUBPATTERN:
        _group, add, remove, sub = av
        return _sequence(sub, (flags | add) & ~remove)
    if op is _sre.ATOMIC_GROUP:
        return _sequence(av, flags)
    if op is _sre.BRANCH:
        return _branch(av[1], flags)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, high, sub = av
        inner = _sequence(sub, flags)
        if low == 0:
            return _fixed(inner.pre | {""}) if high == 1 and inner.exact else _NOTHING
        if low == high == 1:
            return inner
        return _Info(inner.need, inner.pre, inner.suf)
    return _NOTHING


def _union(sets: list[frozenset[str]]) -> frozenset[str]:
    union = frozenset(s for each in sets for s in each)
    return union if len(union) <= _MAX_EXACT else frozenset({""})


def _branch(branches: list[Any], flags: int) -> _Info:
    """An alternation needs one of its branches. (A1 and A2) or (B1 and B2) implies (A1 or B1) and (A2 or B2): the
    branches' clauses are joined rank by rank (a branch with fewer clauses lends its last to the later ranks)."""
    infos = [_sequence(b, flags) for b in branches]
    if all(i.exact for i in infos):
        union = frozenset(s for i in infos for s in i.pre)
        if len(union) <= _MAX_EXACT:
            return _fixed(union)
    need: tuple[Clause, ...] = ()
    if all(i.need for i in infos):
        ranks = max(len(i.need) for i in infos)
        need = _best(_minimal(s for i in infos for s in i.need[min(r, len(i.need) - 1)]) for r in range(ranks))
    return _Info(need, _union([i.pre for i in infos]), _union([i.suf for i in infos]), alts=tuple(infos))


def _spread(run: frozenset[str], alts: tuple[_Info, ...]) -> Clause | None:
    """A clause for a run of fixed text followed by an alternation: ``t(?:artus|[^a-z]+4)`` needs "tartus" or "4".

    Each branch gives its best clause: the run joined to its prefixes, or one of its own clauses.
    """
    chosen: list[Clause] = []
    for alt in alts:
        options = list(alt.need)
        joined = _product(run, alt.pre)
        if joined is not None and "" not in joined:
            options.append(_minimal(joined))
        if not options:
            return None
        chosen.append(max(options, key=_score))
    return _minimal(s for clause in chosen for s in clause)


def _sequence(items: Sequence[tuple[Any, Any]], flags: int) -> _Info:
    """A sequence needs all of its parts: its literal runs (fixed strings joined, with the prefix of what follows
    and the suffix of what precedes them) and its parts' own clauses."""
    clauses: list[Clause] = []
    run: frozenset[str] = frozenset({""})
    lead: frozenset[str] | None = None  # the prefixes of the whole sequence, once its first open part is seen
    exact = True

    def keep(strings: frozenset[str]) -> None:
        if "" not in strings:
            clauses.append(_minimal(strings))

    for op, av in items:
        info = _node(op, av, flags)
        clauses.extend(info.need)
        if info.alts and not info.exact and run != frozenset({""}):
            spread = _spread(run, info.alts)
            if spread is not None:
                clauses.append(spread)
        joined = _product(run, info.pre)
        if info.exact and joined is not None:
            run = joined
            continue
        keep(joined if joined is not None else run)
        if lead is None:
            lead = joined if joined is not None else run
        exact = False
        run = info.pre if info.exact else info.suf
    keep(run)
    if exact:
        return _Info(_best(clauses), run, run, True)
    alts = _node(*items[0], flags).alts if len(items) == 1 else ()
    return _Info(_best(clauses), lead if lead is not None else frozenset({""}), run, alts=alts)


def required_literals(
    pattern: re.Pattern[str], min_len: float = 2, as_written: bool = False, second: float = _SECOND_CLAUSE
) -> tuple[Clause, ...] | None:
    """Clauses of strings: every string ``pattern`` finds a match in holds a string of each clause, in its
    lower-cased text (a plain string) or as written (a string marked with ``CASED``).

    ``as_written``: the pattern is searched in the text as written, not lower-cased, so its case-sensitive
    literals keep their case. Clauses whose commonest literal is shorter than ``min_len`` (see ``_rarity``) are
    left out (a gate on single letters would pass nearly every sentence and only cost time), and clauses after the
    first unless that literal reaches ``second``; ``None`` when none is left, or the pattern cannot be read.
    """
    try:
        parsed = _sre.parse(pattern.pattern, pattern.flags)
        flags = parsed.state.flags | (_AS_WRITTEN if as_written else 0)
        need = _sequence(list(parsed), flags).need
    except Exception:  # an unknown construct: no gate, the pattern always runs
        return None
    kept = [c for c in need if _weakest(c) >= min_len]
    if not kept:
        return None
    return (kept[0], *(c for c in kept[1:] if _weakest(c) >= second))


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The lower-cased characters every match of ``pattern`` (searched in lower-cased text) starts with, or None
    when they cannot be read from it: its one-character :func:`prefixes`."""
    return prefixes(pattern, 1)


def longest_match(pattern: re.Pattern[str]) -> int:
    """The most characters a match of ``pattern`` can span (ValueError if it has no bound, as a repeat has none)."""
    width = int(_sre.parse(pattern.pattern, pattern.flags).getwidth()[1])
    if width >= _sre.MAXREPEAT:
        raise ValueError(f"a match of {pattern.pattern!r} has no longest length")
    return width


def prefixes(pattern: re.Pattern[str], n: int) -> frozenset[str] | None:
    """Strings every match of ``pattern`` (searched in lower-cased text) starts with, cut to ``n`` characters (a
    shorter one: the match may go on with anything), or None when they cannot be read from it.

    A top-level alternation (between zero-width assertions such as ``\b``, which consume nothing) is read branch
    by branch, so that a long list of words keeps its prefixes (read whole, their number passes ``_MAX_EXACT`` and
    nothing is known). A prefix of a match of the alternation alone is a prefix of a match of the whole.
    """
    try:
        parsed = _sre.parse(pattern.pattern, pattern.flags)
        items = list(parsed)
        flags = parsed.state.flags
        while items and items[0][0] is _sre.AT:
            items = items[1:]
        while len(items) > 1 and items[-1][0] is _sre.AT:
            items = items[:-1]
        branches = items[0][1][1] if len(items) == 1 and items[0][0] is _sre.BRANCH else [items]
        out: set[str] = set()
        for branch in branches:
            pre = _sequence(list(branch), flags).pre
            if not pre or "" in pre:
                return None
            out.update(p[:n] for p in pre)
    except Exception:  # an unknown construct: any start
        return None
    return frozenset(out)


class KeywordGates:
    """Named gates over one automaton. ``masks`` gives each sentence of a report a bit per clause with a literal in
    it; a gate passes a sentence when all of its clauses' bits are set (:meth:`need` gives that set of bits).

    One automaton scans the lower-cased report: scanning costs about the same per character whatever the number of
    literals, so a second scan of the text as written would double it. A literal to be found as written ("US") is
    looked for lower-cased ("us") and checked against the text where that is found.
    """

    def __init__(self, gates: Mapping[str, tuple[Clause, ...] | None]) -> None:
        self._need: dict[str, int] = {}
        plain: dict[str, int] = {}  # lower-cased literal -> the bits of its clauses
        written: dict[str, dict[str, int]] = {}  # lower-cased -> literal as written -> the bits of its clauses
        bit = 1
        for name, clauses in gates.items():
            need = 0
            for clause in clauses or ():  # None: no gate, the pattern runs on every sentence as before
                need |= bit
                for literal in clause:
                    if literal.startswith(CASED):
                        as_written = written.setdefault(_plain(literal), {})
                        as_written[literal[1:]] = as_written.get(literal[1:], 0) | bit
                    else:
                        plain[literal] = plain.get(literal, 0) | bit
                bit <<= 1
            self._need[name] = need
        self._automaton: Any = None
        if plain or written:
            self._automaton = ahocorasick.Automaton()
            for key in plain.keys() | written.keys():
                checks = tuple((word, len(word) - 1, bits) for word, bits in written.get(key, {}).items())
                self._automaton.add_word(key, (plain.get(key, 0), checks))
            self._automaton.make_automaton()

    def need(self, name: str) -> int:
        """The bits a sentence's mask must all have for the gate to pass (0: no gate, it always passes)."""
        return self._need.get(name, 0)

    def masks(self, text: str, lowered: str, starts: Sequence[int]) -> list[int]:
        """One mask per sentence: a clause's bit is set when one of its literals ends inside the sentence.

        ``text`` is the report, ``lowered`` the same lower-cased with ``lexicon.lower`` (same offsets: an ASCII
        letter as written is found at the same place lower-cased) and ``starts`` the sentences' offsets in it, in
        order. A literal that ends in the gap after a sentence, or straddles two, only sets a bit needlessly.
        """
        # masks[0] collects the hits before the first sentence (dropped); sentence k's mask is masks[k + 1].
        masks = [0] * (len(starts) + 1)
        if self._automaton is None or not starts:
            return masks[1:]
        # Hits come in the order of their ends, so the starts are walked along with them instead of bisected for
        # every hit (~70 hits, ~20 sentences a report): ``i`` is bisect_right(starts, end), the number of sentences
        # starting at or before the hit's end, and ``bound`` the start after those, the first end that changes it.
        # The bits of the hits in one sentence are gathered in ``found`` and stored once ``i`` moves on (it only
        # grows, so each mask is stored once).
        i, bound, last, found = 0, starts[0], len(starts), 0
        for end, (bits, checks) in self._automaton.iter(lowered):
            if checks:  # a literal also looked for as written ("us": "US"); most have none
                for word, back, more in checks:
                    if text.startswith(word, end - back):
                        bits |= more
            if end >= bound:
                masks[i] = found
                found = 0
                i = bisect_right(starts, end, i)
                bound = starts[i] if i < last else len(lowered)
            found |= bits
        masks[i] = found
        return masks[1:]
