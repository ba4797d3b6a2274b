"""Regression fixtures: sentences with the events a careful human coder expects (fixtures/regression)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import FixtureError, Problem
from .origin import Origin

_CASE_FIELDS = {
    "id",
    "category",
    "text",
    "date",
    "document",
    "events",
    "note",
    "known_failure",
    "place",
    "fatalities",
    "settings",
}
_EVENT_FIELDS = {"source_code", "event_code", "target_code", "event_date"}
_PLACE_FIELDS = {"name", "country", "adm1", "precision"}
_PRECISIONS = ("place", "division", "country")


@dataclass(frozen=True)
class ExpectedPlace:
    """Where the case's events happened: the place's name, alpha-3 country and, when the fixture
    checks them, its ISO 3166-2 division and precision (``place``, ``division``, ``country``)."""

    name: str
    country: str
    adm1: str | None = None
    precision: str | None = None


#: a case that leaves ``place`` or ``fatalities`` out does not check it; ``null`` expects none
NOT_CHECKED: Any = "not checked"


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
    #: the place every event of the sentence carries (None: no place), or NOT_CHECKED
    place: ExpectedPlace | None | Any = NOT_CHECKED
    #: the deaths the sentence states (None: none stated or no number), or NOT_CHECKED
    fatalities: int | None | Any = NOT_CHECKED
    #: codebook settings this case codes with ({"carry_lead": "incident"}), as (name, value)
    settings: tuple[tuple[str, Any], ...] = ()

    @property
    def checks_place(self) -> bool:
        return self.place is not NOT_CHECKED

    @property
    def checks_fatalities(self) -> bool:
        return self.fatalities is not NOT_CHECKED


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


def _expected_place(raw: Any, path: Path, line: int, problems: list[Problem]) -> Any:
    """Return the ExpectedPlace of a case's ``place`` (None for null); a Problem when malformed."""
    if raw is None:
        return None
    if (
        not isinstance(raw, dict)
        or set(raw) - _PLACE_FIELDS
        or not {"name", "country"} <= set(raw)
        or not all(isinstance(v, str) for v in raw.values())
    ):
        problems.append(
            Problem(
                path,
                line,
                'place must be null or {"name": ..., "country": "SYR"} with optional "adm1" '
                '(ISO 3166-2) and "precision" (place, division or country)',
            )
        )
        return NOT_CHECKED
    if raw.get("precision") is not None and raw["precision"] not in _PRECISIONS:
        problems.append(
            Problem(
                path,
                line,
                f"place precision {raw['precision']!r} is not place, division or country",
            )
        )
        return NOT_CHECKED
    return ExpectedPlace(raw["name"], raw["country"], raw.get("adm1"), raw.get("precision"))


def _settings(raw: Any, origin: Origin, problems: list[Problem]) -> tuple[tuple[str, Any], ...]:
    """Return a case's settings overrides; a Problem when one is not a codebook setting."""
    from .codebook.model import Settings

    defaults = {f.name: f.default for f in dataclasses.fields(Settings)}
    if not isinstance(raw, dict):
        problems.append(
            Problem.at(origin, 'settings must be an object: {"carry_lead": "incident"}')
        )
        return ()
    for key, value in raw.items():
        if key not in defaults or type(value) is not type(defaults[key]):
            problems.append(
                Problem.at(origin, f"settings.{key}: not a codebook setting of that type")
            )
    return tuple(sorted(raw.items()))


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


def _expected_fields(
    raw: dict[str, Any], origin: Origin, problems: list[Problem]
) -> tuple[Any, Any]:
    """Return the case's expected place and fatalities (each NOT_CHECKED when left out)."""
    path, line_no = origin
    place = (
        _expected_place(raw["place"], path, line_no, problems) if "place" in raw else NOT_CHECKED
    )
    fatalities = raw.get("fatalities", NOT_CHECKED)
    if (
        fatalities is not NOT_CHECKED
        and fatalities is not None
        and (type(fatalities) is not int or fatalities < 0)
    ):
        problems.append(
            Problem(path, line_no, "fatalities must be a whole number, 0 or more, or null")
        )
    return place, fatalities


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
            place, fatalities = _expected_fields(raw, origin, problems)
            settings = _settings(raw.get("settings", {}), origin, problems)
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
                    place=place,
                    fatalities=fatalities,
                    settings=settings,
                )
            )
    if problems:
        raise FixtureError(
            f"{len(problems)} malformed fixture line(s):\n" + "\n".join(str(p) for p in problems)
        )
    return cases
