"""Stage 6 of the coder, places: where an event happened, how many died, and place-based countries.

Takes the codebook's gazetteer (``codebook.places``, built once per process on first use, never
when the codebook has no places table) and gives, per document, the dateline's place
(``Placer.start_document``); per sentence, the place mentions of the sentence, found with the
coder's own tokens and the countries the story and the sentence name (``Placer.sentence``), which
also

- drops the country and capital actors that the sentence names in a locative use (``attacked a
  checkpoint near Kabul`` has no target AFG; ``Damascus said`` is no locative use, so a capital
  as a subject stays the metonym of its government), and
- gives bare agents (``police``, ``gunmen``) the country of the place the sentence names before
  the story's most named country (``Police in Lahore`` is PAKCOP);

and per event (``Placer.columns``) the place columns of the row: the mention nearest the verb
inside its clause (outside other verbs' relative clauses), else the lead's place when the
codebook carries it (``carry_lead = "incident"``), else the dateline's place, else none; and
``fatalities``: the deaths the sentence states, on material-conflict events (quad class 4) and
riots (145) only, the violent acts the deaths belong to (as ACLED counts them); a statement, an
appeal or a protest in the same sentence does not carry them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..codebook.compiled import ACTOR, AGENT
from ..fatalities import fatalities_count
from ..places import (
    EMPTY_COLUMNS,
    Form,
    Kind,
    PlaceColumns,
    PlaceMention,
    find_dateline_place,
    find_places,
)
from ..tokens import Token
from .actors import Chunk, CodeSplitter
from .events import Dating, dating, relative_clauses
from .words import NON_STATE, after_locative

if TYPE_CHECKING:
    from ..codebook.model import Codebook
    from ..dates import DateMatch
    from ..places import PlaceIndex
    from .memory import DocumentMemory
    from .sentence import SentenceResult

#: the events that carry the sentence's fatalities: material conflict (quad class 4) and
#: violent protest (145, riots; quad class 3), as ACLED counts the deaths of riots
FATAL_QUAD_CLASS = 4
FATAL_PROTEST = "145"
#: the prepositions after which a capital may still be a target (``arrived in Beijing``, ``pull
#: back from around Kyiv``); after ``near``, ``outside``, ``north of`` it is a location only
PLAIN_IN = frozenset({"in", "inside", "into", "around"})
#: how far before a place name its country may stand (``the eastern Ukrainian town of``)
NEAR_WORDS = 4
#: how many distinct dateline lines a Placer remembers the place of
DATELINES = 4096
#: the codebook setting values of ``carry_lead``
CARRY_LEAD = ("none", "incident")


def dateline_of(text: str, story_start: int) -> str:
    """Return the dateline line of a document's front matter (its last non-empty line), or ""."""
    lines = [line.strip() for line in text[:story_start].splitlines()]
    lines = [line for line in lines if line]
    return lines[-1] if lines else ""


class Placer:
    """The place stage of one Coder; the per-document state lives in the DocumentMemory."""

    def __init__(self, codebook: Codebook, split: CodeSplitter) -> None:
        self.codebook = codebook
        self.split = split
        self.enabled = bool(codebook.place_tables)
        self.settings = codebook.settings
        self._fatalities: tuple[str, int | None] | None = None
        #: dateline line -> its place: a corpus repeats its datelines (``KABUL, Afghanistan
        #: (Reuters) -``), and a dateline's place depends on its words alone
        self._datelines: dict[str, PlaceMention | None] = {}

    @property
    def carry(self) -> bool:
        """Whether the lead's date and place are carried forward (``carry_lead = "incident"``)."""
        return self.settings.carry_lead == "incident"

    @property
    def index(self) -> PlaceIndex:
        """The gazetteer: built on first use, once per codebook (and so once per process)."""
        return self.codebook.places

    def start_document(self, text: str, story_start: int, memory: DocumentMemory) -> None:
        """Note the place of a document's dateline (the last line before the story starts)."""
        line = dateline_of(text, story_start) if self.enabled else ""
        if line:
            memory.dateline = self._dateline_place(line)
            if memory.dateline is not None:  # the dateline names the story's country
                memory.note_actors([], [memory.dateline.place.country], {})

    def _dateline_place(self, line: str) -> PlaceMention | None:
        """Return the place of a dateline line, found once per distinct line (at most
        DATELINES lines are remembered; then the memory starts again)."""
        if line in self._datelines:
            return self._datelines[line]
        if len(self._datelines) >= DATELINES:
            self._datelines.clear()
        found = self._datelines[line] = find_dateline_place(line, self.index)
        return found

    def sentence(
        self, text: str, tokens: list[Token], chunks: list[Chunk], memory: DocumentMemory
    ) -> tuple[list[PlaceMention], list[Chunk]]:
        """Return the sentence's place mentions and its actors, locative countries dropped."""
        if not self.enabled:
            return [], chunks

        def context() -> set[str]:
            """The countries of the story, the sentence's actors and the dateline (found only
            when a name of the sentence needs them)."""
            countries = set(memory.countries)
            for c in chunks:
                country, _ = self.split(c.code)
                if country and not c.localised and not after_locative(tokens, c.start):
                    countries.add(country)  # "in Tripoli" (LBY's capital) is no support for itself
            if memory.dateline is not None:
                countries.add(memory.dateline.place.country)
            return countries

        mentions = find_places(tokens, self.index, context, text=text)
        if not mentions and memory.lead_place is None:
            return mentions, chunks
        kept = [c for c in chunks if not self._located(c, mentions)]
        countries = {m.place.country for m in mentions if m.place.kind is not Kind.COUNTRY}
        if not mentions and memory.lead_place is not None:
            countries = {memory.lead_place.place.country}  # an incident report's later sentence
        if len(countries) == 1:
            country = next(iter(countries))
            for c in kept:
                role = c.code[3:] if c.localised else c.code
                if all(m.kind == AGENT for m in c.mentions) and role not in NON_STATE:
                    c.code, c.localised = country + role, True
        return mentions, kept

    def carry_lead(
        self,
        index: int,
        dates: Sequence[DateMatch],
        mentions: Sequence[PlaceMention],
        published: dt.date,
        memory: DocumentMemory,
    ) -> None:
        """With ``carry_lead = "incident"``: remember the lead sentence's date and place, and
        stop carrying them at the first later sentence that names a date of its own."""
        if not self.carry:
            return
        if index == 0:
            when = dating(dates[0], published, self.settings) if dates else None
            memory.lead_date = when if isinstance(when, Dating) else None
            memory.lead_place = mentions[0] if mentions else None
        elif dates:
            memory.lead_date = memory.lead_place = None

    def columns(
        self, res: SentenceResult, places: Sequence[PlaceMention], verb: int, memory: DocumentMemory
    ) -> PlaceColumns:
        """Return the place columns of an event whose verb is at token ``verb``: the mention
        nearest the verb inside its clause, outside other verbs' relative clauses; else the
        lead's place (when carried), else the dateline's, else none."""
        if places:
            lo, hi = clause_of(res.tokens, verb)
            if res.relative_clauses is None:
                res.relative_clauses = relative_clauses(res.tokens)
            excluded = [(a, b) for a, b, _, _ in res.relative_clauses if not a < verb < b]
            near = [
                m
                for m in places
                if lo <= m.token_start < hi and not any(a < m.token_start < b for a, b in excluded)
            ]
            if near:
                best = min(near, key=lambda m: (abs(m.token_start - verb), m.token_start < verb))
                return best.columns()
        fallback = memory.lead_place or memory.dateline
        return fallback.columns() if fallback is not None else EMPTY_COLUMNS.copy()

    def _located(self, chunk: Chunk, mentions: Sequence[PlaceMention]) -> bool:
        """Return whether an actor is part of a place expression, not an actor: a capital or
        city inside an expression other than plain ``in`` or ``around`` (``near Kabul``), or
        whose place lies in another country (``in Victoria``, British Columbia, is not the
        Seychelles); the country that places a town after a preposition (``in Tripoli, Lebanon``,
        ``in the Lebanese city of Tripoli``; ``attacked the Nigerian city of Kano`` keeps NGA); a word inside a longer place name (``Khan`` in ``Dera Ghazi Khan``).
        A country (``struck targets in Yemen``, ``drills around Taiwan``) and ``arrived in
        Beijing`` keep their target, as the CAMEO fixtures code them."""
        person = any(
            m.kind != ACTOR or (m.entry is not None and m.entry.surname) for m in chunk.mentions
        )
        country = self.split(chunk.code)[0]
        for p in mentions:
            inside = p.token_start <= chunk.start and chunk.end <= p.token_end
            if inside and chunk.end - chunk.start < p.token_end - p.token_start:
                return True  # a word of a longer name
            if person or p.place.kind is Kind.COUNTRY:
                continue  # "near Ukraine's border", "drills around Taiwan": a target
            if inside:
                plain_in = p.form is Form.PREPOSITION and p.trigger in PLAIN_IN
                return not plain_in or country != p.place.country
            near = p.token_start - NEAR_WORDS <= chunk.start and chunk.end <= p.token_end + 2
            located = p.trigger.split()[:1] not in ([], ["the"], ["a"])
            if near and located and p.form is not Form.PREPOSITION and country == p.place.country:
                return len(chunk.code) == 3  # the country that places the town
        return False

    def fatalities(self, text: str, code: str, quad_class: int | None) -> int | None:
        """Return the deaths the sentence states, for a material-conflict event or a riot
        (ACLED counts the deaths of violent demonstrations too); else None."""
        if quad_class != FATAL_QUAD_CLASS and not code.startswith(FATAL_PROTEST):
            return None
        if self._fatalities is None or self._fatalities[0] != text:
            self._fatalities = (text, fatalities_count(text))
        return self._fatalities[1]


def clause_of(tokens: Sequence[Token], verb: int) -> tuple[int, int]:
    """Return the clause of the verb at ``verb`` (first token, end exclusive), between ';'s."""
    lo = next((k + 1 for k in range(verb - 1, -1, -1) if tokens[k].norm == ";"), 0)
    hi = next((k for k in range(verb, len(tokens)) if tokens[k].norm == ";"), len(tokens))
    return lo, hi
