"""Input documents and rejected records, the values that ingest yields."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .origin import Origin


@dataclass(frozen=True)
class Document:
    """One news article to code (DESIGN 3.1)."""

    id: str
    date: dt.date
    text: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    #: the file and line (or row) it came from, for messages; None when not read from a file
    origin: Origin | None = None


@dataclass(frozen=True)
class Reject:
    """A record that could not be coded, with where it was and why."""

    file: str
    line: int | None
    doc_id: str | None
    reason: str

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "doc_id": self.doc_id, "reason": self.reason}
