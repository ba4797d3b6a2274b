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

from .model import CacheInfo, DateMatch
from .resolver import DateResolver, default_resolver, find_dates

__all__ = ["DateMatch", "DateResolver", "CacheInfo", "find_dates", "default_resolver"]
