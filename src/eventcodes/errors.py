"""The one exception hierarchy of eventcodes: every message says what to do."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .origin import Origin


class EventcodesError(Exception):
    """Base class: the CLI prints ``str(error)`` as one line and exits non-zero."""

    exit_code = 1


@dataclass(frozen=True)
class Problem:
    """One problem found in a file, reported as ``path:line: message``."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    @classmethod
    def at(cls, origin: Origin, message: str) -> Problem:
        """Return the problem ``message`` at ``origin``."""
        return cls(origin.path, origin.line, message)

    @property
    def origin(self) -> Origin:
        return Origin(self.path, self.line)


class CodebookError(EventcodesError):
    """The codebook has problems; ``problems`` lists every one of them."""

    exit_code = 2

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(
            f"the codebook has {len(self.problems)} problem(s); fix each line named below:\n{lines}"
        )


class InputError(EventcodesError):
    """An input file or option cannot be used at all (as opposed to one bad record)."""

    exit_code = 2


class StrictModeError(EventcodesError):
    """``--strict`` was given and some records were rejected."""

    exit_code = 3


class FixtureError(EventcodesError):
    """A fixture file is malformed."""

    exit_code = 2
