"""The codebook phrases a sentence holds: what the compiled automaton finds, found with dicts.

The compiled codebook keeps its phrases in an Aho-Corasick automaton over token ids. Its nodes
keep their edges in arrays that are scanned one by one, and the root has an edge for every
first word of a phrase (thousands), so each token that starts no phrase costs a scan of them
all: about a microsecond a token, more than the rest of the actor stage. ``phrase_hits`` gives
the same (end, hits) pairs in the same order from a dict of the phrases keyed by their ids and
a dict of the numbers of words of the phrases beginning with each id. Built once per compiled
codebook, from the automaton itself, so the two cannot disagree on what the phrases are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ..codebook.compiled import CompiledCodebook, PhraseHit

#: (phrase ids -> hits, first id -> the phrases' numbers of words, longest first)
Phrases = tuple[dict[tuple[int, ...], Any], dict[int, tuple[int, ...]]]


def _phrases(cc: CompiledCodebook) -> Phrases:
    """Return the phrase dicts of a compiled codebook (built on first use, kept on it)."""
    found: Phrases | None = cc.__dict__.get("_phrase_dicts")
    if found is None:
        by_key: dict[tuple[int, ...], Any] = {}
        lengths: dict[int, set[int]] = defaultdict(set)
        if cc.has_phrases:
            for key, hits in cc.automaton.items():
                ids = tuple(ord(x) if isinstance(x, str) else x for x in key)
                by_key[ids] = hits
                lengths[ids[0]].add(len(ids))
        firsts = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}
        found = cc.__dict__["_phrase_dicts"] = (by_key, firsts)
    return found


def phrase_hits(
    cc: CompiledCodebook, ids: Sequence[int]
) -> list[tuple[int, tuple[PhraseHit, ...]]]:
    """Return (index of the last token, hits) of every phrase in ``ids``, as the automaton's
    ``iter`` gives them: by the index of the last token, and the longest phrase first."""
    by_key, firsts = _phrases(cc)
    out: list[tuple[int, int, tuple[PhraseHit, ...]]] = []
    n = len(ids)
    for i, first in enumerate(ids):
        lengths = firsts.get(first)
        if lengths is None:
            continue
        for length in lengths:
            if i + length <= n:
                hits = by_key.get(tuple(ids[i : i + length]))
                if hits is not None:
                    out.append((i + length - 1, -length, hits))
    if len(out) > 1:
        out.sort(key=_by_end)
    return [(end, hits) for end, _, hits in out]


def _by_end(hit: tuple[int, int, Any]) -> tuple[int, int]:
    return hit[0], hit[1]
