"""Views of a dataset for other tools: the GDELT 1.0 event layout and typed R loaders.

``export(outdir, "gdelt")`` writes ``events.gdelt.tsv``: the 58 tab-separated columns of a GDELT 1.0
event file, without a header, as GDELT ships them, so that scripts written for GDELT run on it.
Columns eventcodes knows are filled; the others are empty (see GDELT_COLUMNS for each one's
source). ``write_loaders(outdir)`` writes ``load_events.R``, which reads events.csv with readr and
an explicit type for every column.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from .dataset import EVENTS_PARQUET
from .errors import InputError
from .schema import EVENT_COLUMNS

if TYPE_CHECKING:  # polars is imported when used: `eventcodes code` starts faster
    import polars as pl

__all__ = [
    "EXPORT_FORMATS",
    "GDELT_COLUMNS",
    "GDELT_TSV",
    "LOAD_EVENTS_R",
    "export",
    "export_gdelt",
    "r_loader",
    "write_loaders",
]

EXPORT_FORMATS = ("gdelt",)
GDELT_TSV = "events.gdelt.tsv"
LOAD_EVENTS_R = "load_events.R"

#: The GDELT 1.0 event columns in order (GDELT 1.0 event codebook), each with how it is filled.
GDELT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("GLOBALEVENTID", "the first 15 hex digits of event_id as an integer (stable across runs)"),
    ("SQLDATE", "event_date as YYYYMMDD"),
    ("MonthYear", "event_date as YYYYMM"),
    ("Year", "year of event_date"),
    ("FractionDate", "year + day of the year / 365, four decimals"),
    ("Actor1Code", "source_code"),
    ("Actor1Name", "source_text"),
    ("Actor1CountryCode", "source_country"),
    ("Actor1KnownGroupCode", "empty"),
    ("Actor1EthnicCode", "empty"),
    ("Actor1Religion1Code", "empty"),
    ("Actor1Religion2Code", "empty"),
    ("Actor1Type1Code", "source_role"),
    ("Actor1Type2Code", "empty"),
    ("Actor1Type3Code", "empty"),
    ("Actor2Code", "target_code"),
    ("Actor2Name", "target_text"),
    ("Actor2CountryCode", "target_country"),
    ("Actor2KnownGroupCode", "empty"),
    ("Actor2EthnicCode", "empty"),
    ("Actor2Religion1Code", "empty"),
    ("Actor2Religion2Code", "empty"),
    ("Actor2Type1Code", "target_role"),
    ("Actor2Type2Code", "empty"),
    ("Actor2Type3Code", "empty"),
    ("IsRootEvent", "1 when the event is in the document's first sentence, else 0"),
    ("EventCode", "event_code"),
    ("EventBaseCode", "the first three digits of event_code"),
    ("EventRootCode", "event_root"),
    ("QuadClass", "quad_class"),
    ("GoldsteinScale", "goldstein"),
    ("NumMentions", "num_mentions"),
    ("NumSources", "num_sources"),
    ("NumArticles", "num_documents"),
    ("AvgTone", "empty (eventcodes does not measure tone)"),
    ("Actor1Geo_Type", "empty"),
    ("Actor1Geo_FullName", "empty"),
    ("Actor1Geo_CountryCode", "empty"),
    ("Actor1Geo_ADM1Code", "empty"),
    ("Actor1Geo_Lat", "empty"),
    ("Actor1Geo_Long", "empty"),
    ("Actor1Geo_FeatureID", "empty"),
    ("Actor2Geo_Type", "empty"),
    ("Actor2Geo_FullName", "empty"),
    ("Actor2Geo_CountryCode", "empty"),
    ("Actor2Geo_ADM1Code", "empty"),
    ("Actor2Geo_Lat", "empty"),
    ("Actor2Geo_Long", "empty"),
    ("Actor2Geo_FeatureID", "empty"),
    (
        "ActionGeo_Type",
        "from place_precision: country 1, division 5 (2 in the USA), place 4 (3 in the USA)",
    ),
    ("ActionGeo_FullName", "place_name"),
    ("ActionGeo_CountryCode", "place_country (ISO 3166-1 alpha-3, where GDELT has FIPS 10-4)"),
    ("ActionGeo_ADM1Code", "place_adm1_code (ISO 3166-2, where GDELT has FIPS)"),
    ("ActionGeo_Lat", "latitude"),
    ("ActionGeo_Long", "longitude"),
    ("ActionGeo_FeatureID", "geonames_id"),
    ("DATEADDED", "publication_date as YYYYMMDD"),
    ("SOURCEURL", "url"),
)


def export(outdir: Path, fmt: str) -> Path:
    """Return the path of the view ``fmt`` written from the dataset in ``outdir``."""
    if fmt == "gdelt":
        return export_gdelt(outdir)
    raise InputError(f"unknown format {fmt!r}; use {', '.join(EXPORT_FORMATS)}")


def export_gdelt(outdir: Path, out: Path | None = None) -> Path:
    """Return the path of the GDELT 1.0 view (default OUTDIR/events.gdelt.tsv) after writing it."""
    import polars as pl

    source = Path(outdir) / EVENTS_PARQUET
    if not source.is_file():
        raise InputError(f"{source} does not exist; give a directory written by eventcodes code")
    events = pl.read_parquet(source)
    target = Path(out) if out is not None else Path(outdir) / GDELT_TSV
    _write_atomically(target, _gdelt_frame(events))
    return target


def _gdelt_frame(events: pl.DataFrame) -> pl.DataFrame:
    import polars as pl

    names = set(events.columns)

    def col(name: str, dtype: pl.DataType | None = None) -> pl.Expr:
        return pl.col(name) if name in names else pl.lit(None, dtype or pl.String())

    def text(name: str) -> pl.Expr:  # a tab or line break would break the layout
        return col(name).str.replace_all(r"[\t\r\n]+", " ")

    empty = pl.lit(None, pl.String)
    day = pl.col("event_date")
    doy = day.dt.ordinal_day().cast(pl.Float64)
    event_id = pl.col("event_id")
    hexid = event_id.str.slice(0, 15).str.to_integer(base=16, strict=False)
    usa = col("place_country") == "USA"
    precision = col("place_precision")
    geo_type = (
        pl.when(precision == "country")
        .then(1)
        .when(precision == "division")
        .then(pl.when(usa).then(2).otherwise(5))
        .when(precision == "place")
        .then(pl.when(usa).then(3).otherwise(4))
        .otherwise(None)
    )
    values: dict[str, pl.Expr] = {
        "GLOBALEVENTID": hexid,
        "SQLDATE": day.dt.strftime("%Y%m%d"),
        "MonthYear": day.dt.strftime("%Y%m"),
        "Year": day.dt.year(),
        "FractionDate": (day.dt.year().cast(pl.Float64) + doy / 365).round(4),
        "Actor1Code": col("source_code"),
        "Actor1Name": text("source_text"),
        "Actor1CountryCode": col("source_country"),
        "Actor1Type1Code": col("source_role"),
        "Actor2Code": col("target_code"),
        "Actor2Name": text("target_text"),
        "Actor2CountryCode": col("target_country"),
        "Actor2Type1Code": col("target_role"),
        "IsRootEvent": (pl.col("sentence_index") == 0).cast(pl.Int8),
        "EventCode": col("event_code"),
        "EventBaseCode": col("event_code").str.slice(0, 3),
        "EventRootCode": col("event_root"),
        "QuadClass": col("quad_class", pl.Int8()),
        "GoldsteinScale": col("goldstein", pl.Float64()),
        "NumMentions": col("num_mentions", pl.Int32()),
        "NumSources": col("num_sources", pl.Int32()),
        "NumArticles": col("num_documents", pl.Int32()),
        "ActionGeo_Type": geo_type,
        "ActionGeo_FullName": text("place_name"),
        "ActionGeo_CountryCode": col("place_country"),
        "ActionGeo_ADM1Code": col("place_adm1_code"),
        "ActionGeo_Lat": col("latitude", pl.Float64()),
        "ActionGeo_Long": col("longitude", pl.Float64()),
        "ActionGeo_FeatureID": col("geonames_id").cast(pl.String),
        "DATEADDED": col("publication_date", pl.Date()).dt.strftime("%Y%m%d"),
        "SOURCEURL": text("url"),
    }
    return events.select([values.get(name, empty).alias(name) for name, _ in GDELT_COLUMNS])


def _write_atomically(target: Path, frame: pl.DataFrame) -> None:
    tmp = target.parent / f".{target.name}.{uuid.uuid4().hex[:12]}.tmp"
    try:
        frame.write_csv(
            tmp,
            separator="\t",
            include_header=False,
            quote_style="never",
            null_value="",
            line_terminator="\n",
        )
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def r_loader(function: str, csv_name: str, fields: Sequence[tuple[str, pa.DataType]]) -> str:
    """Return an R script defining ``function(dir)``, which reads ``csv_name`` with every type."""
    specs = ",\n".join(f"      {name} = readr::{_readr_type(type_)}" for name, type_ in fields)
    return (
        f"# Read {csv_name} of an eventcodes output directory with readr, every column typed:\n"
        "# codes and ids as character, dates as Date, counts as integer, values as double.\n"
        f'# Usage in R: source("DIR/{function}.R"); x <- {function}("DIR")\n'
        f'{function} <- function(dir = ".") {{\n'
        "  x <- readr::read_csv(\n"
        f'    file.path(dir, "{csv_name}"),\n'
        "    col_types = readr::cols(\n"
        f"{specs}\n"
        "    ),\n"
        '    na = "",\n'
        "    progress = FALSE\n"
        "  )\n"
        "  if (nrow(readr::problems(x)) > 0) {\n"
        "    print(readr::problems(x))\n"
        f'    stop("{csv_name} does not match its column types; see the problems above")\n'
        "  }\n"
        "  x\n"
        "}\n"
    )


def _readr_type(type_: pa.DataType) -> str:
    if pa.types.is_string(type_):
        return "col_character()"
    if pa.types.is_date(type_):
        return 'col_date(format = "%Y-%m-%d")'
    if pa.types.is_integer(type_):
        return "col_integer()"
    if pa.types.is_floating(type_):
        return "col_double()"
    raise TypeError(f"no readr type for Arrow type {type_}; extend _readr_type")


def write_loaders(outdir: Path) -> Path:
    """Return the path of load_events.R, written (atomically) into the output directory."""
    script = r_loader(
        "load_events", "events.csv", [(name, type_) for name, type_, _ in EVENT_COLUMNS]
    )
    return write_text_atomically(Path(outdir) / LOAD_EVENTS_R, script)


def write_text_atomically(target: Path, text: str) -> Path:
    """Return ``target`` after writing ``text`` to a temporary name and renaming it into place."""
    tmp = target.parent / f".{target.name}.{uuid.uuid4().hex[:12]}.tmp"
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target
