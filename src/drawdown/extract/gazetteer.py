"""Find the case's sites in text by their names, aliases and misspellings.

This first version matches whole words, case-insensitively and ignoring accents; the Extract issue adds typo
tolerance, transliteration variants and town-to-site resolution behind the same ``find`` interface.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from drawdown.case import Case, fold


@dataclass(frozen=True)
class Mention:
    site_id: str
    start: int
    end: int
    surface: str


def _strip_accents(text: str) -> str:
    # One-to-one per character, so offsets in the stripped text are offsets in the original.
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)
        kept = "".join(c for c in base if not unicodedata.combining(c))
        out.append(kept if len(kept) == 1 else ch)
    return "".join(out)


class Gazetteer:
    """Site names of one case, compiled into one regular expression."""

    def __init__(self, names: dict[str, str]) -> None:
        # lookup key -> site id. Longest first, so that "Tartus port" wins over "Tartus".
        self._owner = names
        ordered = sorted(names, key=len, reverse=True)
        # Between words, any run of punctuation or space: the same rule as fold(), so what matches also looks up.
        alternation = "|".join(r"[\W_]+".join(re.escape(word) for word in key.split(" ")) for key in ordered)
        self._pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE) if ordered else None

    @classmethod
    def from_case(cls, case: Case) -> Gazetteer:
        names: dict[str, str] = {}
        for site in case.sites:
            for name in site.names:
                names.setdefault(fold(name), site.id)
        # A town or province that contains exactly one site stands for it ("the Quneitra countryside");
        # one that contains several is ambiguous and is left to the Extract stage. Site names win on conflict.
        for place in case.places:
            if len(place.sites) == 1:
                for name in (place.name, *place.aliases):
                    names.setdefault(fold(name), place.sites[0])
        return cls(names)

    def find(self, text: str) -> list[Mention]:
        """Every site mention in ``text``, in order, with character offsets into ``text``."""
        if self._pattern is None:
            return []
        mentions = []
        for match in self._pattern.finditer(_strip_accents(text)):
            site_id = self._owner[fold(match.group(0))]
            mentions.append(Mention(site_id, match.start(), match.end(), text[match.start() : match.end()]))
        return mentions

    def sites_in(self, text: str) -> set[str]:
        return {m.site_id for m in self.find(text)}
