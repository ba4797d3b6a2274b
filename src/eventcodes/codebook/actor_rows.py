"""The actors tables' rows as entries: codes, dates, fallbacks and phrases that clash."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import Problem
from ..origin import Origin
from . import extensions as ext
from .keys import fast_phrase_key
from .model import ActorEntry, Settings
from .tables import Row

_ACTOR_CODE_RE = re.compile(r"^(?:[A-Z]{3})+$")
#: an actor code that marks a phrase as not an actor (``Indian Ocean``), so that a shorter
#: phrase inside it (``Indian``) does not match
BLOCK_CODE = "---"


def _date(row: Row, column: str, problems: list[Problem]) -> dt.date | None:
    value = row.get(column)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append(row.problem(f"{column} {value!r} is not a date; write YYYY-MM-DD"))
        return None


def _overlaps(a: ActorEntry, b: ActorEntry) -> bool:
    lo = max(a.start or dt.date.min, b.start or dt.date.min)
    hi = min(a.end or dt.date.max, b.end or dt.date.max)
    return lo <= hi


def _actor_entry(row: Row, settings: Settings, problems: list[Problem]) -> ActorEntry | None:
    """Return the entry of an actors row, or None after adding its problems."""
    cells = row.cells  # read directly: this runs for every one of tens of thousands of rows
    phrase, code = cells.get("phrase", ""), cells.get("code", "")
    if not phrase:
        problems.append(row.problem("empty phrase"))
        return None
    if (
        code != BLOCK_CODE
        and not _ACTOR_CODE_RE.match(code)
        and not ext.actor_code_ok(code, settings)
    ):
        problems.append(
            row.problem(
                f"actor code {code!r} must be three-letter CAMEO parts in capitals, e.g. KORGOV, or --- for not an actor"
            )
        )
        return None
    start = end = None
    if cells.get("start") or cells.get("end"):
        n = len(problems)
        start, end = _date(row, "start", problems), _date(row, "end", problems)
        if start and end and start > end:
            problems.append(
                row.problem(
                    f"date range {start} to {end} ends before it starts; swap start and end"
                )
            )
        if len(problems) > n:
            return None
    fallback = bool(cells.get("fallback")) and ext.fallback(row, problems)
    return ActorEntry(
        phrase,
        code,
        start,
        end,
        cells.get("surname", ""),
        Origin(row.path, row.line),
        cells.get("note", ""),
        fallback,
    )


def actor_entries(rows: list[Row], settings: Settings, problems: list[Problem]) -> list[ActorEntry]:
    """Return the entries of the actor tables' rows; each bad row's problem is appended.

    Rows of one phrase (or of phrases the matcher cannot tell apart) whose dates overlap are an
    error, unless one is a fallback or the codebook takes the first that applies.
    """
    actors: list[ActorEntry] = []
    by_phrase: dict[tuple[str, ...], list[ActorEntry]] = {}
    keys: dict[str, tuple[str, ...]] = {}
    for row in rows:
        entry = _actor_entry(row, settings, problems)
        if entry is None:
            continue
        phrase, code = entry.phrase, entry.code
        # the key the matcher uses (case, accents and quotes folded): the same spelling twice is a
        # duplicate; two spellings that fold together are one phrase and must agree on the code
        key = keys.get(phrase)
        if key is None:  # a phrase has a row per term of office: its key is worked out once
            key = keys[phrase] = fast_phrase_key(phrase)
        earlier = by_phrase.get(key)
        if earlier is None:
            by_phrase[key] = [entry]
            actors.append(entry)
            continue
        clash = next(
            (
                e
                for e in earlier
                if _overlaps(e, entry)
                and not ext.overlap_allowed(e, entry, settings)
                and (e.phrase.casefold() == phrase.casefold() or e.code != code)
            ),
            None,
        )
        if clash is not None:
            same = clash.phrase.casefold() == phrase.casefold()
            what = (
                f"duplicate phrase {phrase!r}"
                if same
                else f"{phrase!r} matches the same words as {clash.phrase!r}"
            )
            problems.append(
                row.problem(
                    f"{what} (also at {clash.origin.short}) with overlapping dates; "
                    "give each row its own start/end or remove one"
                )
            )
            continue
        earlier.append(entry)
        actors.append(entry)
    return actors
