"""The sample output read by the real tools: R (readr, through load_events.R), pandas and polars as
the README shows them, and `frictionless validate` on its datapackage.json."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import frictionless
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import SAMPLE
from eventcodes.aggregate import panel_fields
from eventcodes.cli import main
from eventcodes.schema import EVENT_COLUMNS
from needs import require_program

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("loaders") / "sample"
    assert main(["code", str(SAMPLE), "-o", str(out), "--quiet", "--sentence-text"]) == 0
    panel = out / "panels" / "country-month"
    assert main(["aggregate", str(out), "--by", "country-month", "-o", str(panel)]) == 0
    return out


def r_class(type_: pa.DataType) -> str:
    if pa.types.is_string(type_):
        return "character"
    if pa.types.is_date(type_):
        return "Date"
    if pa.types.is_integer(type_):
        return "integer"
    assert pa.types.is_floating(type_)
    return "numeric"


R_SCRIPT = """
args <- commandArgs(trailingOnly = TRUE)
source(file.path(args[1], args[2]))
x <- get(args[3])(args[1])
cat("rows", nrow(x), "\\n")
for (n in names(x)) cat("column", n, class(x[[n]])[1], "\\n")
if ("event_code" %in% names(x)) {
  cat("zero", sum(startsWith(x$event_code, "0"), na.rm = TRUE), "\\n")
  cat("goldstein", format(x$goldstein[x$event_code == "012"][1], nsmall = 1), "\\n")
  cat("missing", sum(is.na(x$target_code)), "\\n")
}
"""


def run_r(directory: Path, script: str, function: str) -> dict[str, list[str]]:
    rscript = require_program("Rscript", "apt-get install r-base-core r-cran-readr")
    done = subprocess.run(
        [rscript, "-e", R_SCRIPT, str(directory), script, function],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out: dict[str, list[str]] = {}
    for line in done.stdout.splitlines():
        key, *rest = line.split()
        out.setdefault(key, []).append(" ".join(rest))
    return out


def test_r_loader_gives_every_column_its_type(outdir: Path) -> None:
    got = run_r(outdir, "load_events.R", "load_events")
    table = pq.read_table(outdir / "events.parquet")
    assert got["rows"] == [str(table.num_rows)]
    assert got["column"] == [f"{name} {r_class(type_)}" for name, type_, _ in EVENT_COLUMNS]
    codes = table.column("event_code").to_pylist()
    assert got["zero"] == [str(sum(c.startswith("0") for c in codes))]  # 012 stays 012
    assert got["goldstein"] == ["-0.4"]
    assert got["missing"] == [str(table.column("target_code").null_count)]


def test_r_panel_loader(outdir: Path) -> None:
    panel = outdir / "panels" / "country-month"
    got = run_r(panel, "load_panel.R", "load_panel")
    assert got["rows"] == [str(pq.read_metadata(panel / "panel.parquet").num_rows)]
    assert got["column"] == [f"{n} {r_class(t)}" for n, t, _ in panel_fields("country-month")]


def readme_python() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- readme-python:[^>]*-->\n```python\n(.*?)```", readme, re.DOTALL)
    assert match is not None, "the README's python block for reading the dataset"
    return match.group(1)


def test_the_readmes_pandas_and_polars_calls(outdir: Path) -> None:
    code = readme_python().replace("output/sample", str(outdir))
    pandas_code, polars_code = code.split("import polars as pl")
    space: dict[str, object] = {}
    exec(pandas_code, space)  # the README's pandas lines, as a user runs them
    events = space["events"]
    table = pq.read_table(outdir / "events.parquet")
    import pandas as pd

    assert isinstance(events, pd.DataFrame)
    assert len(events) == table.num_rows and list(events.columns) == table.column_names
    assert events["event_code"].tolist() == table.column("event_code").to_pylist()
    assert "012" in events["event_code"].tolist()
    assert str(events["quad_class"].dtype) == "Int8" and str(events["goldstein"].dtype) == "float64"
    assert isinstance(events["event_date"].iloc[0], dt.date)
    assert events["goldstein"].tolist() == table.column("goldstein").to_pylist()
    assert events["target_code"].isna().sum() == table.column("target_code").null_count

    exec("import polars as pl" + polars_code, space)
    frame = space["events"]
    import polars as pl

    assert isinstance(frame, pl.DataFrame)
    assert frame.height == table.num_rows
    assert frame["event_code"].to_list() == table.column("event_code").to_pylist()  # 012 kept
    assert frame.schema["event_date"] == pl.Date and frame.schema["goldstein"] == pl.Float64
    assert frame["sentence_text"].to_list() == table.column("sentence_text").to_pylist()


def test_frictionless_validates_csv_and_parquet(outdir: Path) -> None:
    # a reject too, so that every resource kind is validated
    extra = outdir.parent / "extra.jsonl"
    extra.write_text('{"id": "x", "date": "soon", "text": "Talks."}\n', encoding="utf-8")
    out = outdir.parent / "with-rejects"
    assert main(["code", str(SAMPLE), str(extra), "-o", str(out), "--quiet"]) == 0
    for directory in (out, outdir / "panels" / "country-month"):
        # what `frictionless validate datapackage.json` runs, in this process
        report = frictionless.validate(str(directory / "datapackage.json")).to_dict()
        tasks = {
            t["name"]: (t["valid"], t["stats"].get("rows"), t["errors"][:2])
            for t in report["tasks"]
        }
        assert report["valid"], tasks
        rows = pq.read_metadata(
            directory / ("events.parquet" if directory == out else "panel.parquet")
        ).num_rows
        names = (
            ["events-csv", "events-parquet", "rejects"]
            if directory == out
            else ["panel-csv", "panel-parquet"]
        )
        assert sorted(tasks) == sorted(names)
        assert tasks[names[0]][1] == tasks[names[1]][1] == rows
