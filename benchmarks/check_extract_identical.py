"""Dump every claim the extractor gives on a fixed set of texts, to prove a speed change leaves output unchanged.

    .venv/bin/python benchmarks/check_extract_identical.py OUT.txt          # write the dump
    .venv/bin/python benchmarks/check_extract_identical.py OUT.txt BASE.txt # write it and compare with a baseline

The texts: the benchmark corpus (syria-2024, and the same generator on the invented northland-2031 case), every
excerpt of the annotated corpora, the demo reports and the seed report, each read with both cases; the annotated
excerpts also lower-cased, upper-cased and without a published date, so that the case-sensitive paths and the
undated path are covered too; and every excerpt and a tenth of the benchmark reports mangled at random (line
breaks, accents, capitals, quotes, brackets, markup, question marks), to reach the edges of sentence splitting and
of the shortcuts. Every field of every claim is written with ``repr``, one claim a line.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date
from pathlib import Path

from drawdown.case import load_case
from drawdown.extract.claims import Extractor
from drawdown.extract.score import load_corpus

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_extract import make_corpus  # noqa: E402

PUBLISHED = date(2024, 12, 16)
_ACCENTED = {"a": "á", "e": "é", "i": "ï", "o": "ô", "u": "ü", "s": "ş", "c": "ç"}


def mangle(text: str, rng: random.Random) -> str:
    """The text with random edits that keep it English prose: what real scraped reports look like."""
    out = []
    for word in text.split(" "):
        roll = rng.random()
        if roll < 0.04:
            word = "\n" + word
        elif roll < 0.07:
            word = "".join(_ACCENTED.get(c, c) if rng.random() < 0.5 else c for c in word)
        elif roll < 0.10:
            word = word.upper()
        elif roll < 0.12:
            word = word.capitalize()
        elif roll < 0.14:
            word = f'"{word}"'
        elif roll < 0.15:
            word = f"({word})"
        elif roll < 0.16:
            word = f"<b>{word}</b>"
        elif roll < 0.17:
            word = word + "?"
        elif roll < 0.18:
            word = word + "\n\n"
        out.append(word)
    return " ".join(out)


def texts() -> list[tuple[str, str, date | None]]:
    """(label, text, published) for every text the check reads, with either case."""
    out: list[tuple[str, str, date | None]] = []
    for path in sorted((ROOT / "tests/data/extract").glob("*.txt")):
        for ex in load_corpus(path):
            out.append((f"{path.name}:{ex.id}", ex.text, ex.published))
            out.append((f"{path.name}:{ex.id}:lower", ex.text.lower(), ex.published))
            out.append((f"{path.name}:{ex.id}:upper", ex.text.upper(), ex.published))
            out.append((f"{path.name}:{ex.id}:undated", ex.text, None))
    demo = ROOT / "src/drawdown/data/demo/syria-2024"
    for path in sorted(demo.iterdir()):
        if path.suffix == ".jsonl":
            for line in path.read_text().splitlines():
                rec = json.loads(line)
                out.append((f"demo:{rec['id']}", rec["text"], date.fromisoformat(rec["published"][:10])))
        else:
            out.append((f"demo:{path.name}", path.read_text(), PUBLISHED))
    for path in sorted(Path("/work/shared/seeds").glob("*")):
        if path.is_file():
            out.append((f"seed:{path.name}", path.read_text(), PUBLISHED))
    return out


def dump(out_path: Path) -> int:
    lines: list[str] = []
    shared = texts()
    for case_ref in ("syria-2024", str(ROOT / "tests/data/cases/northland-2031.toml")):
        case = load_case(case_ref)
        extractor = Extractor(case)
        corpus = [(f"bench:{i}", t, PUBLISHED) for i, t in enumerate(make_corpus(case, 1000))]
        rng = random.Random(7)
        mangled = [(f"{label}:mangled", mangle(text, rng), published) for label, text, published in shared]
        mangled += [(f"{label}:mangled", mangle(text, rng), published) for label, text, published in corpus[::10]]
        for label, text, published in [*corpus, *shared, *mangled]:
            result = extractor.extract(text, published, report_id=label)
            lines.append(f"## {case.id} {label} lang={result.language!r} skipped={result.skipped!r}")
            lines.extend(repr(claim) for claim in result.claims)
    out_path.write_text("\n".join(lines) + "\n")
    return sum(1 for line in lines if not line.startswith("## "))


def main() -> int:
    out = Path(sys.argv[1])
    n = dump(out)
    print(f"{n} claims written to {out}")
    if len(sys.argv) > 2:
        base = Path(sys.argv[2])
        same = base.read_bytes() == out.read_bytes()
        print("IDENTICAL to" if same else "DIFFERENT from", base)
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
