"""Codebook CSV structure: no row of any table can disappear unreported (a stray quote, a cell too
few), and each problem is reported at its own line."""

from __future__ import annotations

import shutil
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcodes.cli import main
from eventcodes.codebook import Codebook, load_codebook
from eventcodes.codebook.tables import csv_records, read_table
from eventcodes.errors import CodebookError, Problem

DEFAULT = Path(__file__).resolve().parents[1] / "codebooks" / "default"


def table_paths(book: Path) -> list[Path]:
    manifest = tomllib.loads((book / "manifest.toml").read_text(encoding="utf-8"))
    paths = []
    for value in manifest["tables"].values():
        paths += [book / name for name in ([value] if isinstance(value, str) else value)]
    return paths


def rows(codebook: Codebook) -> dict[str, int]:
    """Return the number of table rows each part of a loaded codebook came from."""
    return {
        "actors": len({a.origin for a in codebook.actors}),
        "agents": len({a.origin for a in codebook.agents}),
        "verbs": len({v.origin for v in codebook.verbs}),
        "patterns": len({p.origin for p in codebook.patterns}),
        "discards": len({d.origin for d in codebook.discards}),
        "event_codes": len(codebook.event_codes),
        "intents": len(codebook.intents),
        "roles": len(codebook.roles),
        "synsets": sum(len(members) for members in codebook.synsets.values()),
    }


@pytest.fixture(scope="module")
def default_rows(default_codebook: Codebook) -> dict[str, int]:
    return rows(default_codebook)


def edit_line(path: Path, line: int, edit: object) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    old = lines[line - 1]
    lines[line - 1] = edit(old)  # type: ignore[operator]
    path.write_text("\n".join(lines), encoding="utf-8")
    return old


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.startswith(text):
            return number
    raise AssertionError(f"{text!r} not in {path}")


@pytest.fixture
def book(tmp_path: Path) -> Path:
    copy = tmp_path / "book"
    shutil.copytree(DEFAULT, copy)
    return copy


def test_an_unclosed_quote_in_a_note_is_an_error_at_its_own_line_and_swallows_no_row(
    book: Path, default_rows: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    countries = book / "actors" / "countries.csv"
    line = line_of(countries, "Aruba,")
    edit_line(countries, line, lambda old: old.replace("Aruba,", '"Aruba,', 1))
    with pytest.raises(CodebookError) as error:
        load_codebook(book)
    assert [str(p) for p in error.value.problems] == [
        f"{countries}:{line}: unclosed quote: a cell opens a double quote that this line does "
        'not close; close it, or write a quote inside a quoted cell as two ("")'
    ]
    assert main(["check-codebook", str(book)]) == 2
    assert f"{countries}:{line}: unclosed quote" in capsys.readouterr().out


def test_a_quote_opened_in_one_note_and_closed_in_a_later_one_swallows_no_row(
    book: Path,
) -> None:
    # Before: the reader joined every row between the two quotes into one cell, silently.
    verbs = book / "verbs" / "conflict.csv"
    text = verbs.read_text(encoding="utf-8").split("\n")
    data = [i for i, line in enumerate(text, start=1) if line and not line.startswith("#")][1:]
    first, second = data[3], data[8]
    edit_line(verbs, first, lambda old: old[: old.rfind(",") + 1] + '"' + old[old.rfind(",") + 1 :])
    edit_line(verbs, second, lambda old: old + ' quote"')
    with pytest.raises(CodebookError) as error:
        load_codebook(book)
    assert [(p.line, p.message[:14]) for p in error.value.problems] == [(first, "unclosed quote")]
    # every other row, those between the two quotes included, is read as it is
    problems: list[Problem] = []
    header = ("verb", "forms", "group", "code", "rule_id")
    lines = [row.line for row in read_table(verbs, header, (), problems)]
    assert lines == [line for line in data if line != first]


def test_a_row_with_too_few_cells_names_the_cells_it_lacks(book: Path) -> None:
    codes = book / "event_codes.csv"
    line = line_of(codes, "042,")
    edit_line(codes, line, lambda old: ",".join(old.split(",")[:2]))
    with pytest.raises(CodebookError) as error:
        load_codebook(book)
    problem = error.value.problems[0]
    assert (problem.path, problem.line) == (codes, line)
    assert problem.message.startswith(
        "2 cells but the header has 4 columns (no cell for goldstein, quad_class)"
    )


def test_a_verb_row_missing_a_cell_is_not_reported_as_an_unknown_event_code(book: Path) -> None:
    # Before: the cells shifted left, and the rule id was checked as the event code.
    verbs = book / "verbs" / "conflict.csv"
    line = line_of(verbs, "condemn,")
    edit_line(verbs, line, lambda old: old.replace(",,,", ",,", 1))
    with pytest.raises(CodebookError) as error:
        load_codebook(book)
    at_line = [p.message for p in error.value.problems if (p.path, p.line) == (verbs, line)]
    assert at_line[0].startswith("5 cells but the header has 6 columns (no cell for note)")
    assert not any("unknown event code" in message for message in at_line)


def test_text_after_a_closing_quote_is_an_error() -> None:
    problems: list[Problem] = []
    records = list(csv_records('a,b\n"x"y,z\nc,d\n', Path("t.csv"), problems))
    assert records == [(1, ["a", "b"]), (3, ["c", "d"])]
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (2, "text after a closing quote")
    ]


def test_csv_records_without_a_problem_list_raises_after_reading_every_line() -> None:
    with pytest.raises(CodebookError) as error:
        list(csv_records('a,b\n"x,y\n"z,w\n'))
    assert [p.line for p in error.value.problems] == [2, 3]


# --- property: every edit of a table's structure is reported or changes no row count ----------

#: edits within one line: a quote or a comma put in, a character taken out, a cell's quote doubled
EDITS = st.sampled_from(['"', ",", "", '""'])


#: tables read whole for every example; the generated gazetteer (megabytes) has its own, fewer
LARGE_TABLE = 1_000_000


@st.composite
def table_edits(draw: st.DrawFn, large: bool = False) -> tuple[Path, int, int, str]:
    paths = [p for p in table_paths(DEFAULT) if (p.stat().st_size >= LARGE_TABLE) == large]
    path = draw(st.sampled_from(paths))
    lines = path.read_text(encoding="utf-8").split("\n")
    candidates = [i for i, line in enumerate(lines, start=1) if line.strip()]
    line = draw(st.sampled_from(candidates))
    text = lines[line - 1]
    # half the time at the start of a cell, where a quote opens a quoted cell
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == ","]
    at = draw(st.one_of(st.integers(0, len(text)), st.sampled_from(starts)))
    return path.relative_to(DEFAULT), line, at, draw(EDITS)


def apply(path: Path, line: int, at: int, insert: str) -> None:
    def edit(old: str) -> str:
        if insert:
            return old[:at] + insert + old[at:]
        return old[:at] + old[at + 1 :]  # "" deletes the character at ``at``

    edit_line(path, line, edit)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(change=table_edits())
def test_random_edits_of_the_default_codebook_load_with_every_row_or_are_reported(
    tmp_path_factory: pytest.TempPathFactory,
    default_rows: dict[str, int],
    change: tuple[Path, int, int, str],
) -> None:
    relative, line, at, insert = change
    book = tmp_path_factory.mktemp("book")
    shutil.copytree(DEFAULT, book, dirs_exist_ok=True)
    apply(book / relative, line, at, insert)
    try:
        edited = load_codebook(book)
    except CodebookError as error:
        assert error.problems, "an error with no problem named"
        return
    assert rows(edited) == default_rows


def table_rows(
    text: str, columns: tuple[str, ...], directory: Path
) -> tuple[list[int], list[Problem]]:
    """Return the lines of the rows read_table gives for a table's text, and the problems."""
    path = directory / "table.csv"
    path.write_text(text, encoding="utf-8")
    problems: list[Problem] = []
    return [row.line for row in read_table(path, columns, (), problems)], problems


@settings(max_examples=300, deadline=None)
@given(change=table_edits())
def test_random_edits_of_one_table_keep_every_row_or_are_reported(
    change: tuple[Path, int, int, str],
) -> None:
    # The same property on the table reader alone, with many more cases than whole loads allow.
    _edit_keeps_every_row_or_is_reported(change)


@settings(max_examples=3, deadline=None)
@given(change=table_edits(large=True))
def test_random_edits_of_the_gazetteer_keep_every_row_or_are_reported(
    change: tuple[Path, int, int, str],
) -> None:
    _edit_keeps_every_row_or_is_reported(change)


def _edit_keeps_every_row_or_is_reported(change: tuple[Path, int, int, str]) -> None:
    relative, line, at, insert = change
    text = (DEFAULT / relative).read_text(encoding="utf-8")
    lines = text.split("\n")
    old = lines[line - 1]
    lines[line - 1] = old[:at] + insert + old[at:] if insert else old[:at] + old[at + 1 :]
    header = next(record for _, record in csv_records(text))
    columns = tuple(c.strip() for c in header)  # the columns the loader asks for
    with tempfile.TemporaryDirectory() as directory:
        before, none = table_rows(text, columns, Path(directory))
        after, problems = table_rows("\n".join(lines), columns, Path(directory))
    assert none == []
    if not problems:
        assert after == before
