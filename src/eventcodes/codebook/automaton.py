"""The codebook's phrases as one Aho-Corasick automaton over token ids (``ahocorasick_rs``).

``iter`` answers what ``ahocorasick.Automaton.iter`` (pyahocorasick, used before) answered over a
sequence of token ids, in the same order: by end position, the longest phrase first. pyahocorasick
looks up a node's next token by scanning the node's children one by one, so with an imported
dictionary (tens of thousands of distinct first words) every token that starts no phrase scanned
them all. ``ahocorasick_rs`` wraps the Rust ``aho-corasick`` crate, whose automaton has no such
scan. It searches strings, so each token id becomes one character: every match is whole tokens.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from operator import itemgetter
from typing import Any

import ahocorasick_rs

_SURROGATES = 0xD800  # the block of code points a str cannot hold alone: ids skip over it


def token_char(token_id: int) -> str:
    """The character that stands for a token id in the automaton's strings."""
    return chr(token_id if token_id < _SURROGATES else token_id + 0x800)


def _token_id(char: str) -> int:
    code = ord(char)
    return code if code < _SURROGATES else code - 0x800


class PhraseAutomaton:
    """Phrases of token ids with a value each; ``iter`` finds all phrases in a sequence.

    ``build`` makes the automaton (``iter`` does if phrases were added since). It cannot be
    pickled: the compiled-codebook cache stores the phrases and unpickling builds it again."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}
        self._automaton: Any = None
        self._found: list[Any] = []

    def add_word(self, key: tuple[int, ...], value: Any) -> None:
        """Store ``value`` for the phrase ``key`` (replacing a value stored before)."""
        if not key:
            raise ValueError("a phrase needs at least one token")
        self._values["".join(map(token_char, key))] = value
        self._automaton = None

    def __len__(self) -> int:
        return len(self._values)

    def __getstate__(self) -> dict[str, Any]:
        return {"_values": self._values}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._values = state["_values"]
        self._automaton = None
        self._found = []
        self.build()

    def items(self) -> Iterator[tuple[tuple[int, ...], Any]]:
        """Yield every phrase with its value (as ``ahocorasick.Automaton.items`` does)."""
        for key, value in self._values.items():
            yield tuple(map(_token_id, key)), value

    def build(self) -> Any:
        """Make the automaton of the phrases added so far, and return it."""
        keys = list(self._values)
        self._found = [self._values[key] for key in keys]
        self._automaton = ahocorasick_rs.AhoCorasick(
            keys, matchkind=ahocorasick_rs.MatchKind.Standard
        )
        return self._automaton

    def iter(self, ids: Sequence[int]) -> list[tuple[int, Any]]:
        """Return ``(end index, value)`` for every phrase in ``ids``, ordered by end index and,
        at one end, longest phrase first (the order of an Aho-Corasick automaton)."""
        return self.iter_chars("".join(map(token_char, ids)))

    def iter_chars(self, chars: str) -> list[tuple[int, Any]]:
        """``iter`` over token ids already written as characters (``token_char``)."""
        values, matches = self.find_chars(chars)
        return [(end - 1, values[k]) for k, _, end in matches]

    def find_chars(self, chars: str) -> tuple[list[Any], list[tuple[int, int, int]]]:
        """``iter_chars`` without making its pairs: the phrases' values, and each phrase found as
        ``(number of its value, start, end)`` (token indexes, end exclusive), in ``iter``'s order."""
        if not self._values:
            return [], []
        automaton = self._automaton or self.build()
        matches = automaton.find_matches_as_indexes(chars, overlapping=True)
        if len(matches) > 1:
            matches.sort(key=_BY_END_THEN_LONGEST)
        return self._found, matches


#: the key of a match (pattern, start, end): by its end, then the longest (earliest start) first
_BY_END_THEN_LONGEST = itemgetter(2, 1)
