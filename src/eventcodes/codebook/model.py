"""The codebook as an immutable value: entries of every table, settings, origin and hash."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..origin import Origin
from .patterns import Pattern

if TYPE_CHECKING:
    from ..places import PlaceIndex
    from .compiled import CompiledCodebook


@dataclass(frozen=True)
class EventCode:
    """One CAMEO event code with its name, Goldstein value and quad class."""

    code: str
    name: str
    #: None for a code outside CAMEO that an imported dictionary uses (code_syntax = "petrarch")
    goldstein: float | None
    quad_class: int | None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class ActorEntry:
    """A phrase that names an actor, valid for documents dated start..end (inclusive)."""

    phrase: str
    code: str
    start: dt.date | None
    end: dt.date | None
    surname: str
    origin: Origin
    #: the row's note: ``office=...; person=...`` for office holders (see ``audit``)
    note: str = ""
    #: used only when no dated row of the phrase applies on the document's date
    fallback: bool = False

    def valid_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class AgentEntry:
    """A role noun (``foreign minister``) with its plural forms and CAMEO role code."""

    phrase: str
    role: str
    plurals: tuple[str, ...]
    origin: Origin
    #: "after": the role follows the actor's code (KOR + GOV); "before": it precedes it (NGO + ...)
    placement: str = "after"


@dataclass(frozen=True)
class VerbEntry:
    """A verb with all its forms, the group whose patterns it uses, and its default code."""

    verb: str
    forms: tuple[str, ...]
    group: str
    code: str | None
    rule_id: str
    origin: Origin
    #: the second code of an ``x:y`` pair: target -> source (settings.paired_codes)
    paired: str | None = None


@dataclass(frozen=True)
class PatternEntry:
    """A verb pattern of a group; ``code`` None is a stop pattern that gives no event."""

    rule_id: str
    group: str
    pattern: Pattern
    code: str | None
    origin: Origin
    #: the second code of an ``x:y`` pair: target -> source (settings.paired_codes)
    paired: str | None = None


@dataclass(frozen=True)
class DiscardEntry:
    """A phrase whose presence discards the sentence or the whole document."""

    phrase: str
    scope: str
    origin: Origin
    #: "word": whole words; "stem": the last word may continue (PETRARCH-1 discards)
    match: str = "word"


@dataclass(frozen=True)
class IssueEntry:
    """A phrase that marks a sentence with an issue code, or (``ignore_*``) cancels its issues."""

    phrase: str
    code: str
    category: str
    kind: str
    origin: Origin


@dataclass(frozen=True)
class Settings:
    """Coding settings from the manifest's [settings] table."""

    require_dyad: bool = False
    deduplicate: str = "document"
    #: "announced": a future expression (``will meet on Friday``) keeps the publication date;
    #: "expected": the event is dated at the future date.
    future_dates: str = "announced"
    #: an event the text dates more than this many days before publication is background
    #: ("Germany invaded Poland in 1939"), not news, and is not coded; 0 keeps every event
    background_days: int = 365
    #: "none": each sentence's events take their own date and place (news); "incident": later
    #: sentences with no date or place of their own take the lead sentence's (incident reports)
    carry_lead: str = "none"
    #: "cameo": codes must be CAMEO syntax; "petrarch": codes as imported dictionaries write them
    code_syntax: str = "cameo"
    #: "exclusive": rows of one phrase may not overlap in time; "first": the first row that
    #: applies wins (PETRARCH-1's date restrictions)
    actor_dates: str = "exclusive"
    #: an ``x:y`` code: "both" gives x source->target and y target->source; "first" only x
    paired_codes: str = "both"
    #: PETRARCH-1's new_actor_length: 0 off; else the longest unknown capitalised phrase
    #: (in words) reported as a new actor
    new_actor_length: int = 0
    #: PETRARCH-1's comma clause elimination: a comma-delimited clause of comma_min..comma_max
    #: words inside the sentence (b: at its beginning, e: at its end) is removed before coding;
    #: a max of 0 turns that position off
    comma_min: int = 0
    comma_max: int = 0
    comma_bmin: int = 0
    comma_bmax: int = 0
    comma_emin: int = 0
    comma_emax: int = 0
    #: code events whose source is unnamed or inanimate ("A car bomb killed five soldiers", "Five
    #: people were abducted") with an empty source code; False keeps PETRARCH's named dyads only
    unnamed_sources: bool = True


@dataclass(frozen=True, eq=False)
class Codebook:
    """A loaded, validated codebook; compile once with ``.compiled`` and pass it to the coder."""

    name: str
    version: str
    description: str
    path: Path
    hash: str
    event_codes: Mapping[str, EventCode]
    roles: Mapping[str, str]
    actors: tuple[ActorEntry, ...]
    agents: tuple[AgentEntry, ...]
    verbs: tuple[VerbEntry, ...]
    patterns: tuple[PatternEntry, ...]
    synsets: Mapping[str, tuple[str, ...]]
    discards: tuple[DiscardEntry, ...]
    settings: Settings
    #: event code prefix -> (intent code, refusal code): what "will VERB" / "refused to VERB" give
    intents: Mapping[str, tuple[str | None, str | None]] = field(default_factory=dict)
    origins: Mapping[str, str] = field(default_factory=dict)
    #: the places tables (manifest ``places``), read into an index on first use (``.places``)
    place_tables: tuple[Path, ...] = ()
    #: issue phrases (the issues table)
    issues: tuple[IssueEntry, ...] = ()
    #: the directories of the codebooks this one extends, deepest first (empty: none)
    layers: tuple[Path, ...] = ()

    def intent_of(self, code: str, refusal: bool = False) -> str | None:
        """Return the code for an intent to do ``code`` (or a refusal to), by its longest known prefix."""
        for n in range(len(code), 1, -1):
            pair = self.intents.get(code[:n])
            if pair is not None:
                return pair[1] if refusal else pair[0]
        return None

    @cached_property
    def compiled(self) -> CompiledCodebook:
        """Return the fast matchers built from this codebook (built on first use, then reused)."""
        from . import cache
        from .compiled import CompiledCodebook
        from .nogc import paused_gc

        with paused_gc():
            built = self.__dict__["compiled"] = CompiledCodebook(self)
            cache.compiled(self)  # a large codebook is written to the cache (codebook/cache.py)
        return built

    def __getstate__(self) -> dict[str, object]:
        """Return what pickling keeps (the cache of codebook/cache.py): the fields and the
        compiled matchers, not the gazetteer index, which is read from its tables when used."""
        return {k: v for k, v in self.__dict__.items() if k != "places"}

    @cached_property
    def places(self) -> PlaceIndex:
        """Return the gazetteer index of the places tables (built on first use, then reused).

        Raises CodebookError naming every bad row of the places tables.
        """
        from ..places import load_place_index

        # country names, adjectives and capitals of the actors table (``Ukrainian`` -> UKR)
        countries = {
            a.phrase: a.code
            for a in self.actors
            if len(a.code) == 3 and a.code.isalpha() and a.code.isupper() and a.start is None
        }
        return load_place_index(self.place_tables, countries)
