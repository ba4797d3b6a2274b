"""A codebook with problems is refused with one message per problem, naming file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import MINI
from eventcodes import load_codebook
from eventcodes.errors import CodebookError


def broken_copy(tmp_path: Path, edits: dict[str, str]) -> Path:
    """Return a copy of the mini codebook with lines appended to some tables."""
    root = tmp_path / "cb"
    shutil.copytree(MINI, root)
    for name, text in edits.items():
        with (root / name).open("a", encoding="utf-8") as f:
            f.write(text)
    return root


def problems(root: Path) -> list[str]:
    with pytest.raises(CodebookError) as info:
        load_codebook(root)
    return [str(p) for p in info.value.problems]


def test_the_mini_codebook_is_valid() -> None:
    cb = load_codebook(MINI)
    assert cb.name == "mini" and "106" in cb.event_codes and len(cb.hash) == 64


def test_duplicate_phrase(tmp_path: Path) -> None:
    root = broken_copy(tmp_path, {"actors/states.csv": "Gondor,GONGOV\n"})
    assert problems(root) == [
        f"{root / 'actors/states.csv'}:8: duplicate phrase 'Gondor' (also at states.csv:4) with overlapping "
        "dates; give each row its own start/end or remove one"
    ]


def test_unknown_event_code(tmp_path: Path) -> None:
    root = broken_copy(tmp_path, {"verbs.csv": "praise,,,051,v.praise\n"})
    assert problems(root) == [
        f"{root / 'verbs.csv'}:10: unknown event code '051'; use a code of the event_codes table"
    ]


def test_malformed_date_range(tmp_path: Path) -> None:
    root = broken_copy(
        tmp_path,
        {
            "actors/people.csv": "Boromir,GONMIL,2024-05-01,2023-01-01,\nFaramir,GONGOV,2024-13-01,,\n"
        },
    )
    assert problems(root) == [
        f"{root / 'actors/people.csv'}:4: date range 2024-05-01 to 2023-01-01 ends before it starts; swap start and end",
        f"{root / 'actors/people.csv'}:5: start '2024-13-01' is not a date; write YYYY-MM-DD",
    ]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    root = broken_copy(
        tmp_path,
        {
            "actors/states.csv": "Gondor,GON\nMordor,mor\n",
            "verbs.csv": "praise,,,051,v.praise\nhail,,,040,v.meet\n",
            "patterns.csv": "p.bad,attack,* + {oops,190\np.nocode,attack,* +,\n",
            "agents.csv": "rebels,-,REB\n",
            "event_codes.csv": "040,Consult again,1.0,1\n9x,Bad,0,1\n041,Phone,99,1\n",
        },
    )
    found = problems(root)
    assert len(found) == 10, found
    for text in [
        "states.csv:8: duplicate phrase 'Gondor'",
        "states.csv:9: actor code 'mor' must be three-letter CAMEO parts",
        "verbs.csv:10: unknown event code '051'",
        "verbs.csv:11: duplicate rule_id v.meet (also at verbs.csv:2)",
        "patterns.csv:5: unclosed '{'",
        "patterns.csv:6: a pattern needs a code",
        "agents.csv:5: unknown role code 'REB'",
        "event_codes.csv:10: duplicate event code 040",
        "event_codes.csv:11: event code '9x' must be 2 to 4 digits",
        "event_codes.csv:12: goldstein '99' must be a number from -10 to 10",
    ]:
        assert any(text in f for f in found), (text, found)


def test_missing_column_and_unknown_column(tmp_path: Path) -> None:
    root = tmp_path / "cb"
    shutil.copytree(MINI, root)
    (root / "agents.csv").write_text("phrase,rol,plural\npolice,COP,-\n", encoding="utf-8")
    assert problems(root) == [
        f"{root / 'agents.csv'}:1: missing column(s) role; the header needs phrase, role"
    ]


def test_missing_manifest(tmp_path: Path) -> None:
    assert problems(tmp_path) == [
        f"{tmp_path / 'manifest.toml'}:0: no manifest.toml; a codebook is a directory with one"
    ]


def test_date_ranges_that_do_not_overlap_are_allowed(tmp_path: Path) -> None:
    # the mini codebook already has Aragorn Elessar twice, in two periods
    cb = load_codebook(MINI)
    assert sorted(a.code for a in cb.actors if a.phrase == "Aragorn Elessar") == [
        "ARNGOV",
        "GONGOV",
    ]


def test_spellings_that_match_the_same_words_must_agree(tmp_path: Path) -> None:
    same = broken_copy(tmp_path / "a", {"actors/states.csv": "Góndor,GON\n"})
    assert load_codebook(same).name == "mini"  # an accented spelling of the same actor is fine
    conflict = broken_copy(tmp_path / "b", {"actors/states.csv": "Góndor,ROH\n"})
    assert problems(conflict) == [
        f"{conflict / 'actors/states.csv'}:8: 'Góndor' matches the same words as 'Gondor' (also at states.csv:4) "
        "with overlapping dates; give each row its own start/end or remove one"
    ]


def manifest_copy(tmp_path: Path, replace: dict[str, str]) -> Path:
    """Return a copy of the mini codebook whose manifest has some text replaced."""
    root = tmp_path / "cb"
    shutil.copytree(MINI, root)
    manifest = root / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    manifest.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("replace", "expected"),
    [
        (
            {'roles = "roles.csv"': 'roles = "roles.csv"\nplaces = "places.csv"'},
            "8: unknown table kind 'places'; use one of",
        ),
        (
            {'synsets = ["synsets.csv"]': 'synsets = ["synset.csv"]'},
            "12: tables.synsets lists synset.csv, which is not a file in",
        ),
        (
            {'deduplicate = "none"': 'deduplicate = "all"'},
            '20: setting deduplicate must be "document"',
        ),
        ({"require_dyad = false": "require_dyad = 1"}, "19: setting require_dyad must be a bool"),
        ({"require_dyad = false": "requires_dyad = false"}, "19: unknown setting 'requires_dyad'"),
        ({'version = "1.0"\n': ""}, "1: version is missing"),
        ({'verbs = ["verbs.csv"]\n': ""}, "5: tables.verbs is missing; the codebook needs it"),
    ],
)
def test_manifest_problems_name_the_line_of_their_key(
    tmp_path: Path, replace: dict[str, str], expected: str
) -> None:
    root = manifest_copy(tmp_path, replace)
    found = problems(root)  # the manifest's problem first, then any that follow from it
    assert found[0].startswith(f"{root / 'manifest.toml'}:{expected}"), found


def test_entries_know_the_file_and_line_they_came_from() -> None:
    cb = load_codebook(MINI)
    gondor = next(a for a in cb.actors if a.phrase == "Gondor")
    assert gondor.origin == (MINI / "actors" / "states.csv", 4)
    assert str(gondor.origin) == f"{MINI / 'actors' / 'states.csv'}:4"
    assert gondor.origin.short == "states.csv:4"
