"""The GDELT 1.0 view: 58 tab-separated columns, no header, loads with GDELT's column names."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import polars as pl
import pytest

from conftest import SAMPLE
from eventcodes.cli import main
from eventcodes.export import GDELT_COLUMNS, export_gdelt

#: the 58 names of a GDELT 1.0 event file, in order (GDELT 1.0 event codebook)
GDELT_NAMES = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gdelt") / "out"
    assert main(["code", str(SAMPLE), "-o", str(out), "--quiet", "--format", "gdelt"]) == 0
    return out


def test_the_layout_has_gdelts_58_names() -> None:
    assert len(GDELT_NAMES) == 58
    assert [name for name, _ in GDELT_COLUMNS] == GDELT_NAMES


def test_every_row_has_58_tab_separated_columns_and_no_header(outdir: Path) -> None:
    lines = (outdir / "events.gdelt.tsv").read_text(encoding="utf-8").splitlines()
    events = pl.read_parquet(outdir / "events.parquet")
    assert len(lines) == events.height > 100
    assert all(line.count("\t") == 57 for line in lines)
    assert not lines[0].startswith("GLOBALEVENTID")


def test_pandas_loads_it_with_gdelt_names(outdir: Path) -> None:
    frame = pd.read_csv(
        outdir / "events.gdelt.tsv",
        sep="\t",
        header=None,
        names=GDELT_NAMES,
        dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str},
        keep_default_na=False,
        na_values=[""],
        quoting=csv.QUOTE_NONE,
    )
    events = pl.read_parquet(outdir / "events.parquet")
    assert list(frame.columns) == GDELT_NAMES and len(frame) == events.height
    first, event = frame.iloc[0], events.row(0, named=True)
    assert first["SQLDATE"] == int(event["event_date"].strftime("%Y%m%d"))
    assert first["MonthYear"] == int(event["event_date"].strftime("%Y%m"))
    assert first["Actor1Code"] == event["source_code"]
    assert first["Actor2Code"] == event["target_code"]
    assert (
        first["EventCode"] == event["event_code"] and first["EventRootCode"] == event["event_root"]
    )
    assert first["EventBaseCode"] == event["event_code"][:3]
    assert (
        first["QuadClass"] == event["quad_class"] and first["GoldsteinScale"] == event["goldstein"]
    )
    assert first["IsRootEvent"] == (1 if event["sentence_index"] == 0 else 0)
    assert first["NumMentions"] == 1 and first["NumArticles"] == 1
    assert first["GLOBALEVENTID"] == int(event["event_id"][:15], 16)
    assert first["DATEADDED"] == int(event["publication_date"].strftime("%Y%m%d"))
    assert frame["EventCode"].str.match(r"^\d{3,4}$").all()
    assert frame["AvgTone"].isna().all()
    # the coder's places fill ActionGeo (the seed's events happened in Seoul)
    assert frame["ActionGeo_Lat"].isna().tolist() == [v is None for v in events["latitude"]]
    assert frame["ActionGeo_Lat"].notna().any()
    assert frame["GLOBALEVENTID"].is_unique


def test_places_fill_actiongeo_when_events_carry_them(tmp_path: Path) -> None:
    events = pl.DataFrame(
        {
            "event_id": ["0000000000001a01", "0000000000002a02"],
            "sentence_index": [0, 3],
            "event_date": [dt.date(2024, 11, 4), dt.date(2024, 2, 1)],
            "publication_date": [dt.date(2024, 11, 5), dt.date(2024, 2, 1)],
            "source_code": ["USA", "KOR"],
            "event_code": ["190", "042"],
            "event_root": ["19", "04"],
            "quad_class": [4, 1],
            "goldstein": [-10.0, 1.9],
            "source_text": ["U.S.\tforces", "Seoul"],
            "url": ["https://example.org/a", None],
            "place_name": ["Austin", None],
            "place_country": ["USA", None],
            "place_adm1_code": ["US-TX", None],
            "latitude": [30.27, None],
            "longitude": [-97.74, None],
            "geonames_id": [4671654, None],
            "place_precision": ["place", None],
        }
    )
    events.write_parquet(tmp_path / "events.parquet")
    path = export_gdelt(tmp_path)
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]
    assert [len(r) for r in rows] == [58, 58]
    by_name = [dict(zip(GDELT_NAMES, r, strict=True)) for r in rows]
    assert [
        by_name[0][f"ActionGeo_{k}"]
        for k in ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")
    ] == ["3", "Austin", "USA", "US-TX", "30.27", "-97.74", "4671654"]
    assert by_name[0]["Actor1Name"] == "U.S. forces"  # a tab would break the layout
    assert by_name[0]["SOURCEURL"] == "https://example.org/a"
    assert (by_name[0]["SQLDATE"], by_name[0]["DATEADDED"], by_name[0]["Year"]) == (
        "20241104",
        "20241105",
        "2024",
    )
    assert by_name[1]["FractionDate"] == "2024.0877"  # 1 February: day 32 of 365
    assert by_name[1]["ActionGeo_Type"] == "" and by_name[1]["IsRootEvent"] == "0"
    assert by_name[0]["GLOBALEVENTID"] == str(0x1A0)  # the first 15 hex digits


def test_the_export_command_writes_the_view(outdir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "events.parquet").write_bytes((outdir / "events.parquet").read_bytes())
    assert main(["export", str(copy), "--format", "gdelt"]) == 0
    assert (copy / "events.gdelt.tsv").read_bytes() == (outdir / "events.gdelt.tsv").read_bytes()
