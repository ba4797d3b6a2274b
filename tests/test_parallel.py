"""Worker processes change nothing in the output: the same bytes for any --jobs."""

from __future__ import annotations

from pathlib import Path

import pytest

import eventcodes.run
from conftest import SAMPLE
from eventcodes import code_corpus
from eventcodes.dataset import EVENTS_CSV, EVENTS_PARQUET


@pytest.mark.parametrize(("batch_documents", "worker_documents"), [(3, 100), (7, 2), (500, 100)])
def test_jobs_1_and_2_write_identical_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch_documents: int, worker_documents: int
) -> None:
    # Small batches make the two workers take turns over many batches, out of step with each
    # other, and split batches into parts; the parent must still write them in input order.
    monkeypatch.setattr(eventcodes.run, "BATCH_DOCUMENTS", batch_documents)
    monkeypatch.setattr(eventcodes.run, "WORKER_DOCUMENTS", worker_documents)
    one = code_corpus([SAMPLE], tmp_path / "one", jobs=1, progress=False)
    two = code_corpus([SAMPLE], tmp_path / "two", jobs=2, progress=False)
    assert one.events == two.events > 0
    assert (one.documents, one.sentences) == (two.documents, two.sentences)
    for name in (EVENTS_PARQUET, EVENTS_CSV):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
