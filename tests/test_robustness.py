"""Property tests: arbitrary text and malformed records never crash ingest or the coder, and none is lost."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcodes.coder import Coder
from eventcodes.documents import Document, Reject
from eventcodes.ingest import read_documents

WORDS = st.sampled_from(
    [
        "Arnor",
        "Gondor",
        "Rohan",
        "condemned",
        "met",
        "called",
        "on",
        "to",
        "withdraw",
        "and",
        "the",
        "'s",
        "’s",
        "was",
        "by",
        "not",
        "n't",
        ",",
        ".",
        "“",
        "”",
        "police",
        "troops",
        "Elessar",
        "Aragorn",
        "Monday",
        "U.S.",
        "could",
        ";",
        "—",
        "-",
        "of",
        "foreign",
        "minister",
        "\n",
        "  ",
    ]
)
TEXT = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=60).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, day=st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
def test_coder_never_crashes(mini_coder: Coder, text: str, day: dt.date) -> None:
    coded = mini_coder.code_document(Document("x", day, text))
    for e in coded.events:
        assert e["event_code"] in mini_coder.codebook.event_codes
        assert e["source_code"]
        assert isinstance(e["event_date"], dt.date)


RECORD = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={
            "id": st.one_of(st.text(max_size=5), st.integers(), st.none(), st.booleans()),
            "date": st.one_of(st.dates().map(str), st.text(max_size=12), st.none(), st.integers()),
            "text": st.one_of(TEXT, st.none(), st.integers()),
            "publisher": st.one_of(
                st.text(max_size=5), st.none(), st.lists(st.integers(), max_size=2)
            ),
        },
    ).map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8")),
    st.binary(max_size=40).filter(lambda b: b"\n" not in b and b.strip()),
    st.text(max_size=40)
    .filter(lambda t: "\n" not in t and "\r" not in t and t.strip())
    .map(lambda t: t.encode()),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=st.lists(RECORD, min_size=1, max_size=8))
def test_every_record_is_coded_or_rejected(
    mini_coder: Coder, tmp_path: Path, records: list[bytes]
) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join(records) + b"\n")
    bom = b"\xef\xbb\xbf"
    first = records[0][len(bom) :] if records[0].startswith(bom) else records[0]
    expected = sum(1 for r in [first, *records[1:]] if r.strip())  # blank lines are not records
    items = list(read_documents([path]))
    whole_file = (
        len(items) == 1
        and isinstance(items[0], Reject)
        and "one indented JSON document" in items[0].reason
    )
    if whole_file:  # a file that opens like an indented JSON document is one reject, not lost
        assert first.strip() in (b"[", b"{", b"[{", b"[ {") and items[0].line == 1
        return
    assert len(items) == expected  # one Document or one Reject per record, none lost
    for item in items:
        if isinstance(item, Reject):
            assert item.reason and item.line is not None
        else:
            mini_coder.code_document(item)
