"""One input record (a JSON object, a CSV row, a Parquet row) made into a Document, or the
reasons it cannot be coded: the field checks of DESIGN 3.1 that every reader of ingest shares."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Final, TypeVar

from eventcodes.documents import Document, Reject
from eventcodes.origin import Origin
from eventcodes.pubdates import epoch_date, parse_publication_date

_REQUIRED: Final = ("id", "date", "text")
_OPTIONAL: Final = ("title", "publisher", "url", "language")
_FIELDS: Final = _REQUIRED + _OPTIONAL

_T = TypeVar("_T")


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
    if isinstance(value, float):
        if math.isfinite(value):
            return (str(int(value)) if value.is_integer() else repr(value)), None
        return None, (
            f"field 'id' is {value!r}, a number that is not finite (NaN or Infinity in JSON, "
            "an empty cell of a float column in Parquet); give every record a unique id, "
            "as a string or a finite number"
        )
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
