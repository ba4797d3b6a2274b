"""Stage 1 of the coder, actors: codebook mentions, composed actors, and compound groups.

Takes a sentence's tokens, the document date, the compiled codebook and the document memory (read
only) and gives ``Actors``: the mentions found (one automaton pass, longest match first), the
mentions composed into actors (``South Korean Foreign Minister Cho`` -> KORGOV), the countries the
sentence names, and a discard scope when a discard phrase matched. ``compounds`` then joins actors
listed with "and"/"or" into groups (``South Korea and the EU``). Nothing here writes the memory:
the pipeline notes what a sentence named with ``DocumentMemory.note_actors``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING

import pycountry

from ..codebook.compiled import ACTOR, AGENT, DISCARD, SURNAME, CompiledCodebook
from ..codebook.load import BLOCK_CODE
from ..codebook.model import ActorEntry
from ..origin import Origin
from ..tokens import Token
from .unknown import ORIGIN as UNKNOWN_ORIGIN
from .unknown import unknown_spans
from .words import (
    AUXILIARIES,
    CLAUSE_BREAKS,
    COMPOUND_JOINERS,
    DETERMINERS,
    INTRO_OPENERS,
    LOCATIVES,
    NON_STATE,
    NOT_ADJECTIVES,
    PREPOSITIONS,
)

if TYPE_CHECKING:
    from .memory import DocumentMemory


@dataclass(slots=True)
class Mention:
    """A codebook phrase found in the sentence (token span, end exclusive)."""

    start: int
    end: int
    kind: str  # actor or agent
    code: str  # actor code, or the agent's role code
    origin: Origin
    entry: ActorEntry | None = None
    from_memory: bool = False


@dataclass(slots=True)
class Chunk:
    """Adjacent mentions composed into one actor: ``South Korean Foreign Minister Cho Tae-yul``."""

    start: int
    end: int
    code: str
    mentions: list[Mention]
    possessive: bool = False
    #: a possessive actor followed by a noun that is not an actor (``North Korea's deployment``)
    modifier: bool = False
    group: int = -1
    #: a bare agent that took the country of the sentence or story
    localised: bool = False
    #: the words that named the actor (kept, as a pronoun may refer to it from a later sentence)
    text: str = ""


@dataclass(slots=True)
class Group:
    """One actor or a compound of them (``South Korea and the EU``)."""

    index: int
    chunks: list[Chunk]

    @property
    def start(self) -> int:
        return self.chunks[0].start

    @property
    def end(self) -> int:
        return self.chunks[-1].end


@dataclass(slots=True)
class Actors:
    """What the actor stage found in one sentence."""

    mentions: list[Mention]
    #: the scope of a discard phrase that matched ("sentence" or "document"), else ""
    discard: str = ""
    chunks: list[Chunk] = field(default_factory=list)
    #: the countries the sentence names, in order (before bare agents took one)
    countries: list[str] = field(default_factory=list)


def only_agents(mentions: list[Mention]) -> bool:
    """Return whether mentions are all agents ("police", not "Pakistani police"): a loop, as
    ``all`` over a generator costs several times more for the one or two mentions of an actor."""
    for m in mentions:  # noqa: SIM110 - faster than all() over a generator
        if m.kind != AGENT:
            return False
    return True


def _country_codes() -> frozenset[str]:
    codes = {c.alpha_3 for c in pycountry.countries}
    codes.add("XKX")  # Kosovo: user-assigned ISO code used by the EU and many datasets
    return frozenset(codes)


class CodeSplitter:
    """Splits actor codes into (ISO country, role), remembering each: KORGOV -> (KOR, GOV).

    The coder splits codes several times a sentence, so a call is mostly a look-up of the codes
    split before. (Not a ``dict`` subclass with ``__missing__``: compiled by mypyc, such a class
    crashes the interpreter.)
    """

    def __init__(self, roles: Mapping[str, str]) -> None:
        self.countries = _country_codes()
        self.roles = roles
        self._known: dict[str, tuple[str | None, str | None]] = {}

    def __call__(self, code: str) -> tuple[str | None, str | None]:
        """Return (ISO country, role) of an actor code: KORGOV -> (KOR, GOV); IGOEUREEC -> (None, IGO)."""
        found = self._known.get(code)
        if found is None:
            parts = [code[i : i + 3] for i in range(0, len(code), 3)]
            country = parts[0] if parts and parts[0] in self.countries else None
            rest = parts[1:] if country else parts
            role = next((p for p in rest if p in self.roles), None)
            found = self._known[code] = (country, role)
        return found


def find_actors(
    cc: CompiledCodebook,
    split: CodeSplitter,
    text: str,
    tokens: list[Token],
    day: dt.date,
    memory: DocumentMemory,
) -> Actors:
    """Return the actors of one sentence: mentions, composed actors, countries named, discard."""
    mentions, discard = find_mentions(cc, tokens, day, memory)
    if discard:
        return Actors(mentions, discard)
    added = unknown_spans(tokens, mentions)
    if added:
        new = [Mention(a, b, AGENT, role, UNKNOWN_ORIGIN) for a, b, role in added]
        mentions = sorted(mentions + new, key=lambda m: m.start)
    chunks = compose(cc, text, tokens, mentions)
    countries = localise(split, tokens, chunks, memory)
    return Actors(mentions, "", chunks, countries)


def find_mentions(
    cc: CompiledCodebook, tokens: list[Token], day: dt.date, memory: DocumentMemory
) -> tuple[list[Mention], str]:
    """Return the longest non-overlapping codebook mentions, and a discard scope if one matched."""
    found: list[tuple[int, float, Mention]] = []
    surname_at: list[int] = []
    discard = ""
    if cc.has_phrases:
        values, matches = cc.automaton.find_chars(cc.token_chars(tokens))
        for k, start, end in matches:
            for hit in values[k]:
                if hit.kind == ACTOR:
                    entry = hit.undated or hit.actor_on(day)
                    if entry is not None and not _lowercase_use(entry.phrase, tokens[start]):
                        m = Mention(start, end, ACTOR, entry.code, entry.origin, entry)
                        found.append((start, start - end, m))
                elif hit.kind == AGENT and hit.agent is not None:
                    m = Mention(start, end, AGENT, hit.agent.role, hit.agent.origin)
                    found.append((start, start - end, m))
                elif hit.kind == DISCARD and discard != "document":
                    discard = hit.scope
                elif hit.kind == SURNAME and tokens[start].text[:1].isupper():
                    surname_at.append(start)
    if surname_at:
        found.extend(_surname_mentions(cc, tokens, day, memory, surname_at))
    chosen = _leftmost_longest(found) if len(found) > 1 else [m for _, _, m in found]
    return [m for m in chosen if m.code != BLOCK_CODE], discard


def _leftmost_longest(found: list[tuple[int, float, Mention]]) -> list[Mention]:
    """Return the mentions that do not overlap, leftmost first, then the longest (the lowest
    rank: a surname found by the memory after a phrase), in text order.

    What ``spans.filter_spans`` keeps with that rank, in one pass: taken by start, a mention
    overlaps one kept before it only if it starts before the end of the last one kept.
    """
    kept: list[Mention] = []
    last_end = -1
    for _, _, m in sorted(found, key=_RANK):
        if m.start >= last_end:
            kept.append(m)
            last_end = m.end
    return kept


#: the rank of a found mention (start, then minus its length or the surname's rank)
_RANK = itemgetter(0, 1)


def _lowercase_use(phrase: str, token: Token) -> bool:
    """Return whether a one-word phrase the codebook capitalises stands in lower case in the text:
    a direction, not the region ("the western Afghan city", not "Western governments")."""
    return " " not in phrase and phrase[:1].isupper() and token.text[:1].islower()


def _surname_mentions(
    cc: CompiledCodebook,
    tokens: list[Token],
    day: dt.date,
    memory: DocumentMemory,
    surname_at: list[int],
) -> list[tuple[int, float, Mention]]:
    """Return the surnames alone at ``surname_at`` as mentions, ranked against the phrases."""
    found: list[tuple[int, float, Mention]] = []
    # a surname alone that no earlier full mention explains: the one office holder of
    # that name at the document's date, if there is exactly one
    for i in surname_at:
        tok = tokens[i]
        entries = cc.surname_index.get(tok.norm)
        if entries is None or memory.knows_surname(tok.norm) or _date_word(tokens, i):
            continue
        valid = {e.code: e for e in entries if e.valid_on(day)}
        if len(valid) == 1:
            entry = next(iter(valid.values()))
            m = Mention(i, i + 1, ACTOR, entry.code, entry.origin, entry, from_memory=True)
            found.append((i, -0.25, m))
    for i in surname_at:
        for key, entry in memory.people_named(tokens[i].norm):
            n = len(key)
            if n == 1 or tuple(t.norm for t in tokens[i : i + n]) == key:
                m = Mention(i, i + n, ACTOR, entry.code, entry.origin, entry, from_memory=True)
                found.append((i, 0.5 - n, m))
    return found


def _joinable(cc: CompiledCodebook, tokens: list[Token], prev: Chunk, m: Mention) -> bool:
    """Return whether mention ``m`` extends the actor ``prev`` that ends before it (at most
    ``_MAX_JOIN_GAP`` tokens before it: no mention further away does)."""
    gap = [t.norm for t in tokens[prev.end : m.start]]
    last = prev.mentions[-1]
    joinable = (
        not gap
        or (gap == ["'s"] and m.kind == AGENT)
        or (gap == ["'s"] and m.entry is not None and bool(m.entry.surname))
        or (gap in (["of"], ["of", "the"]) and last.kind == AGENT and m.kind == ACTOR)
        or (m.kind == AGENT and last.kind == ACTOR and _modifiers(cc, tokens, prev.end, m.start))
    )
    two_actors = (
        m.kind == ACTOR
        and last.kind == ACTOR
        and not gap
        and m.entry is not None
        and not m.entry.surname
        and last.entry is not None
        and not last.entry.surname
    )
    return joinable and not two_actors


#: the longest gap between two mentions of one actor: "'s" and three adjectives (``_modifiers``)
_MAX_JOIN_GAP = 4


def compose(
    cc: CompiledCodebook, text: str, tokens: list[Token], mentions: list[Mention]
) -> list[Chunk]:
    """Compose adjacent mentions into actors: country + agent, agent + of + country, person."""
    chunks: list[Chunk] = []
    n = len(tokens)
    for m in mentions:
        near = bool(chunks) and m.start - chunks[-1].end <= _MAX_JOIN_GAP  # most are not
        if near and _joinable(cc, tokens, chunks[-1], m):
            chunks[-1].mentions.append(m)
            chunks[-1].end = m.end
            continue
        chunks.append(Chunk(m.start, m.end, "", [m]))
    for c in chunks:
        c.code = chunk_code(c)
        c.text = text[tokens[c.start].start : tokens[c.end - 1].end]
        if c.end < n and tokens[c.end].norm in ("'s", "'"):
            c.possessive = True
            nxt = c.end + 1
            following_chunk = any(o.start == nxt for o in chunks)
            if nxt < n and not following_chunk and tokens[nxt].text[:1].isalpha():
                c.modifier = True
    return chunks


def _modifiers(cc: CompiledCodebook, tokens: list[Token], start: int, end: int) -> bool:
    """Return whether tokens[start:end] are a few adjectives between a country and its agent:
    "Chinese state-owned company", "Turkey's main opposition party"."""
    words = tokens[start:end]
    if words and words[0].norm == "'s":
        words = words[1:]
    if not words or len(words) > 3:
        return False
    for k, t in enumerate(words):
        if t.norm == "-":
            continue
        hyphenated = k > 0 and words[k - 1].norm == "-"
        if not (t.text.isalpha() and t.text.islower()) or t.norm in NOT_ADJECTIVES:
            return False
        if (t.norm in cc.verb_forms and not hyphenated) or t.norm in PREPOSITIONS:
            return False
        if t.norm in DETERMINERS or t.norm in AUXILIARIES or t.norm in CLAUSE_BREAKS:
            return False
    return True


def chunk_code(chunk: Chunk) -> str:
    """Return the code of composed mentions: the most specific actor, or country + agent's role."""
    if len(chunk.mentions) == 1:
        return chunk.mentions[0].code  # most actors: one mention, whatever its kind
    actors = [m for m in chunk.mentions if m.kind == ACTOR]
    agents = [m for m in chunk.mentions if m.kind == AGENT]
    specific = [m for m in actors if len(m.code) > 3]
    if specific:
        return specific[-1].code
    if actors:
        base = actors[0].code
        if agents and len(base) == 3 and base not in NON_STATE:
            return base + agents[-1].code
        return base
    return agents[-1].code


def localise(
    split: CodeSplitter, tokens: list[Token], chunks: list[Chunk], memory: DocumentMemory
) -> list[str]:
    """Give bare agents ("Police") a country: the place named in the sentence ("in Dhaka"),
    else the country the story has named most, else the one country the sentence names.

    Returns the countries the sentence named, for the memory to count.
    """
    named: list[str] = []
    located: list[str] = []
    bare: list[Chunk] = []
    for c in chunks:
        if only_agents(c.mentions):
            bare.append(c)
        place, _ = split(c.code)
        if place is None:
            continue
        if place not in named:
            named.append(place)
        if c.start > 0 and tokens[c.start - 1].norm in LOCATIVES and place not in located:
            located.append(place)
    if bare:
        if len(located) == 1:
            country: str | None = located[0]
        else:
            country = memory.story_country() or (named[0] if named else None)
        starts = {c.start: c for c in chunks}
        for c in bare:
            owner = _owner(split, tokens, starts, c) or country
            if owner is not None:
                c.code = owner + c.code
                c.localised = True
    return named


def _owner(
    split: CodeSplitter, tokens: list[Token], starts: dict[int, Chunk], c: Chunk
) -> str | None:
    """Return the country of the actor a bare agent belongs to: "diplomats from the Sudanese
    embassy", "troops of Chad" (the agent is that country's), or None."""
    k = c.end
    if k >= len(tokens) or tokens[k].norm not in ("from", "of"):
        return None
    k += 1
    if k < len(tokens) and tokens[k].norm == "the":
        k += 1
    owner = starts.get(k)
    return split(owner.code)[0] if owner is not None else None


def _intro_end(tokens: list[Token]) -> int:
    """Return the index of the comma that ends the sentence's introductory phrases, or -1.

    ``After a meeting in Seoul, South Korean ...``: the actors before that comma are not
    part of a list with the ones after it.
    """
    end = -1
    k = 0
    n = len(tokens)
    while k < n and tokens[k].norm in INTRO_OPENERS:
        comma = next((c for c in range(k + 1, min(n, k + 13)) if tokens[c].norm == ","), -1)
        if comma < 0:
            break
        end = comma
        k = comma + 1
    return end


def compounds(tokens: list[Token], chunks: list[Chunk]) -> list[Group]:
    """Return the actors joined into compound groups by 'and', 'or' and commas.

    Sets each chunk's ``group``, and shares the head noun of a list of adjectives.
    """
    intro_end = _intro_end(tokens) if len(chunks) > 1 else -1
    groups: list[Group] = []
    i = 0
    while i < len(chunks):
        members = [chunks[i]]
        joiners: list[list[str]] = []
        j = i
        while j + 1 < len(chunks):
            if chunks[j].possessive or chunks[j].end <= intro_end:
                break
            core = _joining_words(tokens, chunks[j].end, chunks[j + 1].start)
            if core is None:
                break
            members.append(chunks[j + 1])
            joiners.append(core)
            j += 1
        # a list joined only by commas is not a compound ("In Moscow, Putin met ...")
        while joiners and not any(g in ("and", "or", "&") for g in joiners[-1]):
            joiners.pop()
            members.pop()
        group = Group(len(groups), members)
        for c in members:
            c.group = group.index
        groups.append(group)
        if len(members) > 1:
            _distribute_role(group)
        i += len(members)
    return groups


def _joining_words(tokens: list[Token], start: int, end: int) -> list[str] | None:
    """Return the words that join two actors listed together (``and``, ``or``, ``&``, commas),
    determiners left out, or None when there are none or another word stands between them."""
    core: list[str] = []
    for k in range(start, end):
        word = tokens[k].norm
        if word in DETERMINERS:
            continue
        if word not in COMPOUND_JOINERS:
            return None  # most gaps: a verb or a noun right after the first actor
        core.append(word)
    return core or None


def _distribute_role(group: Group) -> None:
    """Share the head noun of a list of adjectives: "Iranian and Russian officials" are both GOV;
    and of an agent before a list of countries: "the embassies of France and Germany"."""
    first, last = group.chunks[0], group.chunks[-1]
    if len(group.chunks) < 2:
        return
    if first.mentions[0].kind == AGENT and first.mentions[-1].kind == ACTOR:
        role = first.mentions[0].code
        for c in group.chunks[1:]:
            if len(c.mentions) == 1 and len(c.code) == 3 and c.code not in NON_STATE:
                c.code += role
        return
    if last.mentions[-1].kind != AGENT or last.mentions[0].kind != ACTOR:
        return
    role = last.mentions[-1].code
    for c in group.chunks[:-1]:
        bare = len(c.mentions) == 1 and c.mentions[0].kind == ACTOR and not c.possessive
        if bare and len(c.code) == 3 and c.code not in NON_STATE:
            c.code += role


def _date_word(tokens: list[Token], i: int) -> bool:
    """Return whether the word at ``i`` is a month in a date ("on May 3", "3 May"), not a surname."""
    after = tokens[i + 1].norm if i + 1 < len(tokens) else ""
    before = tokens[i - 1].norm if i > 0 else ""
    return after[:1].isdigit() or before[:1].isdigit()
