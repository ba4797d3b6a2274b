"""scripts/eval_dev.py, the real-news evaluation (`make eval-dev`), on small data written here.

The real development set lives outside the repository (../shared/realnews-dev); these tests never read it.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from conftest import ROOT
from eventcodes import Codebook

SCRIPTS = ROOT / "scripts"


@pytest.fixture(scope="module")
def ev() -> Iterator[ModuleType]:
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(SCRIPTS))
        yield importlib.import_module("eval_dev")


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        ("010", 0),
        ("0214", 0),
        ("036", 1),
        ("057", 1),
        ("061", 2),
        ("0874", 2),
        ("090", 3),
        ("1123", 3),
        ("139", 3),
        ("163", 3),
        ("141", 4),
        ("154", 4),
        ("173", 4),
        ("195", 4),
        ("2041", 4),
    ],
)
def test_pentaclass(ev: ModuleType, code: str, cls: int) -> None:
    assert ev.pentaclass(code) == cls


def test_detokenize_spans(ev: ModuleType) -> None:
    tokens = ["Kenya", "’", "s", "pro", "-", "government", "militia", "(", "KDF", ")", "left", "."]
    text, spans = ev.detokenize(tokens)
    assert text == "Kenya’s pro-government militia (KDF) left."
    assert [text[a:b] for a, b in spans] == tokens


def _write(tmp: Path, sentences: str, conll: str) -> Path:
    (tmp / "sentences.tsv").write_text(sentences, encoding="utf-8")
    (tmp / "actors.conll").write_text(conll, encoding="utf-8")
    return tmp


SENTENCES = (
    "text\tpentaclass\n"
    "Kenya condemned the attack on its embassy.\t3\n"  # 111: class 3, right
    "Japan sent emergency aid to Pakistan.\t2\n"  # 073: class 2, right
    "The weather was mild in Oslo.\t0\n"  # no event: wrong
    "France praised Germany.\t4\n"  # 051: class 1, wrong
)
CONLL = """Kenya B-S
condemned O
Egypt B-T
. O

Japan B-S
sent O
aid B-T
to I-T
the I-T
Pakistani I-T
government I-T
. O

The O
weather O
was O
mild O
. O
"""


def test_evaluate_scores(ev: ModuleType, tmp_path: Path, default_codebook: Codebook) -> None:
    data = _write(tmp_path, SENTENCES, CONLL)
    failures: list[dict[str, object]] = []
    res = ev.evaluate(data, default_codebook, failures=failures).as_dict()
    assert res["sentences"] == 4
    assert res["coverage"] == 0.75
    assert res["pentaclass_accuracy"] == 0.5
    assert res["confusion"]["0"]["none"] == 1
    assert res["confusion"]["4"]["1"] == 1
    # macro-F1 over the five classes: class 2 and 3 perfect, 0 and 4 missed, class 1 predicted wrongly
    assert res["pentaclass_macro_f1"] == 0.4
    assert res["per_class"]["1"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert res["per_class"]["2"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    # sources: Kenya and Japan both right (2 of 2 tokens)
    assert res["source_token_f1"] == 1.0
    # targets: Egypt right; 'the Pakistani government' coded, 'aid to' missed: 4 of 6 gold tokens,
    # no false ones
    assert res["target_token_f1"] == pytest.approx(2 * 1.0 * (4 / 6) / (1 + 4 / 6), abs=1e-4)
    kinds = sorted(str(f["set"]) for f in failures)
    assert kinds == ["actors", "sentences", "sentences"]
    assert all("trace" in f for f in failures)


def test_main_writes_json_and_failures(ev: ModuleType, tmp_path: Path) -> None:
    data = _write(tmp_path, SENTENCES, CONLL)
    out = tmp_path / "out" / "eval.json"
    fails = tmp_path / "fails.txt"
    assert ev.main(["--data", str(data), "--out", str(out), "--failures", str(fails)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["coverage"] == 0.75
    assert "no event" in fails.read_text(encoding="utf-8")


def test_missing_data_is_a_clear_error(
    ev: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert ev.main(["--data", str(tmp_path), "--out", str(tmp_path / "x.json")]) == 2
    err = capsys.readouterr().err
    assert "sentences.tsv not found" in err
    assert not (tmp_path / "x.json").exists()


def test_bad_label_names_file_and_line(ev: ModuleType, tmp_path: Path) -> None:
    data = _write(tmp_path, "text\tpentaclass\nA sentence.\t7\n", "")
    with pytest.raises(SystemExit, match=r"sentences.tsv:2: expected text, a tab and a class 0-4"):
        ev.read_sentences(data / "sentences.tsv")
