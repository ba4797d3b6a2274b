"""The seed article (AP, 2024-11-04) codes to the events a careful human coder would expect."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import SAMPLE
from eventcodes.coder import Coder, EventRow, SentenceResult
from eventcodes.documents import Document

SEED_ID = "ap-2024-11-04-seoul-troops"
DAY = dt.date(2024, 11, 4)
#: the seed's events and the trace of its sentences
Coded = tuple[list[EventRow], list[SentenceResult]]


@pytest.fixture(scope="module")
def seed() -> Document:
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] == SEED_ID:
            return Document(
                record["id"], dt.date.fromisoformat(record["date"]), record["text"], publisher="AP"
            )
    raise AssertionError("the seed article is missing from the sample corpus")


@pytest.fixture(scope="module")
def coded(default_coder: Coder, seed: Document) -> Coded:
    trace: list[SentenceResult] = []
    events = default_coder.code_document(seed, trace=trace).events
    return events, trace


def triples(events: list[EventRow]) -> set[tuple[str, str, str | None]]:
    return {(e["source_code"], e["event_code"], e["target_code"]) for e in events}


def test_first_sentence_condemnations(coded: Coded) -> None:
    events, _ = coded
    first = [e for e in events if e["sentence_index"] == 0]
    assert {("KOR", "111", "PRK"), ("IGOEUREEC", "111", "PRK")} <= triples(first)


@pytest.mark.parametrize("source", ["KORGOV", "IGOEUREEC"])
@pytest.mark.parametrize("target", ["PRK", "RUS"])
def test_demand_withdrawal(coded: Coded, source: str, target: str) -> None:
    events, _ = coded
    demands = [
        e
        for e in events
        if e["event_root"] == "10"
        and e["source_code"].startswith(source)
        and e["target_code"] == target
    ]
    assert [e["event_code"] for e in demands] == ["106"]


def test_putin_meets_choe(coded: Coded) -> None:
    events, _ = coded
    pairs = {(e["source_code"], e["target_code"]) for e in events if e["event_root"] == "04"}
    assert ("RUSGOV", "PRKGOV") in pairs or ("PRKGOV", "RUSGOV") in pairs


def test_borrell_meets_defence_minister(coded: Coded) -> None:
    events, _ = coded
    pairs = {(e["source_code"], e["target_code"]) for e in events if e["event_root"] == "04"}
    assert pairs & {
        ("IGOEUREEC", "KORGOV"),
        ("IGOEUREEC", "KORMIL"),
        ("KORGOV", "IGOEUREEC"),
        ("KORMIL", "IGOEUREEC"),
    }


def test_every_event_is_dated_on_the_publication_day(coded: Coded) -> None:
    events, _ = coded
    assert events and {e["event_date"] for e in events} == {DAY}


def sentence_events(trace: list[SentenceResult], start: str) -> list[EventRow]:
    matches = [r for r in trace if r.text.startswith(start)]
    assert len(matches) == 1, start
    return matches[0].events


@pytest.mark.parametrize(
    "start",
    [
        "DPRK stands for",
        "North Korea and Russia haven’t explicitly confirmed",
        "North Korea’s troop deployment, confirmed by",
    ],
)
def test_sentences_without_events(coded: Coded, start: str) -> None:
    _, trace = coded
    assert sentence_events(trace, start) == []


def test_no_threat_event(coded: Coded) -> None:
    events, _ = coded
    assert not [e for e in events if e["event_root"] == "13"]


def test_provenance_of_every_event(coded: Coded, seed: Document) -> None:
    events, _ = coded
    for e in events:
        assert e["rule_id"] and e["event_text"] and e["source_text"]
        assert e["publisher"] == "AP"


def _place(event: EventRow) -> tuple[object, ...]:
    return (event["place_name"], event["place_country"], event["place_precision"])


def test_the_seoul_events_carry_seoul(coded: Coded) -> None:
    events, _ = coded
    seoul = [e for e in events if e["event_root"] == "11" and e["sentence_index"] == 0]
    seoul += [
        e
        for e in events
        if (e["source_code"], e["event_code"], e["target_code"]) == ("IGOEUREEC", "040", "KORGOV")
    ]
    assert len(seoul) == 3  # the two condemnations and Borrell's meeting
    for e in seoul:
        assert _place(e) == ("Seoul", "KOR", "place")
        assert (e["place_adm1_code"], e["place_adm1_name"]) == ("KR-11", "Seoul-teukbyeolsi")
        assert e["latitude"] == pytest.approx(37.57, abs=0.05)
        assert e["longitude"] == pytest.approx(126.98, abs=0.05)
        assert e["geonames_id"] == 1835848


def test_putin_meets_choe_in_moscow(coded: Coded) -> None:
    events, _ = coded
    (meeting,) = [
        e
        for e in events
        if (e["source_code"], e["event_code"], e["target_code"]) == ("RUSGOV", "040", "PRKGOV")
    ]
    assert _place(meeting) == ("Moscow", "RUS", "place")
    assert meeting["place_adm1_code"] == "RU-MOW"
    assert meeting["latitude"] == pytest.approx(55.75, abs=0.05)


def test_no_fatalities_in_the_seed(coded: Coded) -> None:
    events, _ = coded
    assert all(e["fatalities"] is None for e in events)
