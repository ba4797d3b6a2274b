"""Test-only fault injection: named points where a run can be made to die or to wait.

The fault-injection tests (tests/test_faults.py) start a real ``eventcodes code`` process with one
of these environment variables set, to kill it at a chosen moment and check what it leaves behind:

``EVENTCODES_TEST_FAULT=POINT[:N]``
    the process kills itself with SIGKILL the N-th time (default: the first) it reaches POINT,
    as ``kill -9`` from outside would at that moment;
``EVENTCODES_TEST_PAUSE=POINT[:N]`` with ``EVENTCODES_TEST_PAUSE_FILE=PATH``
    the process writes its pid to PATH and sleeps there until it is killed, so that a test can
    start a second run while the first holds the output directory, or send the signal itself.

The points, in the order a run reaches them: ``coded`` (a batch of documents coded, before it is
written), ``checkpoint`` (a batch written and its checkpoint saved), ``writing`` (a Parquet row
group of the final file written), ``before-swap`` (the new dataset complete beside the output
directory), ``between-renames`` (only where the directory cannot be exchanged in one step: the
old directory moved aside, the new one not yet in place), ``after-swap`` (the new dataset in
place, the old one not yet removed). Nothing here is meant for users; unset, each check is one
dictionary lookup.
"""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from pathlib import Path

FAULT_VARIABLE = "EVENTCODES_TEST_FAULT"
PAUSE_VARIABLE = "EVENTCODES_TEST_PAUSE"
PAUSE_FILE_VARIABLE = "EVENTCODES_TEST_PAUSE_FILE"
#: set to 1 to use the two-rename fallback even where an atomic exchange is available
NO_EXCHANGE_VARIABLE = "EVENTCODES_TEST_NO_EXCHANGE"

POINTS = ("coded", "checkpoint", "writing", "before-swap", "between-renames", "after-swap")

_reached: Counter[str] = Counter()


def fault_point(name: str) -> None:
    """Die or pause here when a test asked for it (see the module docstring); else do nothing."""
    fault = os.environ.get(FAULT_VARIABLE)
    pause = os.environ.get(PAUSE_VARIABLE)
    if fault is None and pause is None:
        return
    _reached[name] += 1
    if fault is not None and _matches(fault, name):
        _die()
    if pause is not None and _matches(pause, name):
        Path(os.environ[PAUSE_FILE_VARIABLE]).write_text(f"{os.getpid()}\n", encoding="utf-8")
        while True:  # until the test kills the process
            time.sleep(0.05)


def _matches(spec: str, name: str) -> bool:
    point, _, nth = spec.partition(":")
    return point == name and _reached[name] == (int(nth) if nth else 1)


def _die() -> None:
    if hasattr(signal, "SIGKILL"):
        os.kill(os.getpid(), signal.SIGKILL)
    os._exit(137)  # pragma: no cover - platforms without SIGKILL
