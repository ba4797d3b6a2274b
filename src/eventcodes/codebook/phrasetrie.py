"""A trie of token-id sequences that finds every phrase in a sentence, as a dict per node.

It answers what ``ahocorasick.Automaton.iter`` answers over a sequence of token ids, in the same
order (by end position, the longest phrase first), but costs one dict lookup a token whatever the
number of phrases: pyahocorasick looks up a node's next token by scanning the node's children
one by one, so with an imported dictionary (tens of thousands of distinct first words) every
token that starts no phrase scans them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

#: a trie node: the children by token id, and the value stored for the phrase ending here
_Node = tuple[dict[int, Any], list[Any]]


class PhraseTrie:
    """Phrases of token ids with a value each; ``iter`` finds all phrases in a sequence."""

    def __init__(self) -> None:
        self._root: dict[int, _Node] = {}
        self._words = 0

    def add_word(self, key: tuple[int, ...], value: Any) -> None:
        """Store ``value`` for the phrase ``key`` (replacing a value stored before)."""
        if not key:
            raise ValueError("a phrase needs at least one token")
        children = self._root
        node: _Node | None = None
        for token in key:
            node = children.get(token)
            if node is None:
                node = children[token] = ({}, [])
            children = node[0]
        assert node is not None
        if not node[1]:
            self._words += 1
        node[1][:] = [value]

    def __len__(self) -> int:
        return self._words

    def items(self) -> Iterator[tuple[tuple[int, ...], Any]]:
        """Yield every phrase with its value (as ``ahocorasick.Automaton.items`` does)."""
        stack: list[tuple[tuple[int, ...], dict[int, _Node]]] = [((), self._root)]
        while stack:
            prefix, children = stack.pop()
            for token, (below, value) in children.items():
                key = (*prefix, token)
                if value:
                    yield key, value[0]
                if below:
                    stack.append((key, below))

    def iter(self, ids: tuple[int, ...] | list[int]) -> list[tuple[int, Any]]:
        """Return ``(end index, value)`` for every phrase in ``ids``, ordered by end index and,
        at one end, longest phrase first (the order of an Aho-Corasick automaton)."""
        root = self._root
        found: list[tuple[int, int, Any]] = []
        n = len(ids)
        for start in [i for i, t in enumerate(ids) if t in root]:
            children, value = root[ids[start]]
            end = start
            while True:
                if value:
                    found.append((end, start, value[0]))
                end += 1
                if end == n or not children:
                    break
                node = children.get(ids[end])
                if node is None:
                    break
                children, value = node
        if len(found) > 1:
            found.sort(key=lambda f: (f[0], f[1]))
        return [(end, value) for end, _, value in found]
