"""The compiled phrase automaton finds, on real fixture text, every codebook phrase a sentence holds:
what a look-up of every span of tokens finds, by end and longest first."""

from __future__ import annotations

import json
from pathlib import Path

from eventcodes import Codebook
from eventcodes.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]


def _texts() -> list[str]:
    texts = [
        "South Korean Foreign Minister Cho Tae-yul met U.S. Secretary of State Antony Blinken.",
        "The UN Security Council and the European Union urged the government of Sudan to act.",
        "Police in Lahore arrested two armed men; Houthi forces shelled the port of Hodeidah.",
        "",
    ]
    for path in sorted((ROOT / "fixtures").rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line) if line.startswith("{") else {}
            if isinstance(record.get("text"), str):
                texts.extend(s.text for s in split_sentences(record["text"]))
    return texts


def test_the_automaton_finds_every_phrase_of_the_sentence(default_codebook: Codebook) -> None:
    cc = default_codebook.compiled
    phrases = dict(cc.automaton.items())
    longest = max(map(len, phrases))
    checked = found = 0
    for text in _texts():
        tokens = cc.tokenizer.tokenize(text)
        ids = cc.token_ids(tokens)
        expected = [
            (end, phrases[tuple(ids[start : end + 1])])
            for end in range(len(ids))
            for start in range(max(0, end - longest + 1), end + 1)
            if tuple(ids[start : end + 1]) in phrases
        ]
        assert cc.automaton.iter(ids) == expected, text
        assert cc.automaton.iter_chars(cc.token_chars(tokens)) == expected, text
        checked += 1
        found += len(expected)
    assert checked > 500 and found > 500
