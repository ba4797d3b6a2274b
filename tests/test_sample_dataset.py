"""`eventcodes code` on the sample corpus: the dataset loads in pandas, polars and pyarrow as typed data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import SAMPLE
from eventcodes.cli import main
from eventcodes.schema import EVENT_COLUMN_NAMES, EVENT_SCHEMA

CODE_COLUMNS = [
    "source_code",
    "event_code",
    "event_root",
    "target_code",
    "source_country",
    "target_country",
]


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "out"
    assert main(["code", str(SAMPLE), "-o", str(out), "--quiet"]) == 0
    return out


def test_output_files(outdir: Path) -> None:
    names = sorted(p.name for p in outdir.iterdir())
    assert names == [
        "datapackage.json",
        "events.csv",
        "events.parquet",
        "load_events.R",
        "summary.json",
    ]
    summary = json.loads((outdir / "summary.json").read_text())
    assert summary["documents"] == 31 and summary["rejects"] == 0 and summary["events"] > 100
    assert summary["sentences"] > 150


def test_pyarrow(outdir: Path) -> None:
    table = pq.read_table(outdir / "events.parquet")
    assert table.schema.equals(EVENT_SCHEMA, check_metadata=False)
    meta = table.schema.metadata
    assert meta[b"eventcodes.codebook_hash"] and meta[b"eventcodes.codebook_version"]
    assert table.column("event_date").type == pa.date32()
    codes = table.column("event_code").to_pylist()
    assert all(isinstance(c, str) and c.isdigit() and len(c) in (3, 4) for c in codes)
    assert any(c.startswith("0") for c in codes)


def test_pandas_parquet_and_csv(outdir: Path) -> None:
    df = pd.read_parquet(outdir / "events.parquet")
    assert list(df.columns) == EVENT_COLUMN_NAMES
    assert isinstance(df["event_date"].iloc[0], dt.date)
    assert df["event_code"].map(type).eq(str).all()
    # the README's way to read the CSV: codes as strings, only empty fields missing
    csv = pd.read_csv(outdir / "events.csv", dtype=str, keep_default_na=False, na_values=[""])
    assert list(csv.columns) == EVENT_COLUMN_NAMES
    pd.testing.assert_series_equal(
        csv["event_code"], df["event_code"].astype(str), check_dtype=False
    )
    assert (csv["event_date"] == df["event_date"].astype(str)).all()


def test_polars_parquet_and_csv(outdir: Path) -> None:
    df = pl.read_parquet(outdir / "events.parquet")
    assert df.schema["event_date"] == pl.Date
    for c in CODE_COLUMNS:
        assert df.schema[c] == pl.String
    csv = pl.read_csv(
        outdir / "events.csv",
        schema_overrides={c: pl.String for c in CODE_COLUMNS},
        try_parse_dates=True,
    )
    assert csv.schema["event_date"] == pl.Date
    assert csv.select(CODE_COLUMNS + ["event_date"]).equals(
        df.select(CODE_COLUMNS + ["event_date"])
    )


def test_all_four_quad_classes_and_many_countries(outdir: Path) -> None:
    df = pl.read_parquet(outdir / "events.parquet")
    assert sorted(df["quad_class"].unique().to_list()) == [1, 2, 3, 4]
    countries = set(df["source_country"].drop_nulls()) | set(df["target_country"].drop_nulls())
    assert len(countries) >= 15


def test_same_input_same_output(outdir: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert main(["code", str(SAMPLE), "-o", str(again), "--quiet"]) == 0
    assert (again / "events.csv").read_bytes() == (outdir / "events.csv").read_bytes()


def test_jobs_give_the_same_events(outdir: Path, tmp_path: Path) -> None:
    par = tmp_path / "par"
    assert main(["code", str(SAMPLE), "-o", str(par), "--quiet", "--jobs", "2"]) == 0
    assert (par / "events.csv").read_bytes() == (outdir / "events.csv").read_bytes()
