"""Copy detection and extraction over a Parquet corpus of reports, embedded or on Spark, with the same lines out.

A corpus is a Parquet file (or a folder of them) with the JSONL reports' columns: ``id``, ``text`` and, optionally,
``published``, ``url``, ``outlet``, ``title``. Each report gives one line of the JSONL claim contract plus
``duplicate_of`` (:func:`drawdown.pipeline.extract.extract_jsonl_lines` is the same for JSONL). Nothing is stored:
a corpus of millions of reports is an analysis input, not the monitoring store.

On Spark, everything about one report that needs no other report (content hash, both MinHash signatures, the
claims: nearly all of the time) runs on the executors through ``mapInPandas`` over the same pure functions,
:func:`~drawdown.pipeline.extract.read_report`. Which earlier report a report copies depends on the order of the
corpus (the first of an origin is its root), so that pass, a lookup per report in the LSH index, runs on the
driver over the executors' signatures, in corpus order: the lines are those of the embedded run, byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from drawdown.case import Case
from drawdown.errors import InputError
from drawdown.extract.claims import Extractor
from drawdown.ingest.dedup import NUM_PERM, BatchSignatures
from drawdown.pipeline.extract import CorpusReport, Duplicates, ReadReport, corpus_record, corpus_report, read_report

CORPUS_COLUMNS = ("id", "published", "text", "outlet", "url")
# Rows read from the Parquet file at a time in the embedded run (and per Arrow batch on Spark).
BATCH_ROWS = 1000


def _columns(names: list[str], path: Path) -> list[str]:
    if "text" not in names:
        raise InputError(
            f"{path}: no 'text' column (it has {', '.join(names[:8]) or 'none'})",
            fix="write the corpus with the JSONL reports' columns: id, published, text",
        )
    return [c for c in CORPUS_COLUMNS if c in names]


def corpus_files(path: str | Path) -> list[Path]:
    """The Parquet files of a corpus in the order it is read: the file, or a flat folder's files by name (those
    starting with ``_`` or ``.``, such as Spark's ``_SUCCESS``, left out, as Spark leaves them out)."""
    path = Path(path)
    if path.is_dir():
        files = [f for f in path.glob("*.parquet") if not f.name.startswith(("_", "."))]
        if not files:
            raise InputError(f"{path}: no .parquet files in this folder", fix="give a Parquet file or a folder of them")
        return sorted(files, key=lambda f: str(f.resolve()))
    if not path.exists():
        raise InputError(f"{path}: no such file or folder", fix="give the path of a Parquet corpus")
    return [path]


def parquet_reports(path: str | Path) -> Iterator[CorpusReport]:
    """The reports of a Parquet corpus in corpus order (file by file, row by row), a batch at a time."""
    import pyarrow.parquet as pq

    number = 0
    for file in corpus_files(path):
        try:
            reader = pq.ParquetFile(file)
        except Exception as exc:  # pyarrow raises ArrowInvalid and OSError subclasses alike
            raise _not_parquet(file, exc) from None
        columns = _columns(reader.schema_arrow.names, file)
        for batch in reader.iter_batches(columns=columns, batch_size=BATCH_ROWS):
            for item in batch.to_pylist():
                number += 1
                yield corpus_report(item, number)


def extract_corpus(path: str | Path, case: Case) -> Iterator[dict[str, Any]]:
    """One output record per report of the Parquet corpus at ``path``, in one process."""
    extractor = Extractor(case)
    duplicates = Duplicates()
    for report in parquet_reports(path):
        read = read_report(extractor, report)
        yield corpus_record(read, duplicates.find(read))


def _not_parquet(path: Path, exc: Exception) -> InputError:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
    return InputError(f"{path}: not a Parquet corpus ({reason[:200]})", fix="write the corpus as Parquet")


# ----------------------------------------------------------------------------------------------------- Spark

_OUT_SCHEMA = (
    "n long, id string, text string, published string, digest string, shingles binary, terms binary, "
    "claims string, skipped string, language string"
)


def _read_partition(case: Case, offsets: dict[str, int]) -> Any:
    """The function ``mapInPandas`` runs on each executor: read_report over each row of each Arrow batch.
    ``offsets``: the rows in the files before each file, so a report's place in the corpus is offset + row."""

    def run(frames: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        extractor = Extractor(case)  # once per partition: building the gazetteer is the costly part
        for frame in frames:
            out: list[dict[str, Any]] = []
            for item in frame.to_dict("records"):
                n = offsets[item["file"]] + int(item["row"])
                report = corpus_report(_plain(item), n + 1)
                read = read_report(extractor, report)
                sigs = read.signatures
                published = report.published
                out.append({
                    "n": n, "id": report.id, "text": report.text,
                    "published": None if published is None else published.isoformat(), "digest": read.digest,
                    "shingles": None if sigs is None else sigs.shingles.astype("<u4").tobytes(),
                    "terms": None if sigs is None else sigs.terms.astype("<u4").tobytes(),
                    "claims": json.dumps(read.claims, ensure_ascii=False), "skipped": read.skipped,
                    "language": read.language,
                })  # fmt: skip
            yield pd.DataFrame(out, columns=[c.split()[0] for c in _OUT_SCHEMA.split(", ")])

    return run


def _plain(item: dict[str, Any]) -> dict[str, Any]:
    """A pandas row as the JSON-like dict corpus_report takes (NaN and NaT are missing values)."""
    import pandas as pd

    return {k: (None if not isinstance(v, str) and pd.isna(v) else v) for k, v in item.items() if k in CORPUS_COLUMNS}


def _local_path(url: str) -> str:
    """Spark's file_path (file:/tmp/a%20b.parquet) as the path the embedded run sorts by."""
    from urllib.parse import unquote, urlsplit

    return str(Path(unquote(urlsplit(url).path)).resolve())


def _from_row(row: Any) -> ReadReport:
    from drawdown.pipeline.extract import _published

    signed = None
    if row["shingles"] is not None:
        signed = BatchSignatures(
            shingles=np.frombuffer(bytes(row["shingles"]), dtype="<u4").astype(np.uint32).reshape(1, NUM_PERM),
            terms=np.frombuffer(bytes(row["terms"]), dtype="<u4").astype(np.uint32).reshape(1, NUM_PERM),
        )
    report = CorpusReport(row["id"], row["text"], _published(row["published"]))
    return ReadReport(report, row["digest"], signed, json.loads(row["claims"]), row["skipped"], row["language"])


def extract_corpus_spark(path: str | Path, case: Case, master: str = "local[2]") -> Iterator[dict[str, Any]]:
    """:func:`extract_corpus` with the per-report work on Spark (``master``: local[N] or spark://host:port)."""
    from pyspark.sql import functions as F

    from drawdown.flights.engines import spark_session

    files = corpus_files(path)
    session = spark_session(master)
    try:
        frame = session.read.parquet(*(str(f.resolve()) for f in files))
    except Exception as exc:  # Spark's AnalysisException and friends
        raise _not_parquet(Path(path), exc) from None
    columns = _columns(frame.columns, Path(path))
    # Corpus order, as the embedded run reads it: each row's file and place in it (Parquet's row index), and a
    # count per file (which reads no column) for the rows before each file. No row moves until the final sort.
    placed = frame.select(
        *columns, F.col("_metadata.file_path").alias("file"), F.col("_metadata.row_index").alias("row")
    )
    counts = {str(r["file"]): int(r["count"]) for r in placed.groupBy("file").count().collect()}
    offsets, total = {}, 0
    for name in sorted(counts, key=_local_path):
        offsets[name], total = total, total + counts[name]
    read = placed.mapInPandas(_read_partition(case, offsets), _OUT_SCHEMA)
    duplicates = Duplicates()
    for row in read.orderBy("n").toLocalIterator():
        got = _from_row(row)
        yield corpus_record(got, duplicates.find(got))
