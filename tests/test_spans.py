"""One helper resolves overlapping spans: best first, then text order."""

from __future__ import annotations

import pytest

from eventcodes.spans import filter_spans


@pytest.mark.parametrize(
    ("spans", "rank", "kept"),
    [
        ([(0, 2), (1, 4)], "longest", [(1, 4)]),
        ([(0, 2), (1, 4)], "leftmost", [(0, 2)]),
        ([(0, 2), (2, 4)], "longest", [(0, 2), (2, 4)]),  # touching spans do not overlap
        ([(3, 5), (0, 1), (0, 3)], "longest", [(0, 3), (3, 5)]),
        ([(0, 3), (0, 3)], "longest", [(0, 3)]),  # equal: the first wins
        ([], "longest", []),
    ],
)
def test_filter_spans(spans: list[tuple[int, int]], rank: str, kept: list[tuple[int, int]]) -> None:
    ranks = {
        "longest": lambda s: (s[0] - s[1], s[0]),  # as dates: the longest, then the leftmost
        "leftmost": lambda s: (s[0], s[0] - s[1]),  # as actor mentions: the leftmost, then longest
    }
    assert filter_spans(spans, span=lambda s: s, rank=ranks[rank]) == kept


def test_ties_keep_the_input_order() -> None:
    items = [("a", 0, 2), ("b", 0, 2)]
    assert filter_spans(items, span=lambda i: (i[1], i[2]), rank=lambda i: i[1]) == [("a", 0, 2)]
