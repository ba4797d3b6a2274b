"""The output dataset: files, types as pandas/polars/pyarrow read them, datapackage, atomicity."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import polars as pl
import polars.testing
import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
import pytest

from eventcodes.dataset import (
    DatasetWriter,
    RunSummary,
    conform_events,
    events_table,
    write_dataset,
)
from eventcodes.documents import Reject
from eventcodes.errors import EventcodesError, InputError
from eventcodes.schema import EVENT_COLUMN_NAMES, EVENT_COLUMNS, EVENT_SCHEMA

CODEBOOK = {
    "codebook_name": "cameo-test",
    "codebook_version": "2024.11",
    "codebook_hash": "sha256:0f3c9a",
    "tool_version": "0.1.0",
}

ROWS: list[dict[str, object]] = [
    {  # a full dyad; event text with a comma, a quote and a newline
        "event_id": "ev-0001",
        "doc_id": "doc-1",
        "sentence_index": 0,
        "event_date": dt.date(2024, 11, 4),
        "date_precision": "day",
        "date_source": "text",
        "source_code": "KORGOV",
        "source_country": "KOR",
        "source_role": "GOV",
        "source_text": "South Korea's foreign ministry",
        "event_code": "042",
        "event_root": "04",
        "quad_class": 1,
        "goldstein": 1.9,
        "target_code": "PRKGOV",
        "target_country": "PRK",
        "target_role": "GOV",
        "target_text": "Pyongyang",
        "event_text": 'said, "we will visit"\nnext week',
        "rule_id": "verbs:visit:1",
        "publisher": "Yonhap",
        "url": "https://example.org/a?x=1,2",
    },
    {  # no target, an agent-only source (no country), no publisher
        "event_id": "ev-0002",
        "doc_id": "doc-1",
        "sentence_index": 3,
        "event_date": dt.date(2024, 11, 3),
        "date_precision": "day",
        "date_source": "document",
        "source_code": "COP",
        "source_role": "COP",
        "source_text": "Police",
        "event_code": "1056",
        "event_root": "10",
        "quad_class": 3,
        "goldstein": -5.0,
        "event_text": "demanded",
        "rule_id": "verbs:demand:7",
    },
    {  # Namibia's alpha-3 code and non-ASCII names
        "event_id": "ev-0003",
        "doc_id": "doc-2",
        "sentence_index": 1,
        "event_date": dt.date(2024, 1, 31),
        "date_precision": "month",
        "date_source": "text",
        "source_code": "NAMGOV",
        "source_country": "NAM",
        "source_role": "GOV",
        "source_text": "Namibia's ministère des Affaires étrangères",
        "event_code": "190",
        "event_root": "19",
        "quad_class": 4,
        "goldstein": -10.0,
        "target_code": "DEUGOV",
        "target_country": "DEU",
        "target_role": "GOV",
        "target_text": "Außenministerin Müller",
        "event_text": "fought",
        "rule_id": "verbs:fight:2",
        "publisher": "Die Zeit",
        "url": None,
    },
]

CODE_COLUMNS = ["event_code", "event_root", "source_code", "target_code"]
KEY_COLUMNS = [
    "event_id",
    "doc_id",
    "event_date",
    "event_code",
    "event_root",
    "source_code",
    "source_country",
    "target_code",
    "target_country",
    "event_text",
    "source_text",
    "target_text",
    "publisher",
]
REJECT = Reject(file="in/news.jsonl", line=7, doc_id=None, reason="no date: add a 'date' field")


def make_summary(events: int = 3, rejects: int = 1) -> RunSummary:
    return RunSummary(
        documents=2,
        sentences=9,
        events=events,
        rejects=rejects,
        seconds=0.25,
        inputs=["in/news.jsonl"],
        **CODEBOOK,
    )


def make_writer(outdir: Path, row_group_rows: int = 100_000) -> DatasetWriter:
    return DatasetWriter(
        outdir,
        codebook_name=CODEBOOK["codebook_name"],
        codebook_version=CODEBOOK["codebook_version"],
        codebook_hash=CODEBOOK["codebook_hash"],
        tool_version=CODEBOOK["tool_version"],
        row_group_rows=row_group_rows,
    )


@pytest.fixture
def table() -> pa.Table:
    return events_table(ROWS)


@pytest.fixture
def outdir(tmp_path: Path, table: pa.Table) -> Path:
    out = tmp_path / "out"
    write_dataset(out, table, [REJECT], make_summary())
    return out


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


# --- events.parquet ------------------------------------------------------------------------


def test_parquet_columns_and_types_are_the_contract(outdir: Path) -> None:
    schema = pq.read_schema(outdir / "events.parquet")
    assert schema.names == EVENT_COLUMN_NAMES
    assert schema.remove_metadata().equals(EVENT_SCHEMA)


@pytest.mark.parametrize("key", sorted(CODEBOOK))
def test_parquet_metadata_names_the_codebook(outdir: Path, key: str) -> None:
    metadata = pq.read_metadata(outdir / "events.parquet").metadata
    assert metadata[f"eventcodes.{key}".encode()] == CODEBOOK[key].encode()


def test_pyarrow_round_trip_equals_input(outdir: Path, table: pa.Table) -> None:
    back = pq.read_table(outdir / "events.parquet")
    assert back.equals(table)
    assert back.to_pylist()[1]["target_code"] is None


def test_pandas_parquet_keeps_codes_and_dates(outdir: Path) -> None:
    frame = pd.read_parquet(outdir / "events.parquet")
    assert frame["event_code"].tolist() == ["042", "1056", "190"]
    assert frame["event_root"].tolist() == ["04", "10", "19"]
    assert frame["event_date"].tolist() == [r["event_date"] for r in ROWS]
    assert all(type(d) is dt.date for d in frame["event_date"])
    assert pd.isna(frame.loc[1, "target_code"])
    assert frame.loc[2, "source_country"] == "NAM"


# --- events.csv ----------------------------------------------------------------------------


def test_pandas_csv_read_as_documented_keeps_every_value(outdir: Path, table: pa.Table) -> None:
    frame = pd.read_csv(outdir / "events.csv", dtype=str, keep_default_na=False, na_values=[""])
    assert frame.columns.tolist() == EVENT_COLUMN_NAMES
    assert frame["event_code"].tolist() == ["042", "1056", "190"]
    for name in ("source_country", "target_code", "publisher", "event_text", "target_text"):
        got = [None if pd.isna(v) else v for v in frame[name]]
        assert got == table.column(name).to_pylist(), name
    assert frame["event_date"].tolist() == ["2024-11-04", "2024-11-03", "2024-01-31"]
    assert frame["goldstein"].tolist() == ["1.9", "-5.0", "-10.0"]


def test_pandas_csv_with_dtype_dict_for_codes(outdir: Path) -> None:
    frame = pd.read_csv(
        outdir / "events.csv",
        dtype={name: str for name in CODE_COLUMNS},
        keep_default_na=False,
        na_values=[""],
        parse_dates=["event_date"],
    )
    assert frame["event_code"].tolist() == ["042", "1056", "190"]
    assert frame["event_root"].tolist() == ["04", "10", "19"]
    assert frame["goldstein"].tolist() == pytest.approx([1.9, -5.0, -10.0])
    assert frame["quad_class"].tolist() == [1, 3, 4]
    assert frame["event_date"].dt.date.tolist() == [r["event_date"] for r in ROWS]


def test_polars_parquet_types(outdir: Path) -> None:
    frame = pl.read_parquet(outdir / "events.parquet")
    assert frame.schema["event_date"] == pl.Date
    for name in CODE_COLUMNS + ["source_country", "event_text"]:
        assert frame.schema[name] == pl.String, name
    assert frame.schema["quad_class"] == pl.Int8
    assert (
        frame.schema["goldstein"] == pl.Float64
    )  # read back as written: -7.2, not -7.199999809265137
    assert frame["event_code"].to_list() == ["042", "1056", "190"]


def test_polars_csv_with_overrides_equals_parquet_key_columns(outdir: Path) -> None:
    from_csv = pl.read_csv(
        outdir / "events.csv",
        schema_overrides={name: pl.String for name in CODE_COLUMNS},
        try_parse_dates=True,
    )
    from_parquet = pl.read_parquet(outdir / "events.parquet")
    polars.testing.assert_frame_equal(from_csv[KEY_COLUMNS], from_parquet[KEY_COLUMNS])


def test_polars_csv_with_full_schema_equals_parquet(outdir: Path) -> None:
    from_parquet = pl.read_parquet(outdir / "events.parquet")
    from_csv = pl.read_csv(outdir / "events.csv", schema=from_parquet.schema)
    polars.testing.assert_frame_equal(from_csv, from_parquet)


def test_pyarrow_csv_with_schema_equals_input(outdir: Path, table: pa.Table) -> None:
    options = pcsv.ConvertOptions(
        column_types=EVENT_SCHEMA, null_values=[""], strings_can_be_null=True
    )
    assert pcsv.read_csv(outdir / "events.csv", convert_options=options).equals(table)


def test_csv_has_one_header_no_na_and_empty_nulls(outdir: Path) -> None:
    text = (outdir / "events.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(EVENT_COLUMN_NAMES)
    records = list(csv.reader(text.splitlines(keepends=True)))
    assert records[0] == EVENT_COLUMN_NAMES
    assert len(records) == 1 + len(ROWS)
    assert EVENT_COLUMN_NAMES not in records[1:]
    assert all(field != "NA" for record in records for field in record)
    for record, row in zip(records[1:], ROWS, strict=True):
        for name, field in zip(EVENT_COLUMN_NAMES, record, strict=True):
            assert (field == "") == (row.get(name) is None), (name, field)
    assert records[1][EVENT_COLUMN_NAMES.index("event_text")] == 'said, "we will visit"\nnext week'


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1.9, -5.0, 10.0, 0.0, None], ["1.9", "-5.0", "10.0", "0.0", ""]),
        ([0.1, -7.2, 3.4], ["0.1", "-7.2", "3.4"]),
        # more than one decimal: the shortest float32 text, integral values still with ".0"
        ([2.25, -5.0, None], ["2.25", "-5.0", ""]),
    ],
)
def test_goldstein_is_written_as_a_float(
    tmp_path: Path, values: list[float | None], expected: list[str]
) -> None:
    rows = [{**ROWS[1], "event_id": f"e{i}", "goldstein": value} for i, value in enumerate(values)]
    write_dataset(tmp_path, events_table(rows), [], make_summary(len(rows), 0))
    with open(tmp_path / "events.csv", encoding="utf-8", newline="") as handle:
        fields = [r["goldstein"] for r in csv.DictReader(handle)]
    assert fields == expected


def test_empty_strings_are_written_as_null_in_both_files(tmp_path: Path) -> None:
    rows = [{**ROWS[1], "publisher": "", "url": ""}]
    write_dataset(tmp_path, events_table(rows), [], make_summary(1, 0))
    assert pq.read_table(tmp_path / "events.parquet")["publisher"].to_pylist() == [None]
    # polars reads a quoted "" as an empty string, so this also shows no "" was written
    from_csv = pl.read_csv(tmp_path / "events.csv", infer_schema=False)
    assert from_csv["publisher"].to_list() == [None]
    assert from_csv["url"].to_list() == [None]


# --- datapackage.json ------------------------------------------------------------------------


def load_package(outdir: Path) -> dict[str, object]:
    package = json.loads((outdir / "datapackage.json").read_text(encoding="utf-8"))
    assert isinstance(package, dict)
    return package


def resource(package: dict[str, object], name: str) -> dict[str, object]:
    resources = package["resources"]
    assert isinstance(resources, list)
    matches = [r for r in resources if r["name"] == name]
    assert len(matches) == 1, name
    found = matches[0]
    assert isinstance(found, dict)
    return found


def test_datapackage_describes_the_package(outdir: Path) -> None:
    package = load_package(outdir)
    assert package["profile"] == "tabular-data-package"
    assert package["name"] == "eventcodes-dataset"
    assert package["eventcodes"] == CODEBOOK
    assert "created" not in package
    assert [r["name"] for r in package["resources"]] == [  # type: ignore[attr-defined]
        "events-csv",
        "events-parquet",
        "rejects",
    ]
    events_csv = resource(package, "events-csv")
    assert events_csv["path"] == "events.csv"
    assert events_csv["format"] == "csv"
    assert events_csv["mediatype"] == "text/csv"
    assert events_csv["encoding"] == "utf-8"
    dialect = events_csv["dialect"]
    assert isinstance(dialect, dict)
    assert dialect["header"] is True
    assert dialect["delimiter"] == ","
    events_parquet = resource(package, "events-parquet")
    assert (events_parquet["path"], events_parquet["format"]) == ("events.parquet", "parquet")
    rejects = resource(package, "rejects")
    assert (rejects["path"], rejects["format"]) == ("rejects.jsonl", "jsonl")


@pytest.mark.parametrize("name", ["events-csv", "events-parquet"])
def test_datapackage_lists_every_column_with_description(outdir: Path, name: str) -> None:
    schema = resource(load_package(outdir), name)["schema"]
    assert isinstance(schema, dict)
    assert schema["missingValues"] == [""]
    fields = schema["fields"]
    assert [f["name"] for f in fields] == EVENT_COLUMN_NAMES
    for field, (_, _, description) in zip(fields, EVENT_COLUMNS, strict=True):
        assert field["description"] == description
        assert field["type"] in {"string", "integer", "number", "date"}


@pytest.mark.parametrize(
    ("column", "type_", "constraints"),
    [
        ("event_id", "string", None),
        ("sentence_index", "integer", None),
        ("event_date", "date", None),
        ("date_precision", "string", {"enum": ["day", "week", "month", "year"]}),
        ("date_source", "string", {"enum": ["text", "document"]}),
        ("event_code", "string", None),
        ("quad_class", "integer", {"enum": [1, 2, 3, 4]}),
        ("goldstein", "number", None),
        ("target_country", "string", None),
    ],
)
def test_datapackage_field_types_and_constraints(
    outdir: Path, column: str, type_: str, constraints: dict[str, object] | None
) -> None:
    schema = resource(load_package(outdir), "events-csv")["schema"]
    assert isinstance(schema, dict)
    (field,) = [f for f in schema["fields"] if f["name"] == column]
    assert field["type"] == type_
    assert field.get("constraints") == constraints


# --- summary.json and rejects.jsonl ----------------------------------------------------------


def test_summary_json_is_sorted_and_complete(outdir: Path) -> None:
    text = (outdir / "summary.json").read_text(encoding="utf-8")
    summary = json.loads(text)
    assert summary == make_summary().as_dict()
    assert list(summary) == sorted(summary)
    assert summary["codebook_hash"] == CODEBOOK["codebook_hash"]


def test_summary_counts_are_the_rows_written(tmp_path: Path, table: pa.Table) -> None:
    write_dataset(tmp_path, table, [], make_summary(events=0, rejects=5))
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert (summary["events"], summary["rejects"]) == (3, 0)


def test_rejects_written_then_removed_when_a_later_run_has_none(
    outdir: Path, table: pa.Table
) -> None:
    lines = (outdir / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [REJECT.as_dict()]
    write_dataset(outdir, table, [], make_summary(rejects=0))
    assert not (outdir / "rejects.jsonl").exists()
    assert "rejects" not in [r["name"] for r in load_package(outdir)["resources"]]  # type: ignore[attr-defined]


def test_rejects_keep_non_ascii_and_escape_line_separators(tmp_path: Path, table: pa.Table) -> None:
    rejects = [
        Reject("in/é.jsonl", 1, "d\u2028x", "date « 31/02 » is impossible"),
        Reject("in/bad.txt", None, "\udcff", "not UTF-8: save the file as UTF-8"),
    ]
    write_dataset(tmp_path, table, rejects, make_summary())
    raw = (tmp_path / "rejects.jsonl").read_bytes()
    assert "« 31/02 »".encode() in raw
    lines = raw.decode("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [r.as_dict() for r in rejects]


# --- atomicity, streaming, determinism --------------------------------------------------------


def test_exception_in_fresh_outdir_leaves_nothing(tmp_path: Path, table: pa.Table) -> None:
    outdir = tmp_path / "new" / "out"
    with pytest.raises(ZeroDivisionError), make_writer(outdir) as writer:
        writer.write_batch(table)
        writer.add_rejects([REJECT])
        assert any(p.name.startswith(".") and p.name.endswith(".tmp") for p in outdir.iterdir())
        _ = 1 / 0
    assert list(tmp_path.rglob("*")) == []


def test_exception_keeps_previous_dataset_intact(outdir: Path, table: pa.Table) -> None:
    before = snapshot(outdir)
    with pytest.raises(ZeroDivisionError), make_writer(outdir) as writer:
        writer.write_batch(table.slice(0, 1))
        assert snapshot(outdir).keys() > before.keys()  # temporaries beside the old files
        assert {k: v for k, v in snapshot(outdir).items() if k in before} == before
        _ = 1 / 0
    assert snapshot(outdir) == before


@pytest.mark.parametrize(
    "misuse",
    [
        pytest.param(lambda w: None, id="no-close"),
        pytest.param(
            lambda w: w.close(RunSummary(**{**make_summary().__dict__, "codebook_hash": "x"})),
            id="other-codebook",
        ),
    ],
)
def test_misuse_raises_and_leaves_nothing(tmp_path: Path, table: pa.Table, misuse: object) -> None:
    outdir = tmp_path / "out"
    with pytest.raises((RuntimeError, ValueError)), make_writer(outdir) as writer:
        writer.write_batch(table)
        misuse(writer)  # type: ignore[operator]
    assert list(tmp_path.rglob("*")) == []


def test_streamed_batches_give_one_header_and_all_rows(tmp_path: Path, table: pa.Table) -> None:
    batches = [table.slice(i, 1) for i in range(table.num_rows)] * 2
    with make_writer(tmp_path, row_group_rows=2) as writer:
        for batch in batches:
            writer.write_batch(batch)
        writer.write_batch(table.slice(0, 0))
        writer.write_batch(table.to_batches()[0])
        paths = writer.close(make_summary(rejects=0))
    expected = pa.concat_tables([*batches, table])
    assert pq.read_table(paths["events.parquet"]).equals(expected)
    assert (
        pq.read_metadata(paths["events.parquet"]).num_row_groups == 4
    )  # flushed at 2, 4, 6 rows, then 3
    records = list(csv.reader(paths["events.csv"].open(encoding="utf-8", newline="")))
    assert records.count(EVENT_COLUMN_NAMES) == 1
    assert len(records) == 1 + expected.num_rows
    assert set(paths) == {"events.parquet", "events.csv", "datapackage.json", "summary.json"}


def test_empty_dataset_has_header_and_schema(tmp_path: Path) -> None:
    write_dataset(tmp_path, events_table([]), [], make_summary(0, 0))
    assert (tmp_path / "events.csv").read_text() == ",".join(EVENT_COLUMN_NAMES) + "\n"
    assert pq.read_table(tmp_path / "events.parquet").schema.remove_metadata() == EVENT_SCHEMA


def test_two_writes_are_byte_identical(tmp_path: Path, table: pa.Table) -> None:
    write_dataset(tmp_path / "a", table, [REJECT], make_summary())
    write_dataset(tmp_path / "b", table, [REJECT], make_summary())
    first = snapshot(tmp_path / "a")
    assert set(first) == {
        "events.parquet",
        "events.csv",
        "datapackage.json",
        "summary.json",
        "rejects.jsonl",
    }
    assert snapshot(tmp_path / "b") == first
    write_dataset(tmp_path / "a", table, [REJECT], make_summary())  # over the old one
    assert snapshot(tmp_path / "a") == first


def test_outdir_that_is_a_file_is_an_input_error(tmp_path: Path, table: pa.Table) -> None:
    (tmp_path / "taken").write_text("x")
    with pytest.raises(InputError, match="output directory"):
        write_dataset(tmp_path / "taken", table, [], make_summary())


# --- the events table: building, casting, checking ---------------------------------------------


def test_events_table_fills_missing_keys_with_null() -> None:
    table = events_table([{"event_id": "e", "event_code": "042"}])
    assert table.schema == EVENT_SCHEMA
    row = table.to_pylist()[0]
    assert row["event_code"] == "042"
    assert all(
        row[name] is None for name in EVENT_COLUMN_NAMES if name not in {"event_id", "event_code"}
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"evnet_code": "042"}, "unknown column"),
        ({"event_code": 42}, "'event_code'"),
        ({"event_date": "2024-11-04"}, "'event_date'"),
        ({"event_date": dt.datetime(2024, 11, 4, 12)}, "datetime.date"),
        ({"quad_class": 300}, "'quad_class'"),
    ],
)
def test_events_table_rejects_bad_rows(row: dict[str, object], message: str) -> None:
    with pytest.raises(EventcodesError, match=message):
        events_table([row])


def replace_column(table: pa.Table, name: str, array: pa.Array) -> pa.Table:
    return table.set_column(table.schema.get_field_index(name), name, array)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.drop_columns(["url"]), "missing columns url"),
        (lambda t: t.append_column("extra", pa.array([1, 2, 3])), "unknown columns extra"),
        (
            lambda t: replace_column(t, "event_code", pa.array([42, 1056, 190])),
            "'event_code' has type int64",
        ),
        (
            lambda t: replace_column(t, "event_date", pa.array(["2024-11-04"] * 3)),
            "'event_date' has type string",
        ),
        (
            lambda t: replace_column(
                t, "event_date", pa.array([dt.datetime(2024, 11, 4)] * 3, pa.timestamp("s"))
            ),
            "'event_date' has type timestamp",
        ),
        (
            lambda t: replace_column(t, "sentence_index", pa.array([0, 1, 2**40])),
            "'sentence_index' cannot be cast",
        ),
        (
            lambda t: replace_column(t, "quad_class", pa.array([1, 5, 2], pa.int8())),
            "'quad_class' has value",
        ),
        (
            lambda t: replace_column(t, "date_precision", pa.array(["day", "days", None])),
            "'date_precision' has value",
        ),
    ],
)
def test_wrong_schema_is_a_clear_error(
    tmp_path: Path, table: pa.Table, change: object, message: str
) -> None:
    bad = change(table)  # type: ignore[operator]
    with pytest.raises(EventcodesError, match=message):
        write_dataset(tmp_path / "out", bad, [], make_summary())
    assert not (tmp_path / "out").exists()


def test_compatible_table_is_reordered_and_cast(table: pa.Table) -> None:
    loose = table.select(list(reversed(EVENT_COLUMN_NAMES)))
    loose = replace_column(loose, "sentence_index", pa.array([0, 3, 1], pa.int64()))
    loose = replace_column(loose, "quad_class", pa.array([1, 3, 4], pa.int64()))
    loose = replace_column(loose, "goldstein", pa.array([1.9, -5.0, -10.0], pa.float64()))
    loose = replace_column(loose, "event_code", table["event_code"].cast(pa.large_string()))
    loose = replace_column(loose, "url", pa.nulls(3))
    expected = replace_column(table, "url", pa.nulls(3, pa.string()))
    assert conform_events(loose).equals(expected)


def test_polars_frame_can_be_written(tmp_path: Path, table: pa.Table) -> None:
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    write_dataset(tmp_path, frame.to_arrow(), [], make_summary(rejects=0))
    assert pq.read_table(tmp_path / "events.parquet").equals(table)
