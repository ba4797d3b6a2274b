"""The command line: help with examples, one-line errors, explain, check-codebook, rejects, --strict."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINI, ROOT
from eventcodes.cli import build_parser, main

COMMANDS = [
    "code",
    "explain",
    "check-codebook",
    "test-codebook",
    "aggregate",
    "export",
    "report",
    "import-dictionaries",
]
SEED_FIRST = (
    "South Korea and the European Union on Monday strongly condemned North Korea’s reported dispatch of "
    "troops to aid Russia’s war against Ukraine and expressed concerns that Russia could reward North Korea "
    "with transfers of sensitive technology to enhance its nuclear and missile programs."
)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    assert "example: eventcodes " + command in capsys.readouterr().out


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    assert sorted(subparsers.choices) == sorted(COMMANDS)  # type: ignore[union-attr]
    for command in COMMANDS:
        assert f"eventcodes {command}" in readme, command


def test_python_dash_m_works() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "eventcodes", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.startswith("eventcodes ")


def test_explain_shows_why_each_event_of_the_seeds_first_sentence_was_coded(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["explain", SEED_FIRST, "--date", "2024-11-04"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"actor \[0:11\] 'South Korea' -> KOR", out)
    assert re.search(r"actor \[20:34\] 'European Union' -> IGOEUREEC", out)
    assert re.search(r"'North Korea' -> PRK possessive", out)
    assert "verb 'condemned' (condemn): coded; rule " in out
    assert "source: South Korea (KOR), European Union (IGOEUREEC); target: North Korea (PRK)" in out
    assert "date set by 'on Monday'" in out or "date set by 'Monday'" in out
    assert "EVENT KOR 111 PRK  date 2024-11-04 (day, text)" in out
    assert "EVENT IGOEUREEC 111 PRK  date 2024-11-04 (day, text)" in out
    assert "'could'" in out  # "Russia could reward North Korea" is not coded, and says why


def test_explain_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "explain",
                "Arnor condemned Gondor.",
                "--date",
                "2024-11-04",
                "--codebook",
                str(MINI),
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    (sentence,) = data["sentences"]
    assert [(e["source_code"], e["event_code"], e["target_code"]) for e in sentence["events"]] == [
        ("ARN", "111", "GON")
    ]
    assert sentence["verbs"][0]["rule_id"] == "v.condemn"


def test_check_codebook_ok_and_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-codebook", str(MINI)]) == 0
    assert "ok: mini 1.0" in capsys.readouterr().out
    assert main(["check-codebook", str(tmp_path)]) == 2
    out = capsys.readouterr().out
    assert out.endswith(
        "\n1 error(s); fix each line named above (warnings are checked once the codebook has no errors)\n"
    )
    assert "Traceback" not in out


def test_code_with_rejects_goes_on_and_strict_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"id": "a", "date": "2024-11-04", "text": "Arnor condemned Gondor."}\n'
        '{"id": "b", "date": "yesterday", "text": "Rohan attacked Arnor."}\n'
        '{"id": "c", "date": "2024-11-04", "text": "Rohan attacked Arnor."}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["code", str(src), "-o", str(out), "--codebook", str(MINI), "-q"]) == 0
    rejects = [json.loads(x) for x in (out / "rejects.jsonl").read_text().splitlines()]
    assert [(r["line"], r["doc_id"]) for r in rejects] == [(2, "b")]
    assert "date" in rejects[0]["reason"]
    events = (out / "events.csv").read_text().splitlines()
    assert len(events) == 3  # header + one event from each good document
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert main(["code", str(src), "-o", str(out), "--codebook", str(MINI), "-q", "--strict"]) == 3
    err = capsys.readouterr().err
    assert f"{src}:2:" in err and "--strict" in err
    assert {
        p.name: p.read_bytes() for p in out.iterdir()
    } == before  # nothing already written is lost


def test_missing_input_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["code", str(tmp_path / "nope.jsonl"), "-o", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "nope.jsonl" in err


def test_every_output_column_is_described_in_the_readme() -> None:
    from eventcodes.schema import EVENT_COLUMN_NAMES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in EVENT_COLUMN_NAMES:
        assert f"| `{name}` |" in readme, name
