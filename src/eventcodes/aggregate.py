"""Analysis panels: event counts per country or dyad and day, week or month, computed with polars.

A country panel counts an event once for each distinct country among its source and target
countries (``KOR`` condemning ``PRK`` counts for both; an event within one country counts once).
A dyad panel is directed: source country -> target country, for events with both. ``period`` is
the first day of the day, ISO week (Monday) or month. Each row holds the number of events, the
number per quad class (``quad_1`` .. ``quad_4``) and per CAMEO root (``root_01`` .. ``root_20``),
the sum and mean of the Goldstein values and the number of distinct documents. ``complete`` adds
the rows with zero events over the whole date range for every country or dyad seen (or given).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.parquet as pq

from .dataset import EVENTS_PARQUET
from .errors import InputError
from .export import r_loader, write_text_atomically

if TYPE_CHECKING:  # polars is imported when used: `eventcodes code` starts faster
    import polars as pl

__all__ = ["PANELS", "PanelResult", "aggregate", "aggregate_files", "panel_fields"]

#: --by values: (unit, period)
PANELS: dict[str, tuple[str, str]] = {
    "country-day": ("country", "day"),
    "country-week": ("country", "week"),
    "country-month": ("country", "month"),
    "dyad-day": ("dyad", "day"),
    "dyad-month": ("dyad", "month"),
}
ROOTS = tuple(f"{n:02d}" for n in range(1, 21))
PANEL_PARQUET = "panel.parquet"
PANEL_CSV = "panel.csv"
LOAD_PANEL_R = "load_panel.R"
_TRUNCATE = {"day": "1d", "week": "1w", "month": "1mo"}


def panel_fields(by: str) -> list[tuple[str, pa.DataType, str]]:
    """Return the (name, Arrow type, description) of the columns of a panel, in order."""
    unit, period = PANELS[by]
    keys: list[tuple[str, pa.DataType, str]] = (
        [("country", pa.string(), "ISO 3166-1 alpha-3 of a source or target country.")]
        if unit == "country"
        else [
            ("source_country", pa.string(), "ISO 3166-1 alpha-3 of the source."),
            ("target_country", pa.string(), "ISO 3166-1 alpha-3 of the target."),
        ]
    )
    count = pa.int32()
    return [
        *keys,
        ("period", pa.date32(), f"First day of the {period}."),
        ("events", count, "Number of events."),
        *[(f"quad_{q}", count, f"Events of quad class {q}.") for q in range(1, 5)],
        *[(f"root_{r}", count, f"Events of CAMEO root {r}.") for r in ROOTS],
        ("goldstein_sum", pa.float64(), "Sum of the Goldstein values (0 with no events)."),
        ("goldstein_mean", pa.float64(), "Mean Goldstein value; null with no events."),
        ("documents", count, "Distinct documents that reported the events."),
    ]


def aggregate(
    events: pl.DataFrame | pl.LazyFrame,
    by: str,
    *,
    codes: Sequence[str] | None = None,
    quads: Sequence[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    complete: bool = False,
    units: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Return the panel of the events (see the module docstring), sorted by unit and period.

    ``codes`` keeps events whose code starts with one of them (``14`` is every protest code);
    ``quads`` keeps those quad classes; ``start`` and ``end`` bound the event dates (inclusive);
    ``units`` are the countries (``KOR``) or dyads (``KOR-PRK``) to include and, with
    ``complete``, to fill with zero rows even when no event names them.
    """
    import polars as pl

    if by not in PANELS:
        raise InputError(f"unknown panel {by!r}; use one of {', '.join(PANELS)}")
    unit, period = PANELS[by]
    keys = ["country"] if unit == "country" else ["source_country", "target_country"]
    lazy = events.lazy()
    if codes:
        lazy = lazy.filter(
            pl.any_horizontal(pl.col("event_code").str.starts_with(c) for c in codes)
        )
    if quads:
        lazy = lazy.filter(pl.col("quad_class").is_in(list(quads)))
    if start is not None:
        lazy = lazy.filter(pl.col("event_date") >= start)
    if end is not None:
        lazy = lazy.filter(pl.col("event_date") <= end)
    if unit == "country":
        lazy = (
            lazy.with_columns(
                country=pl.concat_list("source_country", "target_country")
                .list.drop_nulls()
                .list.unique()
            )
            .explode("country")
            .filter(pl.col("country").is_not_null())
        )
    else:
        lazy = lazy.filter(
            pl.col("source_country").is_not_null() & pl.col("target_country").is_not_null()
        )
    wanted = _units(units, unit)
    if wanted is not None:
        lazy = lazy.join(wanted.lazy(), on=keys, how="semi")
    lazy = lazy.with_columns(period=pl.col("event_date").dt.truncate(_TRUNCATE[period]))
    count = pl.Int32
    panel = (
        lazy.group_by([*keys, "period"])
        .agg(
            pl.len().cast(count).alias("events"),
            *[
                (pl.col("quad_class") == q).sum().cast(count).alias(f"quad_{q}")
                for q in range(1, 5)
            ],
            *[(pl.col("event_root") == r).sum().cast(count).alias(f"root_{r}") for r in ROOTS],
            pl.col("goldstein").cast(pl.Float64).sum().alias("goldstein_sum"),
            pl.col("goldstein").cast(pl.Float64).mean().alias("goldstein_mean"),
            pl.col("doc_id").n_unique().cast(count).alias("documents"),
        )
        .collect()
    )
    if complete:
        panel = _complete(panel, keys, period, wanted, start, end)
    names = [name for name, _, _ in panel_fields(by)]
    return panel.select(names).sort([*keys, "period"])


def _units(units: Sequence[str] | None, unit: str) -> pl.DataFrame | None:
    import polars as pl

    if not units:
        return None
    if unit == "country":
        return pl.DataFrame({"country": sorted(set(units))}, schema={"country": pl.String})
    pairs = []
    for value in units:
        source, sep, target = value.partition("-")
        if not sep or not source or not target:
            raise InputError(f"dyad {value!r} must be SOURCE-TARGET, e.g. KOR-PRK")
        pairs.append((source, target))
    pairs = sorted(set(pairs))
    return pl.DataFrame(
        {"source_country": [s for s, _ in pairs], "target_country": [t for _, t in pairs]},
        schema={"source_country": pl.String, "target_country": pl.String},
    )


def _complete(
    panel: pl.DataFrame,
    keys: list[str],
    period: str,
    wanted: pl.DataFrame | None,
    start: dt.date | None,
    end: dt.date | None,
) -> pl.DataFrame:
    """Return the panel with a zero row for every unit and period of the range that has none."""
    import polars as pl

    seen = panel.select(keys).unique()
    units = wanted if wanted is not None else seen
    first = start or (panel["period"].min() if panel.height else None)
    last = end or (panel["period"].max() if panel.height else None)
    if first is None or last is None or units.height == 0:
        return panel
    assert isinstance(first, dt.date) and isinstance(last, dt.date)
    periods = pl.DataFrame(
        {
            "period": pl.date_range(
                _truncate(first, period), last, interval=_TRUNCATE[period], eager=True
            )
        }
    )
    grid = units.join(periods, how="cross")
    filled = grid.join(panel, on=[*keys, "period"], how="left")
    zero = [c for c in panel.columns if c not in (*keys, "period", "goldstein_mean")]
    return filled.with_columns(
        *[pl.col(c).fill_null(0) for c in zero if c != "goldstein_sum"],
        pl.col("goldstein_sum").fill_null(0.0),
    )


def _truncate(day: dt.date, period: str) -> dt.date:
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


@dataclass(frozen=True)
class PanelResult:
    """What aggregate_files wrote: the panel's rows and the paths."""

    rows: int
    paths: dict[str, Path]


def aggregate_files(
    inputs: Sequence[Path],
    outdir: Path,
    by: str,
    *,
    codes: Sequence[str] | None = None,
    quads: Sequence[int] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    complete: bool = False,
    units: Sequence[str] | None = None,
) -> PanelResult:
    """Return what was written: the panel of the events in ``inputs`` (events.parquet files or
    output directories), as panel.parquet, panel.csv, datapackage.json and load_panel.R in outdir.
    """
    import polars as pl

    if by not in PANELS:
        raise InputError(f"unknown panel {by!r}; use --by {' or '.join(PANELS)}")
    files = []
    for path in inputs:
        file = Path(path) / EVENTS_PARQUET if Path(path).is_dir() else Path(path)
        if not file.is_file():
            raise InputError(
                f"{path} is neither an events.parquet file nor a directory holding one; "
                "give the output of eventcodes code"
            )
        files.append(file)
    if not files:
        raise InputError("no events given; name events.parquet files or output directories")
    events = pl.scan_parquet(files)
    panel = aggregate(
        events,
        by,
        codes=codes,
        quads=quads,
        start=start,
        end=end,
        complete=complete,
        units=units,
    )
    return PanelResult(panel.height, write_panel(panel, Path(outdir), by))


def write_panel(panel: pl.DataFrame, outdir: Path, by: str) -> dict[str, Path]:
    """Return the paths of panel.parquet, panel.csv, datapackage.json and load_panel.R written."""
    fields = panel_fields(by)
    schema = pa.schema([pa.field(n, t) for n, t, _ in fields])
    table = panel.to_arrow().cast(schema)
    outdir.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    token = uuid.uuid4().hex[:12]
    tmp = outdir / f".{PANEL_PARQUET}.{token}.tmp"
    try:
        pq.write_table(table, tmp)
        tmp.replace(outdir / PANEL_PARQUET)
    finally:
        tmp.unlink(missing_ok=True)
    paths[PANEL_PARQUET] = outdir / PANEL_PARQUET
    tmp = outdir / f".{PANEL_CSV}.{token}.tmp"
    try:
        panel.write_csv(tmp, null_value="", line_terminator="\n", float_precision=None)
        tmp.replace(outdir / PANEL_CSV)
    finally:
        tmp.unlink(missing_ok=True)
    paths[PANEL_CSV] = outdir / PANEL_CSV
    package = _panel_package(fields, by)
    paths["datapackage.json"] = write_text_atomically(
        outdir / "datapackage.json", json.dumps(package, indent=2) + "\n"
    )
    paths[LOAD_PANEL_R] = write_text_atomically(
        outdir / LOAD_PANEL_R, r_loader("load_panel", PANEL_CSV, [(n, t) for n, t, _ in fields])
    )
    return paths


def _panel_package(fields: list[tuple[str, pa.DataType, str]], by: str) -> dict[str, object]:
    from .dataset import _frictionless_type

    keys = [n for n, _, _ in fields[: 2 if by.startswith("dyad") else 1]] + ["period"]
    schema = {
        "fields": [
            {"name": n, "type": _frictionless_type(t), "description": d} for n, t, d in fields
        ],
        "missingValues": [""],
        "primaryKey": keys,
    }
    return {
        "profile": "tabular-data-package",
        "name": f"eventcodes-panel-{by}",
        "title": f"Events per {by.replace('-', ' and ')}, by eventcodes aggregate",
        "resources": [
            {
                "name": "panel-csv",
                "path": PANEL_CSV,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            },
            {
                "name": "panel-parquet",
                "path": PANEL_PARQUET,
                "profile": "tabular-data-resource",
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "schema": schema,
            },
        ],
    }
