"""The coder's place stage: event places, locative actors, place-based countries, fatalities,
the dateline and carry_lead (coder/places.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventcodes.codebook import Codebook
from eventcodes.coder import Coder, EventRow
from eventcodes.coder import places as places_stage
from eventcodes.documents import Document
from eventcodes.errors import FixtureError
from eventcodes.fixtures import load_cases

DAY = dt.date(2025, 5, 20)


def code(coder: Coder, text: str) -> list[EventRow]:
    return coder.code_document(Document("t", DAY, text)).events


def triples(events: list[EventRow]) -> set[tuple[str, str, str | None]]:
    return {(e["source_code"], e["event_code"], e["target_code"]) for e in events}


def test_the_place_nearest_the_verb_in_its_clause(default_coder: Coder) -> None:
    (event,) = code(default_coder, "Police arrested 14 protesters in Lahore on Saturday.")
    assert (event["source_code"], event["place_name"], event["place_country"]) == (
        "PAKCOP",
        "Lahore",
        "PAK",
    )
    assert event["place_precision"] == "place"
    assert event["latitude"] is not None and event["geonames_id"] is not None


def test_each_clause_takes_its_own_place(default_coder: Coder) -> None:
    text = "Police arrested 14 protesters in Lahore; soldiers shelled rebel positions near Goma."
    places = {e["event_code"]: e["place_name"] for e in code(default_coder, text)}
    assert places["173"] == "Lahore"
    assert places["194"] == "Goma"


def test_a_place_near_a_capital_is_no_target(default_coder: Coder) -> None:
    events = code(default_coder, "Militants attacked a checkpoint on the outskirts of Kabul.")
    assert triples(events) == {("AFGREB", "190", None)}
    assert events[0]["place_name"] == "Kabul"


def test_a_capital_as_subject_stays_its_government(default_coder: Coder) -> None:
    events = code(default_coder, "Damascus condemned the Israeli strikes.")
    assert {e["source_code"][:3] for e in events} == {"SYR"}
    assert all(e["place_name"] is None for e in events)


def test_no_place_named_gives_null_columns(default_coder: Coder) -> None:
    (event,) = code(default_coder, "Kenya condemned the attack.")
    assert [event[k] for k in ("place_name", "latitude", "geonames_id", "place_precision")] == [
        None
    ] * 4


def test_the_dateline_place_when_the_sentence_names_none(default_coder: Coder) -> None:
    text = "KABUL, Afghanistan (Reuters) -\nThe Taliban government condemned the attack."
    events = code(default_coder, text)
    assert events and all(e["place_name"] == "Kabul" for e in events)


def test_a_repeated_dateline_gives_the_same_place_and_the_memory_is_bounded(
    default_coder: Coder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(places_stage, "DATELINES", 2)
    coder = default_coder.with_settings()
    story = "\nThe Taliban government condemned the attack."
    lines = ["KABUL, Afghanistan (Reuters) -", "LAHORE, Pakistan (AP) -", "KABUL (AFP) -"]
    first = [code(coder, line + story)[0]["place_name"] for line in lines]
    again = [code(coder, line + story)[0]["place_name"] for line in lines]
    assert first == again == ["Kabul", "Lahore", "Kabul"]
    assert len(coder.placer._datelines) <= 2


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("Gunmen attacked a village in Zamfara state, killing two farmers.", 2),
        ("Gunmen killed dozens of villagers in Zamfara state.", None),
        ("Gunmen attacked a village in Zamfara state.", None),
    ],
)
def test_fatalities_on_violent_events(default_coder: Coder, text: str, deaths: int | None) -> None:
    events = code(default_coder, text)
    assert events and all(e["fatalities"] == deaths for e in events)


def test_a_statement_does_not_carry_the_deaths(default_coder: Coder) -> None:
    events = code(default_coder, "Nigeria condemned the attack that killed 12 people in Zamfara.")
    assert events and all(e["quad_class"] != 4 for e in events)
    assert all(e["fatalities"] is None for e in events)


LEAD = (
    "On 1 May, in Bokkos, Plateau State, gunmen shot dead a farmer.\nPolice arrested two suspects."
)


def test_carry_lead_none_keeps_the_news_convention(default_coder: Coder) -> None:
    assert default_coder.settings.carry_lead == "none"
    later = [e for e in code(default_coder, LEAD) if e["sentence_index"] == 1]
    assert [(e["event_date"], e["place_name"]) for e in later] == [(DAY, None)]


def test_carry_lead_incident_carries_date_and_place(default_coder: Coder) -> None:
    coder = default_coder.with_settings(carry_lead="incident")
    later = [e for e in code(coder, LEAD) if e["sentence_index"] == 1]
    assert [(e["event_date"], e["place_name"], e["source_code"]) for e in later] == [
        (dt.date(2025, 5, 1), "Bokkos", "NGACOP")
    ]
    assert default_coder.settings.carry_lead == "none"  # with_settings made a copy


def test_a_codebook_without_places_never_builds_an_index(
    mini_codebook: Codebook, mini_coder: Coder
) -> None:
    assert not mini_codebook.place_tables
    events = code(mini_coder, "Police arrested 14 protesters in Lahore on Saturday.")
    assert all(e["place_name"] is None for e in events)
    assert "places" not in vars(mini_codebook)  # the cached property was never computed


def test_a_fixture_setting_must_be_a_codebook_setting(tmp_path: Path) -> None:
    case = {"id": "x-1", "category": "x", "text": "A.", "date": "2025-05-01", "events": []}
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({**case, "settings": {"carry_leads": "incident"}}) + "\n")
    with pytest.raises(FixtureError, match=r"bad.jsonl:1: settings.carry_leads"):
        load_cases([path])
    path.write_text(json.dumps({**case, "settings": {"carry_lead": "incident"}}) + "\n")
    assert load_cases([path])[0].settings == (("carry_lead", "incident"),)
