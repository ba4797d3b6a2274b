"""PETRARCH-1's coding semantics on an imported codebook (code_syntax = "petrarch"), with small
fictional dictionaries of our own; the same codebook read with the coder's own semantics
(code_syntax = "cameo") shows each one is switched by the setting."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from eventcodes.codebook import Codebook, load_codebook
from eventcodes.coder import Coder
from eventcodes.documents import Document
from eventcodes.importer import import_dictionaries

DATA = Path(__file__).parent / "data" / "petrarch"
DAY = dt.date(2024, 3, 4)

Triple = tuple[str, str, str | None]


@pytest.fixture(scope="module")
def codebook(tmp_path_factory: pytest.TempPathFactory) -> Codebook:
    out = tmp_path_factory.mktemp("sem") / "semantics"
    result = import_dictionaries(
        DATA / "semantics.verbs.txt",
        [DATA / "mini.actors.txt"],
        out,
        agents=DATA / "mini.agents.txt",
    )
    assert not result.rejected
    return load_codebook(out)


def coder(cb: Codebook, **settings: object) -> Coder:
    return Coder(dataclasses.replace(cb, settings=dataclasses.replace(cb.settings, **settings)))


def code(c: Coder, text: str) -> list[Triple]:
    events = c.code_document(Document("t", DAY, text)).events
    return sorted((e["source_code"], e["event_code"], e["target_code"]) for e in events)


def test_a_paired_code_gives_the_reversed_event(codebook: Codebook) -> None:
    text = "Zembla arrived in Ruritania."
    assert code(coder(codebook), text) == [("RUR", "033", "ZEM"), ("ZEM", "032", "RUR")]
    assert code(coder(codebook, paired_codes="first"), text) == [("ZEM", "032", "RUR")]
    assert code(coder(codebook, code_syntax="cameo"), text) == [("ZEM", "032", "RUR")]


def test_an_a_slash_b_code_is_several_actors(codebook: Codebook) -> None:
    text = "The Order of the Lamp condemned Ruritania."
    assert code(coder(codebook), text) == [("NGO", "122", "RUR"), ("ZEM", "122", "RUR")]
    assert code(coder(codebook, code_syntax="cameo"), text) == [("NGO/ZEM", "122", "RUR")]


def test_a_pattern_naming_the_negation_codes_a_negated_verb(codebook: Codebook) -> None:
    text = "Zembla did not warn Ruritania."
    assert code(coder(codebook), text) == [("ZEM", "131", "RUR")]
    assert code(coder(codebook, code_syntax="cameo"), text) == []


def test_a_negated_verb_without_such_a_pattern_stays_negated(codebook: Codebook) -> None:
    assert code(coder(codebook), "Zembla has not condemned Ruritania.") == []


def test_pattern_words_apart_and_the_target_from_the_sentence(codebook: Codebook) -> None:
    text = "Zembla warned that Ruritania is a threat to peace."
    assert code(coder(codebook), text) == [("ZEM", "138", "RUR")]
    own = coder(codebook, code_syntax="cameo", require_dyad=False)
    assert code(own, text) == [("ZEM", "138", None)]


def test_caret_skips_one_phrase(codebook: Codebook) -> None:
    text = "Zembla celebrated the feast in Onhava with Ruritania."
    assert code(coder(codebook), text) == [("ZEM", "051", "RUR")]
    own = coder(codebook, code_syntax="cameo", require_dyad=False)
    assert code(own, text) == [("ZEM", "051", None)]  # '^' skips any words: Onhava is ZEM


def test_percent_after_the_verb_with_a_single_code_gives_targets(codebook: Codebook) -> None:
    text = "Zembla celebrated alongside Ruritania and Freedonia."
    assert code(coder(codebook), text) == [("ZEM", "052", "FRE"), ("ZEM", "052", "RUR")]
    own = coder(codebook, code_syntax="cameo")
    assert code(own, text) == [("FRE", "052", "RUR"), ("RUR", "052", "FRE")]


def test_agents_take_the_countries_they_are_from(codebook: Codebook) -> None:
    c = coder(codebook)
    assert code(c, "Lawmakers from Ruritania condemned Zembla.") == [("RURLEG", "122", "ZEM")]
    own = coder(codebook, code_syntax="cameo")
    assert code(own, "Lawmakers from Ruritania condemned Zembla.") == [("LEG", "122", "ZEM")]
    assert code(c, "Police and lawmakers in Ruritania and Freedonia condemned Zembla.") == [
        ("FRECOP", "122", "ZEM"),
        ("FRELEG", "122", "ZEM"),
        ("RURCOP", "122", "ZEM"),
        ("RURLEG", "122", "ZEM"),
    ]


def test_a_bare_agent_keeps_no_country(codebook: Codebook) -> None:
    text = "Zembla said on Monday. Police condemned Ruritania."
    assert code(coder(codebook), text) == [("COP", "122", "RUR")]


def test_a_trailing_attribution_is_its_own_clause(codebook: Codebook) -> None:
    text = "Zembla condemned the raid after Ruritania warned its allies, a Freedonia lawmaker said."
    assert code(coder(codebook, require_dyad=False), text) == [
        ("FRELEG", "010", None),
        ("ZEM", "122", None),
    ]
    own = coder(codebook, code_syntax="cameo", require_dyad=False)
    assert ("RUR", "130", "FRELEG") in code(own, text)


def test_a_passive_subject_taken_as_source_is_not_also_the_target(codebook: Codebook) -> None:
    # PETRARCH-1 reads "X was warned ... Y" with the pattern's roles from the sentence: X -> Y
    text = "Zembla was sharply condemned over its quarrel with Ruritania."
    assert code(coder(codebook), text) == [("ZEM", "123", "RUR")]
