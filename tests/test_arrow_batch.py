"""code_arrow_batch, what a Spark partition calls, gives the events the dataset writer writes."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eventcodes import Coder, code_arrow_batch, code_corpus, load_codebook
from eventcodes.schema import EVENT_SCHEMA

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample" / "articles.jsonl"


def test_an_arrow_batch_codes_as_the_corpus_run_writes(tmp_path: Path) -> None:
    code_corpus([SAMPLE], tmp_path / "out", progress=False)
    written = pq.read_table(tmp_path / "out" / "events.parquet").sort_by("event_id")
    records = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    batch = pa.RecordBatch.from_pylist(records)
    events = pa.Table.from_batches([code_arrow_batch(batch, Coder(load_codebook()))])
    assert events.schema == EVENT_SCHEMA
    assert events.num_rows == written.num_rows > 0
    # the same values, nulls included (an unnamed source is null in both, not "")
    assert events.sort_by("event_id").to_pylist() == written.cast(EVENT_SCHEMA).to_pylist()
