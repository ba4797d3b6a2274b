"""Regression fixtures: sentences with the events a careful human coder expects (fixtures/regression)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import FixtureError, Problem
from .origin import Origin

_CASE_FIELDS = {"id", "category", "text", "date", "document", "events", "note", "known_failure"}
_EVENT_FIELDS = {"source_code", "event_code", "target_code", "event_date"}


@dataclass(frozen=True)
class ExpectedEvent:
    """One expected event: a triple, and the date when the fixture checks it."""

    source_code: str
    event_code: str
    target_code: str | None
    event_date: dt.date | None = None

    @property
    def triple(self) -> tuple[str, str, str | None]:
        return (self.source_code, self.event_code, self.target_code)


@dataclass(frozen=True)
class Case:
    """One fixture case."""

    id: str
    category: str
    text: str
    date: dt.date
    events: tuple[ExpectedEvent, ...]
    document: tuple[str, ...] = ()
    note: str = ""
    known_failure: str = ""
    #: the fixture file and line of the case
    origin: Origin | None = None


def _expected(raw: Any, origin: Origin, problems: list[Problem]) -> ExpectedEvent | None:
    if (
        not isinstance(raw, dict)
        or set(raw) - _EVENT_FIELDS
        or not {"source_code", "event_code"} <= set(raw)
    ):
        problems.append(
            Problem.at(
                origin, "each event needs source_code, event_code and target_code (null for none)"
            )
        )
        return None
    date = None
    if raw.get("event_date") is not None:
        try:
            date = dt.date.fromisoformat(str(raw["event_date"]))
        except ValueError:
            problems.append(
                Problem.at(origin, f"event_date {raw['event_date']!r} is not YYYY-MM-DD")
            )
            return None
    codes = (raw["source_code"], raw["event_code"], raw.get("target_code"))
    if not all(isinstance(c, str) for c in codes[:2]) or not isinstance(
        codes[2], (str, type(None))
    ):
        problems.append(
            Problem.at(origin, 'codes must be strings (event codes with leading zeros, e.g. "042")')
        )
        return None
    return ExpectedEvent(raw["source_code"], raw["event_code"], raw.get("target_code"), date)


def fixture_files(paths: Sequence[Path]) -> list[Path]:
    """Return the fixture files named or found (recursively, *.jsonl) under the paths, sorted."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(p.rglob("*.jsonl")))
        elif p.is_file():
            files.append(p)
        else:
            raise FixtureError(
                f"{p}: no such fixture file or directory; give a .jsonl file or a directory of them"
            )
    return files


def load_cases(paths: Sequence[Path]) -> list[Case]:
    """Return every case of the fixture files; raise FixtureError naming every malformed line."""
    problems: list[Problem] = []
    cases: list[Case] = []
    seen: dict[str, str] = {}
    for path in fixture_files(paths):
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(
                    Problem(path, line_no, f"not valid JSON ({exc.msg}); one case a line")
                )
                continue
            if not isinstance(raw, dict):
                problems.append(Problem(path, line_no, "a case must be a JSON object"))
                continue
            unknown = set(raw) - _CASE_FIELDS
            missing = {"id", "category", "text", "date", "events"} - set(raw)
            if unknown or missing:
                problems.append(
                    Problem(
                        path,
                        line_no,
                        f"unknown fields {sorted(unknown)} / missing fields {sorted(missing)}",
                    )
                )
                continue
            case_id = str(raw["id"])
            if case_id in seen:
                problems.append(
                    Problem(path, line_no, f"duplicate id {case_id} (also at {seen[case_id]})")
                )
                continue
            seen[case_id] = f"{path.name}:{line_no}"
            try:
                day = dt.date.fromisoformat(str(raw["date"]))
            except ValueError:
                problems.append(Problem(path, line_no, f"date {raw['date']!r} is not YYYY-MM-DD"))
                continue
            if not isinstance(raw["events"], list):
                problems.append(Problem(path, line_no, "events must be a list ([] for no event)"))
                continue
            n = len(problems)
            origin = Origin(path, line_no)
            events = [_expected(e, origin, problems) for e in raw["events"]]
            if len(problems) > n:
                continue
            cases.append(
                Case(
                    id=case_id,
                    category=str(raw["category"]),
                    text=str(raw["text"]),
                    date=day,
                    events=tuple(e for e in events if e is not None),
                    document=tuple(str(s) for s in raw.get("document", [])),
                    note=str(raw.get("note", "")),
                    known_failure=str(raw.get("known_failure", "")),
                    origin=origin,
                )
            )
    if problems:
        raise FixtureError(
            f"{len(problems)} malformed fixture line(s):\n" + "\n".join(str(p) for p in problems)
        )
    return cases
