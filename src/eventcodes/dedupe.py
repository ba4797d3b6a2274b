"""De-duplication across documents: GDELT's and Phoenix's one-a-day filter.

Many documents report the same event. The filter keeps one event per event date, source actor,
target actor and event code (a missing target counts as a value), the first in input order, and
records on it how many rows it stands for (``num_mentions``), from how many documents
(``num_documents``) and from how many publishers (``num_sources``; a document without a publisher
counts as a source of its own). It needs every event of the run, so the events are spooled to a
temporary Parquet file in the output directory and filtered with polars at the end.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from .schema import EVENT_COLUMN_NAMES, EVENT_SCHEMA

if TYPE_CHECKING:  # polars is imported when used: `eventcodes code` starts faster
    import polars as pl

__all__ = ["ONE_A_DAY_KEY", "EventSpool", "one_a_day"]

#: the columns that make two events the same event under the one-a-day filter
ONE_A_DAY_KEY = ("event_date", "source_code", "target_code", "event_code")


def one_a_day(events: pl.LazyFrame | pl.DataFrame) -> pl.DataFrame:
    """Return the events with one row per ONE_A_DAY_KEY, the first in order, with its counts."""
    import polars as pl

    lazy = events.lazy().with_row_index("_row")
    source = pl.coalesce(pl.col("publisher"), pl.lit("\x00document ") + pl.col("doc_id"))
    counts = lazy.group_by(list(ONE_A_DAY_KEY)).agg(
        pl.col("_row").min(),
        pl.len().cast(pl.Int32).alias("_mentions"),
        pl.col("doc_id").n_unique().cast(pl.Int32).alias("_documents"),
        source.n_unique().cast(pl.Int32).alias("_sources"),
    )
    kept = (
        lazy.join(counts.select("_row", "_mentions", "_documents", "_sources"), on="_row")
        .sort("_row")
        .with_columns(
            num_mentions=pl.col("_mentions"),
            num_documents=pl.col("_documents"),
            num_sources=pl.col("_sources"),
        )
    )
    columns = [c for c in EVENT_COLUMN_NAMES if c in events.collect_schema().names()]
    return kept.select(columns).collect()


class EventSpool:
    """Holds a run's events in a temporary Parquet file until the one-a-day filter runs.

    With ``outdir`` None the spool is off: nothing is added and ``one_a_day`` yields nothing.
    The temporary file is removed when the ``with`` block ends, whatever happens.
    """

    def __init__(self, outdir: Path | None, *, batch_rows: int = 100_000) -> None:
        self._path = (
            None if outdir is None else Path(outdir) / f".events-spool.{uuid.uuid4().hex[:12]}.tmp"
        )
        self._writer: pq.ParquetWriter | None = None
        self._batch_rows = batch_rows

    def __enter__(self) -> EventSpool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        if self._path is not None:
            self._path.unlink(missing_ok=True)

    def add(self, table: pa.Table) -> None:
        """Spool a table of events (EVENT_SCHEMA)."""
        if self._path is None:
            raise RuntimeError("EventSpool.add() on a spool that is off (outdir None)")
        if self._writer is None:
            self._writer = pq.ParquetWriter(str(self._path), EVENT_SCHEMA)
        self._writer.write_table(table)

    def one_a_day(self) -> Iterator[pa.Table]:
        """Yield the spooled events after the one-a-day filter, in input order, in slices."""
        if self._path is None:
            return
        if self._writer is None:  # no event at all
            return
        import polars as pl

        self._writer.close()
        self._writer = None
        kept = one_a_day(pl.scan_parquet(self._path)).to_arrow()
        for start in range(0, kept.num_rows, self._batch_rows):
            yield kept.slice(start, self._batch_rows)
