"""Extraction speed: drawdown's full claim extraction against a spaCy gazetteer pass, in words/s on one core.

The peer is what a user would otherwise build first: ``spacy.blank("en")`` with an EntityRuler holding the same
gazetteer (every site name, alias and misspelling of the case, matched on lower-cased tokens). It only tags site
names; drawdown also splits sentences, resolves places and typos, and reads actions, negation, modality,
quantities, dates, attribution and confirmation. The budget (issue 12): at least 150,000 words/s on one core, with
the peer printed beside it (issue 4's earlier target, a third of the peer's speed, was replaced by it).

Both run in one process on one core, alternating, best of nine passes each. Run:
``.venv/bin/python benchmarks/bench_extract.py [REPORTS]`` (needs the bench extra: ``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import platform
import random
import sys
import time
from collections.abc import Callable
from datetime import date

from drawdown.case import Case, load_case
from drawdown.extract.claims import Extractor

# Sentence templates: a fifth name a site and an action, the rest are the background prose of a news report.
EVENTS = [
    "A convoy of {n} trucks left {site} on {day}, residents told the observatory.",
    "{n} transport planes reportedly took off from {site} over the past few days.",
    "The defence ministry said its units had completed the withdrawal from {site}.",
    "Satellite images show two ships leaving {site} last week.",
    "Sources close to the operation said forces plan to pull out of {site} within a month.",
    "Russian troops did not leave {site}, a spokesman told reporters.",
    "Talks on the future of {site} continued this week, diplomats said.",
]
FILLER = [
    "The city council met on {day} to discuss the price of bread and the state of the roads.",
    "Analysts said the wider region faces a long period of uncertainty after the change of government.",
    "Markets in the capital reopened, and traders reported brisk business in fruit and vegetables.",
    "The statement did not say how many people had attended the ceremony at the stadium.",
    "Humanitarian agencies warned that winter would bring new hardship to families in the camps.",
    "Officials in the province promised to restore electricity to most districts before the end of the year.",
    "Schools were expected to open again once teachers had been paid their salaries for the autumn.",
    "A football match between two local clubs drew a large crowd despite the cold weather.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def make_corpus(case: Case, n: int, seed: int = 11) -> list[str]:
    """``n`` reports of about 300 words each."""
    rng = random.Random(seed)
    names = [name for site in case.sites for name in site.names]
    texts = []
    for _ in range(n):
        sentences = []
        words = 0
        while words < 300:
            template = rng.choice(EVENTS) if rng.random() < 0.2 else rng.choice(FILLER)
            text = template.format(site=rng.choice(names), n=rng.randint(2, 40), day=rng.choice(DAYS))
            sentences.append(text)
            words += len(text.split())
        texts.append(" ".join(sentences))
    return texts


def spacy_peer(case: Case) -> Callable[[list[str]], int]:
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    patterns = [{"label": "SITE", "pattern": name, "id": site.id} for site in case.sites for name in site.names]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]

    def run(texts: list[str]) -> int:
        return sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))

    return run


def ours(case: Case) -> Callable[[list[str]], int]:
    extractor = Extractor(case)
    published = date(2024, 12, 16)

    def run(texts: list[str]) -> int:
        return sum(len(extractor.extract(text, published).claims) for text in texts)

    return run


def timed(fn: Callable[[list[str]], int], texts: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    found = fn(texts)
    return time.perf_counter() - start, found


def best_of_interleaved(
    a: Callable[[list[str]], int], b: Callable[[list[str]], int], texts: list[str], repeat: int = 9
) -> tuple[tuple[float, int], tuple[float, int]]:
    """Best time of each, alternating a and b, so that load from other processes falls on both alike.

    Nine passes each: on this shared 2-core host other tenants take the CPU in bursts, and with five passes the
    best of drawdown's (0.65 s each) was still hit by one now and then where the peer's (0.2 s) was not.
    """
    runs_a, runs_b = [], []
    for _ in range(repeat):
        runs_a.append(timed(a, texts))
        runs_b.append(timed(b, texts))
    return min(runs_a), min(runs_b)


def main(n: int = 1000) -> None:
    case = load_case("syria-2024")
    texts = make_corpus(case, n)
    words = sum(len(t.split()) for t in texts)
    (ours_s, claims), (peer_s, ents) = best_of_interleaved(ours(case), spacy_peer(case), texts)
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, one process")
    print(f"corpus: {n} reports, {words:,} words (20 % of sentences name a site and an action)")
    print(
        f"peer   spaCy blank-en + EntityRuler: {peer_s:.3f} s  {words / peer_s:>12,.0f} words/s  ({ents} site entities)"
    )
    print(f"ours   drawdown full extraction:     {ours_s:.3f} s  {words / ours_s:>12,.0f} words/s  ({claims} claims)")
    print(f"ratio  drawdown speed / peer speed: {peer_s / ours_s:.2f}")
    print(f"budget drawdown >= 150,000 words/s on one core: {'met' if words / ours_s >= 150_000 else 'MISSED'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
