"""Input documents (DESIGN 3.1): JSON lines, CSV, Parquet and text files, each possibly gzipped.

Every record becomes a :class:`Document` or a :class:`Reject` that says where it was and how to fix
it; nothing is dropped silently. The exceptions are not records: blank lines in JSON lines and
blank rows in CSV, and, inside an input directory, names starting with ``.`` (``.DS_Store``,
``.git/``), which are skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import math
import os
import re
import zlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Final, TypeVar

import pyarrow as pa
import pyarrow.parquet as pq

from eventcodes.documents import Document, Reject
from eventcodes.errors import InputError
from eventcodes.origin import Origin
from eventcodes.pubdates import epoch_date, parse_publication_date

__all__ = ["read_documents", "READ_SUFFIXES"]

_JSONL: Final = "jsonl"
_CSV: Final = "csv"
_PARQUET: Final = "parquet"
_TEXT: Final = "text"

#: file name suffix -> kind of file; all but Parquet may also end in ``.gz``
_KINDS: Final[Mapping[str, str]] = {
    ".jsonl": _JSONL,
    ".ndjson": _JSONL,
    ".json": _JSONL,
    ".csv": _CSV,
    ".txt": _TEXT,
    ".parquet": _PARQUET,
}

#: the suffixes read, as said in messages
READ_SUFFIXES: Final = ".jsonl, .ndjson, .json, .csv or .txt (each also with .gz), or .parquet"

_REQUIRED: Final = ("id", "date", "text")
_OPTIONAL: Final = ("title", "publisher", "url", "language")
_FIELDS: Final = _REQUIRED + _OPTIONAL

_UTF8_BOM: Final = b"\xef\xbb\xbf"
#: the longest CSV field read, far above any article; bounds the damage of an unclosed quote
_CSV_FIELD_LIMIT: Final = 64 * 1024 * 1024
_PARQUET_BATCH_ROWS: Final = 1024
#: what reading a damaged or unreadable (gzip) file raises
_READ_ERRORS: Final = (OSError, EOFError, zlib.error)

_DATE_IN_NAME: Final = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])", re.ASCII)

_T = TypeVar("_T")


def read_documents(
    inputs: Sequence[Path], *, default_date: dt.date | None = None, date_order: str | None = None
) -> Iterator[Document | Reject]:
    """Return an iterator over every document of the inputs, or a Reject for each bad record.

    Inputs are files or directories; directories are read recursively in sorted path order, skipping
    names that start with ``.``. Files are recognised by suffix (see ``READ_SUFFIXES``); inside a
    directory any other file becomes a Reject. The order is stable: inputs as given, then lines or
    rows in file order. An id already used earlier in the run is rejected. ``default_date`` is the
    publication date of ``.txt`` documents; without it, the first ``YYYY-MM-DD`` in the file name.
    Publication dates are read by ``eventcodes.pubdates``; ``date_order`` (DMY, MDY or YMD) reads
    numeric dates whose day and month could be swapped.

    Raises InputError at once, before anything is read, if an input does not exist or is a file
    whose suffix is not one of those read.
    """
    paths = [Path(p) for p in inputs]
    problems = [problem for path in paths if (problem := _input_problem(path)) is not None]
    if problems:
        raise InputError(f"cannot read the input(s): {'; '.join(problems)}")
    if isinstance(default_date, dt.datetime):
        default_date = default_date.date()
    return _unique_ids(_read_inputs(paths, default_date, date_order))


def _input_problem(path: Path) -> str | None:
    """Return why an input named by the user cannot be read at all, or None if it can."""
    if path.is_dir():
        return None
    if not path.exists():
        return f"{path} does not exist (check the path)"
    if not path.is_file():
        return f"{path} is neither a file nor a directory (name a document file or a directory)"
    if _kind_of(path) is None:
        return f"{path} is not a document file (name files ending in {READ_SUFFIXES})"
    return None


def _unique_ids(items: Iterator[Document | Reject]) -> Iterator[Document | Reject]:
    """Yield the items, with each Document whose id was already used turned into a Reject."""
    first_use: dict[str, Origin | None] = {}
    for item in items:
        if isinstance(item, Document):
            if item.id in first_use:
                first, here = first_use[item.id], item.origin
                yield Reject(
                    str(here.path) if here else "",
                    here.line if here else None,
                    item.id,
                    f"duplicate id {item.id!r} (first used at {first}; "
                    "give each document a unique id)",
                )
                continue
            first_use[item.id] = item.origin
        yield item


def _read_inputs(
    paths: list[Path], default_date: dt.date | None, date_order: str | None = None
) -> Iterator[Document | Reject]:
    """Yield the records of every input in order, walking directories."""
    for path in paths:
        if path.is_dir():
            for entry in _walk(path):
                if isinstance(entry, Reject):
                    yield entry
                else:
                    yield from _read_file(entry, default_date, date_order)
        else:
            yield from _read_file(path, default_date, date_order)


def _walk(directory: Path) -> Iterator[Path | Reject]:
    """Yield the files under a directory in sorted order, or a Reject for what cannot be read."""
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as err:
        yield Reject(
            str(directory),
            None,
            None,
            f"cannot list the directory ({err.strerror}; check its permissions)",
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = directory / entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_file():
            yield path
        elif entry.is_dir():
            yield Reject(
                str(path),
                None,
                None,
                "a link to a directory, which is not followed "
                "(name the directory it points to as an input)",
            )
        else:
            yield Reject(
                str(path),
                None,
                None,
                "not a regular file, e.g. a broken link (remove it from the input directory)",
            )


def _kind_of(path: Path) -> tuple[str, bool] | None:
    """Return the kind of a file and whether it is gzipped, or None if it is not read."""
    name = path.name.lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[: -len(".gz")]
    dot = name.rfind(".")
    if dot <= 0:
        return None
    kind = _KINDS.get(name[dot:])
    if kind is None or (compressed and kind == _PARQUET):
        return None
    return kind, compressed


def _read_file(
    path: Path, default_date: dt.date | None, date_order: str | None = None
) -> Iterator[Document | Reject]:
    """Yield the records of one file, or a Reject if it is not a document file."""
    kind = _kind_of(path)
    if kind is None:
        yield Reject(
            str(path),
            None,
            None,
            f"not a document file (only names ending in {READ_SUFFIXES} are read; "
            "move it out of the input directory)",
        )
        return
    form, compressed = kind
    if form == _JSONL:
        yield from _read_jsonl(path, compressed, date_order)
    elif form == _CSV:
        yield from _read_csv(path, compressed, date_order)
    elif form == _PARQUET:
        yield from _read_parquet(path, date_order)
    else:
        yield _read_text(path, compressed, default_date)


def _open_binary(path: Path, compressed: bool) -> gzip.GzipFile | io.BufferedReader:
    """Return the file opened for reading bytes, decompressing gzip on the fly."""
    if compressed:
        return gzip.open(path, "rb")
    return open(path, "rb")  # noqa: SIM115 - the caller closes it


def _unreadable(file: str, lines_read: int, err: BaseException) -> Reject:
    """Return the Reject for a file that could not be read (further)."""
    if isinstance(err, (EOFError, zlib.error, gzip.BadGzipFile)):
        what = f"the gzip data is corrupt or truncated ({err}; make or download the file again)"
    else:
        what = f"cannot read the file ({err}; check that it is readable)"
    if lines_read == 0:
        return Reject(file, None, None, what)
    return Reject(file, lines_read + 1, None, f"reading stopped after line {lines_read}: {what}")


# --- JSON lines ---------------------------------------------------------------------------------


def _read_jsonl(
    path: Path, compressed: bool, date_order: str | None = None
) -> Iterator[Document | Reject]:
    """Yield a Document or Reject for every non-blank line of a JSON lines file."""
    file = str(path)
    line_no = 0
    try:
        with _open_binary(path, compressed) as stream:
            for line_no, raw in enumerate(stream, start=1):
                if line_no == 1 and raw.startswith(_UTF8_BOM):
                    raw = raw[len(_UTF8_BOM) :]
                if raw.strip():
                    yield _json_line(raw, file, line_no, date_order)
    except _READ_ERRORS as err:
        yield _unreadable(file, line_no, err)


def _json_line(
    raw: bytes, file: str, line_no: int, date_order: str | None = None
) -> Document | Reject:
    """Return the Document of one JSON line, or a Reject saying what is wrong with it."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return Reject(
            file,
            line_no,
            None,
            f"not valid UTF-8: byte 0x{raw[err.start]:02X} at byte offset {err.start} of the line "
            "(re-encode the file as UTF-8)",
        )
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        hint = "each line must be one complete JSON object; a truncated line means the file was cut"
        if text.strip() in ("[", "{"):
            hint = "the file looks like indented JSON; write one object per line, e.g. with jq -c"
        return Reject(
            file,
            line_no,
            None,
            # some json messages end in "at", expecting a position after them
            f"malformed JSON: {err.msg.removesuffix(' at')} at column {err.colno} ({hint})",
        )
    except (ValueError, RecursionError) as err:
        reason = str(err) if isinstance(err, ValueError) else "nested too deeply"
        return Reject(file, line_no, None, f"malformed JSON: {reason} (fix or remove the line)")
    if not isinstance(value, dict):
        return Reject(
            file,
            line_no,
            None,
            f"the JSON line is {_type_name(value)}, not an object "
            '(write one object per line, like {"id": ..., "date": ..., "text": ...})',
        )
    return _document(value, file, line_no, date_order)


# --- CSV ----------------------------------------------------------------------------------------


def _read_csv(
    path: Path, compressed: bool, date_order: str | None = None
) -> Iterator[Document | Reject]:
    """Yield a Document or Reject for every non-blank row of a CSV file with a header row."""
    file = str(path)
    lines_read = 0
    try:
        with io.TextIOWrapper(
            _open_binary(path, compressed),
            encoding="utf-8-sig",
            errors="surrogateescape",
            newline="",
        ) as text:
            reader = csv.reader(text, strict=True)
            try:
                header = _next_csv_row(reader)
            except csv.Error as err:
                yield Reject(file, 1, None, f"malformed CSV header: {err} (fix the first line)")
                return
            if header is None:
                return
            lines_read = reader.line_num
            columns = [name.strip() for name in header]
            problem = _header_problem("CSV", columns)
            if problem is not None:
                yield Reject(file, 1, None, problem)
                return
            index: dict[str, int] = {
                name: columns.index(name) for name in _FIELDS if name in columns
            }
            while True:
                start = lines_read + 1
                try:
                    row = _next_csv_row(reader)
                except csv.Error as err:
                    lines_read = reader.line_num
                    yield Reject(
                        file,
                        start,
                        None,
                        f"malformed CSV: {err} (put fields with commas, quotes or line breaks "
                        'in double quotes, and double the quotes inside them: "say ""hi""")',
                    )
                    continue
                if row is None:
                    return
                lines_read = reader.line_num
                if any(cell.strip() for cell in row):
                    yield _csv_record(row, columns, index, file, start, date_order)
    except _READ_ERRORS as err:
        yield _unreadable(file, lines_read, err)


def _next_csv_row(reader: Iterator[list[str]]) -> list[str] | None:
    """Return the next row of the reader, or None at the end, allowing long fields."""
    # csv's field limit is process-wide: raise it only while this reader reads a row
    previous = csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        return next(reader, None)
    finally:
        csv.field_size_limit(previous)


def _csv_record(
    row: list[str],
    columns: list[str],
    index: Mapping[str, int],
    file: str,
    line_no: int,
    date_order: str | None = None,
) -> Document | Reject:
    """Return the Document of one CSV row, or a Reject saying what is wrong with it."""
    if len(row) > len(columns):
        return Reject(
            file,
            line_no,
            None,
            f"the row has {len(row)} fields but the header has {len(columns)} "
            "(put double quotes around fields that contain commas)",
        )
    record: dict[str, object] = {}
    for name, i in index.items():
        if i < len(row):
            value = row[i]
            # bytes that were not UTF-8 were decoded as lone surrogates: give them back as bytes
            # so that they are reported like any other field that is not UTF-8
            record[name] = (
                value.encode("utf-8", "surrogateescape") if _has_surrogate(value) else value
            )
    return _document(record, file, line_no, date_order)


def _header_problem(kind: str, columns: list[str]) -> str | None:
    """Return what is wrong with the column names of a CSV or Parquet file, or None."""
    missing = [name for name in _REQUIRED if name not in columns]
    if missing:
        names = " or ".join(repr(name) for name in missing)
        have = ", ".join(columns) if any(columns) else "nothing"
        return (
            f"the {kind} has no {names} column (its columns are: {have}; "
            "every document needs id, date and text columns)"
        )
    repeated = [name for name in _FIELDS if columns.count(name) > 1]
    if repeated:
        names = ", ".join(repr(name) for name in repeated)
        return f"the {kind} has more than one {names} column (rename or remove the extra ones)"
    return None


# --- Parquet ------------------------------------------------------------------------------------


def _read_parquet(path: Path, date_order: str | None = None) -> Iterator[Document | Reject]:
    """Yield a Document or Reject for every row of a Parquet file, a batch at a time."""
    file = str(path)
    rows_read = 0
    try:
        with pq.ParquetFile(path) as parquet:
            columns = list(parquet.schema_arrow.names)
            problem = _header_problem("Parquet file", columns)
            if problem is not None:
                yield Reject(file, None, None, problem)
                return
            wanted = [name for name in _FIELDS if name in columns]
            for batch in parquet.iter_batches(batch_size=_PARQUET_BATCH_ROWS, columns=wanted):
                values = {name: batch.column(name).to_pylist() for name in wanted}
                for i in range(batch.num_rows):
                    rows_read += 1
                    record = {name: values[name][i] for name in wanted}
                    yield _document(record, file, rows_read, date_order)
    except (OSError, pa.ArrowException) as err:
        reason = f"cannot read the Parquet file ({err}; check that it is a complete Parquet file)"
        if rows_read == 0:
            yield Reject(file, None, None, reason)
        else:
            yield Reject(
                file, rows_read + 1, None, f"reading stopped after row {rows_read}: {reason}"
            )


# --- text ---------------------------------------------------------------------------------------


def _read_text(path: Path, compressed: bool, default_date: dt.date | None) -> Document | Reject:
    """Return the one Document of a text file, or a Reject saying what is wrong with it."""
    file = str(path)
    doc_id = _text_id(path.name)
    try:
        with _open_binary(path, compressed) as stream:
            data = stream.read()
    except _READ_ERRORS as err:
        return _unreadable(file, 0, err)
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line_no = data.count(b"\n", 0, err.start) + 1
        return Reject(
            file,
            line_no,
            doc_id,
            f"not valid UTF-8: byte 0x{data[err.start]:02X} at byte offset {err.start} of the "
            "file (re-encode the file as UTF-8)",
        )
    date = default_date if default_date is not None else _date_in_name(path.name)
    if date is None:
        return Reject(
            file,
            1,
            doc_id,
            "no publication date for the text file "
            "(give the publication date with --date or put YYYY-MM-DD in the file name)",
        )
    return _document({"id": doc_id, "date": date, "text": text}, file, 1)


def _text_id(name: str) -> str:
    """Return the document id of a text file: its name without ``.gz`` and ``.txt``."""
    stem = name
    for suffix in (".gz", ".txt"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    return stem or name


def _date_in_name(name: str) -> dt.date | None:
    """Return the first valid ``YYYY-MM-DD`` date in a file name, or None."""
    for match in _DATE_IN_NAME.finditer(name):
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    return None


# --- records ------------------------------------------------------------------------------------


def _document(
    record: Mapping[str, object], file: str, line_no: int, date_order: str | None = None
) -> Document | Reject:
    """Return the Document of a record, or a Reject listing every problem with its fields."""
    problems: list[str] = []
    values: dict[str, object] = {}
    for name in _FIELDS:
        value, problem = _decoded(name, record.get(name))
        if problem is not None:
            problems.append(problem)
        else:
            values[name] = value
    doc_id = _field(problems, _id_value(values["id"])) if "id" in values else None
    date = _field(problems, _date_value(values["date"], date_order)) if "date" in values else None
    text = _field(problems, _text_value(values["text"])) if "text" in values else None
    optional = {
        name: _field(problems, _optional_value(name, values[name]))
        for name in _OPTIONAL
        if name in values
    }
    if problems or doc_id is None or date is None or text is None:
        return Reject(file, line_no, doc_id, "; ".join(problems))
    return Document(
        id=doc_id,
        date=date,
        text=text,
        title=optional.get("title"),
        publisher=optional.get("publisher"),
        url=optional.get("url"),
        language=optional.get("language"),
        origin=Origin(Path(file), line_no),
    )


def _field(problems: list[str], result: tuple[_T | None, str | None]) -> _T | None:
    """Return the value of a checked field, adding its problem, if any, to ``problems``."""
    value, problem = result
    if problem is not None:
        problems.append(problem)
    return value


def _decoded(name: str, value: object) -> tuple[object, str | None]:
    """Return the value with bytes decoded as UTF-8, or why it is not valid text."""
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError as err:
            return None, (
                f"not valid UTF-8: field {name!r} has byte 0x{value[err.start]:02X} at byte "
                f"offset {err.start} (re-encode the file as UTF-8)"
            )
    if isinstance(value, str) and _has_surrogate(value):
        return None, (
            f"field {name!r} holds a lone surrogate (an escape such as \\ud800 that is not a "
            "character; fix the text)"
        )
    return value, None


def _has_surrogate(value: str) -> bool:
    """Return whether a string holds a lone surrogate code point."""
    # much faster than a regular expression on long texts; only surrogates fail to encode
    if value.isascii():
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _id_value(value: object) -> tuple[str | None, str | None]:
    """Return the id as a string (numbers are accepted), or what is wrong with it."""
    fix = "(give every record a unique id)"
    if value is None:
        return None, f"missing field 'id' {fix}"
    if isinstance(value, str):
        if not value.strip():
            return None, f"empty field 'id' {fix}"
        return value, None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value), None
    if isinstance(value, float) and math.isfinite(value):
        return (str(int(value)) if value.is_integer() else repr(value)), None
    return None, f"field 'id' must be a string or a number, not {_type_name(value)} {fix}"


def _date_value(value: object, date_order: str | None = None) -> tuple[dt.date | None, str | None]:
    """Return the publication date as a UTC date (see eventcodes.pubdates), or what is wrong."""
    fix = "give an ISO date such as 2024-11-04"
    if value is None:
        return None, f"missing field 'date' ({fix})"
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, str):
        return parse_publication_date(value, date_order=date_order)
    if isinstance(value, (int, float)) and (date := epoch_date(value)) is not None:
        return date, None  # Unix epoch seconds (or milliseconds)
    return None, f"field 'date' must be a string, not {_type_name(value)} ({fix})"


def _text_value(value: object) -> tuple[str | None, str | None]:
    """Return the article text, or what is wrong with it."""
    if value is None:
        return None, "missing field 'text' (give the article text)"
    if isinstance(value, str):
        if not value.strip():
            return None, "empty text (the 'text' field is blank; give the article text)"
        return value, None
    return None, f"field 'text' must be a string, not {_type_name(value)} (give the article text)"


def _optional_value(name: str, value: object) -> tuple[str | None, str | None]:
    """Return an optional string field, None when blank, or what is wrong with it."""
    if value is None:
        return None, None
    if isinstance(value, str):
        return (value if value.strip() else None), None
    return None, (
        f"field {name!r} must be a string or null, not {_type_name(value)} "
        "(write it as a string or leave it out)"
    )


def _type_name(value: object) -> str:
    """Return the JSON name of a value's type, with an article (``an array``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return f"a value of type {type(value).__name__}"
