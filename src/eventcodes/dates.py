"""Date expressions in news sentences, resolved against the publication date.

``find_dates(sentence, doc_date)`` returns every date expression in one English sentence, in text
order, each resolved to a calendar date with a precision (``day``, ``week``, ``month``, ``year``).

How it stays fast: one compiled trigger expression scans the sentence first; a sentence without
a month name, weekday, ``today``/``yesterday``/``tomorrow``, ``ago``/``earlier``,
``last/this/next week|month|year``, ISO date, ``in 2019`` or ``the 12th`` costs that one scan and
nothing else. Only the pattern families whose trigger fired are then run, and every resolution
is cached per (normalised expression, document date, future cue). All resolution is plain date
arithmetic: explicit dates are taken apart by the patterns themselves, so ``dateparser`` (slow and
lenient) is never needed here.

News conventions used (the publication date is the anchor for everything):

- A weekday is the latest such day on or before the publication date (``on Monday`` in
  Monday's paper is that Monday). ``last Monday`` / ``this past Monday`` is the latest one
  strictly before it. ``Monday of last week`` is the Monday of the previous ISO week.
- The future rule: ``next Friday``, ``this coming Friday``, or a future cue (``will``, ``'ll``,
  ``shall``, ``won't``, ``is/are due``, ``is/are scheduled``, ``is/are set to``,
  ``is/are expected to``, ``is/are to``, ``plan(s) to``, ``to be held``, ``planned for``) among the
  eight words before the expression, in the same clause (the look-back stops at ``,`` ``;`` ``:``
  brackets, quotes and sentence punctuation). With a cue a weekday is the next such day strictly
  after the publication date; a month-day without a year or ``the 12th`` is the next one on or
  after it; a month alone is the next one not before the publication month; ``the weekend`` is
  the coming one. A cue after the expression (``On Friday, leaders will meet``) is not seen.
- ``future`` is True when the expression points after the publication date (``tomorrow``,
  ``next week``, ``later this month``, a resolved date after the publication date).
- A month-day without a year takes the year that puts it on or before the publication date,
  unless a future cue is present. ``in March`` is the latest March not after the publication
  month; ``last March`` the latest one strictly before it; ``next March`` the first one after.
- Week precision gives the Monday of the ISO week; month precision the 1st; year precision 1 Jan.
  ``a week ago`` and ``three weeks earlier`` have week precision, ``a year ago`` year precision.
- ``N days later`` and ``the next day`` are not resolved: their anchor is another event of the
  narrative, not the publication date. ``the day before`` and ``the previous day`` are resolved
  to the day before publication (news usage), but not when followed by a noun phrase
  (``the day before the vote``).
- Not dates: ``may``/``march``/``august`` in lower case, ``May``/``March`` without a day, a
  year or a cue word (``in``, ``since``, ``last`` ...), abbreviations (``Jan``, ``Mar``) without a
  day number, ``Mon``/``Sun``, ``Sunday Times``, ``Monday Night Football``, ``Good Friday``,
  ``Independence Day``, ages, quantities and counts (``2,000 troops``, ``in 2000 years``), decades
  (``the 1990s``), fiscal years (``2019-20``, ``fiscal 2019``), durations (``for two years``,
  ``the last year``), movements named after dates (``the March 14 Alliance``).
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["DateMatch", "DateResolver", "CacheInfo", "find_dates", "default_resolver"]

PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class DateMatch:
    """One date expression found in a sentence and its resolved date."""

    start: int
    end: int
    text: str
    date: datetime.date
    precision: str
    future: bool


class CacheInfo(NamedTuple):
    """Counters of a resolver's cache: hits, misses and current number of entries."""

    hits: int
    misses: int
    size: int


class _Resolved(NamedTuple):
    date: datetime.date
    precision: str
    future: bool


# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------


def _wordset(text: str) -> frozenset[str]:
    """Return the set of the whitespace-separated words of ``text``."""
    return frozenset(text.split())


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_NUM = {name.lower(): i for i, name in enumerate(_WEEKDAYS)}
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_NUM = {name.lower(): i + 1 for i, name in enumerate(_MONTHS)}
_MONTH_NUM.update(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}

# Nouns that make a preceding number a quantity, not a day or a year ("May 12 people",
# "in 2000 years", "a crowd of 1900 protesters").
_COUNT_NOUNS = _wordset(
    """
    people persons troops soldiers civilians children kids women men residents refugees migrants
    protesters demonstrators fighters militants rebels insurgents police policemen officers workers
    prisoners detainees hostages students votes voters seats dollars euros pounds yuan rupees yen
    tons tonnes barrels litres liters gallons km kilometres kilometers miles metres meters feet
    acres hectares homes houses buildings cases deaths casualties victims dead wounded injured
    years months weeks days hours minutes seconds times members delegates villages vehicles tanks
    rockets missiles drones shells rounds units jobs families cars flights passengers trucks
    ships aircraft planes jets percent per pieces copies signatures arrests lives more other others
    """
)

# Capitalised words before a weekday that make it a holiday or a name, not a date.
_WEEKDAY_BLOCK_BEFORE = _wordset(
    """
    good black bloody super cyber palm easter ash holy maundy giving shrove whit blue manic
    casual
    """
)
# Words after a weekday that make it a title (newspapers, shows) or not a date.
_WEEKDAY_BLOCK_AFTER = re.compile(
    r"\s+(?:(?:Times|Telegraph|Express|Mirror|Post|Herald|Independent|Mail|People|Sport|Star"
    r"|Tribune|Business|Review|Observer|Bloody|schools?|papers?|newspapers?|editions?"
    r"|supplements?|magazines?)\b|(?:Night|Morning)\s+[A-Z])"
)
# Capitalised words after a month-day that make it a name ("the March 14 Alliance").
_NAME_AFTER_DATE = re.compile(
    r"\s+(?:Movement|Alliance|Coalition|Revolution|Uprising|Youth|Party|Front|Group|Brigades?"
    r"|Bridge|Street|Square|Avenue|Stadium|University|Declaration)\b"
)
# Nouns before "of" that make "of <month>" or "of <year>" a time ("the end of March").
_TIME_BEFORE_OF = _wordset(
    """
    end start beginning middle half quarter week weeks month months days part rest course
    spring summer autumn fall winter ides elections election first second third fourth last
    """
)
# Words that may follow "the 12th" in a date ("on the 12th, police ...").
_AFTER_ORDINAL_OK = _wordset(
    """
    and when at in as after before but or to with while that the a an which until amid during
    police officials troops he she they it
    """
)

# ---------------------------------------------------------------------------------------------
# Regular expressions
# ---------------------------------------------------------------------------------------------

_WD = "|".join(_WEEKDAYS)
_FULL_MONTH = "(?:" + "|".join(_MONTHS) + r")\b"
_ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b)"
_ANY_MONTH = f"(?:{_FULL_MONTH}|{_ABBR_MONTH})"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w%]|[.,]\d|-\w|:\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\w%]|[.,]\d|[-\u2013/]\d)"
_CLAUSE_STOP = re.compile(r"[,;:.!?()\[\]\"\u201c\u201d]")

# Group names of the trigger tell which pattern families to run.
_TRIGGER = re.compile(
    rf"\b(?P<wd>{_WD})\b"
    rf"|\b(?P<mon>{_FULL_MONTH}|{_ABBR_MONTH}\s*\d|\d(?:st|nd|rd|th)?\s+(?:of\s+)?{_ABBR_MONTH})"
    r"|\b(?P<rel>(?i:today|yesterday|tomorrow|tonight|weekend"
    r"|(?:last|this|next|previous)\s+(?:week|month|year|night|morning|afternoon|evening)"
    r"|(?:days?|weeks?|months?|years?|fortnight)\s+(?:ago|earlier|before)"
    r"|day\s+(?:before|after)|night\s+before|previous\s+day))\b"
    r"|\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"
    r"|\b(?P<year>(?i:in|since|during|by|until|till|through|throughout|of)"
    r"\s+(?:(?i:the\s+year|early|late)\s+|(?i:mid)-?\s*)?(?:19|20)\d\d)"
    r"|\b(?P<ord>the\s+\d{1,2}(?:st|nd|rd|th)\b)"
)

_P_WEEKDAY = re.compile(
    r"\b(?P<x>(?:(?P<pre>(?i:next|last|this\s+coming|this\s+past|(?:early|late|earlier|later)"
    rf"(?:\s+on)?))\s+)?(?P<wd>{_WD})\b"
    r"(?:\s+(?P<part>night|morning|afternoon|evening|midday|noon))?"
    r"(?:\s+of\s+(?P<wk>last|this|next)\s+week)?)"
)
_P_MDY = re.compile(
    rf"\b(?P<x>(?:(?P<wd>{_WD}),?\s+)?(?P<mon>{_ANY_MONTH})\s+{_DAY}(?:,?\s+{_YEAR})?)"
)
_P_DMY = re.compile(
    rf"\b(?P<x>(?:(?P<wd>{_WD}),?\s+)?(?:the\s+)?{_DAY}(?:\s+of)?\s+(?P<mon>{_ANY_MONTH})"
    rf"(?:,?\s+{_YEAR})?)"
)
_P_MONTH_YEAR = re.compile(
    rf"\b(?P<x>(?:(?i:early|late)\s+|(?i:mid)-?\s*)?(?P<mon>{_ANY_MONTH})(?:\s+of)?,?\s+{_YEAR})"
)
_P_MONTH_REL = re.compile(
    rf"\b(?P<x>(?P<rel>(?i:last|next|this|early|late)\s+|(?i:mid)-?\s*)(?P<mon>{_FULL_MONTH}))"
)
_P_MONTH_PREP = re.compile(
    r"\b(?P<cue>(?i:in|since|by|until|till|throughout|through|during|from|of|before|after"
    rf"|around))\s+(?P<x>(?P<mon>{_FULL_MONTH}))"
)
_P_ORDINAL = re.compile(
    r"\b(?i:on|since|by|until|till|from|before|after)\s+(?P<x>the\s+(?P<day>3[01]|[12]\d|0?[1-9])"
    r"(?:st|nd|rd|th)\b(?:\s+of\s+(?P<rel>this|last|next|the)\s+month\b)?)"
)
_P_ISO = re.compile(
    r"(?<![\d-])(?P<x>(?P<year>(?:19|20)\d\d)-(?P<mo>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01]))"
    r"(?!\d)"
)
_P_YEAR = re.compile(
    r"\b(?P<cue>(?i:in|since|during|by|until|till|throughout|through|of))\s+"
    rf"(?P<x>(?:(?i:the\s+year|early|late)\s+|(?i:mid)-?\s*)?{_YEAR})"
)
_P_REL_DAY = re.compile(
    r"\b(?P<x>(?i:today|yesterday|tomorrow|tonight|last\s+night"
    r"|this\s+(?:morning|afternoon|evening)|the\s+day\s+before\s+yesterday"
    r"|the\s+day\s+after\s+tomorrow|the\s+day\s+before|the\s+night\s+before"
    r"|the\s+previous\s+(?:day|night)))\b"
)
_NUM_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_P_COUNT = re.compile(
    rf"(?<![\w,.-])(?P<x>(?P<n>(?i:{_NUM_WORD})|\d{{1,3}})\s+"
    r"(?P<unit>(?i:days?|weeks?|months?|years?|fortnight))\s+(?P<dir>(?i:ago|earlier|before)))\b"
)
_P_PERIOD = re.compile(
    r"\b(?P<x>(?:(?P<mod>(?i:early|earlier|late|later))\s+)?"
    r"(?P<rel>(?i:last|this|next|the\s+previous))\s+(?P<unit>(?i:week|weekend|month|year)))\b"
    r"|\b(?i:over|at|during)\s+(?P<wx>(?i:the)\s+(?i:weekend))\b"
)

_CUE = re.compile(
    r"(?:\b(?:will|shall|won't|wo\s+n't|(?:is|are)\s+(?:due|scheduled|set\s+to|expected\s+to|to)"
    r"|plans?\s+to|planned\s+for|to\s+be\s+held)\b|\w['\u2019]ll\b|\bwon\u2019t\b)",
    re.IGNORECASE,
)
_BEFORE_OK = re.compile(
    r"\s*(?:$|[,.;:!?)\"'\u2019\u201d]|(?:and|but|when|as|while|after|or)\b)", re.IGNORECASE
)
_NAMED_MARCH = re.compile(r"\s+(?:for|against)\s+[A-Z]")
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[^A-Za-z]*$")

_DAY1 = datetime.timedelta(days=1)


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


def _number(text: str) -> int:
    """Return the value of a number written in digits or words (``25``, ``twenty-five``, ``a``)."""
    text = text.lower()
    if text.isdigit():
        return int(text)
    tens, _, unit = text.partition("-")
    return _NUMBER_WORDS[tens] + (_NUMBER_WORDS[unit] if unit else 0)


# ---------------------------------------------------------------------------------------------
# Context checks
# ---------------------------------------------------------------------------------------------


def _word_after(sentence: str, pos: int) -> str:
    """Return the word right after ``pos`` (after whitespace only), or ''."""
    m = _WORD_AFTER.match(sentence, pos)
    return m.group(1) if m else ""


def _word_before(sentence: str, pos: int) -> str:
    """Return the last word before ``pos`` (skipping spaces and punctuation), or ''."""
    m = _WORD_BEFORE.search(sentence, max(0, pos - 30), pos)
    return m.group(1) if m else ""


def _count_follows(sentence: str, pos: int) -> bool:
    """Return True when a quantity noun follows ``pos`` ("12 people", "2000 years")."""
    return _word_after(sentence, pos).lower() in _COUNT_NOUNS


def _future_cue(sentence: str, start: int) -> bool:
    """Return True when a future cue is among the eight words before ``start`` in its clause."""
    window = sentence[max(0, start - 80) : start]
    stops = list(_CLAUSE_STOP.finditer(window))
    if stops:
        window = window[stops[-1].end() :]
    words = window.split()[-8:]
    return bool(words) and _CUE.search(" ".join(words)) is not None


def _sentence_initial(sentence: str, pos: int) -> bool:
    """Return True when nothing but spaces, quotes or brackets comes before ``pos``."""
    return not any(c.isalnum() for c in sentence[:pos])


# ---------------------------------------------------------------------------------------------
# Resolution, one function per pattern family
# ---------------------------------------------------------------------------------------------

_Resolve = Callable[[re.Match[str], datetime.date, bool], "_Resolved | None"]
_Accept = Callable[[str, re.Match[str]], bool]


def _day_result(day: datetime.date | None, doc: datetime.date) -> _Resolved | None:
    """Return a day-precision result, future when after the publication date."""
    if day is None:
        return None
    return _Resolved(day, "day", day > doc)


def _resolve_weekday(m: re.Match[str], doc: datetime.date, cue: bool) -> _Resolved | None:
    """Return the date of a weekday expression."""
    wd = _WEEKDAY_NUM[m.group("wd").lower()]
    pre = " ".join((m.group("pre") or "").lower().split())
    wk = m.group("wk")
    if wk is not None:
        monday = _monday(doc) + datetime.timedelta(weeks={"last": -1, "this": 0, "next": 1}[wk])
        return _day_result(monday + datetime.timedelta(days=wd), doc)
    back = (doc.weekday() - wd) % 7
    if pre in ("last", "this past"):
        return _day_result(doc - datetime.timedelta(days=back or 7), doc)
    if pre in ("next", "this coming") or cue:
        ahead = (wd - doc.weekday()) % 7 or 7
        return _day_result(doc + datetime.timedelta(days=ahead), doc)
    return _day_result(doc - datetime.timedelta(days=back), doc)


def _resolve_explicit(m: re.Match[str], doc: datetime.date, cue: bool) -> _Resolved | None:
    """Return the date of a month-day expression with or without a year."""
    month = _MONTH_NUM[m.group("mon").rstrip(".").lower()]
    day = int(m.group("day"))
    year = m.group("year")
    if year is not None:
        return _day_result(_safe_date(int(year), month, day), doc)
    return _day_result(_month_day(month, day, doc, forward=cue), doc)


def _resolve_iso(m: re.Match[str], doc: datetime.date, cue: bool) -> _Resolved | None:
    """Return the date of an ISO 8601 date."""
    return _day_result(
        _safe_date(int(m.group("year")), int(m.group("mo")), int(m.group("day"))), doc
    )


def _resolve_month_year(m: re.Match[str], doc: datetime.date, cue: bool) -> _Resolved | None:
    """Return the 1st of the month of ``March 2022``."""
    first = datetime.date(int(m.group("year")), _MONTH_NUM[m.group("mon").rstrip(".").lower()], 1)
    return _Resolved(first, "month", first > doc)


def _resolve_month_rel(m: re.Match[str], doc: datetime.date, cue: bool) -> _Resolved | None:
    """Return the 1st of the month of ``last March``, ``next May``, ``early June``."""
    rel = m.group("rel").strip().rstrip("-").lower()
    mode = rel if rel in ("last", "next", "this") else ("cue" if cue else "past")
    first = _month_alone(_MONTH_NUM[m.group("mon").lower()], mode, doc)
    return _Resolved(first, "month", first > doc)


def _resolve_month_prep(m: re.Match[str], doc: datetime.date, cue: bool) -> _Resolved | None:
    """Return the 1st of the month of ``in March``."""
    first = _month_alone(_MONTH_NUM[m.group("mon").lower()], "cue" if cue else "past", doc)
    return _Resolved(first, "month", first > doc)


def _resolve_ordinal(m: re.Match[str], doc: datetime.date, cue: bool) -> _Resolved | None:
    """Return the date of ``the 12th`` (optionally ``of this/last/next month``)."""
    day = int(m.group("day"))
    rel = m.group("rel")
    if rel in ("this", "last", "next"):
        first = _shift_month(doc.year, doc.month, {"last": -1, "this": 0, "next": 1}[rel])
        return _day_result(_safe_date(first.year, first.month, day), doc)
    return _day_result(_day_of_month(day, doc, forward=cue), doc)


def _resolve_year(m: re.Match[str], doc: datetime.date, cue: bool) -> _Resolved | None:
    """Return 1 January of ``in 2019``."""
    first = datetime.date(int(m.group("year")), 1, 1)
    return _Resolved(first, "year", first > doc)


_REL_DAY_OFFSET = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "the day before": -1,
    "the night before": -1,
    "the previous day": -1,
    "the previous night": -1,
    "the day before yesterday": -2,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}


def _resolve_rel_day(m: re.Match[str], doc: datetime.date, cue: bool) -> _Resolved | None:
    """Return the date of ``today``, ``yesterday``, ``the previous day`` ..."""
    offset = _REL_DAY_OFFSET[" ".join(m.group("x").lower().split())]
    return _day_result(doc + datetime.timedelta(days=offset), doc)


def _resolve_count(m: re.Match[str], doc: datetime.date, cue: bool) -> _Resolved | None:
    """Return the date of ``two days ago``, ``three weeks earlier``, ``a year ago``."""
    n = _number(m.group("n"))
    unit = m.group("unit").lower().rstrip("s")
    if unit == "day":
        return _Resolved(doc - datetime.timedelta(days=n), "day", False)
    if unit in ("week", "fortnight"):
        weeks = n * (2 if unit == "fortnight" else 1)
        return _Resolved(_monday(doc - datetime.timedelta(weeks=weeks)), "week", False)
    if unit == "month":
        return _Resolved(_shift_month(doc.year, doc.month, -n), "month", False)
    return _Resolved(datetime.date(doc.year - n, 1, 1), "year", False)


def _weekend_saturday(rel: str, doc: datetime.date) -> datetime.date:
    """Return the Saturday of a weekend; rel is ``past``, ``cue``, ``last``, ``this`` or ``next``.

    ``past`` (``over the weekend``) is the latest weekend begun on or before the publication
    date; ``last`` the latest one already over; ``this`` and ``cue`` the current weekend or else
    the coming one; ``next`` the coming one.
    """
    since_saturday = (doc.weekday() - 5) % 7
    latest = doc - datetime.timedelta(days=since_saturday)  # latest Saturday on or before doc
    coming = doc + datetime.timedelta(days=(5 - doc.weekday()) % 7 or 7)
    if rel in ("last", "the previous"):
        return latest if latest + _DAY1 < doc else latest - datetime.timedelta(weeks=1)
    if rel in ("this", "cue"):
        return latest if doc.weekday() >= 5 else coming
    if rel == "next":
        return coming
    return latest


def _resolve_period(m: re.Match[str], doc: datetime.date, cue: bool) -> _Resolved | None:
    """Return the date of ``last week``, ``earlier this month``, ``next year``, ``the weekend``."""
    if m.group("wx") is not None:
        saturday = _weekend_saturday("cue" if cue else "past", doc)
        return _Resolved(_monday(saturday), "week", saturday > doc)
    rel = " ".join(m.group("rel").lower().split())
    unit = m.group("unit").lower()
    mod = (m.group("mod") or "").lower()
    step = {"last": -1, "the previous": -1, "this": 0, "next": 1}[rel]
    if unit == "weekend":
        saturday = _weekend_saturday(rel, doc)
        return _Resolved(_monday(saturday), "week", saturday > doc)
    forced = mod == "later" and step == 0
    if unit == "week":
        first = _monday(doc) + datetime.timedelta(weeks=step)
        return _Resolved(first, "week", forced or first > doc)
    if unit == "month":
        first = _shift_month(doc.year, doc.month, step)
        return _Resolved(first, "month", forced or first > doc)
    first = datetime.date(doc.year + step, 1, 1)
    return _Resolved(first, "year", forced or first > doc)


# ---------------------------------------------------------------------------------------------
# Acceptance checks: context that makes a pattern match not a date
# ---------------------------------------------------------------------------------------------


def _accept_weekday(sentence: str, m: re.Match[str]) -> bool:
    """Return False for holidays and titles (``Good Friday``, ``Sunday Times``)."""
    if m.group("pre") is None:
        before = _word_before(sentence, m.start("wd"))
        if before.lower() in _WEEKDAY_BLOCK_BEFORE and before[:1].isupper():
            return False
    if m.group("part") is None and m.group("wk") is None:
        return _WEEKDAY_BLOCK_AFTER.match(sentence, m.end("wd")) is None
    return True


def _accept_explicit(sentence: str, m: re.Match[str]) -> bool:
    """Return False for quantities (``May 12 people``) and names (``the March 14 Alliance``)."""
    end = m.end("x")
    if (
        m.group("year") is None
        and _count_follows(sentence, end)
        and _word_before(sentence, m.start("x")).lower() != "on"
    ):
        return False
    return _NAME_AFTER_DATE.match(sentence, end) is None


def _accept_month_year(sentence: str, m: re.Match[str]) -> bool:
    """Return False when the year is a quantity (``in May 2000 people``)."""
    return not _count_follows(sentence, m.end("x"))


def _accept_month_prep(sentence: str, m: re.Match[str]) -> bool:
    """Return False for ``of March`` without a time noun before it and named marches."""
    if (
        m.group("cue").lower() == "of"
        and _word_before(sentence, m.start("cue")).lower() not in _TIME_BEFORE_OF
    ):
        return False
    return _NAMED_MARCH.match(sentence, m.end("x")) is None


def _accept_ordinal(sentence: str, m: re.Match[str]) -> bool:
    """Return False for ``the 12th century`` or ``the 5th Fleet``.

    Only the end of the sentence, punctuation or a function word may follow ``the 12th``.
    """
    rest = sentence[m.end("x") :].lstrip()
    if not rest or not rest[0].isalnum():
        return True
    return _word_after(" " + rest, 0).lower() in _AFTER_ORDINAL_OK


def _accept_year(sentence: str, m: re.Match[str]) -> bool:
    """Return False for quantities (``in 2000 years``) and ``of 2000`` after a non-time word."""
    if _count_follows(sentence, m.end("x")):
        return False
    if m.group("cue").lower() == "of":
        return _word_before(sentence, m.start("cue")).lower() in _TIME_BEFORE_OF
    return True


def _accept_rel_day(sentence: str, m: re.Match[str]) -> bool:
    """Return False for titles (``USA Today``) and ``the day before the vote``."""
    text = m.group("x")
    if text[0].isupper() and text.split()[0].lower() in (
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
    ):
        return _sentence_initial(sentence, m.start("x"))
    if text.lower().endswith("before"):
        return _BEFORE_OK.match(sentence, m.end("x")) is not None
    return True


def _accept_count(sentence: str, m: re.Match[str]) -> bool:
    """Return False for ``two days before the summit`` (anchored to another event)."""
    if m.group("dir").lower() == "before":
        return _BEFORE_OK.match(sentence, m.end("x")) is not None
    return True


def _accept_period(sentence: str, m: re.Match[str]) -> bool:
    """Return False for durations such as ``the last year`` or ``the next week``."""
    if m.group("wx") is not None or m.group("mod") is not None:
        return True
    if m.group("rel").lower().startswith("the"):
        return True
    return _word_before(sentence, m.start("x")).lower() != "the"


def _always(sentence: str, m: re.Match[str]) -> bool:
    """Return True: the pattern needs no context check."""
    return True


class _Family(NamedTuple):
    kind: str
    pattern: re.Pattern[str]
    accept: _Accept
    resolve: _Resolve
    uses_cue: bool


_F_WEEKDAY = _Family("weekday", _P_WEEKDAY, _accept_weekday, _resolve_weekday, True)
_F_MDY = _Family("mdy", _P_MDY, _accept_explicit, _resolve_explicit, True)
_F_DMY = _Family("dmy", _P_DMY, _accept_explicit, _resolve_explicit, True)
_F_MONTH_YEAR = _Family("month-year", _P_MONTH_YEAR, _accept_month_year, _resolve_month_year, False)
_F_MONTH_REL = _Family("month-rel", _P_MONTH_REL, _always, _resolve_month_rel, True)
_F_MONTH_PREP = _Family("month", _P_MONTH_PREP, _accept_month_prep, _resolve_month_prep, True)
_F_ORDINAL = _Family("ordinal", _P_ORDINAL, _accept_ordinal, _resolve_ordinal, True)
_F_ISO = _Family("iso", _P_ISO, _always, _resolve_iso, False)
_F_YEAR = _Family("year", _P_YEAR, _accept_year, _resolve_year, False)
_F_REL_DAY = _Family("rel-day", _P_REL_DAY, _accept_rel_day, _resolve_rel_day, False)
_F_COUNT = _Family("count", _P_COUNT, _accept_count, _resolve_count, False)
_F_PERIOD = _Family("period", _P_PERIOD, _accept_period, _resolve_period, True)

_MONTH_FAMILIES = (_F_MDY, _F_DMY, _F_MONTH_YEAR, _F_MONTH_REL, _F_MONTH_PREP)
# Trigger group name -> pattern families to run when it fires.
_FAMILIES_BY_TRIGGER: dict[str, tuple[_Family, ...]] = {
    "wd": (_F_WEEKDAY,),
    "mon": _MONTH_FAMILIES,
    "rel": (_F_REL_DAY, _F_COUNT, _F_PERIOD),
    "iso": (_F_ISO,),
    "year": (_F_YEAR,),
    "ord": (_F_ORDINAL, _F_DMY),
}
_ALL_FAMILIES = (
    _F_WEEKDAY,
    *_MONTH_FAMILIES,
    _F_ORDINAL,
    _F_ISO,
    _F_YEAR,
    _F_REL_DAY,
    _F_COUNT,
    _F_PERIOD,
)


def _normalise(text: str) -> str:
    """Return the cache form of an expression: lower case, no dots, single spaces."""
    return " ".join(text.lower().replace(".", " ").split())


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


class DateResolver:
    """Finds and resolves date expressions; holds the resolution cache.

    The cache maps (pattern family, normalised expression, document date, future cue) to the
    resolved date; it is emptied when it reaches ``max_cache`` entries, so memory stays bounded
    on corpora with many publication dates.
    """

    def __init__(self, max_cache: int = 100_000) -> None:
        self._max_cache = max_cache
        self._cache: dict[tuple[str, str, datetime.date, bool], _Resolved | None] = {}
        self._hits = 0
        self._misses = 0

    def cache_info(self) -> CacheInfo:
        """Return the cache counters (hits, misses, entries)."""
        return CacheInfo(self._hits, self._misses, len(self._cache))

    def clear_cache(self) -> None:
        """Return nothing; empty the cache and reset its counters."""
        self._cache.clear()
        self._hits = 0
        self._misses = 0

    def find_dates(self, sentence: str, doc_date: datetime.date) -> list[DateMatch]:
        """Return the date expressions in the sentence, in text order, resolved against doc_date.

        Overlapping expressions keep the longest (``Monday night`` over ``Monday``).
        """
        fired = {trigger.lastgroup for trigger in _TRIGGER.finditer(sentence)}
        if not fired:
            return []
        if len(fired) == 1:
            families = _FAMILIES_BY_TRIGGER[fired.pop() or ""]
        else:  # a fixed order keeps the result independent of set iteration order
            wanted = {f for name in fired for f in _FAMILIES_BY_TRIGGER[name or ""]}
            families = tuple(f for f in _ALL_FAMILIES if f in wanted)
        return self._scan(sentence, doc_date, families)

    def _scan(
        self, sentence: str, doc_date: datetime.date, families: tuple[_Family, ...]
    ) -> list[DateMatch]:
        """Return the resolved matches of the given pattern families, overlaps removed."""
        if isinstance(doc_date, datetime.datetime):
            doc_date = doc_date.date()
        found: list[DateMatch] = []
        for family in families:
            for m in family.pattern.finditer(sentence):
                start, end = m.span("wx") if m.group("x") is None else m.span("x")
                if not family.accept(sentence, m):
                    continue
                cue = family.uses_cue and _future_cue(sentence, start)
                resolved = self._resolve(family, m, sentence[start:end], doc_date, cue)
                if resolved is not None:
                    found.append(DateMatch(start, end, sentence[start:end], *resolved))
        if len(found) > 1:
            found = _longest_first(found)
        return found

    def _resolve(
        self,
        family: _Family,
        m: re.Match[str],
        text: str,
        doc_date: datetime.date,
        cue: bool,
    ) -> _Resolved | None:
        """Return the cached resolution of one expression, computing it on a miss."""
        key = (family.kind, _normalise(text), doc_date, cue)
        try:
            result = self._cache[key]
        except KeyError:
            self._misses += 1
            result = family.resolve(m, doc_date, cue)
            if len(self._cache) >= self._max_cache:
                self._cache.clear()
            self._cache[key] = result
            return result
        self._hits += 1
        return result


def _longest_first(found: list[DateMatch]) -> list[DateMatch]:
    """Return the matches that survive overlap removal (longest wins, then leftmost), in order."""
    kept: list[DateMatch] = []
    for cand in sorted(found, key=lambda d: (d.start - d.end, d.start)):
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    kept.sort(key=lambda d: d.start)
    return kept


@functools.lru_cache(maxsize=1)
def default_resolver() -> DateResolver:
    """Return the process-wide resolver used by ``find_dates``, created on first use."""
    return DateResolver()


def find_dates(sentence: str, doc_date: datetime.date) -> list[DateMatch]:
    """Return the date expressions in the sentence, in text order, resolved against doc_date."""
    return default_resolver().find_dates(sentence, doc_date)
