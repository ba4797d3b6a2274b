"""Spark in local mode codes the sample corpus into the events of the single-machine run.

Marked ``spark``: ``.ci/run`` installs the ``spark`` extra and runs it. Without pyspark the test
is skipped on a developer's machine, but fails under CI (CI=true), so CI cannot skip it silently.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from conftest import SAMPLE
from eventcodes import code_corpus
from eventcodes.schema import EVENT_SCHEMA
from eventcodes.spark import code_dataframe

pytestmark = pytest.mark.spark

_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _unavailable(reason: str) -> None:
    """Fail under CI, where the Spark test must run; skip on a developer's machine."""
    if _CI:
        pytest.fail(f"{reason}; CI must run the Spark test (make test-spark installs the extra)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    # Imported here, not at module level: `make test` collects this module and deselects the
    # test (marker spark), and must not need pyspark for that.
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        _unavailable("pyspark is not installed (pip install 'eventcodes[spark]')")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        _unavailable("Spark needs Java 17 (java on PATH or JAVA_HOME)")
    os.environ["PYSPARK_PYTHON"] = sys.executable  # Python workers import this eventcodes
    session = (
        SparkSession.builder.master("local[2]")
        .appName("eventcodes-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.memory", "512m")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "4")  # several batches a task
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.mark.parametrize("date_type", ["string", "date"])
def test_spark_events_equal_single_machine_run(spark: Any, tmp_path: Path, date_type: str) -> None:
    code_corpus([SAMPLE], tmp_path / "out", progress=False)
    expected = pq.read_table(tmp_path / "out" / "events.parquet").sort_by("event_id")

    docs = spark.read.json(str(SAMPLE)).repartition(3)  # several partitions
    if date_type == "date":
        docs = docs.withColumn("date", docs["date"].cast("date"))
    events = code_dataframe(docs)
    got = events.toArrow()

    assert events.columns == EVENT_SCHEMA.names
    assert got.schema.types == EVENT_SCHEMA.types
    assert got.num_rows == expected.num_rows > 0
    assert got.sort_by("event_id").to_pylist() == expected.cast(EVENT_SCHEMA).to_pylist()


def test_spark_rejects_a_frame_without_text(spark: Any) -> None:
    from eventcodes.errors import InputError

    frame = spark.createDataFrame([("d1", "2024-01-01")], ["id", "date"])
    with pytest.raises(InputError, match="no text column"):
        code_dataframe(frame)
