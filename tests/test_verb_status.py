"""A verb's status is data: the coder decides on VerbStatus and Why, explain renders the words."""

from __future__ import annotations

import datetime as dt
import typing

import pytest

from eventcodes import explain
from eventcodes.codebook import Codebook
from eventcodes.coder import Coder, EventRow, SentenceResult, VerbMatch, VerbStatus, Why
from eventcodes.coder.status import Note, note, render
from eventcodes.documents import Document
from eventcodes.schema import CODED_COLUMN_NAMES

DAY = dt.date(2024, 11, 4)


def verbs(coder: Coder, text: str) -> list[VerbMatch]:
    trace: list[SentenceResult] = []
    coder.code_document(Document("t", DAY, text), trace=trace)
    return [v for s in trace for v in s.verbs]


@pytest.mark.parametrize(
    ("text", "status", "why"),
    [
        ("Arnor condemned Gondor.", VerbStatus.CODED, None),
        ("Arnor did not condemn Gondor.", VerbStatus.NEGATED, note(Why.NEGATED, "not")),
        ("Arnor could condemn Gondor.", VerbStatus.MODAL, note(Why.HYPOTHETICAL, "could")),
        (
            "If Arnor condemns Gondor, talks end.",
            VerbStatus.CONDITIONAL,
            note(Why.CONDITIONAL, "if"),
        ),
        ("Did Arnor condemn Gondor?", VerbStatus.QUESTION, note(Why.QUESTION)),
        ("Arnor will condemn Gondor.", VerbStatus.INTENT, note(Why.NO_MODE_CODE, "intent", "111")),
        (
            "Arnor refused to condemn Gondor.",
            VerbStatus.REFUSAL,
            note(Why.NO_MODE_CODE, "refusal", "111"),
        ),
        ("The condemn of Gondor.", VerbStatus.SKIPPED, note(Why.AFTER_DETERMINER)),
    ],
)
def test_status_and_reason_are_data(
    mini_coder: Coder, text: str, status: VerbStatus, why: Note | None
) -> None:
    (vm,) = [v for v in verbs(mini_coder, text) if v.verb.verb == "condemn"]
    assert vm.status is status
    assert vm.notes == ([why] if why else [])
    assert vm.reason == (why.render() if why else "")


@pytest.mark.parametrize(
    ("notes", "words"),
    [
        ([note(Why.NEGATED, "n't")], "negated by 'n't'"),
        ([note(Why.MODE_CODE, "intent", "111", "1011"), note(Why.PRONOUN, "they")],
         "intent: 111 -> 1011; 'they' resolved to an earlier actor"),
        ([note(Why.BACKGROUND, dt.date(1939, 9, 1), 365)], "dated 1939-09-01, over 365 days before publication"),
        ([], ""),
    ],
)  # fmt: skip
def test_notes_render_in_one_place(notes: list[Note], words: str) -> None:
    assert render(notes) == words


def test_every_reason_renders_with_its_fields() -> None:
    for why in Why:
        fields = why.value.count("{")
        assert "{" not in note(why, *(["x"] * fields)).render()


def test_explain_prints_the_status_words(mini_codebook: Codebook) -> None:
    out = explain("Arnor did not condemn Gondor.", DAY, mini_codebook).render()
    assert "verb 'condemn' (condemn): negated, negated by 'not'" in out


def test_event_rows_have_the_columns_of_the_events_table() -> None:
    assert list(typing.get_type_hints(EventRow)) == CODED_COLUMN_NAMES
