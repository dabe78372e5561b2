"""Score the extractor against an annotated corpus (the format is in docs/extraction.md).

    python -m drawdown.extract.score tests/data/extract/dev.txt [--case syria-2024] [--errors]

Prints precision, recall and F1 for (site, action) pairs, and, over the pairs found, the accuracy of quantity,
event date (exact, or within the gold date's precision) and confirmation.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from drawdown.case import Case, load_case
from drawdown.errors import InputError
from drawdown.extract.claims import Extractor
from drawdown.model import ACTIONS, CONFIRMATIONS, MODALITIES, UNITS, Claim

# How far a date may be from the gold date and still count, by the gold date's precision (ACLED's convention:
# "within a week" is a 7-day window, "within a month" a month, taken here as 15 days either side).
DATE_TOLERANCE_DAYS = {"day": 0, "week": 7, "month": 15}


@dataclass(frozen=True)
class GoldClaim:
    site: str | None
    action: str
    confirmation: str
    modality: str
    quantity: float | None = None
    unit: str | None = None
    event_date: date | None = None
    precision: str | None = None


@dataclass
class Excerpt:
    id: str
    published: date
    text: str
    gold: list[GoldClaim] = field(default_factory=list)


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    quantity_ok: int = 0
    confirmation_ok: int = 0
    modality_ok: int = 0
    matched: int = 0
    date_ok: int = 0
    dated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def quantity_accuracy(self) -> float:
        return self.quantity_ok / self.matched if self.matched else 1.0

    @property
    def confirmation_accuracy(self) -> float:
        return self.confirmation_ok / self.matched if self.matched else 1.0

    @property
    def modality_accuracy(self) -> float:
        return self.modality_ok / self.matched if self.matched else 1.0

    @property
    def date_accuracy(self) -> float:
        return self.date_ok / self.dated if self.dated else 1.0

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "quantity": round(self.quantity_accuracy, 3),
            "event_date": round(self.date_accuracy, 3),
            "confirmation": round(self.confirmation_accuracy, 3),
            "modality": round(self.modality_accuracy, 3),
            "pairs_gold": self.tp + self.fn,
            "pairs_found": self.tp + self.fp,
        }


def _parse_claim(line: str, where: str) -> GoldClaim:
    tokens = line.split()
    # The site may be several words ("United States", "rebel groups"): everything before the action.
    idx = next((i for i, t in enumerate(tokens) if t in ACTIONS), None)
    if idx is None or idx == 0:
        raise InputError(f"{where}: no action in claim line {line!r}", fix=f"use one of: {', '.join(ACTIONS)}")
    site_text = " ".join(tokens[:idx])
    site = None if site_text == "-" else site_text
    confirmation = modality = None
    quantity: float | None = None
    unit = precision = None
    event_date = None
    rest = tokens[idx + 1 :]
    i = 0
    while i < len(rest):
        tok = rest[i]
        if tok in CONFIRMATIONS:
            confirmation = tok
        elif tok in MODALITIES:
            modality = tok
        elif "/" in tok:
            day, precision = tok.split("/", 1)
            event_date = date.fromisoformat(day)
        elif re.fullmatch(r"\d+(?:\.\d+)?", tok) and i + 1 < len(rest) and rest[i + 1] in UNITS:
            quantity, unit = float(tok), rest[i + 1]
            i += 1
        else:
            raise InputError(f"{where}: unknown token {tok!r} in claim line", fix="see docs/extraction.md")
        i += 1
    if confirmation is None or modality is None:
        raise InputError(
            f"{where}: claim line lacks confirmation or modality", fix="add both, e.g. unconfirmed asserted"
        )
    return GoldClaim(site, tokens[idx], confirmation, modality, quantity, unit, event_date, precision)


def load_corpus(path: str | Path) -> list[Excerpt]:
    """Read an annotated corpus file. Raises :class:`InputError` naming the line of any malformed entry."""
    excerpts: list[Excerpt] = []
    current: Excerpt | None = None
    lines: list[str] = []
    for number, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path}:{number}"
        if raw.startswith("## "):
            if current is not None:
                current.text = "\n".join(lines).strip()
            parts = raw[3:].split()
            if len(parts) != 2:
                raise InputError(f"{where}: heading must be '## ID YYYY-MM-DD'", fix="add the id and published date")
            current = Excerpt(parts[0], date.fromisoformat(parts[1]), "")
            excerpts.append(current)
            lines = []
        elif raw.startswith("#") or current is None:
            continue
        elif raw.startswith("> "):
            current.gold.append(_parse_claim(raw[2:], where))
        else:
            # Line breaks are kept as written: a hard-wrapped excerpt is read with its single newlines, and a
            # blank line still ends a paragraph.
            lines.append(raw.rstrip())
    if current is not None:
        current.text = "\n".join(lines).strip()
    return excerpts


def score(excerpts: list[Excerpt], case: Case, extractor: Extractor | None = None) -> Scores:
    ex = extractor or Extractor(case)
    out = Scores()
    for item in excerpts:
        found = ex.extract(item.text, item.published, item.id).claims
        predicted: dict[tuple[str | None, str], list[Claim]] = {}
        for c in found:
            predicted.setdefault((c.site, c.action), []).append(c)
        gold = {(g.site, g.action): g for g in item.gold}
        for key, g in gold.items():
            if key not in predicted:
                out.fn += 1
                out.errors.append(f"{item.id} MISSED {key[0]} {key[1]}  | {item.text[:110]}")
                continue
            out.tp += 1
            out.matched += 1
            cands = predicted[key]
            claim = cands[0]
            if g.quantity is not None:
                claim = next((c for c in cands if c.quantity == g.quantity), claim)
            q = claim.quantity
            if (q is None and g.quantity is None) or (
                q is not None and g.quantity is not None and abs(q - g.quantity) < 1e-6
            ):
                out.quantity_ok += 1
            else:
                out.errors.append(f"{item.id} QUANTITY {key} gold={g.quantity} got={q}")
            if claim.confirmation == g.confirmation:
                out.confirmation_ok += 1
            else:
                out.errors.append(f"{item.id} CONFIRMATION {key} gold={g.confirmation} got={claim.confirmation}")
            if claim.modality == g.modality:
                out.modality_ok += 1
            else:
                out.errors.append(f"{item.id} MODALITY {key} gold={g.modality} got={claim.modality}")
            if g.event_date is not None:
                out.dated += 1
                got = claim.event_date
                tolerance = DATE_TOLERANCE_DAYS.get(g.precision or "day", 0)
                if isinstance(got, date) and abs((got - g.event_date).days) <= tolerance:
                    out.date_ok += 1
                else:
                    out.errors.append(f"{item.id} DATE {key} gold={g.event_date}/{g.precision} got={got}")
        for key in predicted:
            if key not in gold:
                out.fp += 1
                out.errors.append(f"{item.id} EXTRA {key[0]} {key[1]}  | {item.text[:110]}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m drawdown.extract.score", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+")
    parser.add_argument("--case", default="syria-2024")
    parser.add_argument("--errors", action="store_true", help="list every miss, extra and wrong attribute")
    args = parser.parse_args(argv)
    case = load_case(args.case)
    extractor = Extractor(case)
    for path in args.corpus:
        excerpts = load_corpus(path)
        result = score(excerpts, case, extractor)
        figures = result.as_dict()
        print(f"{path}: {len(excerpts)} excerpts")
        print(
            f"  (site, action)  P {figures['precision']:.3f}  R {figures['recall']:.3f}  F1 {figures['f1']:.3f}"
            f"   ({figures['pairs_gold']} gold pairs, {figures['pairs_found']} found)"
        )
        print(
            f"  accuracy        quantity {figures['quantity']:.3f}  event date {figures['event_date']:.3f}"
            f"  confirmation {figures['confirmation']:.3f}  modality {figures['modality']:.3f}"
        )
        if args.errors:
            for line in result.errors:
                print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
