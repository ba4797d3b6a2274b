"""The output dataset (DESIGN 3.2, 3.3): events.parquet, events.csv, datapackage.json, summary.json
and rejects.jsonl, written in a work directory beside the output directory and put in its place
in one step when complete (:mod:`eventcodes.outdir`)."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from eventcodes.arrowcols import column_array
from eventcodes.documents import Reject
from eventcodes.errors import EventcodesError, InputError
from eventcodes.eventtable import (
    DATAPACKAGE_JSON,
    ENUMS,
    EVENTS_CSV,
    EVENTS_PARQUET,
    METADATA_FIELDS,
    METADATA_PREFIX,
    REJECTS_JSONL,
    SUMMARY_JSON,
    _csv_view,
    conform_events,
    datapackage,
)
from eventcodes.faults import fault_point
from eventcodes.outdir import (
    DATASET_FILES,
    WORK_SUFFIX,
    OutputLock,
    discard,
    exchange_into_place,
    output_error,
    sibling,
    tidy,
    write_journal,
)
from eventcodes.schema import EVENT_COLUMN_NAMES, EVENT_COLUMNS, EVENT_SCHEMA

__all__ = [
    "DATAPACKAGE_JSON",
    "ENUMS",
    "EVENTS_CSV",
    "EVENTS_PARQUET",
    "METADATA_FIELDS",
    "METADATA_PREFIX",
    "REJECTS_JSONL",
    "SUMMARY_JSON",
    "DatasetWriter",
    "RunSummary",
    "conform_events",
    "datapackage",
    "events_table",
    "write_dataset",
]

#: Parquet parts of an unfinished run in its work directory, joined into events.parquet at the end
_PART_PREFIX = ".eventcodes-part-"


@dataclass
class RunSummary:
    """What one coding run read and wrote; saved as summary.json."""

    documents: int
    sentences: int
    events: int
    rejects: int
    codebook_name: str
    codebook_version: str
    codebook_hash: str
    tool_version: str
    seconds: float
    inputs: list[str]  # the input paths as given
    #: documents coded by an earlier, interrupted run that this one resumed (not in summary.json)
    resumed_documents: int = 0

    def as_dict(self) -> dict[str, object]:
        """Return the summary as a JSON-ready dict (seconds rounded to milliseconds)."""
        out = dataclasses.asdict(self)
        del out["resumed_documents"]
        out["seconds"] = round(self.seconds, 3)
        out["inputs"] = [str(p) for p in self.inputs]
        return out


def events_table(rows: Sequence[Mapping[str, object]]) -> pa.Table:
    """Return the rows as an Arrow table with EVENT_SCHEMA.

    Each row maps column names to values; missing keys are null, dates are ``datetime.date``
    and codes are strings (``"042"``).
    """
    unknown = sorted(set().union(*rows) - set(EVENT_COLUMN_NAMES))
    if unknown:
        raise EventcodesError(
            f"event rows have unknown column(s) {', '.join(unknown)}; "
            f"use only the columns of eventcodes.schema.EVENT_COLUMNS"
        )
    arrays = []
    for name, type_, _ in EVENT_COLUMNS:
        values = [row.get(name) for row in rows]
        if pa.types.is_date(type_) and any(isinstance(v, dt.datetime) for v in values):
            raise EventcodesError(
                f"event column {name!r} holds a datetime; give a datetime.date (call .date())"
            )
        try:
            arrays.append(column_array(values, type_))
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError) as error:
            raise EventcodesError(
                f"event column {name!r} cannot be stored as {type_}: {error}; "
                f"codes are strings with leading zeros ('042') and dates are datetime.date"
            ) from error
    return pa.Table.from_arrays(arrays, schema=EVENT_SCHEMA)


def write_dataset(
    outdir: Path, events: pa.Table, rejects: Sequence[Reject], summary: RunSummary
) -> dict[str, Path]:
    """Return the paths written: events.parquet, events.csv, datapackage.json, summary.json.

    rejects.jsonl is written when there are rejects (and a stale one removed when there are
    none). All files appear together at the end; on an error nothing new is left behind.
    """
    with DatasetWriter(
        outdir,
        codebook_name=summary.codebook_name,
        codebook_version=summary.codebook_version,
        codebook_hash=summary.codebook_hash,
        tool_version=summary.tool_version,
    ) as writer:
        writer.write_batch(events)
        writer.add_rejects(rejects)
        return writer.close(summary)


class DatasetWriter:
    """Streams events batch by batch into a work directory beside ``outdir``; ``close`` puts the
    finished dataset in place in one step (see :mod:`eventcodes.outdir`).

    Use it as a context manager::

        with DatasetWriter(outdir, codebook_name=..., codebook_version=...,
                           codebook_hash=..., tool_version=...) as writer:
            for table in batches:
                writer.write_batch(table)
                writer.checkpoint({"documents": ...})  # optional: what a resumed run needs
            writer.add_rejects(rejects)
            paths = writer.close(summary)

    The output directory is locked from the constructor until ``close`` or ``abort``; a second
    writer for it raises OutputLockedError. Until ``close`` succeeds, a dataset already in
    ``outdir`` is left untouched; on an exception (or ``abort()``) the work directory is removed,
    and so are the parents of ``outdir`` this writer made. On KeyboardInterrupt the work directory
    is kept up to its last checkpoint, for ``resume``.

    With ``resume=True`` and a ``run_key`` equal to that of an unfinished run into ``outdir``,
    the writer continues that run from its last checkpoint: ``resumed`` is then the progress
    given to that checkpoint, and the events and rejects written before it are kept.
    The ``events`` and ``rejects`` counts in summary.json are the rows this writer wrote.
    """

    def __init__(
        self,
        outdir: Path,
        *,
        codebook_name: str,
        codebook_version: str,
        codebook_hash: str,
        tool_version: str,
        row_group_rows: int = 100_000,
        run_key: Mapping[str, object] | None = None,
        resume: bool = False,
    ) -> None:
        outdir = Path(outdir)
        # Absolute, so that "-o ." has a name and a parent; a link to a directory: the
        # directory it points to is the one exchanged.
        self.outdir = outdir.resolve() if outdir.is_symlink() else outdir.absolute()
        self._metadata = {
            "codebook_name": codebook_name,
            "codebook_version": codebook_version,
            "codebook_hash": codebook_hash,
            "tool_version": tool_version,
        }
        self._row_group_rows = row_group_rows
        self._run_key = dict(run_key) if run_key is not None else None
        self._pending: list[pa.Table] = []
        self._pending_rows = 0
        self._events = 0
        self._rejects = 0
        self._parts = 0
        self._complete = False
        self._state = "open"
        self._csv: BinaryIO | None = None
        self._rejects_file: BinaryIO | None = None
        #: the progress saved at the checkpoint this writer resumed from, or None
        self.resumed: dict[str, object] | None = None
        #: the progress given to the last checkpoint (or resumed from)
        self.progress: dict[str, object] = {}
        self._work = sibling(self.outdir, WORK_SUFFIX)
        self._lock = OutputLock(self.outdir)
        self._locked = False
        if os.path.lexists(self.outdir) and not self.outdir.is_dir():
            raise InputError(
                f"{outdir}: the output directory is a file; give -o a directory "
                "(a new name, or a directory that holds a dataset)"
            )
        self._created_dirs = _make_dirs(self.outdir.parent)
        try:
            self._lock.acquire()
            self._locked = True
            journal = tidy(self.outdir)
            _check_not_foreign(self.outdir)
            if journal is not None and resume:
                try:
                    self._check_resumable(journal)
                except InputError:  # keep the unfinished run: the right inputs can resume it
                    self._state = "refused"
                    self._release()
                    raise
                self._resume_from(journal)
            else:
                if journal is not None:
                    discard(self._work)
                self._start()
        except BaseException as error:
            self.abort()
            if isinstance(error, OSError):
                raise output_error(error, self.outdir, "preparing the output directory") from error
            raise

    @property
    def events(self) -> int:
        """The number of events written so far."""
        return self._events

    @property
    def rejects(self) -> int:
        """The number of rejects written so far."""
        return self._rejects

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            if issubclass(exc_type, KeyboardInterrupt):
                self.suspend()
            else:
                self.abort()
        elif self._state in ("open", "finished"):
            self.abort()
            raise RuntimeError(
                "DatasetWriter left without close(summary) (or commit() after finish): nothing "
                "was written; call close(summary) inside the with block"
            )

    def write_batch(self, table: pa.Table | pa.RecordBatch) -> None:
        """Append a batch of events (EVENT_SCHEMA, or columns safely castable to it)."""
        self._require_writable("write_batch")
        events = conform_events(table)
        if events.num_rows == 0:
            return
        assert self._csv is not None
        with self._writing("writing events.csv"):
            pcsv.write_csv(
                _csv_view(events), self._csv, write_options=pcsv.WriteOptions(include_header=False)
            )
        self._pending.append(events)
        self._pending_rows += events.num_rows
        self._events += events.num_rows
        if self._pending_rows >= self._row_group_rows:
            with self._writing("writing events.parquet"):
                self._write_part()

    def add_rejects(self, rejects: Iterable[Reject]) -> None:
        """Append rejected records to rejects.jsonl."""
        self._require_writable("add_rejects")
        with self._writing("writing rejects.jsonl"):
            for reject in rejects:
                if self._rejects_file is None:
                    self._rejects_file = open(self._work / REJECTS_JSONL, "xb")  # noqa: SIM115
                self._rejects_file.write(_reject_line(reject))
                self._rejects += 1

    def checkpoint(self, progress: Mapping[str, object]) -> None:
        """Make everything written so far durable, with the caller's ``progress``: a run resumed
        from here gets ``progress`` back as ``resumed`` and continues after these rows."""
        self._require_writable("checkpoint")
        with self._writing("saving a checkpoint"):
            self._write_part()
            assert self._csv is not None
            self._csv.flush()
            os.fsync(self._csv.fileno())
            if self._rejects_file is not None:
                self._rejects_file.flush()
                os.fsync(self._rejects_file.fileno())
            write_journal(self._work, self._journal("coding", progress))
        self.progress = dict(progress)
        fault_point("checkpoint")

    @property
    def work(self) -> Path:
        """The directory the new dataset is written in, beside ``outdir``, until ``commit``.

        Other files of the dataset (made from events.parquet, say) are written here between
        ``finish`` and ``commit``, so that they appear in ``outdir`` in the same step.
        """
        return self._work

    def close(self, summary: RunSummary) -> dict[str, Path]:
        """Return the paths of the finished files, after putting the dataset in place
        (``finish`` then ``commit``)."""
        self.finish(summary)
        return self.commit()

    def finish(self, summary: RunSummary) -> None:
        """Complete every file of the dataset in the work directory; ``outdir`` is unchanged."""
        self._require_open("finish")
        try:
            given = {key: getattr(summary, key) for key in METADATA_FIELDS}
            if given != self._metadata:
                raise ValueError(
                    f"the summary's codebook/tool fields {given} differ from those given to "
                    f"DatasetWriter {self._metadata}; pass the same values to both"
                )
            final = dataclasses.replace(summary, events=self._events, rejects=self._rejects)
            with self._writing("writing the dataset"):
                if not self._complete:
                    self._finish_files()
                package = datapackage(self._metadata, with_rejects=self._rejects > 0)
                _write_replace(self._work / DATAPACKAGE_JSON, _json_bytes(package, sort_keys=False))
                _write_replace(
                    self._work / SUMMARY_JSON, _json_bytes(final.as_dict(), sort_keys=True)
                )
                write_journal(self._work, self._journal("complete", self.progress))
                self._complete = True
        except BaseException:
            self.abort()
            raise
        self._state = "finished"

    def commit(self) -> dict[str, Path]:
        """Put the finished dataset in place of ``outdir`` in one step; return its files' paths."""
        if self._state != "finished":
            raise RuntimeError(
                f"DatasetWriter.commit() called on a writer that is {self._state}; "
                "call finish(summary) first"
            )
        try:
            with self._writing(f"putting the new dataset in place of {self.outdir}"):
                exchange_into_place(self._work, self.outdir)
        except BaseException:
            self.abort()
            raise
        names = [EVENTS_PARQUET, EVENTS_CSV, DATAPACKAGE_JSON, SUMMARY_JSON]
        if self._rejects:
            names.append(REJECTS_JSONL)
        self._state = "closed"
        self._release()
        return {name: self.outdir / name for name in names}

    def abort(self) -> None:
        """Remove the work directory and release the output directory (and remove the parents of
        ``outdir`` this writer made, when empty)."""
        if self._state not in ("open", "suspended", "finished"):
            return
        self._state = "aborted"
        self._close_handles()
        if self._locked:
            discard(self._work)
        self._release()

    def suspend(self) -> None:
        """Stop writing but keep the work directory as of the last checkpoint, for ``resume``."""
        if self._state != "open":
            return
        self._state = "suspended"
        self._close_handles()
        self._release()

    # --- internals ---------------------------------------------------------------------------

    def _start(self) -> None:
        self._work.mkdir()
        write_journal(self._work, self._journal("coding", {}))
        self._csv = open(self._work / EVENTS_CSV, "xb")  # noqa: SIM115 - closed in close/abort
        self._csv.write((",".join(EVENT_COLUMN_NAMES) + "\n").encode("utf-8"))

    def _resume_from(self, journal: Mapping[str, Any]) -> None:
        self._parts = int(journal["parts"])
        self._events = int(journal["events"])
        self._rejects = int(journal["rejects"])
        progress = journal.get("progress")
        self.resumed = dict(progress) if isinstance(progress, dict) else {}
        self.progress = dict(self.resumed)
        self._complete = journal.get("state") == "complete"
        if self._complete:
            return
        for part in self._work.glob(f"{_PART_PREFIX}*"):
            if _part_number(part.name) >= self._parts:
                part.unlink()  # written after the checkpoint: those rows are coded again
        self._csv = open(self._work / EVENTS_CSV, "r+b")  # noqa: SIM115
        self._csv.truncate(int(journal["csv_bytes"]))
        self._csv.seek(0, os.SEEK_END)
        rejects = self._work / REJECTS_JSONL
        if int(journal["rejects_bytes"]) > 0:
            self._rejects_file = open(rejects, "r+b")  # noqa: SIM115
            self._rejects_file.truncate(int(journal["rejects_bytes"]))
            self._rejects_file.seek(0, os.SEEK_END)
        else:
            rejects.unlink(missing_ok=True)

    def _check_resumable(self, journal: Mapping[str, Any]) -> None:
        """Raise InputError when the unfinished run in the work directory is not this one."""
        theirs = journal.get("key")
        ours = self._run_key
        if not isinstance(theirs, dict) or ours is None:
            differs = "was not started by eventcodes code"
        elif journal.get("metadata") != self._metadata:
            differs = "used another codebook or eventcodes version"
        else:
            names = {"inputs": "other inputs", "codebook_hash": "another codebook"}
            names |= {"files": "input files that have changed since"}
            names |= {"date": "another --date", "strict": "another --strict"}
            changed = [
                names.get(k, k)
                for k in sorted(set(theirs) | set(ours))
                if theirs.get(k) != ours.get(k)
            ]
            if not changed:
                return
            differs = "coded " + " and ".join(changed)
        raise InputError(
            f"{self.outdir}: cannot resume: the unfinished run there {differs}; give the same "
            "inputs and options as that run, or leave out --resume to start again"
        )

    def _journal(self, state: str, progress: Mapping[str, object]) -> dict[str, object]:
        return {
            "format": 1,
            "state": state,
            "key": self._run_key,
            "metadata": self._metadata,
            "parts": self._parts,
            "csv_bytes": self._csv.tell() if self._csv is not None else 0,
            "rejects_bytes": self._rejects_file.tell() if self._rejects_file is not None else 0,
            "events": self._events,
            "rejects": self._rejects,
            "progress": dict(progress),
        }

    def _write_part(self) -> None:
        """Write the pending events as the next Parquet part of the work directory."""
        if not self._pending:
            return
        table = pa.concat_tables(self._pending)
        with open(self._work / f"{_PART_PREFIX}{self._parts:06d}.parquet", "xb") as handle:
            pq.write_table(table, handle)
            handle.flush()
            os.fsync(handle.fileno())
        self._parts += 1
        self._pending = []
        self._pending_rows = 0

    def _finish_files(self) -> None:
        """Write the last part, close the CSV and rejects, and join the parts in events.parquet."""
        self._write_part()
        assert self._csv is not None
        _sync_and_close(self._csv)
        self._csv = None
        if self._rejects_file is not None:
            _sync_and_close(self._rejects_file)
            self._rejects_file = None
        if self._rejects == 0:
            (self._work / REJECTS_JSONL).unlink(missing_ok=True)
        schema = EVENT_SCHEMA.with_metadata(
            {METADATA_PREFIX + key: value for key, value in self._metadata.items()}
        )
        parts = [self._work / f"{_PART_PREFIX}{i:06d}.parquet" for i in range(self._parts)]
        size = self._row_group_rows
        target = self._work / EVENTS_PARQUET
        target.unlink(missing_ok=True)  # from a run killed while joining the parts
        with open(target, "xb") as handle:
            writer = pq.ParquetWriter(handle, schema)
            # Row groups of row_group_rows whatever the parts were: the file does not depend
            # on where checkpoints fell, or on whether the run was resumed.
            buffer: list[pa.Table] = []
            rows = 0
            for part in parts:
                # ParquetFile, not read_table: that imports pyarrow.dataset, and with it pandas
                with pq.ParquetFile(part) as part_file:
                    table = part_file.read().cast(EVENT_SCHEMA)
                buffer.append(table)
                rows += table.num_rows
                while rows >= size:
                    joined = pa.concat_tables(buffer)
                    writer.write_table(joined.slice(0, size), row_group_size=size)
                    fault_point("writing")
                    buffer = [joined.slice(size)]
                    rows -= size
            if rows:
                writer.write_table(pa.concat_tables(buffer), row_group_size=size)
                fault_point("writing")
            writer.close()
            handle.flush()
            os.fsync(handle.fileno())
        for part in parts:
            part.unlink()

    @contextlib.contextmanager
    def _writing(self, doing: str) -> Iterator[None]:
        """Turn an operating-system error into a one-line error that says where and what to do."""
        try:
            yield
        except OSError as error:
            self.abort()
            raise output_error(error, self.outdir, doing) from error

    def _close_handles(self) -> None:
        self._pending = []
        for handle in (self._csv, self._rejects_file):
            if handle is not None:
                # The files are deleted or kept as of the checkpoint; the error that caused
                # the abort matters more than one from closing.
                with contextlib.suppress(Exception):
                    handle.close()
        self._csv = self._rejects_file = None

    def _release(self) -> None:
        if self._locked:
            self._lock.release()
            self._locked = False
        for directory in self._created_dirs:
            try:
                directory.rmdir()
            except OSError:
                break
        self._created_dirs = []

    def _require_open(self, method: str) -> None:
        if self._state != "open":
            raise RuntimeError(
                f"DatasetWriter.{method}() called after the writer was {self._state}"
            )

    def _require_writable(self, method: str) -> None:
        self._require_open(method)
        if self._complete:
            raise RuntimeError(
                f"DatasetWriter.{method}() called on a resumed run that had finished writing; "
                "call close(summary) only"
            )


def _reject_line(reject: Reject) -> bytes:
    try:
        line = json.dumps(reject.as_dict(), ensure_ascii=False)
        # Line and paragraph separators are valid in JSON strings but split lines in some readers.
        line = line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        return (line + "\n").encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates (from undecodable input) cannot be UTF-8; escape them instead.
        return (json.dumps(reject.as_dict(), ensure_ascii=True) + "\n").encode("ascii")


def _json_bytes(value: object, *, sort_keys: bool) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False, sort_keys=sort_keys) + "\n").encode(
        "utf-8"
    )


def _make_dirs(directory: Path) -> list[Path]:
    """Create ``directory`` and its missing parents; return the ones created, deepest first."""
    created: list[Path] = []
    current = directory.absolute()
    while not current.exists() and current != current.parent:
        created.append(current)
        current = current.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            f"cannot create the directory {directory} for the output: "
            f"{error.strerror or error}; give -o a directory path you can write to"
        ) from error
    return created


def _check_not_foreign(outdir: Path) -> None:
    """Raise InputError when ``outdir`` holds files but no dataset: it is exchanged as a whole,
    and a home or project directory given to -o by mistake must not be."""
    if not outdir.is_dir():
        return
    names = [entry.name for entry in os.scandir(outdir)]
    if names and not any(name in DATASET_FILES for name in names):
        shown = ", ".join(sorted(names)[:3]) + (", ..." if len(names) > 3 else "")
        raise InputError(
            f"{outdir}: the output directory holds files ({shown}) but no eventcodes dataset; "
            "give -o a new or empty directory, or one that holds a dataset"
        )


def _part_number(name: str) -> int:
    """Return the number of a Parquet part from its file name (-1 if it is not one)."""
    digits = name[len(_PART_PREFIX) :].partition(".")[0]
    return int(digits) if digits.isdigit() else -1


def _write_replace(path: Path, data: bytes) -> None:
    path.unlink(missing_ok=True)
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_and_close(handle: BinaryIO) -> None:
    handle.flush()
    os.fsync(handle.fileno())
    handle.close()
