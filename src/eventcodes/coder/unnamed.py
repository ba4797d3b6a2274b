"""Events whose source is unnamed or inanimate: ``A car bomb killed five soldiers``, ``Five people
were abducted``.

Takes the sentence view, a coded verb with no source actor, its auxiliary chain's start and voice;
``unnamed_source`` gives the source to code it with: a ``Chunk`` with an empty code whose words are
the inanimate subject (``A car bomb``), or no words for a passive of violence with no agent, and the
event code the subject's weapon gives (a car bomb's killing is a vehicular bombing, 1832). GDELT keeps
such events with an empty actor; the codebook setting ``unnamed_sources = false`` drops them, for
PETRARCH's named dyads only. The pipeline decides whether to ask (the setting); this module only finds.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..tokens import Token
from .actors import Chunk
from .sentence import SentenceView
from .words import DETERMINERS, after_locative, is_adverb

#: the head nouns of an inanimate subject and the event code they give a violent verb
#: (CAMEO 18 and 19: 183 bombing, 1832 vehicular, 1833 roadside, 194 artillery, 195 aerial)
WEAPONS = {
    "bomb": "183",
    "bombs": "183",
    "blast": "183",
    "blasts": "183",
    "explosion": "183",
    "explosions": "183",
    "explosive": "183",
    "explosives": "183",
    "landmine": "183",
    "landmines": "183",
    "mine": "183",
    "mines": "183",
    "ied": "183",
    "ieds": "183",
    "grenade": "183",
    "grenades": "183",
    "shelling": "194",
    "shell": "194",
    "shells": "194",
    "artillery": "194",
    "mortar": "194",
    "mortars": "194",
    "rocket": "194",
    "rockets": "194",
    "missile": "194",
    "missiles": "194",
    "airstrike": "195",
    "airstrikes": "195",
    "strike": "195",
    "strikes": "195",
    "drone": "1952",
    "drones": "1952",
    "gunfire": "190",
    "attack": "190",
    "attacks": "190",
}
#: words before the head that make a bomb more specific
_BOMB_KINDS = {"car": "1832", "truck": "1832", "vehicle": "1832", "roadside": "1833"}
_BOMB_KINDS.update({"suicide": "1831"})
#: words before "strike(s)" that make it an aerial or a drone strike
_STRIKE_KINDS = {"air": "195", "drone": "1952"}
#: roots of violence a passive with no agent is coded for ("were abducted", "was killed")
VIOLENT_ROOTS = frozenset(["18", "19", "20"])
_MAX_SUBJECT = 4


@dataclass(frozen=True)
class Unnamed:
    """The source of an event with no named actor, and the code its weapon gives (or None)."""

    source: Chunk
    code: str | None = None


def _weapon_code(tokens: list[Token], head: int) -> str | None:
    """Return the code the weapon noun at ``head`` gives, made specific by the word before it."""
    code = WEAPONS.get(tokens[head].norm)
    if code is None:
        return None
    before = tokens[head - 1].norm if head > 0 else ""
    if code == "183":
        return _BOMB_KINDS.get(before, code)
    if tokens[head].norm in ("strike", "strikes"):
        return _STRIKE_KINDS.get(before, "195" if before == "air" else None)
    return code


def unnamed_source(
    view: SentenceView, code: str, aux_start: int, passive: bool, sentence_text: str
) -> Unnamed | None:
    """Return the unnamed or inanimate source of a verb coded ``code``, or None when there is none."""
    tokens = view.tokens
    if passive:
        # "Five people were abducted from a village in Nigeria"; not when an actor after the verb
        # may be its agent in another clause ("... were killed when ISIL attacked ...")
        later = [
            c for c in view.chunks if c.start > aux_start and not after_locative(tokens, c.start)
        ]
        if code[:2] not in VIOLENT_ROOTS or later:
            return None
        return Unnamed(Chunk(aux_start, aux_start, "", []))
    head = aux_start - 1
    while head >= 0 and is_adverb(tokens[head]):
        head -= 1
    if head < 0 or view.covered[head]:
        return None
    weapon = _weapon_code(tokens, head)
    if weapon is None:
        return _unknown_name(view, head, sentence_text)
    start = head
    while start > 0 and head - start < _MAX_SUBJECT:
        prev = tokens[start - 1]
        if view.covered[start - 1] or not prev.text[:1].isalpha():
            break
        start -= 1
        if prev.norm in DETERMINERS:
            break
    if start > 0 and tokens[start - 1].norm not in (",", "and") and not _opens(tokens, start):
        return (
            None  # the noun is not the clause's subject ("... carried out a drone strike killed")
        )
    text = sentence_text[tokens[start].start : tokens[head].end]
    chunk = Chunk(start, head + 1, "", [], text=text)
    return Unnamed(chunk, weapon if code[:2] in VIOLENT_ROOTS or code[:2] == "17" else None)


def _opens(tokens: list[Token], start: int) -> bool:
    """Return whether the subject at ``start`` opens its sentence or follows an opening phrase."""
    return start == 0 or tokens[start - 1].norm in (",", ";", ":", "when", "as", "after")


#: capitalised words that open a sentence but are not part of a name
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "on",
        "in",
        "at",
        "after",
        "before",
        "during",
        "since",
        "but",
        "and",
        "when",
        "while",
        "as",
        "last",
        "this",
        "that",
        "these",
        "those",
        "his",
        "her",
        "their",
        "its",
        "our",
    ]
)
_MAX_NAME = 4


def _unknown_name(view: SentenceView, head: int, sentence_text: str) -> Unnamed | None:
    """Return a full name that no table lists as the subject ending at ``head``: "Jane Doe resigned".

    Two to four capitalised words, none an actor, opening the sentence or the clause after a comma;
    its code is empty (the person is named but not known to the codebook), as for unnamed sources.
    A person of the people table out of office at the document's date stays no actor.
    """
    tokens = view.tokens
    start = head
    while start >= 0 and head - start < _MAX_NAME:
        tok = tokens[start]
        if view.covered[start] or not (
            tok.text[:1].isupper() and tok.text.replace("-", "").isalpha()
        ):
            break
        if tok.norm in _NOT_NAMES:
            break
        start -= 1
    start += 1
    if head - start < 1 or (start > 0 and tokens[start - 1].norm != ","):
        return None
    if head + 1 < len(tokens) and tokens[head + 1].norm in ("'s", "'"):
        return None
    if tokens[head].norm in view.cc.surname_index:
        return None  # a person the people table knows, out of office on this date: no actor
    text = sentence_text[tokens[start].start : tokens[head].end]
    return Unnamed(Chunk(start, head + 1, "", [], text=text))
