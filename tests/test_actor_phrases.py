"""The actor stage's phrase lookup finds what the compiled automaton finds, in the same order."""

from __future__ import annotations

import json
from pathlib import Path

from eventcodes import Codebook
from eventcodes.coder.actor_phrases import phrase_hits
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


def test_phrase_hits_are_the_automatons(default_codebook: Codebook) -> None:
    cc = default_codebook.compiled
    checked = found = 0
    for text in _texts():
        ids = cc.token_ids(cc.tokenizer.tokenize(text))
        expected = list(cc.automaton.iter(ids)) if ids else []
        assert phrase_hits(cc, ids) == expected, text
        checked += 1
        found += len(expected)
    assert checked > 500 and found > 500
