"""The world's countries, for telling who acts: names from pycountry, demonyms from a table per language.

pycountry carries ISO 3166-1 with its translations (French, German, Arabic, Russian and many more), so a report in
any language with a pack can name any country. Demonyms ("Kenyan troops", "les forces tchadiennes") are not in
ISO 3166: each language's table is ``lang/demonyms/<code>.tsv``, one line per country code. Every value handed to
the rules is a country's display name (:func:`display`), the same whichever language or form named it, so that a
case actor's ``country`` code finds its own forces however a report names them.
"""

from __future__ import annotations

import gettext
import re
from functools import cache
from pathlib import Path

import pycountry

_DEMONYMS = Path(__file__).parent / "lang" / "demonyms"

# The names news use where ISO 3166's are formal or inverted ("Russian Federation", "Korea, Republic of").
_DISPLAY = {
    "RU": "Russia", "TR": "Turkey", "CD": "DR Congo", "CG": "Congo", "PS": "Palestine", "CZ": "Czechia",
    "FM": "Micronesia", "VA": "Vatican", "BN": "Brunei", "CV": "Cape Verde", "SZ": "Eswatini",
    "VG": "British Virgin Islands", "VI": "US Virgin Islands", "FK": "Falkland Islands",
}  # fmt: skip
# Further English names of a country, beside pycountry's own.
_ALSO = {
    "TR": ("Türkiye", "Turkiye"), "US": ("USA", "United States of America"), "GB": ("UK", "Britain", "Great Britain"),
    "CD": ("Democratic Republic of the Congo", "Democratic Republic of Congo", "DRC"),
    "CI": ("Ivory Coast", "Cote d'Ivoire"), "MM": ("Burma",), "NL": ("Holland",), "AE": ("UAE",),
}  # fmt: skip
# Arabic short vowels and other marks that ISO's Arabic names carry and news text mostly leaves out.
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")


@cache
def display(code: str) -> str:
    """A country's name as the brief shows it: "Russia" for RU, "Kenya" for KE (the code itself if unknown)."""
    if code in _DISPLAY:
        return _DISPLAY[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


@cache
def code_of(name: str) -> str | None:
    """The ISO code of a display name (or an ISO code given as it is), None for anything else."""
    if len(name) == 2 and name.isupper() and pycountry.countries.get(alpha_2=name) is not None:
        return name
    return _codes_by_display().get(name)


@cache
def _codes_by_display() -> dict[str, str]:
    return {display(c.alpha_2): c.alpha_2 for c in pycountry.countries}


def _forms(name: str) -> list[str]:
    """A name and, for an inverted one ("Russie, Fédération de"), the part before the comma."""
    name = _ARABIC_MARKS.sub("", name).strip()
    head = name.split(",")[0].strip()
    head = re.sub(r"\s*\(.*?\)\s*", " ", head).strip()
    return [n for n in dict.fromkeys((name, head)) if n]


@cache
def names(lang: str) -> dict[str, str]:
    """Every name of every country in a language (English, plus ``lang``'s translations) -> its display name."""
    out: dict[str, str] = {}
    translate = None
    if lang != "en":
        try:
            translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
        except OSError:  # pycountry has no translation for this language: the English names still hold
            translate = None
    for country in pycountry.countries:
        shown = display(country.alpha_2)
        english = [country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)]
        given = [n for n in english if n]
        if translate is not None:
            given = [translate(n) for n in given]
        else:
            given += [shown, *_ALSO.get(country.alpha_2, ())]
        for name in given:
            for form in _forms(name):
                out.setdefault(form, shown)
    return out


@cache
def demonyms(lang: str) -> dict[str, str]:
    """A language's demonyms (``lang/demonyms/<lang>.tsv``) -> the country's display name; {} without a table."""
    path = _DEMONYMS / f"{lang}.tsv"
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        code, _, forms = line.partition("\t")
        if pycountry.countries.get(alpha_2=code) is None and code != "XK":  # Kosovo has no ISO code of its own
            raise ValueError(f"{path}:{number}: {code!r} is not an ISO 3166-1 alpha-2 code")
        shown = "Kosovo" if code == "XK" else display(code)
        for form in forms.split(","):
            if form.strip():
                out.setdefault(form.strip(), shown)
    return out
