"""Options shared by commands mean one thing: --codebook DIR, and --json [FILE]."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from conftest import DATA, MINI
from eventcodes.cli import build_parser, main

FIXTURES = DATA / "fixtures" / "mini.jsonl"
EXPLAIN = ["explain", "Arnor condemned Gondor.", "--date", "2024-11-04", "--codebook", str(MINI)]
TEST = ["test-codebook", str(FIXTURES), "--codebook", str(MINI), "--no-trace"]


@pytest.mark.parametrize("command", [EXPLAIN, TEST], ids=["explain", "test-codebook"])
def test_json_without_a_file_prints_json_instead_of_the_text(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command, "--json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out), dict)


@pytest.mark.parametrize("command", [EXPLAIN, TEST], ids=["explain", "test-codebook"])
def test_json_with_a_file_writes_it_and_prints_the_text(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "result.json"
    assert main([*command, "--json", str(out)]) == 0
    assert isinstance(json.loads(out.read_text(encoding="utf-8")), dict)
    printed = capsys.readouterr().out
    with pytest.raises(json.JSONDecodeError):
        json.loads(printed)
    assert printed.strip()


def test_codebook_option_is_declared_once() -> None:
    parser = build_parser()
    (subparsers,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    commands: dict[str, argparse.ArgumentParser] = subparsers.choices
    helps = {
        name: next(a.help for a in sub._actions if "--codebook" in a.option_strings)
        for name, sub in commands.items()
        if any("--codebook" in a.option_strings for a in sub._actions)
    }
    assert set(helps) >= {"code", "explain", "test-codebook"}
    assert len(set(helps.values())) == 1
