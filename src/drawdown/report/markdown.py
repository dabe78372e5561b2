"""Markdown that stays safe when its pieces come from hostile articles.

Titles, outlets and URLs are untrusted input: they must never open a link, an image, raw HTML or a heading.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

# Only what can start formatting in the middle of a line: emphasis, code, links/images, raw HTML, tables.
# Line-start syntax (#, -, +, 1.) cannot occur because text() is always placed after other text on its line.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
MAX_INLINE = 200  # characters of untrusted text quoted inline (titles); longer ones are cut with an ellipsis


def text(value: str, *, limit: int = MAX_INLINE) -> str:
    """Untrusted text as literal Markdown: one line, capped, every formatting character escaped."""
    flat = " ".join(value.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return _SPECIAL.sub(r"\\\1", flat)


def safe_url(url: str | None) -> str | None:
    """An http(s) URL made safe inside ``[..](..)``; None for anything else (javascript:, data:, file: ...)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=":/?#@!$&'*+,;=%~.-_")


def link(label: str, url: str | None) -> str:
    """``[label](url)`` with the label escaped; just the escaped label when the URL is not http(s)."""
    target = safe_url(url)
    shown = text(label)
    return f"[{shown}]({target})" if target else shown
