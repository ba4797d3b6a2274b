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

import copy
import dataclasses

from ..codebook.model import Settings
from ..codebook.patterns import WORDS
from .actors import Chunk
from .modality import Modality
from .sentence import SentenceView
from .status import Note, VerbMatch, Why
from .verbs import match_pattern

#: the shallow guesses that a verb form is a noun here, which a pattern naming the words before
#: the verb overrides (PETRARCH-1 trusts its parse, and the dictionary's words stand for it)
_NOUN_GUESSES = frozenset(
    {
        Why.AFTER_PREPOSITION,
        Why.AFTER_DETERMINER,
        Why.AFTER_DETERMINER_ADJECTIVE,
        Why.AFTER_NOUN_MODIFIER,
        Why.AFTER_ADJECTIVE,
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


def pattern_says_verb(view: SentenceView, vm: VerbMatch, why: Note, clause_end: int) -> bool:
    """Return whether a pattern that names words before the verb matches the verb form the
    shallow syntax took for a noun (``won't ever clash over``: ``&NEGATVAUXVRB EVER *``)."""
    if why.why not in _NOUN_GUESSES:
        return False
    cp, _, _ = match_pattern(view, vm, clause_end)
    return cp is not None and any(el.kind == WORDS for el in cp.before)


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
    back = copy.copy(vm)
    back.code = paired
    back.sources, back.targets = list(vm.targets), list(vm.sources)
    return back
