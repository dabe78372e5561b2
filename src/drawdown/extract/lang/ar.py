"""Arabic: the words the rules read in Arabic reports (the same names as ``en.py``; see there for each one).

Arabic attaches clitics to words: the conjunctions و and ف, the prepositions ب, ل and ك and the article ال
("والقوات", "بقاعدة", "للقوات"). Nouns below are written bare and take :data:`_CLITICS` in front; verbs take و or
ف, and the future prefix س marks a plan on the verb itself ("ستنسحب"), as French marks it with its future tense.
Every pattern goes through :func:`ar`: each letter matches its common spelling variants (أ إ آ ا, ى ي, ة ه) and may
carry diacritics or tatweel. Dates and numbers are read from a copy of the sentence with those variants made one
(:func:`_plain`, character for character, so offsets hold); Arabic-Indic digits (٠-٩) are digits to ``\\d``.

The sentence is verb first ("انسحبت القوات الروسية من ..."): the actor stands after the action word, which
``AGENT_AFTER_RE`` reads, and a country is an actor when a subject's usual next word follows it (``ACTOR_VERBS``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from drawdown.extract.dates import WordDates
from drawdown.extract.lexicon import ci
from drawdown.extract.quantities import CountReader

# ------------------------------------------------------------------------------------------------- spelling

# Short vowels, tanween, shadda, sukun, the dagger alef and tatweel: written or not, the word is the same.
_MARKS = "\u064b-\u0652\u0670\u0640"
_VARIANTS = {"ا": "اأإآ", "أ": "اأإآ", "إ": "اأإآ", "آ": "اأإآ", "ي": "يى", "ى": "يى", "ة": "ةه"}
_LETTER_RE = re.compile("[\u0621-\u064a]")


def ar(pattern: str) -> str:
    """The pattern with each Arabic letter (outside a character class) matching its spelling variants and followed
    by optional diacritics; inside a class, a letter adds its variants."""
    out = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
            out.append(_VARIANTS.get(ch, ch))
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif _LETTER_RE.match(ch):
            variants = _VARIANTS.get(ch)
            letter = f"[{variants}][{_MARKS}]*" if variants else f"{ch}[{_MARKS}]*"
            quantified = pattern[i + 1 : i + 2] in ("?", "*", "+", "{")
            out.append(f"(?:{letter})" if quantified else letter)
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def ar_ci(pattern: str) -> re.Pattern[str]:
    """Whole words of ``pattern`` (see :func:`ar`), compiled for lower-cased text."""
    return ci(rf"\b(?:{ar(pattern)})\b")


_PLAIN = str.maketrans("أإآىة", "ااايه")


def _plain(text: str) -> str:
    """The text with alef, ya and ta marbuta variants made one (same length, so offsets hold)."""
    return text.translate(_PLAIN)


# A noun's clitics: a conjunction, then a preposition and/or the article ("و" "ب" "ال": "وبالقوات"; "لل": ل + ال).
_CLITICS = "(?:[وف]?(?:بال|كال|لل|ال|[بكل])?)"
# What may be attached to a site's name in the text (the gazetteer's prefixes): "بحميميم", "وطرطوس", "للقامشلي" (ل
# + القامشلي, whose article loses its alef: the case gives the bare name too).
NAME_PREFIXES = "[وف]?(?:[بكل]|لل)?"
# A verb's: a conjunction ("وانسحبت", "فغادرت").
_CONJ = "[وف]?"


def _nouns(words: str) -> str:
    """An alternation of bare nouns, each with the clitics that may come before it."""
    return f"{_CLITICS}(?:{words})"


def _verbs(words: str) -> str:
    return f"{_CONJ}(?:{words})"


# ------------------------------------------------------------------------------------------------- actions

# A verb of leaving right before what left ("غادر رتل", "غادرت عشر مروحيات") is that vehicle's cue, not a move
# of its own.
_VEHICLES = (
    r"رتل|أرتال|قافلة|قوافل|شاحن\w*|آليات|مدرعات|عربات|مركبات|دبابات|سفين\w*|سفن|بارج\w*|فرقاط\w*|طائر\w*|"
    r"مروحي\w*|رحل(?:ة|ات)"
)
_NOT_BEFORE_VEHICLE = rf"(?!\s+(?:\S+\s+)?{_CLITICS}(?:{_VEHICLES})\b)"
# Past, present and future forms and the verbal nouns of leaving and withdrawing ("غادرت", "تغادر", "ستغادر",
# "مغادرة"); the future prefix س is read by PLANNED_TRIGGER_RE.
_LEAVE = (_verbs(r"س?[يت]?غادر\w*|س?[يت]خلي|س?[يت]خلون|أخل(?:ى|ت|وا)|أجل(?:ى|ت|وا)|تخل(?:ى|ت|وا) عن|هجر\w*")
          + "|" + _nouns(r"مغادر(?:ة|تها|ته|تهم)|إخلاء|إجلاء"))  # fmt: skip
_WITHDRAW = (_verbs(r"س?[يتن]?نسحب\w*|انسحب\w*|س?[يتن]سحب\w*|سحب(?:ت|وا|ت)?|نقل(?:ت|وا)?|س?[يت]نقل|أعاد\w* "
                    r"(?:\w+ )?(?:انتشار|نشر)|تراجع\w*|رحل(?:ت|وا)?|عاد\w* (?:\w+ ){0,2}(?:إلى|الى) روسيا")
             + "|" + _nouns(r"انسحاب\w*|سحب|رحيل|إعادة (?:ال)?انتشار|إعادة تموضع|عودة"))  # fmt: skip
# The place is free of the force again: after its withdrawal, handed over.
RESULTANT = r"بعد (?:ال)?(?:انسحاب|رحيل|خروج|مغادرة)\w*|بعد أن (?:انسحب|غادر|رحل)\w*"
_DONE = r"أكمل\w*|أتم\w*|استكمل\w*|أنه(?:ى|ت|وا)|اكتمل\w*|اكتمال|إتمام|استكمال|انتهاء|انته(?:ى|ت)"
_MOVED = r"غادر|مغادر|تغادر|يغادر|خرج|تخرج|يخرج|انطلق|ينطلق|تنطلق|تحرك|يتحرك|تتحرك|متجه|متوجه|سار|يسير|تسير|شوهد|عبر"
ACTION_RULES: Final[tuple[tuple[str, str, str | None], ...]] = (
    ("convoy_departed", ar(_nouns(r"رتل|أرتال|قافلة|قوافل")), "?" + ar(_verbs(_MOVED))),
    ("convoy_departed", ar(_nouns(r"شاحنات|آليات|مدرعات|عربات|مركبات|دبابات")), ar(_verbs(_MOVED))),
    ("ships_departed", ar(_nouns(r"سفين\w*|سفن|بارج\w*|بوارج|فرقاط\w*|ناقل\w*|قطع\w* بحري\w*")),
     ar(_verbs(r"أبحر\w*|[يت]بحر\w*|غادر\w*|مغادر\w*|[يت]غادر\w*|انطلق\w*|خرج\w*|رفع\w* (?:ال)?مرساة"))),
    ("flights_departed", ar(_nouns(r"طائر(?:ة|ات|تين|تي|تان)|رحل(?:ة|ات)|مروحي(?:ة|ات)|جسر جوي|AIRCRAFT_NAMES")),
     ar(_verbs(r"أقلع\w*|[يت]قلع\w*|إقلاع\w*|غادر\w*|مغادر\w*|[يت]غادر\w*|متجه\w*|متوجه\w*|نقل\w*|إجلاء|سير\w*"))),
    ("equipment_loaded", ar(_nouns(r"تحميل|تفكيك|شحن") + "|" + _verbs(r"حمل(?:ت|وا)|فكك(?:ت|وا)|شحن(?:ت|وا)")), None),
    # Take-overs are inbound presence; by another actor they are its own move.
    ("reinforcement", ar(_verbs(r"سيطر(?:ت|وا)?|استول(?:ى|ت|وا)|دخل(?:ت|وا)|أقام\w* (?:\w+ )?قاعدة") + "|"
                         + _nouns(r"سيطرة على")), None),
    ("reinforcement", ar(_nouns(r"تعزيز\w*") + "|" + _verbs(r"عزز\w*|[يت]عزز\w*|وصل(?:ت|وا)?|[يت]صل|وصول|"
                         r"انتشر(?:ت|وا)?|نشر(?:ت|وا)? (?:\w+ ){0,2}إضافي\w*|أرسل\w*")), None),
    ("negotiation", ar(_nouns(r"مفاوضات|محادثات|مباحثات|تفاوض|اتفاق|اتفاقية|وضع (?:ال)?قواعد")), None),
    ("presence_maintained", ar(_verbs(r"لا (?:[يت]زال|زال)|ما (?:زال|زالت|زالوا)|مازال\w*|[يت]بقى|ستبقى|سيبقى|"
                                      r"بق(?:ي|يت|وا)|[يت]حافظ على (?:\w+ )?وجود\w*|حافظ\w* على (?:\w+ )?وجود\w*|"
                                      r"[يت]حتفظ\w*|احتفظ\w*") + "|" + _nouns(r"بقاء|متمركز\w*")), None),
    ("withdrawal_partial", ar(_nouns(r"جزئي\w*|انسحاب جزئي") + "|" + _verbs(r"قلص\w*|[يت]قلص\w*|خفض\w*|[يت]خفض\w*")
                              + "|" + _nouns(r"تقليص|تخفيض")), None),
    ("withdrawal_complete", ar(rf"(?:{_DONE}) (?:\w+ )?(?:ال)?(?:انسحاب|سحب|رحيل)\w*|"
                               r"(?:ال)?انسحاب\w* (?:ال)?(?:كامل|تام|نهائي)|"
                               r"(?:انسحب|غادر|رحل)\w* (?:\w+ ){0,3}(?:بالكامل|نهائيا|كليا)|"
                               r"(?:غادر|انسحب|رحل)\w* آخر|آخر (?:\w+ ){0,3}?(?:غادر|انسحب|رحل)\w*|"
                               + _verbs(r"سلم(?:ت|وا)?|تم تسليم|جرى تسليم") + "|" + RESULTANT), None),
    ("evacuated", ar(f"(?:{_LEAVE}){_NOT_BEFORE_VEHICLE}"), None),
    ("withdrawal_started", ar(f"(?:{_WITHDRAW}){_NOT_BEFORE_VEHICLE}"), None),
    ("other", ar(_verbs(r"قصف\w*|هاجم\w*|تقدم\w*|طالب\w*|طلب(?:ت|وا)?|هدد\w*") + "|"
                 + _nouns(r"غارات|غارة|ضربات|هجوم|دوري(?:ة|ات)")), None),
)  # fmt: skip
RESULTANT_RE = re.compile(ar(rf"(?:{RESULTANT})"))
TAKEOVER_RE = re.compile(ar(_verbs(r"سيطر\w*|استول\w*|دخل\w*|أقام\w*.*") + "|" + _nouns(r"سيطرة على")))
WEAK_PRESENCE_RE = re.compile(ar(_nouns(r"متمركز\w*")))
STARTED_CUE = ar_ci(_verbs(r"بدأ\w*|[يت]بدأ|شرع\w*|باشر\w*|انطلق\w*") + "|" + _nouns(r"بدء|بداية|أول|أولى"))
PARTIAL_CUE = ar_ci(_nouns(r"جزء\w*|بعض|عدة|جزئي\w*|نصف|قسم من|معظم|غالبية|أقل من"))
COMPLETE_CUE = ar_ci(_nouns(r"كل|جميع|كاف(?:ة|ه)|كامل\w*|بالكامل|آخر|أخير\w*|نهائي\w*|كلي\w*"))
ONE_OF_MANY_RE = ar_ci(r"\s+(?:\w+\s+){0,3}?(?:إحدى|أحد|واحد\w* من)\s")
BACK_REFERENCE_RE = ar_ci(r"(?:هذه|هذا|تلك) (?:ال)?(?:رحلات|رحلة|انسحاب|تحركات|أرتال|رتل|عملية)")

# --------------------------------------------------------------------------------------- negation, modality

# Every match of NEGATION_RE holds one of these as written (claims._may_negate tests them first).
NEGATION_WORDS: Final = ("لم", "لن", "لا", "ليس", "عدم", "دون", "نفى", "نفت", "نفي")
NEGATION_RE = ci(r"\b[وف]?(?:لم|لن|لا|ليس|ليست|ليسوا|عدم|دون|بدون)\b|\b[وف]?(?:نفى|نفت|ينفي|تنفي)\b")
# After a negator, what makes it deny knowing rather than the event: "لم يتسن التأكد من".
NOT_EVENT_RE = ar_ci(r"[يت]?(?:ؤكد|أكد|تأكد|تحقق|تسن|علق|عرف|تضح|كشف)\w*|واضح\w*|معروف\w*|رسمي\w*")
PLANNED_RE = ar_ci(_verbs(r"سوف|[يت]عتزم|اعتزم\w*|[يت]نوي|نو(?:ى|ت)|[يت]خطط|خطط\w*|[يت]ستعد|استعد\w*|قرر\w*|"
                          r"[يت]عتزمون|تعهد\w*|[يت]توقع|من (?:ال)?مقرر|من (?:ال)?متوقع|(?:ال)?مزمع|خطة|بحلول|"
                          r"في غضون|[يت]عتزم|أمر\w* ب|سي?تم|ستبدأ|سيبدأ"))  # fmt: skip
# The action word's own future: the prefix س ("ستنسحب", "سيغادر", "وسننقل"); "سيطر" is a verb of its own.
PLANNED_TRIGGER_RE = re.compile(r"[وف]?س(?!يطر)[يتن].*")
MODAL_AFTER_RE = re.compile(ar(r"\s+(?:\w+\s+)?(?:سيتم|سيجري|سيكون|سيكتمل|من (?:ال)?مقرر|من (?:ال)?متوقع|مقرر\w*|"
                               r"متوقع\w*)"))  # fmt: skip
INFINITIVE_RE = re.compile(r"(?!)")

# ---------------------------------------------------------------------------------------------------- hedges

HEDGE_RE = ar_ci(r"(?:بحسب|حسب|وفقا|طبقا|نقلا عن|أفادت تقارير|ذكرت تقارير|تقارير|[يت]عتقد|يبدو|على ما يبدو|ربما|"
                 r"(?:من )?(?:ال)?مرجح|[يت]رجح|غير مؤكد\w*|لم [يت]تسن|لم [يت]تم (?:ال)?تأكد|مزعوم\w*|[يت]زعم|زعم\w*|"
                 r"شائعات|إشاعات|[يت]قال|قيل|(?:من )?(?:ال)?متوقع|[يت]توقع|مصادر (?:مطلعة|مقربة|محلية|أمنية|"
                 r"عسكرية|ميدانية)|طلب عدم (?:ال)?كشف)")  # fmt: skip
# The hedges that only say who speaks (as matched, with or without tanween).
ATTRIBUTIVE = frozenset({"بحسب", "حسب", "وفقا", "وفقاً", "طبقا", "طبقاً", "نقلا عن", "نقلاً عن"})
NEITHER_RE = ar_ci(r"(?:لم|لا) [يت]ؤكد\w* (?:لا|أي من)\b.{0,120}\bولا\b")
DENIAL_RE = ar_ci(_verbs(r"نف(?:ى|ت|وا)|[يت]نفي|كذب(?:ت|وا)|[يت]كذب") + "|" + _nouns(r"نفي|تكذيب")
                  + r"|عار\w* (?:عن|من) (?:ال)?صحة|غير صحيح\w*|(?:أنباء|أخبار|معلومات) (?:كاذبة|مضللة)")  # fmt: skip
OBSERVED_RE = ar_ci(r"صور (?:ال)?أقمار (?:ال)?صناعية|(?:ال)?صور (?:ال)?فضائية|(?:ال)?صور (?:ال)?ساتلية|مقاطع مصورة|"
                    r"مقطع مصور|مقاط?ع (?:ال)?فيديو|شاهد\w* مراسل|مراسل\w* (?:في|من) (?:ال)?(?:مكان|موقع)|"
                    r"(?:ال)?بيانات (?:ال)?ملاحية|مواقع (?:ال)?تتبع|flightradar24|ads-b")  # fmt: skip

# ----------------------------------------------------------------------------------------------- attribution

SOURCE_CUES: Final[tuple[tuple[str, str], ...]] = (
    ("satellite", ar(r"صور (?:ال)?أقمار (?:ال)?صناعية|(?:ال)?صور (?:ال)?فضائية|(?:ال)?صور (?:ال)?ساتلية|"
                     r"ماكسار|بلانيت لابس") + r"|maxar|planet labs"),
    ("flight_tracking", ar(r"مواقع (?:ال)?تتبع|(?:ال)?تتبع (?:ال)?(?:رحلات|طائرات|سفن|ملاحة)|(?:ال)?بيانات "
                           r"(?:ال)?ملاحية|فلايت ?رادار") + r"|ads-b|flightradar24|marinetraffic"),
    ("anonymous", ar(_nouns(r"مصادر|مصدر") + r"|طلب عدم (?:ال)?كشف|رفض\w* (?:ال)?كشف")),
    ("official", ar(_nouns(r"وزارة|وزير|متحدث\w*|ناطق\w*|حكومة|رئاسة|رئيس|سفارة|بيان|بلاغ|هيئة (?:ال)?أركان|"
                           r"مسؤول\w*|سلطات|قيادة|كرملين"))),
    ("observer", ar(_nouns(r"مرصد|مراقب\w*|سكان|أهالي|شهود|شاهد عيان|ناشط\w*|منظمة|منظمات"))),
    ("media", ar(_nouns(r"وكالة|صحيفة|قناة|تلفزيون|وسائل (?:ال)?إعلام|مراسل\w*|صحفي\w*|موقع")) + r"|tass|reuters"),
)  # fmt: skip
_SPEECH = (r"قال|قالت|قالوا|[يت]قول|أعلن\w*|[يت]علن|أكد\w*|[يت]ؤكد|ذكر\w*|[يت]ذكر|أفاد\w*|[يت]فيد|صرح\w*|أوضح\w*|"
           r"أضاف\w*|نف(?:ى|ت)|أظهر\w*|[يت]ظهر|كشف\w*")  # fmt: skip
SPEECH_WORDS = ar(_verbs(_SPEECH) + r"|بحسب|حسب|وفقا|طبقا|نقلا|" + _nouns(r"مصادر|مصدر"))
SPEECH_GATE = ci(rf"\b(?:{SPEECH_WORDS})\b")
SPEAKER_VERBS = ar(r"قال\w*|أعلن\w*|أكد\w*|نف(?:ى|ت)")
# "بحسب X", "وفقا لـX", "نقلا عن X"; a speech verb, its speaker, then "إن/أن" or the end of the clause
# ("قالت وزارة الدفاع الروسية إن ...", "...، قال نائب الوزير."); unnamed sources.
_WORD = r"[^\s،,.;؛:]+"
ATTRIBUTION_RE = re.compile(
    ar(r"(?<!\w)(?:(?:بحسب|حسب|وفقا|طبقا)(?: ما (?:أفاد|ذكر|قال|أعلن)\w*)?\s*(?:لل|ل)?ـ?\s*|نقلا عن\s+)")
    + r"(?P<acc>[^،,.;؛]{3,90})"
    + "|"
    + ar(_verbs(_SPEECH))
    + rf"\s+(?P<who>(?:{_WORD}\s+){{0,3}}{_WORD})(?=\s+"
    + ar(r"(?:إن|أن|بأن)")
    + r"\s|\s*[،,.;؛]|\s*$)"
    + "|"
    + ar(r"(?P<src>(?:مصادر|مصدر) (?:مطلعة|مقربة|محلية|أمنية|عسكرية|ميدانية|مطلع|مقرب|محلي|أمني|عسكري|ميداني)")
    + r"[^،,.;؛]{0,80})"
)


def attribution_start(body: str, pos: int, verb_at: int | None = None) -> int | None:
    """Where the attribution search starts: anywhere from ``pos`` (the speaker follows its verb)."""
    return pos


# Words that open a speaker's phrase but name nobody ("تقارير": reports).
NOT_SPEAKERS = frozenset({"تقارير", "أنباء", "معلومات", "هذا", "هذه", "ذلك", "التي", "الذي", "ما"})

# ----------------------------------------------------------------------------------------------- other actors

ACTOR_NOUNS = ar(_nouns(r"قوات|جيش|جنود|جندي|عسكريين|عسكريون|وحدات|حكومة|سلطات|وزارة (?:ال)?دفاع|وزارة "
                        r"(?:ال)?خارجية|وزير (?:ال)?دفاع|وزير (?:ال)?خارجية|وزارة|هيئة (?:ال)?أركان|أركان|شرطة "
                        r"(?:ال)?عسكرية|قيادة|رئاسة|رتل|أرتال|طائرات|سفن|قاعدة|قواعد|تعزيزات|مقاتلين|مستشارين|"
                        r"مدرعات|آليات|شاحنات|مروحيات|فرقاطة|دوريات|دورية|خارجية|دفاع"))  # fmt: skip
# Words an actor phrase can start with: one of each first letter the clitics and nouns give.
ACTOR_NOUN_WORDS = ("قوات", "والقوات", "فالقوات", "بالقوات", "للقوات", "كالقوات", "القوات", "جيش", "حكومة",
                    "سلطات", "وزارة", "وزير", "هيئة", "أركان", "شرطة", "رتل", "أرتال", "آليات", "طائرات", "سفن",
                    "عسكريين", "دفاع", "خارجية", "مقاتلين", "مستشارين", "مدرعات", "شاحنات", "مروحيات", "فرقاطة",
                    "تعزيزات", "دوريات", "قيادة", "رئاسة", "إرهابيين")  # fmt: skip
# Demonyms after the noun ("القوات الروسية", "جنود روس"): each stem's forms, with and without the article.
_DEMONYM_STEMS = {"روسي": "Russia", "تركي": "Turkey", "أمريكي": "United States", "أميركي": "United States",
                  "امريكي": "United States", "اميركي": "United States", "فرنسي": "France", "سوري": "Syria",
                  "إيراني": "Iran", "ايراني": "Iran", "إسرائيلي": "Israel", "اسرائيلي": "Israel",
                  "عراقي": "Iraq", "لبناني": "Lebanon", "أوكراني": "Ukraine", "اوكراني": "Ukraine",
                  "بريطاني": "United Kingdom", "ألماني": "Germany", "الماني": "Germany", "صيني": "China",
                  "ليبي": "Libya", "أردني": "Jordan", "اردني": "Jordan", "كردي": "Kurdish forces"}  # fmt: skip
# Broken plurals ("الجنود الروس", "الجنود الأتراك").
_BROKEN_PLURALS = {"روس": "Russia", "أتراك": "Turkey", "اتراك": "Turkey", "أكراد": "Kurdish forces",
                   "اكراد": "Kurdish forces"}  # fmt: skip
DEMONYMS_BEFORE: dict[str, str] = {}  # Arabic puts them after the noun
DEMONYMS_AFTER: dict[str, str] = {}
for _stem, _country in _DEMONYM_STEMS.items():
    # masculine, feminine (ta marbuta written ة or ه), plurals and duals
    for _form in (_stem, _stem + "ة", _stem + "ه", _stem + "ون", _stem + "ين", _stem + "تين", _stem + "تان",
                  _stem + "ان"):  # fmt: skip
        for _word in (_form, "ال" + _form):
            DEMONYMS_AFTER.setdefault(_word, _country)
for _plural, _country in _BROKEN_PLURALS.items():
    DEMONYMS_AFTER.setdefault(_plural, _country)
    DEMONYMS_AFTER.setdefault("ال" + _plural, _country)
# Names beyond ISO 3166's Arabic ones (countries.names("ar")): short forms and capitals.
COUNTRY_NAMES = {"روسيا": "Russia", "موسكو": "Russia", "الكرملين": "Russia", "تركيا": "Turkey", "أنقرة": "Turkey",
                 "انقرة": "Turkey", "سوريا": "Syria", "سورية": "Syria", "دمشق": "Syria", "أمريكا": "United States",
                 "واشنطن": "United States", "إيران": "Iran", "ايران": "Iran", "طهران": "Iran", "إسرائيل": "Israel",
                 "اسرائيل": "Israel", "العراق": "Iraq", "لبنان": "Lebanon", "ليبيا": "Libya", "أوكرانيا": "Ukraine",
                 "اوكرانيا": "Ukraine", "الصين": "China", "فرنسا": "France", "الأمم المتحدة": "United Nations",
                 "حلف الناتو": "NATO", "الناتو": "NATO"}  # fmt: skip
# What follows a country that is the subject (after its verb, "سحبت روسيا قواتها") or speaks ("روسيا أعلنت").
ACTOR_VERBS = ar(r"قوات\w*|جنود\w*|جزء\w*|عدد\w*|معدات\w*|عناصر\w*|وحدات\w*|(?:ال)?مزيد|" + _SPEECH)
REBELS = ar(_nouns(r"فصائل|فصيل|مسلحين|مسلحون|متمردين|متمردون|معارضة (?:ال)?مسلحة|جهاديين|جهاديون|"
                   r"إرهابيين|هيئة تحرير (?:ال)?شام|مقاتلي (?:ال)?معارضة"))  # fmt: skip
LOCAL_OFFICE = ar(r"محافظة|مجلس (?:ال)?مدينة|بلدية|(?:ال)?محافظ")
LOCAL_OFFICE_WORDS: Final = ("محافظة", "مجلس", "بلدية", "محافظ")

# ----------------------------------------------------------------------------------- placing phrases, clauses

SAME_TIME_RE = re.compile(ar(r"^\s*(?:في (?:ال)?وقت (?:ذاته|نفسه)|بالتزامن|في (?:ال)?يوم (?:ذاته|نفسه)|كما|أيضا|"
                             r"من جهة أخرى|إلى ذلك|وفي سياق متصل)"))  # fmt: skip
CLAUSE_RE = re.compile(ar(r"[;:؛]|[،,]\s*(?:بينما|في حين|لكن|و)|\b(?:بينما|في حين|لكن|فيما)\b"))
CLAUSE_MARKS = ("،", ",", ";", "؛", ":", "بينما", "في حين", "لكن", "فيما")
# What stands before a place that only locates the one named before it ("قاعدة حميميم في اللاذقية", "بريف حمص").
LOCATIVE_RE = re.compile(ar(r"(?:(?:ال)?واقع\w*\s+|(?:ال)?موجود\w*\s+)?(?:في|قرب|عند|بالقرب من|داخل|بمحافظة|"
                            r"بريف|بمنطقة)\s+(?:(?:محافظة|منطقة|ريف)\s+)?$|\sب$"))  # fmt: skip
IN_LIST_RE = re.compile(ar(r"[،,]\s*(?:و\s*)?$|[،,]\s*و?(?:من|في)\s+$|\sو$|\sو(?:من|في)\s+$"))
DESTINATION_RE = re.compile(ar(r"(?:إلى|نحو|باتجاه|صوب|حتى)\s+$"))
POSTS_RE = re.compile(ar(r"(?:نقاط|نقطة|مواقع|موقع|مخافر|مخفر)"))
RELATIVE_RE = re.compile(ar(r"(?:\d+(?:[.,]\d+)?\s*(?:كم|كيلومتر\w*)\s+(?:\w+\s+){0,2}|(?:شمال|جنوب|شرق|غرب)\w*"
                            r"(?:\s+(?:شرق|غرب)\w*)?\s+)(?:من\s+)?(?:مدينة\s+)?$"))  # fmt: skip
REGION_WORD_RE = re.compile(r"(?!)")  # Arabic names the region before the place ("ريف حمص")
# Where a force that left went: a place after "to" ("إلى حميميم", "باتجاه الساحل").
WENT_TO_RE = re.compile(ar(r"(?:إلى|نحو|باتجاه|صوب)\s+(?:\w+\s+){0,2}?$"))
COREFERENCE_RE = re.compile(ar(_nouns(r"قاعدة|مطار|ميناء|مدينة|بلدة|موقع|منطقة") + r"\b|"
                               + r"\b(?:قاعدت|مطار|موقع)(?:ها|هم|ه)\b|" + r"\bمن(?:ه|ها)\b"))  # fmt: skip
# The agent after the action word (verb first: "انسحبت القوات الروسية", "غادرت أمس القوات التركية").
AGENT_AFTER_RE = re.compile(r"\s+(?:\w+\s+)?")
LEFT_BEHIND_RE = re.compile(r"\s+(?:\w+\s+)?")
JOINT_RE = re.compile(ar(r"[\s/&,،-]*(?:(?:و|مع)\s*)?(?:ال)?"))
ORIGIN_BEFORE_RE = re.compile(ar(r"(?:من|عن|غادر\w*|مغادر\w*|خرج\w*|انطلق\w*)\s+(?:\w+\s+)?$"))
ROAD_BEFORE_RE = re.compile(ar(r"(?:طريق|أوتوستراد|الطريق) (?:إلى|بين|نحو)?\s*$"))
DESTINATION_BEFORE_RE = re.compile(ar(r"(?:إلى|نحو|باتجاه|صوب|حتى|وصل\w*)\s+(?:\w+\s+)?$"))
PLACE_BEFORE_RE = re.compile(ar(r"(?:في|قرب|عند|داخل|بالقرب من|محيط|أطراف|بين|عبر|مرورا ب)\s+$"))
ONGOING_RE = re.compile(r"(?!)")
AUXILIARY_RE = re.compile(r"(?!)")

# ----------------------------------------------------------------------------------------------------- dates

# Month names in their plain spelling (_plain): the Egyptian/Gulf names and the Levantine ones.
_MONTHS: Final = {"يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يوليو": 7, "اغسطس": 8,
                  "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12, "كانون الثاني": 1, "شباط": 2, "اذار": 3,
                  "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7, "اب": 8, "ايلول": 9, "تشرين الاول": 10,
                  "تشرين الثاني": 11, "كانون الاول": 12}  # fmt: skip
# Monday first, as date.weekday() counts.
_WEEKDAYS: Final = ("الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد")
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
# "14 ديسمبر 2024", "26 كانون الأول/ديسمبر", "3 من يناير عام 2025".
_DAY_MONTH_RE = re.compile(rf"(?<!\w)(\d{{1,2}})\s+(?:من\s+)?({_MONTH_ALT})(?:\s*/\s*(?:{_MONTH_ALT}))?"
                           rf"(?:\s+(?:عام\s+|سنه\s+)?(\d{{4}}))?(?!\w)")  # fmt: skip
_END_OF_RE = re.compile(r"(?<!\w)(?:بحلول|قبل|مع|حتى)\s+نهايه\s+(?:ال)?(شهر|عام|سنه)")
_NUMERIC_RE = re.compile(r"(?<!\w)(\d{1,2})/(\d{1,2})/(\d{4})(?!\w)")
_RELATIVE_DAY_RE = re.compile(rf"(?<!\w)(?:[وف]?(?:بال|ال)?)(امس|البارحه|اول امس|اول من امس|{'|'.join(_WEEKDAYS)})"
                              r"(?!\w)")  # fmt: skip
_DEADLINE_BEFORE_RE = re.compile(r"(?:بحلول|قبل|حتى|في موعد اقصاه|موعد اقصاه)\s+(?:يوم\s+)?$")


# Arabic dates, read in their plain spelling (_plain): "14 ديسمبر 2024", "26 كانون الأول/ديسمبر", "٣ يناير",
# "07/01/2025", "أمس", "يوم الثلاثاء" (the last such day up to the publication day). A date after "بحلول", "قبل"
# or "حتى" is a deadline.
find_dates = WordDates(
    months=_MONTHS,
    weekdays=_WEEKDAYS,
    day_month=_DAY_MONTH_RE,
    end_of=_END_OF_RE,
    month_word="شهر",
    numeric=_NUMERIC_RE,
    relative_day=_RELATIVE_DAY_RE,
    days_back={"امس": 1, "البارحه": 1, "اول امس": 2, "اول من امس": 2},
    deadline_before=_DEADLINE_BEFORE_RE,
    normalise=_plain,
)


# -------------------------------------------------------------------------------------------------- numbers

# In their plain spelling (_plain). "عشرات" (tens of) and "بضع" (a few) give no number.
_NUMBER_WORDS: Final = {"واحد": 1, "اثنان": 2, "اثنين": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5,
                        "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "تسع": 9,
                        "تسعه": 9, "عشر": 10, "عشره": 10, "احد عشر": 11, "اثنا عشر": 12, "اثني عشر": 12,
                        "خمسه عشر": 15, "خمس عشره": 15, "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30,
                        "اربعين": 40, "اربعون": 40, "خمسين": 50, "خمسون": 50, "ستين": 60, "ستون": 60,
                        "سبعين": 70, "ثمانين": 80, "تسعين": 90, "مئه": 100, "مائه": 100, "مئتي": 200,
                        "مئتين": 200, "الف": 1000, "الفي": 2000, "الفين": 2000}  # fmt: skip
_UNIT_NOUNS: Final = {
    "troops": r"جندي|جنود|عسكري|عسكريين|عسكريا|عنصر|عناصر|عنصرا|مقاتل|مقاتلا|مقاتلين|فرد|افراد|مستشار|مستشارين",
    "vehicles": r"شاحنه|شاحنات|اليه|اليات|مدرعه|مدرعات|عربه|عربات|مركبه|مركبات|دبابه|دبابات|سياره|سيارات",
    "flights": r"رحله|رحلات|طائره|طائرات|مروحيه|مروحيات",
    "ships": r"سفينه|سفن|بارجه|بوارج|فرقاطه|فرقاطات|قطعه بحريه|قطع بحريه",
    "posts": r"نقطه|نقاط|موقع|مواقع|قاعده|قواعد",
    "tonnes": r"طن|اطنان",
}
# Duals count two: "سفينتي إنزال", "طائرتين".
_DUALS: Final = {
    "vehicles": r"شاحنتين|شاحنتان|شاحنتي|مدرعتين|مدرعتان|عربتين|دبابتين",
    "flights": r"طائرتين|طائرتان|طائرتي|رحلتين|رحلتان|مروحيتين|مروحيتان",
    "ships": r"سفينتين|سفينتان|سفينتي|فرقاطتين|فرقاطتان|بارجتين",
    "troops": r"جنديين|جنديان",
}


def quantities(aircraft_names: Iterable[str] = ()) -> CountReader:
    """Counts in Arabic sentences: "200 جندي", "نحو أربعين شاحنة", "٣ طائرات", "سفينتي إنزال", "40 في المئة"."""
    return CountReader(
        _UNIT_NOUNS,
        _NUMBER_WORDS,
        aircraft_names,
        approx=r"نحو|حوالي|قرابه|زهاء|اكثر من|ما لا يقل عن|ما يقارب|اقل من",
        percent=r"%|٪|في المئه|في المائه|بالمئه|بالمائه",
        between=r"(?:من\s+)?(?:\w+\s+){0,2}?",
        prefix=r"(?:[وفبل]?(?:ال)?)",
        thousands=r"[,.٬]",
        decimal=r"[.٫]",
        duals=_DUALS,
        not_counts=frozenset({"واحد"}),
        normalise=_plain,
    )
