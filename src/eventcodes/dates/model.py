"""The values of date resolution: a date expression found in a sentence, a resolved date, cache counters."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple


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


class Resolved(NamedTuple):
    """A resolved expression: its date, precision and whether it points after publication."""

    date: datetime.date
    precision: str
    future: bool
