"""Publication dates in the forms feeds and archives carry, as the UTC calendar date.

ISO 8601 dates and date-times take a fast path (a regular expression). Unix epoch seconds and
compact ``YYYYMMDD`` are read directly. Anything else (RFC 2822 ``Mon, 04 Nov 2024 08:15:00 GMT``,
``Nov 4, 2024``, ``4 November 2024``, ``04.11.2024``, ...) goes through ``dateparser``, which is
slow (about a millisecond a call) and so is called once per distinct value, at ingest, never per
sentence. A value with a time zone or offset gives the calendar date in UTC; a value without one
is taken as written (as a UTC date). A numeric date whose day and month could be swapped
(``04/11/2024``) is read only with a date order (``DMY`` or ``MDY``, the ``--date-order`` option).
A value with no day, or a relative one (``yesterday``), is not a publication date.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Final

__all__ = ["DATE_ORDERS", "epoch_date", "parse_publication_date"]

#: the values of ``--date-order``: the order of day, month and year in numeric dates
DATE_ORDERS: Final = ("DMY", "MDY", "YMD")

#: languages whose month and weekday names dateparser reads in publication dates
LANGUAGES: Final = ["en", "fr", "de", "es", "pt", "it", "nl"]

_ISO: Final = re.compile(
    r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})"
    r"(?:[Tt ](?P<hour>[0-9]{2}):(?P<minute>[0-9]{2})"
    r"(?::(?P<second>[0-9]{2})(?:[.,][0-9]+)?)?"
    r"(?P<tz>[Zz]|(?P<sign>[+-])(?P<tz_hour>[0-9]{2})(?::?(?P<tz_minute>[0-9]{2}))?)?)?",
    re.ASCII,
)
_COMPACT: Final = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})", re.ASCII)
_EPOCH: Final = re.compile(r"-?[0-9]{9,10}(?:\.[0-9]+)?", re.ASCII)
_EPOCH_MS: Final = re.compile(r"-?[0-9]{12,13}", re.ASCII)
#: a numeric date: three groups of digits separated by / . or -
_NUMERIC: Final = re.compile(
    r"(?P<a>[0-9]{1,4})(?P<sep>[/.-])(?P<b>[0-9]{1,2})(?P=sep)(?P<c>[0-9]{1,4})"
    r"(?P<rest>(?:[T ,].*)?)",
    re.ASCII | re.DOTALL,
)

_FIX: Final = "give an ISO date such as 2024-11-04"


def parse_publication_date(
    value: str, *, date_order: str | None = None
) -> tuple[dt.date | None, str | None]:
    """Return (the UTC date of a publication date, None) or (None, why it cannot be read)."""
    if date_order is not None and date_order not in DATE_ORDERS:
        raise ValueError(f"date order {date_order!r} must be one of {', '.join(DATE_ORDERS)}")
    text = value.strip()
    if not text:
        return None, f"empty field 'date' ({_FIX})"
    return _parse(text, date_order)


def epoch_date(number: float) -> dt.date | None:
    """Return the UTC date of Unix epoch seconds (or milliseconds, 12-13 digits), or None.

    Only numbers of 9 to 13 digits (1973 to 5138, or their milliseconds) count as epoch times:
    a number such as ``20241104`` or ``2024`` is not one.
    """
    if isinstance(number, bool) or not 1e8 <= number < 1e13:
        return None
    seconds = number / 1000 if number >= 1e11 else number
    try:
        return dt.datetime.fromtimestamp(seconds, dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


@functools.lru_cache(maxsize=8192)
def _parse(text: str, date_order: str | None) -> tuple[dt.date | None, str | None]:
    if text[:1].isdigit():
        iso = _ISO.fullmatch(text)
        if iso is not None:
            day = _iso_date(iso)
            return (day, None) if day is not None else (None, _unreadable(text))
        if _COMPACT.fullmatch(text):
            try:
                return dt.date(int(text[:4]), int(text[4:6]), int(text[6:])), None
            except ValueError:
                return None, _unreadable(text)
    if _EPOCH.fullmatch(text) or _EPOCH_MS.fullmatch(text):
        day = epoch_date(float(text))
        return (day, None) if day is not None else (None, _unreadable(text))
    numeric = _NUMERIC.fullmatch(text)
    order = date_order
    if numeric is not None:
        order, problem = _numeric_order(numeric, date_order)
        if problem is not None:
            return None, problem
    return _dateparser(text, order)


def _iso_date(match: re.Match[str]) -> dt.date | None:
    """Return the UTC date of an ISO date or date-time, or None if a part is out of range."""
    try:
        day = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None
    limits = (("hour", 23), ("minute", 59), ("second", 60), ("tz_hour", 23), ("tz_minute", 59))
    for group, highest in limits:
        if match[group] is not None and int(match[group]) > highest:
            return None
    if match["sign"] is None or match["hour"] is None:
        return day
    offset = dt.timedelta(hours=int(match["tz_hour"]), minutes=int(match["tz_minute"] or 0))
    local = dt.datetime.combine(day, dt.time(int(match["hour"]), int(match["minute"])))
    utc = local - offset if match["sign"] == "+" else local + offset
    return utc.date()


def _numeric_order(match: re.Match[str], given: str | None) -> tuple[str | None, str | None]:
    """Return the date order of a numeric date, or why it is ambiguous without one."""
    a, b, c = match["a"], match["b"], match["c"]
    if len(a) == 4:
        return "YMD", None
    if given is not None:
        return given, None
    first, second = int(a), int(b)
    if first > 12 >= second:
        return "DMY", None
    if second > 12 >= first:
        return "MDY", None
    if first == second:
        return "DMY", None  # either order gives the same date
    return None, (
        f"ambiguous numeric date {a}{match['sep']}{b}{match['sep']}{c} (day and month could be "
        "swapped; give --date-order DMY or MDY, or an ISO date such as 2024-11-04)"
    )


def _dateparser(text: str, order: str | None) -> tuple[dt.date | None, str | None]:
    import dateparser  # slow to import: only when a feed's dates need it

    settings: dict[str, object] = {
        "TIMEZONE": "UTC",
        "TO_TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PARSERS": ["absolute-time"],
    }
    if order is not None:
        settings["DATE_ORDER"] = order
    try:
        parsed = dateparser.parse(text, languages=LANGUAGES, settings=settings)
    except (ValueError, OverflowError, TypeError):
        parsed = None
    if parsed is None:
        return None, _unreadable(text)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC)
    return parsed.date(), None


def _unreadable(text: str) -> str:
    shown = text if len(text) <= 40 else text[:40] + "..."
    return (
        f"unparseable date {shown!r} ({_FIX}, 2024-11-04T09:30:00Z, "
        "Mon, 04 Nov 2024 08:15:00 GMT or Nov 4, 2024)"
    )
