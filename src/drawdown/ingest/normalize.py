"""Text forms used to recognise the same content: what is hashed is not what is stored."""

from __future__ import annotations

import hashlib
import unicodedata


def canonical_text(text: str) -> str:
    """NFC and collapsed whitespace: two files that differ only in line wrapping hash the same."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(text: str) -> str:
    return hashlib.sha256(canonical_text(text).encode("utf-8")).hexdigest()


def dedup_key(text: str, url: str | None) -> str:
    """Identity of a stored report: the same content at the same address (or with no address) is one report.

    The same text under another URL is a separate report that joins the first one's origin, so syndication is
    recorded (who republished what) without ever counting as corroboration.
    """
    return f"{content_hash(text)}|{url or ''}"
