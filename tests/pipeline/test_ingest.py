from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import drawdown.store.reports as stored
from drawdown.ingest.fetch import Fetcher, FetchPolicy
from drawdown.pipeline.ingest import ingest
from drawdown.store import Store
from drawdown.store.reports import last_evidence_date, load_reports
from tests.conftest import DATA, write
from tests.ingest.conftest import Route, Served, article, rss

STORY = "Russian troops left the Kobani base on Tuesday, residents said. A convoy headed south."


def _jsonl(path: Path, *records: dict[str, str]) -> Path:
    return write(path, "".join(json.dumps(r) + "\n" for r in records))


def _state(store: Store) -> tuple[int, ...]:
    return tuple(store.count(t) for t in ("reports", "origins", "claims"))


def test_reingesting_a_folder_adds_nothing(store: Store, tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", STORY)
    write(tmp_path / "in" / "b.md", "# Tartus\n\nShips were seen loading at Tartus.")
    first = ingest(store, [tmp_path / "in"])
    assert len(first.added) == 2 and first.ok
    before = _state(store)
    second = ingest(store, [tmp_path / "in"])
    assert second.added == [] and second.skipped == 2
    assert _state(store) == before
    runs = store.query("SELECT status, added, skipped FROM ingest_runs ORDER BY started_at")
    assert [(r["status"], r["added"], r["skipped"]) for r in runs] == [("ok", 2, 0), ("ok", 0, 2)]


def test_whitespace_only_differences_are_the_same_content(store: Store, tmp_path: Path) -> None:
    ingest(store, [write(tmp_path / "a.txt", STORY)])
    again = ingest(store, [write(tmp_path / "b.txt", STORY.replace(" ", "  ").replace(". ", ".\n"))])
    assert again.skipped == 1 and store.count("reports") == 1


def test_republished_copy_joins_the_origin_of_the_earliest(store: Store, tmp_path: Path) -> None:
    late = {"id": "2", "url": "https://b.example/x", "outlet": "B", "published": "2024-12-16T15:00:00Z", "text": STORY}
    early = {"id": "1", "url": "https://a.example/x", "outlet": "A", "published": "2024-12-16T08:00:00Z", "text": STORY}
    result = ingest(store, [_jsonl(tmp_path / "r.jsonl", late, early)])
    assert len(result.added) == 2 and len(result.copies) == 1
    assert store.count("origins") == 1
    rep = store.query("SELECT r.outlet FROM origins o JOIN reports r ON r.id = o.representative_id")
    assert rep == [{"outlet": "A"}], "an origin is represented by its earliest-published member"


def test_a_copy_ingested_later_joins_the_stored_origin(store: Store, tmp_path: Path) -> None:
    later = {"url": "https://late.example/x", "outlet": "Late", "published": "2024-12-17T08:00:00Z", "text": STORY}
    earlier = {"url": "https://early.example/x", "outlet": "Early", "published": "2024-12-15T08:00:00Z", "text": STORY}
    first = ingest(store, [_jsonl(tmp_path / "a.jsonl", later)])
    second = ingest(store, [_jsonl(tmp_path / "b.jsonl", earlier)])
    assert first.copies == [] and second.copies == second.added and len(second.added) == 1
    assert store.count("origins") == 1
    rep = store.query("SELECT r.outlet FROM origins o JOIN reports r ON r.id = o.representative_id")
    assert rep == [{"outlet": "Early"}], "the representative moves to the earlier-published copy"


def test_bad_items_do_not_stop_good_ones(store: Store, tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x00\xff\x00")
    good = write(tmp_path / "ok.txt", STORY)
    result = ingest(store, [tmp_path / "bin.txt", good, tmp_path / "missing.txt"])
    assert len(result.added) == 1 and len(result.failures) == 2 and not result.ok
    status = store.scalar("SELECT status FROM ingest_runs")
    assert status == "partial"


def test_crash_mid_batch_leaves_the_store_consistent(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, [write(tmp_path / "first.txt", "Earlier report about Manbij.")])
    records = [{"id": str(i), "url": f"https://c.example/{i}", "text": f"Report {i} on Qamishli."} for i in range(5)]
    one = _jsonl(tmp_path / "one.jsonl", *records[:2])
    two = _jsonl(tmp_path / "two.jsonl", *records[2:])

    calls = {"n": 0}
    real = stored.elect_representatives

    def crash_in_second_batch(s: Store, origin_ids_sql: str) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # the reports of two.jsonl are inserted by now, the batch is not committed
            raise OSError("disk unplugged")
        real(s, origin_ids_sql)

    monkeypatch.setattr(stored, "elect_representatives", crash_in_second_batch)
    with pytest.raises(OSError, match="disk unplugged"):
        ingest(store, [one, two])
    assert _state(store) == (3, 3, 0), "file one is stored whole, file two not at all"
    orphans = store.scalar("SELECT count(*) FROM reports WHERE origin_id NOT IN (SELECT id FROM origins)")
    assert orphans == 0
    monkeypatch.setattr(stored, "elect_representatives", real)
    result = ingest(store, [one, two])
    assert len(result.added) == 3 and result.skipped == 2
    statuses = [r["status"] for r in store.query("SELECT status FROM ingest_runs ORDER BY started_at")]
    assert statuses == ["ok", "interrupted", "ok"]


def test_load_reports_as_of(store: Store, tmp_path: Path) -> None:
    records = [
        {"url": "https://d.example/1", "published": "2024-12-10", "text": "One."},
        {"url": "https://d.example/2", "published": "2025-01-10", "text": "Two."},
    ]
    ingest(store, [_jsonl(tmp_path / "d.jsonl", *records)])
    assert [r.text for r in load_reports(store, as_of=date(2024, 12, 31))] == ["One."]
    assert last_evidence_date(store) == date(2025, 1, 10)


def test_seed_report_is_ingested_as_real_input(store: Store, tmp_path: Path, seed_text: str) -> None:
    path = write(tmp_path / "seed.txt", seed_text)
    result = ingest(store, [path])
    assert result.ok and len(result.added) == 1
    (report,) = load_reports(store)
    assert report.title == "Russia to Withdraw All Troops from Syria Within a Month"
    assert "Khmeimim" in report.text and "Abu Amin Observatory" in report.text
    assert report.text == seed_text.strip(), "the stored text is the original, so claim spans can point into it"
    assert ingest(store, [path]).skipped == 1


def test_a_feeds_entries_advance_the_progress_hook(store: Store, tmp_path: Path, http_server: Served) -> None:
    """A feed counts as one input plus its entries, each told as it is read; a file counts once stored."""
    pages = [http_server.add(f"/news/{n}", Route(body=article(f"Report {n}", f"{STORY} Item {n}."))) for n in range(3)]
    feed = http_server.add("/feed.xml", Route(body=rss(*((str(n), page, f"R{n}") for n, page in enumerate(pages)))))
    seen: list[tuple[int, int, str]] = []
    with Fetcher(FetchPolicy(host_delay=0, retries=0)) as fetcher:
        result = ingest(store, [feed, write(tmp_path / "a.txt", "Ships loaded at Tartus.")], fetcher=fetcher,
                        progress=lambda done, total, item: seen.append((done, total, item)))  # fmt: skip
    assert len(result.added) == 4 and result.ok
    assert [(d, t) for d, t, item in seen if item == feed] == [(0, 5), (1, 5), (2, 5), (3, 5), (4, 5)]
    assert seen[-1] == (5, 5, str(tmp_path / "a.txt"))


def test_a_long_file_moves_the_progress_hook_per_batch_and_stores_what_one_batch_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import drawdown.pipeline.ingest as pipeline
    from drawdown.ingest.synthetic import make_corpus
    from drawdown.store import open_store

    corpus = tmp_path / "corpus.jsonl"
    make_corpus(corpus, 150)  # light-edit copies and exact republications of earlier lines
    lines = corpus.read_text(encoding="utf-8").splitlines()
    story = json.loads((DATA / "rewrites" / "stories.json").read_text(encoding="utf-8"))["stories"]["t4-convoy"]
    wire = {"id": "wire", "published": "2024-12-20T08:00:00Z", "text": story["wire"]}
    farm = {"id": "farm", "published": "2024-12-20T20:00:00Z", "text": story["rewrite"]}
    # A rewrite two batches after its source, and the same content and address twice in one input.
    lines = [lines[0], json.dumps(wire), *lines[1:], json.dumps(farm), lines[3]]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def stored_origins(batch: int) -> tuple[list[tuple[object, ...]], int, list[tuple[int, int, str]]]:
        monkeypatch.setattr(pipeline, "PROGRESS_BATCH", batch)
        calls: list[tuple[int, int, str]] = []
        with open_store(memory=True) as store:
            result = ingest(store, [corpus], progress=lambda done, total, what: calls.append((done, total, what)))
            rows = store.query(
                "SELECT r.external_id, l.method, m.external_id AS matched FROM reports r JOIN origin_links l "
                "ON l.report_id = r.id LEFT JOIN reports m ON m.id = l.matched_id ORDER BY r.external_id"
            )
        return [tuple(r.values()) for r in rows], result.skipped, calls

    whole, skipped_whole, calls_whole = stored_origins(1000)
    batched, skipped_batched, calls = stored_origins(60)
    assert batched == whole and skipped_batched == skipped_whole == 1
    assert {method for _, method, _ in whole} >= {"founder", "near", "exact", "rewrite"}
    assert calls_whole == [(1, 1, str(corpus))]
    assert calls == [(0, 1, f"{corpus}: 60 reports"), (0, 1, f"{corpus}: 120 reports"), (1, 1, str(corpus))]
    assert ("farm", "rewrite", "wire") in whole
