"""The events table as files hold it: its file names, the schema check and safe cast every batch
goes through (``conform_events``), the CSV form of Goldstein values, and the Frictionless Data
Package that describes the files (DESIGN 3.2, 3.3)."""

from __future__ import annotations

from collections.abc import Mapping

import pyarrow as pa
import pyarrow.compute as pc

from eventcodes.arrowcols import scalar
from eventcodes.errors import EventcodesError
from eventcodes.schema import (
    EVENT_COLUMN_NAMES,
    EVENT_COLUMNS,
    EVENT_SCHEMA,
    QUAD_LABELS,
    REJECT_FIELDS,
)

EVENTS_PARQUET = "events.parquet"
EVENTS_CSV = "events.csv"
DATAPACKAGE_JSON = "datapackage.json"
SUMMARY_JSON = "summary.json"
REJECTS_JSONL = "rejects.jsonl"

#: Prefix of the Parquet key-value metadata keys, e.g. ``eventcodes.codebook_hash``.
METADATA_PREFIX = "eventcodes."
METADATA_FIELDS = ("codebook_name", "codebook_version", "codebook_hash", "tool_version")

#: Values a column may take, declared in datapackage.json and checked on every batch.
ENUMS: tuple[tuple[str, tuple[object, ...]], ...] = (
    ("date_precision", ("day", "week", "month", "year")),
    ("date_source", ("text", "document")),
    ("quad_class", (1, 2, 3, 4)),
    ("quad_label", QUAD_LABELS),
)

#: Goldstein values are written to CSV with this many decimals when that is exact
#: (CAMEO's scale uses one), so that ``-5`` is written as ``-5.0`` and read as a float.
_GOLDSTEIN_CSV_TYPE = pa.decimal128(18, 1)


def conform_events(table: pa.Table | pa.RecordBatch) -> pa.Table:
    """Return the table with exactly EVENT_SCHEMA: columns in contract order, safely cast.

    Empty strings become nulls, because CSV readers (and ``missingValues: [""]``) cannot tell
    them apart, and the Parquet and CSV files must give the same data.
    """
    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    names = table.column_names
    duplicated = sorted({n for n in names if names.count(n) > 1})
    missing = [n for n in EVENT_COLUMN_NAMES if n not in names]
    unknown = [n for n in names if n not in EVENT_COLUMN_NAMES]
    if duplicated or missing or unknown:
        parts = [
            f"{label} {', '.join(cols)}"
            for label, cols in (
                ("missing columns", missing),
                ("unknown columns", unknown),
                ("duplicated columns", duplicated),
            )
            if cols
        ]
        raise EventcodesError(
            f"the events table does not match the events schema: {'; '.join(parts)}; "
            f"build it with eventcodes.dataset.events_table or select the columns of "
            f"eventcodes.schema.EVENT_SCHEMA"
        )
    columns = []
    for field in EVENT_SCHEMA:
        column = table.column(field.name)
        if column.type != field.type:
            if not _castable(column.type, field.type):
                raise EventcodesError(
                    f"events column {field.name!r} has type {column.type}, expected "
                    f"{field.type}; convert it first (codes are strings such as '042', "
                    f"dates are dates, not timestamps or text)"
                )
            try:
                column = column.cast(field.type)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
                raise EventcodesError(
                    f"events column {field.name!r} cannot be cast to {field.type}: {error}"
                ) from error
        if pa.types.is_string(field.type):
            column = _empty_to_null(column)
        columns.append(column)
    out = pa.Table.from_arrays(columns, schema=EVENT_SCHEMA)
    for name, allowed in ENUMS:
        values = pc.unique(out.column(name)).drop_null().to_pylist()
        bad = [v for v in values if v not in allowed]
        if bad:
            raise EventcodesError(
                f"events column {name!r} has value(s) {', '.join(map(repr, sorted(bad)))}; "
                f"allowed: {', '.join(map(repr, allowed))}"
            )
    return out


def datapackage(metadata: Mapping[str, str], *, with_rejects: bool) -> dict[str, object]:
    """Return the Frictionless Data Package (tabular-data-package) describing the dataset."""
    events_schema = {"fields": _event_fields(), "missingValues": [""]}
    resources: list[dict[str, object]] = [
        {
            "name": "events-csv",
            "path": EVENTS_CSV,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {
                "header": True,
                "delimiter": ",",
                "lineTerminator": "\n",
                "quoteChar": '"',
                "doubleQuote": True,
            },
            "schema": events_schema,
        },
        {
            "name": "events-parquet",
            "path": EVENTS_PARQUET,
            "profile": "tabular-data-resource",
            "format": "parquet",
            "mediatype": "application/vnd.apache.parquet",
            # Frictionless reads Parquet through pandas, which turns a null in an integer
            # column (fatalities, geonames_id) into NaN: read NaN as the null it was written as.
            "schema": {**events_schema, "missingValues": ["", "nan"]},
        },
    ]
    if with_rejects:
        resources.append(
            {
                "name": "rejects",
                "path": REJECTS_JSONL,
                "profile": "tabular-data-resource",
                "format": "jsonl",
                "encoding": "utf-8",
                "schema": {
                    "fields": [
                        {
                            "name": name,
                            "type": "integer" if name == "line" else "string",
                            "description": description,
                        }
                        for name, description in REJECT_FIELDS
                    ],
                    "missingValues": [""],
                },
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "eventcodes-dataset",
        "title": "Events coded by eventcodes",
        "eventcodes": {key: metadata[key] for key in METADATA_FIELDS},
        "resources": resources,
    }


def _event_fields() -> list[dict[str, object]]:
    enums = dict(ENUMS)
    fields: list[dict[str, object]] = []
    for name, type_, description in EVENT_COLUMNS:
        field: dict[str, object] = {
            "name": name,
            "type": _frictionless_type(type_),
            "description": description,
        }
        if name in enums:
            field["constraints"] = {"enum": list(enums[name])}
        fields.append(field)
    return fields


def _frictionless_type(type_: pa.DataType) -> str:
    if pa.types.is_string(type_):
        return "string"
    if pa.types.is_integer(type_):
        return "integer"
    if pa.types.is_floating(type_):
        return "number"
    if pa.types.is_date(type_):
        return "date"
    raise TypeError(f"no Table Schema type for Arrow type {type_}; extend _frictionless_type")


def _castable(source: pa.DataType, target: pa.DataType) -> bool:
    """Return whether a column of ``source`` type may be cast to the contract's ``target`` type."""
    if pa.types.is_null(source):
        return True
    if pa.types.is_dictionary(source):
        source = source.value_type
    if pa.types.is_string(target):
        return (
            pa.types.is_string(source)
            or pa.types.is_large_string(source)
            or pa.types.is_string_view(source)
        )
    if pa.types.is_date(target):
        # Timestamps are refused: casting drops the time (and shifts zoned ones to UTC) silently.
        return pa.types.is_date(source)
    if pa.types.is_integer(target):
        return pa.types.is_integer(source)
    if pa.types.is_floating(target):
        return pa.types.is_floating(source) or pa.types.is_integer(source)
    return False


def _empty_to_null(column: pa.ChunkedArray) -> pa.ChunkedArray:
    empty = pc.equal(column, scalar("", pa.string()))
    if pc.any(empty).as_py():
        return pc.if_else(empty, scalar(None, pa.string()), column)
    return column


def _csv_view(events: pa.Table) -> pa.Table:
    """Return the events with goldstein formatted for CSV (``-5.0``, not ``-5``)."""
    index = events.schema.get_field_index("goldstein")
    return events.set_column(index, "goldstein", _goldstein_for_csv(events.column(index)))


def _goldstein_for_csv(column: pa.ChunkedArray) -> pa.ChunkedArray:
    # float -> string gives the shortest text that reads back as the same float ("2.2").
    text = pc.cast(column, pa.string())
    try:
        # A decimal is written unquoted with exactly one decimal: "-5.0", "2.2".
        return pc.cast(text, _GOLDSTEIN_CSV_TYPE)
    except pa.ArrowInvalid:
        # More decimals than one, or nan/inf: keep the shortest text; CSV readers unquote it.
        integral = pc.match_substring_regex(text, r"^-?[0-9]+$")
        return pc.if_else(integral, pc.binary_join_element_wise(text, ".0", ""), text)
