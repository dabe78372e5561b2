"""Ingest around the store: read inputs with the Ingest stage, find each new report's origin, store batches.

Each file (or URL) is one transaction; re-ingesting stored content changes nothing.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import numpy.typing as npt

from drawdown.ingest.decode import DEFAULT_MAX_BYTES, Defaults, Item
from drawdown.ingest.dedup import TEXT_CACHE, OriginMatcher, repeated_sections
from drawdown.ingest.feeds import EntryProgress, FeedEntry, read_entry
from drawdown.ingest.fetch import Fetcher, FetchPolicy, is_url
from drawdown.ingest.formats import URL_FORMATS, expand, read_path, read_url
from drawdown.ingest.normalize import content_hash
from drawdown.ingest.parallel import Expired, host_of, run_in_order
from drawdown.ingest.rewrites import RewriteDetector
from drawdown.model import Document, IngestFailure, IngestResult, OriginGroup, OriginMember, ProgressHook
from drawdown.store import reports as stored
from drawdown.store.db import Store, interrupted, utc_naive
from drawdown.store.reports import Incoming

# The progress hook (model.ProgressHook) is told steps: an input read and stored, or an entry of a feed read (a
# feed's entries join the count once it is parsed). Feeds are read in the fetch threads, so the hook may be called
# from them, one call at a time.
# Reports stored at a time within one input, which stays one transaction: a JSONL file of 100,000 reports
# moves the progress bar every batch instead of once at its end, and each batch's set-based statements stay small.
PROGRESS_BATCH = 1000


def ingest(
    store: Store,
    inputs: Sequence[str | Path],
    *,
    fmt: str | None = None,
    defaults: Defaults | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    command: str = "ingest",
    progress: ProgressHook | None = None,
    detector: RewriteDetector | None = None,
    fetcher: Fetcher | None = None,
    fetch_pages: bool = False,
    policy: FetchPolicy | None = None,
) -> IngestResult:
    """Ingest files, folders, page URLs and feed URLs. Each file (or URL) is one transaction; re-ingesting
    stored content changes nothing.

    ``fetch_pages`` replaces the coded text of GDELT rows with the article each row points to. ``progress`` is
    called with (inputs done, inputs, what): after each input, and within one every :data:`PROGRESS_BATCH` reports.
    """
    run_id = uuid.uuid4().hex[:12]
    result = IngestResult(run_id=run_id)
    expanded: list[Path | IngestFailure | str] = []
    for raw in inputs:
        if isinstance(raw, str) and is_url(raw):
            expanded.append(raw)
        else:
            expanded.extend(expand([raw]))
    own_fetcher = fetcher is None and (fetch_pages or any(isinstance(i, str) for i in expanded))
    if own_fetcher:
        fetcher = Fetcher(policy or FetchPolicy(max_bytes=max_bytes))
    matcher = LazyMatcher(store, detector)  # loads stored signatures once, when the first new report needs them
    steps = Steps(len(expanded), progress)
    stored.start_run(store, run_id, command, inputs)
    urls = [item for item in expanded if isinstance(item, str)]
    fetched: Iterator[tuple[str, list[Item] | Expired[str]]] = iter(())
    if urls:
        assert fetcher is not None
        url_fmt = fmt if fmt in URL_FORMATS else None
        the_fetcher = fetcher
        # All URLs are fetched at once (a limit per host) and handed back in input order, while files are read
        # here in between: a hanging host costs its own --timeout, not every other input's.
        fetched = run_in_order(
            urls, lambda url: list(read_url(url, the_fetcher, url_fmt, defaults, steps.feed(url))), host=host_of,
            per_host=the_fetcher.policy.per_host, deadline=the_fetcher.policy.overall,
        )  # fmt: skip
    try:
        for done, item in enumerate(expanded, start=1):
            if isinstance(item, IngestFailure):
                result.failures.append(item)
                continue
            if isinstance(item, str):
                _url, got = next(fetched)
                items: Iterable[Item] = [_expired(got)] if isinstance(got, Expired) else got
            else:
                items = read_path(item, fmt, defaults=defaults, max_bytes=max_bytes)
                if fetch_pages:
                    assert fetcher is not None
                    items = _with_pages(items, fetcher)
            # One input, one transaction, stored whole or not at all. Its batches see the batches before them
            # (the same content, copies and rewrites of them) as they would see reports of an earlier input.
            with store.transaction():
                read = 0
                for documents in _batches(items, result, PROGRESS_BATCH):
                    store_documents(store, documents, run_id, result, matcher)
                    read += len(documents)
                    if len(documents) == PROGRESS_BATCH:  # more of this input may follow: not done yet
                        steps.input_done(done - 1, f"{item}: {read:,} reports")
            steps.input_done(done, str(item))
    except BaseException as exc:  # Ctrl-C, or SIGTERM (the CLI turns it into one): what is stored stays, whole
        if not interrupted(exc):
            raise
        stored.finish_run(store, run_id, "interrupted", len(result.added), result.skipped, len(result.failures))
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise KeyboardInterrupt from exc
    finally:
        if isinstance(fetched, Generator):
            fetched.close()  # stops starting fetches when the loop ended early (Ctrl-C, a store error)
        if own_fetcher and fetcher is not None:
            fetcher.close()
    status = "ok" if result.ok else ("partial" if result.added or result.skipped else "failed")
    stored.finish_run(store, run_id, status, len(result.added), result.skipped, len(result.failures))
    return result


class Steps:
    """What the progress hook is told: inputs done, plus the entries read of the feeds parsed so far."""

    def __init__(self, inputs: int, hook: ProgressHook | None) -> None:
        self.inputs = inputs
        self.hook = hook
        self.done = 0
        self.entries: list[tuple[int, int]] = []  # per URL read: (entries read, entries in all)
        self.lock = threading.Lock()

    def input_done(self, done: int, label: str) -> None:
        with self.lock:
            self.done = done
            self._tell(label)

    def feed(self, url: str) -> EntryProgress | None:
        """The hook a feed's reader tells its entries to (None when nobody listens)."""
        if self.hook is None:
            return None
        with self.lock:
            slot = len(self.entries)
            self.entries.append((0, 0))

        def entries(done: int, total: int) -> None:
            with self.lock:
                self.entries[slot] = (done, total)
                self._tell(url)

        return entries

    def _tell(self, label: str) -> None:
        if self.hook is not None:
            read = sum(done for done, _ in self.entries)
            listed = sum(total for _, total in self.entries)
            self.hook(self.done + read, self.inputs + listed, label)


def _batches(items: Iterable[Item], result: IngestResult, size: int) -> Iterator[list[Document]]:
    """The documents of one input ``size`` at a time (the last batch may be shorter or empty); failures go to
    ``result`` as they are read."""
    batch: list[Document] = []
    for read in items:
        if isinstance(read, IngestFailure):
            result.failures.append(read)
            continue
        batch.append(read)
        if len(batch) == size:
            yield batch
            batch = []
    yield batch


def _expired(late: Expired[str]) -> IngestFailure:
    return IngestFailure(
        late.task,
        f"{late.task}: not fetched within the overall deadline of {late.deadline:g} s; "
        "raise --deadline, or give fewer URLs of one host (each host is fetched --per-host at a time)",
    )


def _with_pages(items: Iterable[Item], fetcher: Fetcher) -> Iterator[Item]:
    """GDELT rows with their article's text in place of the coded description (kept when the fetch fails)."""
    for item in items:
        if isinstance(item, Document) and item.format.startswith("gdelt") and item.url:
            page = read_entry(FeedEntry(key=item.url, link=item.url, published=item.published), fetcher)
            if isinstance(page, Document):
                meta = {**(item.meta or {}), "gdelt_coded": item.text[:2000]}
                item = replace(page, format=item.format, published=item.published, meta=meta)
        yield item


def store_documents(
    store: Store,
    documents: Iterable[Document],
    run_id: str,
    result: IngestResult,
    matcher: OriginMatcher | LazyMatcher | None = None,
) -> None:
    """Write one batch of documents in a single transaction, assigning each to its origin.

    An origin is found, in order, by the same content (hash) as a stored or earlier report, by a near-duplicate
    (MinHash LSH over 5-word shingles) or by a rewrite (the matcher's rewrite detector). Set-based: the batch
    goes to DuckDB as one list parameter, because per-row statements capped ingest at about 220 reports/s
    (benchmarks/bench_ingest.py, 2,000 reports).
    """
    batch: dict[str, Incoming] = {}
    for doc in documents:
        digest = content_hash(doc.text)
        key = f"{digest}|{doc.url or ''}"  # normalize.dedup_key, without hashing the text twice
        if key in batch:  # the same content at the same address twice in one input
            result.skipped += 1
            continue
        batch[key] = Incoming(hashlib.sha256(key.encode()).hexdigest()[:16], key, digest, doc)
    if not batch:
        return
    with store.transaction():
        known = stored.stored_keys(store, list(batch))
        items = [item for key, item in batch.items() if key not in known]
        result.skipped += len(known)
        if not items:
            return
        _assign_origins(store, items, matcher.get() if isinstance(matcher, LazyMatcher) else matcher)
        detector = matcher.detector if matcher is not None else None
        repeats = [
            (i.id, m.first.start, m.first.end, m.second.start, m.second.end, m.method, m.score, len(m.paragraphs))
            for i in items
            if "#" in i.document.text  # only texts with Markdown headings have sections
            for m in repeated_sections(i.document.text, detector)
        ]
        stored.write_reports(store, items, run_id, repeats)
        for item in items:
            result.added.append(item.id)
            if item.method != "founder":
                result.copies.append(item.id)


def _assign_origins(store: Store, items: list[Incoming], matcher: OriginMatcher | None) -> None:
    """Set each new item's origin, method, matched report and score (and its signatures when it was matched)."""
    by_hash = stored.origins_by_hash(store, sorted({i.content_hash for i in items}))
    to_match: list[Incoming] = []
    for ord_, item in enumerate(items):
        item.ord = ord_
        known = by_hash.get(item.content_hash)
        if known is not None:
            item.origin_id, item.method, item.matched_id, item.score = known[0], "exact", known[1], 1.0
        else:
            item.origin_id = "o-" + item.id
            by_hash[item.content_hash] = (item.origin_id, item.id)
            to_match.append(item)
    if matcher is None or not to_match:
        return
    matches, sigs = matcher.match(
        [i.id for i in to_match],
        [i.document.text for i in to_match],
        [utc_naive(i.document.published) for i in to_match],  # as stored: naive UTC
        lambda ids: stored.texts(store, ids),
    )
    origin_of = {i.id: i.origin_id for i in items}
    pending = [m.matched for m in matches if m is not None and m.matched not in origin_of]
    origin_of.update(stored.origins_of(store, pending))
    for n, (item, found) in enumerate(zip(to_match, matches, strict=True)):
        item.shingles = sigs.shingles[n].astype("<u4").tobytes()
        item.terms = sigs.terms[n].astype("<u4").tobytes()
        if found is not None and found.matched in origin_of:
            item.origin_id, item.method = origin_of[found.matched], found.method
            item.matched_id, item.score = found.matched, found.score
            origin_of[item.id] = item.origin_id


class LazyMatcher:
    """Loads the stored signatures only when a batch has new reports: re-ingesting stored files stays cheap."""

    def __init__(self, store: Store, detector: RewriteDetector | None, *, text_cache: int = TEXT_CACHE) -> None:
        self.store = store
        self.detector = detector
        self.text_cache = text_cache
        self._matcher: OriginMatcher | None = None

    def get(self) -> OriginMatcher:
        if self._matcher is None:
            self._matcher = load_matcher(self.store, self.detector, text_cache=self.text_cache)
        return self._matcher


def load_matcher(
    store: Store, detector: RewriteDetector | None = None, *, text_cache: int = TEXT_CACHE
) -> OriginMatcher:
    """An origin matcher that knows the stored reports' signatures (terms: origin founders only); it keeps up to
    ``text_cache`` stored texts fetched for rewrite scoring."""
    matcher = OriginMatcher(detector, text_cache=text_cache)
    rows = stored.signatures(store, "shingles")
    if rows:
        matcher.load_documents([r[0] for r in rows], _matrix([r[1] for r in rows]))
    rows = stored.signatures(store, "terms")
    if rows:
        matcher.load_terms([r[0] for r in rows], _matrix([r[1] for r in rows]), [r[2] for r in rows])
    return matcher


def _matrix(blobs: list[bytes]) -> npt.NDArray[np.uint32]:
    return np.frombuffer(b"".join(blobs), dtype="<u4").reshape(len(blobs), -1).astype(np.uint32)


def list_origins(store: Store, *, include_single: bool = False) -> list[OriginGroup]:
    """Origins with their members, largest first; by default only those with more than one report."""
    reports = {r.id: r for r in stored.load_reports(store)}
    links, origins = stored.origin_rows(store)
    groups: list[OriginGroup] = []
    for row in origins:
        members = [r for r in reports.values() if r.origin_id == row["id"]]
        if not members or (len(members) < 2 and not include_single):
            continue
        rep = reports.get(row["representative_id"], members[0])
        ordered = sorted(members, key=lambda r: (r.id != rep.id, r.published is None, r.published or 0, r.id))
        # A member that founded the origin before an earlier-published copy arrived relates to the representative
        # the way the representative was matched to it.
        founder = ("founder", None)
        rep_link = links.get(rep.id, founder)
        how = [
            founder if r.id == rep.id else (rep_link if links.get(r.id, founder) == founder else links[r.id])
            for r in ordered
        ]
        group_members = tuple(OriginMember(r, m, s) for r, (m, s) in zip(ordered, how, strict=True))
        groups.append(OriginGroup(id=row["id"], method=row["method"], representative=rep, members=group_members))
    return sorted(groups, key=lambda g: (-len(g.members), g.id))
