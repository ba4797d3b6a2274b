"""Stage 5 of the coder, events: a coded verb's date, the background filter, rows, de-duplication.

Takes a coded verb (its code, sources and targets), the sentence it is in with the date
expressions found there, and the document; ``choose_date`` gives the date expression the event
takes, ``dating`` gives the event's date, precision and source or says it is background (dated
long before publication), ``event_rows`` gives the rows of the events table (``EventRow``, the
columns of ``schema.EVENT_COLUMNS`` in order), and ``Deduplicator`` keeps one row per
(source, event, target, date) of a document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_left
from collections.abc import Container, Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple, TypedDict

from ..codebook.model import EventCode, Settings
from ..dates import DateMatch
from ..documents import Document
from ..places import EMPTY_COLUMNS
from ..tokens import Token
from .actors import Chunk, CodeSplitter
from .phrases import phrase_text
from .status import Note, Why, note
from .words import RELATIVE_OPENERS, after_locative

if TYPE_CHECKING:
    from .sentence import SentenceResult
    from .status import VerbMatch


class EventRow(TypedDict):
    """One row of the events table: the columns of ``schema.EVENT_COLUMNS``, in that order."""

    event_id: str
    doc_id: str
    sentence_index: int
    event_date: dt.date
    date_precision: str
    date_source: str
    source_code: str
    source_country: str | None
    source_role: str | None
    source_text: str
    event_code: str
    event_root: str
    quad_class: int | None  # None for a code outside CAMEO (imported dictionaries)
    goldstein: float | None
    target_code: str | None
    target_country: str | None
    target_role: str | None
    target_text: str | None
    event_text: str
    rule_id: str
    publisher: str | None
    url: str | None
    place_name: str | None
    place_country: str | None
    place_adm1_code: str | None
    place_adm1_name: str | None
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    place_precision: str | None
    fatalities: int | None


@dataclass(frozen=True)
class CodedDocument:
    """The events of one document and how many sentences it had."""

    events: list[EventRow]
    sentences: int


class Dating(NamedTuple):
    """An event's date, how precise it is and where it came from (``text`` or ``document``)."""

    date: dt.date
    precision: str
    source: str


def period_end(start: dt.date, precision: str) -> dt.date:
    """Return the last day of the week, month or year that starts on ``start``."""
    if precision == "week":
        return start + dt.timedelta(days=6)
    if precision == "month":
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    if precision == "year":
        return dt.date(start.year, 12, 31)
    return start


def choose_date(res: SentenceResult, vm: VerbMatch) -> DateMatch | None:
    """Return the date expression of the sentence that dates the verb's event, if any.

    The nearest to the verb outside other verbs' relative clauses; a future expression only for
    an announced intention or a refusal.
    """
    if not res.dates:
        return None
    verb_at = res.tokens[vm.token].start
    if res.relative_clauses is None:
        res.relative_clauses = relative_clauses(res.tokens)
    inside = [(lo, hi) for a, b, lo, hi in res.relative_clauses if not a < vm.token < b]
    candidates = [d for d in res.dates if not any(lo <= d.start < hi for lo, hi in inside)]
    candidates = candidates or res.dates
    candidates = [d for d in candidates if not _since(res.tokens, d, vm.token)]
    if not candidates:
        return None  # "Since 2013, X has accused Y": ongoing, dated by the story
    if vm.mode is None:
        # an event asserted as done cannot take its date from a future expression
        candidates = [d for d in candidates if not d.future] or candidates
    return min(candidates, key=lambda d: abs(d.start - verb_at))


def _owned(res: SentenceResult, c: Chunk) -> bool:
    """Return whether an actor is named as its subject's own ("its troops", "their university")
    or is a place of it ("celebrated in Onhava", a city of the source's own country)."""
    k = c.start
    tokens = res.tokens
    own = 0 < k < len(tokens) and tokens[k - 1].norm in ("its", "their", "his", "her", "our")
    return own or after_locative(tokens, k)


#: a token's first character: the key that token lists are sorted by
_start = attrgetter("start")


def _since(tokens: list[Token], date: DateMatch, verb: int) -> bool:
    """Return whether a date expression is in a "since" phrase or clause: the start of a state, not
    the event's date ("since 2013", "missing since 1943", "since a war erupted in 2013")."""
    at = bisect_left(tokens, date.start, key=_start)  # the first token at or after the date
    for k in range(at - 1, max(-1, at - 10), -1):
        w = tokens[k].norm
        if w == "since":
            return True
        if w in (",", ";", ":") or k == verb:
            return False
    return False


def dating(date: DateMatch | None, published: dt.date, settings: Settings) -> Dating | Note:
    """Return the event's date, or why it is background (dated long before publication)."""
    if date is not None and not (date.future and settings.future_dates == "announced"):
        limit = settings.background_days
        if limit and (published - period_end(date.date, date.precision)).days > limit:
            return note(Why.BACKGROUND, date.date, limit)
        return Dating(date.date, date.precision, "text")
    return Dating(published, "day", "document")


def event_rows(
    doc: Document,
    res: SentenceResult,
    vm: VerbMatch,
    when: Dating,
    ec: EventCode,
    split: CodeSplitter,
    verbs: Container[str] = (),
) -> Iterator[EventRow]:
    """Yield the events of a coded verb: one per source and target (itself aside).

    ``source_text`` and ``target_text`` are the actors' whole noun phrases (``phrases``); ``verbs``
    are the codebook's verb forms, where a phrase stops.
    """
    code = vm.code
    assert code is not None
    verb_tok = res.tokens[vm.token]
    last = max(vm.token, vm.last_token)
    last_tok = res.tokens[last]
    targets: list[Chunk | None] = list(vm.targets) or [None]
    event_text = res.text[verb_tok.start : last_tok.end]
    words: dict[int, str] = {}

    def phrase(c: Chunk) -> str:
        if id(c) not in words:
            words[id(c)] = phrase_text(res.text, res.tokens, res.chunks, c, vm.token, last, verbs)
        return words[id(c)]

    for src in vm.sources:
        # not the source itself; another actor of the same code is a target ("Herders attacked
        # farmers": both AGR), but not in a reciprocal list where each side is both
        reciprocal = any(t is src for t in targets)
        others = [
            t
            for t in targets
            if t is None
            or (t is not src and (t.code != src.code or not (reciprocal or _owned(res, t))))
        ]
        if not others and len(vm.sources) == 1:
            others = [None]  # its only target is itself: keep the event, with no target
        if not others:
            continue
        s_country, s_role = split(src.code)
        for tgt in others:
            t_country, t_role = split(tgt.code) if tgt is not None else (None, None)
            yield {
                "event_id": _event_id(doc, res, vm, code, src, tgt),
                "doc_id": doc.id,
                "sentence_index": res.index,
                "event_date": when.date,
                "date_precision": when.precision,
                "date_source": when.source,
                "source_code": src.code,
                "source_country": s_country,
                "source_role": s_role,
                "source_text": phrase(src),
                "event_code": code,
                "event_root": ec.root,
                "quad_class": ec.quad_class,
                "goldstein": ec.goldstein,
                "target_code": tgt.code if tgt else None,
                "target_country": t_country,
                "target_role": t_role,
                "target_text": phrase(tgt) if tgt else None,
                "event_text": event_text,
                "rule_id": vm.rule_id,
                "publisher": doc.publisher,
                "url": doc.url,
                **EMPTY_COLUMNS,  # filled by the place step when the text names a place
                "fatalities": None,
            }


def _event_id(
    doc: Document, res: SentenceResult, vm: VerbMatch, code: str, src: Chunk, tgt: Chunk | None
) -> str:
    """Return the event's stable id: a hash of where it is and what it codes (not of the
    codebook, so that an unrelated codebook edit keeps ids)."""
    ident = (
        f"{doc.id}\x1f{res.index}\x1f{vm.token}\x1f{src.code}\x1f{code}\x1f"
        f"{tgt.code if tgt else ''}\x1f{src.start}\x1f{tgt.start if tgt else -1}"
    )
    return hashlib.blake2b(ident.encode(), digest_size=8).hexdigest()


class Deduplicator:
    """Keeps the first row of each (source, event, target, date) of a document, when on."""

    def __init__(self, on: bool) -> None:
        self.on = on
        self._seen: set[tuple[str, str, str | None, dt.date]] = set()

    def keep(self, row: EventRow) -> bool:
        """Return whether to keep the row (always, when off)."""
        if not self.on:
            return True
        key = (row["source_code"], row["event_code"], row["target_code"], row["event_date"])
        if key in self._seen:
            return False
        self._seen.add(key)
        return True


def relative_clauses(tokens: list[Token]) -> list[tuple[int, int, int, int]]:
    """Return the relative clauses (", which/who ..." to the next comma or the sentence end)
    as (first token, last token, first character, end character)."""
    commas = [k for k, t in enumerate(tokens) if t.norm == ","] + [len(tokens) - 1]
    spans = []
    for n, a in enumerate(commas[:-1]):
        if a + 1 < len(tokens) and tokens[a + 1].norm in RELATIVE_OPENERS:
            b = commas[n + 1]
            spans.append((a, b, tokens[a].start, tokens[b].end))
    return spans
