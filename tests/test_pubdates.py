"""Publication dates as feeds and archives write them: each form with its UTC date or its reject."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eventcodes.ingest import read_documents
from eventcodes.pubdates import parse_publication_date

D = dt.date
NOV4 = D(2024, 11, 4)

# (value, date order, expected UTC date, or a phrase of the reject reason)
CASES: list[tuple[str, str | None, D | str]] = [
    # ISO 8601, the fast path
    ("2024-11-04", None, NOV4),
    ("2024-11-04T09:30:00Z", None, NOV4),
    ("2024-11-04T09:30:00", None, NOV4),
    ("2024-11-04 09:30", None, NOV4),
    ("2024-11-04T23:30:00-05:00", None, D(2024, 11, 5)),
    ("2024-11-04T00:30:00+09:00", None, D(2024, 11, 3)),
    ("2024-11-04T12:00:00+0530", None, NOV4),
    ("2024-11-04T20:00:00-0330", None, D(2024, 11, 4)),
    ("2024-11-04T21:00:00-03:30", None, D(2024, 11, 5)),
    ("2024-12-31T22:00:00-05:00", None, D(2025, 1, 1)),
    ("2024-11-04T09:30:00.123456+00:00", None, NOV4),
    ("20241104", None, NOV4),
    # RFC 2822 (RSS pubDate)
    ("Mon, 04 Nov 2024 08:15:00 GMT", None, NOV4),
    ("Mon, 04 Nov 2024 08:15:00 +0000", None, NOV4),
    ("Mon, 04 Nov 2024 23:15:00 -0500", None, D(2024, 11, 5)),
    ("Tue, 05 Nov 2024 01:00:00 +0900", None, NOV4),
    ("Mon, 4 Nov 2024 18:59:00 EST", None, NOV4),
    ("Mon, 4 Nov 2024 20:00:00 EST", None, D(2024, 11, 5)),
    ("4 Nov 2024 08:15:00 UT", None, NOV4),
    # US written dates
    ("Nov 4, 2024", None, NOV4),
    ("November 4, 2024", None, NOV4),
    ("November 4th, 2024", None, NOV4),
    ("Monday, November 4, 2024", None, NOV4),
    ("Nov. 4, 2024 11:30 PM EST", None, D(2024, 11, 5)),
    ("November 4, 2024 at 6:30 p.m. PST", None, D(2024, 11, 5)),
    ("11/04/2024", "MDY", NOV4),
    ("11/04/24", "MDY", NOV4),
    # European written dates
    ("4 November 2024", None, NOV4),
    ("4 Nov 2024", None, NOV4),
    ("4th November 2024", None, NOV4),
    ("04.11.2024", "DMY", NOV4),
    ("04/11/2024", "DMY", NOV4),
    ("4. November 2024", None, NOV4),
    ("4 novembre 2024", None, NOV4),
    ("4. November 2024 10:00 MEZ", None, NOV4),
    # numeric dates that only one order can read need no --date-order
    ("13/11/2024", None, D(2024, 11, 13)),
    ("11/13/2024", None, D(2024, 11, 13)),
    ("04/04/2024", None, D(2024, 4, 4)),
    ("2024/11/04", None, NOV4),
    ("2024.11.04", None, NOV4),
    # Unix epoch seconds (and milliseconds), UTC
    ("1730707200", None, NOV4),
    ("1730764799", None, NOV4),
    ("1730764800", None, D(2024, 11, 5)),
    ("1730707200.5", None, NOV4),
    ("1730707200000", None, NOV4),
    # rejects
    ("11/04/2024", None, "ambiguous numeric date 11/04/2024"),
    ("04.11.2024", None, "ambiguous numeric date 04.11.2024"),
    ("Nov 2024", None, "unparseable date 'Nov 2024'"),
    ("2024-11", None, "unparseable date '2024-11'"),
    ("yesterday", None, "unparseable date 'yesterday'"),
    ("3 hours ago", None, "unparseable date '3 hours ago'"),
    ("soon", None, "unparseable date 'soon'"),
    ("2023-02-29", None, "unparseable date '2023-02-29'"),
    ("2024-11-04T25:00:00", None, "unparseable date"),
    ("Thu, 31 Feb 2024 10:00:00 GMT", None, "unparseable date"),
    ("20241304", None, "unparseable date '20241304'"),
    ("   ", None, "empty field 'date'"),
]


def test_the_table_has_at_least_forty_forms() -> None:
    assert len({(value, order) for value, order, _ in CASES}) >= 40


@pytest.mark.parametrize(("value", "order", "expected"), CASES)
def test_publication_date(value: str, order: str | None, expected: D | str) -> None:
    date, reason = parse_publication_date(value, date_order=order)
    if isinstance(expected, D):
        assert (date, reason) == (expected, None)
    else:
        assert date is None
        assert reason is not None and expected in reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1730707200, NOV4),
        (1730764800, D(2024, 11, 5)),
        (1730707200.25, NOV4),
        (1730707200000, NOV4),
        # not epoch times: the field must then be a string
        (20241104, None),
        (2024, None),
        (True, None),
    ],
)
def test_json_numbers_are_epoch_seconds(tmp_path: Path, value: object, expected: D | None) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "date": value, "text": "Talks."}) + "\n", "utf-8")
    [item] = list(read_documents([path]))
    if expected is None:
        assert "field 'date' must be a string" in item.reason  # type: ignore[union-attr]
    else:
        assert item.date == expected  # type: ignore[union-attr]


def test_a_date_order_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ValueError, match="DMY, MDY, YMD"):
        parse_publication_date("04/11/2024", date_order="DDMMYY")


@pytest.mark.parametrize(("order", "expected"), [("DMY", NOV4), ("MDY", D(2024, 4, 11))])
def test_read_documents_passes_the_date_order(tmp_path: Path, order: str, expected: D) -> None:
    path = tmp_path / "feed.csv"
    path.write_text('id,date,text\na,04/11/2024,"Seoul and Tokyo agreed to talks."\n', "utf-8")
    [doc] = list(read_documents([path], date_order=order))
    assert doc.date == expected  # type: ignore[union-attr]


def test_an_ambiguous_date_without_an_order_is_a_reject_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "feed.csv"
    path.write_text('id,date,text\na,04/11/2024,"Seoul and Tokyo agreed to talks."\n', "utf-8")
    [reject] = list(read_documents([path]))
    assert reject.reason.startswith("ambiguous numeric date 04/11/2024")  # type: ignore[union-attr]
    assert "--date-order DMY or MDY" in reject.reason  # type: ignore[union-attr]


def test_the_code_command_takes_a_date_order(tmp_path: Path) -> None:
    from eventcodes.cli import main

    path = tmp_path / "feed.csv"
    path.write_text('id,date,text\na,04/11/2024,"France condemned Russia."\n', "utf-8")
    assert main(["code", str(path), "-o", str(tmp_path / "out"), "-q", "--date-order", "DMY"]) == 0
    import polars as pl

    events = pl.read_parquet(tmp_path / "out" / "events.parquet")
    assert events["publication_date"].to_list() == [NOV4]
    assert main(["code", str(path), "-o", str(tmp_path / "mdy"), "-q", "--date-order", "MDY"]) == 0
    assert pl.read_parquet(tmp_path / "mdy" / "events.parquet")["event_date"].to_list() == [
        D(2024, 4, 11)
    ]
