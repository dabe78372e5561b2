"""Russian: the words the rules read in Russian reports (the same names as ``en.py``; see there for each one).

Patterns are matched against lower-cased text (``lexicon.ci``); ``ё`` is also written ``е``, so patterns allow
both. Russian declines nouns, names included ("Тартус", "в Тартусе", "из Тартуса", "с Хмеймима"):
:data:`NAME_ENDINGS` gives the gazetteer each name's other case forms, and the country names and demonyms below
are declined the same way. Verbs carry aspect: a perfective verb in the present form speaks of the future
("покинут", "выведут", "уйдёт"), so ``PLANNED_TRIGGER_RE`` reads a plan on the action word itself, as French reads
its future tense. Demonyms stand before the noun ("российские войска"); a country in the genitive stands after it
("армия Израиля", "Минобороны России").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from drawdown.extract.dates import WordDates
from drawdown.extract.lang import declensions
from drawdown.extract.lexicon import ci
from drawdown.extract.quantities import CountReader

# ------------------------------------------------------------------------------------------------ declension

# A name's last word in the genitive, dative, accusative, instrumental and prepositional: "Латакия" -> "Латакии";
# "Пальмира" -> "Пальмиры"; "Ракка" -> "Ракки" (и after к, г, х and the hushing consonants); "Израиль" ->
# "Израиля" (names in -ь taken as masculine); "Китай" -> "Китая"; "Тартус" -> "Тартуса". Names ending in о, и, ы,
# у, е, a digit or a capital ("Алеппо", "Камышлы", "Т-4", "РФ") do not decline.
NAME_ENDINGS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    (r"ия$", ("ии", "ию", "ией")),
    (r"(?<=[кгхжшчщ])а$", ("и", "е", "у", "ой")),
    (r"а$", ("ы", "е", "у", "ой")),
    (r"я$", ("и", "е", "ю", "ей")),
    (r"ь$", ("я", "ю", "ем", "ём", "е")),
    (r"й$", ("я", "ю", "ем", "е")),
    (r"(?<=[бвгджзклмнпрстфхцчшщ])$", ("а", "у", "ом", "ем", "е")),
)
# Adjective endings, for the demonyms ("российский", "российских", "российскими" ...).
_ADJECTIVE_ENDINGS: Final = ("ий", "ая", "ое", "ие", "ого", "ой", "ому", "им", "ими", "их", "ом", "ую")


def _with_forms(names: dict[str, str]) -> dict[str, str]:
    """Each name with its declined forms, all naming the same country."""
    out: dict[str, str] = {}
    for name, country in names.items():
        for form in (name, *declensions(name, NAME_ENDINGS)):
            out.setdefault(form, country)
    return out


def _capitalised(words: Iterable[str]) -> tuple[str, ...]:
    """The words as written mid-sentence and at its start (the actor pattern reads text as written)."""
    return tuple(dict.fromkeys(f for w in words for f in (w, w[:1].upper() + w[1:])))


# ------------------------------------------------------------------------------------------------- actions

# Leaving a place: past and present of both aspects, the perfective present (a plan, PLANNED_TRIGGER_RE), the
# participles. "был покинут" (was abandoned) is read whole, so that its participle is not taken for "they will leave".
_LEAVE = (r"покин(?:ул|ула|уло|ули|ут|ет|уть|увш\w*)|покида\w*|(?:был[аои]? )?покинут\w*|"
          r"остав(?:ил|ила|или|ило|ят|ит|ив|лен\w*)|оставля\w*|"
          r"ушл[аои]|уш[её]л|уйд(?:ут|[её]т|я)|уход(?:ят|ит|или)|эвакуир\w*|эвакуаци\w*")  # fmt: skip
# Withdrawing, redeploying, coming home. "вывод" and not "выводы" (conclusions).
_WITHDRAW = (r"вывод(?!ы|ов)\w*|вывел[аио]?|вывест\w*|вывед\w*|отвод\w*|отв[её]л[аио]?|отвед\w*|отош[её]?л\w*|"
             r"отход(?:ят|ит|или)|отступ\w*|передислоц\w*|переброш\w*|перебро(?:сил|сила|сили)|перебрасыва\w*|"
             r"вернул(?:ся|ась|ись)|верн(?:ут|[её]т)ся|возвраща\w*|возвращени\w*|сворачива\w*")  # fmt: skip
# The place is free of the force again: after its departure, withdrawal or evacuation.
RESULTANT = r"после (?:\w+ )?(?:ухода|вывода|отхода|отступления|эвакуации)"
_DONE = r"заверш\w*|законч\w*|окончен\w*|завершени\w*"
_MOVED = (r"покин|покида|вышл|выш[её]л|выход|выех|выезжа|двига|движ|направ|ушл|уш[её]л|отправ|оставил|"
          r"замечен|проследова")  # fmt: skip
ACTION_RULES: Final[tuple[tuple[str, str, str | None], ...]] = (
    ("convoy_departed", r"колонн\w*|конво\w*", "?" + _MOVED),
    ("convoy_departed", r"грузовик\w*|бронетехник\w*|бронемашин\w*|автомобил\w*|танк(?:и|ов)|тягач\w*", _MOVED),
    ("ships_departed", r"корабл\w*|судн\w*|суда|судов|фрегат\w*|крейсер\w*|танкер\w*|сухогруз\w*|десантн\w* корабл\w*",
     r"вышл|выш[её]л|выход|покин|покида|ушл|уш[её]л|отплы|снял\w* с якоря|взял\w* курс|направ"),
    ("flights_departed", r"самол[её]т\w*|вертол[её]т\w*|рейс\w*|транспортник\w*|воздушн\w* мост\w*|AIRCRAFT_NAMES",
     r"вылет|взлет|взл[её]т|покин|покида|улет|отправ|перебро|передислоц|эвакуир"),
    ("equipment_loaded", r"грузил\w*|погруз\w*|загруз\w*|загружа\w*|демонтир\w*|демонтаж\w*|разобра\w*|"
     r"упакова\w*", None),
    # Take-overs are inbound presence; by another actor they are its own move.
    ("reinforcement", r"взял\w* под (?:свой )?контроль|установил\w* контроль|захватил\w*|занял[аио]?|"
     r"вошл[аио] в|вош[её]л в", None),
    ("reinforcement", r"подкреплени\w*|усилени\w*|усилил\w*|нарастил\w*|наращива\w*|прибыл\w*|прибыва\w*|"
     r"прибуд\w*", None),
    ("negotiation", r"переговор\w*|консультаци\w*|соглашени\w* о (?:статусе|базах|базе)|"
     r"статус\w* (?:российских )?баз\w*", None),
    ("presence_maintained", r"сохран(?:яет|яют|ит|ят|ил|ила|или|ить|ять)(?= (?:\w+ ){0,2}(?:присутстви\w*|баз\w*|"
     r"контингент\w*|группировк\w*|войск\w*))|остаются|оста[её]тся|останутся|останется|остались|остался|"
     r"оставались|оставалась|по-прежнему (?:находятся|находится|базируются|базируется|размещены|дислоцированы)|"
     r"продолжа\w* (?:находиться|базироваться|присутствовать)", None),
    ("withdrawal_partial", r"частичн\w*|сократил\w*|сократ(?:ит|ят|ить)|сокращ\w*|уменьшил\w*|уменьш(?:ит|ат|ить)|"
     r"половин\w*", None),
    ("withdrawal_complete", rf"(?:{_DONE}) (?:\w+ )?(?:вывод|отвод|уход)\w*|"
     r"(?:вывод|отвод|уход)\w*(?=(?: [\w«»-]+){0,8} (?:был[аио]? )?(?:заверш[её]н\w*|закончен\w*|окончен\w*))|"
     r"полностью (?:выве\w*|покинул\w*|ушл\w*|оставил\w*|эвакуир\w*)|"
     r"последни\w* (?:\w+ ){0,3}?(?:покинул\w*|ушл\w*|оставил\w*|вывед\w*|выведен\w*)|"
     r"передан[аоы]?|передал[аио]?|переда(?:ст|дут)|св[её]рнут\w*|"
     + RESULTANT, None),
    ("evacuated", _LEAVE, None),
    ("withdrawal_started", _WITHDRAW, None),
    # Talk of signs of a withdrawal ("признаков вывода ... нет") is no move: read as "other", which the case actor
    # never gets, so that its action word does not make a withdrawal.
    ("other", r"признак\w* (?:\w+ )?(?:вывод|ухода|отвода)\w*|удар\w*|обстрел\w*|бомбард\w*|атак\w*|продвинул\w*|"
     r"продвига\w*|наступ(?:ают|ает|ление)\w*|патрул\w*|потребовал\w*|требу(?:ет|ют)|угрожа\w*", None),
)  # fmt: skip
RESULTANT_RE = re.compile(rf"(?:{RESULTANT})")
TAKEOVER_RE = re.compile(r"(?:взял\w* под (?:свой )?контроль|установил\w* контроль|захватил\w*|занял\w*|вошл\w* в|"
                         r"вош[её]л в)")  # fmt: skip
WEAK_PRESENCE_RE = re.compile(r"(?!)")  # Russian captions name the verb ("остаются")
STARTED_CUE = ci(r"\b(?:начал\w*|начина\w*|начат\w*|приступил\w*|стартовал\w*|перв(?:ый|ая|ые|ых|ую|ой|ого))\b")
PARTIAL_CUE = ci(r"\b(?:часть|части|частичн\w*|некоторы\w*|нескольк\w*|ряд|большинств\w*|половин\w*|менее)\b")
COMPLETE_CUE = ci(r"\b(?:вс[еёия]|всех|весь|всего|полностью|целиком|последни\w*|окончательно|в полном составе)\b")
ONE_OF_MANY_RE = ci(r"\s+(?:[\w-]+\s+){0,3}?(?:одн(?:ой|ого|у|а) из|ещ[её] одн\w*)\s")
BACK_REFERENCE_RE = ci(r"\b(?:эт(?:и|от|а|о|ого|ой|их)|таки\w*) (?:рейс\w*|вылет\w*|вывод\w*|колонн\w*|перемещени\w*|"
                       r"переброск\w*|сокращени\w*)\b")  # fmt: skip

# --------------------------------------------------------------------------------------- negation, modality

# Every match of NEGATION_RE holds one of these as written (claims._may_negate tests them first).
NEGATION_WORDS: Final = ("не", "ни", "нет", "без", "никогда")
NEGATION_RE = ci(r"\b(?:не|ни|нет|без|никогда)\b")
# After a negator, what makes it deny knowing rather than the event: "не удалось подтвердить", "не уточнили".
NOT_EVENT_RE = ci(r"\b(?:подтвер\w*|удалось|уточн\w*|коммент\w*|извест\w*|ясно|понятно|сообща\w*|раскры\w*|"
                  r"провер\w*)\b")  # fmt: skip
PLANNED_RE = ci(r"\b(?:планиру\w*|планирова\w*|запланирова\w*|намерен\w*|намерева\w*|собира\w*|будет|будут|"
                r"предполага\w*|предстоит|ожида\w*|должн\w*|готов\w*|решил\w*|решени\w*|до конца|к концу|"
                r"в течение|график\w*|намечен\w*|пообещал\w*|обеща\w*|приказ\w*|поручил\w*|поручени\w*)\b")  # fmt: skip
# The action word in the perfective present, which is future: "покинут", "выведет", "уйдёт", "вернутся".
PLANNED_TRIGGER_RE = re.compile(r"(?:покин(?:ут|ет)|вывед(?:ут|ет)|уйд(?:ут|[её]т)|остав(?:ят|ит)|отвед(?:ут|[её]т)|"
                                r"верн(?:ут|[её]т)ся|прибуд(?:ут|ет)|переда(?:ст|дут)|сократ(?:ит|ят)|"
                                r"уменьш(?:ит|ат))")  # fmt: skip
MODAL_AFTER_RE = re.compile(r"\s+(?:\w+\s+)?(?:будет|будут|должен|должна|должно|должны|планируется|намечен\w*|"
                            r"ожидается|предстоит|состоится)\b")  # fmt: skip
INFINITIVE_RE = re.compile(r"(?!)")

# ---------------------------------------------------------------------------------------------------- hedges

HEDGE_RE = ci(r"\b(?:по некоторым данным|по неподтвержд[её]нным данным|по данным|по словам|по информации|"
              r"по сведениям|со ссылкой на|как сообщается|сообщается|якобы|предположительно|вероятно|возможно|"
              r"по-видимому|судя по всему|неподтвержд[её]нн\w*|не подтвержд[её]н\w*|не подтвердил\w*|слух\w*|"
              r"утвержда\w*|будто бы|не исключ\w*|ожида\w*|источник\w*|собеседник\w*|на условиях анонимности|"
              r"пожелавш\w* остаться неназванн\w*)\b")  # fmt: skip
# The hedges that only say who speaks.
ATTRIBUTIVE = frozenset({"по данным", "по словам", "по информации", "по сведениям", "со ссылкой на"})
NEITHER_RE = ci(r"\bни\b.{0,120}\bни\b.{0,120}\bподтверд")
DENIAL_RE = ci(r"\b(?:опроверг\w*|опровержени\w*|отрица\w*|отверг\w*|не соответству\w* действительности|фейк\w*|"
               r"ложн\w* (?:информаци\w*|сообщени\w*|сведени\w*)|дезинформаци\w*)\b")  # fmt: skip
OBSERVED_RE = ci(r"\b(?:спутников\w* снимк\w*|снимк\w* со спутник\w*|спутников\w* изображени\w*|"
                 r"корреспондент\w* (?:с места|на месте)|с места событий|видел\w* своими глазами|"
                 r"сервис\w* отслеживания|отслеживающ\w*|данные (?:сервисов |сайтов )?отслеживания|ads-b|"
                 r"flightradar24)\b")  # fmt: skip

# ----------------------------------------------------------------------------------------------- attribution

SOURCE_CUES: Final[tuple[tuple[str, str], ...]] = (
    ("satellite", r"спутников\w* снимк\w*|снимк\w* со спутник\w*|спутников\w* изображени\w*|maxar|planet labs"),
    ("flight_tracking", r"отслежива\w*|отслеживани\w*|flightradar24|ADS-B|FR24|трекер\w*|данн\w* о пол[её]тах"),
    ("anonymous", r"источник\w*|собеседник\w*|на условиях анонимности|пожелавш\w* остаться неназванн\w*"),
    ("official", r"министерств\w*|минобороны|МИД|ведомств\w*|пресс-секретар\w*|официальн\w* представител\w*|"
                 r"генштаб\w*|правительств\w*|кремл\w*|замминистра|заместител\w* министра|министр\w*|"
                 r"посольств\w*|президент\w*|командовани\w*|власт\w*|официальн\w* сообщени\w*"),
    ("observer", r"обсерватори\w*|наблюдател\w*|жител\w*|очевидц\w*|свидетел\w*|активист\w*|правозащитник\w*|"
                 r"телеграм-канал\w*|мониторинг\w*"),
    ("media", r"агентств\w*|газет\w*|издани\w*|телеканал\w*|СМИ|корреспондент\w*|журналист\w*|ТАСС|РИА|"
              r"Интерфакс|Коммерсант\w*|радио"),
)  # fmt: skip
_SPEECH = (r"сообщ\w*|заяв\w*|рассказ\w*|утвержда\w*|подтверд\w*|подтвержда\w*|объяв\w*|отмеча\w*|пиш(?:ет|ут)|"
           r"переда[её]т|передают|говорится|опроверг\w*|следует из|свидетельству\w*|указ(?:ал|ала|али|ывает)|"
           r"уточн\w*|добав\w*")  # fmt: skip
SPEECH_WORDS = _SPEECH + r"|по данным|по словам|по информации|по сведениям|источник\w*"
SPEECH_GATE = ci(rf"\b(?:{SPEECH_WORDS})\b")
SPEAKER_VERBS = r"заявил\w*|сообщил\w*|объявил\w*|подтвердил\w*|опроверг\w*|отрицает|отрицают"
# "по данным X", "по словам X"; a speech verb and its speaker after it, up to the end of the clause ("..., заявил
# пресс-секретарь Кремля", "сообщили в Минобороны России"); unnamed sources.
_WORD = r"[^\s,.;:«»]+"
ATTRIBUTION_RE = re.compile(
    r"\b[Пп]о (?:данным|словам|информации|сведениям) (?P<acc>[^,.;]{3,90})"
    rf"|\b(?:{_SPEECH})\s+(?P<who>(?:{_WORD}\s+){{0,5}}{_WORD})(?=\s*[,.;]|\s*$)"
    r"|(?P<src>источник\w* (?:в|из|близк\w*) [^,.;]{0,80})"
)


def attribution_start(body: str, pos: int, verb_at: int | None = None) -> int | None:
    """Where the attribution search starts: anywhere from ``pos`` (the speaker often follows its verb)."""
    return pos


# Words that open a speaker's phrase but name nobody.
NOT_SPEAKERS = frozenset({"что", "о", "об", "том", "это", "этом", "также", "ранее", "в", "во", "на", "из", "данные",
                          "данных"})  # fmt: skip

# ----------------------------------------------------------------------------------------------- other actors

_ACTOR_NOUN_STEMS: Final = ("войск", "сил", "военн", "военнослужащ", "арми", "подразделени", "контингент",
                            "группировк", "правительств", "власт", "министерств", "ведомств", "генштаб",
                            "полици", "наемник", "наёмник", "солдат", "бойц", "колонн", "конво", "самол",
                            "корабл", "баз", "президент", "представител", "дипломат", "командовани", "ВКС",
                            "Минобороны", "МИД")  # fmt: skip
# Nouns an actor is named by, in any case form and capitalised at a sentence start ("Российские войска", "армия
# Израиля"); matched as written.
ACTOR_NOUNS = "|".join(rf"{stem}\w*" for stem in _capitalised(_ACTOR_NOUN_STEMS))
ACTOR_NOUN_WORDS = _capitalised(_ACTOR_NOUN_STEMS)
_DEMONYM_STEMS: Final = {"российск": "Russia", "турецк": "Turkey", "американск": "United States",
                         "французск": "France", "сирийск": "Syria", "иранск": "Iran", "израильск": "Israel",
                         "иракск": "Iraq", "ливанск": "Lebanon", "украинск": "Ukraine", "британск": "United Kingdom",
                         "немецк": "Germany", "китайск": "China", "иорданск": "Jordan", "ливийск": "Libya",
                         "курдск": "Kurdish forces"}  # fmt: skip
# Demonyms before the noun, every case, gender and number, as written mid-sentence and at a sentence start.
DEMONYMS_BEFORE: dict[str, str] = {
    form: country
    for stem, country in _DEMONYM_STEMS.items()
    for form in _capitalised(stem + ending for ending in _ADJECTIVE_ENDINGS)
}
# Russian names of countries, their capitals and seats of power, declined (ISO's Russian names come from pycountry).
COUNTRY_NAMES = _with_forms({"Россия": "Russia", "РФ": "Russia", "Москва": "Russia", "Кремль": "Russia",
                             "Турция": "Turkey", "Анкара": "Turkey", "Сирия": "Syria", "Дамаск": "Syria",
                             "США": "United States", "Вашингтон": "United States", "Иран": "Iran",
                             "Тегеран": "Iran", "Израиль": "Israel", "Ирак": "Iraq", "Ливан": "Lebanon",
                             "Ливия": "Libya", "Украина": "Ukraine", "Киев": "Ukraine", "Китай": "China",
                             "Пекин": "China", "Франция": "France", "Париж": "France", "Иордания": "Jordan",
                             "ООН": "United Nations", "НАТО": "NATO"})  # fmt: skip
# A country in the genitive after an actor noun ("армия Израиля", "правительство Сирии").
DEMONYMS_AFTER: dict[str, str] = {
    form: country for form, country in COUNTRY_NAMES.items() if form.endswith(("и", "ы", "а", "я", "РФ", "США"))
}
# What follows a country that acts or speaks ("Россия сохраняет", "Москва планирует", "Россия не уйдёт").
ACTOR_VERBS = (r"заявил\w*|сообщил\w*|объявил\w*|сохраня\w*|сохранит|планиру\w*|намерен\w*|начал\w*|вывел\w*|"
               r"выводит|покин\w*|не|сократил\w*|отв[её]л\w*|опроверг\w*|потребовал\w*|передал\w*|направил\w*|"
               r"перебросил\w*|продолжа\w*")  # fmt: skip
REBELS = (r"вооруж[её]нн\w* группировк\w*|вооруж[её]нн\w* формировани\w*|вооруж[её]нн\w* оппозици\w*|боевик\w*|"
          r"повстанц\w*|джихадист\w*|террорист\w*|ХТШ|Хайят Тахрир аш-Шам")  # fmt: skip
LOCAL_OFFICE = r"губернаторств\w*|администраци\w*|мэри\w*|муниципалитет\w*|городск\w* совет\w*"
LOCAL_OFFICE_WORDS: Final = ("губернаторств", "администраци", "мэри", "муниципалитет", "совет")

# ----------------------------------------------------------------------------------- placing phrases, clauses

SAME_TIME_RE = re.compile(r"^\s*(?:одновременно|в то же время|параллельно|в тот же день|кроме того|также)\b", re.I)
CLAUSE_RE = re.compile(r"[;:]|,\s*(?:а|но|однако|тогда как|в то время как|хотя)\b|\b(?:тогда как|в то время как|"
                       r"однако|но)\b")  # fmt: skip
CLAUSE_MARKS = (",", ";", ":", "но", "однако", "тогда как", "в то время как")
# What stands before a place that only locates the one named before it ("база в Тартусе", "у Айн-Исы").
LOCATIVE_RE = re.compile(r"(?:расположенн\w*|находящ\w*|дислоцированн\w*)?\s*(?:в|во|на|у|под|около|возле|близ|"
                         r"рядом с|в районе)\s+(?:(?:провинци\w*|район\w*|город\w*|окрестност\w*)\s+)?$",
                         re.I)  # fmt: skip
IN_LIST_RE = re.compile(r",\s*(?:и\s+)?(?:(?:в|во|на|с|со|из|от)\s+)?$|\bи\s+(?:(?:в|во|на|с|со|из|от)\s+)?$")
DESTINATION_RE = re.compile(r"\b(?:в|во|на|к|ко|до|в сторону|в направлении)\s+$", re.I)
POSTS_RE = re.compile(r"\b(?:пост(?:ы|ов|ам|ами|ах|а|у|ом|е)?|блокпост\w*|позици\w*|наблюдательн\w* пункт\w*|"
                      r"пункт\w* наблюдения)\b")  # fmt: skip
RELATIVE_RE = re.compile(r"(?:\b\d+(?:[.,]\d+)?\s*(?:км|километр\w*)\s+(?:\w+\s+){0,2}|\b(?:к\s+)?(?:северу|югу|"
                         r"востоку|западу|северо-востоку|северо-западу|юго-востоку|юго-западу)\s+)"
                         r"(?:от\s+)?$")  # fmt: skip
REGION_WORD_RE = re.compile(r"\s+(?:провинци\w*|мухафаз\w*|район\w*|област\w*)\b")
# Where a force that left went: "переброшены в Хмеймим", "вернулись в Россию" (but not "... в Россию из X").
WENT_TO_RE = re.compile(r"\b(?:переброш\w*|перебро\w*|передислоцир\w*|вернул\w*|отведен\w*|отош[её]?л\w*|"
                        r"отступил\w*|направ\w*|переместил\w*|ушл\w*)\s+(?:\w+\s+)?(?:в|во|на|к)\s+"
                        r"(?:(?!(?:из|с|со|от)\s)[\w-]+\s+){0,2}?$")  # fmt: skip
COREFERENCE_RE = re.compile(r"\b(?:эт(?:от|ого|ом|а|ой|у|и|их)|тот|той|ту)\s+(?:город\w*|баз\w*|авиабаз\w*|"
                            r"аэродром\w*|аэропорт\w*|порт\w*|позици\w*|гарнизон\w*|район\w*)\b|"
                            r"\bоттуда\b")  # fmt: skip
# The agent right after the action word, in the genitive ("вывод российских войск", "после ухода российских").
AGENT_AFTER_RE = re.compile(r"\s+")
LEFT_BEHIND_RE = re.compile(r"\s+")
JOINT_RE = re.compile(r"[\s/&,-]*(?:(?:и|вместе с|совместно с)\s+)?(?:[а-яё]+[/-])*")
ORIGIN_BEFORE_RE = re.compile(r"\b(?:из|с|со|от|покинул\w*|покинув|покидая|оставив|оставил\w*)\s+(?:[\w-]+\s+)?$")
ROAD_BEFORE_RE = re.compile(r"\b(?:трасс\w*|дорог\w*|шоссе)\s+(?:на|в|до|между)\s+$")
DESTINATION_BEFORE_RE = re.compile(r"\b(?:к|ко|до|на|в сторону|в направлении|по направлению к)\s+$")
PLACE_BEFORE_RE = re.compile(r"\b(?:в|во|у|под|около|возле|близ|рядом с|между|вокруг|через|в районе|"
                             r"в окрестностях|на окраин\w*|и)\s+$")  # fmt: skip
ONGOING_RE = re.compile(r"(?!)")  # Russian captions use the same verb forms as prose
AUXILIARY_RE = re.compile(r"(?!)")

# ----------------------------------------------------------------------------------------------------- dates

# Months in the genitive, as a date names them ("15 декабря"), ё or е.
_MONTHS: Final = {"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7,
                  "августа": 8, "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12}  # fmt: skip
# Monday first, as date.weekday() counts; the accusative after "в"/"во" ("в субботу", "во вторник").
_WEEKDAYS: Final = ("понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье")
_DAY_MONTH_RE = re.compile(rf"\b(\d{{1,2}})\s+({'|'.join(_MONTHS)})(?:\s+(\d{{4}})(?:\s+года|\s+г\.)?)?(?!\w)")
_END_OF_RE = re.compile(r"\b(?:до|к) конц[ау] (?:этого |текущего )?(месяца|года)\b")
_NUMERIC_RE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_RELATIVE_DAY_RE = re.compile(rf"\b(позавчера|вчера|(?:в|во) (?:{'|'.join(_WEEKDAYS)}))\b")
_DEADLINE_BEFORE_RE = re.compile(r"(?:до|не позднее|к|ко)\s+$")


# Russian dates: "15 декабря 2024 года", "3 января", "07.01.2025", "вчера", "в субботу" (the last such day up to
# the publication day). A date after "до", "к" or "не позднее" is a deadline, and so is "до конца месяца".
find_dates = WordDates(
    months=_MONTHS,
    weekdays=_WEEKDAYS,
    day_month=_DAY_MONTH_RE,
    end_of=_END_OF_RE,
    month_word="месяца",
    numeric=_NUMERIC_RE,
    relative_day=_RELATIVE_DAY_RE,
    days_back={"вчера": 1, "позавчера": 2},
    deadline_before=_DEADLINE_BEFORE_RE,
    deadline_reach=15,
)


# -------------------------------------------------------------------------------------------------- numbers

# Number words in the cases a count takes ("два самолёта", "около двух", "из сорока грузовиков").
_NUMBER_WORDS: Final = {"два": 2, "две": 2, "двух": 2, "три": 3, "трёх": 3, "трех": 3, "четыре": 4, "четырёх": 4,
                        "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7,
                        "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10,
                        "одиннадцать": 11, "двенадцать": 12, "двенадцати": 12, "пятнадцать": 15, "пятнадцати": 15,
                        "двадцать": 20, "двадцати": 20, "тридцать": 30, "тридцати": 30, "сорок": 40, "сорока": 40,
                        "пятьдесят": 50, "пятидесяти": 50, "шестьдесят": 60, "сто": 100, "ста": 100,
                        "двести": 200, "двухсот": 200, "триста": 300, "трёхсот": 300, "трехсот": 300,
                        "пятьсот": 500, "пятисот": 500, "тысяча": 1000, "тысячи": 1000, "полтора": 1.5,
                        "полторы": 1.5, "десяток": 10, "десятка": 10, "два десятка": 20, "дюжина": 12,
                        "дюжины": 12, "две дюжины": 24, "сотня": 100, "сотни": 100}  # fmt: skip
_UNIT_NOUNS: Final = {
    "troops": r"военнослужащ\w*|военн(?:ых|ые|ыми|ым)|солдат\w*|бойц\w*|человек|специалист\w*|инструктор\w*|"
    r"советник\w*|полицейск\w*|десантник\w*",
    "vehicles": r"грузовик\w*|машин\w*|автомобил\w*|бронемашин\w*|единиц\w* (?:военной )?техники|танк\w*|тягач\w*|"
    r"бтр|бмп",
    "flights": r"самол[её]т\w*|рейс\w*|вертол[её]т\w*|транспортник\w*|борт(?:ов|а)",
    "ships": r"корабл\w*|судн\w*|суда|судов|фрегат\w*|танкер\w*|сухогруз\w*",
    "posts": r"пост(?:ов|а|ы)?|баз\w*|позици\w*|пункт\w*",
    "tonnes": r"тонн\w*",
}


def quantities(aircraft_names: Iterable[str] = ()) -> CountReader:
    """Counts in Russian sentences: "около 200 военнослужащих", "два самолёта Ил-76", "из сорока грузовиков",
    "на 40 процентов"."""
    return CountReader(
        _UNIT_NOUNS,
        _NUMBER_WORDS,
        aircraft_names,
        approx=r"около|примерно|порядка|более|свыше|не менее|почти|приблизительно|до",
        percent=r"%|процент\w*",
        between=r"(?:[\w-]+\s+){0,2}?",
        thousands=r"[ \u202f\u00a0]",
        decimal=",",
    )
