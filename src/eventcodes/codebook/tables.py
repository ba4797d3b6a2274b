"""Reading codebook CSV tables row by row, with the line of every row, for complete validation."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import CodebookError, Problem


@dataclass(frozen=True)
class Row:
    """One data row of a table: its cells by column name and where it is."""

    path: Path
    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def problem(self, message: str) -> Problem:
        return Problem(self.path, self.line, message)


def csv_records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (the line a record starts on, its cells) for every CSV record that is not blank or a
    ``#`` comment: the one reading of codebook tables, their sources and fixtures' CSVs."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 0
    for record in reader:
        start = line + 1
        line = reader.line_num
        if not record or not any(c.strip() for c in record) or record[0].lstrip().startswith("#"):
            continue
        yield start, record


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Return the header of a CSV table and (line, row) for each data row.

    Raises CodebookError naming every row whose number of cells differs from the header's.
    """
    header: list[str] = []
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[Problem] = []
    for start, record in csv_records(path.read_text(encoding="utf-8-sig")):
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
    for start, record in csv_records(text):
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
        yield Row(path, start, dict(zip(header, record, strict=False)))
    if header is None:
        problems.append(
            Problem(path, 1, f"empty table: it needs a header row with {', '.join(required)}")
        )
