"""The output dataset (DESIGN 3.2, 3.3): events.parquet, events.csv, datapackage.json, summary.json
and rejects.jsonl, written to temporary files and renamed into place only when complete."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

from eventcodes.documents import Reject
from eventcodes.errors import EventcodesError, InputError
from eventcodes.schema import (
    EVENT_COLUMN_NAMES,
    EVENT_COLUMNS,
    EVENT_SCHEMA,
    QUAD_LABELS,
    REJECT_FIELDS,
)

EVENTS_PARQUET = "events.parquet"
EVENTS_CSV = "events.csv"
DATAPACKAGE_JSON = "datapackage.json"
SUMMARY_JSON = "summary.json"
REJECTS_JSONL = "rejects.jsonl"

#: Prefix of the Parquet key-value metadata keys, e.g. ``eventcodes.codebook_hash``.
METADATA_PREFIX = "eventcodes."
METADATA_FIELDS = ("codebook_name", "codebook_version", "codebook_hash", "tool_version")

#: Values a column may take, declared in datapackage.json and checked on every batch.
ENUMS: tuple[tuple[str, tuple[object, ...]], ...] = (
    ("date_precision", ("day", "week", "month", "year")),
    ("date_source", ("text", "document")),
    ("quad_class", (1, 2, 3, 4)),
    ("quad_label", QUAD_LABELS),
)

#: Goldstein values are written to CSV with this many decimals when that is exact
#: (CAMEO's scale uses one), so that ``-5`` is written as ``-5.0`` and read as a float.
_GOLDSTEIN_CSV_TYPE = pa.decimal128(18, 1)


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

    def as_dict(self) -> dict[str, object]:
        """Return the summary as a JSON-ready dict (seconds rounded to milliseconds)."""
        out = dataclasses.asdict(self)
        out["seconds"] = round(self.seconds, 3)
        out["inputs"] = [str(p) for p in self.inputs]
        return out


def events_table(rows: Sequence[Mapping[str, object]]) -> pa.Table:
    """Return the rows as an Arrow table with EVENT_SCHEMA.

    Each row maps column names to values; missing keys are null, dates are ``datetime.date``
    and codes are strings (``"042"``).
    """
    unknown = sorted({key for row in rows for key in row} - set(EVENT_COLUMN_NAMES))
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
            arrays.append(pa.array(values, type=type_))
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
    """Streams events batch by batch into temporary files in ``outdir``; ``close`` renames them.

    Use it as a context manager::

        with DatasetWriter(outdir, codebook_name=..., codebook_version=...,
                           codebook_hash=..., tool_version=...) as writer:
            for table in batches:
                writer.write_batch(table)
            writer.add_rejects(rejects)
            paths = writer.close(summary)

    Until ``close`` succeeds, a dataset already in ``outdir`` is left untouched; on an exception
    (or ``abort()``) the temporary files are removed, and so is ``outdir`` if this writer made it.
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
    ) -> None:
        self.outdir = Path(outdir)
        self._metadata = {
            "codebook_name": codebook_name,
            "codebook_version": codebook_version,
            "codebook_hash": codebook_hash,
            "tool_version": tool_version,
        }
        self._row_group_rows = row_group_rows
        self._pending: list[pa.Table] = []
        self._pending_rows = 0
        self._events = 0
        self._rejects = 0
        self._state = "open"
        self._parquet: pq.ParquetWriter | None = None
        self._csv: BinaryIO | None = None
        self._rejects_file: BinaryIO | None = None
        self._created_dirs = _make_dirs(self.outdir)
        token = uuid.uuid4().hex[:12]
        self._tmp = {
            name: self.outdir / f".{name}.{token}.tmp"
            for name in (EVENTS_PARQUET, EVENTS_CSV, DATAPACKAGE_JSON, SUMMARY_JSON, REJECTS_JSONL)
        }
        try:
            self._csv = open(self._tmp[EVENTS_CSV], "xb")  # noqa: SIM115 - closed in close/abort
            self._csv.write((",".join(EVENT_COLUMN_NAMES) + "\n").encode("utf-8"))
            schema = EVENT_SCHEMA.with_metadata(
                {METADATA_PREFIX + key: value for key, value in self._metadata.items()}
            )
            self._parquet = pq.ParquetWriter(str(self._tmp[EVENTS_PARQUET]), schema)
        except BaseException as error:
            self.abort()
            if isinstance(error, OSError):
                raise InputError(
                    f"cannot write to output directory {self.outdir}: {error.strerror or error}; "
                    f"give -o a directory you can write to"
                ) from error
            raise

    @property
    def events(self) -> int:
        """Return how many events have been written so far."""
        return self._events

    @property
    def rejects(self) -> int:
        """Return how many rejects have been added so far."""
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
            self.abort()
        elif self._state == "open":
            self.abort()
            raise RuntimeError(
                "DatasetWriter left without close(summary): nothing was written; "
                "call close(summary) inside the with block"
            )

    def write_batch(self, table: pa.Table | pa.RecordBatch) -> None:
        """Append a batch of events (EVENT_SCHEMA, or columns safely castable to it)."""
        self._require_open("write_batch")
        events = conform_events(table)
        if events.num_rows == 0:
            return
        assert self._csv is not None
        pcsv.write_csv(
            _csv_view(events), self._csv, write_options=pcsv.WriteOptions(include_header=False)
        )
        self._pending.append(events)
        self._pending_rows += events.num_rows
        self._events += events.num_rows
        if self._pending_rows >= self._row_group_rows:
            self._flush_parquet()

    def add_rejects(self, rejects: Iterable[Reject]) -> None:
        """Append rejected records to rejects.jsonl."""
        self._require_open("add_rejects")
        for reject in rejects:
            if self._rejects_file is None:
                self._rejects_file = open(self._tmp[REJECTS_JSONL], "xb")  # noqa: SIM115
            self._rejects_file.write(_reject_line(reject))
            self._rejects += 1

    def close(self, summary: RunSummary) -> dict[str, Path]:
        """Return the paths of the finished files, after renaming them into place."""
        self._require_open("close")
        try:
            given = {key: getattr(summary, key) for key in METADATA_FIELDS}
            if given != self._metadata:
                raise ValueError(
                    f"the summary's codebook/tool fields {given} differ from those given to "
                    f"DatasetWriter {self._metadata}; pass the same values to both"
                )
            self._flush_parquet()
            assert self._parquet is not None and self._csv is not None
            self._parquet.close()
            self._parquet = None
            _sync_and_close(self._csv)
            self._csv = None
            _fsync_path(self._tmp[EVENTS_PARQUET])
            names = [EVENTS_PARQUET, EVENTS_CSV]
            if self._rejects_file is not None:
                _sync_and_close(self._rejects_file)
                self._rejects_file = None
                names.append(REJECTS_JSONL)
            final = dataclasses.replace(summary, events=self._events, rejects=self._rejects)
            package = datapackage(self._metadata, with_rejects=self._rejects > 0)
            _write_new(self._tmp[DATAPACKAGE_JSON], _json_bytes(package, sort_keys=False))
            _write_new(self._tmp[SUMMARY_JSON], _json_bytes(final.as_dict(), sort_keys=True))
            names += [DATAPACKAGE_JSON, SUMMARY_JSON]
            paths = {}
            for name in names:
                os.replace(self._tmp[name], self.outdir / name)
                paths[name] = self.outdir / name
            if self._rejects == 0:
                (self.outdir / REJECTS_JSONL).unlink(missing_ok=True)
            _fsync_dir(self.outdir)
        except BaseException:
            self.abort()
            raise
        self._state = "closed"
        return paths

    def abort(self) -> None:
        """Remove the temporary files (and ``outdir`` if this writer made it and it is empty)."""
        if self._state != "open":
            return
        self._state = "aborted"
        self._pending = []
        for handle in (self._parquet, self._csv, self._rejects_file):
            if handle is not None:
                # The files are deleted next, and the error that caused the abort matters more.
                with contextlib.suppress(Exception):
                    handle.close()
        self._parquet = self._csv = self._rejects_file = None
        for path in self._tmp.values():
            path.unlink(missing_ok=True)
        for directory in self._created_dirs:
            try:
                directory.rmdir()
            except OSError:
                break

    def _require_open(self, method: str) -> None:
        if self._state != "open":
            raise RuntimeError(
                f"DatasetWriter.{method}() called after the writer was {self._state}"
            )

    def _flush_parquet(self) -> None:
        if self._pending:
            assert self._parquet is not None
            self._parquet.write_table(pa.concat_tables(self._pending))
            self._pending = []
            self._pending_rows = 0


def conform_events(table: pa.Table | pa.RecordBatch) -> pa.Table:
    """Return the table with exactly EVENT_SCHEMA: columns in contract order, safely cast.

    Empty strings become nulls, because CSV readers (and ``missingValues: [""]``) cannot tell
    them apart, and the Parquet and CSV files must give the same data.
    """
    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    names = table.column_names
    duplicated = sorted({n for n in names if names.count(n) > 1})
    missing = [n for n in EVENT_COLUMN_NAMES if n not in names]
    unknown = [n for n in names if n not in EVENT_COLUMN_NAMES]
    if duplicated or missing or unknown:
        parts = [
            f"{label} {', '.join(cols)}"
            for label, cols in (
                ("missing columns", missing),
                ("unknown columns", unknown),
                ("duplicated columns", duplicated),
            )
            if cols
        ]
        raise EventcodesError(
            f"the events table does not match the events schema: {'; '.join(parts)}; "
            f"build it with eventcodes.dataset.events_table or select the columns of "
            f"eventcodes.schema.EVENT_SCHEMA"
        )
    columns = []
    for field in EVENT_SCHEMA:
        column = table.column(field.name)
        if column.type != field.type:
            if not _castable(column.type, field.type):
                raise EventcodesError(
                    f"events column {field.name!r} has type {column.type}, expected "
                    f"{field.type}; convert it first (codes are strings such as '042', "
                    f"dates are dates, not timestamps or text)"
                )
            try:
                column = column.cast(field.type)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
                raise EventcodesError(
                    f"events column {field.name!r} cannot be cast to {field.type}: {error}"
                ) from error
        if pa.types.is_string(field.type):
            column = _empty_to_null(column)
        columns.append(column)
    out = pa.Table.from_arrays(columns, schema=EVENT_SCHEMA)
    for name, allowed in ENUMS:
        values = pc.unique(out.column(name)).drop_null().to_pylist()
        bad = [v for v in values if v not in allowed]
        if bad:
            raise EventcodesError(
                f"events column {name!r} has value(s) {', '.join(map(repr, sorted(bad)))}; "
                f"allowed: {', '.join(map(repr, allowed))}"
            )
    return out


def datapackage(metadata: Mapping[str, str], *, with_rejects: bool) -> dict[str, object]:
    """Return the Frictionless Data Package (tabular-data-package) describing the dataset."""
    events_schema = {"fields": _event_fields(), "missingValues": [""]}
    resources: list[dict[str, object]] = [
        {
            "name": "events-csv",
            "path": EVENTS_CSV,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {
                "header": True,
                "delimiter": ",",
                "lineTerminator": "\n",
                "quoteChar": '"',
                "doubleQuote": True,
            },
            "schema": events_schema,
        },
        {
            "name": "events-parquet",
            "path": EVENTS_PARQUET,
            "profile": "tabular-data-resource",
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            "schema": events_schema,
        },
    ]
    if with_rejects:
        resources.append(
            {
                "name": "rejects",
                "path": REJECTS_JSONL,
                "profile": "tabular-data-resource",
                "format": "jsonl",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {
                            "name": name,
                            "type": "integer" if name == "line" else "string",
                            "description": description,
                        }
                        for name, description in REJECT_FIELDS
                    ],
                    "missingValues": [""],
                },
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "eventcodes-dataset",
        "title": "Events coded by eventcodes",
        "eventcodes": {key: metadata[key] for key in METADATA_FIELDS},
        "resources": resources,
    }


def _event_fields() -> list[dict[str, object]]:
    enums = dict(ENUMS)
    fields: list[dict[str, object]] = []
    for name, type_, description in EVENT_COLUMNS:
        field: dict[str, object] = {
            "name": name,
            "type": _frictionless_type(type_),
            "description": description,
        }
        if name in enums:
            field["constraints"] = {"enum": list(enums[name])}
        fields.append(field)
    return fields


def _frictionless_type(type_: pa.DataType) -> str:
    if pa.types.is_string(type_):
        return "string"
    if pa.types.is_integer(type_):
        return "integer"
    if pa.types.is_floating(type_):
        return "number"
    if pa.types.is_date(type_):
        return "date"
    raise TypeError(f"no Table Schema type for Arrow type {type_}; extend _frictionless_type")


def _castable(source: pa.DataType, target: pa.DataType) -> bool:
    """Return whether a column of ``source`` type may be cast to the contract's ``target`` type."""
    if pa.types.is_null(source):
        return True
    if pa.types.is_dictionary(source):
        source = source.value_type
    if pa.types.is_string(target):
        return (
            pa.types.is_string(source)
            or pa.types.is_large_string(source)
            or pa.types.is_string_view(source)
        )
    if pa.types.is_date(target):
        # Timestamps are refused: casting drops the time (and shifts zoned ones to UTC) silently.
        return pa.types.is_date(source)
    if pa.types.is_integer(target):
        return pa.types.is_integer(source)
    if pa.types.is_floating(target):
        return pa.types.is_floating(source) or pa.types.is_integer(source)
    return False


def _empty_to_null(column: pa.ChunkedArray) -> pa.ChunkedArray:
    empty = pc.equal(column, "")
    if pc.any(empty).as_py():
        return pc.if_else(empty, pa.scalar(None, pa.string()), column)
    return column


def _csv_view(events: pa.Table) -> pa.Table:
    """Return the events with goldstein formatted for CSV (``-5.0``, not ``-5``)."""
    index = events.schema.get_field_index("goldstein")
    return events.set_column(index, "goldstein", _goldstein_for_csv(events.column(index)))


def _goldstein_for_csv(column: pa.ChunkedArray) -> pa.ChunkedArray:
    # float -> string gives the shortest text that reads back as the same float ("2.2").
    text = pc.cast(column, pa.string())
    try:
        # A decimal is written unquoted with exactly one decimal: "-5.0", "2.2".
        return pc.cast(text, _GOLDSTEIN_CSV_TYPE)
    except pa.ArrowInvalid:
        # More decimals than one, or nan/inf: keep the shortest text; CSV readers unquote it.
        integral = pc.match_substring_regex(text, r"^-?[0-9]+$")
        return pc.if_else(integral, pc.binary_join_element_wise(text, ".0", ""), text)


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


def _make_dirs(outdir: Path) -> list[Path]:
    """Create ``outdir`` and its missing parents; return the ones created, deepest first."""
    created: list[Path] = []
    directory = outdir.absolute()
    while not directory.exists() and directory != directory.parent:
        created.append(directory)
        directory = directory.parent
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(
            f"cannot create output directory {outdir}: {error.strerror or error}; "
            f"give -o a directory path you can write to"
        ) from error
    return created


def _write_new(path: Path, data: bytes) -> None:
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_and_close(handle: BinaryIO) -> None:
    handle.flush()
    os.fsync(handle.fileno())
    handle.close()


def _fsync_path(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(directory: Path) -> None:
    """Make the renames durable where the platform allows syncing a directory."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse to sync directories; the renames are done either way
    finally:
        os.close(fd)
