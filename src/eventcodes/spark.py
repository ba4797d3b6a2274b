"""Coding on a Spark cluster: a DataFrame of documents in, a DataFrame of events out.

Needs the optional extra: ``pip install eventcodes[spark]``. Each executor's Python worker
compiles the codebook once and keeps it for every later batch and task it runs; the batches go
through :func:`eventcodes.run.code_arrow_batch`, the same function the single-machine run uses,
so a cluster run gives the events of ``eventcodes code`` on the same documents.

The codebook travels with the job as the bytes of its files, so executors need eventcodes
installed but no copy of the codebook directory.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from .codebook import load_codebook
from .coder import Coder
from .errors import EventcodesError, InputError
from .run import code_arrow_batch
from .schema import EVENT_SCHEMA
from .views import load_views

if TYPE_CHECKING:  # pyspark is an optional extra
    from pyspark.sql import DataFrame

#: Compiled coders of this Python process, by codebook hash: Spark reuses its Python workers
#: across tasks, so a codebook is compiled once per worker process, not once per batch or task.
_CODERS: dict[str, Coder] = {}


def code_dataframe(df: DataFrame, codebook_dir: Path | str | None = None) -> DataFrame:
    """Return a DataFrame of the events (the columns of events.parquet) of a DataFrame of documents.

    ``df`` needs the columns ``id`` (string), ``date`` (date, timestamp or ISO string) and
    ``text``; ``title``, ``publisher``, ``url`` and ``language`` are used when present. The codebook is
    ``codebook_dir`` (the default codebook when None); it is validated here, on the driver, so
    a broken codebook fails before any task starts.

    Rows come in partition order; sort by ``event_id`` (or doc_id, sentence_index) for a
    stable order. Documents are not checked for duplicate ids across partitions.
    """
    try:
        from pyspark.sql.pandas.types import from_arrow_schema
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise EventcodesError(
            "Spark support needs pyspark; install it with: pip install 'eventcodes[spark]'"
        ) from error
    missing = [c for c in ("id", "date", "text") if c not in df.columns]
    if missing:
        raise InputError(
            f"the DataFrame has no {', '.join(missing)} column; documents need id, date and text"
        )
    codebook = load_codebook(Path(codebook_dir) if codebook_dir is not None else None)
    files = pack_codebook(codebook.path)
    digest = codebook.hash
    wanted = [
        c
        for c in ("id", "date", "text", "title", "publisher", "url", "language")
        if c in df.columns
    ]

    def code_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        coder = executor_coder(files, digest)
        for batch in batches:
            if batch.num_rows:
                yield code_arrow_batch(batch, coder)

    return df.select(*wanted).mapInArrow(code_partition, from_arrow_schema(EVENT_SCHEMA))


def pack_codebook(root: Path) -> dict[str, bytes]:
    """Return the files of a codebook directory as {path relative to the directory: bytes}."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def executor_coder(files: dict[str, bytes], digest: str) -> Coder:
    """Return this process's coder for the packed codebook, compiling it on first use."""
    coder = _CODERS.get(digest)
    if coder is None:
        with tempfile.TemporaryDirectory(prefix="eventcodes-codebook-") as tmp:
            root = Path(tmp)
            for name, data in files.items():
                target = root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            codebook = load_codebook(root, use_cache=False)  # a temporary directory
            coder = Coder(codebook)
            # compile and read what is read lazily while the files exist; nothing is read later
            _ = codebook.compiled
            if codebook.place_tables:
                _ = codebook.places  # the gazetteer, built once per executor process
            load_views(codebook)
        if codebook.hash != digest:
            raise EventcodesError(
                "the codebook unpacked on an executor differs from the driver's; this is a bug, "
                "please report it"
            )
        _CODERS[digest] = coder
    return coder
