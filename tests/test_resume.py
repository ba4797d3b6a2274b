"""Ctrl-C keeps an interrupted run for --resume; resuming gives the events of an uninterrupted run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import MINI
from eventcodes import run as run_module
from eventcodes.cli import main
from eventcodes.run import BATCH_DOCUMENTS, code_corpus

SENTENCES = ["Gondor condemned Arnor.", "Arnor met Gondor.", "The weather was calm."]


def corpus(path: Path, documents: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(documents):
            text = SENTENCES[i % len(SENTENCES)]
            out.write(json.dumps({"id": f"d{i}", "date": "2024-11-04", "text": text}) + "\n")
    return path


def files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name != "summary.json"}


def test_ctrl_c_keeps_the_run_and_resume_finishes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = corpus(tmp_path / "news.jsonl", 3 * BATCH_DOCUMENTS)
    code_corpus([inputs], tmp_path / "reference", codebook_path=MINI, progress=False)
    out = tmp_path / "out"
    args = ["code", str(inputs), "-o", str(out), "--codebook", str(MINI), "--quiet"]
    coded = run_module.code_batch
    batches = 0

    def interrupted(*a: Any, **k: Any) -> Any:
        nonlocal batches
        batches += 1
        if batches == 3:
            raise KeyboardInterrupt
        return coded(*a, **k)

    monkeypatch.setattr(run_module, "code_batch", interrupted)
    assert main(args) == 130
    assert "add --resume to continue" in capsys.readouterr().err
    assert not out.exists()
    monkeypatch.setattr(run_module, "code_batch", coded)
    summary = code_corpus([inputs], out, codebook_path=MINI, progress=False, resume=True)
    assert summary.resumed_documents == 2 * BATCH_DOCUMENTS
    assert files(out) == files(tmp_path / "reference")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.jsonl", "out", "reference"]
