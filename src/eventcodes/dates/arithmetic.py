"""Resolving parsed date expressions: plain date arithmetic against the publication date, and
checks of the words around an expression (counts, future cues, sentence starts)."""

from __future__ import annotations

import datetime

from .model import (
    Resolved,
)
from .vocabulary import (
    CLAUSE_STOP,
    COUNT_NOUNS,
    CUE,
    DAY1,
    NUMBER_WORDS,
    PUNCTUATION,
    WORD_AFTER,
)

# ---------------------------------------------------------------------------------------------
# Date arithmetic
# ---------------------------------------------------------------------------------------------


def _monday(day: datetime.date) -> datetime.date:
    """Return the Monday of the ISO week of ``day``."""
    return day - datetime.timedelta(days=day.weekday())


def _shift_month(year: int, month: int, by: int) -> datetime.date:
    """Return the 1st of the month ``by`` months after ``year``-``month`` (negative: before)."""
    index = year * 12 + (month - 1) + by
    return datetime.date(index // 12, index % 12 + 1, 1)


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    """Return the date, or None when it does not exist (30 February)."""
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _month_day(month: int, day: int, doc: datetime.date, forward: bool) -> datetime.date | None:
    """Return the latest month-day on or before ``doc`` (with ``forward``: first on or after)."""
    step = 1 if forward else -1
    for k in range(9):  # nine years always reach a 29 February
        found = _safe_date(doc.year + step * k, month, day)
        if found is not None and (found >= doc if forward else found <= doc):
            return found
    return None


def _day_of_month(day: int, doc: datetime.date, forward: bool) -> datetime.date | None:
    """Return the latest ``day``-th on or before ``doc`` (with ``forward``: first on or after)."""
    step = 1 if forward else -1
    for k in range(13):
        first = _shift_month(doc.year, doc.month, step * k)
        found = _safe_date(first.year, first.month, day)
        if found is not None and (found >= doc if forward else found <= doc):
            return found
    return None


def _month_alone(month: int, mode: str, doc: datetime.date) -> datetime.date:
    """Return the 1st of a month named alone; mode is past, last, next, this or cue."""
    if mode == "last":
        year = doc.year if month < doc.month else doc.year - 1
    elif mode == "next":
        year = doc.year if month > doc.month else doc.year + 1
    elif mode == "this":
        year = doc.year
    elif mode == "cue":
        year = doc.year if month >= doc.month else doc.year + 1
    else:
        year = doc.year if month <= doc.month else doc.year - 1
    return datetime.date(year, month, 1)


# ---------------------------------------------------------------------------------------------
# Context checks
# ---------------------------------------------------------------------------------------------


def word_after(sentence: str, pos: int) -> str:
    """Return the word right after ``pos`` (after whitespace only), or ''."""
    m = WORD_AFTER.match(sentence, pos)
    return m.group(1) if m else ""


def word_before(sentence: str, pos: int) -> str:
    """Return the last word before ``pos`` without surrounding punctuation, or ''."""
    words = sentence[max(0, pos - 30) : pos].split()
    return words[-1].strip(PUNCTUATION) if words else ""


def count_follows(sentence: str, pos: int) -> bool:
    """Return True when a quantity noun follows ``pos`` ("12 people", "2000 years")."""
    return word_after(sentence, pos).lower() in COUNT_NOUNS


def future_cue(sentence: str, start: int) -> bool:
    """Return True when a future cue is among the eight words before ``start`` in its clause."""
    last = None
    for m in CUE.finditer(sentence, max(0, start - 80), start):
        at = m.start()
        if m.group()[0] in "'\u2019" or not at or not sentence[at - 1].isalnum():
            last = m  # a whole word ("goodwill" is not "will"), or a contraction ("they'll")
    if last is None:
        return False
    between = sentence[last.end() : start]
    return CLAUSE_STOP.search(between) is None and len(between.split()) <= 8


def tokens_before(sentence: str, pos: int, count: int) -> list[tuple[str, int]]:
    """Return up to ``count`` words before ``pos``, nearest first, each with its start offset.

    Punctuation ends a phrase: a word that ends in punctuation (``said,``) is not returned, nor
    anything before it, and a word that starts with it (``(last``) is the last one returned.
    """
    chunk = sentence[max(0, pos - 40) : pos]
    base = pos - len(chunk)
    words: list[tuple[str, int]] = []
    end = len(chunk)
    if not end or not chunk[-1].isspace():
        return words  # "two-day", "(today": no separate word before
    while len(words) < count:
        stripped = chunk[:end].rstrip()
        if not stripped or not stripped[-1].isalnum():
            break
        cut = max(stripped.rfind(" "), stripped.rfind("\n"), stripped.rfind("\t")) + 1
        token = stripped[cut:]
        word = token.lstrip(PUNCTUATION)
        words.append((word, base + cut + len(token) - len(word)))
        if word != token:
            break
        end = cut
    return words


def parse_number(token: str) -> int | None:
    """Return the value of ``3``, ``three``, ``a``, ``twenty-five``; None for anything else."""
    token = token.lower()
    if token.isdigit():
        return int(token) if len(token) <= 3 else None
    tens, _, unit = token.partition("-")
    if tens not in NUMBER_WORDS:
        return None
    if not unit:
        return NUMBER_WORDS[tens]
    if NUMBER_WORDS[tens] % 10 or NUMBER_WORDS.get(unit, 10) > 9:
        return None  # only "twenty-five" style compounds
    return NUMBER_WORDS[tens] + NUMBER_WORDS[unit]


def sentence_initial(sentence: str, pos: int) -> bool:
    """Return True when nothing but spaces, quotes or brackets comes before ``pos``."""
    return not any(c.isalnum() for c in sentence[:pos])


# ---------------------------------------------------------------------------------------------
# Resolution: plain arithmetic on parsed parts
# ---------------------------------------------------------------------------------------------


def _day_result(day: datetime.date | None, doc: datetime.date) -> Resolved | None:
    """Return a day-precision result, future when after the publication date."""
    if day is None:
        return None
    return Resolved(day, "day", day > doc)


def resolve_weekday(
    weekday: int, mode: str, week: str | None, cue: bool, doc: datetime.date
) -> Resolved | None:
    """Return the date of a weekday; mode is ``last``, ``next`` or '' (news default)."""
    if week is not None:
        monday = _monday(doc) + datetime.timedelta(weeks={"last": -1, "this": 0, "next": 1}[week])
        return _day_result(monday + datetime.timedelta(days=weekday), doc)
    back = (doc.weekday() - weekday) % 7
    if mode == "last":
        return _day_result(doc - datetime.timedelta(days=back or 7), doc)
    if mode == "next" or cue:
        ahead = (weekday - doc.weekday()) % 7 or 7
        return _day_result(doc + datetime.timedelta(days=ahead), doc)
    return _day_result(doc - datetime.timedelta(days=back), doc)


def resolve_month_day(
    month: int, day: int, year: int | None, weekday: int | None, cue: bool, doc: datetime.date
) -> Resolved | None:
    """Return the date of a month-day, taking the news year when none is written.

    A weekday written with it (``Wednesday, Nov. 6``) picks, among the publication year and the
    years before and after, the one where the date falls on that weekday.
    """
    if year is not None:
        return _day_result(_safe_date(year, month, day), doc)
    found = _month_day(month, day, doc, forward=cue)
    if weekday is not None and (found is None or found.weekday() != weekday):
        for candidate in (doc.year, doc.year - 1, doc.year + 1):
            other = _safe_date(candidate, month, day)
            if other is not None and other.weekday() == weekday:
                return _day_result(other, doc)
    return _day_result(found, doc)


def resolve_ordinal(day: int, rel: str | None, cue: bool, doc: datetime.date) -> Resolved | None:
    """Return the date of ``the 12th`` (optionally ``of this/last/next month``)."""
    if rel in ("this", "last", "next"):
        first = _shift_month(doc.year, doc.month, {"last": -1, "this": 0, "next": 1}[rel])
        return _day_result(_safe_date(first.year, first.month, day), doc)
    return _day_result(_day_of_month(day, doc, forward=cue), doc)


def month_result(first: datetime.date, doc: datetime.date) -> Resolved:
    """Return a month-precision result."""
    return Resolved(first, "month", first > doc)


def resolve_month_alone(month: int, mode: str, doc: datetime.date) -> Resolved:
    """Return the month of ``in March``, ``last March``, ``next May`` (see ``_month_alone``)."""
    return month_result(_month_alone(month, mode, doc), doc)


def resolve_iso(year: int, month: int, day: int, doc: datetime.date) -> Resolved | None:
    """Return the date of ``2023-10-12``, or None when it does not exist."""
    return _day_result(_safe_date(year, month, day), doc)


def resolve_year(year: int, doc: datetime.date) -> Resolved:
    """Return 1 January of the year, year precision."""
    first = datetime.date(year, 1, 1)
    return Resolved(first, "year", first > doc)


def resolve_offset(days: int, doc: datetime.date) -> Resolved:
    """Return the day ``days`` after the publication date (negative: before)."""
    return Resolved(doc + datetime.timedelta(days=days), "day", days > 0)


REL_DAY_OFFSET = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
# Unit words of "N units ago" and their singular.
UNITS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "fortnight": "fortnight",
    "fortnights": "fortnight",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
}


def resolve_count(n: int, unit: str, doc: datetime.date) -> Resolved:
    """Return the date of ``two days ago``, ``three weeks earlier``, ``a year ago``."""
    if unit == "day":
        return Resolved(doc - datetime.timedelta(days=n), "day", False)
    if unit in ("week", "fortnight"):
        weeks = n * (2 if unit == "fortnight" else 1)
        return Resolved(_monday(doc - datetime.timedelta(weeks=weeks)), "week", False)
    if unit == "month":
        return Resolved(_shift_month(doc.year, doc.month, -n), "month", False)
    return Resolved(datetime.date(doc.year - n, 1, 1), "year", False)


def _weekend_saturday(rel: str, doc: datetime.date) -> datetime.date:
    """Return the Saturday of a weekend; rel is ``past``, ``cue``, ``last``, ``this`` or ``next``.

    ``past`` (``over the weekend``) is the latest weekend begun on or before the publication
    date; ``last`` the latest one already over; ``this`` and ``cue`` the current weekend or else
    the coming one; ``next`` the coming one.
    """
    latest = doc - datetime.timedelta(days=(doc.weekday() - 5) % 7)
    coming = doc + datetime.timedelta(days=(5 - doc.weekday()) % 7 or 7)
    if rel in ("last", "the previous"):
        return latest if latest + DAY1 < doc else latest - datetime.timedelta(weeks=1)
    if rel in ("this", "cue"):
        return latest if doc.weekday() >= 5 else coming
    if rel == "next":
        return coming
    return latest


def resolve_period(rel: str, unit: str, mod: str, doc: datetime.date) -> Resolved:
    """Return the date of ``last week``, ``earlier this month``, ``next year``, ``this weekend``."""
    if unit == "weekend":
        saturday = _weekend_saturday(rel, doc)
        return Resolved(_monday(saturday), "week", saturday > doc)
    step = {"last": -1, "the previous": -1, "this": 0, "next": 1}[rel]
    forced = mod == "later" and step == 0  # "later this week" points forward
    if unit == "week":
        first = _monday(doc) + datetime.timedelta(weeks=step)
        return Resolved(first, "week", forced or first > doc)
    if unit == "month":
        first = _shift_month(doc.year, doc.month, step)
        return Resolved(first, "month", forced or first > doc)
    first = datetime.date(doc.year + step, 1, 1)
    return Resolved(first, "year", forced or first > doc)


def normalise(text: str) -> str:
    """Return the cache form of an expression: lower case, no dots, single spaces."""
    return " ".join(text.lower().replace(".", " ").split())


def lower_words(text: str | None) -> str:
    """Return ``text`` in lower case with single spaces ('' for None)."""
    return " ".join(text.lower().split()) if text else ""
