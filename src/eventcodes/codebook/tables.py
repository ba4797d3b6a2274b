"""Reading codebook CSV tables row by row, with the line of every row, for complete validation."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from ..errors import CodebookError, Problem


class Row:
    """One data row of a table: its cells by column name, without surrounding blanks (``read_table``
    strips them), and where it is.

    A plain class with slots rather than a frozen dataclass: a large imported codebook reads
    90,000 rows, and a frozen dataclass's __init__ costs about three times as much. Treat rows as
    read-only.
    """

    __slots__ = ("path", "line", "cells")

    def __init__(self, path: Path, line: int, cells: dict[str, str]) -> None:
        self.path = path
        self.line = line
        self.cells = cells

    def __repr__(self) -> str:
        return f"Row(path={self.path!r}, line={self.line!r}, cells={self.cells!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Row):
            return NotImplemented
        return (self.path, self.line, self.cells) == (other.path, other.line, other.cells)

    __hash__ = None  # type: ignore[assignment]

    def get(self, column: str) -> str:
        """Return the cell of ``column`` without surrounding blanks ("" when the table has none)."""
        return self.cells.get(column, "")

    def problem(self, message: str) -> Problem:
        return Problem(self.path, self.line, message)


def csv_records(
    text: str, path: Path | None = None, problems: list[Problem] | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Yield (line, cells) for every CSV record that is not blank or a ``#`` comment: the one
    reading of codebook tables, their sources and fixtures' CSVs.

    A record is one line: a codebook cell never holds a line break, so a double quote that its
    line does not close is an error at that line (``unclosed quote``), not the start of a cell
    that swallows the rows after it. Each malformed line is added to ``problems``; without a
    list, they are raised together as a CodebookError at the end.
    """
    fast = _one_reader(text)
    if fast is not None:
        yield from fast
        return
    where = path if path is not None else Path("<text>")
    found: list[Problem] = [] if problems is None else problems
    before = len(found)
    for line_no, raw in enumerate(io.StringIO(text, newline=""), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        try:
            record = next(csv.reader([line], strict=True), [])
        except csv.Error as error:
            found.append(Problem(where, line_no, _malformed(str(error))))
            continue
        if _kept(record):
            yield line_no, record
    if problems is None and len(found) > before:
        raise CodebookError(found[before:])


def _kept(record: list[str]) -> bool:
    """Return whether a CSV record is data: not blank (empty cells only) and not a ``#`` comment."""
    if not record:
        return False
    first = record[0]
    if first and not first[0].isspace():  # nearly every record: no strip, no scan of the others
        return first[0] != "#"
    first = first.lstrip()
    if first:
        return first[0] != "#"
    return any(c.strip() for c in record)


def _one_reader(text: str) -> list[tuple[int, list[str]]] | None:
    """Return what csv_records yields for a well-formed table, read by one CSV reader (several
    times faster on a large table than a reader per line); None when a record spans lines or
    the reader refuses one, for the line-by-line reading to report."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    out: list[tuple[int, list[str]]] = []
    last = 0
    try:
        for record in reader:
            if reader.line_num != last + 1:
                return None  # a quote its line does not close
            last = reader.line_num
            if _kept(record):
                out.append((last, record))
    except csv.Error:
        return None
    return out


def _malformed(error: str) -> str:
    """Return the message for a line the CSV reader refused, from the reader's own message."""
    if "unexpected end of data" in error:
        return (
            "unclosed quote: a cell opens a double quote that this line does not close; close it, "
            'or write a quote inside a quoted cell as two ("")'
        )
    if "expected after" in error:
        return (
            "text after a closing quote: quote the whole cell and write each quote inside it "
            'as two (like "say ""no"" twice")'
        )
    return f"malformed CSV ({error}); quote cells that contain commas or quotes"


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Return the header of a CSV table and (line, row) for each data row.

    Raises CodebookError naming every row whose number of cells differs from the header's.
    """
    header: list[str] = []
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[Problem] = []
    for start, record in csv_records(path.read_text(encoding="utf-8-sig"), path, problems):
        if not header:
            header = [c.strip() for c in record]
        elif len(record) != len(header):
            problems.append(
                Problem(
                    path,
                    start,
                    f"{len(record)} cells but the header has {len(header)}; quote cells that contain commas",
                )
            )
        else:
            rows.append((start, dict(zip(header, record, strict=True))))
    if not header:
        problems.append(Problem(path, 1, "empty table: it needs a header row"))
    if problems:
        raise CodebookError(problems)
    return header, rows


def read_table(
    path: Path,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    problems: list[Problem],
) -> Iterator[Row]:
    """Yield the rows of a CSV table; header and encoding problems are appended to ``problems``."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(
            Problem(
                path, 0, f"cannot read the table ({exc.strerror}); check the path in manifest.toml"
            )
        )
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(path, line, "not valid UTF-8; save the table as UTF-8"))
        return
    header: list[str] | None = None
    for start, record in csv_records(text, path, problems):
        if header is None:
            header = [c.strip() for c in record]
            missing = [c for c in required if c not in header]
            unknown = [c for c in header if c not in required and c not in optional]
            if missing:
                problems.append(
                    Problem(
                        path,
                        start,
                        f"missing column(s) {', '.join(missing)}; the header needs {', '.join(required)}",
                    )
                )
                return
            if unknown:
                problems.append(
                    Problem(
                        path,
                        start,
                        f"unknown column(s) {', '.join(unknown)}; allowed: {', '.join(required + optional)}",
                    )
                )
            continue
        if len(record) > len(header):
            problems.append(
                Problem(
                    path,
                    start,
                    f"{len(record)} cells but the header has {len(header)} columns; quote cells that contain commas",
                )
            )
            continue
        if len(record) < len(header):
            lacking = ", ".join(header[len(record) :])
            problems.append(
                Problem(
                    path,
                    start,
                    f"{len(record)} cells but the header has {len(header)} columns (no cell for "
                    f"{lacking}); give every column a cell, empty ones as nothing between commas",
                )
            )
            # not read: its cells would be checked against the wrong columns
            continue
        yield Row(path, start, dict(zip(header, map(str.strip, record), strict=True)))
    if header is None:
        problems.append(
            Problem(path, 1, f"empty table: it needs a header row with {', '.join(required)}")
        )
