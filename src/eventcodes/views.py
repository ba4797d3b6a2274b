"""What analysts expect beside each event, added at the run level from the document and codebook.

The coder gives the CAMEO triple; this module adds the document's publication date and title, the
event's year and month, the labels of its code and quad class, the PLOVER and ACLED categories of
its code (from the codebook's ``[views]`` tables), the mention counts (1 until the one-a-day filter
merges rows) and, on request, the sentence's text. It also says which languages a codebook covers:
a document in another language is a reject, not a document coded to nothing.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .codebook import Codebook
from .codebook.tables import read_rows
from .documents import Document, Reject
from .errors import CodebookError, Problem
from .schema import QUAD_LABELS
from .sentences import split_sentences

__all__ = ["Views", "annotate_events", "load_views", "reject_other_languages"]

#: the languages of a codebook whose manifest does not say (the default codebook's)
DEFAULT_LANGUAGES = ("en",)


@dataclass(frozen=True)
class Views:
    """The codebook's labels and category tables, indexed by CAMEO event code."""

    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    labels: Mapping[str, str] = field(default_factory=dict)
    #: code -> (plover_event, plover_mode, plover_context)
    plover: Mapping[str, tuple[str | None, str | None, str | None]] = field(default_factory=dict)
    #: code -> (acled_event_type, acled_sub_event_type)
    acled: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def covers(self, language: str | None) -> bool:
        """Return whether a document in ``language`` (None: unknown) can be coded."""
        if language is None:
            return True
        primary = language.strip().lower().replace("_", "-").split("-")[0]
        return primary in self.languages

    def plover_of(self, code: str) -> tuple[str | None, str | None, str | None]:
        """Return the PLOVER categories of a code: its own row, else its nearest parent's."""
        for n in range(len(code), 1, -1):
            row = self.plover.get(code[:n])
            if row is not None:
                return row
        return (None, None, None)


@functools.lru_cache(maxsize=8)
def load_views(codebook: Codebook) -> Views:
    """Return the views of a codebook (read once per loaded codebook).

    Raises CodebookError listing every problem of the view tables as ``path:line: message``.
    """
    reader = _ViewReader(codebook)
    plover = reader.plover()
    acled = reader.acled()
    if reader.problems:
        raise CodebookError(reader.problems)
    return Views(
        languages=tuple(x.lower() for x in reader.languages),
        labels={code: ec.name for code, ec in codebook.event_codes.items()},
        plover=plover,
        acled=acled,
    )


class _ViewReader:
    """Reads the ``languages`` and ``[views]`` of a codebook's manifest and its view tables,
    collecting every problem."""

    def __init__(self, codebook: Codebook) -> None:
        self.codes = codebook.event_codes
        self.root = codebook.path
        mpath = self.root / "manifest.toml"
        manifest = tomllib.loads(mpath.read_text(encoding="utf-8"))
        self.problems: list[Problem] = []
        languages = manifest.get("languages", list(DEFAULT_LANGUAGES))
        if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
            self.problems.append(Problem(mpath, 1, 'languages must be a list such as ["en"]'))
            languages = list(DEFAULT_LANGUAGES)
        self.languages: list[str] = languages
        tables = manifest.get("views", {})
        if not isinstance(tables, dict) or not all(isinstance(v, str) for v in tables.values()):
            self.problems.append(Problem(mpath, 1, "[views] must name one table file per view"))
            tables = {}
        unknown = sorted(set(tables) - {"plover", "acled", "acled_categories"})
        if unknown:
            self.problems.append(
                Problem(
                    mpath,
                    1,
                    f"unknown view(s) {', '.join(unknown)}; use plover, acled, acled_categories",
                )
            )
        self.tables: dict[str, str] = tables

    def rows(self, name: str, required: tuple[str, ...]) -> list[tuple[Path, int, dict[str, str]]]:
        """Return (path, line, row) of a view table, or nothing when it is absent or unreadable."""
        if name not in self.tables:
            return []
        path = self.root / self.tables[name]
        try:
            header, found = read_rows(path)
        except CodebookError as error:
            self.problems.extend(error.problems)
            return []
        except OSError as error:
            self.problems.append(Problem(path, 0, f"cannot read the view table ({error.strerror})"))
            return []
        missing = [c for c in required if c not in header]
        if missing:
            self.problems.append(Problem(path, 1, f"missing column(s) {', '.join(missing)}"))
            return []
        return [(path, line, {k: v.strip() for k, v in row.items()}) for line, row in found]

    def code_of(
        self, path: Path, line: int, row: dict[str, str], seen: set[str], known: bool = True
    ) -> str | None:
        """Return the row's CAMEO code, or None (with a problem) when unknown or repeated."""
        code = row["cameo_code"]
        if known and code not in self.codes:
            self.problems.append(
                Problem(path, line, f"unknown event code {code!r} (not in event_codes)")
            )
        elif code in seen:
            self.problems.append(Problem(path, line, f"duplicate event code {code}"))
        else:
            seen.add(code)
            return code
        return None

    def plover(self) -> dict[str, tuple[str | None, str | None, str | None]]:
        """Return code -> (plover_event, plover_mode, plover_context)."""
        plover: dict[str, tuple[str | None, str | None, str | None]] = {}
        seen: set[str] = set()
        for path, line, row in self.rows("plover", ("cameo_code", "plover_event")):
            # the crosswalk has rows for a few codes the codebook may lack (1213): harmless
            code = self.code_of(path, line, row, seen, known=False)
            if code is not None:
                plover[code] = (
                    row["plover_event"] or None,
                    row.get("plover_mode") or None,
                    row.get("plover_context") or None,
                )
        return plover

    def acled(self) -> dict[str, tuple[str, str]]:
        """Return code -> (event_type, sub_event_type), each pair checked against ACLED's list."""
        categories = {
            (row["event_type"], row["sub_event_type"])
            for _, _, row in self.rows("acled_categories", ("event_type", "sub_event_type"))
        }
        acled: dict[str, tuple[str, str]] = {}
        seen: set[str] = set()
        for path, line, row in self.rows("acled", ("cameo_code", "event_type", "sub_event_type")):
            pair = (row["event_type"], row["sub_event_type"])
            if categories and pair not in categories:
                self.problems.append(
                    Problem(
                        path,
                        line,
                        f"{pair[0]} / {pair[1]} is not an ACLED category of acled_categories",
                    )
                )
                continue
            code = self.code_of(path, line, row, seen)
            if code is not None:
                acled[code] = pair
        return acled


def annotate_events(
    rows: Iterable[MutableMapping[str, Any]],
    doc: Document,
    views: Views,
    *,
    sentence_text: bool = False,
) -> None:
    """Add the analyst columns to the event rows of one document, in place."""
    sentences: dict[int, str] | None = None
    for row in rows:
        code = row["event_code"]
        day = row["event_date"]
        quad = row.get("quad_class")
        row["publication_date"] = doc.date
        row["title"] = doc.title
        row["year"] = day.year if day is not None else None
        row["month"] = day.month if day is not None else None
        row["event_label"] = views.labels.get(code)
        row["quad_label"] = QUAD_LABELS[quad - 1] if quad in (1, 2, 3, 4) else None
        row["plover_event"], row["plover_mode"], row["plover_context"] = views.plover_of(code)
        row["acled_event_type"], row["acled_sub_event_type"] = views.acled.get(code, (None, None))
        row["num_mentions"] = row["num_documents"] = row["num_sources"] = 1
        if sentence_text:
            if sentences is None:  # the coder's own split, so the indexes agree
                sentences = {s.index: s.text for s in split_sentences(doc.text)}
            row["sentence_text"] = sentences.get(row["sentence_index"])


def reject_other_languages(
    items: Iterable[Document | Reject], views: Views
) -> Iterator[Document | Reject]:
    """Yield the items, each Document in a language the codebook does not cover as a Reject."""
    for item in items:
        if isinstance(item, Document) and not views.covers(item.language):
            origin = item.origin
            yield Reject(
                str(origin.path) if origin is not None else item.id,
                origin.line or None if origin is not None else None,
                item.id,
                f"language {item.language!r} is not covered by the codebook (it codes "
                f"{', '.join(views.languages)}); code it with a codebook for that language, "
                "or leave such documents out",
            )
        else:
            yield item
