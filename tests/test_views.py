"""The analyst columns beside each event, the language check and the one-a-day filter."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

from eventcodes import load_codebook
from eventcodes.cli import main
from eventcodes.codebook import default_codebook_path
from eventcodes.errors import CodebookError
from eventcodes.run import code_corpus
from eventcodes.views import load_views

DOCS = [
    # 23:15 at UTC-5 is 5 November in UTC
    {
        "id": "a1",
        "date": "Mon, 04 Nov 2024 23:15:00 -0500",
        "title": "Troops",
        "publisher": "AP",
        "text": "Russia mobilized troops against Ukraine. Protesters rallied in Seoul against the government.",
    },
    {
        "id": "a2",
        "date": "Nov 5, 2024",
        "publisher": "Reuters",
        "text": "Russia mobilized troops against Ukraine.",
    },
    {
        "id": "a3",
        "date": "2024-11-05",
        "publisher": "AP",
        "text": "Russia mobilized troops against Ukraine. France condemned Russia.",
    },
    {"id": "a4", "date": "2024-11-05", "text": "Russia mobilized troops against Ukraine."},
    {"id": "fr", "date": "2024-11-05", "language": "fr", "text": "La France a condamné la Russie."},
    {"id": "us", "date": "2024-11-05", "language": "en-US", "text": "France condemned Russia."},
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("views") / "docs.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def plain(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("plain")
    assert main(["code", str(corpus), "-o", str(out), "-q", "--sentence-text"]) == 0
    return out


def test_analyst_columns(plain: Path) -> None:
    events = pl.read_parquet(plain / "events.parquet")
    first = events.row(0, named=True)
    assert (first["doc_id"], first["event_code"]) == ("a1", "154")
    assert str(first["publication_date"]) == "2024-11-05"
    assert (first["title"], first["year"], first["month"]) == ("Troops", 2024, 11)
    assert first["event_label"] == "Mobilize or increase armed forces"
    assert first["quad_label"] == "material conflict"
    assert (first["plover_event"], first["plover_mode"]) == ("MOBILIZE", "troops")
    assert first["acled_event_type"] is None and first["acled_sub_event_type"] is None
    assert first["sentence_text"] == "Russia mobilized troops against Ukraine."
    assert (first["num_mentions"], first["num_documents"], first["num_sources"]) == (1, 1, 1)
    protest = events.filter(pl.col("event_code") == "141").row(0, named=True)
    assert protest["sentence_text"] == "Protesters rallied in Seoul against the government."
    assert (protest["acled_event_type"], protest["acled_sub_event_type"]) == (
        "Protests",
        "Peaceful protest",
    )
    assert (protest["plover_event"], protest["quad_label"]) == ("PROTEST", "verbal conflict")


def test_sentence_text_is_null_unless_asked(corpus: Path, tmp_path: Path) -> None:
    code_corpus([corpus], tmp_path, progress=False)
    assert pl.read_parquet(tmp_path / "events.parquet")["sentence_text"].null_count() > 0
    assert pl.read_parquet(tmp_path / "events.parquet")["sentence_text"].is_null().all()


def test_goldstein_reads_back_as_written(plain: Path) -> None:
    assert pq.read_table(plain / "events.parquet").column("goldstein").to_pylist()[0] == -7.2
    assert pd.read_parquet(plain / "events.parquet")["goldstein"].iloc[0] == -7.2
    assert repr(pl.read_parquet(plain / "events.parquet")["goldstein"][0]) == "-7.2"
    csv = pd.read_csv(plain / "events.csv", dtype={"goldstein": float})
    assert csv["goldstein"].iloc[0] == -7.2


def test_a_language_the_codebook_does_not_cover_is_a_reject(plain: Path) -> None:
    rejects = [json.loads(line) for line in (plain / "rejects.jsonl").read_text().splitlines()]
    assert [(r["doc_id"], r["line"]) for r in rejects] == [("fr", 5)]
    assert rejects[0]["reason"].startswith(
        "language 'fr' is not covered by the codebook (it codes en)"
    )
    events = pl.read_parquet(plain / "events.parquet")
    assert "us" in events["doc_id"].to_list()  # en-US is English


def test_one_a_day_keeps_the_first_with_its_counts(corpus: Path, tmp_path: Path) -> None:
    assert main(["code", str(corpus), "-o", str(tmp_path), "-q", "--one-a-day"]) == 0
    events = pl.read_parquet(tmp_path / "events.parquet")
    kept = events.filter(pl.col("event_code") == "154")
    # four documents report RUS 154 on 5 November: a1 (AP), a2 (Reuters), a3 (AP), a4 (no publisher)
    assert kept.height == 1
    row = kept.row(0, named=True)
    assert row["doc_id"] == "a1"
    assert (row["num_mentions"], row["num_documents"], row["num_sources"]) == (4, 4, 3)
    condemn = events.filter(pl.col("event_code") == "111")
    # FRA 111 RUS in a3 and in us (no publisher): two documents, two sources
    assert condemn.select("doc_id", "num_mentions", "num_documents", "num_sources").rows() == [
        ("a3", 2, 2, 2)
    ]
    assert events["doc_id"].to_list() == ["a1", "a1", "a3"]  # input order
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert summary["events"] == events.height
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no spool left


def test_one_a_day_with_two_jobs_is_the_same(corpus: Path, tmp_path: Path) -> None:
    code_corpus([corpus], tmp_path / "one", one_a_day=True, progress=False)
    code_corpus([corpus], tmp_path / "two", one_a_day=True, jobs=2, progress=False)
    one = pl.read_parquet(tmp_path / "one" / "events.parquet")
    assert one.equals(pl.read_parquet(tmp_path / "two" / "events.parquet"))


def test_the_default_view_tables_are_valid() -> None:
    views = load_views(load_codebook())
    assert views.languages == ("en",)
    assert views.plover_of("0871") == ("RETREAT", "ceasefire", "military")
    assert views.plover_of("010") == (None, None, None)  # PLOVER has no statements
    assert views.acled["1831"] == ("Explosions/Remote violence", "Suicide bomb")
    assert "111" not in views.acled  # criticism is outside ACLED's scope


def test_a_bad_acled_row_is_reported_with_its_line(tmp_path: Path) -> None:
    book = tmp_path / "codebook"
    shutil.copytree(default_codebook_path(), book)
    table = book / "views" / "acled.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    lines.append("190,Battles,Big clash,")
    lines.append("999,Protests,Peaceful protest,")
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CodebookError) as error:
        load_views(load_codebook(book))
    message = str(error.value)
    assert f"acled.csv:{len(lines) - 1}: Battles / Big clash is not an ACLED category" in message
    assert f"acled.csv:{len(lines)}: unknown event code '999'" in message


def test_check_codebook_reports_a_bad_view_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "codebook"
    shutil.copytree(default_codebook_path(), book)
    table = book / "views" / "plover.csv"
    lines = table.read_text(encoding="utf-8").splitlines() + ["042,CONSULT,visit,", "042,CONSULT,,"]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["check-codebook", str(book), "--fixtures", str(tmp_path / "none")]) == 2
    assert f"plover.csv:{len(lines)}: duplicate event code 042" in capsys.readouterr().out


def test_editing_a_view_table_changes_the_codebook_hash(tmp_path: Path) -> None:
    book = tmp_path / "codebook"
    shutil.copytree(default_codebook_path(), book)
    before = load_codebook(book).hash
    table = book / "views" / "acled.csv"
    table.write_text(table.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    assert load_codebook(book).hash != before
