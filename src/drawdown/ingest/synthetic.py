"""A synthetic corpus of news-like reports with planted copies, for benchmarks and tests of copy detection.

The texts are random words with a site name and a number in each sentence: nothing in them is a claim, but their
sizes and their copies are those of a news feed. A known share of the reports copy an earlier one lightly edited
under another URL, republish it byte for byte, or retell it reworded (synonyms, sentences reordered, a filler
word), all within the last 500 originals, as a story is republished while it is fresh.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

SITES = ["Hmeimim", "Tartus", "Qamishli", "T4", "Palmyra", "Manbij", "Kobani", "Jableh", "Latakia", "Homs"]
COPY_SHARE = 0.15  # light edits of an earlier article (a word or three changed, a dateline added)
EXACT_SHARE = 0.05  # byte-identical republications under another URL
REWRITE_SHARE = 0.05  # reworded retellings within a day
START = datetime(2024, 12, 1)


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return sorted({"".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(size)})


def make_corpus(path: Path, n: int, seed: int = 7) -> dict[int, tuple[str, int]]:
    """Write n articles; return the planted relations {article: (kind, source article)}."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    synonyms = {w: rng.choice(vocab) for w in vocab}  # a fixed "thesaurus" for the rewriter
    originals: list[int] = []
    sentences_of: dict[int, list[list[str]]] = {}
    planted: dict[int, tuple[str, int]] = {}
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            roll = rng.random()
            day = (i * 90) // n  # a three-month story, like the Syria case (Dec 2024 - Feb 2025)
            if originals and roll < COPY_SHARE + EXACT_SHARE + REWRITE_SHARE:
                source = rng.choice(originals[-500:])  # republished while the story is fresh
                sentences = [list(s) for s in sentences_of[source]]
                if roll < COPY_SHARE:
                    for _ in range(rng.randint(1, 3)):
                        s = rng.choice(sentences)
                        s[rng.randrange(len(s))] = rng.choice(vocab)
                    sentences[0] = ["Dateline", *sentences[0]]
                    kind = "copy"
                elif roll < COPY_SHARE + EXACT_SHARE:
                    kind = "exact"
                else:
                    rng.shuffle(sentences)
                    sentences = [
                        [synonyms[w] if w in synonyms and rng.random() < 0.3 else w for w in s] + ["reportedly"]
                        for s in sentences
                    ]
                    kind = "rewrite"
                planted[i] = (kind, source)
            else:
                sentences = [
                    [
                        *(rng.choice(vocab) for _ in range(rng.randint(8, 14))),
                        rng.choice(SITES),
                        str(rng.randint(2, 90)),
                    ]
                    for _ in range(rng.randint(10, 14))
                ]
                originals.append(i)
            sentences_of[i] = sentences
            text = " ".join(" ".join(s).capitalize() + "." for s in sentences)
            published = START + timedelta(days=day, hours=i % 24)
            record = {"id": str(i), "url": f"https://outlet{i % 50}.example/{i}", "outlet": f"Outlet {i % 50}",
                      "published": f"{published:%Y-%m-%dT%H:%M:%SZ}", "title": f"Story {i}", "text": text}  # fmt: skip
            out.write(json.dumps(record) + "\n")
    return planted
