"""The brief as HTML, for the dashboard and the HTML report.

The brief's Markdown already escapes every piece of untrusted text (``report/markdown.py``); rendering it here
with raw HTML switched off and only http(s) links kept is the second wall, so that a hostile title can neither
open a tag nor a ``javascript:`` link.
"""

from __future__ import annotations

from markdown_it import MarkdownIt

from drawdown.report.markdown import safe_url


def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    md.validateLink = lambda url: safe_url(url) is not None  # type: ignore[method-assign]
    return md


def brief_html(markdown: str) -> str:
    """HTML of a brief; links open in a new tab and send no referrer."""
    html: str = _renderer().render(markdown)
    return html.replace("<a href=", '<a rel="noopener noreferrer" target="_blank" href=')
