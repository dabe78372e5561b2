"""Text forms used to recognise the same content, and the normalised text that later stages read.

What is stored is the original text; what is hashed and matched is a normal form of it. :func:`normalize` also
keeps an offset map, so a span found in the normalised text (by the Extract stage) maps back into the stored
original (claims store spans into the original).
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final


def canonical_text(text: str) -> str:
    """NFC and collapsed whitespace: two files that differ only in line wrapping hash the same."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(text: str) -> str:
    """SHA-256 of :func:`canonical_text`, made a slice at a time: the same digest, without the list of every word
    that ``split`` builds (500 MB for a 50 MB article)."""
    digest = hashlib.sha256()
    separator = b""
    for piece in text_slices(text):
        canonical = canonical_text(piece)
        if canonical:
            digest.update(separator + canonical.encode("utf-8"))
            separator = b" "
    return digest.hexdigest()


# Characters handled at a time by the functions that read a whole text (hashing, signing): about 170,000 words.
SLICE_CHARS: Final = 1 << 20
_SPACE = re.compile(r"\s")


def text_slices(text: str, size: int = SLICE_CHARS) -> Iterator[str]:
    """``text`` in pieces of about ``size`` characters, each cut just before a whitespace character: no word is
    split, and NFC never composes across a cut (a space composes with nothing before it)."""
    start = 0
    while start < len(text):
        end = len(text)
        if start + size < end:
            space = _SPACE.search(text, start + size)
            end = space.start() if space else end
        yield text[start:end]
        start = end


def dedup_key(text: str, url: str | None) -> str:
    """Identity of a stored report: the same content at the same address (or with no address) is one report.

    The same text under another URL is a separate report that joins the first one's origin, so syndication is
    recorded (who republished what) without ever counting as corroboration.
    """
    return f"{content_hash(text)}|{url or ''}"


@dataclass(frozen=True)
class Normalized:
    """Normalised text with, for each of its characters, the original span it came from.

    ``starts[i]:ends[i]`` is the original text behind normalised character ``i``: one character when copied,
    the whole ``&amp;`` for an entity, the first character of a whitespace run, nothing for an inserted space.
    """

    text: str
    original: str
    starts: array[int]
    ends: array[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span that the normalised span ``[start, end)`` was made from."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) is outside the normalised text of {len(self.text)} characters")
        if start == end:
            at = self.starts[start] if start < len(self.text) else len(self.original)
            return at, at
        return self.starts[start], max(self.ends[end - 1], self.starts[start])


_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# One alternation, scanned once. Named groups say what each match becomes:
#   tag / ws: a single space (markup between two words still separates them); invisible: nothing;
#   entity: the character it names; glue: a space inserted where sentence punctuation lost its space
#   ("Syria,according", "equipment.Initial"); mark: a character with combining marks, recomposed (NFC).
# `glue` only fires after a lowercase letter, so "U.S.Army", "1,000" and "example.com" are left alone.
_SPECIAL = re.compile(
    r"(?P<tag></?[A-Za-z!][^<>]{0,500}>)"
    r"|(?P<ws>\s+)"
    r"|(?P<invisible>[\u00ad\u200b-\u200d\u2060\ufeff]+)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,30});)"
    r"|(?P<glue>(?<=[a-z][.!?])(?=[A-Z][a-z])|(?<=[a-z],)(?=[A-Za-z]))"
    rf"|(?P<mark>[^\s{_COMBINING}][{_COMBINING}]+)"
)


def normalize(text: str) -> Normalized:
    """NFC, collapsed whitespace, stray tags and entities resolved, missing spaces after punctuation restored."""
    pieces: list[str] = []
    starts: array[int] = array("q")
    ends: array[int] = array("q")
    last_space = True  # drops leading whitespace

    def space(at: int, width: int) -> None:
        nonlocal last_space
        if not last_space:
            pieces.append(" ")
            starts.append(at)
            ends.append(at + width)
            last_space = True

    pos = 0
    for match in _SPECIAL.finditer(text):
        start, end = match.span()
        if start > pos:
            pieces.append(text[pos:start])
            starts.extend(range(pos, start))
            ends.extend(range(pos + 1, start + 1))
            last_space = False
        kind = match.lastgroup
        value = ""
        if kind == "ws":
            space(start, 1)
        elif kind in ("tag", "glue"):
            space(start, 0)
        elif kind == "entity":
            value = html.unescape(match.group())
            if value.isspace():  # &nbsp; and friends are whitespace like any other
                space(start, end - start)
                value = ""
        elif kind == "mark":
            value = unicodedata.normalize("NFC", match.group())
        if value:
            pieces.append(value)
            starts.extend([start] * len(value))
            ends.extend([end] * len(value))
            last_space = False
        pos = end
    if pos < len(text):
        pieces.append(text[pos:])
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    out = "".join(pieces)
    if out.endswith(" "):
        out = out[:-1]
        del starts[-1]
        del ends[-1]
    if not unicodedata.is_normalized("NFC", out):
        # Singletons such as U+212B (Angstrom sign) change without combining marks; rare enough to map per char.
        return _nfc_per_char(out, starts, ends, text)
    return Normalized(out, text, starts, ends)


def _nfc_per_char(out: str, starts: array[int], ends: array[int], original: str) -> Normalized:
    chars: list[str] = []
    new_starts: array[int] = array("q")
    new_ends: array[int] = array("q")
    for char, a, b in zip(out, starts, ends, strict=True):
        value = unicodedata.normalize("NFC", char)
        chars.append(value)
        new_starts.extend([a] * len(value))
        new_ends.extend([b] * len(value))
    return Normalized("".join(chars), original, new_starts, new_ends)
