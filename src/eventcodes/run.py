"""Coding a corpus end to end: ingest, code (in one process or several), write the dataset."""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing as mp
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
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
from .eventtable import conform_events
from .export import EXPORT_FORMATS, export, write_loaders
from .faults import fault_point
from .ingest import ReadProgress, read_documents
from .schema import EVENT_SCHEMA
from .views import annotate_events, load_views, reject_other_languages

#: documents per batch handed to a worker; the run saves a checkpoint after each
BATCH_DOCUMENTS = 500
#: with --jobs N a batch goes to the workers in parts of this many documents, so that at the
#: end of a run no worker waits long for another; the parts are written as one batch again
WORKER_DOCUMENTS = 100

_worker_coder: Coder | None = None


def _code_in_worker(
    docs: list[Document], codebook_path: str, codebook_hash: str, sentence_text: bool = False
) -> tuple[pa.Table, int]:
    """Code a batch in a worker process; the codebook is compiled once per process, on first use.

    Loading happens here rather than in a pool initializer: an error in an initializer makes the
    pool restart workers for ever, an error in a task reaches the parent.

    The events come back as an Arrow table, built here: building it from the rows is most of
    the parent's work per batch, and a table pickles as a few buffers, not as a list of dicts.
    """
    global _worker_coder  # one compiled codebook per worker process
    if _worker_coder is None:
        _worker_coder = Coder(load_codebook(Path(codebook_path)))
    if _worker_coder.codebook.hash != codebook_hash:
        raise InputError(
            f"the codebook in {codebook_path} changed during the run; run again when it is not being edited"
        )
    rows, sentences = code_batch(docs, _worker_coder, sentence_text=sentence_text)
    return events_table(rows), sentences  # a table pickles back far cheaper than rows


def _joined(parts: list[AsyncResult[tuple[pa.Table, int]]]) -> tuple[pa.Table, int]:
    """Return the events and sentences of a batch whose parts workers coded, in order."""
    done = [part.get() for part in parts]
    return pa.concat_tables([t for t, _ in done]).combine_chunks(), sum(n for _, n in done)


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
                language=cols.get("language", empty)[i],
            )
        )
    rows, _ = code_batch(docs, coder)
    return (
        # as the dataset writer stores them: empty strings as nulls ("" source of an unnamed actor)
        conform_events(events_table(rows)).combine_chunks().to_batches()[0]
        if rows
        else pa.RecordBatch.from_pylist([], schema=EVENT_SCHEMA)
    )


@dataclass
class _Batch:
    """Documents to code, the records rejected just before them, and how far into the inputs."""

    documents: list[Document]
    rejects: list[Reject]
    #: input records (documents and rejects) read up to the end of this batch, from the start
    items: int


#: rejects gathered before a batch is cut anyway, so that a file of bad records is not held whole
_BATCH_REJECTS = 10_000


def _batches(items: Iterable[Document | Reject], strict: bool, skipped: int) -> Iterator[_Batch]:
    batch = _Batch([], [], skipped)
    for item in items:
        batch.items += 1
        if isinstance(item, Reject):
            if strict:
                where = f"{item.file}:{item.line}" if item.line else item.file
                raise StrictModeError(
                    f"{where}: {item.reason} (--strict stops at the first rejected record; "
                    "drop --strict to write rejects.jsonl and go on)"
                )
            batch.rejects.append(item)
            if len(batch.rejects) < _BATCH_REJECTS:
                continue
        else:
            batch.documents.append(item)
            if len(batch.documents) < BATCH_DOCUMENTS:
                continue
        yield batch
        batch = _Batch([], [], batch.items)
    if batch.documents or batch.rejects:
        yield batch


def _coded(
    batches: Iterator[_Batch], cb: Codebook, coder: Coder | None, jobs: int, sentence_text: bool
) -> Iterator[tuple[_Batch, pa.Table | None, int]]:
    """Yield each batch with its events (None: none) and number of sentences, in input order."""
    if jobs == 1:
        one = coder or Coder(cb)
        for batch in batches:
            rows, n_sent = (
                code_batch(batch.documents, one, sentence_text=sentence_text)
                if batch.documents
                else ([], 0)
            )
            yield batch, events_table(rows) if rows else None, n_sent
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(jobs) as pool:
        # a batch goes to the workers in parts, so that no worker waits long for another at
        # the end of a run; the parts are joined again in order and written as one batch
        pending: deque[tuple[_Batch, list[AsyncResult[tuple[pa.Table, int]]]]] = deque()
        for batch in batches:
            docs = batch.documents
            parts = [
                pool.apply_async(
                    _code_in_worker,
                    (docs[k : k + WORKER_DOCUMENTS], str(cb.path), cb.hash, sentence_text),
                )
                for k in range(0, len(docs), WORKER_DOCUMENTS)
            ]
            pending.append((batch, parts))
            if len(pending) >= 2 * jobs:  # bounded memory: a window of batches in flight
                yield _done(*pending.popleft())
        while pending:
            yield _done(*pending.popleft())


def _done(
    batch: _Batch, parts: list[AsyncResult[tuple[pa.Table, int]]]
) -> tuple[_Batch, pa.Table | None, int]:
    if not parts:
        return batch, None, 0
    table, n_sent = _joined(parts)
    return batch, table if table.num_rows else None, n_sent


def run_key(
    inputs: Sequence[Path],
    codebook_hash: str,
    default_date: dt.date | None,
    strict: bool,
    options: dict[str, object] | None = None,
) -> dict[str, object]:
    """Return what identifies a run for ``--resume``: inputs, codebook and the options that
    change what is coded (not ``--jobs``, which changes nothing in the output)."""
    files: list[list[int] | None] = []
    for path in inputs:
        try:
            stat = Path(path).stat()
        except OSError:
            stat = None
        # a file's size and time of change: a resumed run must not skip records of another file
        files.append([stat.st_size, stat.st_mtime_ns] if stat and Path(path).is_file() else None)
    return {
        "inputs": [str(Path(p).absolute()) for p in inputs],
        "files": files,
        "codebook_hash": codebook_hash,
        "date": default_date.isoformat() if default_date is not None else None,
        "strict": strict,
        **(options or {}),
    }


@dataclass(frozen=True)
class RunOptions:
    """What a run writes besides the events table, and how it reads publication dates."""

    #: DMY, MDY or YMD for numeric publication dates whose day and month could be swapped
    date_order: str | None = None
    #: add each event's sentence (sentence_text)
    sentence_text: bool = False
    #: keep one event per date, source, target and code across documents (eventcodes.dedupe)
    one_a_day: bool = False
    #: views to write besides the events table ("gdelt": events.gdelt.tsv)
    formats: tuple[str, ...] = ()

    def key(self) -> dict[str, object]:
        """Return the options that change what a run writes, for ``--resume`` to compare."""
        return {
            "date_order": self.date_order,
            "sentence_text": self.sentence_text,
            "one_a_day": self.one_a_day,
        }


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
    resume: bool = False,
    date_order: str | None = None,
    sentence_text: bool = False,
    one_a_day: bool = False,
    formats: Sequence[str] = (),
) -> RunSummary:
    """Code every document of the inputs and write the dataset to outdir; return the run summary.

    With ``jobs > 1`` documents are coded in worker processes, each compiling the codebook once;
    the output is identical to a one-process run. Nothing is written if the run fails: the
    dataset appears in outdir in one step at the end, and outdir is locked meanwhile. After each
    batch the run saves a checkpoint; with ``resume`` a run that was interrupted (killed, or
    stopped with Ctrl-C) continues from its last checkpoint instead of starting again. A
    ``coder`` may be given to reuse one (its codebook is then the one used). ``progress``
    shows a progress bar on standard error (None: only when it is a terminal).
    ``date_order`` reads ambiguous numeric publication dates (eventcodes.pubdates);
    ``sentence_text`` adds each event's sentence; ``one_a_day`` keeps one event per date, source,
    target and code across documents (eventcodes.dedupe); ``formats`` may name "gdelt" to add
    events.gdelt.tsv (eventcodes.export). The R loader load_events.R is always written.
    """
    started = time.perf_counter()
    if not inputs:
        raise InputError("no input given; name files or directories of documents to code")
    if jobs < 1:
        raise InputError(
            "--jobs must be at least 1 (the number of processes that code, e.g. --jobs 2)"
        )
    unknown = sorted(set(formats) - set(EXPORT_FORMATS))
    if unknown:
        raise InputError(f"unknown format(s) {', '.join(unknown)}; use {', '.join(EXPORT_FORMATS)}")
    if resume and one_a_day:
        raise InputError(
            "--resume cannot continue a --one-a-day run (the filter needs every event of the run "
            "at once); run again without --resume"
        )
    options = RunOptions(date_order, sentence_text, one_a_day, tuple(formats))
    reading = ReadProgress()
    items = read_documents(
        list(inputs), default_date=default_date, date_order=date_order, progress=reading
    )
    cb = coder.codebook if coder is not None else codebook or load_codebook(codebook_path)
    items = reject_other_languages(items, load_views(cb))
    with DatasetWriter(
        outdir,
        codebook_name=cb.name,
        codebook_version=cb.version,
        codebook_hash=cb.hash,
        tool_version=__version__,
        run_key=run_key(inputs, cb.hash, default_date, strict, options.key()),
        resume=resume,
    ) as writer:
        summary = _write_run(
            writer,
            items,
            _RunContext(inputs, cb, coder, jobs, strict, options, started),
            reading,
            progress,
        )
    return summary


@dataclass(frozen=True)
class _RunContext:
    inputs: Sequence[Path]
    cb: Codebook
    coder: Coder | None
    jobs: int
    strict: bool
    options: RunOptions
    started: float


def _write_run(
    writer: DatasetWriter,
    items: Iterable[Document | Reject],
    run: _RunContext,
    reading: ReadProgress,
    progress: bool | None,
) -> RunSummary:
    """Code the items into the writer's work directory, finish the dataset and its views, and
    put it in place; return the run summary."""
    cb, options = run.cb, run.options
    before = writer.resumed or {}
    skipped = _count(before, "items")
    documents = _count(before, "documents")
    sentences = _count(before, "sentences")
    earlier_seconds = float(str(before.get("seconds", 0.0)))
    if skipped:
        items = itertools.islice(items, skipped, None)
    batches = _batches(items, run.strict, skipped)
    with (
        _ProgressBar(reading, progress, documents) as bar,
        EventSpool(writer.work if options.one_a_day else None) as spool,
    ):
        for batch, events, n_sent in _coded(
            batches, cb, run.coder, run.jobs, options.sentence_text
        ):
            fault_point("coded")
            documents += len(batch.documents)
            sentences += n_sent
            writer.add_rejects(batch.rejects)
            if events is not None:
                (spool.add if options.one_a_day else writer.write_batch)(events)
            writer.checkpoint(
                {
                    "items": batch.items,
                    "documents": documents,
                    "sentences": sentences,
                    "seconds": earlier_seconds + time.perf_counter() - run.started,
                }
            )
            bar.update(len(batch.documents), n_sent)
        for table in spool.one_a_day():
            writer.write_batch(table)
    summary = RunSummary(
        documents=documents,
        sentences=sentences,
        events=writer.events,
        rejects=writer.rejects,
        codebook_name=cb.name,
        codebook_version=cb.version,
        codebook_hash=cb.hash,
        tool_version=__version__,
        seconds=earlier_seconds + time.perf_counter() - run.started,
        inputs=[str(p) for p in run.inputs],
        resumed_documents=_count(before, "documents"),
    )
    writer.finish(summary)
    write_loaders(writer.work)
    for name in options.formats:
        export(writer.work, name)
    writer.commit()
    return summary


def _count(progress: dict[str, object], name: str) -> int:
    value = progress.get(name, 0)
    return value if isinstance(value, int) else 0


class _ProgressBar:
    """Documents, sentences a second and time left on standard error, when it is a terminal.

    Time left is estimated from the bytes of the inputs read so far (tqdm's estimate), since
    the number of documents is not known until they are all read.
    """

    def __init__(self, reading: ReadProgress, show: bool | None, documents: int) -> None:
        self._reading = reading
        self._documents = documents
        self._sentences = 0
        self._started = time.perf_counter()
        disable = (not sys.stderr.isatty()) if show is None else not show
        self._bar = _Tqdm(
            total=None if disable else max(reading.total, 1),
            initial=0 if disable else min(reading.done, reading.total),
            disable=disable,
            desc="coding",
            bar_format="{desc} {percentage:3.0f}%|{bar}| {counts} [{elapsed}<{remaining} left]",
            file=sys.stderr,
        )

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.close()

    def update(self, documents: int, sentences: int) -> None:
        if self._bar.disable:
            return
        self._documents += documents
        self._sentences += sentences
        rate = self._sentences / max(time.perf_counter() - self._started, 1e-9)
        self._bar.counts = f"{self._documents:,} documents, {rate:,.0f} sentences/s"
        self._bar.update(min(self._reading.done, self._bar.total) - self._bar.n)


class _Tqdm(tqdm):  # type: ignore[misc]
    """tqdm with a ``{counts}`` field for the bar format (its ``{postfix}`` starts with ", ")."""

    counts = ""

    @property
    def format_dict(self) -> dict[str, Any]:
        values: dict[str, Any] = super().format_dict
        values["counts"] = self.counts
        return values
