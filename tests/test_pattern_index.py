"""The matchers built to make large (imported) codebooks fast give what the plain ways give: the
phrase automaton finds every phrase, the pattern index proposes every pattern that can match, and
multi-word alternatives match on either side of the verb."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcodes import Codebook, load_codebook
from eventcodes.codebook.automaton import PhraseAutomaton
from eventcodes.codebook.compiled import CompiledCodebook
from eventcodes.coder import Coder
from eventcodes.documents import Document
from eventcodes.importer import import_dictionaries

PETRARCH = Path(__file__).parent / "data" / "petrarch"
DAY = dt.date(2024, 3, 4)

# phrases over a small vocabulary, so that they overlap and nest often
_PHRASE = st.lists(st.integers(1, 4), min_size=1, max_size=4).map(tuple)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(_PHRASE, st.integers(), max_size=12), st.lists(st.integers(0, 5), max_size=16)
)
def test_the_phrase_automaton_finds_every_phrase_by_end_then_longest(
    phrases: dict[tuple[int, ...], int], ids: list[int]
) -> None:
    automaton = PhraseAutomaton()
    for key, value in phrases.items():
        automaton.add_word(key, value)
    expected = [
        (end, phrases[tuple(ids[start : end + 1])])
        for end in range(len(ids))
        for start in range(end + 1)
        if tuple(ids[start : end + 1]) in phrases
    ]
    assert automaton.iter(tuple(ids)) == expected
    assert len(automaton) == len(phrases)
    assert dict(automaton.items()) == phrases


def test_a_phrase_added_again_keeps_the_last_value() -> None:
    automaton = PhraseAutomaton()
    automaton.add_word((1, 2), "a")
    automaton.add_word((1, 2), "b")
    assert automaton.iter((1, 2)) == [(1, "b")]
    assert len(automaton) == 1
    with pytest.raises(ValueError, match="at least one token"):
        automaton.add_word((), "c")


def _brute_force(cc: CompiledCodebook, group: str, norms: set[str]) -> list[int]:
    return [
        k
        for k, cp in enumerate(cc.patterns[group])
        if all(not words.isdisjoint(norms) for words in cp.required)
    ]


def _check_candidates(cc: CompiledCodebook, seed: int, rounds: int) -> int:
    """Compare the index with trying every pattern on random word sets; return the checks."""
    rng = random.Random(seed)
    checked = 0
    for group, patterns in sorted(cc.patterns.items()):
        words = sorted({w for cp in patterns for ws in cp.required for w in ws})
        if not words:
            continue
        for _ in range(rounds):
            norms = set(rng.sample(words, min(len(words), rng.randint(1, 8))))
            norms.add("the")
            assert cc.pattern_candidates(group, norms) == _brute_force(cc, group, norms), group
            only = frozenset(k for k in range(len(patterns)) if k % 2)
            expected = [k for k in _brute_force(cc, group, norms) if k in only]
            assert cc.pattern_candidates(group, norms, only) == expected, group
            checked += 1
    return checked


def test_the_pattern_index_proposes_every_pattern_the_words_allow(
    default_codebook: Codebook,
) -> None:
    assert _check_candidates(default_codebook.compiled, seed=7, rounds=20) > 100


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Codebook:
    out = tmp_path_factory.mktemp("index") / "cb"
    verbs = out.parent / "index.verbs.txt"
    verbs.write_text(
        "<!-- patterns that share common words, for the pattern index -->\n"
        "&ARMS\n+RIFLES\n+ASSAULT_RIFLES\n+HEAVY_MORTAR_SHELLS\n\n"
        "--- SEND  [070] ---\n"
        "SEND {SENDS SENT SENDING}\n"
        "- * + TO THE TALKS [046]\n"
        "- * + TO THE FRONT WITH &ARMS [190]\n"
        "- * &ARMS TO + [193]\n"
        "- IN_A_LAST_ATTEMPT * + [036]\n"
        "- {ONCE_MORE|LATE_LAST_YEAR} * + [035]\n"
        "- * + TO [042]\n",
        encoding="utf-8",
    )
    result = import_dictionaries(verbs, [PETRARCH / "mini.actors.txt"], out)
    assert not result.rejected
    return load_codebook(out)


def test_a_pattern_is_keyed_on_its_rarest_word(imported: Codebook) -> None:
    cc = imported.compiled
    patterns = cc.patterns["send"]
    _always, by_word = cc.pattern_index["send"]
    number = {cp.entry.pattern.text: k for k, cp in enumerate(patterns)}
    # "to" is needed by four patterns: a sentence with "to" but neither "talks" nor "front"
    # makes neither of the two that need those a candidate
    assert number["* + to"] in by_word["to"]
    assert by_word["talks"] == [number["* + to the talks"]]
    assert by_word["front"] == [number["* + to the front with &ARMS"]]
    assert number["* + to the talks"] not in by_word["to"]
    assert number["* + to the front with &ARMS"] not in by_word["to"]
    assert _check_candidates(cc, seed=3, rounds=50) >= 50


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zembla sent Ruritania to the talks.", [("ZEM", "046", "RUR")]),
        ("Zembla sent Ruritania to the front with heavy mortar shells.", [("ZEM", "190", "RUR")]),
        ("Zembla sent assault rifles to Ruritania.", [("ZEM", "193", "RUR")]),
        ("In a last attempt Zembla sent Ruritania a letter.", [("ZEM", "036", "RUR")]),
        ("Zembla sent Ruritania to Freedonia.", [("ZEM", "042", "RUR")]),
        ("Late last year Zembla sent Ruritania a letter.", [("ZEM", "035", "RUR")]),
        ("Zembla sent Ruritania a letter.", [("ZEM", "070", "RUR")]),
    ],
)
def test_patterns_found_through_the_index_code_the_sentence(
    imported: Codebook, text: str, expected: list[tuple[str, str, str]]
) -> None:
    events = Coder(imported).code_document(Document("t", DAY, text)).events
    assert [(e["source_code"], e["event_code"], e["target_code"]) for e in events] == expected
