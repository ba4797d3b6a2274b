"""Choosing among overlapping spans: the one helper for "keep the best, drop what overlaps it"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")


def filter_spans(
    items: Iterable[T], span: Callable[[T], tuple[int, int]], rank: Callable[[T], Any]
) -> list[T]:
    """Return the items whose spans do not overlap, in text order.

    Items are taken best first (lowest ``rank``; ties keep their order) and one is dropped when
    its ``(start, end)`` span (end exclusive) overlaps one already taken.
    """
    kept: list[tuple[int, int, T]] = []
    for item in sorted(items, key=rank):
        start, end = span(item)
        if all(end <= k_start or start >= k_end for k_start, k_end, _ in kept):
            kept.append((start, end, item))
    kept.sort(key=lambda k: k[0])
    return [item for _, _, item in kept]
