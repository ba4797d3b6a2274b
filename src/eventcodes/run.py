"""Coding a corpus end to end: ingest, code (in one process or several), write the dataset."""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Any

import pyarrow as pa
from tqdm import tqdm

from . import __version__
from .codebook import Codebook, load_codebook
from .coder import Coder
from .dataset import DatasetWriter, RunSummary, events_table
from .dedupe import EventSpool
from .documents import Document, Reject
from .errors import EventcodesError, InputError, StrictModeError
from .export import EXPORT_FORMATS, export, write_loaders
from .ingest import read_documents
from .schema import EVENT_SCHEMA
from .views import annotate_events, load_views, reject_other_languages

#: documents per batch handed to a worker and written as one Parquet row group
BATCH_DOCUMENTS = 500

_worker_coder: Coder | None = None


def _code_in_worker(
    docs: list[Document], codebook_path: str, codebook_hash: str, sentence_text: bool = False
) -> tuple[list[dict[str, Any]], int]:
    """Code a batch in a worker process; the codebook is compiled once per process, on first use.

    Loading happens here rather than in a pool initializer: an error in an initializer makes the
    pool restart workers for ever, an error in a task reaches the parent.
    """
    global _worker_coder  # one compiled codebook per worker process
    if _worker_coder is None:
        _worker_coder = Coder(load_codebook(Path(codebook_path)))
    if _worker_coder.codebook.hash != codebook_hash:
        raise InputError(
            f"the codebook in {codebook_path} changed during the run; run again when it is not being edited"
        )
    return code_batch(docs, _worker_coder, sentence_text=sentence_text)


def code_batch(
    docs: Sequence[Document], coder: Coder, *, sentence_text: bool = False
) -> tuple[list[dict[str, Any]], int]:
    """Return the event rows of a batch of documents and their number of sentences.

    The rows carry the analyst columns of eventcodes.views; ``sentence_text`` adds the sentence.
    """
    rows: list[dict[str, Any]] = []
    sentences = 0
    views = load_views(coder.codebook)
    for doc in docs:
        try:
            coded = coder.code_document(doc)
        except Exception as error:  # a bug in the coder: name the document that shows it
            raise EventcodesError(
                f"{doc.origin or doc.id}: coding failed ({type(error).__name__}: {error}); this is a bug, "
                "please report it with this document"
            ) from error
        annotated: list[dict[str, Any]] = [dict(row) for row in coded.events]
        annotate_events(annotated, doc, views, sentence_text=sentence_text)
        rows.extend(annotated)
        sentences += coded.sentences
    return rows, sentences


def code_arrow_batch(batch: pa.RecordBatch, coder: Coder) -> pa.RecordBatch:
    """Return the events of an Arrow batch of documents (id, date, text, ...) as an Arrow batch.

    This is the function a cluster calls per partition (Spark ``mapInArrow``).
    """
    n = batch.num_rows
    names = batch.schema.names
    missing = [c for c in ("id", "date", "text") if c not in names]
    if missing:
        raise InputError(
            f"the batch has no {', '.join(missing)} column; documents need id, date and text"
        )
    cols = {c: batch.column(c).to_pylist() for c in names}
    empty: list[Any] = [None] * n
    docs = []
    for i in range(n):
        day = cols["date"][i]
        if isinstance(day, dt.datetime):
            day = day.date()
        elif isinstance(day, str):
            day = dt.date.fromisoformat(day[:10])
        if not isinstance(day, dt.date):
            raise InputError(
                f"document {cols['id'][i]!r} has no date; give each document its publication date"
            )
        docs.append(
            Document(
                id=str(cols["id"][i]),
                date=day,
                text=cols["text"][i] or "",
                title=cols.get("title", empty)[i],
                publisher=cols.get("publisher", empty)[i],
                url=cols.get("url", empty)[i],
            )
        )
    rows, _ = code_batch(docs, coder)
    return (
        events_table(rows).combine_chunks().to_batches()[0]
        if rows
        else pa.RecordBatch.from_pylist([], schema=EVENT_SCHEMA)
    )


def _batches(
    items: Iterable[Document | Reject], rejects: list[Reject], strict: bool
) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        if isinstance(item, Reject):
            if strict:
                where = f"{item.file}:{item.line}" if item.line else item.file
                raise StrictModeError(
                    f"{where}: {item.reason} (--strict stops at the first rejected record; "
                    "drop --strict to write rejects.jsonl and go on)"
                )
            rejects.append(item)
            continue
        batch.append(item)
        if len(batch) >= BATCH_DOCUMENTS:
            yield batch
            batch = []
    if batch:
        yield batch


def _coded_batches(
    items: Iterable[Document | Reject],
    rejects: list[Reject],
    strict: bool,
    cb: Codebook,
    coder: Coder | None,
    jobs: int,
    sentence_text: bool = False,
) -> Iterator[tuple[list[dict[str, Any]], int, int]]:
    """Yield (event rows, sentences, documents) of each batch, in input order, coded in this
    process (``jobs == 1``) or in ``jobs`` worker processes."""
    if jobs == 1:
        one = coder or Coder(cb)
        for batch in _batches(items, rejects, strict):
            rows, n_sent = code_batch(batch, one, sentence_text=sentence_text)
            yield rows, n_sent, len(batch)
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(jobs) as pool:
        pending: deque[tuple[AsyncResult[tuple[list[dict[str, Any]], int]], int]] = deque()
        for batch in _batches(items, rejects, strict):
            task = (batch, str(cb.path), cb.hash, sentence_text)
            pending.append((pool.apply_async(_code_in_worker, task), len(batch)))
            if len(pending) >= 2 * jobs:  # bounded memory: a window of batches in flight
                result, n = pending.popleft()
                yield *result.get(), n
        while pending:
            result, n = pending.popleft()
            yield *result.get(), n


def _check_run(inputs: Sequence[Path], jobs: int, formats: Sequence[str]) -> None:
    """Raise InputError for a run with no inputs, fewer than one job or an unknown format."""
    if not inputs:
        raise InputError("no input given; name files or directories of documents to code")
    if jobs < 1:
        raise InputError("--jobs must be at least 1")
    unknown = sorted(set(formats) - set(EXPORT_FORMATS))
    if unknown:
        raise InputError(f"unknown format(s) {', '.join(unknown)}; use {', '.join(EXPORT_FORMATS)}")


def code_corpus(
    inputs: Sequence[Path],
    outdir: Path,
    *,
    codebook: Codebook | None = None,
    codebook_path: Path | None = None,
    coder: Coder | None = None,
    jobs: int = 1,
    default_date: dt.date | None = None,
    strict: bool = False,
    progress: bool | None = None,
    date_order: str | None = None,
    sentence_text: bool = False,
    one_a_day: bool = False,
    formats: Sequence[str] = (),
) -> RunSummary:
    """Code every document of the inputs and write the dataset to outdir; return the run summary.

    With ``jobs > 1`` documents are coded in worker processes, each compiling the codebook once;
    the output is identical to a one-process run. Nothing is written if the run fails.
    A ``coder`` may be given to reuse one (its codebook is then the one used).
    ``date_order`` reads ambiguous numeric publication dates (eventcodes.pubdates);
    ``sentence_text`` adds each event's sentence; ``one_a_day`` keeps one event per date, source,
    target and code across documents (eventcodes.dedupe); ``formats`` may name "gdelt" to add
    events.gdelt.tsv (eventcodes.export). The R loader load_events.R is always written.
    """
    started = time.perf_counter()
    _check_run(inputs, jobs, formats)
    # checks the inputs exist
    items = read_documents(list(inputs), default_date=default_date, date_order=date_order)
    cb = coder.codebook if coder is not None else codebook or load_codebook(codebook_path)
    items = reject_other_languages(items, load_views(cb))
    rejects: list[Reject] = []
    documents = sentences = 0
    with (
        tqdm(
            desc="coding", unit=" docs", disable=None if progress is None else not progress
        ) as bar,
        DatasetWriter(
            outdir,
            codebook_name=cb.name,
            codebook_version=cb.version,
            codebook_hash=cb.hash,
            tool_version=__version__,
        ) as writer,
        EventSpool(outdir if one_a_day else None) as spool,
    ):
        for rows, n_sent, n_docs in _coded_batches(
            items, rejects, strict, cb, coder, jobs, sentence_text
        ):
            documents += n_docs
            sentences += n_sent
            if rows:
                if one_a_day:
                    spool.add(events_table(rows))
                else:
                    writer.write_batch(events_table(rows))
            bar.update(n_docs)
        for table in spool.one_a_day():
            writer.write_batch(table)
        writer.add_rejects(rejects)
        summary = RunSummary(
            documents=documents,
            sentences=sentences,
            events=writer.events,
            rejects=len(rejects),
            codebook_name=cb.name,
            codebook_version=cb.version,
            codebook_hash=cb.hash,
            tool_version=__version__,
            seconds=time.perf_counter() - started,
            inputs=[str(p) for p in inputs],
        )
        writer.close(summary)
    write_loaders(outdir)
    for name in formats:
        export(outdir, name)
    return summary
