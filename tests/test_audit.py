"""check-codebook's audit: unexercised rules, shadowed and unreachable patterns, office overlaps,
--strict, --verbose and the --coverage table."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from conftest import MINI, ROOT
from eventcodes import Codebook, load_codebook
from eventcodes.audit import (
    OFFICE_OVERLAP,
    SHADOWED,
    UNEXERCISED,
    UNEXERCISED_ACTOR,
    UNREACHABLE,
    Audit,
    audit,
    covers,
    unreachable_reason,
)
from eventcodes.cli import main
from eventcodes.codebook.compiled import CompiledPattern
from eventcodes.codebook.model import PatternEntry
from eventcodes.codebook.patterns import parse_pattern
from eventcodes.codebook.tables import read_rows
from eventcodes.fixtures import load_cases
from eventcodes.origin import Origin

# The mini codebook's patterns plus rows that must (and must not) be warned about; line numbers
# are the file's lines (the header is line 1).
PATTERNS = """\
rule_id,verb,pattern,code
p.call.withdraw,call,*_on + to {withdraw|pull_out},106
p.call.on,call,*_on +,020
p.condemn.stop,condemn,* ^ weather,---
p.call.on.again,call,*_on  +,020
p.call.withdraw.reordered,call,*_on + to {pull_out|withdraw},106
p.call.withdraw.now,call,*_on + to {withdraw|pull_out} now,106
p.condemn.weather,condemn,* weather,111
p.condemn.the,condemn,the_*,111
p.attack.pull,attack,* {pull_out|pull} out,190
p.attack.pull.reordered,attack,* {pull|pull_out} out,190
"""
# Faramir and Denethor overlap in one office of one state (GOV and MIL roles share it); Elrond
# and Saruman in one IGO's office. The other rows must not be warned about.
PEOPLE = """\
phrase,code,start,end,surname,note
Aragorn Elessar,GONGOV,2020-01-01,2024-12-31,Elessar,
Aragorn Elessar,ARNGOV,2025-01-01,,Elessar,
Faramir,GONGOV,2010-01-01,2022-12-31,,office=steward; person=faramir; the first steward
Lord Faramir,GONGOV,2010-01-01,2022-12-31,,office=steward; person=faramir; the same person
Denethor,GONMIL,2022-06-01,,,office=steward; person=denethor; overlaps Faramir
Boromir,GONGOV,2000-01-01,2009-12-31,,office=steward; person=boromir; ends the day before Faramir
Arvedui,ARNGOV,2015-01-01,2016-01-01,,office=steward; person=arvedui; another state's steward
Elrond,IGOUNO,2015-01-01,2020-01-01,,office=secretary_general; person=elrond
Gandalf,IGOWSTNAT,2016-01-01,2020-01-01,,office=secretary_general; person=gandalf
Saruman,IGOUNO,2019-12-31,2021-01-01,,office=secretary_general; person=saruman
Celeborn,GONGOV,2021-01-01,2021-02-01,,"not an office note, office=steward; person=celeborn"
"""
# Exercises every rule of the mini codebook except p.call.on and v.sign.
CASES = [
    ("Arnor called on Gondor to withdraw.", [("ARN", "106", "GON")]),
    ("Arnor condemned the weather.", []),
    ("Arnor met Gondor.", [("ARN", "040", "GON")]),
    ("Arnor visited Gondor.", [("ARN", "042", "GON")]),
    ("Arnor condemned Gondor.", [("ARN", "111", "GON")]),
    ("Arnor denounced Gondor.", [("ARN", "111", "GON")]),
    ("Gondor arrested the Arnorian foreign minister.", [("GON", "173", "ARNGOV")]),
    ("Arnor attacked Gondor.", [("ARN", "190", "GON")]),
]


def _write_cases(path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": f"audit-{i:03d}",
                "category": "audit",
                "text": text,
                "date": "2024-05-01",
                "events": [
                    {"source_code": s, "event_code": c, "target_code": t} for s, c, t in events
                ],
            }
        )
        for i, (text, events) in enumerate(CASES, start=1)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def audit_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a directory with ``codebook/`` (mini plus the rows above) and ``cases.jsonl``."""
    root = tmp_path_factory.mktemp("audit")
    book = root / "codebook"
    shutil.copytree(MINI, book)
    (book / "patterns.csv").write_text(PATTERNS, encoding="utf-8")
    (book / "actors" / "people.csv").write_text(PEOPLE, encoding="utf-8")
    _write_cases(root / "cases.jsonl")
    return root


@pytest.fixture(scope="module")
def audited(audit_dir: Path) -> Audit:
    codebook = load_codebook(audit_dir / "codebook")
    return audit(codebook, load_cases([audit_dir / "cases.jsonl"]))


def _rows(result: Audit, kind: str) -> set[tuple[str, int]]:
    root = result.codebook.path.resolve()
    return {(str(f.path.relative_to(root)), f.line) for f in result.of_kind(kind)}


# -- warnings at the right rows --------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (SHADOWED, {("patterns.csv", 5), ("patterns.csv", 6), ("patterns.csv", 8)}),
        (UNREACHABLE, {("patterns.csv", 9)}),
        (OFFICE_OVERLAP, {("actors/people.csv", 6), ("actors/people.csv", 11)}),
        (
            UNEXERCISED,
            {
                ("patterns.csv", line)
                for line in (3, 5, 6, 7, 8, 9, 10, 11)  # p.call.on and the added rows
            }
            | {("verbs.csv", 4)},  # v.sign
        ),
    ],
)
def test_each_warning_is_at_its_row_and_no_other(
    audited: Audit, kind: str, expected: set[tuple[str, int]]
) -> None:
    assert _rows(audited, kind) == expected


@pytest.mark.parametrize(
    ("line", "words"),
    [
        (5, ["p.call.on.again", "p.call.on", "patterns.csv:3", "same pattern"]),
        (6, ["p.call.withdraw.reordered", "p.call.withdraw (", "patterns.csv:2", "tried first"]),
        (8, ["p.condemn.weather", "p.condemn.stop", "patterns.csv:4"]),
        (9, ["p.condemn.the", "the", "noun or an infinitive"]),
    ],
)
def test_pattern_warnings_name_the_pattern_that_hides_them(
    audited: Audit, line: int, words: list[str]
) -> None:
    (finding,) = [
        f for f in audited.warnings if f.line == line and f.kind in (SHADOWED, UNREACHABLE)
    ]
    for word in words:
        assert word in finding.message


@pytest.mark.parametrize(
    ("line", "words"),
    [
        (6, ["denethor", "faramir", "actors/people.csv:4", "steward", "GON", "2022-06-01"]),
        (11, ["saruman", "elrond", "actors/people.csv:9", "IGOUNO", "(2 days)"]),
    ],
)
def test_office_overlap_names_both_people_and_the_dates(
    audited: Audit, line: int, words: list[str]
) -> None:
    (finding,) = [f for f in audited.of_kind(OFFICE_OVERLAP) if f.line == line]
    assert str(finding).startswith(f"{finding.path}:{line}: warning: ")
    for word in words:
        assert word in finding.message


def test_unexercised_actors_are_notes_not_warnings(audited: Audit) -> None:
    phrases = {re.findall(r"'([^']*)'", f.message)[0] for f in audited.of_kind(UNEXERCISED_ACTOR)}
    assert "Arnor" not in phrases and "Gondor" not in phrases and "Arnorian" not in phrases
    assert {"Rohan", "US", "Faramir", "Aragorn Elessar"} <= phrases
    assert all(f.severity == "note" for f in audited.notes)
    assert not set(audited.notes) & set(audited.warnings)


def test_without_fixtures_the_fixture_checks_are_skipped(audit_dir: Path) -> None:
    result = audit(load_codebook(audit_dir / "codebook"), None)
    assert result.cases is None and not result.notes
    assert not result.of_kind(UNEXERCISED)
    assert _rows(result, SHADOWED) == {
        ("patterns.csv", 5),
        ("patterns.csv", 6),
        ("patterns.csv", 8),
    }
    assert all(c.fixtures is None for c in result.coverage)


# -- the pattern checks, one pair at a time ---------------------------------------------------
def _compiled(text: str) -> CompiledPattern:
    pattern = parse_pattern(text)
    entry = PatternEntry("r", "g", pattern, "010", Origin(Path("patterns.csv"), 2))
    return CompiledPattern(entry, pattern.before, pattern.after, pattern.specificity)


@pytest.mark.parametrize(
    ("earlier", "later", "expected"),
    [
        ("*_on +", "*_on +", True),
        ("*_on + to {withdraw|pull_out}", "*_on + to {pull_out|withdraw}", True),
        # an alternative that is a prefix of another: the first that matches decides where
        # the next element is looked for, so the order matters
        ("* {pull_out|pull} out", "* {pull|pull_out} out", False),
        ("* ^ weather", "* weather", True),
        ("* weather", "* ^ weather", False),
        ("* weather", "*_weather", True),
        ("*_weather", "* weather", False),
        ("* {talks|meeting}", "* talks", True),
        ("* talks", "* {talks|meeting}", False),
        ("* +", "* $", True),  # '+', '$' and '%' match the same places
        ("* +", "* talks", False),
        ("* to {withdraw|leave}", "* to withdraw troops", True),
        ("* to withdraw troops", "* to withdraw", False),
        ("* {a|b}_c", "* b_c", False),  # the matcher does not backtrack from 'a'
        ("$ *", "$ * +", True),
        ("$ *", "+ *", True),
        ("$ *", "* +", False),
        ("{by|with} *", "by *", True),
        ("by *", "{by|with} *", False),
        ("* ^ weather ^", "* weather", True),  # a trailing '^' constrains nothing
    ],
)
def test_covers(earlier: str, later: str, expected: bool) -> None:
    assert covers(_compiled(earlier), _compiled(later)) is expected


@pytest.mark.parametrize(
    ("pattern", "unreachable"),
    [
        ("the_*", True),
        ("by_*", True),
        ("to_*", True),
        ("{by|with}_*", True),
        ("{by|we}_*", False),
        ("the *", False),
        ("+ by_*", True),
        ("by_* +", True),
        ("* +", False),
        ("* ;", True),  # the coder never looks past ';' after the verb
        ("* {;|and}", False),
        ("; *", False),
    ],
)
def test_unreachable_reason(pattern: str, unreachable: bool) -> None:
    assert bool(unreachable_reason(_compiled(pattern))) is unreachable


# -- the command line -------------------------------------------------------------------------
def test_warnings_exit_0_and_1_with_strict(
    audit_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["check-codebook", str(audit_dir / "codebook")]
    args += ["--fixtures", str(audit_dir / "cases.jsonl")]
    assert main(args) == 0
    out = capsys.readouterr().out
    patterns = (audit_dir / "codebook" / "patterns.csv").resolve()
    assert f"{patterns}:5: warning: pattern p.call.on.again" in out
    assert re.search(
        r"^15 warning\(s\): 9 unexercised, 3 shadowed, 1 unreachable, 2 office", out, re.M
    )
    assert "in no case (list them with --verbose)" in out
    assert ": note: " not in out
    assert main([*args, "--strict"]) == 1
    capsys.readouterr()
    assert main([*args, "--verbose"]) == 0
    people = (audit_dir / "codebook" / "actors" / "people.csv").resolve()
    assert (
        f"{people}:11: note: actor 'Saruman' (IGOUNO) is in no fixture case"
        in capsys.readouterr().out
    )


def test_strict_passes_a_codebook_without_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no fixtures/regression here
    assert main(["check-codebook", str(MINI), "--strict"]) == 0
    out = capsys.readouterr().out
    assert "warning:" not in out and "0 warning(s)" in out


def test_fixtures_default_to_fixtures_regression_in_the_current_directory(
    audit_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    book = str(audit_dir / "codebook")
    assert main(["check-codebook", book]) == 0
    out = capsys.readouterr().out
    assert "note: no fixtures" in out and "no fixture case" not in out
    (tmp_path / "fixtures" / "regression").mkdir(parents=True)
    _write_cases(tmp_path / "fixtures" / "regression" / "cases.jsonl")
    assert main(["check-codebook", book]) == 0
    out = capsys.readouterr().out
    assert (
        f"fixtures: {len(CASES)} cases from fixtures/regression; 9 of 17 rules never fired" in out
    )


def test_errors_still_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(MINI, tmp_path / "book")
    with (tmp_path / "book" / "patterns.csv").open("a", encoding="utf-8") as f:
        f.write("p.bad,call,*_on +,999\n")
    assert main(["check-codebook", str(tmp_path / "book"), "--strict"]) == 2
    assert "patterns.csv:5: unknown event code '999'" in capsys.readouterr().err


# -- coverage -------------------------------------------------------------------------------
def _parse_coverage(out: str) -> tuple[dict[str, tuple[int, int, int | None]], int, int | None]:
    table: dict[str, tuple[int, int, int | None]] = {}
    lines = out[out.index("code   patterns") :].splitlines()
    for line in lines[1:]:
        if line.startswith("three-digit"):
            m = re.fullmatch(
                r"three-digit codes without a pattern: (\d+); without a fixture: (\d+|-)", line
            )
            assert m, line
            return table, int(m[1]), None if m[2] == "-" else int(m[2])
        code, patterns, verbs, fixtures, _name = line.split(maxsplit=4)
        table[code] = (int(patterns), int(verbs), None if fixtures == "-" else int(fixtures))
    raise AssertionError("no summary line")


def _csv_rows(path: Path) -> list[dict[str, str]]:
    return [row for _, row in read_rows(path)[1]]


def test_coverage_counts_match_a_direct_count_of_the_default_codebook(
    capsys: pytest.CaptureFixture[str],
) -> None:
    book = ROOT / "codebooks" / "default"
    fixtures = ROOT / "fixtures" / "regression"
    assert main(["check-codebook", str(book), "--fixtures", str(fixtures), "--coverage"]) == 0
    table, no_pattern, no_fixture = _parse_coverage(capsys.readouterr().out)

    tables = tomllib.loads((book / "manifest.toml").read_text(encoding="utf-8"))["tables"]
    codes = [r["code"] for r in _csv_rows(book / tables["event_codes"])]
    patterns = Counter(r["code"] for t in tables["patterns"] for r in _csv_rows(book / t))
    verbs = Counter(r["code"] for t in tables["verbs"] for r in _csv_rows(book / t))
    expected: Counter[str] = Counter()
    for path in fixtures.rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                expected.update({e["event_code"] for e in json.loads(line)["events"]})

    assert sorted(table) == sorted(codes)
    for code in codes:
        assert table[code] == (patterns[code], verbs[code], expected[code]), code
    three = [c for c in codes if len(c) == 3]
    assert no_pattern == sum(1 for c in three if not patterns[c] and not verbs[c])
    assert no_fixture == sum(1 for c in three if not expected[c])


def test_coverage_without_fixtures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check-codebook", str(MINI), "--coverage"]) == 0
    table, no_pattern, no_fixture = _parse_coverage(capsys.readouterr().out)
    assert table["111"] == (0, 2, None) and table["020"] == (1, 0, None)
    assert (no_pattern, no_fixture) == (0, None)


# -- the default codebook ---------------------------------------------------------------------
def test_default_codebook_has_no_hidden_pattern_and_no_two_people_in_one_office(
    default_codebook: Codebook,
) -> None:
    result = audit(default_codebook, None)
    found = [str(f) for f in result.warnings if f.kind != UNEXERCISED]
    assert found == []
