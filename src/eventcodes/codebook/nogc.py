"""Pausing Python's cyclic garbage collector while a codebook is read and compiled."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the body with the cyclic garbage collector off, then turn it back on if it was on.

    Reading a large codebook (an imported Phoenix set: 48,000 actor rows, 23,000 patterns)
    allocates millions of objects that all stay alive; each allocation threshold reached starts a
    collection that walks all of them again, which cost a third of the load and compile time.
    Nothing the loader makes is a garbage cycle it relies on being collected: the few it drops
    are collected at the next full collection after the body.

    The objects made in the body are then moved straight to the oldest generation
    (``gc.freeze()`` and ``gc.unfreeze()``: a splice of lists, no scan), where they belong: left
    in the youngest, the first collection after the body would walk all of them (0.1 CPU
    seconds for Phoenix), then the middle generation's again. Skipped when the program has
    frozen objects of its own, which ``unfreeze`` would release.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
