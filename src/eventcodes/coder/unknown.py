"""Actors no table lists, named by a title or by an organisation's head word.

Takes a sentence's tokens and the codebook mentions found there; ``unknown_mentions`` gives agent
mentions for names that no table lists but whose form says what they are:

- a title before a full name (``Sen. Mitch McConnell``, ``Gov. Phil Murphy``): the title's role, the
  name kept in the mention; an agent that is a title (``Governor``) takes the name after it;
- a capitalised name whose last word is an organisation word (``the California Farm Bureau
  Federation``, ``the Nigeria Labour Congress``): that word's sector.

They are agents: like ``Police`` they take the country of the sentence or the story, and a country
named inside them (``Nigeria Labour Congress``) composes with them. The words are grammar of English
names, not facts about actors, so they live here and not in the codebook tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..codebook.compiled import AGENT
from ..origin import Origin
from ..tokens import Token
from .words import DETERMINERS, PREPOSITIONS

if TYPE_CHECKING:
    from .actors import Mention

#: where these mentions come from, for explain
ORIGIN = Origin(Path("coder/unknown.py"), 0)
#: a new agent mention: (start, end, role)
Span = tuple[int, int, str]

#: titles (normalised, without the period) and the role they give the full name after them
TITLES = {
    "sen": "LEG",
    "senator": "LEG",
    "rep": "LEG",
    "representative": "LEG",
    "congressman": "LEG",
    "congresswoman": "LEG",
    "mp": "LEG",
    "gov": "GOV",
    "governor": "GOV",
    "president": "GOV",
    "minister": "GOV",
    "premier": "GOV",
    "mayor": "GOV",
    "ambassador": "GOV",
    "gen": "MIL",
    "general": "MIL",
    "col": "MIL",
    "colonel": "MIL",
    "maj": "MIL",
    "major": "MIL",
    "judge": "JUD",
    "justice": "JUD",
}
#: honorifics that go between a title and a name ("Prime Minister Dr Abiy Ahmed")
HONORIFICS = frozenset(["dr", "mr", "mrs", "ms", "sheikh", "prof"])

#: the last word of an organisation's name and the sector it gives
HEADS = {
    "association": "CVL",
    "federation": "CVL",
    "confederation": "LAB",
    "foundation": "NGO",
    "society": "CVL",
    "council": "GOV",
    "party": "PTY",
    "union": "LAB",
    "bureau": "GOV",
    "service": "GOV",
    "agency": "GOV",
    "office": "GOV",
    "department": "GOV",
    "ministry": "GOV",
    "commission": "GOV",
    "authority": "GOV",
    "administration": "GOV",
    "exchange": "BUS",
    "bank": "BUS",
    "company": "BUS",
    "corporation": "BUS",
    "university": "EDU",
    "college": "EDU",
    "hospital": "MED",
    "court": "JUD",
    "tribunal": "JUD",
    "senate": "LEG",
    "congress": "LEG",
    "assembly": "LEG",
    "parliament": "LEG",
}
#: words of the name before the head that make an organisation a labour union ("Labour Congress")
LABOUR = frozenset(["labour", "labor", "trade", "workers", "teachers", "trades", "employees"])
#: small words inside an organisation's name ("Bureau of Investigation", "Fish and Wildlife Service")
NAME_LINKS = frozenset(["of", "and", "for", "&", "'", "-"])
_MAX_NAME = 7
_KEYS = frozenset(TITLES) | frozenset(HEADS)


def _name_word(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.text[:1].isalpha()


def unknown_spans(tokens: list[Token], mentions: list[Mention]) -> list[Span]:
    """Return the agent spans of titled names and organisations no table lists.

    A title or organisation word that is already an agent mention is widened over its name in place.
    """
    hits = [i for i, t in enumerate(tokens) if t.norm in _KEYS]
    if not hits:
        return []
    covered = [False] * len(tokens)
    for m in mentions:
        for k in range(m.start, m.end):
            covered[k] = True
    return _titled(tokens, mentions, covered, hits) + _organisations(
        tokens, mentions, covered, hits
    )


def _name_end(tokens: list[Token], start: int, covered: list[bool]) -> int:
    """Return the end of an uncovered capitalised name at ``start`` of two words or more, or ``start``."""
    k = start
    while k < len(tokens) and k - start < 4 and _name_word(tokens[k]) and not covered[k]:
        k += 1
    return k if k - start >= 2 else start


def _titled(
    tokens: list[Token], mentions: list[Mention], covered: list[bool], hits: list[int]
) -> list[Span]:
    """Return spans of a title and the full name after it; extend a title agent over its name."""
    out: list[Span] = []
    agent_at = {m.end: m for m in mentions if m.kind == AGENT}
    n = len(tokens)
    for i in hits:
        tok = tokens[i]
        role = TITLES.get(tok.norm)
        if role is None or not tok.text[:1].isupper():
            continue
        k = i + 1
        if k < n and tokens[k].norm == ".":
            k += 1
        if k < n and tokens[k].norm in HONORIFICS and _name_word(tokens[k]):
            k += 1 + (k + 1 < n and tokens[k + 1].norm == ".")
        end = _name_end(tokens, k, covered)
        if end == k:
            continue
        agent = agent_at.get(i + 1)
        if agent is not None:
            agent.end = end  # "Governor Phil Murphy": the agent names the person
        elif not covered[i]:
            out.append((i, end, role))
        for q in range(i, end):
            covered[q] = True
    return out


def _organisations(
    tokens: list[Token], mentions: list[Mention], covered: list[bool], hits: list[int]
) -> list[Span]:
    """Return spans of capitalised names that end in an organisation word."""
    out: list[Span] = []
    single_agent = {m.start: m for m in mentions if m.kind == AGENT and m.end == m.start + 1}
    for h in hits:
        tok = tokens[h]
        sector = HEADS.get(tok.norm)
        if sector is None or not tok.text[:1].isupper() or (covered[h] and h not in single_agent):
            continue
        start = h
        while start > 0 and h - start < _MAX_NAME:
            prev = tokens[start - 1]
            if covered[start - 1] or prev.norm in DETERMINERS or prev.norm in PREPOSITIONS:
                break
            if not (_name_word(prev) or prev.norm in NAME_LINKS):
                break
            start -= 1
        while start < h and tokens[start].norm in NAME_LINKS:
            start += 1
        if start == h:
            continue
        if any(t.norm in LABOUR for t in tokens[start:h]):
            sector = "LAB"
        agent = single_agent.get(h)
        if agent is not None:
            agent.start = start  # "Nigeria Labour Congress": not the legislature
            agent.code = sector
        else:
            out.append((start, h + 1, sector))
        for q in range(start, h + 1):
            covered[q] = True
    return out
