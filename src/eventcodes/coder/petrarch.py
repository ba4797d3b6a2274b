"""PETRARCH-1's coding semantics, for a codebook imported from PETRARCH/TABARI dictionaries.

Switched on by the codebook's ``code_syntax = "petrarch"`` (the setting ``import-dictionaries``
writes); the default codebook never reaches this module. Small hooks in ``pipeline`` call it:

- ``modality``: negation and modal auxiliaries are the dictionary's business. A verb whose
  pattern matched is coded with the pattern's code whatever its auxiliaries
  (``&NEGATVAUXVRB * OVER EFFORTS``, ``WILL NOT *``, ``INDICATED SHOULD *``); a verb coded by its
  default code keeps the coder's negation and modality stops.
- ``split_codes``: an ``A/B`` actor code (``[FRO/BIL/SAM]``) is several actors, one event each.
- ``paired_rows``: an ``x:y`` code gives x from source to target and, under
  ``paired_codes = "both"``, y from each target back to the source.
"""

from __future__ import annotations

import dataclasses

from ..codebook.compiled import ACTOR, AGENT
from ..codebook.model import Settings
from ..codebook.patterns import COMPOUND, TARGET, WORDS
from ..tokens import Token
from .actors import Chunk, Group, chunk_code
from .modality import Modality
from .roles import Roles
from .sentence import SentenceView
from .status import Note, VerbMatch, VerbStatus, Why
from .verbs import match_pattern
from .words import REPORTING

#: the shallow guesses that a verb form is a noun here, which a pattern naming the words before
#: the verb overrides (PETRARCH-1 trusts its parse, and the dictionary's words stand for it)
#: the words that open a clause inside a verb's phrase ("restore ties ... after crowds burned")
_SUBORDINATORS = frozenset({"after", "before", "since", "until", "when", "while", "because"})

#: the words that tie agents to the countries after them: "Soldiers from Gondor"
_AGENT_LINKS = frozenset({"from", "in"})

_NOUN_GUESSES = frozenset(
    {
        Why.AFTER_PREPOSITION,
        Why.AFTER_DETERMINER,
        Why.AFTER_DETERMINER_ADJECTIVE,
        Why.AFTER_NOUN_MODIFIER,
        Why.AFTER_ADJECTIVE,
        Why.INFINITIVE,
    }
)


def active(settings: Settings) -> bool:
    """Return whether the codebook asks for PETRARCH-1's semantics."""
    return settings.code_syntax == "petrarch"


def modality(mood: Modality, vm: VerbMatch) -> Modality:
    """Return the verb's modality as PETRARCH-1 reads it: a matched pattern is never stopped by
    its auxiliaries (the pattern names them if they matter)."""
    if vm.pattern and mood.status is not None:
        return Modality(mood.mode)
    return mood


def pattern_says_verb(
    view: SentenceView, vm: VerbMatch, why: Note, clause_end: int, cache: dict[str, frozenset[int]]
) -> bool:
    """Return whether a pattern that names words before the verb matches the verb form the
    shallow syntax took for a noun or an infinitive (``won't ever clash over``:
    ``&NEGATVAUXVRB EVER *``). ``cache`` keeps, per verb group, the numbers of such patterns."""
    if why.why not in _NOUN_GUESSES:
        return False
    if why.why is not Why.INFINITIVE and vm.token in view.group_end_at:
        return True  # right after an actor: its verb ("Clerics and lawmakers believe")
    group = vm.verb.group
    only = cache.get(group)
    if only is None:
        patterns = view.cc.patterns.get(group, [])
        only = cache[group] = frozenset(
            k for k, cp in enumerate(patterns) if any(el.kind == WORDS for el in cp.before)
        )
    if not only:
        return False
    return match_pattern(view, vm, clause_end, only)[0] is not None


def attribution(view: SentenceView) -> tuple[int, int]:
    """Return (the comma, the reporting verb) of a trailing attribution ("..., a senior official
    said on Saturday"), PETRARCH-1's separate clause, or (-1, -1). The clause before the comma
    ends there: its verbs take no actor from the attribution."""
    tokens = view.tokens
    comma = max((k for k, t in enumerate(tokens) if t.norm == ","), default=-1)
    if comma < 1:
        return -1, -1
    for r in range(comma + 2, min(view.n, comma + 10)):
        if tokens[r].norm in REPORTING:
            if any(comma < g.start and g.end <= r for g in view.groups):
                return comma, r
            break
    return -1, -1


def inside_coded_phrase(view: SentenceView, vm: VerbMatch, coded: list[int]) -> bool:
    """Return whether the verb is in a clause that a subordinator ("after", "when") opens
    within the phrase of a verb coded before it, no comma between: PETRARCH-1 codes that
    phrase once."""
    if not coded:
        return False
    norms = view.sequence
    for k in range(vm.token - 1, coded[-1], -1):
        if norms[k] in (",", ";", ":"):
            return False
        if norms[k] in _SUBORDINATORS:
            return True
    return False


def sentence_roles(view: SentenceView, vm: VerbMatch, roles: Roles, clause_end: int) -> None:
    """Fill what a matched pattern left without a role from the sentence, as PETRARCH-1 does:
    the source is the nearest actor before the verb, the target the first actor after it in
    its clause, within the pattern's words or before a subordinate clause opens
    (``allowed that Mordor isn't a really pleasant``: Mordor)."""
    if not roles.sources and vm.pattern:
        before = [g for g in view.groups if g.end <= vm.token]
        if before:
            roles.sources = list(before[-1].chunks)
            roles.failure = None
            # a passive's subject, taken as its target, is now the source: not both
            roles.targets = [c for c in roles.targets if c not in roles.sources]
    if not roles.targets and roles.sources:
        norms = view.sequence
        for g in view.groups:
            if g.start <= vm.token or g.start >= clause_end:
                continue
            if g.start > vm.last_token and any(
                norms[k] in _SUBORDINATORS for k in range(vm.last_token + 1, g.start)
            ):
                break
            roles.targets = [c for c in g.chunks if c not in roles.sources]
            break


def compound_roles(found: dict[str, Group], vm: VerbMatch) -> dict[str, Group]:
    """Return the pattern's roles with ``%`` read as PETRARCH-1 reads it: after the verb with a
    single code its members are all targets (``agrees with %``); otherwise they are source and
    target of each other (``% have delayed``; a paired code), left as they are."""
    group = found.get(COMPOUND)
    if group is None or vm.paired or group.start < vm.token:
        return found
    out = {k: g for k, g in found.items() if k != COMPOUND}
    out.setdefault(TARGET, group)
    return out


def anti_phrase(view: SentenceView, i: int) -> bool:
    """Return whether the verb form at ``i`` ends a phrase "anti- ACTOR" (``an anti- Gondor
    parade``): a noun."""
    g = view.group_end_at.get(i)
    norms = view.sequence
    return (
        g is not None
        and g.start >= 2
        and norms[g.start - 1] == "-"
        and norms[g.start - 2] == "anti"
    )


def free_infinitive(why: Note, governor: VerbMatch | None) -> bool:
    """Return whether an infinitive is coded itself: its governor is no verb of the codebook or
    was not coded ("was seen to break into")."""
    return why.why is Why.INFINITIVE and (
        governor is None or governor.status is not VerbStatus.CODED
    )


def split_codes(chunks: list[Chunk]) -> list[Chunk]:
    """Return the actors with each ``A/B`` code made into one actor per code."""
    out: list[Chunk] = []
    for c in chunks:
        if "/" not in c.code:
            out.append(c)
            continue
        out.extend(dataclasses.replace(c, code=part) for part in c.code.split("/") if part)
    return out


def reversed_match(vm: VerbMatch, paired: str) -> VerbMatch | None:
    """Return the verb with source and targets swapped and the paired code (None without a
    target: PETRARCH-1 gives the reversed event only between two actors)."""
    if not vm.targets:
        return None
    # replace, not copy.copy: compiled by mypyc (setup.py), VerbMatch cannot be copied
    return dataclasses.replace(vm, code=paired, sources=list(vm.targets), targets=list(vm.sources))


def _bare(c: Chunk) -> bool:
    return all(m.kind == AGENT for m in c.mentions)


def _run(tokens: list[Token], chunks: list[Chunk], k: int, bare: bool) -> int:
    """Return the index after the run of chunks from ``k`` joined by "and" (or ","), each bare
    agents (``bare``) or each an actor naming no agent."""
    j = k
    while j < len(chunks) and _bare(chunks[j]) == bare:
        if not bare and any(m.kind != ACTOR for m in chunks[j].mentions):
            break
        j += 1
        if j < len(chunks):
            gap = [t.norm for t in tokens[chunks[j - 1].end : chunks[j].start]]
            if gap not in (["and"], [","], [",", "and"]):
                break
    return j


def _agent_of_actor(tokens: list[Token], c: Chunk) -> list[Chunk]:
    """Return "the parliament of Gondor" as two actors, the agent (``---LEG``) and the country,
    as PETRARCH-1 reads a noun phrase with its prepositional phrase; any other actor as it is."""
    kinds = [m.kind for m in c.mentions]
    if kinds != [AGENT, ACTOR]:
        return [c]
    agent, actor = c.mentions
    if [t.norm for t in tokens[agent.end : actor.start]] not in (["of"], ["of", "the"]):
        return [c]
    first = Chunk(c.start, agent.end, agent.code, [agent], text=c.text)
    second = Chunk(actor.start, c.end, actor.code, [actor], c.possessive, c.modifier, text=c.text)
    return [first, second]


def compose_agents(tokens: list[Token], chunks: list[Chunk]) -> list[Chunk]:
    """Return the actors as PETRARCH-1 composes them: a bare agent keeps no country (``---GOV``)
    unless it is followed by "from"/"in" and countries, which it then takes, each agent with
    each country (``Lawmakers and officials in Fornost and Gondor``: FORLEG/GONLEG, FORGOV/GONGOV;
    the coder makes one actor of each ``/`` part)."""
    for c in chunks:
        if c.localised:
            c.code, c.localised = chunk_code(c), False
    chunks = [part for c in chunks for part in _agent_of_actor(tokens, c)]
    out: list[Chunk] = []
    k = 0
    while k < len(chunks):
        if not _bare(chunks[k]):
            out.append(chunks[k])
            k += 1
            continue
        agents_end = _run(tokens, chunks, k, True)
        last = chunks[agents_end - 1]
        nxt = chunks[agents_end] if agents_end < len(chunks) else None
        gap = [t.norm for t in tokens[last.end : nxt.start]] if nxt is not None else []
        if nxt is None or len(gap) != 1 or gap[0] not in _AGENT_LINKS:
            out.extend(chunks[k:agents_end])
            k = agents_end
            continue
        places_end = _run(tokens, chunks, agents_end, False)
        places = [c.code for c in chunks[agents_end:places_end]]
        for agent in chunks[k:agents_end]:
            agent.code = "/".join(p + agent.code for p in places)
        last.end = chunks[places_end - 1].end
        last.mentions = last.mentions + [
            m for c in chunks[agents_end:places_end] for m in c.mentions
        ]
        out.extend(chunks[k:agents_end])
        k = places_end
    return out
