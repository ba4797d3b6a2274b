"""The codebook rows and fixtures added for real-news recall (issue 9).

Every named armed group and every new group agent is coded when it is the subject of a plain sentence, and
the pending fixtures (cases that need coder logic) are well formed and apart from the regression set.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import ROOT
from eventcodes.codebook.tables import read_rows
from eventcodes.coder import Coder
from eventcodes.documents import Document
from eventcodes.fixtures import load_cases

DEFAULT = ROOT / "codebooks" / "default"
DATE = dt.date(2024, 5, 6)


def _rows(name: str) -> list[dict[str, str]]:
    _header, rows = read_rows(DEFAULT / name)
    return [row for _line, row in rows if not row[next(iter(row))].startswith("#")]


def _first_source(coder: Coder, text: str) -> str | None:
    events = coder.code_document(Document(id="t", date=DATE, text=text)).events
    return events[0]["source_code"] if events else None


ARMED = _rows("actors/armed_groups.csv")
GROUPS = _rows("agents_groups.csv")


def test_tables_are_listed_with_an_origin() -> None:
    manifest = (DEFAULT / "manifest.toml").read_text(encoding="utf-8")
    for name in (
        "actors/armed_groups.csv",
        "actors/state_agencies.csv",
        "agents_groups.csv",
        "verbs/recall.csv",
        "patterns/recall.csv",
    ):
        assert f'"{name}"' in manifest.split("[origin]")[0], name
        assert re.search(rf'^"{re.escape(name)}" = "written for eventcodes', manifest, re.M), name


@pytest.mark.parametrize("row", ARMED, ids=[r["phrase"] for r in ARMED])
def test_armed_group_is_the_source(default_coder: Coder, row: dict[str, str]) -> None:
    text = f"{row['phrase']} attacked a police post on Sunday."
    assert _first_source(default_coder, text) == row["code"]


@pytest.mark.parametrize("row", GROUPS, ids=[r["phrase"] for r in GROUPS])
def test_group_agent_takes_the_story_country(default_coder: Coder, row: dict[str, str]) -> None:
    phrase = row["phrase"]
    plural = row.get("plural") or ""
    if plural == "-" or phrase[0].isupper():
        subject = phrase
    elif plural:
        subject = plural.split(";")[0]
    else:
        consonant_y = phrase.endswith("y") and phrase[-2] not in "aeiou"
        subject = phrase[:-1] + "ies" if consonant_y else phrase + "s"
    text = f"{subject[0].upper()}{subject[1:]} in Nairobi condemned the plan on Sunday."
    assert _first_source(default_coder, text) == "KEN" + row["role"]


def test_pending_fixtures_are_well_formed_and_apart() -> None:
    # cases move to the regression set as the coder learns them: the directory may run short
    pending = load_cases([ROOT / "fixtures" / "pending"])
    regression = load_cases([ROOT / "fixtures" / "regression"])
    assert not {c.id for c in pending} & {c.id for c in regression}
    readme = (ROOT / "fixtures" / "pending" / "README.md").read_text(encoding="utf-8")
    for category in {c.category for c in pending}:
        assert f"| `{category}` |" in readme, category
    documented = (ROOT / "fixtures" / "regression" / "README.md").read_text(encoding="utf-8")
    for category in {c.category for c in regression}:
        assert f"| `{category}` |" in documented, category
