"""Tokens keep their offsets; normalised forms are what the codebook matches."""

from __future__ import annotations

import pytest

from eventcodes.tokens import Tokenizer, phrase_key


@pytest.mark.parametrize(
    ("text", "norms"),
    [
        ("North Korea’s troops", ["north", "korea", "'s", "troops"]),
        ("haven’t", ["have", "n't"]),
        ("didn't", ["did", "n't"]),
        ("the U.S. and U.N.", ["the", "u.s.", "and", "u.n."]),
        ("Cho Tae-yul", ["cho", "tae", "-", "yul"]),
        ("2,000 troops, 3.5 percent", ["2,000", "troops", ",", "3.5", "percent"]),
        ("Élysée Palace", ["elysee", "palace"]),
        ("“strongest possible terms”", ['"', "strongest", "possible", "terms", '"']),
        ("they’ve", ["they", "'ve"]),
        ("", []),
    ],
)
def test_norms(text: str, norms: list[str]) -> None:
    assert [t.norm for t in Tokenizer().tokenize(text)] == norms


def test_offsets_point_into_the_text() -> None:
    text = "South Korea’s Foreign Minister Cho Tae-yul didn’t go."
    for tok in Tokenizer().tokenize(text):
        assert text[tok.start : tok.end] == tok.text


def test_all_capital_words_keep_their_case_in_codebook_keys() -> None:
    t = Tokenizer()
    assert t.words("US") == ["\x01US"]
    assert t.words("Us") == ["us"]
    assert t.words("UN Security Council") == ["\x01UN", "security", "council"]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Côte d'Ivoire", "Cote d’Ivoire", True),  # accents and curly apostrophes fold
        ("Médecins Sans Frontières", "medecins sans frontieres", True),
        ("South  Korea", "south korea", True),  # spaces and case
        ("UN", "un", False),  # an all-capital word matches only capitals
        ("UN Security Council", "un security council", False),
        ("U.N.", "u.n.", True),  # not all letters: folded
        ("Us", "us", True),
        ("North Korea's", "North Korea", False),
    ],
)
def test_phrase_key_is_the_matchers_key(a: str, b: str, same: bool) -> None:
    assert (phrase_key(a) == phrase_key(b)) is same
    tokenizer = Tokenizer()
    assert phrase_key(a) == tuple(tokenizer.words(a))  # what the compiled matcher looks up
