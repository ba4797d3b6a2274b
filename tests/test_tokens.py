"""Tokens keep their offsets; normalised forms are what the codebook matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# The straightforward tokenizer the fast one must agree with: one match object per token, and
# the "stem before n't" branch without the lookahead that makes other words fail fast.
_PLAIN = re.compile(
    r"(?:[^\W\d_]\.){2,}"
    r"|\d+(?:[.,:]\d+)*"
    r"|[^\W\d_]+(?=[nN]['’][tT]\b)"
    r"|[nN]['’][tT]\b"
    r"|['’](?:[sS]|[vV][eE]|[rR][eE]|[lL][lL]|[dD]|[mM])\b"
    r"|\w+"
    r"|[^\w\s]"
)
_PIECES = st.sampled_from(
    ["n't", "N’T", "haven", "’s", "'ve", "U.S.", "a.", "3.5", "2,000", "-", '"', "Élysée", "_", "x"]
    + [" ", "\n", "said", "Kyiv,", "talks.", "a.", "it?", "’", "”", "\u00a0", "\u0301"]
)


@given(st.lists(st.one_of(_PIECES, st.text(max_size=6)), max_size=12).map("".join))
@settings(max_examples=400, deadline=None)
def test_tokens_and_offsets_are_those_of_a_plain_regex_scan(text: str) -> None:
    got = [(t.text, t.start, t.end) for t in Tokenizer().tokenize(text)]
    assert got == [(m.group(), m.start(), m.end()) for m in _PLAIN.finditer(text)]
