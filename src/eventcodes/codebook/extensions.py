"""What the codebook format gained to hold imported PETRARCH/TABARI dictionaries (docs/codebook.md).

The loader calls these small functions at fixed points, so that the new columns and settings stay
in one place: codes as a dictionary writes them (``code_syntax = "petrarch"``), ``x:y`` paired
codes, actors' ``fallback`` rows and first-match date restrictions, agents' role ``placement``,
verbs with no other forms (``-``), discards that match a word's stem, and the issues table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..errors import Problem
from ..origin import Origin
from .model import ActorEntry, EventCode, IssueEntry, Settings
from .tables import Row

#: a code as PETRARCH-1 takes it: any text without blanks, brackets, ':' (pairs) or '/' (lists)
FOREIGN_CODE_RE = re.compile(r"^[^\s\[\]:/,]+$")
_FOREIGN_ACTOR_RE = re.compile(r"^[^\s\[\]:/,]+(?:/[^\s\[\]:/,]+)*$")
_ROLE_PART_RE = re.compile(r"^(?:[A-Z]{3})+$")

#: the settings this module adds to the manifest's [settings] (docs/codebook.md): those of
#: imported dictionaries and those PETRARCH-1's validation suite varies per record
SETTINGS_KEYS: dict[str, type] = {
    "code_syntax": str,
    "actor_dates": str,
    "paired_codes": str,
    "new_actor_length": int,
    "comma_min": int,
    "comma_max": int,
    "comma_bmin": int,
    "comma_bmax": int,
    "comma_emin": int,
    "comma_emax": int,
}

#: settings values a string setting may take
CHOICES = {
    "code_syntax": ("cameo", "petrarch"),
    "actor_dates": ("exclusive", "first"),
    "paired_codes": ("both", "first"),
}


def check_settings(settings: Settings, mpath: Path, problems: list[Problem]) -> None:
    """Append a problem for every new setting with a value it cannot take."""
    for key, allowed in CHOICES.items():
        value = getattr(settings, key)
        if value not in allowed:
            problems.append(
                Problem(
                    mpath,
                    1,
                    f"setting {key} must be {' or '.join(repr(a) for a in allowed)}",
                )
            )
    for key in (
        "new_actor_length",
        "comma_min",
        "comma_max",
        "comma_bmin",
        "comma_bmax",
        "comma_emin",
        "comma_emax",
    ):
        if getattr(settings, key) < 0:
            problems.append(Problem(mpath, 1, f"setting {key} must be 0 or more"))


def foreign_event_code(row: Row, settings: Settings) -> EventCode | None:
    """Return the event code of a row that is not CAMEO (a WEIS ``210a``, ``+++``) when the
    codebook takes codes as its dictionaries write them; its Goldstein value and quad class are
    unknown (None: null in datasets) and must be left empty."""
    if settings.code_syntax != "petrarch":
        return None
    code = row.get("code")
    if not FOREIGN_CODE_RE.match(code) or row.get("goldstein") or row.get("quad_class"):
        return None
    return EventCode(code, row.get("name"), None, None)


def actor_code_ok(code: str, settings: Settings) -> bool:
    """Return whether an actor code that is not CAMEO syntax is accepted (``code_syntax = "petrarch"``):
    any code without blanks, ``A/B`` naming several actors at once."""
    return settings.code_syntax == "petrarch" and bool(_FOREIGN_ACTOR_RE.match(code))


def role_ok(role: str, roles: dict[str, str], settings: Settings) -> bool:
    """Return whether an agent's role is known: one role code, or several run together
    (``GOVFRM``) each of which is a role; any code under ``code_syntax = "petrarch"``."""
    if role in roles:
        return True
    if _ROLE_PART_RE.match(role) and all(role[i : i + 3] in roles for i in range(0, len(role), 3)):
        return True
    return settings.code_syntax == "petrarch" and bool(FOREIGN_CODE_RE.match(role))


def split_pair(value: str) -> tuple[str, str | None]:
    """Return (code, paired code) of ``x:y`` (``y`` None for a single code)."""
    code, sep, paired = value.partition(":")
    return code, (paired if sep else None)


def paired_code(
    check: Callable[[Row, str, bool], tuple[bool, str | None]], row: Row, allow_stop: bool
) -> tuple[bool, str | None, str | None]:
    """Return (valid, code, paired code) of a row's ``code`` cell, ``x`` or ``x:y``, each part
    checked with ``check`` (the loader's event-code check)."""
    code, paired = split_pair(row.get("code"))
    ok, value = check(row, code, allow_stop)
    if paired is not None:
        ok = check(row, paired, False)[0] and ok
    return ok, value, paired


def placement(row: Row, problems: list[Problem]) -> str:
    """Return an agent row's placement: ``after`` (``~GOV``: KOR + GOV) or ``before`` (``NGO~``)."""
    value = row.get("placement") or "after"
    if value not in ("after", "before"):
        problems.append(row.problem(f"placement {value!r} must be after or before"))
        return "after"
    return value


def fallback(row: Row, problems: list[Problem]) -> bool:
    """Return whether an actor row is its phrase's fallback: used only when no dated row applies."""
    value = row.get("fallback").lower()
    if value not in ("", "yes", "no"):
        problems.append(row.problem(f"fallback {value!r} must be yes, no or empty"))
    if value == "yes" and (row.get("start") or row.get("end")):
        problems.append(row.problem("a fallback row has no start or end; remove them"))
    return value == "yes"


def overlap_allowed(a: ActorEntry, b: ActorEntry, settings: Settings) -> bool:
    """Return whether two rows of one phrase may both apply on a day: a fallback never clashes,
    and under ``actor_dates = "first"`` the first row that applies wins (PETRARCH-1)."""
    return a.fallback or b.fallback or settings.actor_dates == "first"


def order_actors(actors: list[ActorEntry]) -> list[ActorEntry]:
    """Return the actors with every fallback row after the dated rows (the coder takes the first
    row of a phrase that applies on the document's date)."""
    if not any(a.fallback for a in actors):
        return actors
    return [a for a in actors if not a.fallback] + [a for a in actors if a.fallback]


def discard_match(row: Row, problems: list[Problem]) -> str:
    """Return how a discard phrase matches: ``word`` (whole words) or ``stem`` (its last word may
    continue, as PETRARCH-1 matches a discard without a final ``_``: ``BASEBALL`` in ``BASEBALLS``)."""
    value = row.get("match") or "word"
    if value not in ("word", "stem"):
        problems.append(row.problem(f"match {value!r} must be word or stem"))
        return "word"
    return value


ISSUE_KINDS = ("code", "ignore_sentence", "ignore_story")


def issue_entry(row: Row, origin: Origin, problems: list[Problem]) -> IssueEntry | None:
    """Return the issue of a row of the issues table, or None after appending its problem."""
    phrase, code, kind = row.get("phrase"), row.get("code"), row.get("kind") or "code"
    if not phrase:
        problems.append(row.problem("empty phrase"))
        return None
    if kind not in ISSUE_KINDS:
        problems.append(row.problem(f"kind {kind!r} must be one of {', '.join(ISSUE_KINDS)}"))
        return None
    if kind == "code" and not re.match(r"^[A-Za-z0-9_-]+$", code):
        problems.append(row.problem(f"issue code {code!r} must be letters, digits, '_' or '-'"))
        return None
    return IssueEntry(phrase, code, row.get("category"), kind, origin)


#: the optional columns of the issues table
ISSUE_COLUMNS = ("category", "kind", "note")


def issues(rows: list[Row], problems: list[Problem]) -> list[IssueEntry]:
    """Return the entries of the issues table's rows; problems are appended."""
    out = []
    for row in rows:
        entry = issue_entry(row, Origin(row.path, row.line), problems)
        if entry is not None:
            out.append(entry)
    return out
