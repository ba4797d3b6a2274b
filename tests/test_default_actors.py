"""Actor phrases of the default codebook in sentences (table-driven)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcodes.coder import Coder
from eventcodes.documents import Document

DAY = dt.date(2024, 11, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # phrases with a possessive inside them
        ("The Democratic People's Republic of Korea condemned Japan.", [("PRK", "111", "JPN")]),
        ("Japan condemned the People's Republic of China.", [("JPN", "111", "CHN")]),
        # a bare agent takes the country the sentence places it in
        ("Police arrested dozens of protesters in Nairobi.", [("KENCOP", "173", "KENCVL")]),
        # an organisation with an agent keeps the organisation's code
        ("NATO officials condemned Russia.", [("IGOWSTNAT", "111", "RUS")]),
    ],
)
def test_sentences(
    default_coder: Coder, text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    events = default_coder.code_document(Document("t", DAY, text)).events
    assert [(e["source_code"], e["event_code"], e["target_code"]) for e in events] == expected
