"""test-codebook: fixtures as named tests, scores, exit status, baselines, and catching a broken pattern."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA, MINI, case_params
from eventcodes import load_codebook
from eventcodes.cli import main
from eventcodes.coder import Coder
from eventcodes.errors import FixtureError
from eventcodes.fixtures import Case, load_cases
from eventcodes.regression import code_case, run_cases

FIXTURES = DATA / "fixtures" / "mini.jsonl"
CASES = load_cases([FIXTURES])


@pytest.mark.parametrize(
    "case",
    case_params(CASES),
)
def test_fixture(mini_coder: Coder, case: Case) -> None:
    result = code_case(case, mini_coder)
    assert (result.missing, result.extra) == ([], [])


def test_scores_and_known_failures() -> None:
    result = run_cases(CASES, load_codebook(MINI))
    assert result.overall.tp == 7 and result.overall.fn == 1 and result.overall.fp == 0
    assert result.overall.precision == 1.0 and result.overall.recall == 0.875
    assert [r.case.id for r in result.known_failures] == ["mini-006"]
    assert result.failures == [] and result.ok
    assert result.by_root["04"].fn == 1 and result.by_category["negation"].failed == 0


def test_cli_exit_status_json_and_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "result.json"
    assert main(["test-codebook", str(FIXTURES), "--codebook", str(MINI), "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "known failures (1):" in text and "mini-006" in text
    assert text.rstrip().endswith("precision 1.000, recall 0.875, F1 0.933")
    data = json.loads(out.read_text())
    assert data["cases"]["mini-003"]["passed"] is True


def test_breaking_a_verb_pattern_is_caught_and_shown_against_the_baseline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    baseline = tmp_path / "before.json"
    assert (
        main(["test-codebook", str(FIXTURES), "--codebook", str(MINI), "--json", str(baseline)])
        == 0
    )
    broken = tmp_path / "cb"
    shutil.copytree(MINI, broken)
    patterns = broken / "patterns.csv"
    patterns.write_text(
        patterns.read_text().replace("*_on + to {withdraw|pull_out},106", "*_on + to {retreat},106")
    )
    capsys.readouterr()
    code = main(
        ["test-codebook", str(FIXTURES), "--codebook", str(broken), "--baseline", str(baseline)]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "FAIL mini-003 [root-10]" in out
    assert "missing:  ARN 106 GON" in out and "extra:    ARN 020 GON" in out
    assert "newly broken (1): mini-003" in out
    assert "rule p.call.on pattern '*_on +' -> 020" in out  # the explain trace of the mismatch


def test_malformed_fixture_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "x", "category": "c", "text": "t", "date": "2024-13-01", "events": []}\n{"id": 1\n'
    )
    with pytest.raises(FixtureError) as info:
        load_cases([bad])
    assert f"{bad}:1: date '2024-13-01' is not YYYY-MM-DD" in str(info.value)
    assert f"{bad}:2: not valid JSON" in str(info.value)


def test_a_category_that_expects_no_events_is_scored_by_its_cases() -> None:
    from eventcodes.regression import Score

    score = Score(tp=0, fp=1, fn=0, cases=16, failed=1)
    assert score.no_events_expected and score.precision == score.recall == score.f1 == 15 / 16
    assert Score(tp=3, fp=1, fn=0, cases=2, failed=1).precision == 0.75


def test_breaking_a_pattern_of_the_default_codebook_names_the_fixtures_it_broke(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import ROOT

    fixtures = ROOT / "fixtures" / "regression"
    baseline = tmp_path / "before.json"
    assert main(["test-codebook", str(fixtures), "--json", str(baseline), "--no-trace"]) == 0
    copy = tmp_path / "codebook"
    shutil.copytree(ROOT / "codebooks" / "default", copy)
    table = copy / "patterns" / "cooperation.csv"
    lines = table.read_text(encoding="utf-8").splitlines()
    broken = [
        n for n, line in enumerate(lines) if line.startswith("p.call.on.deescalate.5.demand,")
    ]
    assert len(broken) == 1
    # a wrong code in the pattern that codes "called on X to withdraw troops" (106)
    assert ",106," in lines[broken[0]]
    lines[broken[0]] = lines[broken[0]].replace(",106,", ",020,", 1)
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    capsys.readouterr()
    code = main(
        [
            "test-codebook",
            str(fixtures),
            "--codebook",
            str(copy),
            "--baseline",
            str(baseline),
            "--no-trace",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1
    newly = next(line for line in out.splitlines() if line.startswith("newly broken"))
    ids = newly.split(": ", 1)[1].split()
    assert ids and ids != ["-"]
    for case_id in ids:
        assert f"FAIL {case_id} [" in out
    before = json.loads(baseline.read_text())
    assert all(before["cases"][i]["passed"] for i in ids)
