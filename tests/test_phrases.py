"""source_text and target_text are the actors' whole noun phrases (coder/phrases.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcodes import Coder
from eventcodes.documents import Document

DAY = dt.date(2025, 3, 4)


def _first(coder: Coder, text: str) -> tuple[str, str | None]:
    events = coder.code_document(Document("d", DAY, text)).events
    assert events, f"no event in {text!r}"
    return events[0]["source_text"], events[0]["target_text"]


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # determiners and numbers belong to the phrase
        ("The Chinese government condemned the attack.", "The Chinese government", None),
        ("Taliban gunmen killed six Afghan soldiers.", "Taliban gunmen", "six Afghan soldiers"),
        # a possessive and the noun it owns; an object whose complement is the actor
        (
            "Kenya rejected the Ugandan government's offer.",
            "Kenya",
            "the Ugandan government's offer",
        ),
        (
            "Israel struck an arms depot of the Syrian army.",
            "Israel",
            "an arms depot of the Syrian army",
        ),
        # a place after "in" and a short parenthesis
        (
            "Police in Nairobi arrested dozens of protesters.",
            "Police in Nairobi",
            "dozens of protesters",
        ),
        # an apposition between the subject and its verb
        (
            "Venezuela's president, Nicolas Maduro, expelled the American envoy.",
            "Venezuela's president, Nicolas Maduro",
            "the American envoy",
        ),
        # an actor listed with others is in the phrase of the list (both sides of a reciprocal event); a year and "today" are not
        (
            "Canada and Costa Rica signed an agreement today.",
            "Canada and Costa Rica",
            "Canada and Costa Rica",
        ),
        # a target's phrase takes the rest of its coordinated object list ...
        (
            "The UN imposed sanctions on the Central African Republic (CAR) and the Republic of the Congo.",
            "The UN",
            "the Central African Republic (CAR) and the Republic of the Congo",
        ),
        (
            "Gunmen killed a Nigerian soldier and two members of his family.",
            "Gunmen",
            "a Nigerian soldier and two members of his family",
        ),
        (
            "Kenya sent aid to Somali farmers, herders and fishermen.",
            "Kenya",
            "Somali farmers, herders and fishermen",
        ),
        # ... but not a verb phrase after "and", nor the subject of a new clause
        (
            "Gunmen killed six Malian soldiers and wounded four others.",
            "Gunmen",
            "six Malian soldiers",
        ),
        (
            "Egypt condemned Israel, and the talks were suspended.",
            "Egypt",
            "Israel",
        ),
        # the object noun a target complements after any preposition, and a place "in" it
        (
            "Indonesia established diplomatic ties with the island nation of Nauru.",
            "Indonesia",
            "the island nation of Nauru",
        ),
        (
            "The EU called for sanctions against the militias in Libya.",
            "The EU",
            "the militias in Libya",
        ),
        # a number written with a spaced comma stays in the object
        (
            "Turkish authorities deported 12, 000 Syrians.",
            "Turkish authorities",
            "12, 000 Syrians",
        ),
    ],
)
def test_phrases(default_coder: Coder, text: str, source: str, target: str | None) -> None:
    assert _first(default_coder, text) == (source, target)
