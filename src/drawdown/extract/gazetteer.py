"""Find the case's sites in text by their names, aliases and misspellings.

``find`` matches whole words, case-insensitively and ignoring accents, and resolves a town or province to its one
site. ``locate`` (used by the extractor) adds typo and transliteration tolerance (rapidfuzz) and resolves a place
that holds several sites by the kind of installation the sentence names ("the airport in Hasakah").
"""

from __future__ import annotations

import re
import unicodedata
from operator import attrgetter
from typing import NamedTuple

from rapidfuzz import fuzz, process

from drawdown.case import Case, fold
from drawdown.extract.lang import declensions
from drawdown.extract.lexicon import factor, lower

# Fuzzy matches need a similarity of at least this much (rapidfuzz ratio, 0-100). 86 accepts one edit in a
# seven-letter name ("Hmeimin", "Tartos") and transliterations ("Hmeimeem" scores 86.7 against "hmeimim") while
# "Tarsus" (a Turkish city, 83 against "tartus") and "Tiyan" stay out; chosen on the dev split of the corpus.
FUZZY_CUTOFF = 86
# Shorter words are too easily one edit away from an unrelated word ("T4" vs "T5", "Homs" vs "Home").
FUZZY_MIN_LEN = 6
# A capitalised word of six letters or more. The capital comes first and the word boundary before it is checked
# after it ("\b[A-Z]" is "[A-Z] not after a word character"): a pattern that starts with a character class lets
# the engine skip to the capitals, twice as fast on news prose. The same matches.
_CAPWORD_RE = re.compile(r"[A-Z](?<!\w[A-Z])[A-Za-z\u00C0-\u024F'-]{5,}\b")
# Words an installation's kind is called by; they pick one site among a place's several.
_KIND_WORDS = {
    "air_base": r"air\s*base|airbase|airfield|air field|airport|military airport",
    "airport": r"airport|airfield|air\s*base|airbase",
    "naval_facility": r"naval|port|harbou?r|navy",
    "observation_post": r"posts?|outposts?|positions?",
    "post_group": r"posts|outposts|positions",
    "area": r"area|region|district|town",
}


class Mention(NamedTuple):  # a named tuple: built in C, several per sentence
    site_id: str
    start: int
    end: int
    surface: str
    via_place: bool = False  # named by a town or province that stands for the site, not by the site's own name


class _Unaccented(dict[int, str]):
    """Each character without its accents, worked out on first sight: a table for ``str.translate``."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        base = unicodedata.normalize("NFKD", ch)
        kept = "".join(c for c in base if not unicodedata.combining(c))
        self[code] = out = kept if len(kept) == 1 else ch
        return out


_UNACCENTED = _Unaccented()


def _strip_accents(text: str) -> str:
    # One-to-one per character, so offsets in the stripped text are offsets in the original.
    if text.isascii():  # most news text: nothing to strip
        return text
    return text.translate(_UNACCENTED)


class Gazetteer:
    """Site names of one case, compiled into one regular expression."""

    def __init__(
        self,
        names: dict[str, str],
        places: dict[str, tuple[str, ...]] | None = None,
        kinds: dict[str, str] | None = None,
        stop: frozenset[str] = frozenset(),
        place_keys: frozenset[str] = frozenset(),
        prefixes: str = "",
    ) -> None:
        # ``prefixes``: a pattern of what may be attached in front of a name (Arabic clitics: "بحميميم", "وطرطوس");
        # the name is then the pattern's first group, and a mention spans the name alone.
        lead = f"(?:{prefixes})?(" if prefixes else ""
        tail = ")" if prefixes else ""
        self._group = 1 if prefixes else 0
        # lookup key -> site id. Longest first, so that "Tartus port" wins over "Tartus".
        self._owner = names
        ordered = sorted(names, key=len, reverse=True)
        # Between words, any run of punctuation or space: the same rule as fold(), so what matches also looks up.
        alternation = "|".join(r"[\W_]+".join(re.escape(word) for word in key.split(" ")) for key in ordered)
        self._pattern = re.compile(rf"(?<!\w){lead}(?:{alternation}){tail}(?!\w)", re.IGNORECASE) if ordered else None
        # The same names matched against lower-cased text: several times faster than IGNORECASE on a long
        # alternation, and the names are folded to lower case already.
        self._lower_pattern = re.compile(rf"(?<!\w){lead}(?:{factor(alternation)}){tail}(?!\w)") if ordered else None
        # Places holding several sites, by folded name; matched separately because they need the sentence.
        self._places = places or {}
        self._kinds = kinds or {}
        multi = sorted(self._places, key=len, reverse=True)
        place_alt = "|".join(r"[\W_]+".join(re.escape(w) for w in key.split(" ")) for key in multi)
        self._place_pattern = re.compile(rf"(?<!\w){lead}(?:{place_alt}){tail}(?!\w)") if multi else None
        # One-word names long enough to be matched fuzzily.
        self._fuzzy_names = [k for k in names if " " not in k and len(k) >= FUZZY_MIN_LEN]
        self._stop = stop
        self._place_keys = place_keys
        # Fuzzy look-ups repeat across reports (the same misspelling, the same ordinary capitalised words).
        self._fuzzy_cache: dict[str, str | None] = {}
        # The words of that cache that are no site's misspelling, for a test of a sentence's words all at once.
        self._no_site: set[str] = set()
        # fold() of the names as matched ("Tartus", "T-4"): a handful of spellings per name, and fold() normalises
        # Unicode, which costs more than the rest of a name's look-up.
        self._keys: dict[str, str] = {}

    @classmethod
    def from_case(
        cls, case: Case, prefixes: str = "", endings: tuple[tuple[str, tuple[str, ...]], ...] = ()
    ) -> Gazetteer:
        """The case's names. ``prefixes`` and ``endings``: a language pack's NAME_PREFIXES and NAME_ENDINGS (each
        name is then also looked for in its other case forms, "Тартусе" and "Тартуса" for "Тартус")."""

        def keys(name: str) -> tuple[str, ...]:
            return tuple(dict.fromkeys(fold(form) for form in (name, *declensions(name, endings))))

        names: dict[str, str] = {}
        places: dict[str, tuple[str, ...]] = {}
        place_keys: set[str] = set()
        for site in case.sites:
            for name in site.names:
                for key in keys(name):
                    names.setdefault(key, site.id)
        # A town or province that contains exactly one site stands for it ("the Quneitra countryside");
        # one that contains several is ambiguous and is left to the Extract stage. Site names win on conflict.
        for place in case.places:
            if len(place.sites) == 1:
                for key in (k for name in (place.name, *place.aliases) for k in keys(name)):
                    if key not in names:
                        place_keys.add(key)
                    names.setdefault(key, place.sites[0])
            else:
                for key in (k for name in (place.name, *place.aliases) for k in keys(name)):
                    if key not in names:
                        places.setdefault(key, place.sites)
        # Words that must never be fuzzily read as a site: the theatre and the actor's names.
        stop = {fold(w) for w in (case.theatre, case.actor.short, *case.actor.aliases)}
        kinds = {s.id: s.kind for s in case.sites}
        return cls(names, places, kinds, frozenset(stop), frozenset(place_keys), prefixes)

    def find(self, text: str, folded: str | None = None, start: int = 0) -> list[Mention]:
        """Every site mention in ``text``, in order, with character offsets into ``text``.

        ``folded``: ``text`` lower-cased and accent-free, if the caller has it; ``start``: where its first name
        starts, if the caller's search found it (no name starts before, so the mentions are the same).
        """
        if self._lower_pattern is None:
            return []
        mentions = []
        folded = lower(_strip_accents(text)) if folded is None else folded
        keys, owner, place_keys, group = self._keys, self._owner, self._place_keys, self._group
        for match in self._lower_pattern.finditer(folded, start):
            matched = match.group(group)
            key = keys.get(matched) or self._key(matched)
            a, b = match.span(group)
            mentions.append(Mention(owner[key], a, b, text[a:b], key in place_keys))
        return mentions

    def _key(self, matched: str) -> str:
        key = self._keys.get(matched)
        if key is None:
            key = fold(matched)
            if len(self._keys) < 100_000:
                self._keys[matched] = key
        return key

    def sites_in(self, text: str) -> set[str]:
        return {m.site_id for m in self.find(text)}

    @property
    def lower_pattern(self) -> re.Pattern[str] | None:
        """The names as one pattern for lower-cased, accent-free text (the fast test the extractor uses)."""
        return self._lower_pattern

    @property
    def pattern(self) -> re.Pattern[str] | None:
        """The compiled name pattern (exact names only), for a fast first pass over a whole report."""
        return self._pattern

    @property
    def place_pattern(self) -> re.Pattern[str] | None:
        """The names of places holding several sites, for lower-cased, accent-free text."""
        return self._place_pattern

    def locate(
        self,
        sentence: str,
        offset: int = 0,
        names: bool = True,
        places: bool = True,
        folded: str | None = None,
        first_name: int = 0,
    ) -> list[Mention]:
        """Site mentions in one sentence: exact names, then places resolved by kind, then fuzzy spellings.

        Offsets are shifted by ``offset`` so that they index the whole report. ``names=False`` skips the exact
        names, and ``places=False`` the places, for a caller that already knows the sentence holds none.
        ``folded`` and ``first_name`` as for :meth:`find`.
        """
        found = self.find(sentence, folded, first_name) if names else []
        named = len(found)  # the names come in order: the list needs sorting only if more are added
        # Every capitalised word already known to be no misspelt site (most sentences) adds nothing: the loop over
        # them below is skipped after one look-up of them all.
        fuzzy = bool(self._fuzzy_names) and not self._no_site.issuperset(_CAPWORD_RE.findall(sentence))
        if not fuzzy and not (places and self._place_pattern is not None):
            return self._shifted(found, offset)
        taken = [(m.start, m.end) for m in found]

        def free(a: int, b: int) -> bool:
            return not any(x < b and a < y for x, y in taken)

        if places and self._place_pattern is not None:
            folded = lower(_strip_accents(sentence)) if folded is None else folded
            for match in self._place_pattern.finditer(folded):
                a, b = match.span(self._group)
                if not free(a, b):
                    continue
                site_id = self._resolve_place(self._places[fold(match.group(self._group))], sentence, a, b)
                if site_id is not None:
                    found.append(Mention(site_id, a, b, sentence[a:b], via_place=True))
                    taken.append((a, b))
        if fuzzy:
            for match in _CAPWORD_RE.finditer(sentence):
                # Looked up before the overlap test, which decides only whether a site found is kept: so the words
                # of the names found (most capitalised words here) are learnt as no misspelling too.
                site_id = self._fuzzy_site(match.group(0))
                if site_id is not None and free(match.start(), match.end()):
                    found.append(Mention(site_id, match.start(), match.end(), match.group(0)))
                    taken.append((match.start(), match.end()))
        if len(found) > named:
            found.sort(key=attrgetter("start"))
        return self._shifted(found, offset)

    @staticmethod
    def _shifted(found: list[Mention], offset: int) -> list[Mention]:
        if not offset:
            return found
        return [Mention(m.site_id, m.start + offset, m.end + offset, m.surface, m.via_place) for m in found]

    def _fuzzy_site(self, word: str) -> str | None:
        """The site a capitalised word is a misspelling of, if any."""
        if word in self._fuzzy_cache:  # keyed by the word as written: fold() costs more than the look-up
            return self._fuzzy_cache[word]
        key = fold(word)
        site_id = None
        if key not in self._owner and key not in self._stop:
            best = process.extractOne(key, self._fuzzy_names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            site_id = self._owner[best[0]] if best is not None else None
        if len(self._fuzzy_cache) < 100_000:
            self._fuzzy_cache[word] = site_id
            if site_id is None:
                self._no_site.add(word)
        return site_id

    def _resolve_place(self, site_ids: tuple[str, ...], sentence: str, start: int, end: int) -> str | None:
        """The one site of a place that the words around it point to ("the airport in Hasakah"), else None."""
        window = sentence[max(0, start - 40) : end + 40]
        hits = [
            s for s in site_ids if s in self._kinds and re.search(rf"\b(?:{_KIND_WORDS.get(self._kinds[s], '$^')})\b",
                                                                   window, re.IGNORECASE)
        ]  # fmt: skip
        return hits[0] if len(hits) == 1 else None
