"""Analysts' reviews around the store: read and check them, apply them to claims, move them as JSONL.

The assessment stays pure: it is given the claims as reviewed (rejected ones left out, edited values in), and
the brief is told which claims an analyst has checked.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from drawdown.errors import InputError
from drawdown.model import ACTIONS, CONFIRMATIONS, REVIEW_VERDICTS, Claim, ClaimKey, Review, ReviewTally, claim_key
from drawdown.store.claims import load_claims
from drawdown.store.db import Store
from drawdown.store.reviews import delete_review, load_reviews, save_reviews

MAX_NOTE = 2000  # characters of a review's note kept; a note is a remark, not a document
MAX_LINE = 100_000  # bytes of one JSONL line accepted on import
FIELDS = ("report_id", "span", "action", "verdict", "site", "new_action", "quantity", "confirmation", "note",
          "reviewed_at")  # fmt: skip


def _fail(where: str, what: str, fix: str) -> InputError:
    return InputError(f"{where}: {what}", fix=fix)


def _choice(value: Any, allowed: Sequence[str], where: str, name: str, *, optional: bool) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or value not in allowed:
        raise _fail(f"{where}: field {name}", f"{value!r} is not one of {', '.join(allowed)}", f"set {name} to one")
    return value


def parse_review(obj: Mapping[str, Any], where: str, *, sites: Collection[str] | None = None) -> Review:
    """A review from its JSON form (what `review export` writes and the dashboard posts), checked field by field.

    ``sites``: the case's site ids, when known, that an edited site must be one of.
    """
    unknown = sorted(set(obj) - set(FIELDS))
    if unknown:
        raise _fail(where, f"unknown field {unknown[0]!r}", f"use only {', '.join(FIELDS)}")
    report_id = obj.get("report_id")
    if not isinstance(report_id, str) or not report_id or len(report_id) > 200:
        raise _fail(f"{where}: field report_id", "missing or not a report id", "give the id of a stored report")
    span = obj.get("span")
    if (
        not isinstance(span, list | tuple) or len(span) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in span) or span[0] > span[1]
    ):  # fmt: skip
        raise _fail(f"{where}: field span", f"{span!r} is not [start, end]", "give two offsets, start <= end")
    action = _choice(obj.get("action"), ACTIONS, where, "action", optional=False)
    verdict = _choice(obj.get("verdict"), REVIEW_VERDICTS, where, "verdict", optional=False)
    new_action = _choice(obj.get("new_action"), ACTIONS, where, "new_action", optional=True)
    confirmation = _choice(obj.get("confirmation"), CONFIRMATIONS, where, "confirmation", optional=True)
    site = obj.get("site")
    if site is not None and (not isinstance(site, str) or (sites is not None and site not in sites)):
        allowed = f"one of {', '.join(sorted(sites))}" if sites is not None else "a site id"
        raise _fail(f"{where}: field site", f"{site!r} is not a site of the case", f"use {allowed}")
    quantity = obj.get("quantity")
    if quantity is not None and (
        isinstance(quantity, bool) or not isinstance(quantity, int | float) or not math.isfinite(quantity)
        or quantity < 0
    ):  # fmt: skip
        raise _fail(f"{where}: field quantity", f"{quantity!r} is not a number >= 0", "give a number or null")
    note = obj.get("note")
    if note is not None and not isinstance(note, str):
        raise _fail(f"{where}: field note", "not text", "give a string or null")
    edits = (site, new_action, quantity, confirmation)
    if verdict == "edited" and all(v is None for v in edits):
        raise _fail(where, "an edited review changes nothing", "give site, new_action, quantity or confirmation")
    if verdict != "edited" and any(v is not None for v in edits):
        raise _fail(where, f"a {verdict!r} review carries edits", "use verdict 'edited' to change a field")
    stamp = obj.get("reviewed_at")
    reviewed_at = None
    if stamp is not None:
        try:
            reviewed_at = datetime.fromisoformat(str(stamp))
        except ValueError:
            raise _fail(f"{where}: field reviewed_at", f"{stamp!r} is not a time", "use ISO 8601") from None
    return Review(
        report_id, (int(span[0]), int(span[1])), str(action), str(verdict), site, new_action,
        None if quantity is None else float(quantity), confirmation, None if note is None else note[:MAX_NOTE],
        reviewed_at,
    )  # fmt: skip


def review_json(review: Review) -> dict[str, Any]:
    return {
        "report_id": review.report_id, "span": list(review.span), "action": review.action,
        "verdict": review.verdict, "site": review.site, "new_action": review.new_action,
        "quantity": review.quantity, "confirmation": review.confirmation, "note": review.note,
        "reviewed_at": review.reviewed_at.isoformat() if review.reviewed_at else None,
    }  # fmt: skip


def apply_reviews(claims: Iterable[Claim], reviews: Iterable[Review]) -> tuple[tuple[Claim, ...], ReviewTally]:
    """The claims as the analysts have them (rejected ones left out) and a tally of what the reviews did.

    A review whose claim is no longer extracted (the extractor changed its reading) waits in the store and takes
    effect again when the claim comes back.
    """
    by_key = {r.key: r for r in reviews}
    kept: list[Claim] = []
    reviewed: set[tuple[str, tuple[int, int], str]] = set()
    counts = {"correct": 0, "edited": 0, "wrong": 0}
    for claim in claims:
        review = by_key.get(claim_key(claim))
        if review is None:
            kept.append(claim)
            continue
        counts[review.verdict] += 1
        applied = review.apply(claim)
        if applied is not None:
            kept.append(applied)
            reviewed.add(claim_key(applied))
    return tuple(kept), ReviewTally(frozenset(reviewed), counts["correct"], counts["edited"], counts["wrong"])


def reviewed_claims(store: Store) -> tuple[tuple[Claim, ...], ReviewTally]:
    """The stored claims with the stored reviews applied."""
    return apply_reviews(load_claims(store), load_reviews(store))


def review(store: Store, obj: Mapping[str, Any], *, sites: Collection[str] | None = None) -> Review:
    """Check and store one review (the dashboard's write)."""
    item = parse_review(obj, "review", sites=sites)
    save_reviews(store, [item])
    return item


def parse_key(obj: Mapping[str, Any], where: str) -> ClaimKey:
    """The claim a review is about, (report, span, action), from a JSON object carrying those three fields."""
    unknown = sorted(set(obj) - {"report_id", "span", "action"})
    if unknown:
        raise _fail(where, f"unknown field {unknown[0]!r}", "give only report_id, span and action")
    # The same checks as a review's: a correct verdict with no edits is the smallest review there is.
    found = parse_review({**obj, "verdict": "correct"}, where)
    return found.key


def unreview(store: Store, obj: Mapping[str, Any]) -> bool:
    """Remove the review of the claim ``obj`` names (the dashboard's undo); False when it had none."""
    return delete_review(store, parse_key(obj, "review"))


def rejected_claims(store: Store) -> list[tuple[Claim, Review]]:
    """The stored claims an analyst marked wrong, with the review that did it (the assessment leaves them out)."""
    wrong = {r.key: r for r in load_reviews(store) if r.verdict == "wrong"}
    if not wrong:
        return []
    return [(c, wrong[claim_key(c)]) for c in load_claims(store) if claim_key(c) in wrong]


def export_reviews(store: Store) -> list[str]:
    """Every stored review as one JSON line."""
    return [json.dumps(review_json(r), sort_keys=True) for r in load_reviews(store)]


def import_reviews(store: Store, lines: Iterable[str], where: str) -> int:
    """Store the reviews of a JSONL file (``where`` names it in errors); all or nothing. Returns how many."""
    items: list[Review] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        at = f"{where}:{number}"
        if len(line) > MAX_LINE:
            raise _fail(at, f"line longer than {MAX_LINE} bytes", "one review per line")
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _fail(at, f"not JSON ({exc.msg})", "write one JSON object per line") from None
        if not isinstance(obj, dict):
            raise _fail(at, "not a JSON object", "write one object per line")
        items.append(parse_review(obj, at))
    save_reviews(store, items)
    return len(items)
