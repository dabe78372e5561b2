from __future__ import annotations

import json
import random

from drawdown.ingest.dedup import (
    MAX_SECTIONS,
    NEAR_DOCUMENT,
    OriginMatcher,
    exact_jaccard,
    internal_copies,
    near_pairs,
    repeated_sections,
    sections,
    shingles,
    signatures,
)
from tests.conftest import DATA


def _story(rng: random.Random, n: int = 120) -> str:
    vocab = [f"word{i}" for i in range(3000)]
    return " ".join(rng.choice(vocab) for _ in range(n))


def test_shingles() -> None:
    assert shingles("A convoy left T4 base on Monday") == [
        "a convoy left t4 base", "convoy left t4 base on", "left t4 base on monday",
    ]  # fmt: skip
    assert shingles("Two words") == ["two words"] and shingles("...") == []


def test_lsh_finds_the_near_pairs_that_brute_force_finds() -> None:
    rng = random.Random(3)
    texts = [_story(rng) for _ in range(60)]
    for i in range(20):  # light edits: a word changed here and there
        words = texts[i].split()
        for _ in range(3):
            words[rng.randrange(len(words))] = "edited"
        texts.append(" ".join(words))
    found = {(a, b) for a, b, _ in near_pairs(signatures([shingles(t) for t in texts]))}
    truth = {
        (a, b)
        for a in range(len(texts))
        for b in range(a + 1, len(texts))
        if exact_jaccard(shingles(texts[a]), shingles(texts[b])) >= 0.8
    }
    assert truth and truth <= found, "every pair at J >= 0.8 is found"
    false = [p for p in found - truth if exact_jaccard(shingles(texts[p[0]]), shingles(texts[p[1]])) < 0.6]
    assert not false


def test_seed_is_one_document_whose_interviews_repeat_each_other(seed_text: str) -> None:
    parts = sections(seed_text)
    assert len(parts) == 3 and parts[0].heading is None and parts[1].heading and parts[2].heading
    (copy,) = internal_copies(seed_text)
    assert (copy.first.index, copy.second.index) == (1, 2) and copy.method == "near"
    assert len(copy.paragraphs) >= 2 and copy.score == 1.0
    # Whole-section 5-shingle Jaccard is only about 0.1: paragraph level is what catches them.
    first, second = (seed_text[p.start : p.end] for p in parts[1:])
    assert exact_jaccard(shingles(first), shingles(second)) < 0.15
    repeats = {(m.first.index, m.second.index): m.method for m in repeated_sections(seed_text)}
    assert repeats == {(0, 1): "rewrite", (0, 2): "rewrite", (1, 2): "near"}


def test_a_page_without_headings_has_no_internal_copies() -> None:
    assert internal_copies("One paragraph only.\n\nAnother one.") == []


def test_matcher_near_and_rewrite_and_window() -> None:
    from datetime import datetime, timedelta

    rng = random.Random(5)
    base = _story(rng, 200)
    edited = base.replace(base.split()[10], "changed", 1)
    other = _story(rng, 200)
    matcher = OriginMatcher()
    day = datetime(2024, 12, 14)
    matches, sigs = matcher.match(["a", "b", "c"], [base, edited, other], [day, day, day], lambda ids: {})
    assert matches[0] is None and matches[2] is None
    assert matches[1] is not None and matches[1].method == "near" and matches[1].score >= NEAR_DOCUMENT
    assert sigs.shingles.shape == (3, 128)
    later = OriginMatcher()
    story = json.loads((DATA / "rewrites" / "stories.json").read_text(encoding="utf-8"))["stories"]["t4-convoy"]
    wire, farm = story["wire"], story["rewrite"]
    m1, _ = later.match(["w", "f"], [wire, farm], [day, day + timedelta(days=1)], lambda ids: {})
    assert m1[1] is not None and m1[1].method == "rewrite"
    m2, _ = OriginMatcher().match(["w", "f"], [wire, farm], [day, day + timedelta(days=10)], lambda ids: {})
    assert m2[1] is None, "a retelling ten days on is a new report"


def test_a_small_text_cache_finds_the_same_rewrites() -> None:
    """The matcher's text cache is emptied when full; the texts a report is scored against must outlive that.
    At the default bound this was a KeyError after about 66,000 reports (benchmarks/bench_corpus.py)."""
    from datetime import datetime, timedelta

    stories = json.loads((DATA / "rewrites" / "stories.json").read_text(encoding="utf-8"))["stories"]
    day = datetime(2024, 12, 14)
    keys, texts, published = [], [], []
    for name, story in stories.items():
        for kind in ("wire", "independent", "rewrite"):  # two founders, then a rewrite: the cache is full by then
            keys.append(f"{name}/{kind}")
            texts.append(story[kind])
            published.append(day + timedelta(hours=len(keys)))
    everything = dict(zip(keys, zip(texts, published, strict=True), strict=True))

    def lookup(ids: list[str]) -> dict[str, tuple[str, datetime | None]]:
        return {k: everything[k] for k in ids}

    roomy, _ = OriginMatcher().match(keys, texts, published, lookup)
    tight, _ = OriginMatcher(text_cache=1).match(keys, texts, published, lookup)
    assert tight == roomy
    assert sum(1 for m in roomy if m is not None and m.method == "rewrite") >= 4


def test_many_headings_stay_cheap() -> None:
    text = "".join(
        f"## Part {i}\n\nTroops left base {i} on day {i} with trucks and equipment loaded.\n\n" for i in range(400)
    )
    assert len(sections(text)) == 400
    found = repeated_sections(text)  # bounded: only the first MAX_SECTIONS are compared pairwise for rewrites
    assert all(m.second.index < MAX_SECTIONS for m in found if m.method == "rewrite")


def test_signing_a_text_a_slice_at_a_time_gives_the_same_signatures_as_signing_it_whole() -> None:
    from drawdown.ingest.dedup import document_signatures, shingle_signatures, signatures, words
    from drawdown.ingest.rewrites import terms_of

    texts = [
        "Forty trucks left the Hmeimim air base at night, a witness said. " * 40,
        "",
        "Two words",
        "Seven observation posts were left empty near Tartus on Monday morning.\n\nOfficials denied it. " * 7,
        "!!! ???",
    ]
    whole = [words(t) for t in texts]
    expected_shingles = shingle_signatures(whole)
    expected_terms = signatures([terms_of(w) for w in whole])
    for slice_chars, block_hashes in ((1 << 20, 1 << 21), (7, 3), (50, 1), (1, 10_000)):
        got = document_signatures(texts, slice_chars=slice_chars, block_hashes=block_hashes)
        assert (got.shingles == expected_shingles).all(), (slice_chars, block_hashes)
        assert (got.terms == expected_terms).all(), (slice_chars, block_hashes)


def test_the_content_hash_made_a_slice_at_a_time_is_the_hash_of_the_whole_canonical_text() -> None:
    import hashlib

    from drawdown.ingest import normalize

    text = "  Ca\u0301fe\u0301  au   lait\n\n\tde\u2003Tartus \x1f fin  " * 50
    expected = hashlib.sha256(normalize.canonical_text(text).encode()).hexdigest()
    assert normalize.content_hash(text) == expected
    for size in (1, 3, 17):
        pieces = list(normalize.text_slices(text, size))
        assert "".join(pieces) == text and all(p[:1].isspace() for p in pieces[1:])
        # what content_hash feeds the digest, piece by piece, is the canonical text of the whole
        canonical = [c for c in map(normalize.canonical_text, pieces) if c]
        assert " ".join(canonical) == normalize.canonical_text(text)
