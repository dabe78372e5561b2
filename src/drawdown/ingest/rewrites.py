"""Rewrites: machine-reworded copies that lexical MinHash misses (their 5-shingle Jaccard is under 0.1).

Detectors share one small Protocol so a second method can be swapped in: a claim-overlap detector (same sites,
actions, quantities and dates) once the Extract stage lands, or sentence embeddings. The one shipped here is
offline and dependency-free: a rewrite keeps the *facts* of its source (numbers, names, the rare content words)
and changes the wording around them, while an independent report of the same event shares the place names and
the topic but not the particular details. So the score is an overlap of stemmed content words in which the
detail-bearing tokens (numbers and capitalised names) weigh more.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Final, Protocol

# Function words and news filler that every story shares; written for this detector, not taken from a list.
_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers him his how i if in into is it its itself just may me might more most must my no nor not now of off on
once only or other our ours out over own said same say says she should since so some such than that the their
theirs them then there these they this those through to too under until up upon very was we were what when
where which while who whom why will with would you your yet according reported reports report reportedly told
tell stated state noted note added add described describe news one two week day days
"""
STOPWORDS: Final = frozenset(_STOP_TEXT.split())
# Numbers and mid-sentence capitalised names carry the details a rewrite keeps; weight 3 against 1 for other
# content words. Both figures were chosen on tests/data/rewrites/stories.json plus the seed's three sections
# (15 same-origin pairs: copies 0.89-0.93, rewrites 0.45-0.77; 42 different-origin pairs: independent reports
# of the same event 0.16-0.33, unrelated stories 0.02-0.30). 0.4 sits in the gap: precision 1.0, recall 1.0 on
# that set, which is small and was also used to choose the threshold (tests/ingest/test_rewrites.py pins it).
ANCHOR_WEIGHT: Final = 3.0
REWRITE_THRESHOLD: Final = 0.4
# Below a dozen content terms two different one-line items ("Report 0 on Qamishli", "Report 1 on Qamishli")
# overlap by chance; the shortest text in the labelled set has 38. Short items can still be exact or near copies.
MIN_TERMS: Final = 12

_TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SUFFIXES: Final = ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "ly", "s")


@functools.lru_cache(maxsize=262_144)  # a news vocabulary fits; stemming was 40 % of ingest time uncached
def stem(word: str) -> str:
    """A crude suffix stripper: enough to meet "withdrawing" and "withdrawal"'s cousins half way."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class TermProfile:
    """The weighted content terms of a text: stems of content words, with numbers and names weighing more."""

    weights: dict[str, float] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> TermProfile:
        weights: dict[str, float] = {}
        sentence_start = True
        for match in _TOKEN.finditer(text):
            token = match.group()
            lower = token.lower()
            following = text[match.end() : match.end() + 2]
            if (lower not in STOPWORDS and len(lower) > 1) or token.isdigit():
                term = lower if token.isdigit() else stem(lower)
                anchor = token.isdigit() or (token[0].isupper() and not sentence_start)
                weight = ANCHOR_WEIGHT if anchor else 1.0
                weights[term] = max(weights.get(term, 0.0), weight)
            sentence_start = following[:1] in {".", "!", "?", ":"}
        return cls(weights)

    @property
    def mass(self) -> float:
        return sum(self.weights.values())

    def overlap(self, other: TermProfile) -> float:
        """Weighted overlap over the smaller profile (a rewrite may pad or trim its source)."""
        small, large = (self, other) if self.mass <= other.mass else (other, self)
        if len(small.weights) < MIN_TERMS:
            return 0.0
        shared = sum(min(w, large.weights[t]) for t, w in small.weights.items() if t in large.weights)
        return shared / small.mass


class RewriteDetector(Protocol):
    """Decides whether ``b`` retells ``a`` (same origin) rather than reporting the same event independently."""

    name: str
    threshold: float

    def score(self, a: str, b: str) -> float: ...


class TermOverlapDetector:
    """Weighted content-term overlap; see the module docstring for why it separates rewrites from corroboration."""

    name = "term-overlap"

    def __init__(self, threshold: float = REWRITE_THRESHOLD) -> None:
        self.threshold = threshold

    def score(self, a: str, b: str) -> float:
        return TermProfile.of(a).overlap(TermProfile.of(b))

    def is_rewrite(self, a: str, b: str) -> bool:
        return self.score(a, b) >= self.threshold


def content_terms(text: str) -> list[str]:
    """The content stems of a text, for the MinHash that finds rewrite candidates before they are scored.

    The same terms as :meth:`TermProfile.of` without the weights (which only the scoring needs), on a fast path.
    """
    return terms_of(_TOKEN.findall(text.lower()))


def terms_of(tokens: list[str]) -> list[str]:
    """Content stems of lowercase tokens (stop words and one-letter words dropped, numbers kept as they are)."""
    # Set algebra and a memo looked up through map(): the per-word Python work happens once per distinct word
    # ever seen, not once per token (it was the largest single cost of signing in bench_ingest.py).
    terms = set(map(_TERM_OF.__getitem__, set(tokens)))
    terms.discard("")
    return list(terms)


class _TermMemo(dict[str, str]):
    """token -> its content term, or "" for a stop word or a one-letter word; filled on first use."""

    def __missing__(self, word: str) -> str:
        if len(self) > 1_000_000:  # bounded: a hostile corpus of unique junk tokens cannot grow it forever
            self.clear()
        term = word if word.isdigit() else ("" if word in STOPWORDS or len(word) < 2 else stem(word))
        self[word] = term
        return term


_TERM_OF = _TermMemo()
