"""The coder's constructions, on a small codebook about a fictional world (table-driven)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcodes.coder import Coder
from eventcodes.documents import Document

DAY = dt.date(2024, 11, 4)  # a Monday


def triples(coder: Coder, text: str, day: dt.date = DAY) -> list[tuple[str, str, str | None]]:
    events = coder.code_document(Document("t", day, text)).events
    return [(e["source_code"], e["event_code"], e["target_code"]) for e in events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Arnor condemned Gondor.", [("ARN", "111", "GON")]),
        ("Arnor and Rohan condemned Gondor.", [("ARN", "111", "GON"), ("ROH", "111", "GON")]),
        (
            "Arnor, Rohan and the US condemned Gondor.",
            [("ARN", "111", "GON"), ("ROH", "111", "GON"), ("USA", "111", "GON")],
        ),
        ("Arnor condemned Gondor's attack.", [("ARN", "111", "GON")]),
        ("Gondor was condemned by Arnor.", [("ARN", "111", "GON")]),
        ("Gondor was strongly condemned by Arnor on Monday.", [("ARN", "111", "GON")]),
        ("Arnor did not condemn Gondor.", []),
        ("Arnor haven't condemned Gondor.", []),
        ("Arnor never condemned Gondor.", []),
        ("Arnor could condemn Gondor.", []),
        ("The Arnorian foreign minister met Gondor.", [("ARNGOV", "040", "GON")]),
        ("Arnor's foreign minister met Gondor.", [("ARNGOV", "040", "GON")]),
        ("The foreign minister of Arnor met Gondor.", [("ARNGOV", "040", "GON")]),
        ("Gondorian troops attacked Rohan.", [("GONMIL", "190", "ROH")]),
        ("Police arrested protesters.", [("COP", "173", None)]),
        ("Arnor denounced Gondor.", [("ARN", "111", "GON")]),
        (
            "Arnor called on Gondor and Rohan to withdraw.",
            [("ARN", "106", "GON"), ("ARN", "106", "ROH")],
        ),
        ("Arnor called on Gondor to talk.", [("ARN", "020", "GON")]),
        ("Arnor condemned the weather in Gondor.", []),
        ("Arnor's attack on Gondor threatens peace.", []),
        (
            "Arnor condemned Gondor and called on Rohan to withdraw.",
            [("ARN", "111", "GON"), ("ARN", "106", "ROH")],
        ),
        (
            "After a visit to Rohan, Arnor and Gondor condemned the US.",
            [("ARN", "111", "USA"), ("GON", "111", "USA")],
        ),
        ("The meeting ended.", []),
        ("Arnor signed a deal with Gondor.", [("ARN", "057", "GON")]),
        ("us and them condemned Gondor.", []),
    ],
)
def test_constructions(
    mini_coder: Coder, text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert triples(mini_coder, text) == expected


def test_date_restricted_person_and_surname_memory(mini_coder: Coder) -> None:
    text = "Aragorn Elessar visited Rohan. Elessar condemned Gondor."
    before = triples(mini_coder, text, dt.date(2024, 6, 1))
    after = triples(mini_coder, text, dt.date(2025, 6, 1))
    assert before == [("GONGOV", "042", "ROH"), ("GONGOV", "111", "GON")]
    assert after == [("ARNGOV", "042", "ROH"), ("ARNGOV", "111", "GON")]


def test_surname_alone_is_the_only_office_holder_of_that_name(mini_coder: Coder) -> None:
    assert triples(mini_coder, "Elessar condemned Gondor.", dt.date(2025, 6, 1)) == [
        ("ARNGOV", "111", "GON")
    ]
    assert (
        triples(mini_coder, "Elessar condemned Gondor.", dt.date(2010, 6, 1)) == []
    )  # not in office


def test_document_discard(mini_coder: Coder) -> None:
    assert triples(mini_coder, "Arnor condemned Gondor. The football match ended.") == []


def test_event_ids_are_deterministic_and_distinct(mini_coder: Coder) -> None:
    doc = Document("d1", DAY, "Arnor condemned Gondor. Rohan attacked Arnor.")
    a = mini_coder.code_document(doc).events
    b = mini_coder.code_document(doc).events
    assert [e["event_id"] for e in a] == [e["event_id"] for e in b]
    assert len({e["event_id"] for e in a}) == 2


def test_date_from_text_and_document(mini_coder: Coder) -> None:
    events = mini_coder.code_document(
        Document("d", DAY, "Arnor condemned Gondor on Sunday. Rohan attacked Arnor.")
    ).events
    assert [(e["event_date"], e["date_source"]) for e in events] == [
        (dt.date(2024, 11, 3), "text"),
        (DAY, "document"),
    ]


def test_a_document_discard_clears_the_trace_too(mini_coder: Coder) -> None:
    from eventcodes.coder import SentenceResult

    trace: list[SentenceResult] = []
    coded = mini_coder.code_document(
        Document("d", DAY, "Arnor condemned Gondor. The football match ended."), trace=trace
    )
    assert coded.events == [] and [r.events for r in trace] == [[], []]


def test_code_arrow_batch(mini_coder: Coder) -> None:
    import pyarrow as pa

    from eventcodes.run import code_arrow_batch
    from eventcodes.schema import EVENT_SCHEMA

    batch = pa.RecordBatch.from_pylist(
        [
            {"id": "a", "date": DAY, "text": "Arnor condemned Gondor.", "publisher": "P"},
            {"id": "b", "date": DAY, "text": "Nothing happened."},
        ]
    )
    out = code_arrow_batch(batch, mini_coder)
    assert out.schema.equals(EVENT_SCHEMA) and out.num_rows == 1
    assert out.column("source_code").to_pylist() == ["ARN"] and out.column(
        "publisher"
    ).to_pylist() == ["P"]
    empty = code_arrow_batch(
        pa.RecordBatch.from_pylist([{"id": "c", "date": DAY, "text": "Quiet."}]), mini_coder
    )
    assert empty.num_rows == 0 and empty.schema.equals(EVENT_SCHEMA)
