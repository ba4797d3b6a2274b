"""Which date an event takes: the expression in its clause, text over document, and the explain trace."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import SAMPLE
from eventcodes import explain
from eventcodes.codebook import Codebook
from eventcodes.coder import Coder, SentenceResult
from eventcodes.documents import Document

MONDAY = dt.date(2024, 11, 4)


def _since(before: str) -> bool:
    """Return whether a date is in a "since" phrase: "attacked ships since November" is ongoing,
    dated by the story, as is "since the assassination of the president in 2021"."""
    return "since" in before.rsplit(",", 1)[-1].lower().split()[-10:]


def test_every_sample_event_with_a_date_expression_is_dated_from_the_text(
    default_coder: Coder,
) -> None:
    checked = 0
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        day = dt.date.fromisoformat(record["date"])
        trace: list[SentenceResult] = []
        default_coder.code_document(Document(record["id"], day, record["text"]), trace=trace)
        for res in trace:
            past = [
                d
                for d in default_coder.dates.find_dates(res.text, day)
                if not d.future and not _since(res.text[: d.start])
            ]
            for event in res.events if past else []:
                checked += 1
                assert event["date_source"] == "text", (record["id"], res.text)
            for vm in res.verbs if past else []:
                if vm.status == "coded":
                    assert vm.date is not None and vm.date.text in res.text
    assert checked >= 50


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the expression in the verb's own clause wins over one in a relative clause
        (
            "Arnor condemned Gondor on Sunday, which had attacked Rohan last week.",
            [dt.date(2024, 11, 3)],
        ),
        ("On Friday, Arnor condemned Gondor.", [dt.date(2024, 11, 1)]),
        # a past event is not dated by a future expression
        ("Arnor condemned Gondor on Sunday ahead of talks next week.", [dt.date(2024, 11, 3)]),
        ("Arnor condemned Gondor.", [MONDAY]),
    ],
)
def test_the_date_of_the_verbs_clause(
    mini_coder: Coder, text: str, expected: list[dt.date]
) -> None:
    events = mini_coder.code_document(Document("d", MONDAY, text)).events
    assert [e["event_date"] for e in events] == expected


def test_explain_names_the_expression_that_set_the_date(mini_codebook: Codebook) -> None:
    out = explain("Arnor condemned Gondor late last week.", MONDAY, mini_codebook).render()
    assert "date set by 'late last week'" in out
    assert "EVENT ARN 111 GON  date 2024-10-28 (week, text)" in out
