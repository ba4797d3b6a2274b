"""Fatalities: the number of people a sentence says were killed, as ACLED records it."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcodes.fatalities import fatalities_count, find_fatalities, number_value
from eventcodes.fixtures import Case, load_cases

PENDING = Path(__file__).resolve().parents[1] / "fixtures" / "regression" / "realnews"
FATALITY_CASES = load_cases([PENDING / "fatalities.jsonl"])


@pytest.mark.parametrize(
    ("sentence", "count", "words"),
    [
        ("Gunmen attacked a village, killing two.", 2, "killing two"),
        ("The clash resulted in 1 fatality.", 1, "1 fatality"),
        ("At least 15 people were killed in the attack.", 15, "At least 15 people were killed"),
        ("Dozens were killed in the raid.", None, "Dozens were killed"),
        ("Dozens of people were killed.", None, "Dozens of people were killed"),
        (
            "The strike killed two soldiers and three civilians.",
            5,
            "killed two soldiers and three civilians",
        ),
        ("A man was shot dead in Lagos.", 1, "A man was shot dead"),
        ("No one was killed.", 0, "No one was killed"),
        ("There were no casualties.", 0, "no casualties"),
        ("The death toll rose to 40.", 40, "death toll rose to 40"),
        ("Twenty-one soldiers died.", 21, "Twenty-one soldiers died"),
        ("The attack killed 3 and wounded 12.", 3, "killed 3"),
        ("An air strike killed 10-12 fighters.", 10, "killed 10-12 fighters"),
        (
            "The fighting has killed at least 1,200 fighters.",
            1200,
            "killed at least 1,200 fighters",
        ),
        ("Police beat a protester to death.", 1, "beat a protester to death"),
        ("Rebels killed a village chief.", 1, "killed a village chief"),
        ("Clashes left 55 dead.", 55, "left 55 dead"),
        ("Hundreds of civilians have died.", None, "Hundreds of civilians have died"),
    ],
)
def test_fatalities(sentence: str, count: int | None, words: str) -> None:
    found = find_fatalities(sentence)
    assert found is not None
    assert (found.count, found.text) == (count, words)
    assert sentence[found.start : found.end] == words


@pytest.mark.parametrize(
    "sentence",
    [
        "Police arrested 12 protesters.",
        "Two people were injured.",
        "Gunmen abducted 20 passengers on the highway.",
        "The army threatened to kill anyone who resisted.",
        "Thousands of protesters rallied without incident.",
        "In 2019, 300 soldiers were deployed.",
    ],
)
def test_sentences_that_state_no_deaths(sentence: str) -> None:
    assert find_fatalities(sentence) is None
    assert fatalities_count(sentence) is None


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("15", 15),
        ("1,200", 1200),
        ("twenty-one", 21),
        ("Twelve", 12),
        ("a dozen", 12),
        ("dozens", None),
    ],
)
def test_number_value(words: str, value: int | None) -> None:
    assert number_value(words) == value


def test_the_fixtures_have_enough_fatality_cases() -> None:
    assert len(FATALITY_CASES) >= 40


@pytest.mark.parametrize("case", FATALITY_CASES, ids=lambda c: c.id)
def test_fatality_fixture(case: Case) -> None:
    assert fatalities_count(case.text) == case.fatalities


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        # ASCII text is screened in lower case: capitals still count
        ("AT LEAST 15 PEOPLE WERE KILLED IN THE ATTACK.", 15),
        ("NO ONE WAS KILLED.", 0),
        ("Clashes left 55 DEAD.", 55),
        # other text is searched by the patterns alone, with the same results
        ("At least 15 people were killed in Ḩalab.", 15),
        ("The strike in Ḩalab killed two soldiers and three civilians.", 5),
        ("No one was killed in Ḩalab.", 0),
        ("Talks in Ḩalab resumed.", None),
        ("Talks resumed on Tuesday.", None),
    ],
)
def test_the_screening_by_words_changes_no_count(sentence: str, count: int | None) -> None:
    assert fatalities_count(sentence) == count
