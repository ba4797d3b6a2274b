"""check-codebook's report: errors first with their count, then warnings with theirs; warnings
about rules no fixture exercises are counted by table unless --verbose."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, MINI
from eventcodes.cli import main

FIXTURES = DATA / "fixtures" / "mini.jsonl"


def test_warnings_come_counted_and_unexercised_rules_are_summarised_by_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check-codebook", str(MINI), "--fixtures", str(FIXTURES)]) == 0
    lines = capsys.readouterr().out.splitlines()
    errors = lines.index("0 error(s)")
    [warnings] = [i for i, line in enumerate(lines) if re.match(r"\d+ warning\(s\)", line)]
    assert errors < warnings
    unexercised = int(re.search(r"(\d+) unexercised", lines[warnings]).group(1))  # type: ignore[union-attr]
    assert unexercised > 0
    assert not any("no fixture case exercises it" in line for line in lines)
    header = lines.index(
        f"{unexercised} rules no fixture case exercises, by table (list each with --verbose):"
    )
    tables = [re.fullmatch(r"  (\S+\.csv): (\d+)", line) for line in lines[header + 1 :]]
    assert all(tables) and sum(int(m.group(2)) for m in tables if m) == unexercised
    assert {m.group(1) for m in tables if m} <= {"patterns.csv", "verbs.csv"}

    assert main(["check-codebook", str(MINI), "--fixtures", str(FIXTURES), "--verbose"]) == 0
    verbose = capsys.readouterr().out.splitlines()
    listed = [line for line in verbose if "no fixture case" in line and ": warning: " in line]
    assert len(listed) == unexercised
    assert not any("by table" in line for line in verbose)


def test_errors_come_first_with_their_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "book"
    shutil.copytree(MINI, book)
    with (book / "verbs.csv").open("a", encoding="utf-8") as table:
        table.write('praise,"praised,,,v.praise\nlaud,,,999,v.laud\n')
    assert main(["check-codebook", str(book), "--fixtures", str(FIXTURES)]) == 2
    lines = capsys.readouterr().out.splitlines()
    verbs = book / "verbs.csv"
    n = len(verbs.read_text(encoding="utf-8").splitlines())
    assert lines[0].startswith(f"{verbs}:{n - 1}: unclosed quote")
    assert lines[1].startswith(f"{verbs}:{n}: unknown event code '999'")
    assert lines[-1].startswith("2 error(s); fix each line named above")
