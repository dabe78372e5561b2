"""The word lists the rules read: action cues, negation, modality, hedges, attribution and other actors.

Nothing here names a theatre: country demonyms and capitals are world knowledge that any case can use; the case's
own sites, sources and actor aliases come from the case file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from drawdown.extract import countries


def lower_pattern(pattern: str) -> str:
    """The pattern with its literal letters lower-cased (escapes such as \\W or \\S kept as they are)."""
    out = []
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if pattern.startswith("(?P", i):  # named groups keep their names
            end = pattern.index(">", i) + 1 if pattern.startswith("(?P<", i) else i + 3
            out.append(pattern[i:end])
            i = end
            continue
        out.append(ch.lower())
        i += 1
    return "".join(out)


def ci(pattern: str) -> re.Pattern[str]:
    """Compile for matching against lower-cased text. Python's re is several times slower with IGNORECASE on
    long alternations (62 against 14 microseconds a sentence for the action words, measured in bench_extract)."""
    return re.compile(lower_pattern(pattern))


def _split_alternation(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (``a|b(c|d)|e`` -> ``a``, ``b(c|d)``, ``e``)."""
    out: list[str] = []
    cur: list[str] = []
    depth = 0
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            cur.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


def factor(pattern: str) -> str:
    """The same alternation grouped by first letter: ``convoy|column|withdraw`` -> ``c(?:onvoy|olumn)|w(?:ithdraw)``.

    Python's engine tries every alternative at every position; grouped, it tries one letter per group instead.
    On the action-word and site-name gates this is 2.5x faster (bench_extract corpus, 8,000 sentences). Order
    within a group is kept, so the first alternative to match at a position is still the same one.
    """
    groups: dict[str, list[str]] = {}
    rest: list[str] = []
    for alt in _split_alternation(pattern):
        if alt and alt[0].isalnum() and not (len(alt) > 1 and alt[1] in "?*+{"):
            groups.setdefault(alt[0], []).append(alt[1:])
        else:
            rest.append(alt)
    parts = [head + "(?:" + "|".join(tails) + ")" if tails != [""] else head for head, tails in groups.items()]
    return "|".join(parts + rest)


def first_letters(pattern: str) -> str | None:
    """The letters that every match of ``pattern`` starts with, when each of its alternatives starts with a letter
    that is not optional ("rebels?|militants" -> "mr"); None when one does not (a group, a class, an escape), for
    then no such set is known. For a lookahead in front of an alternation (see :func:`starts_with`)."""
    firsts = set()
    for alt in _split_alternation(pattern):
        if not alt or not alt[0].isalpha() or (len(alt) > 1 and alt[1] in "?*{"):
            return None
        firsts.add(alt[0])
    return "".join(sorted(firsts))


def word_starts(words: Iterable[str], size: int = 3) -> str:
    """An alternation of the first ``size`` characters of ``words`` (all of a shorter word), grouped by first letter,
    for a lookahead in front of a pattern whose every match starts with one of the words. A prefix that starts with
    a shorter one is left out: it adds no start. Three letters reject "the" and "said" where one letter cannot."""
    heads = {w[:size] for w in words}
    kept = sorted(h for h in heads if not any(o != h and h.startswith(o) for o in heads))
    return factor("|".join(re.escape(h) for h in kept))


def starts_with(names: Iterable[str], ignorecase: str = "", boundary: bool = False) -> str:
    """A lookahead for the characters that a match of an alternation of ``names`` (each matched as written) or of
    letters ``ignorecase`` (matched in any case) can start with; "" when that is anything (an empty name).

    Put in front of a pattern whose every match starts with one of them, it rejects every other position with one
    character test where the pattern would try each of its branches (most positions of news prose). ``boundary``:
    every match also starts at ``\b``; where all those characters are word characters, that means no word character
    before it, tested first (it rejects the inside of every word).
    """
    firsts = set()
    for name in names:
        if not name:
            return ""
        firsts.add(name[0])
    if not firsts and not ignorecase:
        return ""
    cased = "".join(re.escape(c) for c in sorted(firsts))
    folded = "".join(re.escape(c) for c in sorted(ignorecase))
    parts = ([f"[{cased}]"] if cased else []) + ([f"(?i:[{folded}])"] if folded else [])
    words = boundary and all(re.match(r"\w", c) for c in (*firsts, *ignorecase))
    return ("(?<!\\w)" if words else "") + f"(?={'|'.join(parts)})"


def lower(text: str) -> str:
    """Lower-case with the same length, so that offsets found in it are offsets in ``text``."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


# ------------------------------------------------------------------------------------------------- actions

# Each action is recognised from a head word (a verb or noun) found in the sentence. Some need a second cue nearby
# (a plane is only a departure when something says it left). Order matters: the first rule to claim a stretch of
# text wins, so the specific rules come before the generic "withdrew" family.
_WITHDRAW = (r"withdr[ae]w[ns]?|withdrawing|withdrawals?|pull(?:ed|ing|s)?[\s-]?(?:out|back)|pull(?:ed|ing|s)? "
             r"(?:\w+ ){1,3}out of|pullouts?|pull-outs?|"
             r"pullbacks?|retreat(?:ed|ing|s)?|redeploy(?:ed|ing|ment|s)?|relocat(?:ed|ing|ion)|exit(?:ed|ing)?|"
             r"drawdowns?|drew down|departure|depart(?:ed|ing|s)?|moved out")  # fmt: skip
# After a leaving word: not a departure. A toll ("an attack that left 43 dead", "leaving many militants dead"), or
# the scene of an incident left ("the pilots were leaving the scene").
_NOT_A_DEPARTURE = r"(?!\w* (?:[\w-]+ ){0,4}?(?:dead|killed|injured|wounded)\b|\w* the scene\b)"
_LEFT = r"(?:left|leav)" + _NOT_A_DEPARTURE
_LEAVE = (r"(?:left|leave|leaving|leaves)" + _NOT_A_DEPARTURE + r"|returning from|moving (?:out|away)|"
          r"abandon(?:ed|ing|s)?|evacuat(?:ed|ing|ion|e|es)|quit|"
          r"emptied|handed over|hand over")  # fmt: skip

# Verbs that say a vehicle moved off. A cue starting with "?" is optional: it is consumed when present (so "a convoy
# left" is not also an evacuation) but the head word alone suffices.
_MOVED = (
    r"depart|" + _LEFT + r"|drove|driv(?:e|es|en|ing)\b|roll|head(?:ed|ing) (?:out|west|east|north|south|to|for)|"
    r"pull(?:ed|ing) out|exit|mov(?:ed|ing) (?:away|out)"
)
# Take-overs and new posts: "took over", "gained control of", "set up a new base", "established a post".
TAKEOVER = (
    r"took[ -]over|taken over|take over|takes over|taking over|"
    r"take (?:both|them|it|all)(?: of (?:both|them))? over|take-?overs?|overt(?:ake|akes|ook|aken)|"
    r"re-?t(?:ook|aken)|"
    r"(?:gain(?:ed|s|ing)?|regain(?:ed|s|ing)?|assum(?:ed|es|ing)) (?:the )?(?:full )?control|"
    # The place words stay outside the match (a lookahead): "observation post" can be a site's own name.
    r"set(?:s|ting)? up(?= (?:(?:a|an|its|their|the|two|three|several|new|another) )*(?:[\w-]+ ){0,2}"
    r"(?:bases?|posts?|points?|checkpoints?|positions?|camps?|outposts?)\b)|were set up|was set up|"
    r"establish(?:ed|es|ing)?|creat(?:ed|es|ing)(?= (?:a |an )?(?:new )?(?:[\w-]+ )?(?:base|post|checkpoint|position))|"
    r"entered|entering|enters|re-?entered|unloading|(?:was|were|been|is|are) taken(?! (?:on|at|in|from|to)\b)"
)
TAKEOVER_RE = re.compile(rf"(?:{TAKEOVER})")
TOWARDS = (r"(?:moving|heading|driving|advancing|going|rolling|travell?ing) (?:\w+ )?(?:towards?|in the direction of)|"
           r"(?:moving|heading|advancing) (?:south|north|east|west)\w* (?:to|towards?)")  # fmt: skip
# The place is free of the force again: "after liberation", "recaptured", "now UA-controlled", the flag back,
# "after Russian forces left", "handed over". Read as the monitored force's completed withdrawal whoever the
# sentence's subject is (the recapturing side is the other party).
RESULTANT = (
    r"after (?:its |the )?liberation|liberated|recaptur(?:ed|ing|es)|retaken|back under (?:\w+ ){0,2}control|"
    r"now (?:[\w-]+[ -])?controlled|flag (?:is |was )?(?:back|returned|raised again|flies again)|"
    r"after (?:the )?(?:[\w-]+ ){0,2}(?:forces|troops|army|military|soldiers) (?:had )?(?:left|withdrew|retreated|"
    r"pulled out)|after (?:the )?(?:[\w-]+ ){0,2}(?:withdrawal|retreat|occupation)|handed over|handing over|"
    r"hand(?:ed|s)? (?:\w+ ){1,3}over to|handover|"
    # The theatre's own flag raised at a place (THEATRE_FLAG: its demonym's or its name's flag, filled in per case):
    # the force is gone from it. Another's flag raised is that force's presence (WEAK_PRESENCE).
    r"THEATRE_FLAG (?:[\w-]+ ){0,2}?(?:is |was |has been )?(?:raised|hoisted|returned|back|planted|flies|flying)|"
    r"(?:rais(?:e|ed|es|ing)|hoist(?:ed|ing|s)?) (?:the |a )?THEATRE_FLAG"
)
RESULTANT_RE = re.compile(rf"(?:{RESULTANT})")
# Moves of the monitored force itself that ANNOTATION.md labels "other" (the rest of that rule's words are other
# actors' moves): air activity that is not clearly departures ("helicopters taking off and landing at X").
OWN_OTHER = r"taking off and landing|take-?offs? and landings?"
OWN_OTHER_RE = re.compile(rf"(?:{OWN_OTHER})")
# Presence read from a terse caption ("Russian forces in X", "troops moving around in X", "flag raised in X").
# Weak: dropped when the sentence has any other action word (news prose says "forces in Syria" in passing).
WEAK_PRESENCE = (
    r"(?:forces|troops|soldiers|(?<!storage )(?<!housing )units|garrison|military|equipment|vehicles|peacekeepers|"
    r"advisers|"
    r"(?:coordination |command )?(?:cent(?:er|re)|headquarters)) "
    r"(?:[\w-]+ )?(?:in|at|on)|"
    r"moving (?:around )?in|(?:raising|raised|hoisting|hoisted) (?:a |the |their )?(?:\w+ )?flag|"
    r"flag (?:on|over|above)|(?:are|is|were|was) seen (?:at|in|on)"
)
WEAK_PRESENCE_RE = re.compile(rf"(?:{WEAK_PRESENCE})")
ACTION_RULES: Final[tuple[tuple[str, str, str | None], ...]] = (
    # (action, head pattern, required cue within the sentence or None)
    # A convoy that withdrew is a convoy that left; vehicles or a column withdrawing are the force withdrawing (below).
    ("convoy_departed", r"convoys?|columns? of (?:\w+ ){0,3}(?:vehicles|trucks|lorries)", "?" + _MOVED + "|withdr"),
    # Vehicles named without the word convoy move only when a verb says they left.
    ("convoy_departed", r"(?:trucks|lorries|vehicles|armou?red vehicles|tanks|buses|(?:military )?equipment)", _MOVED),
    # A column alone moves only when a verb says it left ("column moving away from the border").
    ("convoy_departed", r"columns?", _MOVED),
    (
        "ships_departed",
        r"ships?|vessels?|warships?|frigates?|corvettes?|submarines?|landing ships?|(?<!fuel )tankers?|sealift",
        r"sail|" + _LEFT + r"|depart|set out|head|steam|exit|weigh|put to sea|bound for|carr|ferr|from|flee|fled",
    ),
    (
        "flights_departed",
        r"flights?(?![- ]?track)|planes?|aircraft|airplanes?|jets?|sorties|airlifts?|airlifters?|transports|"
        r"helicopters?|cargo planes?|AIRCRAFT_NAMES",
        # (taking off and landing is air activity, not departures)
        r"depart|" + _LEFT + r"|took off|take off|taking off(?! and land)|flew|fly|flying|flown|airlift|transport|carr|"
        r"ferr|"
        r"shuttl|bound for|head|out of|evacuat",
    ),
    ("flights_departed", r"flown out|flew out|airlifted|evacuated by air", None),
    (
        "equipment_loaded",
        # (not a car bomb, "a vehicle loaded with explosives", nor one full of fighters)
        r"load(?:ed|ing|s)?(?! with (?:\w+ )?(?:explosive|terrorists|militants|fighters|gunmen))|"
        r"dismantl(?:ed|ing|e|es)|pack(?:ed|ing) up|crat(?:ed|ing)|"
        r"disassembl\w*|stripp(?:ed|ing)",
        None,
    ),
    # Taking a place over or setting up a new post is inbound presence (ANNOTATION.md); by another actor it is that
    # actor's move ("other"), see TAKEOVER_RE.
    ("reinforcement", TAKEOVER, None),
    # A column or troops moving towards a place: inbound (terse monitor captions).
    ("reinforcement", TOWARDS, None),
    # A resultant state after the force left: the place is back in other hands (see RESULTANT_RE).
    ("withdrawal_complete", RESULTANT, None),
    (
        "reinforcement",
        r"reinforc\w*|fresh troops|additional troops|more troops|build-?up|sent (?:in )?(?:more|new|"
        r"additional)|deployed (?:more|new|additional|extra)|brought in|beef(?:ed|ing) up|arriv(?:ed|al|als|ing)"
        r"|expand(?:ed|ing)|bolster\w*|"
        # A force taking over another's post: inbound for the one that comes ("vacated X and were replaced by ...").
        r"(?:replaced|relieved)(?= by )|"
        # Forces gathered at a place: "consolidating positions", "consolidated its forces at X".
        r"consolidat(?:e|es|ed|ing)(?= (?:its |their |the )?(?:[\w-]+ )?(?:forces|troops|positions|presence|units))|"
        # A place that received troops or equipment gained them.
        r"receiv(?:ed|es|ing)(?= (?:[\w-]+ ){0,5}(?:troops|soldiers|units|equipment|vehicles|tanks|armou?r))",
        None,
    ),
    (
        "negotiation",
        r"talks|negotiat\w*|discuss(?:ion|ions|ing|ed)?|under discussion|bargain\w*|consultations?|"
        r"deal on|agreement on|status of the bases|future of the bases",
        None,
    ),
    (
        "presence_maintained",
        r"remain(?:s|ed|ing)?|stay(?:s|ed|ing)?|still (?:present|operating|operational|manned|"
        r"there|active|in place|busy|stationed|deployed|based|in use|occupied|flies|fly)|maintain(?:s|ed|"
        r"ing)? (?:a |its |their )?(?:presence|"
        r"foothold|garrison)|continu(?:e|es|ed|ing) to operate|no sign of (?:a )?(?:withdrawal|"
        r"departure|pullout)|business as usual|(?:keep(?:s|ing)?|kept) (?:a |an |its |their )?(?:\w+ ){0,2}"
        r"(?:troops|forces|presence|contingent|garrison|foothold)|not going anywhere|stay put|"
        # "received no order to leave": the troops are still there (dev d072), not a negated evacuation.
        r"no orders? to (?:leave|withdraw|pull out|depart|evacuate)|"
        r"(?:still )?maintains?(?= (?:a |an |the |its |their )?(?:[\w-]+ ){0,2}(?:air ?base|base|garrison))|"
        r"hosts?(?= (?:a |an |the )?(?:[\w-]+ ){0,2}(?:air ?base|base|garrison))|used(?= by )|" + WEAK_PRESENCE,
        None,
    ),
    (
        "withdrawal_partial",
        r"partial(?:ly)? (?:withdr\w+|pull\w*)|partial|partially|reduc(?:ed|ing|tion|tions|e|es)|"
        r"scal(?:ed|ing) (?:back|down)|thinn?(?:ed|ing) out|downsiz\w*|drew down part|cut back|cut by|"
        # "the airfield largely empty of helicopters": a departure seen only as absence (dev d107).
        r"(?:largely|mostly|partly|half|nearly) empty|fewer",
        None,
    ),
    (
        "withdrawal_complete",
        r"(?:complet(?:ed|ing|e|es)|finish(?:ed|ing)?) (?:the |its |their )?(?:withdrawal|pullout|"
        r"pull-out|evacuation|exit)|fully (?:withdr\w+|evacuat\w+|vacat\w+)|completely "
        r"(?:withdr\w+|evacuat\w+|vacat\w+|left|abandon\w*)|(?:withdraw|withdrew|withdrawn|pull(?:ed)?"
        r" out|remov\w+) all|all (?:of )?(?:its |their |the )?(?:remaining )?(?:troops|forces|"
        r"personnel|soldiers|units) (?:have |had )?(?:left|withdr\w+|pulled out|departed)|last "
        r"(?:troops|soldiers|units|personnel|convoy)|no (?:longer|more) (?:any )?(?:\w+ )?(?:troops|"
        r"forces|soldiers) |now (?:stands? |lies? |sits? )?empty|(?:withdrawal|pullout|evacuation) "
        r"(?:\w+ ){0,4}(?:be )?completed?|entire(?:ly)? (?:withdr\w+|vacat\w+|evacuat\w+)|"
        # To vacate a place is to leave it empty.
        r"vacat(?:ed|es|e|ing)",
        None,
    ),
    ("evacuated", _LEAVE, None),
    ("withdrawal_started", _WITHDRAW, None),
    (
        "other",
        r"advanc(?:ed|ing|es)|seiz(?:ed|ing)|captur(?:ed|ing)|took (?:over|control)|tak(?:e|es|ing) (?:over|"
        r"control)|entered|moved into|struck|strikes|airstrikes?|bomb(?:ed|ing)|patroll?(?:ed|ing|s)?|"
        r"deployed|deploy(?:s|ing)?|demand(?:ed|s)?|called (?:on|for)|occup(?:ied|y|ying)|sent troops|moved into|"
        r"cancel(?:l?ed|l?ing|s)?|revok\w+|suspend\w*|terminat\w+|review(?:ed|ing|s)?|asked|warn(?:ed|s)?|"
        r"ready to|" + OWN_OTHER,
        None,
    ),
)
# Start-of-withdrawal cues; a generic "withdrawal" with none of these is still read as started (it is under way).
STARTED_CUE = ci(r"\b(?:began|begun|begin|begins|start(?:ed|s)?|initiat\w+|launch\w*|under ?way|commenc\w+|"
                         r"first)\b")  # fmt: skip
# A sentence that sums up the movements of the sentence before ("The flights so far amount to a 10% reduction ...").
BACK_REFERENCE_RE = ci(
    r"\b(?:the|this|that|these|those) (?:\w+ )?(?:flights?|airlifts?|pull-?outs?|withdrawals?|departures?|"
    r"drawdowns?|evacuations?|convoys?|moves?|exodus|rotations?)\b|^\W*(?:this|that|these|together)\b"
)
# (leaving "areas in" a province is leaving part of it)
PARTIAL_CUE = ci(r"\b(?:some(?!\s+\d)|part of|portion|several|a number of|partial\w*|fewer|most of|hundreds of|"
                 r"dozens of|thousands of|from (?:some )?(?:areas|parts) (?:in|of))\b")  # fmt: skip
COMPLETE_CUE = ci(r"\b(?:all|entire\w*|fully|completely|whole|every|last)\b")
# Kinds of site where being left means the site was evacuated rather than drawn down.
POST_KINDS: Final = ("observation_post", "post_group")
# Kinds of site that a force does not leave whole by withdrawing from them once: a province, a region.
NOT_LEFT_WHOLE: Final = ("province", "region", "district")
# A withdrawal said as done: the force has left the place ("withdrew from X", "the retreat of X"); notes and
# headlines tell it in the present ("forces leave X", "troops exit X"), which after a modal or "to" is a plan.
_NOT_AFTER_MODAL = "".join(rf"(?<!\b{w} )" for w in ("to", "may", "will", "would", "could", "might", "must", "should"))
DONE_LEAVING_RE = ci(
    rf"withdrew|retreated|retreat|pulled (?:out|back)|moved out|{_NOT_AFTER_MODAL}(?:leaves?|exit(?:s|ed)?)"
)
# Right after a leaving word: one unnamed place of several ("withdrawn from a key base", "from another position").
ONE_OF_MANY_RE = ci(r"\s+(?:\w+\s+){0,3}?from (?:a|an|one of (?:its|their|the)|another) ")

# --------------------------------------------------------------------------------------- negation, modality

# A negator in the clause before the head word. "not confirmed" and friends are hedges, not negation of the event.
NEGATION_WORDS: Final = ("not", "never", "no", "without", "nor", "denied that", "deny that", "denies that", "n't")
NEGATION_RE = ci(rf"\b(?:{'|'.join(map(re.escape, NEGATION_WORDS))})\b|n't\b")
NOT_EVENT_RE = ci(r"\b(?:confirm\w*|verif\w*|comment\w*|clear|known|say|said|disclos\w*|specif\w*|"
                          r"immediately|independently|yet been|sign of a|doubt)\b")  # fmt: skip
PLANNED_RE = ci(
    # "could not be verified" is a hedge, not a plan; "phased" and "sequential" describe a withdrawal already begun
    # as often as a planned one, so they are not cues by themselves (dev excerpts d028, d067).
    r"\b(?:plans?|planned|planning|intends?|intention|expect(?:s|ed)?|will|would|is to|are to|set to|"
    r"scheduled|aims?|aiming|could(?! not)|may|might|prepar(?:es|ing|ed) to|is due|are due|due to|going to|"
    r"considering|decided to|ordered|schedule|timetable|deadline|"
    r"should|shall|agreed to|promised|vowed|intend)\b|"
    # An announced withdrawal, the noun right after the verb, is a plan ("when Russia announced partial withdrawal";
    # the clause searched ends where the action word starts).
    r"\bannounc(?:ed|es|ing)(?: (?:a|an|the|its|their))?\s*$"
)
MODAL_AFTER_RE = re.compile(
    r"\s+(?:\w+\s+)?(?:would|will|is expected|are expected|is to|are to|is due|is set to|"
    r"could|may|might|should|is planned|are planned|is scheduled)\b"
)
# A bare "to" before an infinitive head: "Russia to withdraw all troops" (headline future).
INFINITIVE_RE = re.compile(r"^\W*(?:[A-Z][\w'-]*\s+){1,3}to\s+$")

# ---------------------------------------------------------------------------------------------------- hedges

HEDGE_RE = ci(
    r"\b(?:reportedly|allegedly|purportedly|apparently|according to|reports? (?:indicate|suggest|say|said)s?|"
    r"initial reports|unconfirmed|unverified|could not (?:be )?(?:independently )?(?:verif\w*|confirm\w*)|"
    r"cannot be (?:independently )?verif\w*|not (?:been )?(?:independently )?(?:verified|confirmed)|is said to|"
    r"are said to|were said to|was said to|believed to|thought to|likely|possibly|probably|appears? to|appeared to|"
    r"seem(?:s|ed)? to|suggest(?:s|ed|ing)?|rumou?r\w*|claim(?:s|ed)?|expected|may have|might have|could have|"
    r"sources? (?:close|familiar)|unnamed|anonymous|signif(?:y|ies|ying))\b"
)
NEITHER_RE = ci(r"\bneither\b.{0,120}\bnor\b.{0,120}\bconfirm")
DENIAL_RE = ci(r"\b(?:den(?:y|ies|ied|ying)|dismiss(?:ed|es)? (?:the |such |these )?(?:reports?|claims?)|"
                       r"reject(?:ed|s)? (?:the |such |these )?(?:reports?|claims?)|refut\w+|(?:are|were|is|"
                       r"was) (?:false|untrue|baseless|fabricated)|(?:called|labell?ed) "
                       r"(?:the |such |these )?(?:reports?|claims?) (?:false|fake|baseless)|fake news|"
                       r"baseless)\b")  # fmt: skip
OBSERVED_RE = ci(r"\b(?:satellite (?:images?|imagery|photos?|pictures?)|imagery (?:shows?|showed)|images? "
                         r"(?:taken|captured|published|released)|(?:reporters?|correspondents?|journalists?|our "
                         r"(?:team|reporter|correspondent)|crew) (?:on (?:the )?(?:site|scene|ground)|saw|watched|"
                         r"witnessed|at the (?:scene|gate|base|port))|witnessed by|flight[- ]?track\w*|"
                         r"shipping data|AIS data|"
                         r"maritime tracking|vessel[- ]tracking|tracking "
                         r"(?:data|sites?|websites?)|ADS-B|transponder data)\b")  # fmt: skip

# ----------------------------------------------------------------------------------------------- attribution

# Generic source cues -> source type, tried in this order when the case's own source list names nobody.
SOURCE_CUES: Final[tuple[tuple[str, str], ...]] = (
    (
        "satellite",
        r"satellite (?:images?|imagery|photos?|pictures?|company|firm|provider)|imagery (?:from|by|shows?|"
        r"showed|analy\w+)|commercial imagery|remote sensing",
    ),
    (
        "flight_tracking",
        r"flight[- ]?track\w*|flight data|tracking (?:data|sites?|websites?|services?)|ADS-B|"
        r"transponder data|plane[- ]?spotters?|aviation trackers?",
    ),
    (
        "anonymous",
        r"sources? (?:close to|familiar with|in|within|at|told|said|say)|anonymous|unnamed|on condition of "
        r"anonymity|who (?:asked|spoke) not to be named|who declined to be named|a source|insiders?|"
        r"people familiar",
    ),
    (
        "official",
        r"(?:government|army|military|embassy|authorities|navy|ministry|Pentagon|Kremlin|command) "
        r"(?:said|says|stated|announced|confirmed|denied)|ministry|ministers?|spokes(?:man|woman|person)|"
        r"government said|officials? (?:said|say|told|"
        r"announced|confirmed)|the (?:defen[cs]e|foreign) (?:ministry|department)|press service|"
        r"presidential|governor|the army said|military command|commander said|statement from|official "
        r"statement|announced",
    ),
    ("observer", r"observatory|monitor(?:s|ing group)?|observers?|witnesses|residents|activists|eyewitness\w*|locals"),
    (
        "media",
        r"news agency|newspaper|outlet|broadcaster|television|TV|channel|reported by|the daily|wire service|"
        r"correspondents?|reporters?|journalists?|media",
    ),
)
# Any word the attribution pattern below needs; that pattern is slow (35 us a sentence) and most sentences lack one.
SPEECH_GATE = ci(
    r"\b(?:according to|said|says|told|reported|reports|announced|confirmed|stated|claimed|noted|added|"
    r"observed|wrote|showed|show|indicated|indicate|denied|denies|recorded|tracked|posted|sources?)\b"
)
# Who said it: "according to X", "X said", "X told", "sources close to X".
# The words are possessive (``*+``, ``++``): what follows them is a space, which they cannot give back, so the
# matches are the same and the engine skips the backtracking (with the lists grouped by first letter, 17 % faster).
_SPEAKER_NOUN_WORDS = (
    "officials", "official", "spokesman", "spokeswoman", "spokesperson", "ministry", "government", "army", "military",
    "embassy", "navy", "authorities", "observers", "observer", "residents", "witnesses", "sources", "source",
    "monitors", "monitor", "analysts", "analyst", "reporters", "reporter", "correspondents", "correspondent",
    "trackers", "tracker",
)  # fmt: skip
_SPEAKER_NOUNS = factor("|".join(_SPEAKER_NOUN_WORDS))
_SPEECH_VERBS = factor(
    r"said|says|told|reported|reports|announced|confirmed|stated|claimed|noted|added|observed|wrote|showed|"
    r"show|indicated|indicate|denied|denies|recorded|tracked|posted"
)
ATTRIBUTION_RE = re.compile(
    r"\baccording to (?P<acc>[^,.;]{3,90})"
    r"|(?P<who>(?:[A-Z][\w'’.-]*+\s){1,6}|(?:the |a |an )?(?:\w++ ){0,3}(?:" + _SPEAKER_NOUNS + r") )"
    r"(?:" + _SPEECH_VERBS + r")\b"
    r"|(?P<src>sources? (?:close to|familiar with|in|within) [^,.;]{3,80})",
)
# How every "who" match of ATTRIBUTION_RE ends: a speaker noun or a capitalised word, a space, a speech verb. Two
# patterns, each starting with its first letters, so that the engine skips to where one can start.
_WHO_NOUN_END_RE = re.compile(r"(?:" + _SPEAKER_NOUNS + r") (?:" + _SPEECH_VERBS + r")\b")
_WHO_NAME_END_RE = re.compile(r"[A-Z][\w'’.-]*+\s(?:" + _SPEECH_VERBS + r")\b")


def attribution_possible(body: str, pos: int) -> bool:
    """False when ATTRIBUTION_RE has no match at or after ``pos``, found without trying it at every character.

    Each form needs text that is quick to find: "according to", "source", or the end of a "who" match (a speaker
    noun or a capitalised word, a space and a speech verb), all at or after where the match starts. Half the
    sentences with a speech word have none of them ("traders reported", "images show"), and the full pattern took
    25 us to scan such a sentence for nothing.
    """
    return attribution_start(body, pos) is not None


# What may stand before the end of a "who" match, back to where the match starts: the words and single spaces of
# "(the |a |an )?(\w++ ){0,3}" before a speaker noun, the capitalised words and spaces before the last name. Matched
# on the reversed text, from the end's start backwards.
_NOUN_LEAD_RE = re.compile(r"[\w ]*")
_NAME_LEAD_RE = re.compile(r"[\w'’.\-\s]*")


# The longest speaker noun and the space after it: a "who" match of a speaker noun starts at most this far before
# its speech verb.
_NOUN_REACH = max(map(len, _SPEAKER_NOUN_WORDS)) + 1


def attribution_start(body: str, pos: int, verb_at: int | None = None) -> int | None:
    """Where the first match of ATTRIBUTION_RE at or after ``pos`` can start at the earliest (None: there is none).

    Every match starts at "according to" or "source" (found with ``str.find``), or before the end of a "who" match
    (see :func:`attribution_possible`) by words and spaces only: the run of such characters that ends where the
    first such end starts bounds it. A later end's match cannot start earlier: it would have to run through the
    first end, which is made of the same characters. ``finditer`` from the bound finds the same matches as from
    ``pos``; on a sentence whose speaker comes last ("..., a spokesman told reporters") it skips most of it.

    ``verb_at``: where ``SPEECH_GATE`` first matches in the lower-cased body, if the caller knows. Every speech verb
    of a "who" match is a match of that gate too, so none starts before it, and a "who" match of a speaker noun
    starts at most ``_NOUN_REACH`` before its verb: the noun form's search starts there (the same first match).
    """
    # The earliest start found so far, ``size`` while there is none (every start is inside the body).
    size = len(body)
    first = body.find("according to", pos)
    if first < 0:
        first = size
    at = body.find("source", pos)
    if 0 <= at < first:
        first = at
    if first == pos < size:
        return pos  # a match can start at pos, none before: the other forms cannot change the answer
    rev: str | None = None
    noun_from = pos if verb_at is None else max(pos, verb_at - _NOUN_REACH)
    for end_re, lead_re, start in (
        (_WHO_NOUN_END_RE, _NOUN_LEAD_RE, noun_from),
        (_WHO_NAME_END_RE, _NAME_LEAD_RE, pos),
    ):
        end = end_re.search(body, start)
        if end is not None:
            rev = body[::-1] if rev is None else rev
            back = size - end.start()
            lead = lead_re.match(rev, back)
            first = min(first, end.start() - (lead.end() - back if lead is not None else 0))
    return max(pos, first) if first < size else None


# ----------------------------------------------------------------------------------------------- other actors

# Demonyms and country names -> country: every country's, from pycountry and the demonym table (countries.py), plus
# the capitals, offices and non-state forces that news name as actors. General knowledge, used to tell who did
# something; a case actor is found among these by its short name or its country code.
DEMONYMS: Final = {
    **countries.demonyms("en"),
    "Kurdish": "Kurdish forces", "Kurdish-led": "Kurdish forces", "Turkish-backed": "Turkey",
    "Iranian-backed": "Iran",
}  # fmt: skip
COUNTRIES: Final = {
    **countries.names("en"),
    "Washington": "United States", "Pentagon": "United States", "Ankara": "Turkey", "IDF": "Israel",
    "Tehran": "Iran", "Damascus": "Syria", "Moscow": "Russia", "Kremlin": "Russia", "Kyiv": "Ukraine",
    "Kiev": "Ukraine", "Paris": "France", "Baghdad": "Iraq", "Beijing": "China", "Nairobi": "Kenya",
    "Addis Ababa": "Ethiopia", "Kampala": "Uganda", "Bamako": "Mali", "Niamey": "Niger",
    "Ouagadougou": "Burkina Faso", "N'Djamena": "Chad", "Minsk": "Belarus", "Hezbollah": "Hezbollah",
    "NATO": "NATO", "United Nations": "United Nations", "UN": "United Nations", "UNDOF": "United Nations",
    "SDF": "Kurdish forces", "HTS": "Syria",
}  # fmt: skip
# Nouns that make a demonym an actor ("Turkish forces"), or a country's possessive an actor ("Syria's new leadership").
ACTOR_NOUNS = (r"forces|troops|army|military|soldiers|units|government|authorities|officials|leadership|ministry|"
               r"administration|navy|air force|military police|fighters|militias?|proxies|contingent|jets|drones|"
               r"warplanes|defen[cs]e ministry|foreign ministry|president|leader|spokes(?:man|woman|person)|"
               r"diplomats?|envoy|delegation|caretaker government|transitional government|interim government|"
               r"personnel|servicemen|officers|marines|advisers|engineers|contingent|strikes?|airstrikes?|raids?|"
               r"pullout|withdrawal|departure|exit|convoys?|ships?|vessels?|warships|flights?|planes|aircraft|"
               r"helicopters|navy|garrison|bases?|embassy|governorate|(?:coordination |command )?cent(?:er|re)|"
               r"headquarters|columns?|tanks|armou?r|armou?red vehicles|vehicles|trucks|equipment|regime")  # fmt: skip
# A local office named by its place ("the Tartus governorate cancelled ..."): an authority of the theatre's country.
LOCAL_OFFICE = r"governorate|provincial (?:council|authorities|government)|city council|municipality|local council"
LOCAL_OFFICE_WORDS: Final = ("governorate", "provincial", "council", "municipality")
REBELS = (r"rebels?|rebel (?:groups?|forces|fighters|factions|coalition)|opposition (?:groups?|forces|fighters|"
          r"factions)|insurgents?|militants?|armed (?:groups?|factions)|factions|"
          r"attackers|gunmen|assailants|jihadists?|terrorists?|islamic state|isis|isil|daesh|al-nusra|nusra front|"
          r"al-qaeda|hayat tahrir al-sham|hts|armed men")  # fmt: skip
# Verbs by which a capital or country acts or speaks ("Ankara said", "Israel moved").
ACTOR_VERBS = (r"(?:said|says|announced|denied|has|have|had|will|would|is|was|wants|agreed|confirmed|rejected|"
               r"demanded|sent|moved|deployed|warned|called|offered|asked|signed|struck|seized|withdrew|pulled|"
               r"evacuated|began|started|completed|finished|ended|handed|established|set|built|reinforced|"
               r"maintains|keeps|kept|retains|still)")  # fmt: skip
