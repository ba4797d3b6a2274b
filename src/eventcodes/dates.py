"""Date expressions in news sentences, resolved against the publication date.

``find_dates(sentence, doc_date)`` returns every date expression in one English sentence, in text
order, each resolved to a calendar date with a precision (``day``, ``week``, ``month``, ``year``).

How it stays fast: one compiled trigger expression, built so that every branch starts with a
literal character, scans the sentence for anchor words (weekday and month names, month
abbreviations, ``day``/``week``/``month``/``year``/``night``/``morning``..., ``Today``, four-digit
years 19xx/20xx, ordinal suffixes). A sentence with no anchor costs that one scan and nothing
else. Around each anchor, small anchored expressions and a look at the neighbouring words decide
whether it is a date expression and where it starts and ends; overlapping expressions keep the
longest. Resolution is plain date arithmetic (explicit dates are taken apart by the patterns
themselves, so ``dateparser``, slow and lenient, is not needed) and is cached per (kind,
normalised expression, document date, future cue).

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
  unless a future cue is present; a weekday written with it (``Wednesday, Nov. 6``) picks the
  nearby year where the date falls on that weekday. ``in March`` is the latest March not after the publication
  month; ``last March`` the latest one strictly before it; ``next March`` the first one after;
  ``in July last year`` / ``March next year`` the month in that year.
- Week precision gives the Monday of the ISO week; month precision the 1st; year precision 1 Jan.
  ``a week ago`` and ``three weeks earlier`` have week precision, ``a year ago`` year precision.
- ``in 2019``, ``since 2019``, ``during``/``by``/``until``/``through 2019``, ``the end of 2019``,
  ``early 2019``, ``mid-2019``, ``the year 2019``: year precision. ``over the weekend``,
  ``last weekend``, ``this weekend``: week precision (the ISO week of that Saturday).
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
from typing import Any, NamedTuple

__all__ = ["DateMatch", "DateResolver", "CacheInfo", "find_dates", "default_resolver"]


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
_MONTH_SET = frozenset(_MONTHS)
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


def _literal_first_alternation(words: list[str]) -> str:
    """Return an alternation of ``words`` grouped by first character, longest first.

    Every branch starts with a literal character, so ``re`` skips the positions whose character
    starts no branch without entering the matcher: a sentence without a candidate costs one fast
    scan.
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in groups.items():
        rests = sorted(set(rests), key=len, reverse=True)
        branches.append(first + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")"))
    return "|".join(branches)


_WD = "|".join(_WEEKDAYS)
_FULL_MONTH = "(?:" + "|".join(_MONTHS) + r")\b"
_ABBR_MONTH = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b)"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w%]|[.,]\d|-\w|:\d)"
_YEAR_END = r"(?![\w%]|[.,]\d|[-\u2013/]\d)"

# Anchor words: each date expression contains one. Lower-case anchors are parts of words so that
# few letters start a branch ("fternoon" for afternoon, "morrow" for tomorrow).
_REL_ANCHORS = ["Today", "Yesterday", "Tomorrow", "Tonight"]
_REL_ANCHORS += ["day", "week", "month", "year", "night", "morning", "fternoon", "vening", "morrow"]
_MONTH_ANCHORS = [*_MONTHS, "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]
_MONTH_ANCHORS.append("Dec")
_DIGIT_ANCHORS = [r"19\d\d", r"20\d\d", "1st", "2nd", "3rd"] + [f"{d}th" for d in range(10)]
_TRIGGER = re.compile(
    _literal_first_alternation([*_WEEKDAYS, *_MONTH_ANCHORS, *_REL_ANCHORS, *_DIGIT_ANCHORS])
)
_ANCHOR_KIND = {word: "weekday" for word in _WEEKDAYS}
_ANCHOR_KIND.update({word: "month" for word in _MONTH_ANCHORS})
_ANCHOR_KIND.update({word: "relative" for word in _REL_ANCHORS})

# Around a weekday.
_WD_LEFT = re.compile(
    r"\b(?P<pre>(?i:(?:early|late|earlier|later)(?:\s+on)?|next|last|this\s+coming|this\s+past))"
    r"\s+$"
)
_WD_RIGHT = re.compile(
    r"(?:\s+(?P<part>night|morning|afternoon|evening|midday|noon)\b)?"
    r"(?:\s+of\s+(?P<wk>last|this|next)\s+week\b)?"
)
# Around a month name.
_MONTH_RIGHT = re.compile(
    rf"(?P<mon>{_FULL_MONTH}|{_ABBR_MONTH})"
    rf"(?:\s+{_DAY}(?:,?\s+(?P<year>(?:19|20)\d\d){_YEAR_END})?"
    rf"|(?:\s+of)?,?\s+(?P<myear>(?:19|20)\d\d){_YEAR_END})?"
)
_REL_YEAR_AFTER_MONTH = re.compile(r"\s+(?P<rel>(?i:last|this|next))\s+year\b")
_WD_BEFORE_DATE = re.compile(rf"\b(?P<wd>{_WD}),?\s+$")
_DAY_BEFORE_MONTH = re.compile(
    rf"(?:\b(?P<wd>{_WD}),?\s+)?(?:\b[Tt]he\s+)?(?<![\w,.])(?P<day>3[01]|[12]\d|0?[1-9])"
    r"(?:st|nd|rd|th)?(?:\s+of)?\s+$"
)
_MOD_BEFORE_MONTH = re.compile(r"\b(?P<rel>(?i:last|next|this|early|late)\s+|(?i:mid)-?\s*)$")
_PREP_BEFORE_MONTH = re.compile(
    r"\b(?P<cue>(?i:in|since|by|until|till|throughout|through|during|from|of|before|after"
    r"|around))\s+$"
)
_NAMED_MARCH = re.compile(r"\s+(?:for|against)\s+[A-Z]")
# Around a four-digit year.
_ISO_RIGHT = re.compile(
    r"(?P<year>(?:19|20)\d\d)-(?P<mo>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\d])"
)
_YEAR_RIGHT = re.compile(rf"(?:19|20)\d\d{_YEAR_END}")
_YEAR_LEFT = re.compile(
    r"\b(?P<cue>(?i:in|since|during|by|until|till|throughout|through|of))\s+"
    r"(?P<mod>(?i:the\s+year|early|late)\s+|(?i:mid)-?\s*)?$"
)
# Around an ordinal ("on the 12th").
_ORDINAL = re.compile(
    r"\b(?i:on|since|by|until|till|from|before|after)\s+(?P<x>the\s+(?P<day>3[01]|[12]\d|0?[1-9])"
    r"(?:st|nd|rd|th)\b(?:\s+of\s+(?P<rel>this|last|next|the)\s+month\b)?)"
)
# After a unit word of a relative expression.
_AGO_RIGHT = re.compile(r"\s+(?P<dir>ago|earlier|before)\b", re.IGNORECASE)
_DAY_RIGHT = re.compile(r"\s+(?P<dir>before|after)(?:\s+(?P<other>yesterday|tomorrow)\b)?")

# Future cues; literal-first and case-sensitive for speed, the word start is checked in code.
_CUE = re.compile(
    _literal_first_alternation(
        [
            r"will\b",
            r"shall\b",
            r"won['\u2019]t\b",
            r"wo\s+n't",
            r"is\s+(?:due|scheduled|set\s+to|expected\s+to|to)\b",
            r"are\s+(?:due|scheduled|set\s+to|expected\s+to|to)\b",
            r"plans?\s+to\b",
            r"planned\s+for\b",
            r"to\s+be\s+held\b",
            r"'ll\b",
            r"\u2019ll\b",
            r"Will\b",
        ]
    )
)
_CLAUSE_STOP = re.compile(r"[,;:.!?()\[\]\"\u201c\u201d]")
_BEFORE_OK = re.compile(
    r"\s*(?:$|[,.;:!?)\"'\u2019\u201d]|(?:and|but|when|as|while|after|or)\b)", re.IGNORECASE
)
_WORD_AFTER = re.compile(r"\s+([A-Za-z]+)")
_PUNCTUATION = ".,;:!?()[]{}\"'\u2018\u2019\u201c\u201d-\u2013\u2014"

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


# ---------------------------------------------------------------------------------------------
# Context checks
# ---------------------------------------------------------------------------------------------


def _word_after(sentence: str, pos: int) -> str:
    """Return the word right after ``pos`` (after whitespace only), or ''."""
    m = _WORD_AFTER.match(sentence, pos)
    return m.group(1) if m else ""


def _word_before(sentence: str, pos: int) -> str:
    """Return the last word before ``pos`` without surrounding punctuation, or ''."""
    words = sentence[max(0, pos - 30) : pos].split()
    return words[-1].strip(_PUNCTUATION) if words else ""


def _count_follows(sentence: str, pos: int) -> bool:
    """Return True when a quantity noun follows ``pos`` ("12 people", "2000 years")."""
    return _word_after(sentence, pos).lower() in _COUNT_NOUNS


def _future_cue(sentence: str, start: int) -> bool:
    """Return True when a future cue is among the eight words before ``start`` in its clause."""
    last = None
    for m in _CUE.finditer(sentence, max(0, start - 80), start):
        at = m.start()
        if m.group()[0] in "'\u2019" or not at or not sentence[at - 1].isalnum():
            last = m  # a whole word ("goodwill" is not "will"), or a contraction ("they'll")
    if last is None:
        return False
    between = sentence[last.end() : start]
    return _CLAUSE_STOP.search(between) is None and len(between.split()) <= 8


def _tokens_before(sentence: str, pos: int, count: int) -> list[tuple[str, int]]:
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
        word = token.lstrip(_PUNCTUATION)
        words.append((word, base + cut + len(token) - len(word)))
        if word != token:
            break
        end = cut
    return words


def _parse_number(token: str) -> int | None:
    """Return the value of ``3``, ``three``, ``a``, ``twenty-five``; None for anything else."""
    token = token.lower()
    if token.isdigit():
        return int(token) if len(token) <= 3 else None
    tens, _, unit = token.partition("-")
    if tens not in _NUMBER_WORDS:
        return None
    if not unit:
        return _NUMBER_WORDS[tens]
    if _NUMBER_WORDS[tens] % 10 or _NUMBER_WORDS.get(unit, 10) > 9:
        return None  # only "twenty-five" style compounds
    return _NUMBER_WORDS[tens] + _NUMBER_WORDS[unit]


def _sentence_initial(sentence: str, pos: int) -> bool:
    """Return True when nothing but spaces, quotes or brackets comes before ``pos``."""
    return not any(c.isalnum() for c in sentence[:pos])


# ---------------------------------------------------------------------------------------------
# Resolution: plain arithmetic on parsed parts
# ---------------------------------------------------------------------------------------------


def _day_result(day: datetime.date | None, doc: datetime.date) -> _Resolved | None:
    """Return a day-precision result, future when after the publication date."""
    if day is None:
        return None
    return _Resolved(day, "day", day > doc)


def _resolve_weekday(
    weekday: int, mode: str, week: str | None, cue: bool, doc: datetime.date
) -> _Resolved | None:
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


def _resolve_month_day(
    month: int, day: int, year: int | None, weekday: int | None, cue: bool, doc: datetime.date
) -> _Resolved | None:
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


def _resolve_ordinal(day: int, rel: str | None, cue: bool, doc: datetime.date) -> _Resolved | None:
    """Return the date of ``the 12th`` (optionally ``of this/last/next month``)."""
    if rel in ("this", "last", "next"):
        first = _shift_month(doc.year, doc.month, {"last": -1, "this": 0, "next": 1}[rel])
        return _day_result(_safe_date(first.year, first.month, day), doc)
    return _day_result(_day_of_month(day, doc, forward=cue), doc)


def _month_result(first: datetime.date, doc: datetime.date) -> _Resolved:
    """Return a month-precision result."""
    return _Resolved(first, "month", first > doc)


def _resolve_month_alone(month: int, mode: str, doc: datetime.date) -> _Resolved:
    """Return the month of ``in March``, ``last March``, ``next May`` (see ``_month_alone``)."""
    return _month_result(_month_alone(month, mode, doc), doc)


def _resolve_iso(year: int, month: int, day: int, doc: datetime.date) -> _Resolved | None:
    """Return the date of ``2023-10-12``, or None when it does not exist."""
    return _day_result(_safe_date(year, month, day), doc)


def _resolve_year(year: int, doc: datetime.date) -> _Resolved:
    """Return 1 January of the year, year precision."""
    first = datetime.date(year, 1, 1)
    return _Resolved(first, "year", first > doc)


def _resolve_offset(days: int, doc: datetime.date) -> _Resolved:
    """Return the day ``days`` after the publication date (negative: before)."""
    return _Resolved(doc + datetime.timedelta(days=days), "day", days > 0)


_REL_DAY_OFFSET = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
# Unit words of "N units ago" and their singular.
_UNITS = {
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


def _resolve_count(n: int, unit: str, doc: datetime.date) -> _Resolved:
    """Return the date of ``two days ago``, ``three weeks earlier``, ``a year ago``."""
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
    latest = doc - datetime.timedelta(days=(doc.weekday() - 5) % 7)
    coming = doc + datetime.timedelta(days=(5 - doc.weekday()) % 7 or 7)
    if rel in ("last", "the previous"):
        return latest if latest + _DAY1 < doc else latest - datetime.timedelta(weeks=1)
    if rel in ("this", "cue"):
        return latest if doc.weekday() >= 5 else coming
    if rel == "next":
        return coming
    return latest


def _resolve_period(rel: str, unit: str, mod: str, doc: datetime.date) -> _Resolved:
    """Return the date of ``last week``, ``earlier this month``, ``next year``, ``this weekend``."""
    if unit == "weekend":
        saturday = _weekend_saturday(rel, doc)
        return _Resolved(_monday(saturday), "week", saturday > doc)
    step = {"last": -1, "the previous": -1, "this": 0, "next": 1}[rel]
    forced = mod == "later" and step == 0  # "later this week" points forward
    if unit == "week":
        first = _monday(doc) + datetime.timedelta(weeks=step)
        return _Resolved(first, "week", forced or first > doc)
    if unit == "month":
        first = _shift_month(doc.year, doc.month, step)
        return _Resolved(first, "month", forced or first > doc)
    first = datetime.date(doc.year + step, 1, 1)
    return _Resolved(first, "year", forced or first > doc)


def _normalise(text: str) -> str:
    """Return the cache form of an expression: lower case, no dots, single spaces."""
    return " ".join(text.lower().replace(".", " ").split())


def _lower_words(text: str | None) -> str:
    """Return ``text`` in lower case with single spaces ('' for None)."""
    return " ".join(text.lower().split()) if text else ""


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


class DateResolver:
    """Finds and resolves date expressions; holds the resolution cache.

    The cache maps (kind, normalised expression, document date, future cue) to the resolved date
    and is emptied when it reaches ``max_cache`` entries, so memory stays bounded on corpora with
    many publication dates. One resolver may be shared by all documents of a process.
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
        found: list[DateMatch] = []
        for anchor in _TRIGGER.finditer(sentence):
            start, end = anchor.span()
            if found and found[-1].start <= start < found[-1].end:
                continue  # inside the expression just found ("night" of "Monday night")
            kind = _ANCHOR_KIND.get(anchor.group())
            if isinstance(doc_date, datetime.datetime):
                doc_date = doc_date.date()
            if kind == "relative":
                match = self._relative(sentence, start, end, doc_date)
            elif kind == "weekday":
                match = self._weekday(sentence, start, end, doc_date)
            elif kind == "month":
                match = self._month(sentence, start, doc_date)
            elif end - start == 4:
                match = self._year(sentence, start, doc_date)
            else:
                match = self._ordinal(sentence, start, end, doc_date)
            if match is not None:
                found.append(match)
        if len(found) > 1:
            found = _longest_first(found)
        return found

    # -- one method per anchor kind: each returns the expression around the anchor, or None --

    def _weekday(self, s: str, start: int, end: int, doc: datetime.date) -> DateMatch | None:
        """Return the weekday expression at ``start`` (``late on Monday``, ``Friday night``)."""
        if (start and s[start - 1].isalnum()) or (end < len(s) and s[end].isalnum()):
            return None  # "Mondays", "Sundayschool"
        left = _WD_LEFT.search(s, max(0, start - 24), start)
        right = _WD_RIGHT.match(s, end)
        part, week = (right.group("part"), right.group("wk")) if right else (None, None)
        if left is None:
            before = _word_before(s, start)
            if before[:1].isupper() and before.lower() in _WEEKDAY_BLOCK_BEFORE:
                return None  # Good Friday, Black Monday
        if part is None and week is None and _WEEKDAY_BLOCK_AFTER.match(s, end):
            return None  # Sunday Times, Monday Night Football
        first = left.start() if left else start
        last = right.end() if right else end
        pre = _lower_words(left.group("pre") if left else None)
        mode = {"last": "last", "this past": "last", "next": "next", "this coming": "next"}.get(
            pre, ""
        )
        cue = not mode and week is None and _future_cue(s, first)
        weekday = _WEEKDAY_NUM[s[start:end].lower()]
        return self._match(
            s,
            first,
            last,
            "weekday",
            doc,
            cue,
            _resolve_weekday,
            weekday,
            mode,
            week,
            cue,
        )

    def _month(self, s: str, start: int, doc: datetime.date) -> DateMatch | None:
        """Return the expression around a month name: a month-day, a month-year or a month."""
        if start and s[start - 1].isalnum():
            return None
        right = _MONTH_RIGHT.match(s, start)
        if right is None:
            return None  # "Mayor", "Marine"
        name = right.group("mon")
        month = _MONTH_NUM[name.rstrip(".").lower()]
        day = right.group("day")
        if day is not None:  # Oct. 12, Monday, Oct. 12, 2023
            left = _WD_BEFORE_DATE.search(s, max(0, start - 12), start)
            year = right.group("year")
            first, weekday = (left.start(), left.group("wd")) if left else (start, None)
            found = self._explicit(s, first, right.end(), month, int(day), year, weekday, doc)
            if found is not None or year is not None:
                return found
        else:
            left = _DAY_BEFORE_MONTH.search(s, max(0, start - 32), start)
            if left is not None:  # 12 October, the 12th of October 2023
                day, year = left.group("day"), right.group("myear")
                return self._explicit(
                    s, left.start(), right.end(), month, int(day), year, left.group("wd"), doc
                )
            year = right.group("myear")
            rel_year = _REL_YEAR_AFTER_MONTH.match(s, right.end("mon"))
            if (
                year is None
                and rel_year is not None
                and name in _MONTH_SET
                and (
                    _PREP_BEFORE_MONTH.search(s, max(0, start - 14), start)
                    or _MOD_BEFORE_MONTH.search(s, max(0, start - 8), start)
                )
            ):  # in July last year, early March next year (not "Theresa May last year")
                step = {"last": -1, "this": 0, "next": 1}[rel_year.group("rel").lower()]
                year, right_end = str(doc.year + step), rel_year.end()
            else:
                right_end = right.end()
            if year is not None:  # March 2022, early March 2022
                if _count_follows(s, right_end):
                    return None
                mod = _MOD_BEFORE_MONTH.search(s, max(0, start - 8), start)
                early = mod is not None and mod.group("rel").strip().lower() not in (
                    "last",
                    "next",
                    "this",
                )
                first_day = datetime.date(int(year), month, 1)
                return self._match(
                    s,
                    mod.start() if mod is not None and early else start,
                    right_end,
                    "month-year",
                    doc,
                    False,
                    _month_result,
                    first_day,
                )
        return self._month_alone(s, start, right.end("mon"), month, doc)

    def _month_alone(
        self, s: str, start: int, end: int, month: int, doc: datetime.date
    ) -> DateMatch | None:
        """Return ``in March``, ``last March``, ``early June``: a full month name with a cue."""
        if s[start:end] not in _MONTH_SET or _NAMED_MARCH.match(s, end):
            return None
        mod = _MOD_BEFORE_MONTH.search(s, max(0, start - 8), start)
        if mod is not None:
            first = mod.start()
            rel = mod.group("rel").strip().rstrip("-").lower()
            mode = rel if rel in ("last", "next", "this") else ""
        else:
            prep = _PREP_BEFORE_MONTH.search(s, max(0, start - 14), start)
            if prep is None:
                return None  # "May" the name, "March" the noun
            if (
                prep.group("cue").lower() == "of"
                and _word_before(s, prep.start()).lower() not in _TIME_BEFORE_OF
            ):
                return None
            first, mode = start, ""
        cue = not mode and _future_cue(s, first)
        if not mode:
            mode = "cue" if cue else "past"
        return self._match(
            s,
            first,
            end,
            "month",
            doc,
            cue,
            _resolve_month_alone,
            month,
            mode,
        )

    def _explicit(
        self,
        s: str,
        first: int,
        last: int,
        month: int,
        day: int,
        year: str | None,
        weekday: str | None,
        doc: datetime.date,
    ) -> DateMatch | None:
        """Return an explicit month-day date unless it is a quantity or part of a name."""
        if year is None and _count_follows(s, last) and _word_before(s, first).lower() != "on":
            return None  # "In May 12 people died"
        if _NAME_AFTER_DATE.match(s, last):
            return None  # "the March 14 Alliance"
        cue = year is None and _future_cue(s, first)
        number = int(year) if year is not None else None
        return self._match(
            s,
            first,
            last,
            "month-day",
            doc,
            cue,
            _resolve_month_day,
            month,
            day,
            number,
            _WEEKDAY_NUM[weekday.lower()] if weekday else None,
            cue,
        )

    def _year(self, s: str, start: int, doc: datetime.date) -> DateMatch | None:
        """Return an ISO date or a year after ``in``/``since``/``of`` ... at ``start``."""
        if start:
            before = s[start - 1]
            if before.isalnum() or before in ",.":
                return None
            if before == "-" and not s[max(0, start - 4) : start - 1].lower().endswith("mid"):
                return None  # the second year of 2019-2020
        iso = _ISO_RIGHT.match(s, start)
        if iso is not None:
            y, mo, d = int(iso.group("year")), int(iso.group("mo")), int(iso.group("day"))
            return self._match(
                s,
                start,
                iso.end(),
                "iso",
                doc,
                False,
                _resolve_iso,
                y,
                mo,
                d,
            )
        right = _YEAR_RIGHT.match(s, start)
        if right is None or _count_follows(s, right.end()):
            return None  # 2019-20, the 1990s, in 2000 years
        left = _YEAR_LEFT.search(s, max(0, start - 30), start)
        if left is None:
            return None  # Resolution 2231, a total 2000
        if (
            left.group("cue").lower() == "of"
            and _word_before(s, left.start()).lower() not in _TIME_BEFORE_OF
        ):
            return None  # a crowd of 2000
        year = int(s[start : start + 4])
        return self._match(
            s,
            left.start("mod") if left.group("mod") else start,
            right.end(),
            "year",
            doc,
            False,
            _resolve_year,
            year,
        )

    def _ordinal(self, s: str, start: int, end: int, doc: datetime.date) -> DateMatch | None:
        """Return ``the 12th`` after ``on``/``since``/``by`` ... whose day number ends at ``start``."""
        for m in _ORDINAL.finditer(s, max(0, start - 24), end + 24):
            if m.start("day") <= start < m.end("day"):
                break
        else:
            return None
        rest = s[m.end("x") :].lstrip()
        if (
            rest
            and rest[0].isalnum()
            and _word_after(" " + rest, 0).lower() not in _AFTER_ORDINAL_OK
        ):
            return None  # the 12th century, the 5th Fleet
        day, rel = int(m.group("day")), m.group("rel")
        cue = rel is None and _future_cue(s, m.start("x"))
        return self._match(
            s,
            m.start("x"),
            m.end("x"),
            "ordinal",
            doc,
            cue,
            _resolve_ordinal,
            day,
            rel,
            cue,
        )

    def _relative(self, s: str, start: int, end: int, doc: datetime.date) -> DateMatch | None:
        """Return the relative expression around an anchor word (``yesterday``, ``last week``,
        ``two days ago``, ``the previous day``, ``over the weekend``)."""
        while start and s[start - 1].isalpha():
            start -= 1
        while end < len(s) and s[end].isalpha():
            end += 1
        word = s[start:end].lower()
        if word in _REL_DAY_OFFSET:  # today, yesterday, tomorrow, tonight
            if s[start].isupper() and not _sentence_initial(s, start):
                return None  # USA Today, the Today programme
            return self._match(
                s, start, end, "relative", doc, False, _resolve_offset, _REL_DAY_OFFSET[word]
            )
        before = _tokens_before(s, start, 2)
        w1, w2 = (before + [("", 0)] * 2)[:2]
        if word in _UNITS:
            ago = _AGO_RIGHT.match(s, end)
            n = _parse_number(w1[0])
            if ago is not None and n and (not w1[1] or s[w1[1] - 1] not in ",."):
                if ago.group("dir").lower() == "before" and not _BEFORE_OK.match(s, ago.end()):
                    return None  # two days before the vote
                return self._match(
                    s, w1[1], ago.end(), "count", doc, False, _resolve_count, n, _UNITS[word]
                )
        p1, p2 = w1[0].lower(), w2[0].lower()
        if word in ("day", "night"):
            right = _DAY_RIGHT.match(s, end)
            if p1 == "the" and right is not None:
                offset = {"before": -1, "after": 0}[right.group("dir")]
                offset += {"yesterday": -1, "tomorrow": 2, None: 0}[right.group("other")]
                if offset == 0 or (word == "night" and right.group("other")):
                    return None  # "the day after" points at another event
                if right.group("other") is None and not _BEFORE_OK.match(s, right.end()):
                    return None  # the day before the vote
                return self._match(
                    s, w1[1], right.end(), "relative", doc, False, _resolve_offset, offset
                )
            if (p1 == "previous" and p2 == "the") or (p1 == "last" and word == "night"):
                first = w2[1] if p1 == "previous" else w1[1]
                return self._match(s, first, end, "relative", doc, False, _resolve_offset, -1)
            return None
        if word in ("morning", "afternoon", "evening"):
            if p1 != "this":
                return None
            return self._match(s, w1[1], end, "relative", doc, False, _resolve_offset, 0)
        if word not in ("week", "month", "year", "weekend"):
            return None
        if p1 == "previous" and p2 == "the":
            rel, first, mod = "the previous", w2[1], ""
        elif p1 in ("last", "this", "next"):
            rel, first, mod = p1, w1[1], ""
            if p2 in ("early", "earlier", "late", "later"):
                first, mod = w2[1], p2
            elif p2 == "the":
                return None  # "the last year", "the next week": durations
        elif word == "weekend" and p1 == "the" and p2 in ("over", "at", "during"):
            cue = _future_cue(s, w1[1])
            return self._match(
                s,
                w1[1],
                end,
                "weekend",
                doc,
                cue,
                _resolve_period,
                "cue" if cue else "past",
                "weekend",
                "",
            )
        else:
            return None
        return self._match(s, first, end, "period", doc, False, _resolve_period, rel, word, mod)

    def _match(
        self,
        s: str,
        first: int,
        last: int,
        kind: str,
        doc: datetime.date,
        cue: bool,
        compute: Callable[..., _Resolved | None],
        *args: Any,
    ) -> DateMatch | None:
        """Return the DateMatch for ``s[first:last]``, resolving through the cache.

        On a miss the result is ``compute(*args, doc)``.
        """
        text = s[first:last]
        key = (kind, _normalise(text), doc, cue)
        try:
            resolved = self._cache[key]
            self._hits += 1
        except KeyError:
            self._misses += 1
            try:
                resolved = compute(*args, doc)
            except (ValueError, OverflowError):  # beyond datetime's years 1-9999
                resolved = None
            if len(self._cache) >= self._max_cache:
                self._cache.clear()
            self._cache[key] = resolved
        if resolved is None:
            return None
        return DateMatch(first, last, text, resolved.date, resolved.precision, resolved.future)


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
