"""Codebook layers: a codebook that extends an imported one codes with both; its rows win."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventcodes.cli import main
from eventcodes.codebook import load_codebook
from eventcodes.codebook.layers import row_label
from eventcodes.coder import Coder
from eventcodes.documents import Document
from eventcodes.errors import CodebookError
from eventcodes.explain import explain
from eventcodes.importer import import_dictionaries

DATA = Path(__file__).parent / "data" / "petrarch"
DAY = dt.date(1935, 6, 1)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a user codebook that extends a codebook imported from the mini dictionaries."""
    root = tmp_path_factory.mktemp("layers")
    import_dictionaries(
        DATA / "mini.verbs.txt",
        [DATA / "mini.actors.txt"],
        root / "imported",
        agents=DATA / "mini.agents.txt",
    )
    user = root / "mine"
    user.mkdir()
    (user / "manifest.toml").write_text(
        'name = "mine"\nversion = "1"\nextends = ["../imported"]\n\n'
        '[tables]\nactors = ["actors.csv"]\npatterns = ["patterns.csv"]\n\n'
        "[settings]\nrequire_dyad = false\n",
        encoding="utf-8",
    )
    (user / "actors.csv").write_text(
        "phrase,code,note\n"
        "Grand Fenwick,GFK,a country the imported dictionaries lack\n"
        "Zembla,ZMB,overrides the imported ZEM\n",
        encoding="utf-8",
    )
    # the same rule id as the imported "- * ATTACK BY $ [123]" replaces it
    (user / "patterns.csv").write_text(
        "rule_id,verb,pattern,code,note\nmini.verbs:19,condemn,* attack by $,121,corrected\n",
        encoding="utf-8",
    )
    return user


def triples(coder: Coder, text: str) -> list[tuple[str, str, str | None]]:
    events = coder.code_document(Document("t", DAY, text)).events
    return [(e["source_code"], e["event_code"], e["target_code"]) for e in events]


def test_a_codebook_that_extends_an_imported_one_codes_with_both(stack: Path) -> None:
    coder = Coder(load_codebook(stack))
    # the user's actor with the imported verb, and the imported actor (its date restriction too)
    assert triples(coder, "Grand Fenwick condemned Ruritania.") == [("GFK", "122", "RUR")]
    assert triples(coder, "Firefly condemned Ruritania.") == [("FRELEG", "122", "RUR")]


def test_a_row_of_the_users_layer_wins_over_the_imported_row(stack: Path) -> None:
    cb = load_codebook(stack)
    assert {a.code for a in cb.actors if a.phrase.casefold() == "zembla"} == {"ZMB"}
    assert {a.code for a in cb.actors if a.phrase == "zemblan"} == {"ZEM"}  # not overridden
    coder = Coder(cb)
    assert triples(coder, "Ruritania condemned Zembla.") == [("RUR", "122", "ZMB")]
    pattern = next(p for p in cb.patterns if p.rule_id == "mini.verbs:19")
    assert (pattern.code, pattern.origin.short) == ("121", "patterns.csv:2")


def test_settings_merge_and_rows_name_their_layer(stack: Path) -> None:
    cb = load_codebook(stack)
    assert cb.settings.code_syntax == "petrarch"  # from the imported layer
    assert cb.settings.require_dyad is False  # the user's layer wins
    assert cb.layers == ((stack.parent / "imported").resolve(),)
    ruritania = next(a for a in cb.actors if a.phrase == "ruritania")
    assert row_label(ruritania.origin, cb.path) == "../imported/actors/mini.actors.csv:5"
    fenwick = next(a for a in cb.actors if a.phrase == "Grand Fenwick")
    assert row_label(fenwick.origin, cb.path) == "actors.csv:2"


def test_explain_and_check_codebook_name_the_layer(
    stack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = explain("Grand Fenwick condemned Ruritania.", DAY, load_codebook(stack)).render()
    assert "(actors.csv:2)" in text and "(../imported/actors/mini.actors.csv:5)" in text
    assert "rule mini.verbs:17 (../imported/verbs.csv:2)" in text
    assert main(["check-codebook", str(stack)]) == 0
    assert "imported/patterns.csv:" in capsys.readouterr().out


def test_a_changed_base_layer_changes_the_hash(stack: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(stack.parent, copy)
    before = load_codebook(copy / "mine").hash
    with (copy / "imported" / "agents.csv").open("a", encoding="utf-8") as fh:
        fh.write("harbour master,-,GOV,after,added\n")
    assert load_codebook(copy / "mine").hash != before


@pytest.mark.parametrize(
    ("extends", "message"),
    [
        ('["../nowhere"]', "no manifest.toml"),
        ('["."]', "makes a cycle"),
        ("3", "extends must be a list"),
    ],
)
def test_bad_extends_is_reported(tmp_path: Path, extends: str, message: str) -> None:
    (tmp_path / "manifest.toml").write_text(
        f'name = "x"\nversion = "1"\nextends = {extends}\n[tables]\n', encoding="utf-8"
    )
    with pytest.raises(CodebookError, match=message):
        load_codebook(tmp_path)
