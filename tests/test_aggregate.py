"""Panels (eventcodes aggregate): counts on a small fixture dataset, checked against hand counts."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from eventcodes.aggregate import aggregate, aggregate_files
from eventcodes.cli import main
from eventcodes.dataset import RunSummary, events_table, write_dataset

D = dt.date


def event(
    ident: str,
    doc: str,
    day: D,
    source: str | None,
    target: str | None,
    code: str,
    quad: int,
    goldstein: float,
) -> dict[str, Any]:
    return {
        "event_id": ident,
        "doc_id": doc,
        "sentence_index": 0,
        "event_date": day,
        "date_precision": "day",
        "date_source": "document",
        "source_code": source or "IGOEUREEC",
        "source_country": source,
        "target_code": target,
        "target_country": target,
        "event_code": code,
        "event_root": code[:2],
        "quad_class": quad,
        "goldstein": goldstein,
    }


EVENTS = [
    event("e1", "d1", D(2024, 11, 4), "KOR", "PRK", "111", 3, -2.0),
    event("e2", "d1", D(2024, 11, 4), "KOR", "PRK", "190", 4, -10.0),
    event("e3", "d2", D(2024, 11, 5), "PRK", "KOR", "042", 1, 1.9),
    event("e4", "d3", D(2024, 11, 20), "USA", None, "010", 1, 0.0),
    event("e5", "d3", D(2024, 12, 2), "KOR", "KOR", "173", 4, -5.0),
    event("e6", "d4", D(2024, 11, 4), None, "PRK", "111", 3, -2.0),  # no source country
]


@pytest.fixture(scope="module")
def frame() -> pl.DataFrame:
    return pl.from_arrow(events_table(EVENTS))  # type: ignore[return-value]


def rows(panel: pl.DataFrame, *columns: str) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in panel.select(columns).iter_rows()]


def test_country_day_counts_each_country_of_an_event_once(frame: pl.DataFrame) -> None:
    panel = aggregate(frame, "country-day")
    assert rows(
        panel, "country", "period", "events", "quad_1", "quad_3", "quad_4", "documents"
    ) == [
        ("KOR", D(2024, 11, 4), 2, 0, 1, 1, 1),
        ("KOR", D(2024, 11, 5), 1, 1, 0, 0, 1),
        ("KOR", D(2024, 12, 2), 1, 0, 0, 1, 1),  # KOR against KOR: one event, counted once
        ("PRK", D(2024, 11, 4), 3, 0, 2, 1, 2),
        ("PRK", D(2024, 11, 5), 1, 1, 0, 0, 1),
        ("USA", D(2024, 11, 20), 1, 1, 0, 0, 1),
    ]
    kor = panel.row(0, named=True)
    assert kor["root_11"] == 1 and kor["root_19"] == 1 and kor["root_04"] == 0
    assert kor["goldstein_sum"] == pytest.approx(-12.0)
    assert kor["goldstein_mean"] == pytest.approx(-6.0)
    prk = panel.row(3, named=True)
    assert prk["goldstein_mean"] == pytest.approx(-14.0 / 3)


def test_country_week_starts_on_monday(frame: pl.DataFrame) -> None:
    panel = aggregate(frame, "country-week")
    assert rows(panel, "country", "period", "events") == [
        ("KOR", D(2024, 11, 4), 3),
        ("KOR", D(2024, 12, 2), 1),
        ("PRK", D(2024, 11, 4), 4),
        ("USA", D(2024, 11, 18), 1),
    ]


def test_dyad_month_is_directed_and_needs_both_countries(frame: pl.DataFrame) -> None:
    panel = aggregate(frame, "dyad-month")
    assert rows(panel, "source_country", "target_country", "period", "events", "quad_4") == [
        ("KOR", "KOR", D(2024, 12, 1), 1, 1),
        ("KOR", "PRK", D(2024, 11, 1), 2, 1),
        ("PRK", "KOR", D(2024, 11, 1), 1, 0),
    ]


def test_complete_fills_zero_rows_for_the_dyads_seen(frame: pl.DataFrame) -> None:
    panel = aggregate(frame, "dyad-month", complete=True)
    assert rows(panel, "source_country", "target_country", "period", "events") == [
        ("KOR", "KOR", D(2024, 11, 1), 0),
        ("KOR", "KOR", D(2024, 12, 1), 1),
        ("KOR", "PRK", D(2024, 11, 1), 2),
        ("KOR", "PRK", D(2024, 12, 1), 0),
        ("PRK", "KOR", D(2024, 11, 1), 1),
        ("PRK", "KOR", D(2024, 12, 1), 0),
    ]
    zero = panel.row(0, named=True)
    assert zero["goldstein_sum"] == 0.0 and zero["goldstein_mean"] is None
    assert zero["documents"] == 0 and zero["quad_4"] == 0 and zero["root_17"] == 0


def test_complete_over_given_countries_and_range(frame: pl.DataFrame) -> None:
    panel = aggregate(
        frame,
        "country-month",
        complete=True,
        units=["KOR", "JPN"],
        start=D(2024, 10, 15),
        end=D(2024, 12, 31),
    )
    assert rows(panel, "country", "period", "events") == [
        ("JPN", D(2024, 10, 1), 0),
        ("JPN", D(2024, 11, 1), 0),
        ("JPN", D(2024, 12, 1), 0),
        ("KOR", D(2024, 10, 1), 0),
        ("KOR", D(2024, 11, 1), 3),
        ("KOR", D(2024, 12, 1), 1),
    ]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            {"quads": [3, 4]},
            [("KOR", D(2024, 11, 4), 2), ("KOR", D(2024, 12, 2), 1), ("PRK", D(2024, 11, 4), 3)],
        ),
        ({"codes": ["19"]}, [("KOR", D(2024, 11, 4), 1), ("PRK", D(2024, 11, 4), 1)]),
        (
            {"codes": ["04", "010"]},
            [("KOR", D(2024, 11, 5), 1), ("PRK", D(2024, 11, 5), 1), ("USA", D(2024, 11, 20), 1)],
        ),
        (
            {"start": D(2024, 11, 5), "end": D(2024, 11, 30)},
            [("KOR", D(2024, 11, 5), 1), ("PRK", D(2024, 11, 5), 1), ("USA", D(2024, 11, 20), 1)],
        ),
        ({"units": ["USA"]}, [("USA", D(2024, 11, 20), 1)]),
    ],
)
def test_filters(
    frame: pl.DataFrame, options: dict[str, Any], expected: list[tuple[Any, ...]]
) -> None:
    assert (
        rows(aggregate(frame, "country-day", **options), "country", "period", "events") == expected
    )


def test_a_dyad_must_be_source_dash_target(frame: pl.DataFrame) -> None:
    with pytest.raises(Exception, match="KOR-PRK"):
        aggregate(frame, "dyad-day", units=["KORPRK"])


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("agg") / "events"
    summary = RunSummary(4, 6, 6, 0, "cb", "1", "hash", "0", 0.0, [])
    write_dataset(out, events_table(EVENTS), [], summary)
    return out


def test_cli_writes_parquet_csv_datapackage_and_r_loader(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "panel"
    argv = ["aggregate", str(dataset), "--by", "dyad-month", "--complete", "-o", str(out)]
    assert main(argv) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "datapackage.json",
        "load_panel.R",
        "panel.csv",
        "panel.parquet",
    ]
    parquet = pl.read_parquet(out / "panel.parquet")
    assert parquet.height == 6 and parquet.schema["events"] == pl.Int32
    with open(out / "panel.csv", encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle))
    assert [
        (r["source_country"], r["period"], r["events"], r["goldstein_mean"]) for r in records[:2]
    ] == [
        ("KOR", "2024-11-01", "0", ""),
        ("KOR", "2024-12-01", "1", "-5.0"),
    ]
    package = json.loads((out / "datapackage.json").read_text())
    fields = [f["name"] for f in package["resources"][0]["schema"]["fields"]]
    assert fields == parquet.columns
    assert package["resources"][0]["schema"]["primaryKey"] == [
        "source_country",
        "target_country",
        "period",
    ]


def test_several_inputs_are_one_panel(dataset: Path, tmp_path: Path) -> None:
    result = aggregate_files([dataset, dataset / "events.parquet"], tmp_path, "country-month")
    panel = pl.read_parquet(tmp_path / "panel.parquet")
    assert result.rows == panel.height
    assert rows(panel.filter(pl.col("country") == "KOR"), "period", "events") == [
        (D(2024, 11, 1), 6),
        (D(2024, 12, 1), 2),
    ]


def test_a_missing_input_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            ["aggregate", str(tmp_path / "nope"), "--by", "country-day", "-o", str(tmp_path / "o")]
        )
        == 2
    )
    assert "give the output of eventcodes code" in capsys.readouterr().err
