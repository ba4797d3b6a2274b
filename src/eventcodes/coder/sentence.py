"""The per-sentence view of the coder, built once, and the trace of one sentence.

``SentenceView.build`` takes a sentence's tokens and its actors (from the actors stage) and gives
everything the later stages look up: which tokens are actors, where actors and compound groups
start and end, comma-enclosed insertions, where the first clause and an opening quotation end,
whether the sentence is a question, its speaker and its trailing attribution. ``SentenceResult``
is what the coder gives back for one sentence (the trace ``explain`` shows).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from ..codebook.compiled import CompiledCodebook
from ..dates import DateMatch
from ..places import PlaceMention
from ..tokens import Token
from .actors import Chunk, Group, Mention, compounds, only_agents
from .events import EventRow
from .modality import is_question
from .status import VerbMatch
from .words import (
    APPOSITION_OPENERS,
    DETERMINERS,
    PREPOSITIONS,
    RELATIVE_OPENERS,
    is_adverb,
)

if TYPE_CHECKING:
    from types import ModuleType


@dataclass
class SentenceResult:
    """The coding of one sentence, with everything explain shows."""

    index: int
    text: str
    start: int
    tokens: list[Token]
    mentions: list[Mention]
    chunks: list[Chunk]
    verbs: list[VerbMatch]
    dates: list[DateMatch]
    events: list[EventRow]
    discarded: str = ""
    #: the places the sentence names (coder.places); None until the coder needs them
    places: list[PlaceMention] | None = None
    #: computed once, when an event of the sentence needs its date
    relative_clauses: list[tuple[int, int, int, int]] | None = None


@dataclass
class SentenceView:
    """One sentence as the verb, modality and role stages see it; built once per sentence."""

    cc: CompiledCodebook
    tokens: list[Token]
    chunks: list[Chunk]
    groups: list[Group]
    #: covered[k]: token k is part of an actor
    covered: list[bool]
    #: the tokens of actors that are agents only ("police")
    agent_only: set[int]
    #: actor by its end (exclusive), group by its start and by its end
    chunk_end: dict[int, Chunk]
    group_at: dict[int, Group]
    group_end_at: dict[int, Group]
    #: comma-enclosed insertions (relative clauses, participles, appositions) as comma indexes
    insertions: list[tuple[int, int]]
    #: the normalised tokens, in order and as a set
    sequence: tuple[str, ...]
    norms: set[str]
    #: where the first clause ends (';' or the end of an opening quotation)
    first_clause_end: int
    #: the closing quote of a quotation the sentence opens with, or -1
    quote_end: int
    question: bool = False
    #: the subject of the sentence's first reporting verb ("Pakistan said ...")
    speaker: list[Chunk] = field(default_factory=list)
    #: (where it starts, speaker, what it is said of) of a trailing '..., X said of Y.'
    attribution: tuple[int, list[Chunk], list[Chunk]] | None = None

    @property
    def n(self) -> int:
        return len(self.tokens)

    @classmethod
    def build(cls, cc: CompiledCodebook, tokens: list[Token], chunks: list[Chunk]) -> SentenceView:
        """Return the view of a sentence whose actors are ``chunks`` (compound groups are formed here)."""
        groups = compounds(tokens, chunks)
        n = len(tokens)
        covered = [False] * n
        agent_only: set[int] = set()
        chunk_end: dict[int, Chunk] = {}
        chunk_starts: set[int] = set()
        for c in chunks:
            covered[c.start : c.end] = [True] * (c.end - c.start)
            if only_agents(c.mentions):
                agent_only.update(range(c.start, c.end))
            chunk_end[c.end] = c
            chunk_starts.add(c.start)
        group_at: dict[int, Group] = {}
        group_end_at: dict[int, Group] = {}
        for g in groups:
            group_at[g.start] = g
            group_end_at[g.end] = g
        sequence = tuple([t.norm for t in tokens])
        norms = set(sequence)
        clause_end = sequence.index(";") if ";" in norms else n
        quote_end = -1
        if sequence[0] == '"' and '"' in sequence[1:]:
            quote_end = sequence.index('"', 1)
        if 0 < quote_end < clause_end:
            clause_end = quote_end
        # the fields in their order, not by name: a call with 14 keywords costs twice as much
        view = cls(
            cc,
            tokens,
            chunks,
            groups,
            covered,
            agent_only,
            chunk_end,
            group_at,
            group_end_at,
            insertions(tokens, chunk_starts, sequence),
            sequence,
            norms,
            clause_end,  # first_clause_end
            quote_end,
        )
        view.question = "?" in norms and is_question(tokens)
        roles = _roles()  # both return at once when no reporting verb ("said") occurs
        view.speaker = roles.sentence_speaker(view)
        view.attribution = roles.attribution(view)
        return view

    def clause_end(self, i: int) -> int:
        """Return where the clause of a verb at ``i`` ends: the next ';' or a quotation's end."""
        n = self.n
        end = next((k for k in range(i, n) if self.tokens[k].norm == ";"), n)
        if self.quote_end > i:
            end = min(end, self.quote_end)  # a quotation ends its clauses
        return end


@cache
def _roles() -> ModuleType:
    """Return the roles module, imported at first use: it reads SentenceView, so importing it
    here at load would be a cycle (an import statement in ``build`` costs a few microseconds
    a sentence)."""
    from . import roles

    return roles


def insertions(
    tokens: list[Token], chunk_starts: set[int], sequence: tuple[str, ...] | None = None
) -> list[tuple[int, int]]:
    """Return comma-enclosed insertions (relative clauses, participles, appositions);
    ``sequence`` is the tokens' normalised forms, when the caller has them."""
    norms = sequence if sequence is not None else [t.norm for t in tokens]
    count = norms.count(",")
    if count < 2:
        return []
    commas = _indexes(norms, ",", count)
    spans = []
    for a, b in zip(commas, commas[1:], strict=False):
        if b - a > 16 or b == a + 1:
            continue
        first = tokens[a + 1].norm
        if (
            first in RELATIVE_OPENERS
            or first.endswith(("ed", "ing", "en"))
            or (a + 1) in chunk_starts
            or first in DETERMINERS
            or first in PREPOSITIONS
            or first in APPOSITION_OPENERS  # "Mr Vladimir Putin", "thus", "however"
            or (b == a + 2 and is_adverb(tokens[a + 1]))
        ):
            spans.append((a, b))
    return spans


def _indexes(words: Sequence[str], word: str, count: int) -> list[int]:
    """Return where ``word`` occurs in ``words``, which holds it ``count`` times (``index``
    finds each one, faster than a scan of every word)."""
    out: list[int] = []
    k = -1
    for _ in range(count):
        k = words.index(word, k + 1)
        out.append(k)
    return out
