"""Copies and rewrites: MinHash LSH over word shingles (documents and paragraphs) and a rewrite detector.

Pure stage code: signatures in, candidate pairs out; the pipeline stores signatures and assigns origins.

Library choice, measured (2-core EPYC, 2,000 docs of 150 words, 128 permutations, benchmarks/bench_minhash.py):
rensa's ``RMinHash`` takes 4-6 µs a document, datasketch's ``MinHash.update_batch`` 360-460 µs (about 95x), with
a smaller estimation error (0.021 against 0.031 mean absolute error on edited copies); datasketch alone would
cap ingest below 3,000 docs/s before any other work. rensa is the default; datasketch stays the benchmark's peer.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

import numpy as np
import numpy.typing as npt
import rensa

from drawdown.ingest.normalize import SLICE_CHARS, text_slices
from drawdown.ingest.rewrites import RewriteDetector, TermOverlapDetector, TermProfile, terms_of

Signatures = npt.NDArray[np.uint32]
# What the matcher needs to know of a stored report to score a rewrite: its text and publication time.
Stored = tuple[str, datetime | None]
Lookup = Callable[[list[str]], dict[str, Stored]]

NUM_PERM: Final = 128
SEED: Final = 20241214
SHINGLE: Final = 5  # words; 5-word shingles are the usual choice for news near-duplicates (Broder 1997 used 10)
# 32 bands of 4 rows: a pair is a candidate with probability 1-(1-J^4)^32, i.e. > 0.9999 at J = 0.8 and 0.5 at
# J ≈ 0.43, so everything above the decision thresholds below is looked at and little else.
BANDS: Final = 32
ROWS: Final = NUM_PERM // BANDS
# A document copy: estimated 5-shingle Jaccard >= 0.75. The benchmark's planted copies (light edits) sit above
# 0.8 and distinct stories below 0.1; 0.75 keeps recall >= 0.95 at J >= 0.8 given the estimate's spread
# (sd ≈ 0.035 at 128 permutations).
NEAR_DOCUMENT: Final = 0.75
# A paragraph copy: 0.4. In the seed report the two interview variants share one paragraph verbatim (J = 1.0)
# and one lightly reworded (J = 0.48); every other cross pair of its paragraphs is below 0.11.
NEAR_PARAGRAPH: Final = 0.4
MIN_PARAGRAPH_WORDS: Final = 8
MAX_SECTIONS: Final = 20  # sections compared pairwise for rewrites (190 pairs); the seed has 3
# Rewrite candidates: MinHash over the set of content stems (rewrites.content_terms), 64 bands of 2 rows, so a
# pair at term Jaccard 0.2 is looked at with probability 0.93 and at 0.3 with 0.998. On the labelled set the
# rewrites sit at 0.21-0.44 and independent reports of the same event at 0.05-0.14; candidates are then scored
# by the rewrite detector, which makes the decision.
TERM_BANDS: Final = 64
TERM_CANDIDATE: Final = 0.15
# A rewrite is published close to its source: content farms reword wire copy within hours or a day or two. A
# later story that retells the same facts (a weekly round-up, a recap two weeks on) is a new report, not a copy;
# in the bundled demo a recap published 14 days after the story it summarises scores 0.47 on content terms.
REWRITE_WINDOW: Final = timedelta(days=3)  # headings and speaker labels are not evidence of copying
# Short notes (ACLED event notes, monitor captions, one-paragraph snippets) share their templated wording and place
# names by chance: on the realdev sets' `duplicate_of` labels, 24 of 29 pairs the term-overlap rule merged were
# different reports, all with the shorter text under 63 words, term overlap 0.40-0.74 and 3-word-shingle Jaccard at
# most 0.12; the one true rewrite among them (a re-captioned monitor entry) has 0.53. So when the shorter text has
# fewer than SHORT_NOTE_WORDS words, a rewrite also needs 3-word-shingle Jaccard >= SHORT_NOTE_SHINGLE. The
# constructed rewrites of tests/data/rewrites (66-105 words, shingle Jaccard 0.04-0.07) are long enough to be
# judged on their terms alone; the cut sits in a narrow gap (62 against 65 words), a limit docs/ingest.md states.
SHORT_NOTE_WORDS: Final = 64
SHORT_NOTE_SHINGLE: Final = 0.2
# Texts the origin matcher keeps for rewrite scoring (about 150 MB of news at most); OriginMatcher(text_cache=).
TEXT_CACHE: Final = 50_000

_WORD = re.compile(r"\w+")
_PARTITION_MIX = 0x9E3779B1  # spreads partition numbers over the bucket key's bits
_BAND_MIX = np.array([0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0x2545F4914F6CDD1D], dtype=np.uint64)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def word_slices(text: str, size: int = SLICE_CHARS) -> Iterator[list[str]]:
    """:func:`words` of ``text``, a slice at a time (a 50 MB article as one list of 8 million words took 500 MB;
    benchmarks/bench_limits.py). Slices end at whitespace, so no word is cut in two."""
    for piece in text_slices(text, size):
        yield words(piece)


def shingles(text: str, k: int = SHINGLE) -> list[str]:
    """Overlapping k-word shingles; a text shorter than k words is one shingle."""
    return shingles_of(words(text), k)


def shingles_of(tokens: list[str], k: int = SHINGLE) -> list[str]:
    if len(tokens) <= k:
        return [" ".join(tokens)] if tokens else []
    return [" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)]


def signatures(token_sets: Sequence[Sequence[str]]) -> Signatures:
    """One MinHash row per token set (rensa, in bulk)."""
    if not token_sets:
        return np.zeros((0, NUM_PERM), dtype=np.uint32)
    rows = rensa.RMinHash.digests_from_token_sets([list(t) or [""] for t in token_sets], NUM_PERM, SEED)
    return np.asarray(rows, dtype=np.uint32)


_SHINGLE_MIX = np.array(
    [0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0x2545F4914F6CDD1D, 0xD6E8FEB86659FD93],
    dtype=np.uint64,
)


class _WordHashes(dict[str, int]):
    """word -> a stable 64-bit hash (Python's own str hash changes per process, and signatures are stored)."""

    def __missing__(self, word: str) -> int:
        if len(self) > 2_000_000:  # bounded; a clear costs one recomputation per word
            self.clear()
        value = self[word] = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
        return value


_WORD_HASH = _WordHashes()


def word_ids(tokens: list[str]) -> npt.NDArray[np.uint64]:
    return np.fromiter(map(_WORD_HASH.__getitem__, tokens), dtype=np.uint64, count=len(tokens))


def shingle_signatures(token_lists: Sequence[list[str]]) -> Signatures:
    """Document MinHash over hashed 5-word shingles, in one rensa call for the whole batch.

    Same sets as :func:`shingles` (hashes instead of joined strings): building and hashing three million joined
    strings was a third of the signing time of the 20,000-article benchmark.
    """
    return shingle_signatures_of_ids([word_ids(tokens) for tokens in token_lists])


def shingle_hashes(ids: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """The hashes of a text's 5-word shingles from its words' hashes; fewer than 5 words are one shingle."""
    if len(ids) == 0:
        ids = np.zeros(1, dtype=np.uint64)
    width = min(SHINGLE, len(ids))
    count = len(ids) - width + 1
    with np.errstate(over="ignore"):
        hashed = ids[:count] * _SHINGLE_MIX[0]
        for j in range(1, width):
            hashed += ids[j : j + count] * _SHINGLE_MIX[j]
    return np.asarray(hashed, dtype=np.uint64)


def shingle_signatures_of_ids(id_lists: Sequence[npt.NDArray[np.uint64]]) -> Signatures:
    """:func:`shingle_signatures` of texts given as their words' hashes (:func:`word_ids`)."""
    return _minhash_rows([shingle_hashes(ids) for ids in id_lists])


def _minhash_rows(blocks: Sequence[npt.NDArray[np.uint64]]) -> Signatures:
    """One MinHash row per block of shingle hashes, in one rensa call."""
    if not blocks:
        return np.zeros((0, NUM_PERM), dtype=np.uint32)
    offsets = np.cumsum([0, *map(len, blocks)], dtype=np.uint64)
    flat = blocks[0] if len(blocks) == 1 else np.concatenate(blocks)
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, NUM_PERM, SEED)
    return np.asarray(matrix.to_rows(), dtype=np.uint32)


# Shingle hashes given to rensa at once (16 MB). A batch of short articles goes in one call, which is what makes
# signing fast; a long article goes in blocks of its shingles, and its signature is the elementwise minimum of
# its blocks' rows (the MinHash of a union is the minimum of the MinHashes), so memory does not grow with it.
BLOCK_HASHES: Final = 1 << 21


def document_signatures(
    texts: Sequence[str], *, slice_chars: int = SLICE_CHARS, block_hashes: int = BLOCK_HASHES
) -> BatchSignatures:
    """Both signatures of each text (5-word shingles, content terms), reading each text a slice at a time.

    The same rows as :func:`shingle_signatures` and :func:`signatures` of :func:`terms_of` over :func:`words`
    of the whole text (tests/ingest/test_dedup.py checks it with tiny slices)."""
    rows: list[Signatures] = []
    pending: list[npt.NDArray[np.uint64]] = []
    owners: list[int] = []
    size = 0
    terms: list[list[str]] = []

    def block(owner: int, hashes: npt.NDArray[np.uint64]) -> None:
        nonlocal size
        pending.append(hashes)
        owners.append(owner)
        size += len(hashes)
        if size >= block_hashes:
            rows.append(_minhash_rows(pending))
            pending.clear()
            size = 0

    for n, text in enumerate(texts):
        carry = np.zeros(0, dtype=np.uint64)
        emitted = False
        seen: set[str] = set()
        for tokens in word_slices(text, slice_chars):
            seen.update(terms_of(tokens))
            ids = np.concatenate([carry, word_ids(tokens)])
            if len(ids) >= SHINGLE:
                block(n, shingle_hashes(ids))
                emitted = True
                carry = ids[len(ids) - (SHINGLE - 1) :]  # the shingles that span the cut come with the next slice
            else:
                carry = ids
        if not emitted:  # a text of fewer than five words: one shingle of them all, as shingle_signatures does
            block(n, shingle_hashes(carry))
        terms.append(sorted(seen))
    if pending:
        rows.append(_minhash_rows(pending))
    if not texts:
        return BatchSignatures(shingles=np.zeros((0, NUM_PERM), dtype=np.uint32), terms=signatures([]))
    matrix = np.concatenate(rows)
    starts = np.flatnonzero(np.diff(np.asarray(owners), prepend=-1))
    return BatchSignatures(shingles=np.minimum.reduceat(matrix, starts, axis=0), terms=signatures(terms))


def band_keys(sigs: Signatures, bands: int = BANDS) -> npt.NDArray[np.uint64]:
    """One 64-bit bucket key per (row, band): the band's values mixed by fixed odd multipliers (stable)."""
    rows = NUM_PERM // bands
    parts = sigs.astype(np.uint64).reshape(len(sigs), bands, rows)
    with np.errstate(over="ignore"):
        return np.asarray((parts * _BAND_MIX[:rows]).sum(axis=2, dtype=np.uint64), dtype=np.uint64)


class LshIndex:
    """Banded MinHash LSH over opaque keys; grows as documents are added (an ingest run keeps one).

    Buckets hold row numbers into one signature matrix, so a query scores all its candidates in one numpy
    comparison: with per-key arrays, stacking candidates took most of the time of a 10,000-document ingest.
    """

    def __init__(self, bands: int = BANDS) -> None:
        if NUM_PERM % bands:
            raise ValueError(f"bands must divide {NUM_PERM}")
        self.bands = bands
        # A bucket holds a row number, or a list once a second row shares it: most buckets hold one row, and
        # millions of one-element lists made the garbage collector's passes dominate a 20,000-document ingest.
        self._buckets: list[dict[int, int | list[int]]] = [{} for _ in range(bands)]
        self._keys: list[str] = []
        self._rows: dict[str, int] = {}
        self._matrix = np.zeros((1024, NUM_PERM), dtype=np.uint32)

    def __len__(self) -> int:
        return len(self._keys)

    def add(
        self, keys: Sequence[str], sigs: Signatures, buckets: list[list[int]] | None = None, partition: int = 0
    ) -> None:
        """Index rows; ``buckets`` (from :func:`band_keys`, as lists) saves recomputing them.

        ``partition`` (e.g. the publication day) restricts who can find these rows to queries that name it.
        """
        rows = buckets if buckets is not None else band_keys(sigs, self.bands).tolist()
        if partition:
            rows = [[b ^ (partition * _PARTITION_MIX) for b in r] for r in rows]
        start = len(self._keys)
        need = start + len(keys)
        if need > len(self._matrix):
            grown = np.zeros((max(need, 2 * len(self._matrix)), NUM_PERM), dtype=np.uint32)
            grown[:start] = self._matrix[:start]
            self._matrix = grown
        self._matrix[start:need] = sigs
        for row, (key, bands) in enumerate(zip(keys, rows, strict=True), start=start):
            self._keys.append(key)
            self._rows[key] = row
            for table, bucket in zip(self._buckets, bands, strict=True):
                hit = table.get(bucket)
                if hit is None:
                    table[bucket] = row
                elif isinstance(hit, int):
                    table[bucket] = [hit, row]
                else:
                    hit.append(row)

    def signature(self, key: str) -> Signatures:
        return np.asarray(self._matrix[self._rows[key]], dtype=np.uint32)

    def query(
        self,
        sig: Signatures,
        threshold: float,
        buckets: list[int] | None = None,
        partitions: Sequence[int] = (0,),
    ) -> list[tuple[str, float]]:
        """Indexed keys (in ``partitions``) whose estimated Jaccard with ``sig`` reaches ``threshold``, best first."""
        found: set[int] = set()
        bands = buckets if buckets is not None else band_keys(sig.reshape(1, -1), self.bands)[0].tolist()
        for partition in partitions:
            mix = partition * _PARTITION_MIX if partition else 0
            for table, bucket in zip(self._buckets, bands, strict=True):
                hit = table.get(bucket ^ mix)
                if hit is None:
                    continue
                if isinstance(hit, int):
                    found.add(hit)
                else:
                    found.update(hit)
        if not found:
            return []
        rows = np.fromiter(found, dtype=np.int64, count=len(found))
        scores = np.count_nonzero(self._matrix[rows] == sig, axis=1) / NUM_PERM
        keep = np.flatnonzero(scores >= threshold)
        hits = [(self._keys[rows[k]], float(scores[k])) for k in keep.tolist()]
        return sorted(hits, key=lambda hit: (-hit[1], hit[0]))


# ------------------------------------------------------------------------------------------ paragraph level


@dataclass(frozen=True)
class Part:
    """A stretch of a document (a paragraph or a section) as a span into its text."""

    index: int
    start: int
    end: int
    heading: str | None = None


@dataclass(frozen=True)
class SectionMatch:
    """Two sections of one document that repeat each other: a page that appends copies or rewrites of itself.

    ``method`` is ``near`` (they share near-duplicate paragraphs, listed in ``paragraphs`` as (paragraph in
    first, paragraph in second, estimated J)) or ``rewrite`` (the rewrite detector's ``score``).
    """

    first: Part
    second: Part
    method: str
    score: float
    paragraphs: tuple[tuple[int, int, float], ...] = ()


_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)
_BLANK = re.compile(r"\n[ \t]*\n")


def sections(text: str) -> list[Part]:
    """Split at Markdown headings: the text before the first heading is section 0 (when it has any words)."""
    starts = [(m.start(), m.group(1).strip()) for m in _HEADING.finditer(text)]
    bounds: list[tuple[int, str | None]] = [(0, None), *starts]
    parts: list[Part] = []
    for i, (start, heading) in enumerate(bounds):
        end = bounds[i + 1][0] if i + 1 < len(bounds) else len(text)
        if text[start:end].strip() and (heading is not None or start < end):
            parts.append(Part(len(parts), start, end, heading))
    return [p for p in parts if words(text[p.start : p.end])]


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Part]:
    """Blank-line separated paragraphs with enough words to count, as spans into ``text``."""
    end = len(text) if end is None else end
    found: list[Part] = []
    pos = start
    for match in [*_BLANK.finditer(text, start, end), None]:
        stop = end if match is None else match.start()
        if len(words(text[pos:stop])) >= MIN_PARAGRAPH_WORDS:
            found.append(Part(len(found), pos, stop))
        if match is not None:
            pos = match.end()
    return found


def internal_copies(text: str, threshold: float = NEAR_PARAGRAPH) -> list[SectionMatch]:
    """Pairs of sections that repeat each other's paragraphs.

    Two sections match when they share at least two near-duplicate paragraphs, or when a third of the smaller
    one's paragraphs recur in the other: one shared stock sentence is not a copy, a repeated exchange is.
    """
    parts = sections(text)
    paras = [paragraphs(text, s.start, s.end) for s in parts]
    flat = [(si, p) for si, ps in enumerate(paras) for p in ps]
    if len(parts) < 2 or not flat:
        return []
    sigs = signatures([shingles(text[p.start : p.end]) for _, p in flat])
    index = LshIndex()
    index.add([str(i) for i in range(len(flat))], sigs)
    pairs: dict[tuple[int, int], list[tuple[int, int, float]]] = defaultdict(list)
    for i, (si, para) in enumerate(flat):
        for key, score in index.query(sigs[i], threshold):
            sj, other = flat[int(key)]
            if sj > si:
                pairs[(si, sj)].append((para.index, other.index, score))
    matches = []
    for (si, sj), shared in sorted(pairs.items()):
        smaller = min(len(paras[si]), len(paras[sj]))
        if len(shared) >= 2 or len(shared) * 3 >= smaller:
            best = max(score for _, _, score in shared)
            matches.append(SectionMatch(parts[si], parts[sj], "near", best, tuple(sorted(shared))))
    return matches


def repeated_sections(text: str, detector: RewriteDetector | None = None) -> list[SectionMatch]:
    """Sections of ``text`` that copy (paragraph level) or rewrite (``detector``) an earlier section."""
    parts = sections(text)
    if len(parts) < 2:
        return []
    found = internal_copies(text)
    matched = {(m.first.index, m.second.index) for m in found}
    detector = detector if detector is not None else TermOverlapDetector()
    # Pairwise scoring is quadratic in sections; a hostile page with thousands of headings must not stall ingest.
    for i, first in enumerate(parts[:MAX_SECTIONS]):
        for second in parts[i + 1 : MAX_SECTIONS]:
            if (first.index, second.index) in matched:
                continue
            score = detector.score(text[first.start : first.end], text[second.start : second.end])
            if score >= detector.threshold:
                found.append(SectionMatch(first, second, "rewrite", round(score, 4)))
    return sorted(found, key=lambda m: (m.first.index, m.second.index))


def near_pairs(sigs: Signatures, threshold: float = NEAR_DOCUMENT) -> list[tuple[int, int, float]]:
    """All pairs (i < j) of rows whose estimated Jaccard reaches ``threshold``, through LSH (not all pairs)."""
    index = LshIndex()
    index.add([str(i) for i in range(len(sigs))], sigs)
    out: list[tuple[int, int, float]] = []
    for i in range(len(sigs)):
        out.extend((i, int(k), s) for k, s in index.query(sigs[i], threshold) if int(k) > i)
    return out


def exact_jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """Brute-force Jaccard of two shingle sets; the reference the estimates are checked against."""
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa or sb else 1.0


# ------------------------------------------------------------------------------------------ origin matching


@dataclass(frozen=True)
class Match:
    """A new document that joins the origin of ``matched``: a near-duplicate or a rewrite of it."""

    matched: str
    method: str  # near | rewrite
    score: float


@dataclass(frozen=True)
class BatchSignatures:
    """The signatures computed for a batch, for the pipeline to store beside the reports."""

    shingles: Signatures
    terms: Signatures


class OriginMatcher:
    """Finds, for each new document, an earlier document it copies (near) or retells (rewrite).

    Holds the LSH indexes of everything it has seen; the pipeline loads stored signatures once per run and
    hands over each batch. ``text_of`` fetches the text of a stored candidate when a rewrite must be scored
    (the matcher never opens the store itself).
    """

    def __init__(self, detector: RewriteDetector | None = None, *, text_cache: int = TEXT_CACHE) -> None:
        self.detector: RewriteDetector | None = detector if detector is not None else TermOverlapDetector()
        # Texts kept for rewrite scoring; past this many the cache is emptied and refilled through ``lookup``.
        self.text_cache = text_cache
        self.documents = LshIndex(BANDS)
        self.terms = LshIndex(TERM_BANDS)
        self._texts: dict[str, Stored] = {}
        self._partitions: set[int] = set()
        self._profiles: dict[str, TermProfile] = {}

    def load_documents(self, keys: Sequence[str], sigs: Signatures) -> None:
        """Stored reports' shingle signatures (every report)."""
        self.documents.add(keys, sigs)

    def load_terms(self, keys: Sequence[str], sigs: Signatures, published: Sequence[datetime | None]) -> None:
        """Stored reports' term signatures (one member per origin suffices), partitioned by publication day."""
        buckets = band_keys(sigs, self.terms.bands).tolist()
        for i, (key, when) in enumerate(zip(keys, published, strict=True)):
            day = day_partition(when)
            self._partitions.add(day)
            self.terms.add([key], sigs[i : i + 1], buckets[i : i + 1], day)

    @staticmethod
    def sign(texts: Sequence[str]) -> BatchSignatures:
        return document_signatures(texts)

    def match(
        self,
        keys: Sequence[str],
        texts: Sequence[str],
        published: Sequence[datetime | None],
        lookup: Lookup,
        *,
        signed: BatchSignatures | None = None,
    ) -> tuple[list[Match | None], BatchSignatures]:
        """Match a batch in order; each document is indexed after it is matched, so later ones can match it.
        ``signed``: the texts' signatures when they were made elsewhere (a Spark executor), else they are made."""
        sigs = self.sign(texts) if signed is None else signed
        doc_buckets = band_keys(sigs.shingles, self.documents.bands).tolist()
        term_buckets = band_keys(sigs.terms, self.terms.bands).tolist()
        matches: list[Match | None] = []
        for i, (key, text, when) in enumerate(zip(keys, texts, published, strict=True)):
            near = self.documents.query(sigs.shingles[i], NEAR_DOCUMENT, doc_buckets[i])
            found: Match | None = Match(near[0][0], "near", near[0][1]) if near else None
            if found is None and self.detector is not None:
                found = self._rewrite_of(text, when, sigs.terms[i], term_buckets[i], lookup)
            matches.append(found)
            self.documents.add([key], sigs.shingles[i : i + 1], doc_buckets[i : i + 1])
            if found is None:  # one member per origin is enough to find the rewrites of its story
                day = day_partition(when)
                self._partitions.add(day)
                self.terms.add([key], sigs.terms[i : i + 1], term_buckets[i : i + 1], day)
                self._texts[key] = (text, when)
        return matches, sigs

    def _profile(self, key: str) -> TermProfile:
        found = self._profiles.get(key)
        if found is None:
            found = self._profiles[key] = TermProfile.of(self._texts[key][0])
        return found

    def _rewrite_of(
        self, text: str, when: datetime | None, term_sig: Signatures, buckets: list[int], lookup: Lookup
    ) -> Match | None:
        assert self.detector is not None
        days = [d for d in partitions_near(when) if d in self._partitions] or sorted(self._partitions)
        candidates = [k for k, _ in self.terms.query(term_sig, TERM_CANDIDATE, buckets, days)]
        if not candidates:
            return None
        # Emptied before this report's candidates are fetched, never while they are scored: the texts needed
        # below are then all in the cache (clearing it after scoring and before the short-note check below
        # was a KeyError once 50,000 founders had been seen: after about 66,000 reports of bench_corpus.py).
        if len(self._texts) > self.text_cache:
            self._texts.clear()  # texts of stored reports are fetched again when needed
            self._profiles.clear()
        missing = [k for k in candidates if k not in self._texts]
        if missing:
            self._texts.update(lookup(missing))
        close = [k for k in candidates if k in self._texts and _close(self._texts[k][1], when)]
        if isinstance(self.detector, TermOverlapDetector):  # same score, with each text's profile built once
            profile = TermProfile.of(text)
            scored = [(self._profile(k).overlap(profile), k) for k in close]
        else:
            scored = [(self.detector.score(self._texts[k][0], text), k) for k in close]
        kept = [(score, k) for score, k in scored if score >= self.detector.threshold and self._not_chance(text, k)]
        best = max(kept, default=None, key=lambda pair: (pair[0], pair[1]))
        if best is None:
            return None
        return Match(best[1], "rewrite", round(best[0], 4))

    def _not_chance(self, text: str, key: str) -> bool:
        """Short notes must share wording too, not only terms (see SHORT_NOTE_WORDS)."""
        mine, theirs = words(text), words(self._texts[key][0])
        if min(len(mine), len(theirs)) >= SHORT_NOTE_WORDS:
            return True
        return exact_jaccard(shingles_of(mine, 3), shingles_of(theirs, 3)) >= SHORT_NOTE_SHINGLE


_EPOCH = datetime(1970, 1, 1)
_UNDATED = 1  # the partition of undated reports; dated ones are 2 + days since 1970


def day_partition(when: datetime | None) -> int:
    """The term index is partitioned by publication week, so rewrite candidates come from near the window only.

    Weeks, not days: a query then looks in two or three partitions rather than seven (each costs a lookup per
    band), which halved the time of rewrite candidate search on the 20,000-article benchmark.
    """
    return _UNDATED if when is None else 2 + (when.replace(tzinfo=None) - _EPOCH).days // 7


def partitions_near(when: datetime | None) -> list[int]:
    """Weeks touching the rewrite window of ``when``, plus the undated; an undated report is compared with all."""
    if when is None:
        return []  # the caller then asks every partition it holds
    first = day_partition(when - REWRITE_WINDOW)
    last = day_partition(when + REWRITE_WINDOW)
    return [_UNDATED, *range(first, last + 1)]


def _close(a: datetime | None, b: datetime | None) -> bool:
    """Within the rewrite window; an undated side cannot rule a pair out."""
    return a is None or b is None or abs(a - b) <= REWRITE_WINDOW
