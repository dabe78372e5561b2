"""Text preparation for extraction: HTML residue, language, sentences, and commentary sections.

Every function here keeps character offsets: what is blanked is replaced by spaces of the same length, so a span
found in the prepared text is a span in the report's stored text.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import accumulate, pairwise, repeat
from operator import add
from typing import NamedTuple

# Tags, comments, script/style blocks and entities left by a scraper. Blanked, never removed, to keep offsets.
_BLOCK_RE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]{0,500}>", re.DOTALL)
_ENTITY_RE = re.compile(r"&(?:[A-Za-z]{2,8}|#\d{1,6}|#x[0-9A-Fa-f]{1,6});")
# Markdown emphasis markers would otherwise glue onto names ("**Expert:**").
_MARKUP_RE = re.compile(r"\*\*|__|\[\d+\]")


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def clean(text: str) -> str:
    """The text with HTML residue and markdown emphasis blanked out (same length, same offsets)."""
    if "<" in text:
        text = _BLOCK_RE.sub(_blank, text)
        text = _TAG_RE.sub(_blank, text)
    if "&" in text:
        text = _ENTITY_RE.sub(_blank, text)
    if "*" in text or "[" in text or "_" in text:
        text = _MARKUP_RE.sub(_blank, text)
    return text


# ------------------------------------------------------------------------------------------------- language

# The commonest function words of a few languages. English is the one the rules support; the others are there so
# that a report in French or German is named as such rather than as "unknown".
_STOPWORDS = {
    "en": frozenset(
        {
            "the",
            "of",
            "and",
            "to",
            "in",
            "is",
            "was",
            "that",
            "for",
            "on",
            "with",
            "as",
            "by",
            "from",
            "at",
            "has",
            "have",
            "are",
            "were",
            "it",
            "its",
            "this",
        }
    ),
    "fr": frozenset(
        {
            "le",
            "la",
            "les",
            "de",
            "des",
            "et",
            "est",
            "dans",
            "une",
            "un",
            "pour",
            "que",
            "sur",
            "par",
            "avec",
            "du",
            "au",
            "qui",
            "pas",
        }
    ),
    "de": frozenset(
        {
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "mit",
            "den",
            "von",
            "zu",
            "auf",
            "ein",
            "eine",
            "sich",
            "dem",
            "im",
            "für",
            "hat",
            "haben",
            "aus",
            "bei",
            "nach",
            "sind",
            "wurde",
            "wird",
            "werden",
            "vom",
            "zum",
            "zur",
            "auch",
            "dass",
            "einen",
        }
    ),
    "es": frozenset(
        {"el", "la", "los", "las", "de", "que", "y", "en", "un", "una", "por", "con", "para", "del", "se", "al", "es"}
    ),
    # With the fused prepositions and "da", "è", "ha", "hanno", which short Italian headlines are often left with
    # ("Navi russe salpate da Tartus": "da" is Turkish too, and the identifier breaks the tie).
    "it": frozenset(
        {
            "il",
            "di",
            "che",
            "e",
            "la",
            "per",
            "un",
            "una",
            "con",
            "del",
            "della",
            "sono",
            "non",
            "gli",
            "le",
            "nel",
            "da",
            "è",
            "ha",
            "hanno",
            "dal",
            "dalla",
            "dai",
            "dei",
            "delle",
            "degli",
            "alla",
            "nella",
            "sul",
            "si",
        }
    ),
    "tr": frozenset({"ve", "bir", "bu", "da", "de", "ile", "için", "olarak", "olan", "gibi", "daha", "çok", "ancak"}),
}
_FUNCTION_WORDS = frozenset().union(*_STOPWORDS.values())
# The languages each function word is one of ("la": French, Spanish, Italian).
_LANGUAGES_OF = {word: tuple(lang for lang, words in _STOPWORDS.items() if word in words) for word in _FUNCTION_WORDS}
_WORD_RE = re.compile(r"[^\W\d_]+")
_PUNCT = ".,;:!?\"'()[]{}“”‘’*"
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
# Scripts that name their language outright; counted with one regex each (a Python loop per letter was the
# slowest part of reading a long report).
_SCRIPTS = {
    "ar": re.compile(r"[\u0600-\u06FF\u0750-\u077F]"),
    "ru": re.compile(r"[\u0400-\u04FF]"),
    "he": re.compile(r"[\u0590-\u05FF]"),
    "zh": re.compile(r"[\u4E00-\u9FFF\u3040-\u30FF]"),
}
# A letter of any of them: one search instead of four counts for a text that has none.
_ANY_SCRIPT_RE = re.compile("[" + "".join(pattern.pattern[1:-1] for pattern in _SCRIPTS.values()) + "]")
# Sampling the start is enough to tell a language and keeps a 1 MB report from costing a full scan here.
_SAMPLE_CHARS = 3_000


# Latin-script languages the identifier chooses among: those of the packs and the others news reports of a theatre
# come in (a report in one without a pack is skipped, saying which). Fewer candidates make short texts surer.
_LATIN_LANGUAGES = ("en", "fr", "de", "es", "it", "pt", "nl", "tr", "pl", "ro", "sv", "da", "no", "cs", "id", "so")
# Below this probability the identifier is not trusted on its own, and the function-word count decides (short
# captions of a few words, measured on the realdev sets: all English, some at 0.6-0.9).
_MIN_CONFIDENCE = 0.95
_identifier: object = None


def _identify(sample: str) -> dict[str, float]:
    """The probability py3langid gives ``sample`` of being in each of ``_LATIN_LANGUAGES`` (its model ships in the
    package and loads on first use)."""
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        identifier.set_languages(list(_LATIN_LANGUAGES))
        _identifier = identifier
    return {str(lang): float(p) for lang, p in _identifier.rank(sample)}  # type: ignore[attr-defined]


def detect_language(text: str) -> str:
    """An ISO 639-1 code for the text's language, or ``und`` when it cannot be told.

    Script first (Arabic, Cyrillic, Hebrew, CJK are unambiguous), then the share of common function words among
    Latin-script words. Good enough to route reports, not to translate them.
    """
    sample = text[:_SAMPLE_CHARS]
    ascii_ = sample.isascii()
    if ascii_:
        # Letters counted in C: the regex below took an eighth of the extraction time on ordinary English reports.
        found: list[str] = []
        letters = len(sample.encode("ascii").translate(None, _ASCII_NON_LETTERS))
    else:
        found = _WORD_RE.findall(sample)
        letters = sum(map(len, found))
    if letters < 12:
        return "und"
    # Without a letter of any of those scripts (accented Latin text) every count is 0 and none can win.
    if not ascii_ and _ANY_SCRIPT_RE.search(sample):
        counts = {script: len(pattern.findall(sample)) for script, pattern in _SCRIPTS.items()}  # letters per script
        script, top = max(counts.items(), key=lambda kv: kv[1])
        if top > 0.3 * letters:
            return script
    identified = _identify(sample)
    likeliest = max(identified, key=identified.__getitem__, default=None)
    if likeliest is not None and identified[likeliest] >= _MIN_CONFIDENCE:
        return likeliest
    tokens = sample.lower().split() if ascii_ else list(map(str.lower, found))
    total = len(tokens)
    if total < 2:  # a caption of two words ("Convoy leaving Tartus") is still read; a lone word is not
        return "und"
    # Each token counts as its form stripped of edge punctuation ('"the', 'of,': "the", "of"), stripped in C by one
    # map (str.strip hands back a token with none as it is); only function words are counted, as only they are
    # looked up (the set test costs less than counting the other two thirds of the tokens).
    tally = Counter(filter(_FUNCTION_WORDS.__contains__, map(str.strip, tokens, repeat(_PUNCT))))
    per_language = dict.fromkeys(_STOPWORDS, 0)
    for word, n in tally.items():  # a score is the sum of its words' counts, each word added to its languages
        for lang in _LANGUAGES_OF[word]:
            per_language[lang] += n
    scores = {lang: n / total for lang, n in per_language.items()}
    # Of languages with the same share (short texts: "un" and "de" are French and Spanish), the identifier's likelier.
    lang = max(scores, key=lambda code: (scores[code], identified.get(code, 0.0)))
    best = scores[lang]
    # In English news prose these words are 25-40 % of tokens; a headline-only text still reaches ~10 %.
    if best >= 0.08:
        return lang
    # A short Latin-script text ("Satellite images show two ships leaving Tartus.") may hold no function word at
    # all; it is read as English unless another language's words appear in it.
    return "en" if total < 30 and best == scores["en"] else "und"


# ------------------------------------------------------------------------------------------------ sentences


MAX_SENTENCE = 1_000  # characters; English news sentences run 100-250


class Sentence(NamedTuple):
    """One sentence: its offsets in the report, its text (never starting or ending with white space), its
    paragraph, and whether it is commentary."""

    start: int
    end: int
    text: str
    paragraph: int
    commentary: bool = False


# A sentence ends at . ! ? (or the Arabic ؟) followed by space and a capital (Latin or Cyrillic), a quote or an
# Arabic letter, at a line break, or at a full stop glued to the next capitalised word ("month.Initial": scraped
# text loses spaces).
# Every boundary starts at a space, a closing quote or a capital; the lookahead in front lets the engine reject
# other positions with one test instead of three branches with lookbehinds (twice as fast on news prose).
_BOUNDARY_RE = re.compile(
    r"(?=[\s\"'”’)A-Z])(?:"
    r"(?<=[.!?؟])[\"'”’)]?\s+(?=[\"'“‘(\[]?[A-Z0-9\u0621-\u064a\u0410-\u042f\u0401])"
    r"|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])"
    r"|\s*\n\s*)"
)
# Where a boundary can start: after a sentence-ending mark (the first two forms look back at one), or where a run of
# white space holding a line break starts (the third).
_BREAK_RUN_RE = re.compile(r"\s*\n")
_CAPITAL_OR_DIGIT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
# Hard-wrapped text (wire copy, Markdown wrapped at 72-120 columns) breaks lines inside a paragraph. A single line
# break is such a soft wrap when the paragraph's lines are all short (at most _WRAP_WIDTH characters) and the line
# before the break is long enough to have been cut (at least _WRAP_SHARE of the paragraph's longest line); a line
# that opens the next with a list marker, a heading or a table row is a real break, and so is a short line (a
# headline or dateline above the text). A next line starting in lower case is always a continuation. Scraped text
# with one unwrapped paragraph per line has lines far longer than any wrap width and keeps splitting as before.
_WRAP_WIDTH = 160
_WRAP_SHARE = 0.6
_BLOCK_START_RE = re.compile(r"\s*(?:[-*+•]\s|\d{1,3}[.)]\s|#|\||>)")

# Abbreviations after which a full stop does not end a sentence.
_ABBREV_RE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|St|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|"
                        r"No|vs|approx|"
                        r"U\.S|U\.N|U\.K|e\.g|i\.e)|\b[A-Z])\.$")  # fmt: skip
# What a text that the pattern matches in ends with; str.endswith rejects the other sentence ends (almost all) in C,
# where the pattern took 0.7 us each, a quarter of the splitting.
_ABBREV_ENDS = tuple(
    f"{word}."
    for word in ("Mr", "Mrs", "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "St", "Jan", "Feb", "Mar", "Apr",
                 "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "vs", "approx", "U.S", "U.N", "U.K", "e.g", "i.e",
                 *"ABCDEFGHIJKLMNOPQRSTUVWXYZ")
)  # fmt: skip
# The two characters before the full stop of each of those ends but the capitals ("Mr.": "Mr", "U.S.": ".S"): a
# text ends with one of them only if its two characters before the full stop are one of these or end in a capital.
_ABBREV_PAIRS = frozenset(end[-3:-1] for end in _ABBREV_ENDS if len(end) > 2)
# A German day before its month ("am 26. Dezember"): the day's full stop ends no sentence. The day is one or two
# digits after a non-digit (a year, "2024. Dezember", still ends one), and the next word a German month.
_ORDINAL_DAY_RE = re.compile(r"(?:^|\D)\d{1,2}\.$")
_GERMAN_MONTH_RE = re.compile(r"(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
                              r"Dezember)\b")  # fmt: skip
# An interview turn: "Expert:", "Q:", "Interviewer:" at the start of a line (markdown bold already blanked).
_TURN_RE = re.compile(r"^\s*[A-Z][\w .'-]{0,30}:\s", re.MULTILINE)
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s", re.MULTILINE)


def sentences(text: str) -> list[Sentence]:
    """Split prepared text into sentences, marking those inside interview/Q&A commentary sections.

    A section (between markdown headings) in which most paragraphs are interview turns is commentary: it restates
    and speculates rather than reports, so the extractor takes no claims from it (the seed's machine-written
    "expert interviews" would otherwise re-count the article's own claims).
    """
    commentary_spans = _commentary_spans(text)
    lines = "\n" in text
    soft = _soft_breaks(text) if lines else set()
    out: list[Sentence] = []
    start = 0
    paragraph = 0
    for piece_end, gap_end in _boundaries(text):
        hard = False
        if lines and "\n" in text[piece_end:gap_end]:
            hard = any(n not in soft for n in range(piece_end, gap_end) if text[n] == "\n")
            if not hard and text[piece_end - 1 : piece_end] not in ".!?\"'”’)":
                continue  # a soft wrap inside a sentence: the line break is only a space
        # An abbreviation ends in a full stop, so only a piece ending in one needs the pattern. The two characters
        # before the full stop (or a capital right before it) rule out most pieces before str.endswith tries the
        # fifty-odd ends, which took a microsecond for every sentence.
        if (
            not hard
            and (text[piece_end - 3 : piece_end - 1] in _ABBREV_PAIRS or text[piece_end - 2 : piece_end - 1].isupper())
            and text.endswith(_ABBREV_ENDS, max(0, piece_end - 6), piece_end)
            and _ABBREV_RE.search(text[max(0, piece_end - 6) : piece_end])
        ):
            continue
        if (
            not hard
            and text[piece_end - 2 : piece_end - 1].isdigit()
            and _GERMAN_MONTH_RE.match(text, gap_end)
            and _ORDINAL_DAY_RE.search(text[max(0, piece_end - 4) : piece_end])
        ):
            continue
        # A boundary starts right after a mark or a non-space (where a run of white space starts) and ends before a
        # non-space (after all the white space, or at a capital): only the text's first piece can need trimming.
        if not commentary_spans and 3 <= piece_end - start <= MAX_SENTENCE and (start or not text[0].isspace()):
            # Most sentences: nothing to trim, cut or mark, as _append would find (one call fewer per sentence).
            out.append(Sentence(start, piece_end, text[start:piece_end], paragraph))
        else:
            _append(out, text, start, piece_end, paragraph, commentary_spans)
        if hard:
            paragraph += 1
        start = gap_end
    _append(out, text, start, len(text), paragraph, commentary_spans)
    return out


def _boundaries(text: str) -> list[tuple[int, int]]:
    """The spans of ``_BOUNDARY_RE.finditer(text)``'s matches, the pattern tried only where one can start.

    The pattern is tried at every space and capital by ``finditer`` (a quarter of a report's sentence splitting);
    a boundary starts only right after ``.``, ``!`` or ``?``, or at the start of a white-space run holding a line
    break. A boundary never ends inside a white-space run (its last part is a capital, or all the white space), so
    every such start at or after the end of the previous boundary is one ``finditer`` would try, in order.
    """
    # After each mark: the pieces between marks, each one character short of the next start, summed up in C (a
    # str.find loop over the marks took twice as long). The last piece has no mark after it.
    marked = text.replace("!", ".").replace("?", ".") if "!" in text or "?" in text else text
    if "؟" in marked:  # the Arabic question mark
        marked = marked.replace("؟", ".")
    starts = list(accumulate(map(add, map(len, marked.split(".")), repeat(1))))
    starts.pop()
    if "\n" in text:
        starts = sorted({*starts, *(m.start() for m in _BREAK_RUN_RE.finditer(text))})
    spans = []
    pos = 0
    match = _BOUNDARY_RE.match
    for start in starts:
        if start < pos:
            continue
        if text[start : start + 1] == " " and text[start + 1 : start + 2] in _CAPITAL_OR_DIGIT:
            # The commonest boundary ("said. The"): a mark, one space and a capital or digit, which the pattern's
            # first form matches as that space. (A start at a run of white space holding a line break is never a
            # space before a capital, so this one is right after a mark.)
            spans.append((start, start + 1))
            pos = start + 1
        elif (found := match(text, start)) is not None:
            end = found.end()
            spans.append((start, end))
            # After an empty match finditer moves on one character; nothing else can start where it stood (a capital).
            pos = end if end > start else start + 1
    return spans


def _soft_breaks(text: str) -> set[int]:
    """Offsets of the line breaks that only wrap a paragraph's lines (see ``_WRAP_WIDTH``)."""
    soft: set[int] = set()
    pos = 0
    block: list[tuple[int, str]] = []  # (offset of the line's newline, line) for one paragraph
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            block.append((end, line.rstrip()))
        else:
            _soft_in_block(block, soft)
            block = []
        pos = end + 1
    _soft_in_block(block, soft)
    return soft


def _soft_in_block(block: list[tuple[int, str]], soft: set[int]) -> None:
    if len(block) < 2:
        return
    longest = max(len(line) for _, line in block)
    if longest > _WRAP_WIDTH:
        return
    for (newline, line), (_, after) in pairwise(block):
        if _BLOCK_START_RE.match(after) or line.lstrip().startswith("#"):
            continue
        if after.lstrip()[:1].islower() or len(line) >= _WRAP_SHARE * longest:
            soft.add(newline)


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 3:
        return
    # A "sentence" of thousands of characters is a table, a list or hostile input, not prose: it is cut at spaces
    # into pieces of at most MAX_SENTENCE so that no rule ever works on more than that at once.
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _append(out, text, start, cut, paragraph, spans)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    commentary = bool(spans) and any(a <= start < b for a, b in spans)
    out.append(Sentence(start, end, text[start:end], paragraph, commentary))


def _commentary_spans(text: str) -> list[tuple[int, int]]:
    if ":" not in text:
        return []
    bounds = [m.start() for m in _HEADING_RE.finditer(text)]
    sections = list(zip([0, *bounds], [*bounds, len(text)], strict=True))
    spans = []
    for a, b in sections:
        body = text[a:b]
        paragraphs = [p for p in re.split(r"\n\s*\n", body) if p.strip() and not _HEADING_RE.match(p)]
        turns = sum(1 for p in paragraphs if _TURN_RE.match(p))
        if len(paragraphs) >= 3 and turns >= 0.5 * len(paragraphs):
            spans.append((a, b))
    return spans
