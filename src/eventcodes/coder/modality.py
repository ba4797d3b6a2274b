"""Stage 3 of the coder, modality: is a coded verb asserted as done, announced, or not at all.

Takes the sentence's tokens, a verb's auxiliary chain (where it starts and its words) and the mode
the verb stage found ("plans to", "refused to"); gives a ``Modality``: the verb's mode (intent,
refusal, or plainly done), or the status that stops it (negated, hypothetical, conditional,
claimed). Questions are found for the whole sentence by ``is_question``.
"""

from __future__ import annotations

from collections.abc import Collection, Container
from typing import NamedTuple

from ..tokens import Token
from .status import Mode, Note, VerbStatus, Why, note
from .words import (
    CLAIM_NOUNS,
    CONDITIONALS,
    FUTURE,
    HYPOTHETICAL,
    NEGATIONS,
    REFUSING,
    RELATIVE_OPENERS,
    REPORTING,
)


class Modality(NamedTuple):
    """A verb's mode, or the status (and its reason) that keeps it from being coded."""

    mode: Mode | None = None
    status: VerbStatus | None = None
    why: Note | None = None


def modality(
    tokens: list[Token],
    aux_start: int,
    aux: list[str],
    mode: Mode | None,
    words: Collection[str] | None = None,
) -> Modality:
    """Return whether the verb whose auxiliary chain is ``aux`` is asserted, and in which mode.

    ``words``, the sentence's normalised words when the caller has them, spare the searches for
    "neither", a conditional and "that" in a sentence that has none.
    """
    negated = (aux and [a for a in aux if a in NEGATIONS]) or (
        neither(tokens, aux_start) if words is None or "neither" in words else []
    )
    future = [a for a in aux if a in FUTURE or a == "going to" or a in REFUSING] if aux else []
    if negated and future and not mode:
        mode = Mode.REFUSAL  # "won't hold talks"
    elif negated:
        return Modality(mode, VerbStatus.NEGATED, note(Why.NEGATED, negated[0]))
    modal = [a for a in aux if a in HYPOTHETICAL] if aux else []
    if modal == ["would"] and reported(tokens, aux_start):
        modal, future = [], ["would"]  # "said it would accept": the future of the past
        if not mode:
            mode = Mode.INTENT
    if (
        modal in (["must"], ["should"])
        and mode in (None, Mode.INTENT)
        and reported(tokens, aux_start)
    ):
        return Modality(Mode.DEMAND)  # "X said Y must disarm": X's demand of Y
    if modal:
        return Modality(mode, VerbStatus.MODAL, note(Why.HYPOTHETICAL, modal[0]))
    found = conditional(tokens, aux_start) if words is None or _any_in(CONDITIONALS, words) else ""
    if found:
        return Modality(mode, VerbStatus.CONDITIONAL, note(Why.CONDITIONAL, found))
    claim = claimed(tokens, aux_start) if words is None or "that" in words else ""
    if claim:
        return Modality(mode, VerbStatus.CLAIMED, note(Why.CLAIMED, claim))
    if future and not mode:
        mode = Mode.INTENT
    return Modality(mode)


def _any_in(wanted: frozenset[str], words: Collection[str]) -> bool:
    """Return whether any of the wanted words is among the sentence's words."""
    return not wanted.isdisjoint(words)


def is_question(tokens: list[Token]) -> bool:
    """Return whether the sentence asks a question (its last word-like token is '?')."""
    for t in reversed(tokens):
        if t.norm in ('"', "'", ")"):
            continue
        return t.norm == "?"
    return False


def neither(tokens: list[Token], before: int) -> list[str]:
    """Return ['neither'] when the subject side is "Neither X nor Y"."""
    for j in range(before - 1, max(-1, before - 12), -1):
        w = tokens[j].norm
        if w == "neither":
            return ["neither"]
        if w in (",", ";", ":"):
            break
    return []


def conditional(tokens: list[Token], before: int) -> str:
    """Return 'if' (or 'unless', 'whether') when the verb is in a conditional clause."""
    for j in range(before - 1, -1, -1):
        w = tokens[j].norm
        if w in CONDITIONALS:
            return w
        if w in (",", ";", ":"):
            break
    return ""


def reported(tokens: list[Token], before: int) -> bool:
    """Return whether a reporting verb ("said") comes shortly before the clause at ``before``."""
    return any(tokens[j].norm in REPORTING for j in range(max(0, before - 8), before))


def claimed(tokens: list[Token], before: int) -> str:
    """Return the noun when the verb is in a clause like "claims that X attacked Y"."""
    for j in range(before - 1, max(-1, before - 15), -1):
        w = tokens[j].norm
        if w == "that" and j > 0 and tokens[j - 1].norm in CLAIM_NOUNS:
            return tokens[j - 1].norm
        if w in (";", ":") or w in RELATIVE_OPENERS:
            break
    return ""


#: the demand code of an intention's code where the roots 03 and 10 do not run in parallel
_DEMAND_OF_INTENT = {
    "030": "100",
    "035": "100",
    "036": "108",
    "037": "100",
    "038": "105",
    "039": "105",
}


#: the demand code of acts that root 10 names themselves (withdrawal, ceasefire, letting aid in)
_DEMAND_OF_ACT = {"0874": "106", "0871": "107", "0863": "1033", "046": "108"}


def demand_code(act: str, intent: str | None, known: Container[str]) -> str:
    """Return the CAMEO demand (root 10) for an act coded ``act`` whose intention is coded ``intent``.

    "X said Y must provide aid": the intent to provide aid is 033, the demand for aid 103.
    """
    for n in range(len(act), 2, -1):
        if act[:n] in _DEMAND_OF_ACT:
            return _DEMAND_OF_ACT[act[:n]]
    if intent is None or not intent.startswith("03"):
        return "100"
    code = _DEMAND_OF_INTENT.get(intent, "10" + intent[2:])
    return code if code in known else "100"


def shared_modal(tokens: list[Token], aux_start: int) -> tuple[int, list[str]] | None:
    """Return (start, words) of the modal chain a verb shares with the verb before "and": "X must
    ensure security and provide aid", "Y will meet Z and sign a deal"; None when there is none."""
    if aux_start < 3 or tokens[aux_start - 1].norm not in ("and", "or"):
        return None
    for k in range(aux_start - 2, max(-1, aux_start - 8), -1):
        w = tokens[k].norm
        if w in (",", ";", ":", "that", "which", "who", "because", "if", "when"):
            return None
        if w in HYPOTHETICAL or w in FUTURE:
            start, words = k, []
            after = k + 1
            while after < aux_start and tokens[after].norm in NEGATIONS:
                words.append(tokens[after].norm)  # "will not meet X and sign": both refused
                after += 1
            while start >= 0 and (
                tokens[start].norm in HYPOTHETICAL
                or tokens[start].norm in FUTURE
                or tokens[start].norm in NEGATIONS
            ):
                words.insert(0, tokens[start].norm)
                start -= 1
            return start + 1, words
    return None
