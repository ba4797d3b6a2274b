"""Sentence splitting, tokenizing and coding take work linear in the length of the text, whatever
the text: counted in Python lines executed and calls made at two sizes (not timed; `make bench`
shows the time of long documents)."""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest

from eventcodes.coder import Coder
from eventcodes.documents import Document
from eventcodes.sentences import MAX_SENTENCE_CHARS, split_sentences
from eventcodes.tokens import Tokenizer

WORDS = [
    "Gondor",
    "condemned",
    "Arnor",
    "and",
    "the",
    "minister",
    "said",
    "that",
    "police",
    "met",
    "officials",
    "in",
    "the",
    "capital",
    "while",
    "protesters",
    "gathered",
    "near",
    "the",
    "border",
    "and",
    "troops",
    "visited",
    "Rohan",
]


def words(size: int, seed: int = 7) -> str:
    """Words with no sentence punctuation at all: the document of the issue."""
    rng = random.Random(seed)
    out: list[str] = []
    length = 0
    while length < size:
        out.append(rng.choice(WORDS))
        length += len(out[-1]) + 1
    return " ".join(out)[:size]


TEXTS: dict[str, Callable[[int], str]] = {
    "no punctuation": words,
    "clauses and commas": lambda n: (
        words(n).replace(" and ", ", and ").replace(" that ", "; that ")
    ),
    "initials and abbreviations": lambda n: ("Gen. J. R. Smith of the U.S. met Mr. A. B. " * n)[:n],
    "capitals (a dateline that never ends)": lambda n: words(n).upper(),
    "one long word": lambda n: "a" * n,
    "quotes and ellipses": lambda n: ('"Gondor … met" Arnor said "and… ' * n)[:n],
    "sentences": lambda n: ("Gondor condemned Arnor on Monday. Police met protesters. " * n)[:n],
}


def work(function: Callable[[], Any]) -> int:
    """Return the Python lines executed and calls made by ``function()``."""
    count = 0

    def trace(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        count += 1
        return trace

    sys.settrace(trace)
    try:
        function()
    finally:
        sys.settrace(None)
    return count


SMALL, LARGE = 8_000, 32_000  # both several times the longest sentence
#: four times the text may take at most this many times the work (linear work gives 3.7-4.1;
#: before sentences were cut, a text with no full stop took 12 times the work)
LINEAR = 4.5


@pytest.mark.parametrize("kind", list(TEXTS))
def test_splitting_and_tokenizing_are_linear(kind: str) -> None:
    tokenizer = Tokenizer()

    def process(text: str) -> Callable[[], None]:
        def run() -> None:
            for sentence in split_sentences(text):
                tokenizer.tokenize(sentence.text)

        return run

    small, large = (work(process(TEXTS[kind](n))) for n in (SMALL, LARGE))
    assert large <= LINEAR * small, f"{kind}: {small} at {SMALL} characters, {large} at {LARGE}"


@pytest.mark.parametrize("kind", list(TEXTS))
def test_no_sentence_is_longer_than_the_limit(kind: str) -> None:
    text = TEXTS[kind](LARGE)
    sentences = split_sentences(text)
    assert max(s.end - s.start for s in sentences) <= MAX_SENTENCE_CHARS
    # nothing lost: every non-space character is in exactly one sentence
    covered = "".join(text[s.start : s.end] for s in sentences)
    assert "".join(covered.split()) == "".join(text.split())


@pytest.mark.parametrize(
    "kind", ["no punctuation", "initials and abbreviations", "clauses and commas", "sentences"]
)
def test_coding_a_document_is_linear_in_its_length(default_coder: Coder, kind: str) -> None:
    # Before: one sentence of the whole text, and the coder's look back from every verb to the
    # start of its sentence made the work grow with the square of the length.
    def code(n: int) -> Callable[[], object]:
        doc = Document(id="long", date=dt.date(2024, 11, 4), text=TEXTS[kind](n))
        return lambda: default_coder.code_document(doc)

    small, large = work(code(SMALL)), work(code(LARGE))
    assert large <= LINEAR * small, f"{kind}: {small} at {SMALL} characters, {large} at {LARGE}"
