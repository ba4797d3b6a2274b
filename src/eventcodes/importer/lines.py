"""Reading PETRARCH/TABARI dictionary files: comments removed, every line accounted for."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

#: ``#`` starts a comment at the start of a line, or after white space or a closing bracket
_INLINE_COMMENT = re.compile(r"(?:(?<=\s)|(?<=\]))#.*$")


#: what a finding says about its line
REJECTED = "rejected"  # the importer does not understand it: nothing of it is in the codebook
SKIPPED = "skipped"  # an error in the dictionary that PETRARCH-1 skips (or can never match) too
NOTE = "note"  # read, with a consequence worth knowing (a duplicate, a redefinition)


@dataclass(frozen=True)
class Finding:
    """A line of a dictionary the importer rejected, skipped as PETRARCH-1 does, or read with a note."""

    path: Path
    line: int
    reason: str
    status: str = REJECTED

    @property
    def rejected(self) -> bool:
        return self.status == REJECTED

    def __str__(self) -> str:
        tail = "" if self.status == REJECTED else f" ({self.status})"
        return f"{self.path}:{self.line}: {self.reason}{tail}"


@dataclass
class ImportLog:
    """What the import read, by kind of line, and every line it rejected or remarks on."""

    counts: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)

    def reject(self, path: Path, line: int, reason: str) -> None:
        self.counts["rejected"] += 1
        self.findings.append(Finding(path, line, reason))

    def skip(self, path: Path, line: int, reason: str) -> None:
        self.counts["skipped as PETRARCH-1 does"] += 1
        self.findings.append(Finding(path, line, reason, SKIPPED))

    def note(self, path: Path, line: int, reason: str) -> None:
        self.findings.append(Finding(path, line, reason, NOTE))

    @property
    def rejected(self) -> list[Finding]:
        return [f for f in self.findings if f.rejected]


def read_text(path: Path, log: ImportLog) -> str:
    """Return the text of a dictionary file (UTF-8, else Latin-1 with a note naming the line)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        log.note(path, line, "not UTF-8: read as Latin-1")
        return raw.decode("latin-1")


def dictionary_lines(path: Path, log: ImportLog, kind: str) -> Iterator[tuple[int, str]]:
    """Yield (line number, content) of the lines that carry dictionary content.

    Blank lines, ``#`` lines, ``<!-- ... -->`` comments (also over several lines and inside a
    line), ``<!`` lines and trailing ``# ...`` comments are removed and counted in ``log``.
    Leading tabs are kept: in actor dictionaries they mark code lines.
    """
    in_comment = False
    for number, raw in enumerate(read_text(path, log).splitlines(), start=1):
        line = raw.replace("\x00", "")
        if in_comment:
            log.counts["comment"] += 1
            if "-->" not in line:
                continue
            in_comment = False
            line = line[line.index("-->") + 3 :]
        while "<!--" in line:
            head, _, tail = line.partition("<!--")
            if "-->" in tail:
                line = head + tail[tail.index("-->") + 3 :]
            else:
                line = head
                in_comment = True
        stripped = line.strip()
        if stripped.startswith("<!"):
            if "-->" not in stripped and stripped.startswith("<!--"):
                in_comment = True
            log.counts["comment"] += 1
            continue
        if not stripped:
            log.counts["blank" if not raw.strip() else "comment"] += 1
            continue
        if stripped.startswith("#"):
            log.counts["comment"] += 1
            continue
        line = _INLINE_COMMENT.sub("", line).rstrip()
        if not line.strip():
            log.counts["comment"] += 1
            continue
        yield number, line
