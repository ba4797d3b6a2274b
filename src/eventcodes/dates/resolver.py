"""Finding date expressions: the resolver that scans a sentence for anchors, reads the expression
around each one and resolves it through its cache."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import Any

from ..spans import filter_spans
from .arithmetic import (
    REL_DAY_OFFSET,
    UNITS,
    count_follows,
    future_cue,
    lower_words,
    month_result,
    normalise,
    parse_number,
    resolve_count,
    resolve_iso,
    resolve_month_alone,
    resolve_month_day,
    resolve_offset,
    resolve_ordinal,
    resolve_period,
    resolve_weekday,
    resolve_year,
    sentence_initial,
    tokens_before,
    word_after,
    word_before,
)
from .model import (
    CacheInfo,
    DateMatch,
    Resolved,
)
from .vocabulary import (
    AFTER_ORDINAL_OK,
    AGO_RIGHT,
    ANCHOR_KIND,
    BEFORE_OK,
    DAY_BEFORE_MONTH,
    DAY_RIGHT,
    ISO_RIGHT,
    MOD_BEFORE_MONTH,
    MONTH_NUM,
    MONTH_RIGHT,
    MONTH_SET,
    NAME_AFTER_DATE,
    NAMED_MARCH,
    ORDINAL,
    PREP_BEFORE_MONTH,
    REL_YEAR_AFTER_MONTH,
    TIME_BEFORE_OF,
    TRIGGER,
    WD_BEFORE_DATE,
    WD_LEFT,
    WD_RIGHT,
    WEEKDAY_BLOCK_AFTER,
    WEEKDAY_BLOCK_BEFORE,
    WEEKDAY_NUM,
    YEAR_LEFT,
    YEAR_RIGHT,
)

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
        self._cache: dict[tuple[str, str, datetime.date, bool], Resolved | None] = {}
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
        if isinstance(doc_date, datetime.datetime):
            doc_date = doc_date.date()
        for anchor in TRIGGER.finditer(sentence):
            start, end = anchor.span()
            if found and found[-1].start <= start < found[-1].end:
                continue  # inside the expression just found ("night" of "Monday night")
            kind = ANCHOR_KIND.get(anchor.group())
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
        left = WD_LEFT.search(s, max(0, start - 24), start)
        right = WD_RIGHT.match(s, end)
        part, week = (right.group("part"), right.group("wk")) if right else (None, None)
        if left is None:
            before = word_before(s, start)
            if before[:1].isupper() and before.lower() in WEEKDAY_BLOCK_BEFORE:
                return None  # Good Friday, Black Monday
        if part is None and week is None and WEEKDAY_BLOCK_AFTER.match(s, end):
            return None  # Sunday Times, Monday Night Football
        first = left.start() if left else start
        last = right.end() if right else end
        pre = lower_words(left.group("pre") if left else None)
        mode = {"last": "last", "this past": "last", "next": "next", "this coming": "next"}.get(
            pre, ""
        )
        cue = not mode and week is None and future_cue(s, first)
        weekday = WEEKDAY_NUM[s[start:end].lower()]
        return self._match(
            s,
            first,
            last,
            "weekday",
            doc,
            cue,
            resolve_weekday,
            weekday,
            mode,
            week,
            cue,
        )

    def _month(self, s: str, start: int, doc: datetime.date) -> DateMatch | None:
        """Return the expression around a month name: a month-day, a month-year or a month."""
        if start and s[start - 1].isalnum():
            return None
        right = MONTH_RIGHT.match(s, start)
        if right is None:
            return None  # "Mayor", "Marine"
        name = right.group("mon")
        month = MONTH_NUM[name.rstrip(".").lower()]
        day = right.group("day")
        if day is not None:  # Oct. 12, Monday, Oct. 12, 2023
            left = WD_BEFORE_DATE.search(s, max(0, start - 12), start)
            year = right.group("year")
            first, weekday = (left.start(), left.group("wd")) if left else (start, None)
            found = self._explicit(s, first, right.end(), month, int(day), year, weekday, doc)
            if found is not None or year is not None:
                return found
        else:
            left = DAY_BEFORE_MONTH.search(s, max(0, start - 32), start)
            if left is not None:  # 12 October, the 12th of October 2023
                day, year = left.group("day"), right.group("myear")
                return self._explicit(
                    s, left.start(), right.end(), month, int(day), year, left.group("wd"), doc
                )
            year = right.group("myear")
            rel_year = REL_YEAR_AFTER_MONTH.match(s, right.end("mon"))
            if (
                year is None
                and rel_year is not None
                and name in MONTH_SET
                and (
                    PREP_BEFORE_MONTH.search(s, max(0, start - 14), start)
                    or MOD_BEFORE_MONTH.search(s, max(0, start - 8), start)
                )
            ):  # in July last year, early March next year (not "Theresa May last year")
                step = {"last": -1, "this": 0, "next": 1}[rel_year.group("rel").lower()]
                year, right_end = str(doc.year + step), rel_year.end()
            else:
                right_end = right.end()
            if year is not None:  # March 2022, early March 2022
                if count_follows(s, right_end):
                    return None
                mod = MOD_BEFORE_MONTH.search(s, max(0, start - 8), start)
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
                    month_result,
                    first_day,
                )
        return self._month_alone(s, start, right.end("mon"), month, doc)

    def _month_alone(
        self, s: str, start: int, end: int, month: int, doc: datetime.date
    ) -> DateMatch | None:
        """Return ``in March``, ``last March``, ``early June``: a full month name with a cue."""
        if s[start:end] not in MONTH_SET or NAMED_MARCH.match(s, end):
            return None
        mod = MOD_BEFORE_MONTH.search(s, max(0, start - 8), start)
        if mod is not None:
            first = mod.start()
            rel = mod.group("rel").strip().rstrip("-").lower()
            mode = rel if rel in ("last", "next", "this") else ""
        else:
            prep = PREP_BEFORE_MONTH.search(s, max(0, start - 14), start)
            if prep is None:
                return None  # "May" the name, "March" the noun
            if (
                prep.group("cue").lower() == "of"
                and word_before(s, prep.start()).lower() not in TIME_BEFORE_OF
            ):
                return None
            first, mode = start, ""
        cue = not mode and future_cue(s, first)
        if not mode:
            mode = "cue" if cue else "past"
        return self._match(
            s,
            first,
            end,
            "month",
            doc,
            cue,
            resolve_month_alone,
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
        if year is None and count_follows(s, last) and word_before(s, first).lower() != "on":
            return None  # "In May 12 people died"
        if NAME_AFTER_DATE.match(s, last):
            return None  # "the March 14 Alliance"
        cue = year is None and future_cue(s, first)
        number = int(year) if year is not None else None
        return self._match(
            s,
            first,
            last,
            "month-day",
            doc,
            cue,
            resolve_month_day,
            month,
            day,
            number,
            WEEKDAY_NUM[weekday.lower()] if weekday else None,
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
        iso = ISO_RIGHT.match(s, start)
        if iso is not None:
            y, mo, d = int(iso.group("year")), int(iso.group("mo")), int(iso.group("day"))
            return self._match(
                s,
                start,
                iso.end(),
                "iso",
                doc,
                False,
                resolve_iso,
                y,
                mo,
                d,
            )
        right = YEAR_RIGHT.match(s, start)
        if right is None or count_follows(s, right.end()):
            return None  # 2019-20, the 1990s, in 2000 years
        left = YEAR_LEFT.search(s, max(0, start - 30), start)
        if left is None:
            return None  # Resolution 2231, a total 2000
        if (
            left.group("cue").lower() == "of"
            and word_before(s, left.start()).lower() not in TIME_BEFORE_OF
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
            resolve_year,
            year,
        )

    def _ordinal(self, s: str, start: int, end: int, doc: datetime.date) -> DateMatch | None:
        """Return ``the 12th`` after ``on``/``since``/``by`` ... whose day number ends at ``start``."""
        for m in ORDINAL.finditer(s, max(0, start - 24), end + 24):
            if m.start("day") <= start < m.end("day"):
                break
        else:
            return None
        rest = s[m.end("x") :].lstrip()
        if rest and rest[0].isalnum() and word_after(" " + rest, 0).lower() not in AFTER_ORDINAL_OK:
            return None  # the 12th century, the 5th Fleet
        day, rel = int(m.group("day")), m.group("rel")
        cue = rel is None and future_cue(s, m.start("x"))
        return self._match(
            s,
            m.start("x"),
            m.end("x"),
            "ordinal",
            doc,
            cue,
            resolve_ordinal,
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
        if word in REL_DAY_OFFSET:  # today, yesterday, tomorrow, tonight
            if s[start].isupper() and not sentence_initial(s, start):
                return None  # USA Today, the Today programme
            return self._match(
                s, start, end, "relative", doc, False, resolve_offset, REL_DAY_OFFSET[word]
            )
        before = tokens_before(s, start, 2)
        w1, w2 = (before + [("", 0)] * 2)[:2]
        if word in UNITS:
            ago = AGO_RIGHT.match(s, end)
            n = parse_number(w1[0])
            if ago is not None and n and (not w1[1] or s[w1[1] - 1] not in ",."):
                if ago.group("dir").lower() == "before" and not BEFORE_OK.match(s, ago.end()):
                    return None  # two days before the vote
                return self._match(
                    s, w1[1], ago.end(), "count", doc, False, resolve_count, n, UNITS[word]
                )
        p1, p2 = w1[0].lower(), w2[0].lower()
        if word in ("day", "night"):
            right = DAY_RIGHT.match(s, end)
            if p1 == "the" and right is not None:
                offset = {"before": -1, "after": 0}[right.group("dir")]
                offset += {"yesterday": -1, "tomorrow": 2, None: 0}[right.group("other")]
                if offset == 0 or (word == "night" and right.group("other")):
                    return None  # "the day after" points at another event
                if right.group("other") is None and not BEFORE_OK.match(s, right.end()):
                    return None  # the day before the vote
                return self._match(
                    s, w1[1], right.end(), "relative", doc, False, resolve_offset, offset
                )
            if (p1 == "previous" and p2 == "the") or (p1 == "last" and word == "night"):
                first = w2[1] if p1 == "previous" else w1[1]
                return self._match(s, first, end, "relative", doc, False, resolve_offset, -1)
            return None
        if word in ("morning", "afternoon", "evening"):
            if p1 != "this":
                return None
            return self._match(s, w1[1], end, "relative", doc, False, resolve_offset, 0)
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
            cue = future_cue(s, w1[1])
            return self._match(
                s,
                w1[1],
                end,
                "weekend",
                doc,
                cue,
                resolve_period,
                "cue" if cue else "past",
                "weekend",
                "",
            )
        else:
            return None
        return self._match(s, first, end, "period", doc, False, resolve_period, rel, word, mod)

    def _match(
        self,
        s: str,
        first: int,
        last: int,
        kind: str,
        doc: datetime.date,
        cue: bool,
        compute: Callable[..., Resolved | None],
        *args: Any,
    ) -> DateMatch | None:
        """Return the DateMatch for ``s[first:last]``, resolving through the cache.

        On a miss the result is ``compute(*args, doc)``.
        """
        text = s[first:last]
        key = (kind, normalise(text), doc, cue)
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
    return filter_spans(
        found, span=lambda d: (d.start, d.end), rank=lambda d: (d.start - d.end, d.start)
    )


@functools.lru_cache(maxsize=1)
def default_resolver() -> DateResolver:
    """Return the process-wide resolver used by ``find_dates``, created on first use."""
    return DateResolver()


def find_dates(sentence: str, doc_date: datetime.date) -> list[DateMatch]:
    """Return the date expressions in the sentence, in text order, resolved against doc_date."""
    return default_resolver().find_dates(sentence, doc_date)
