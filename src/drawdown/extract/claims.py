"""The Extract stage: report text in, claims out. Pure: it never opens the store.

How a report is read:

1. Bad input gets an explicit outcome instead of claims: empty text, text over ``MAX_CHARS``, and text in a language
   the rules do not cover are skipped with the reason (``Extraction.skipped``).
2. HTML residue is blanked (offsets kept), the text is split into sentences, and interview/Q&A sections are set
   aside as commentary.
3. Each sentence is searched for an action word first. Only sentences with one and a site (or another target)
   get the deep reading (sites with typo tolerance, actions, negation, modality, quantities, dates, attribution,
   confirmation).
4. Within one report a (site, action, modality) is claimed once, at its first mention: a report that repeats itself
   is still one source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from drawdown.case import Case, fold
from drawdown.extract import countries
from drawdown.extract import lexicon as lx
from drawdown.extract.dates import DateMention
from drawdown.extract.gazetteer import Gazetteer, Mention
from drawdown.extract.lang import PACKS, declensions
from drawdown.extract.lang import pack as lang_pack
from drawdown.extract.quantities import Quantity
from drawdown.extract.text import Sentence, clean, detect_language, sentences
from drawdown.model import Claim

EXTRACTOR_VERSION = "rules-2"
# Reports above this size are skipped with a reason rather than read: 5 MB is ~850,000 words, some 3 s of
# extraction at the measured pace, and far beyond any real article (the seed is 9 kB).
MAX_CHARS = 5_000_000
SUPPORTED_LANGUAGES = PACKS
# Units a quantity may have to count for an action; the first is preferred.
_UNITS_FOR = {
    "flights_departed": ("flights", "tonnes", "troops"),
    "convoy_departed": ("vehicles",),
    "ships_departed": ("ships",),
    "evacuated": ("posts", "troops"),
    "withdrawal_partial": ("percent", "troops", "vehicles"),
    "withdrawal_started": ("troops", "percent"),
    "withdrawal_complete": ("troops", "posts"),
    "reinforcement": ("troops", "vehicles", "flights", "ships"),
    "equipment_loaded": ("tonnes", "vehicles"),
    "presence_maintained": ("troops", "ships"),
}
_WORD_RE = re.compile(r"\w+")
# (Cyrillic capitals too: a Russian speaker's country is often a bare name, "замминистра иностранных дел России".)
_CAPITALISED_RE = re.compile(r"[A-ZА-ЯЁ][\w-]+")
# Actions of a named monitored force that make a claim on the whole force when no place is named ("Russian troops
# moving out through town", "US forces have withdrawn from a key base"): ANNOTATION.md puts them on the country.
_UNPLACED_OK = frozenset(
    {"withdrawal_started", "withdrawal_partial", "withdrawal_complete", "convoy_departed", "equipment_loaded"}
)
# Actions that leave a place: a place named as where the force went is not one of their sites.
_LEAVING = frozenset({"evacuated", "withdrawal_started", "withdrawal_partial", "withdrawal_complete"})


@dataclass
class Extraction:
    """What extraction made of one report: its claims, or why there are none."""

    claims: list[Claim] = field(default_factory=list)
    language: str = "und"
    skipped: str | None = None


# Named tuples rather than frozen dataclasses: built and hashed several times per sentence, and a tuple's
# constructor and hash run in C (a frozen dataclass sets each field through object.__setattr__).
class _Trigger(NamedTuple):
    action: str
    start: int
    end: int
    # False for a convoy named with no verb of moving ("a convoy was hit"): placed, it is still read as one.
    moved: bool = True


class _Actor(NamedTuple):
    name: str
    start: int
    end: int
    case_actor: bool


@dataclass
class _Context:
    """What carries from one sentence to the next within a paragraph."""

    paragraph: int = -1
    attribution: str | None = None
    source_type: str | None = None
    hedges: tuple[str, ...] = ()
    date: DateMention | None = None
    # The last claim-less sentence that names a speaker (as written, lower-cased), read only if a later sentence
    # needs it (most never do).
    pending: tuple[str, str] | None = None
    # Claim-less sentences, oldest first (as written, lower-cased, index), not yet read: whether one names a
    # speaker (and so becomes ``pending`` and sets ``said_at``) is found out only when a later sentence of the
    # paragraph asks, and then only for the last ones (the last that does wins, as if each had been read).
    unread: list[tuple[str, str, int]] = field(default_factory=list)
    # Pending sentences whose speaker became due (a later sentence had none of its own), oldest first: read only
    # when the carried speaker is used (the last that names one wins, as if each had been read when due).
    owed: list[tuple[str, str]] = field(default_factory=list)
    # Sentence counter, and the sentence whose speaker is kept: a speaker carries to the next sentence only
    # ("X said A. B, too." reads B as X's; two sentences on, the outlet speaks for itself again).
    index: int = 0
    said_at: int = -10
    # The last site named in the report (any paragraph): what "the town" or "the base" refers back to.
    last_site: Mention | None = None
    # Every site of the last sentence that named any: what "the two villages" refers back to.
    last_sites: tuple[Mention, ...] = ()
    # The last sentence that gave a claim of the case actor: a percentage in the sentence after it that refers back
    # ("The flights so far amount to a 10% reduction") sums up that movement for the whole force.
    claimed_at: int = -10


class Extractor:
    """The rules, compiled for one case. Build once, call :meth:`extract` per report.

    Its only state across reports is the gazetteer's cache of fuzzy look-ups, which never changes a result.
    """

    def __init__(self, case: Case, language: str = "en") -> None:
        self.case = case
        self.lang = lang_pack(language)
        # The extractors for the case's other languages, built when a report in one of them comes.
        self._by_language: dict[str, Extractor] = {language: self}
        self.gazetteer = Gazetteer.from_case(case, self.lang.NAME_PREFIXES, self.lang.NAME_ENDINGS)
        self._kinds = {site.id: site.kind for site in case.sites}
        aircraft = tuple(n for a in case.aircraft for n in (a.name, *a.aliases))
        self.quantities = self.lang.quantities(aircraft)
        names = "|".join(re.escape(n) for n in sorted(aircraft, key=len, reverse=True)) or "$^"
        # The theatre's flag, for a pack's resultant states ("the Ukrainian flag raised over X").
        flag_names = (case.theatre, *(d for d, c in lx.DEMONYMS.items() if c == case.theatre))
        flag_of = "|".join(re.escape(lx.lower(n)) for n in flag_names)
        theatre_flag = rf"(?:(?:{flag_of})(?:'s|’s)? flag|flag of (?:the )?(?:{flag_of}))"
        self._resultant_re = re.compile(self.lang.RESULTANT_RE.pattern.replace("THEATRE_FLAG", theatre_flag))
        self._rules: list[tuple[str, re.Pattern[str], re.Pattern[str] | None, bool]] = []
        heads = []
        for action, head, cue in self.lang.ACTION_RULES:
            head = head.replace("AIRCRAFT_NAMES", names).replace("THEATRE_FLAG", theatre_flag)
            heads.append(head)
            optional = cue is not None and cue.startswith("?")
            cue_re = lx.ci(rf"\b(?:{cue.lstrip('?')})") if cue else None
            self._rules.append((action, lx.ci(rf"\b(?:{head})\b"), cue_re, optional))
        # The cheap first pass: any action head word at all.
        self._any_action = re.compile(rf"\b(?:{lx.factor(lx.lower_pattern('|'.join(heads)))})\b")
        actor = case.actor
        # Every monitored force's names -> its short name (the main actor's last, so that it wins a shared name).
        self._own_names = {n: a.short for a in reversed(case.monitored) for n in (a.short, a.name, *a.aliases)}
        own = set(self._own_names)
        # Forces the case names but does not watch: name/alias -> name.
        self._other_names = {n: f.name for f in case.other_forces for n in (f.name, *f.aliases)}
        other_alt = "|".join(re.escape(n) for n in sorted(self._other_names, key=len, reverse=True)) or "$^"
        self._own_country = actor.short
        self._monitored = frozenset(a.short for a in case.monitored)
        # A monitored force is also named by its country ("Kenyan troops" for a case actor with country = "KE"):
        # the country's display name -> that force's short name (the main actor's last, so that it wins).
        self._by_country = {countries.display(a.country): a.short for a in reversed(case.monitored) if a.country}
        own_alt = "|".join(re.escape(n) for n in sorted(own, key=len, reverse=True))
        # Demonyms before the noun: English ones in every language ("les forces US"), then the report language's.
        self._demonyms = {**lx.DEMONYMS, **self.lang.DEMONYMS_BEFORE}
        dem_all = "|".join(re.escape(d) for d in sorted(self._demonyms, key=len, reverse=True))
        # Country and capital names: world knowledge, plus the names the report's language gives them.
        self._countries = {**lx.COUNTRIES, **countries.names(self.lang.code), **self.lang.COUNTRY_NAMES}
        country_alt = "|".join(re.escape(c) for c in sorted(self._countries, key=len, reverse=True))
        # Languages that put the demonym after the noun ("les forces turques"): noun + demonym -> country.
        after = "|".join(re.escape(d) for d in sorted(self.lang.DEMONYMS_AFTER, key=len, reverse=True)) or "$^"
        # A local office is named by one of the case's towns, provinces or sites ("the Tartus governorate"), never by
        # any capitalised word ("The city council met ..." in the benchmark's background prose is nobody's move).
        local = {n for p in case.places for n in (p.name, *p.aliases)} | {
            n for site in case.sites for n in (site.name, *site.aliases)
        }
        local_names = "|".join(re.escape(n) for n in sorted(local, key=len, reverse=True)) or "$^"
        # Its own pattern, tried only when an office word is present: inside the actor pattern the names cost a
        # fifth of the extraction time on the benchmark corpus.
        self._local_re = lx.ci(rf"\b(?:{lx.factor(lx.lower_pattern(local_names))})\s(?:{self.lang.LOCAL_OFFICE})\b")
        # The name lists grouped by first letter (lx.factor): the same matches, a fifth faster on news prose.
        own_f, dem_f, countries_f = lx.factor(own_alt), lx.factor(dem_all), lx.factor(country_alt)
        # Every match starts with the first letter of a name, or of a rebel word in any case: a lookahead on those
        # letters lets the engine skip the other positions at once (the same matches, three times as fast).
        rebel_firsts = lx.first_letters(self.lang.REBELS)
        actor_start = (
            lx.starts_with(
                (*own, *self._other_names, *self._demonyms, *self._countries, *self.lang.ACTOR_NOUN_WORDS),
                "".join(sorted(rebel_firsts)),
                boundary=True,
            )
            if rebel_firsts is not None
            else ""
        )
        # An adjective a language puts between an actor noun and the demonym after it ("les forces armées turques").
        between = rf"(?:\s+(?:{self.lang.ACTOR_ADJECTIVES}))?" if self.lang.ACTOR_ADJECTIVES else ""
        self._actor_re = re.compile(
            rf"{actor_start}(?:"
            rf"(?P<own>\b(?:{own_f})\b)"
            rf"|(?P<after>\b(?:{self.lang.ACTOR_NOUNS}){between}\s+(?:{after})\b)"
            rf"|(?P<other>\b(?:{lx.factor(other_alt)})\b)"
            rf"|(?P<dem>\b(?:{dem_f})(?=\s+(?:(?:[\w-]+\s+){{0,2}})(?:{self.lang.ACTOR_NOUNS})\b))"
            rf"|(?P<poss>\b(?:{countries_f})(?='s|’s))"
            rf"|(?P<rebel>\b(?i:{self.lang.REBELS})\b)"
            rf"|(?P<ctry>\b(?:{countries_f})\b(?=,?\s+(?:\w+\s+)?(?:{self.lang.ACTOR_VERBS})\b)))"
        )
        # A country or the actor speaking for itself: "the United States said", "Moscow announced".
        self._speaker_re = re.compile(
            rf"\b((?:{lx.factor(country_alt + '|' + own_alt)}))(?:'s|’s)?\s+(?:\w+\s+){{0,2}}?"
            rf"(?:{self.lang.SPEAKER_VERBS})\b"
        )
        # The theatre by its case name, and by the names the report's language gives its country, in every case form
        # of a language that declines them ("вывод войск из Сирии").
        theatre = [case.theatre, *(n for n, c in self.lang.COUNTRY_NAMES.items() if c == case.theatre)]
        theatre += [form for n in theatre for form in declensions(n, self.lang.NAME_ENDINGS)]
        theatre_alt = "|".join(re.escape(n) for n in sorted(dict.fromkeys(theatre), key=len, reverse=True))
        self._theatre_re = lx.ci(rf"\b(?:{theatre_alt})\b")
        # The case's named sources: name/alias -> (display name, type).
        self._sources: dict[str, tuple[str, str]] = {}
        for src in case.sources:
            for n in (src.name, *src.aliases):
                self._sources[fold(n)] = (src.name, src.type)
        src_alt = "|".join(
            r"[\W_]+".join(re.escape(w) for w in key.split(" ")) for key in sorted(self._sources, key=len, reverse=True)
        )
        self._source_re = re.compile(rf"(?<!\w)(?:{lx.factor(src_alt)})(?!\w)") if self._sources else None
        self._cue_res = [(t, lx.ci(rf"\b(?:{p})\b")) for t, p in self.lang.SOURCE_CUES]
        # One cheap test before the detailed attribution rules: does the sentence say who is speaking at all?
        cues = "|".join(p for _, p in self.lang.SOURCE_CUES)
        speech = lx.lower_pattern(rf"{cues}|{self.lang.SPEECH_WORDS}")
        any_speaker = rf"\b(?:{lx.factor(speech)})\b" + (
            rf"|(?<!\w)(?:{lx.factor(src_alt)})(?!\w)" if self._sources else ""
        )
        self._any_speaker = re.compile(any_speaker)
        # The speech words (matches of the pack's SPEECH_GATE) that _any_speaker matches whole: where the gate finds
        # one, _any_speaker matches too, so its search can be skipped (see _who). A gate match starts and ends with a
        # word character between non-word ones, as the word alone does between the string's ends, and
        # _any_speaker looks no further around than one character (\b, (?<!\w), (?!\w)): it matches the word there
        # as it matches it alone. The candidates need not be complete: a missing word only keeps the search.
        self._speaking = frozenset(
            w for w in re.findall(r"[a-z][a-z ]*[a-z]", self.lang.SPEECH_GATE.pattern) if self._any_speaker.fullmatch(w)
        )
        # The site names as a prefilter on lower-cased text (the gazetteer's names are folded to lower case).
        self._site_pre = self.gazetteer.lower_pattern
        # The cues before "official", and from it on: the speaker pattern is tried between the two (see _who).
        official = [kind for kind, _ in self._cue_res].index("official")
        self._cues_before, self._cues_from = self._cue_res[:official], self._cue_res[official:]

    # ------------------------------------------------------------------------------------------------ entry

    def named_sites(self, text: str) -> set[str]:
        """The case sites that ``text`` names (stored as mentions, which the brief's appendix lists)."""
        return self.gazetteer.sites_in(text)

    def extract(
        self,
        text: str,
        published: datetime | date | None,
        report_id: str = "",
        outlet: str | None = None,
        url: str | None = None,
    ) -> Extraction:
        """The claims of one report. ``outlet`` and ``url`` name its publisher: when the case lists that source as
        one whose own statements are direct observation, what it says in its own voice is read as seen."""
        if not text or not text.strip():
            return Extraction(skipped="empty text")
        if len(text) > MAX_CHARS:
            return Extraction(skipped=f"text of {len(text):,} characters is over the {MAX_CHARS:,} limit")
        prepared = clean(text)
        if not prepared.strip():
            return Extraction(skipped="no text left after removing markup")
        language = detect_language(prepared)
        if language not in SUPPORTED_LANGUAGES:
            reason = "language could not be determined" if language == "und" else f"language {language} not supported"
            return Extraction(language=language, skipped=reason)
        if language != self.lang.code:
            if language not in self._by_language:
                self._by_language[language] = Extractor(self.case, language)
            return self._by_language[language].extract(text, published, report_id, outlet, url)
        day = published.date() if isinstance(published, datetime) else published
        day = day or self.case.start
        seen_by = self.case.witness(outlet, url)
        witness = seen_by.type if seen_by is not None else None
        claims: list[Claim] = []
        seen: set[tuple[str | None, str, str, float | None]] = set()
        ctx = _Context()
        site_pattern = self._site_pre
        lowered = lx.lower(prepared)
        any_action, has_other_target, carry = self._any_action, self._has_other_target, self._carry_attribution
        for sentence in sentences(prepared):
            start, end, body, paragraph, commentary = sentence
            if paragraph != ctx.paragraph:
                ctx = _Context(paragraph=paragraph, last_site=ctx.last_site, last_sites=ctx.last_sites)
            ctx.index += 1
            if commentary or body.endswith(("?", "؟")):  # a sentence never ends in white space
                continue
            low = lowered[start:end]
            first = any_action.search(low)
            site = site_pattern.search(low) if site_pattern is not None else None
            if first is None:
                # No action word, so no claim: only the sites it names, to which a later "the town" may refer, and
                # its speaker can matter to the sentences after it.
                if site is not None:
                    self._remember_sites(body, low, ctx)
                else:
                    carry(body, low, ctx)
                continue
            # A sentence right after a claim of the actor's that sums it up in a percentage ("a 10% reduction").
            sums_up = (
                ctx.claimed_at == ctx.index - 1
                and ("%" in low or "percent" in low)
                and self.lang.BACK_REFERENCE_RE.search(low) is not None
            )
            # An action with no site, place, actor or theatre named cannot make a claim ("the council met to
            # discuss bread prices"); skipping those halves the deep work on ordinary news prose. The target
            # is looked for first: most such sentences have none, and then their action words do not matter.
            if site is None and not sums_up and not has_other_target(body, low):
                carry(body, low, ctx)  # no claim here: only the attribution can matter later
                continue
            first_site = site.start() if site is not None else len(low)
            claims_here = self._read_sentence(
                sentence, low, day, report_id, ctx, sums_up, first.start(), first_site, witness, published is not None
            )
            for claim in claims_here:
                if claim.actor in self._monitored:
                    ctx.claimed_at = ctx.index
                key = (claim.site, claim.action, claim.modality, claim.quantity)
                if key not in seen:
                    seen.add(key)
                    claims.append(claim)
        return Extraction(claims=claims, language=language)

    def _remember_sites(self, body: str, low: str, ctx: _Context) -> None:
        """Keep the sites a claim-less sentence names, for a back reference in a later one."""
        located = self.gazetteer.locate(body)
        mentions = self._drop_descriptors([m for m in located if not m.via_place] or located, low)
        if mentions:
            ctx.last_site, ctx.last_sites = mentions[-1], tuple(mentions)

    def _has_other_target(self, body: str, low: str) -> bool:
        """A place, a misspelt site, the theatre or an actor: something a claim could be about.

        Called only when the site pattern found no name in ``low``; for ASCII text ``low`` is exactly what the
        gazetteer would match its names against, so its exact-name pass is skipped.
        """
        if self._theatre_re.search(low) is not None:
            return True
        if self._local_offices(body):
            return True
        if self._actor_re.search(body):
            return True
        return bool(self.gazetteer.locate(body, names=not body.isascii()))

    # ------------------------------------------------------------------------------------------- one sentence

    def _read_sentence(
        self,
        s: Sentence,
        low: str,
        published: date,
        report_id: str,
        ctx: _Context,
        sums_up: bool = False,
        first_action: int = 0,
        first_site: int | None = None,
        witness: str | None = None,
        dated: bool = True,
    ) -> list[Claim]:
        """The claims of one sentence. ``first_action`` and ``first_site``: where its first action word and first
        site name start in ``low``, if known (``len(low)``: there is no site name). ``witness``: the source type of
        a publisher whose own statements are direct observation, if the report has one. ``dated``: False when the
        report has no published date; then only dates that give their year are kept ("20 December 2024"), for
        "last week" or "on Tuesday" cannot be placed, and no date beats a wrong one."""
        body = s.text
        ascii_ = body.isascii()
        # For ASCII text ``low`` is what the gazetteer matches names in (lower-cased, no accents to strip).
        folded, first_name = (low, first_site) if ascii_ and first_site is not None else (None, 0)
        located = self.gazetteer.locate(body, folded=folded, first_name=first_name)
        # Towns and provinces stand for a site only when the text names no site itself ("troops left Jableh");
        # beside a site's name they locate it or describe a source's beat ("monitors Raqqa and Hasakah").
        named = [m for m in located if not m.via_place]
        if named:
            located = named
        mentions = self._drop_descriptors(located, low)
        earlier_site, earlier_sites = ctx.last_site, ctx.last_sites
        if mentions:
            ctx.last_site, ctx.last_sites = mentions[-1], tuple(mentions)
        triggers = [t for t in self._triggers(low, mentions, first_action) if not self._hands_over_a_person(body, t)]
        attribution, source_type, hedges = self._attribution(body, low, ctx)
        dates = self.lang.find_dates(body, published, lowered=low if ascii_ else None)
        if not dates and ctx.date is not None and self.lang.SAME_TIME_RE.match(body):
            dates = [ctx.date._replace(start=0, end=0)]
        past = [d for d in dates if not d.deadline] if dates else []
        if past:
            ctx.date = past[0]
        # Another actor's strike or advance ("other") does not make a caption's presence reading weak.
        if len(triggers) > 1 and any(t.action != "other" and not self._weak(low, t) for t in triggers):
            triggers = [t for t in triggers if not self._weak(low, t)]
        if not triggers:
            return []
        actors = self._actors(body)
        # Counts matter only to actions with units; talks and other actors' moves never take one (and refining an
        # action stays within the withdrawal family, which has units).
        quantities = (
            self.quantities.find(body, lowered=low if ascii_ else None)
            if any(t.action in _UNITS_FOR for t in triggers)
            else []
        )
        denied = self._denied(low)
        neither = self._neither(low)
        observed = self.lang.OBSERVED_RE.search(low) is not None
        if witness is not None and attribution is None and source_type == "media":
            source_type, observed = witness, True  # the publisher's own statement is what it saw
        theatre = self._theatre_re.search(low) is not None
        assigned = self._assign(mentions, triggers, low)
        deadline = next((d for d in dates if d.deadline), None) if dates else None
        # _negated's first test on the whole sentence: each of its windows is a piece of ``low``, so where ``low``
        # holds none of the negators' marks no action of the sentence is negated (and _negated is not called).
        may_negate = self._may_negate(low)
        out: list[Claim] = []
        for trig in triggers:
            actor = self._actor_for(trig, actors, low)
            if trig.action == "withdrawal_complete" and self._resultant_re.fullmatch(low, trig.start, trig.end):
                actor = next((a for a in actors if a.case_actor), None)  # the place is free of the force again
            own = actor is None or actor.case_actor
            if trig.action == "other" and own and not self.lang.OWN_OTHER_RE.fullmatch(low, trig.start, trig.end):
                continue  # "other" moves are reported for other actors only, but for a few of the force's own
            targets: list[Mention | None] = list(assigned.get(trig, []))
            if not targets and mentions and own:
                targets = [min(mentions, key=lambda m: abs(m.start - trig.start))]
            unplaced = False
            back = self.lang.COREFERENCE_RE.search(low) if not targets and own and earlier_site is not None else None
            if back is not None and earlier_site is not None:
                # "the town", "its base": the site named in an earlier sentence of the report; "the two villages",
                # "all three areas": every site of the last sentence that named some.
                plural = back.group(0).endswith("s") and len(earlier_sites) > 1
                antecedents = earlier_sites if plural else (earlier_site,)
                targets = [m._replace(start=trig.start, end=trig.end) for m in antecedents]
            if not targets:
                explicit_own = actor is not None and actor.case_actor
                # The actor may follow the action: "a 10% reduction in Russian combat troops in Syria".
                named_own = explicit_own or (actor is None and any(a.case_actor for a in actors))
                force_share = (
                    sums_up and trig.action == "withdrawal_partial" and any(q.unit == "percent" for q in quantities)
                )
                if (
                    own
                    and not (named_own and theatre)
                    and not (explicit_own and trig.action == "negotiation")
                    and not (
                        unplaced := explicit_own
                        and trig.action in _UNPLACED_OK
                        and trig.moved
                        and not located
                        and earlier_site is None
                    )
                    and not force_share
                ):
                    continue
                targets = [None]
            action = self._refine(trig, low, targets)
            if action == "flights_departed" and targets != [None]:
                # A flight's site is where it left: one only flown to ("back to X") is not a departure from it.
                going = [t for t in targets if t is not None and self._convoy_role(low, t, trig) != "destination"]
                if not going:
                    continue
                targets = list(going)
            if action == "convoy_departed" and targets != [None]:
                roles = [(t, self._convoy_role(low, t, trig)) for t in targets if t is not None]
                origins = [t for t, role in roles if role == "origin"]
                on_road = [t for t, role in roles if role == "place"]
                if origins:
                    targets = list(origins)
                elif on_road:  # seen on the road, no origin named: convoy activity, not a departure
                    action, targets = "other", list(on_road)
                else:
                    continue  # only a destination: where it went is not where it left
            elif (
                action in _LEAVING and targets != [None] and not self._resultant_re.fullmatch(low, trig.start, trig.end)
            ):
                kept = [
                    t
                    for t in targets
                    if t is None or not self.lang.WENT_TO_RE.search(low, max(0, t.start - 45), t.start)
                ]
                if not kept:
                    continue  # "moved to X": where they went is not where they left
                if self.lang.BUILDING_LEFT_RE.match(low, trig.end):
                    continue  # "soldiers leaving a building in X": X is where the building stands
                targets = kept
            if action in ("evacuated", "withdrawal_started") and self.lang.ONGOING_RE.fullmatch(
                low, trig.start, trig.end
            ):
                before = low[max(0, trig.start - 12) : trig.start]
                if self.lang.AUXILIARY_RE.search(before) is None:
                    action = "withdrawal_partial"  # a caption's "troops leaving X": seen under way, not yet done
            words = low[trig.start : trig.end]
            if action == "reinforcement" and not own and self.lang.TAKEOVER_RE.fullmatch(words):
                action = "other"  # another actor's take-over is its own move
            negated = may_negate and self._negated(low, trig)
            planned = self._planned(body, low, trig, dates)
            due = deadline
            if planned and due is None:
                due = next((d for d in dates if d.day > published), None)
            # A denial says it did not happen: the claim is negated, and its confirmation is "denied".
            modality = "negated" if (negated or denied) else "planned" if planned else "asserted"
            if unplaced and (modality != "asserted" or (may_negate and self.lang.NEGATION_RE.search(low))):
                continue  # an unplaced reading is kept only as a plain statement of what the force did
            one_of_many = self.lang.ONE_OF_MANY_RE.match(low, trig.end, trig.end + 40)
            if targets == [None] and action in _LEAVING and one_of_many:
                action = "withdrawal_partial"  # left one unnamed base of several: part of the force
            if modality == "planned" and due is not None and action == "withdrawal_started":
                action = "withdrawal_complete"  # a pullout with a deadline is a plan to be gone by then
            if targets == [None] and action == "evacuated" and own:
                # A theatre is not evacuated like a post: it is being left, or, when its last troops left, it has been.
                last = self.lang.COMPLETE_CUE.search(low[max(0, trig.start - 50) : trig.start]) is not None
                action = "withdrawal_complete" if last else "withdrawal_started"
            confirmation = self._confirmation(denied, neither, hedges, source_type, attribution, observed, actor, body)
            qty = self._quantity(action, trig, quantities)
            if modality == "planned":
                when: DateMention | None = due
            else:
                when = min(past, key=lambda d: abs(d.start - trig.start)) if past else None
                if when is None and ctx.date is not None and self.lang.SAME_TIME_RE.match(body):
                    when = ctx.date
            if when is not None and not (dated or when.written):
                when = None
            if due is not None and not (dated or due.written):
                due = None
            event_date = when.day if when else (None if modality == "planned" or not dated else published)
            precision = when.precision if when else (None if modality == "planned" or not dated else "week")
            for target in targets:
                site = (target.site_id if target else None) if own else actor.name if actor else None
                span_start = s.start + min(trig.start, target.start if target else trig.start)
                span_end = s.start + max(trig.end, target.end if target else trig.end)
                out.append(
                    Claim(
                        report_id=report_id,
                        site=site,
                        action=action,
                        confirmation=confirmation,
                        modality=modality,
                        span=(span_start, span_end),
                        sentence=body,
                        site_name=target.surface if target else None,
                        actor=actor.name if actor else self._own_country,
                        quantity=qty.value if qty else None,
                        unit=qty.unit if qty else None,
                        event_date=event_date,
                        time_precision=precision,
                        due_date=due.day if (due and modality == "planned") else None,
                        source_type=source_type,
                        attribution=attribution,
                        hedges=hedges,
                    )
                )
        return out

    # ------------------------------------------------------------------------------------------------ parts

    def _may_have_clause(self, text: str) -> bool:
        """False when the clause pattern cannot match in ``text``: every boundary holds one of the pack's clause
        marks, and ``in`` on a string costs a tenth of the pattern."""
        return any(mark in text for mark in self.lang.CLAUSE_MARKS)

    def _may_negate(self, text: str) -> bool:
        """False when the negation pattern cannot match in ``text``: every match holds one of the negation words
        (the same list the pattern is built from, so a word added there is seen here)."""
        return any(word in text for word in self.lang.NEGATION_WORDS)

    def _clause_ends(self, text: str) -> list[int]:
        """Where the clause boundaries in ``text`` end."""
        return [m.end() for m in self.lang.CLAUSE_RE.finditer(text)] if self._may_have_clause(text) else []

    def _weak(self, low: str, trig: _Trigger) -> bool:
        """A presence read from a caption's wording alone (see lexicon.WEAK_PRESENCE)."""
        weak = self.lang.WEAK_PRESENCE_RE.fullmatch(low, trig.start, trig.end)
        return trig.action == "presence_maintained" and weak is not None

    def _convoy_role(self, low: str, target: Mention, trig: _Trigger) -> str:
        """origin, destination or place: where a named place stands in a convoy's journey."""
        if target.start < trig.start:
            return (
                "origin"  # named before the convoy: where it was seen leaving ("at the gate of X saw a convoy leave")
            )
        before = low[max(0, target.start - 30) : target.start]
        if self.lang.ROAD_BEFORE_RE.search(before):
            return "place"  # "on the road to X": where it was, not where it went
        if self.lang.ORIGIN_BEFORE_RE.search(before):
            return "origin"
        if self.lang.DESTINATION_BEFORE_RE.search(before):
            return "destination"
        if self.lang.PLACE_BEFORE_RE.search(before):
            return "place"
        return "origin"

    def _drop_descriptors(self, mentions: list[Mention], body: str) -> list[Mention]:
        """Drop mentions that only locate or give the destination of an earlier one ("X, in the Jableh region"),
        and places that only measure where another is ("30 km south of X", "north of X")."""
        mentions = [m for m in mentions if not self.lang.RELATIVE_RE.search(body, max(0, m.start - 40), m.start)]
        if len(mentions) < 2:
            return mentions
        kept = [mentions[0]]
        for m in mentions[1:]:
            before = body[max(0, m.start - 40) : m.start]
            if m.site_id in {k.site_id for k in kept}:
                continue
            between = body[kept[-1].end : m.start]
            region = self.lang.REGION_WORD_RE.match(body, m.end) or self.lang.REGION_WORD_RE.search(
                body, m.start, m.end
            )
            if before.endswith((",", ", ")) and region:
                continue  # "Mariupol, Donetsk Oblast": the region that holds the place before
            in_list = self.lang.IN_LIST_RE.search(before) is not None
            # A new clause ("..., while the naval base at Tartus stayed busy") names a new subject, not a place.
            new_clause = self._may_have_clause(between) and self.lang.CLAUSE_RE.search(between) is not None
            acted = self._any_action.search(body, kept[-1].end, m.start) is not None
            if (
                not in_list
                and not new_clause
                and not acted
                and (self.lang.LOCATIVE_RE.search(before) or self.lang.DESTINATION_RE.search(before))
                and len(between) < 90
            ):
                continue
            kept.append(m)
        return kept

    def _triggers(self, body: str, mentions: list[Mention], start: int = 0) -> list[_Trigger]:
        """Action words from ``start`` on (the first one's offset: the search from 0 would find the same ones)."""
        taken: list[tuple[int, int]] = [(m.start, m.end) for m in mentions]
        found: list[_Trigger] = []
        # The combined head pattern finds where action words start; at each such place the rules are tried in
        # order with an anchored match and the first whose cue is satisfied wins. (Running every rule over the
        # whole sentence cost three times as much.) A rule's match starts where the action word does, so the
        # triggers come in the order of their starts.
        for candidate in self._any_action.finditer(body, start):
            at = candidate.start()
            for action, head, cue, optional in self._rules:
                m = head.match(body, at)
                if m is None:
                    continue
                end = m.end()
                if any(x < end and at < y for x, y in taken):
                    continue  # a site's name or an earlier action's words
                moved = True
                if cue is not None:
                    window_start, window_end = max(0, at - 70), min(len(body), end + 90)
                    hits = [
                        c.start() for c in cue.finditer(body, window_start, window_end) if not at <= c.start() < end
                    ]
                    moved = bool(hits) or cue.match(body, at) is not None
                    if not moved and not optional:
                        continue
                    for c in hits:  # the verb that made the vehicle move is not a second withdrawal
                        word = _WORD_RE.match(body, c)
                        taken.append((c, c + (len(word.group(0)) if word else 1)))
                taken.append((at, end))
                found.append(_Trigger(action, at, end, moved))
                break
        return found

    def _assign(self, mentions: list[Mention], triggers: list[_Trigger], body: str) -> dict[_Trigger, list[Mention]]:
        """Each site mention goes to its nearest action, preferring one before it and within the same clause."""
        out: dict[_Trigger, list[Mention]] = {}
        actions = [t for t in triggers if t.action != "other"]
        if len(actions) < 2:
            # One action takes every mention, whatever the clause boundaries between them (most sentences). The
            # caller copies the list it gets, so the mentions are not copied here.
            return {actions[0]: mentions} if actions and mentions else out
        bounds = [m.start() for m in self.lang.CLAUSE_RE.finditer(body)] if self._may_have_clause(body) else []
        for m in mentions:
            best: _Trigger | None = None
            best_cost = float("inf")
            for t in actions:
                lo, hi = (t.end, m.start) if t.start < m.start else (m.end, t.start)
                cost = float(hi - lo) * (1.0 if t.start < m.start else 1.6)
                cost += 150.0 * sum(1 for b in bounds if lo <= b < hi)
                if cost < best_cost:
                    best, best_cost = t, cost
            if best is not None:
                out.setdefault(best, []).append(m)
        return out

    def _refine(self, trig: _Trigger, body: str, targets: list[Mention | None]) -> str:
        """The withdrawal family: started, partial or complete from the words around it; posts left = evacuated.

        Only three actions can change; the others (a convoy, flights, talks ...) are returned before any test."""
        action = trig.action
        if action == "withdrawal_complete":
            return "evacuated" if self._posts_left(body, targets) else action
        if action == "withdrawal_started":
            window = body[max(0, trig.start - 50) : trig.end + 50]
            if self.lang.STARTED_CUE.search(body[max(0, trig.start - 25) : trig.start]):
                return action  # "has begun withdrawing some of its troops": the start is what is said
            if self.lang.PARTIAL_CUE.search(window):
                return "withdrawal_partial"
            if self.lang.COMPLETE_CUE.search(window):
                return "evacuated" if self._posts_left(body, targets) else "withdrawal_complete"
            if self._posts_left(body, targets) and not self.lang.STARTED_CUE.search(window):
                return "evacuated"
            if self._place_left(body, trig, targets):
                posts = all(t is not None and self._kinds.get(t.site_id) in lx.POST_KINDS for t in targets)
                return "evacuated" if posts else "withdrawal_complete"
            return action
        if action == "evacuated" and not self._posts_left(body, targets):
            if self.lang.PARTIAL_CUE.search(body[max(0, trig.start - 40) : trig.start]):
                return "withdrawal_partial"
            if self._place_left(body, trig, targets) and not any(
                self._kinds.get(t.site_id) in lx.POST_KINDS for t in targets if t is not None
            ):
                return "withdrawal_complete"  # a town or base left by the force, not a post abandoned
        return action

    def _place_left(self, body: str, trig: _Trigger, targets: list[Mention | None]) -> bool:
        """A force that withdrew (done, in the past) from a named place has left it: ANNOTATION.md labels what is
        asserted, the move done, not begun. Not so for a province or region, nor for a number of troops that left
        ("some 400 troops withdrew from X" says how many went, not that none stayed)."""
        return (
            bool(targets)
            and all(t is not None and self._kinds.get(t.site_id) not in lx.NOT_LEFT_WHOLE for t in targets)
            and self.lang.DONE_LEAVING_RE.fullmatch(body.lower(), trig.start, trig.end) is not None
            and not any(ch.isdigit() for ch in body[max(0, trig.start - 40) : trig.start])
        )

    def _posts_left(self, body: str, targets: list[Mention | None]) -> bool:
        """Posts (named as posts) that are left are evacuated; a town or base that is withdrawn from is not."""
        return any(
            t is not None
            and self._kinds.get(t.site_id) in lx.POST_KINDS
            and self.lang.POSTS_RE.search(body[max(0, t.start - 40) : t.end + 10])
            for t in targets
        )

    def _local_offices(self, body: str) -> list[_Actor]:
        """Local offices named by a case place ("the Tartus governorate"): authorities of the theatre's country."""
        low = lx.lower(body)
        if not any(word in low for word in self.lang.LOCAL_OFFICE_WORDS):
            return []
        own = self.case.theatre == self._own_country
        return [_Actor(self.case.theatre, m.start(), m.end(), own) for m in self._local_re.finditer(low)]

    def _actors(self, body: str) -> list[_Actor]:
        out = self._local_offices(body)
        for m in self._actor_re.finditer(body):
            text = m.group(0)
            if m.group("own"):
                out.append(_Actor(self._own_names.get(text, self._own_country), m.start(), m.end(), True))
            elif m.group("other"):
                out.append(_Actor(self._other_names[text], m.start(), m.end(), False))
            elif m.group("after"):
                out.append(self._country_actor(self.lang.DEMONYMS_AFTER[text.split()[-1]], m))
            elif m.group("dem"):
                out.append(self._country_actor(self._demonyms[text], m))
            elif m.group("rebel"):
                out.append(_Actor("rebel groups", m.start(), m.end(), False))
            else:
                out.append(self._country_actor(self._countries[text], m))
        return sorted(out, key=lambda a: a.start) if len(out) > 1 else out

    def _country_actor(self, country: str, m: re.Match[str]) -> _Actor:
        """A country named as an actor: a monitored force when the case watches it by name or by country."""
        name = self._by_country.get(country, country)
        return _Actor(name, m.start(), m.end(), name in self._monitored)

    def _actor_for(self, trig: _Trigger, actors: list[_Actor], low: str = "") -> _Actor | None:
        """Who acts: the agent right after the action word ("taken over by X", "the retreat of X", "abandoned
        X tanks"), else the last actor named before it; of a joint subject ("X and Y forces", "X/Y") the monitored
        one. The actors are in order."""
        # Bare adjacency only for what was left behind ("abandoned Ukrainian base"); "asked Russia to" names
        # the one asked, not the asker.
        agent = self.lang.LEFT_BEHIND_RE if trig.action == "evacuated" else self.lang.AGENT_AFTER_RE
        for a in actors:
            if a.start >= trig.end and agent.fullmatch(low, trig.end, a.start):
                return a
        last = None
        for a in actors:
            if a.end <= trig.start and not self._acted_on(a, trig, low):
                last = a
        if last is not None and not last.case_actor:
            for a in actors:
                if not a.case_actor or a.start > trig.start:
                    continue
                left, right = (a, last) if a.end <= last.start else (last, a)
                if right.start >= left.end and self.lang.JOINT_RE.fullmatch(low, left.end, right.start):
                    return a
        if last is None:  # none named before: a monitored force right after the action word ("withdrew
            # peacekeepers", "hosts a Russian base"), in the same clause (another actor there is more often the one
            # handed to: "handed over to the Syrian authorities")
            for a in actors:
                gap = low[trig.end : a.start]
                near = trig.end <= a.start <= trig.end + 30 and "," not in gap
                if a.case_actor and near and not self._clause_ends(gap):
                    return a
        return last

    def _hands_over_a_person(self, body: str, trig: _Trigger) -> bool:
        """A handover whose object is a capitalised name that is no site ("handing over Assad"): a person handed
        over, not a place. A place handed over is a site's name or a common noun ("handed over the base")."""
        if self.lang.HANDING_OVER_RE.fullmatch(body, trig.start, trig.end) is None:
            return False
        named = _CAPITALISED_RE.match(body, trig.end + 1) if body[trig.end : trig.end + 1] == " " else None
        return named is not None and not self.gazetteer.locate(named.group(0))

    def _acted_on(self, actor: _Actor, trig: _Trigger, low: str) -> bool:
        """Whether ``actor`` is what the subject acted on, and the action its subject's next one ("X engaged the Y
        fighters in the villages and took both over"): then Y is not who took them."""
        return (
            self.lang.OBJECT_BEFORE_RE.search(low, max(0, actor.start - 30), actor.start) is not None
            and self.lang.SAME_SUBJECT_RE.match(low, actor.end, trig.start) is not None
        )

    def _clause_before(self, body: str, pos: int, reach: int) -> str:
        start = max(0, pos - reach)
        piece = body[start:pos]
        cut = max(self._clause_ends(piece), default=0)
        return piece[cut:]

    def _negated(self, body: str, trig: _Trigger) -> bool:
        # The clause is the end of the 45 characters before the action word: where they hold no negator's marks,
        # its boundaries do not matter.
        if not self._may_negate(body[max(0, trig.start - 45) : trig.start]):
            return False
        before = self._clause_before(body, trig.start, 45)
        if not self._may_negate(before):
            return False
        negators = list(self.lang.NEGATION_RE.finditer(before))
        if not negators:
            return False
        return self.lang.NOT_EVENT_RE.search(before[negators[-1].end() :]) is None

    def _planned(self, body: str, low: str, trig: _Trigger, dates: list[DateMention]) -> bool:
        if self.lang.PLANNED_RE.search(self._clause_before(low, trig.start, 70)):
            return True
        if self.lang.PLANNED_TRIGGER_RE.fullmatch(low, trig.start, trig.end):
            return True  # the action word's own future tense ("quitteront")
        if self.lang.FUTURE_CLAUSE_RE.search(low, max(0, trig.start - 40), trig.end):
            return True  # a time clause in the present ("after it pulls out")
        if body[: trig.start].rstrip().endswith("to") and self.lang.INFINITIVE_RE.search(body, 0, trig.start):
            return True  # the pattern ends in "to" and space
        # A noun followed by a modal: "the drawdown would run in stages", "the pullout is expected to ...".
        if self.lang.MODAL_AFTER_RE.match(low, trig.end):
            return True
        # A deadline in the same sentence makes the action a plan: "... pullout ... within the one-month timeframe"
        # after the action word, or anywhere in a sentence with a plan word.
        return any(d.deadline and (d.start > trig.start or self.lang.PLANNED_RE.search(low)) for d in dates)

    def _denied(self, low: str) -> bool:
        return self.lang.DENIAL_RE.search(low) is not None

    def _neither(self, low: str) -> bool:
        return self.lang.NEITHER_RE.search(low) is not None

    def _hedges(self, low: str) -> tuple[str, ...]:
        # HEDGE_RE has no group, so findall gives each match whole, in order (a fifth faster than finditer).
        return tuple(dict.fromkeys(self.lang.HEDGE_RE.findall(low)))

    def _attribution(self, body: str, low: str, ctx: _Context) -> tuple[str | None, str | None, tuple[str, ...]]:
        hedges = self._hedges(low)
        who, kind = self._who(body, low)
        if who is None and kind is None and ctx.unread:
            self._read_unread(ctx)
        if who is None and kind is None and ctx.pending is not None:
            ctx.owed.append(ctx.pending)
            ctx.pending = None
        if who is None and kind is None:
            if ctx.index - ctx.said_at == 1:
                if ctx.owed:
                    self._resolve_owed(ctx)
                who, kind = ctx.attribution, ctx.source_type
                hedges = tuple(dict.fromkeys((*hedges, *ctx.hedges)))
        else:
            ctx.attribution, ctx.source_type, ctx.hedges = who, kind, hedges
            ctx.said_at = ctx.index
            ctx.pending = None
            ctx.unread.clear()  # what they would have set is replaced here
            ctx.owed.clear()
        return who, kind or "media", hedges

    def _carry_attribution(self, body: str, low: str, ctx: _Context) -> None:
        """Keep the sentence for later: most claim-less sentences are never asked whether they name a speaker."""
        ctx.unread.append((body, low, ctx.index))

    def _read_unread(self, ctx: _Context) -> None:
        """What the kept sentences would have set, read from the last: the last that names a speaker wins."""
        for body, low, index in reversed(ctx.unread):
            if self._any_speaker.search(low) is None:
                continue
            if self._neither(low) or self._denied(low):
                continue  # "Neither X nor Y has confirmed": X and Y are not the source of what follows
            ctx.pending = (body, low)
            ctx.said_at = index
            break
        ctx.unread.clear()

    def _resolve_owed(self, ctx: _Context) -> None:
        """The speaker the owed sentences would have set, read from the last: the last that names one wins."""
        for body, low in reversed(ctx.owed):
            who, kind = self._who(body, low)
            if who is not None or kind is not None:
                ctx.attribution, ctx.source_type, ctx.hedges = who, kind, self._hedges(low)
                break
        ctx.owed.clear()

    def _who(self, body: str, low: str) -> tuple[str | None, str | None]:
        # The first speech word, wanted below anyway: most often a word of _any_speaker ("said", "told"), which
        # then matches without a search (see _speaking).
        gate = self.lang.SPEECH_GATE.search(low)
        if (gate is None or gate.group() not in self._speaking) and self._any_speaker.search(low) is None:
            return None, None
        if self._source_re is not None:
            # News prose puts the speaker last ("..., the foreign ministry said"), so the last named source wins.
            named = list(self._source_re.finditer(low))
            if named:
                last = named[-1]
                name, kind = self._sources[fold(last.group(0))]
                return name, kind
        phrase = None
        # The attribution pattern is tried only after a speech word, and starts near it: the speaker stands just
        # before the verb ("the ministry said"). No match starts before the first place one can
        # (self.lang.attribution_start, None where there is none), so the search starts there: the same matches.
        earliest = (
            self.lang.attribution_start(body, max(0, gate.start() - 100), gate.start()) if gate is not None else None
        )
        for m in self.lang.ATTRIBUTION_RE.finditer(body, earliest) if earliest is not None else ():
            candidate = (m.group("acc") or m.group("who") or m.group("src") or "").strip()
            words = candidate.split()
            if words and words[0] in self.lang.NOT_SPEAKERS:
                words = words[1:]
            if words and not all(w in self.lang.NOT_SPEAKERS for w in words):
                phrase = " ".join(words)
                break
        # The cues in order; the speaker pattern only matters once the cues before "official" found nothing, and is
        # searched then. Two loops rather than a test of each cue's kind: this runs for every sentence with a claim.
        for kind, cue in self._cues_before:
            if (c := cue.search(low)) is not None:
                return phrase or body[c.start() : c.end()], kind
        if (speaker := self._speaker_re.search(body)) is not None:
            return speaker.group(1), "official"
        for kind, cue in self._cues_from:
            if (c := cue.search(low)) is not None:
                return phrase or body[c.start() : c.end()], kind
        return (phrase, None) if phrase else (None, None)

    def _confirmation(
        self,
        denied: bool,
        neither: bool,
        hedges: tuple[str, ...],
        source_type: str | None,
        attribution: str | None,
        observed: bool,
        actor: _Actor | None,
        sentence: str,
    ) -> str:
        if denied:
            return "denied"
        # Some hedge is not merely attributive (none is when there are none): one set operation, no generator.
        doubts = not self.lang.ATTRIBUTIVE.issuperset(hedges)
        if neither or doubts or source_type == "anonymous":
            return "unconfirmed"
        if source_type in ("satellite", "flight_tracking") or observed:
            return "confirmed"
        if source_type == "official":
            # On record about its own forces: the speaker's country is the actor's (or the speaker is unnamed).
            # The speaker's country: from the attribution, else from the sentence's last clause ("..., X said").
            # (An empty attribution names no country: the look-up is skipped. The last clause is taken from the
            # last comma, Latin or Arabic, on, as rsplit would, without splitting.)
            speaker = (self._country_of(attribution) if attribution else None) or self._country_of(
                sentence[max(sentence.rfind(","), sentence.rfind("،")) + 1 :]
            )
            subject = actor.name if actor else self._own_country
            if speaker == subject:
                return "confirmed"
        return "unconfirmed"

    def _country_of(self, phrase: str) -> str | None:
        """The country a phrase names: by the actor pattern's first match, else by a capitalised demonym or country."""
        m = self._actor_re.search(phrase)
        if m is not None:
            text = m.group(0)
            if m.group("own"):
                return self._own_names.get(text, self._own_country)
            if m.group("other"):
                return self._other_names[text]
            if m.group("after"):
                return self._as_monitored(self.lang.DEMONYMS_AFTER[text.split()[-1]])
            return self._as_monitored(self._demonyms.get(text) or self._countries.get(text))
        for word in _CAPITALISED_RE.findall(phrase):
            if word in self._demonyms:
                return self._as_monitored(self._demonyms[word])
            if word in self._countries:
                return self._as_monitored(self._countries[word])
        return None

    def _as_monitored(self, country: str | None) -> str | None:
        return self._by_country.get(country, country) if country else country

    @staticmethod
    def _quantity(action: str, trig: _Trigger, quantities: list[Quantity]) -> Quantity | None:
        if not quantities:
            return None
        for unit in _UNITS_FOR.get(action, ()):
            fits = [q for q in quantities if q.unit == unit]
            if fits:
                return min(fits, key=lambda q: abs(q.start - trig.start))
        return None


def extract_claims(text: str, published: datetime | date | None, case: Case, report_id: str = "") -> Extraction:
    """Claims in one report's text (convenience wrapper; build an :class:`Extractor` once for many reports)."""
    return Extractor(case).extract(text, published, report_id)
