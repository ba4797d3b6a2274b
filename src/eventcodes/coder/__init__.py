"""The coder: sentences in, CAMEO events out, by codebook lookups and shallow syntax.

One module per stage, tied together by ``pipeline``:

- ``words``: the closed-class English words the shallow syntax relies on
- ``actors``: codebook mentions, composed actors (country + agent + person), compound groups
- ``memory``: what earlier sentences of the document named (surnames, pronoun referents, countries)
- ``sentence``: the per-sentence view the later stages share, and the sentence's trace
- ``verbs``: whether a verb form is a verb here, its auxiliaries, and the pattern that codes it
- ``modality``: negation, hypotheticals, conditionals, claims, intentions and refusals, questions
- ``roles``: source and target from shallow syntax
- ``events``: the event's date, the background filter, the rows of the events table, de-duplication
- ``status``: a verb's status and the reasons for it, as data, rendered to words in one place
"""

from __future__ import annotations

from .actors import Chunk, Group, Mention
from .events import CodedDocument, EventRow
from .memory import DocumentMemory
from .pipeline import Coder
from .sentence import SentenceResult
from .status import FIRED, Mode, VerbMatch, VerbStatus, Why

__all__ = [
    "FIRED",
    "Chunk",
    "CodedDocument",
    "Coder",
    "DocumentMemory",
    "EventRow",
    "Group",
    "Mention",
    "Mode",
    "SentenceResult",
    "VerbMatch",
    "VerbStatus",
    "Why",
]
