"""Where a thing came from: one ``(path, line)`` value for codebook rows, documents and problems."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class Origin(NamedTuple):
    """A file and a 1-based line (or row) in it; line 0 means the file as a whole.

    ``str(origin)`` is ``path:line``, the form every message uses.
    """

    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def short(self) -> str:
        """Return ``name:line`` with only the file's name, for messages inside one directory."""
        return f"{self.path.name}:{self.line}"

    def relative_to(self, root: Path) -> str:
        """Return ``path:line`` with the path relative to ``root`` when it is inside it."""
        try:
            return f"{self.path.relative_to(root)}:{self.line}"
        except ValueError:
            return str(self)
