"""Coder logic for real-news recall (issue 9): unnamed sources, unknown names, demands, each other."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from eventcodes import Coder
from eventcodes.codebook import Codebook
from eventcodes.documents import Document

DAY = dt.date(2025, 10, 8)


def _triples(coder: Coder, text: str) -> list[tuple[str, str, str | None]]:
    events = coder.code_document(Document("d", DAY, text)).events
    return [(e["source_code"], e["event_code"], e["target_code"]) for e in events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an inanimate subject: empty source, the weapon gives the code
        ("A car bomb killed five soldiers in Somalia.", [("", "1832", "SOMMIL")]),
        ("A roadside bomb struck a police vehicle in Iraq.", [("", "1833", "IRQCOP")]),
        # a verb of impact with no code of its own takes the weapon's
        ("Shelling hit a market in the capital.", [("", "194", None)]),
        # a passive of violence with no agent
        ("Five people were abducted from a village in Mali.", [("", "181", "MLICVL")]),
        # not for a passive outside violence, nor when a later actor may be the agent
        ("Two Chinese nationals were detained near a military base.", []),
        (
            "Two people were killed when ISIL attacked soldiers in Kabul.",
            [("IMGREB", "190", "AFGMIL")],
        ),
    ],
)
def test_unnamed_sources(default_coder: Coder, text: str, expected: list[tuple]) -> None:
    assert _triples(default_coder, text) == expected


def test_unnamed_sources_off(default_codebook: Codebook) -> None:
    settings = dataclasses.replace(default_codebook.settings, unnamed_sources=False)
    coder = Coder(dataclasses.replace(default_codebook, settings=settings))
    assert _triples(coder, "A car bomb killed five soldiers in Somalia.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a title before a full name no table lists gives the title's role, the country from the place
        ("Sen. Jane Doe of Kenya criticized the plan.", "KENLEG"),
        ("Gov. John Roe in Nairobi condemned the attack.", "KENGOV"),
        # an organisation by its last word
        ("The Nairobi Chess Association condemned the tax.", "KENCVL"),
        ("The Nigeria Labour Congress condemned the tax.", "NGALAB"),
    ],
)
def test_unknown_names(default_coder: Coder, text: str, expected: str) -> None:
    triples = _triples(default_coder, text)
    assert triples and triples[0][0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X said Y must Z" is X's demand of Y, by Z's code
        ("Kenya said Somalia must withdraw its troops.", [("KEN", "106", "SOM")]),
        (
            "The European Union said Ethiopia must release all prisoners.",
            [("IGOEUREEC", "1053", "ETH")],
        ),
        # "A and B accused each other": both ways
        (
            "Ethiopia and Sudan accused each other of backing rebels.",
            [("ETH", "112", "SDN"), ("SDN", "112", "ETH")],
        ),
        # another actor of the source's code is a target (communal violence); its own troops are not
        ("Herders attacked farmers in a village in Nigeria.", [("NGAAGR", "190", "NGAAGR")]),
        ("The Ethiopian army withdrew its troops from the border.", [("ETHMIL", "0874", None)]),
        # "shot and killed" is one attack
        (
            "Gunmen shot and killed a police officer in Kenya.",
            [("KENUAF", "193", "KENCOP")],
        ),
        # a place after "in" is the target only when no actor follows
        (
            "The Israeli prime minister held talks in Moscow with Russian President Vladimir Putin.",
            [("ISRGOV", "046", "RUSGOV")],
        ),
        # a decision to act is the act, not an intention
        ("The Kenyan government has decided to lift the curfew.", [("KENGOV", "0813", None)]),
        # an office an actor owns acts for it
        ("The Kenyan president's office condemned the attack.", [("KENGOV", "111", None)]),
        # a participle after its actor is not the main verb
        (
            "Rebel fighters backed by Rwanda attacked an army base in Congo.",
            [("CODREB", "190", "CODMIL")],
        ),
    ],
)
def test_clause_shapes(default_coder: Coder, text: str, expected: list[tuple]) -> None:
    assert _triples(default_coder, text) == expected
