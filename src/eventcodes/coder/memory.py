"""Document memory of the coder: what earlier sentences of the same document named.

Takes, per sentence, the actors the sentence named (``note_actors``) and the roles of each coded
event (``note_event``); gives back the people a later surname stands for (``people_named``), the
actors a pronoun refers to (``resolve``) and the story's country for bare agents
(``story_country``), and holds the dateline's place and the lead's (``coder.places``). One
object per document; the coder keeps nothing across documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..codebook.model import ActorEntry
from .actors import Chunk

if TYPE_CHECKING:
    from ..places import PlaceMention
    from .events import Dating


@dataclass
class DocumentMemory:
    """Per-document memory: people named in full, countries named, and pronoun referents."""

    #: first word of a surname -> (surname words, person), the latest mention first
    surnames: dict[str, list[tuple[tuple[str, ...], ActorEntry]]] = field(default_factory=dict)
    #: how often each country was named so far: the story's country for bare agents ("Police")
    countries: dict[str, int] = field(default_factory=dict)
    #: referents for pronouns: the last source that was a person ("he", "she") and the last
    #: sources and targets ("they")
    last_person: list[Chunk] = field(default_factory=list)
    last_sources: list[Chunk] = field(default_factory=list)
    last_targets: list[Chunk] = field(default_factory=list)
    #: the dateline's place, and the lead's date and place while they are carried forward
    #: (codebook setting ``carry_lead = "incident"``; see coder.places)
    dateline: PlaceMention | None = None
    lead_place: PlaceMention | None = None
    lead_date: Dating | None = None

    # -- note ------------------------------------------------------------------------------
    def note_actors(
        self,
        chunks: list[Chunk],
        countries: list[str],
        surname_keys: dict[ActorEntry, tuple[str, ...]],
    ) -> None:
        """Remember the people a sentence named in full, and count the countries it named."""
        for c in chunks:
            for m in c.mentions:
                if m.entry is not None and m.entry.surname and not m.from_memory:
                    key = surname_keys[m.entry]
                    same_first = [kv for kv in self.surnames.get(key[0], []) if kv[0] != key]
                    self.surnames[key[0]] = [(key, m.entry), *same_first]
        for name in countries:
            self.countries[name] = self.countries.get(name, 0) + 1

    def note_event(self, sources: list[Chunk], targets: list[Chunk]) -> None:
        """Remember the roles of a coded event: the referents of later pronouns."""
        self.last_sources = list(sources)
        self.last_targets = list(targets)
        people = [
            c for c in sources if any(m.entry is not None and m.entry.surname for m in c.mentions)
        ]
        if len(sources) == 1 and people:
            self.last_person = people

    # -- resolve ---------------------------------------------------------------------------
    def knows_surname(self, first_word: str) -> bool:
        """Return whether a person whose surname starts with this word was named in full."""
        return first_word in self.surnames

    def people_named(self, first_word: str) -> list[tuple[tuple[str, ...], ActorEntry]]:
        """Return (surname words, person) of the people named so far whose surname starts so."""
        return self.surnames.get(first_word, [])

    def resolve(self, pronoun: str) -> list[Chunk]:
        """Return the earlier actor(s) a subject pronoun refers to."""
        if pronoun in ("he", "she"):
            return list(self.last_person)
        if pronoun != "they":
            return []  # "it" and "we" resolve only to a speaker in the same sentence
        if len(self.last_sources) > 1:
            return list(self.last_sources)
        return list(self.last_sources) + list(self.last_targets)

    def story_country(self) -> str | None:
        """Return the country named most often so far (the first named among equals), if any."""
        return max(self.countries, key=lambda c: self.countries[c]) if self.countries else None
