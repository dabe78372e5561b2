"""The HTML report: the dashboard page as one self-contained file that reads offline and prints.

The page's own file (``static/index.html``) is the skeleton: its links to scripts and styles are replaced by
the files' contents, the view goes in as a JSON data block (never executed, with ``<`` escaped so that no text
can close it), and a Content-Security-Policy allows exactly those inline scripts and styles by their hashes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

from drawdown.web.app import VENDOR_FILES, static_dir
from drawdown.web.view import View

ASSETS = re.compile(r"<!--assets:start-->.*<!--assets:end-->", re.S)
SCRIPTS = ("vendor/leaflet.js", "vendor/topojson-client.min.js", "app.js")
STYLES = ("vendor/leaflet.css", "app.css")
OUTLINES = "vendor/countries-50m.json"


class AssetsMissing(FileNotFoundError):
    pass


def _read(name: str) -> str:
    path = static_dir() / name
    if not path.is_file():
        raise AssetsMissing(name)
    return path.read_text(encoding="utf-8")


def json_block(element_id: str, text: str) -> str:
    """A ``<script type="application/json">`` that no string inside can end early or turn into markup."""
    safe = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    safe = safe.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/json" id="{element_id}">{safe}</script>'


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def render_report(view: View) -> str:
    """One HTML document holding the view, the page's code and styles, and the map outlines."""
    missing = [n for n in VENDOR_FILES if not (static_dir() / "vendor" / n).is_file()]
    if missing:
        raise AssetsMissing(", ".join(missing))
    scripts = [_read(n) for n in SCRIPTS]
    styles = [_read(n) for n in STYLES]
    outlines = json.dumps(json.loads(_read(OUTLINES)), separators=(",", ":"))
    csp = (
        "default-src 'none'; script-src " + " ".join(_hash(s) for s in scripts) + "; style-src "
        + " ".join(_hash(s) for s in styles) + "; img-src data:; base-uri 'none'; form-action 'none'"
    )  # fmt: skip
    head = "\n".join(
        [f'<meta http-equiv="Content-Security-Policy" content="{csp}">']
        + [f"<style>{s}</style>" for s in styles]
        + [json_block("drawdown-data", view.data_json), json_block("drawdown-outlines", outlines)]
        + [f"<script>{s}</script>" for s in scripts]
    )
    page = ASSETS.sub(lambda _m: head, _read("index.html"), count=1)
    return page.replace('<link rel="icon" href="data:,">', "")
