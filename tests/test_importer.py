"""import-dictionaries: PETRARCH-1/TABARI dictionaries (small fictional ones of our own) into a codebook."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from eventcodes.cli import main
from eventcodes.codebook import load_codebook
from eventcodes.coder import Coder
from eventcodes.documents import Document
from eventcodes.errors import InputError
from eventcodes.importer import ImportResult, import_dictionaries
from eventcodes.importer.actors import issue_forms, parse_code, parse_date

DATA = Path(__file__).parent / "data" / "petrarch"


def _import(out: Path, actors: str = "mini.actors.txt") -> ImportResult:
    return import_dictionaries(
        DATA / "mini.verbs.txt",
        [DATA / actors],
        out,
        agents=DATA / "mini.agents.txt",
        discards=DATA / "mini.discards.txt",
        issues=DATA / "mini.issues.txt",
    )


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[ImportResult, Path]:
    out = tmp_path_factory.mktemp("imp") / "mini"
    return _import(out), out


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def triples(coder: Coder, text: str, day: dt.date) -> list[tuple[str, str, str | None]]:
    events = coder.code_document(Document("t", day, text)).events
    return [(e["source_code"], e["event_code"], e["target_code"]) for e in events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19950601", dt.date(1995, 6, 1)),
        ("950601", dt.date(1995, 6, 1)),
        ("300101", dt.date(2030, 1, 1)),  # YY up to 30 is 20YY
        ("310101", dt.date(1931, 1, 1)),
        ("201005011", dt.date(2010, 5, 1)),  # more than 7 digits: the first 8, as PETRARCH-1
    ],
)
def test_dates_read_as_petrarch_reads_them(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2001", "19951301", "abcdef"])
def test_dates_that_are_not_dates(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(
    ("inner", "code", "start", "end"),
    [
        ("ZEM", "ZEM", None, None),
        ("FREGOV 330101-331231", "FREGOV", dt.date(1933, 1, 1), dt.date(1933, 12, 31)),
        ("SYLGOV 19900101 - 19991231", "SYLGOV", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
        ("HOB < 950601", "HOB", None, dt.date(1995, 6, 1)),
        ("HOB<950601", "HOB", None, dt.date(1995, 6, 1)),
        ("HOBELI >20130119", "HOBELI", dt.date(2013, 1, 19), None),
        ("NGO/ZEM", "NGO/ZEM", None, None),
    ],
)
def test_actor_codes_and_restrictions(
    inner: str, code: str, start: dt.date | None, end: dt.date | None
) -> None:
    spec = parse_code(inner)
    assert (spec.code, spec.start, spec.end) == (code, start, end)


def test_issue_expansions() -> None:
    assert issue_forms("n:ferry") == ["ferry", "ferries"]
    assert issue_forms("v:sail across") == [
        "sail across",
        "sails across",
        "sailed across",
        "sailing across",
    ]
    assert issue_forms("lighthouse+keeper") == ["lighthouse keeper", "lighthouse-keeper"]


def test_import_counts_every_kind_of_line_and_interprets_all(
    imported: tuple[ImportResult, Path],
) -> None:
    result, _ = imported
    assert result.rejected == []
    c = result.counts
    assert c["verb blocks"] == 5
    assert c["verbs"] == 8  # CONDEMN DENOUNCE MEET GIVE +HAND_OVER RE_+SUPPLY ARRIVE SALUTE
    assert c["patterns"] == 8
    assert c["synsets"] == 3 and c["synset members"] == 6
    assert c["actors"] == 6 and c["actor synonyms"] == 4 and c["actor code lines"] == 5
    assert c["stop"] == 1
    assert c["agents"] == 6 and c["agent substitution sets"] == 1
    assert c["discards (document)"] == 1 and c["discards (sentence)"] == 1
    assert c["issues"] == 5
    assert c["comment"] >= 3


def test_verbs_blocks_forms_and_multiword_verbs(imported: tuple[ImportResult, Path]) -> None:
    _, out = imported
    verbs = {r["verb"]: r for r in rows(out / "verbs.csv")}
    # regular forms as PETRARCH-1 makes them; irregular ones as written, and no others
    assert verbs["condemn"]["forms"] == "condemns;condemned;condemning"
    assert verbs["condemn"]["code"] == "122" and verbs["denounce"]["code"] == "121"
    assert verbs["condemn"]["group"] == verbs["denounce"]["group"] == "condemn"
    assert verbs["meet"]["forms"] == "meets;met;meeting"
    assert verbs["arrive"]["code"] == "032:033"
    # a multi-word verb is a pattern of its head verb's group; a head with no verb of its own
    # is a verb with no code
    assert verbs["supply"]["code"] == "" and verbs["supply"]["group"] == "supply.words"
    patterns = {(r["verb"], r["pattern"]): r["code"] for r in rows(out / "patterns.csv")}
    # its own code, else its block's; the block's patterns with "*" standing for its words
    assert patterns[("hand.words", "*_over")] == "071"
    assert patterns[("hand.words", "*_over &MONEY to +")] == "071"
    assert patterns[("supply.words", "re_*")] == "070"
    assert patterns[("supply.words", "re_* nothing")] == "---"
    assert patterns[("meet", "% *")] == "043:043"
    assert patterns[("meet", "* { trade|border_guards }")] == "045"
    assert patterns[("condemn", "&AUX_* by $")] == "124"
    assert patterns[("give", "* nothing")] == "---"
    # no '*': PETRARCH-1 reads all its words as coming before the verb
    assert patterns[("arrive", "noposition_words *")] == "099"
    synsets = {(r["name"], r["member"]) for r in rows(out / "synsets.csv")}
    assert ("MONEY", "silver bars") in synsets  # a nested synset is flattened
    assert ("MONEY", "gold crowns") in synsets


def test_actors_synonyms_dates_and_fallback(imported: tuple[ImportResult, Path]) -> None:
    _, out = imported
    table = rows(out / "actors" / "mini.actors.csv")
    firefly = [
        (r["code"], r["start"], r["end"], r["fallback"]) for r in table if r["phrase"] == "firefly"
    ]
    assert firefly == [
        ("FREGOV", "1933-01-01", "1933-12-31", ""),
        ("FRELEG", "1934-01-01", "", ""),
        ("FREELI", "", "1932-12-31", ""),
        ("FRE", "", "", "yes"),
    ]
    phrases = {r["phrase"] for r in table}
    assert {"zembla", "zemblan", "onhava", "rufus firefly", "count zarkov"} <= phrases
    assert "ignored after stop" not in phrases
    assert ("order of the lamp", "NGO/ZEM") in {(r["phrase"], r["code"]) for r in table}


def test_agents_plurals_placement_and_substitution(imported: tuple[ImportResult, Path]) -> None:
    _, out = imported
    agents = {r["phrase"]: r for r in rows(out / "agents.csv")}
    assert agents["police"]["plural"] == "-"
    assert agents["lawmaker"]["plural"] == "lawmakers"
    assert agents["ferry"]["plural"] == "ferries"
    assert (agents["relief agency"]["role"], agents["relief agency"]["placement"]) == (
        "NGO",
        "before",
    )
    assert agents["relief agency"]["plural"] == "relief agencies"
    assert agents["foreign minister"]["role"] == "GOVFRM"
    for sub in ("minister", "ministers", "ministry", "ministries"):
        assert agents[f"{sub} of lighthouses"]["plural"] == "-"


def test_discards_and_issues(imported: tuple[ImportResult, Path]) -> None:
    _, out = imported
    discards = {r["phrase"]: (r["scope"], r["match"]) for r in rows(out / "discards.csv")}
    assert discards == {
        "croquet tournament": ("document", "stem"),
        "years later": ("sentence", "word"),
    }
    issues = {(r["phrase"], r["kind"]) for r in rows(out / "issues.csv")}
    assert ("ferries", "code") in issues and ("ferry tale", "ignore_sentence") in issues
    assert ("ferry godmother", "ignore_story") in issues


def test_imported_codebook_loads_with_its_settings(imported: tuple[ImportResult, Path]) -> None:
    _, out = imported
    cb = load_codebook(out)
    assert cb.settings.code_syntax == "petrarch" and cb.settings.require_dyad
    assert {p.paired for p in cb.patterns if p.pattern.text == "% *"} == {"043"}
    arrive = next(v for v in cb.verbs if v.verb == "arrive")
    assert (arrive.code, arrive.paired) == ("032", "033")
    assert {d.match for d in cb.discards} == {"stem", "word"}
    assert len(cb.issues) >= 10
    # the undated code comes after the dated rows of its phrase
    firefly = [a for a in cb.actors if a.phrase == "firefly"]
    assert [a.fallback for a in firefly] == [False, False, False, True]


@pytest.mark.parametrize(
    ("day", "source"),
    [
        (dt.date(1933, 6, 1), "FREGOV"),
        (dt.date(1935, 6, 1), "FRELEG"),
        (dt.date(1933, 12, 31), "FREGOV"),  # bounds are inclusive
        (dt.date(1934, 1, 1), "FRELEG"),
        (dt.date(1932, 12, 31), "FREELI"),
    ],
)
def test_coding_with_date_restricted_actors(
    imported: tuple[ImportResult, Path], day: dt.date, source: str
) -> None:
    _, out = imported
    coder = Coder(load_codebook(out))
    assert triples(coder, "Firefly condemned Zembla.", day) == [(source, "122", "ZEM")]


def test_the_undated_code_only_when_no_restriction_applies(
    imported: tuple[ImportResult, Path],
) -> None:
    _, out = imported
    coder = Coder(load_codebook(out))
    day = dt.date(2005, 3, 1)  # in none of Count Zarkov's terms
    assert triples(coder, "Count Zarkov condemned Zembla.", day) == [("SYL", "122", "ZEM")]
    assert triples(coder, "Count Zarkov condemned Zembla.", dt.date(1995, 3, 1)) == [
        ("SYLGOV", "122", "ZEM")
    ]


def test_lines_that_cannot_be_read_are_reported_with_file_and_line(tmp_path: Path) -> None:
    result = import_dictionaries(
        DATA / "mini.verbs.txt", [DATA / "bad.actors.txt"], tmp_path / "bad"
    )
    found = {(f.line, f.status) for f in result.findings if f.path.name == "bad.actors.txt"}
    assert (1, "rejected") in found  # a code line before any actor
    assert (2, "skipped") in found  # 2001-2002 is not a date PETRARCH-1 reads
    assert (3, "skipped") in found  # a range that ends before it starts
    text = result.render()
    assert f"{DATA / 'bad.actors.txt'}:1: a code line before any actor phrase" in text


def test_a_directory_not_written_by_the_importer_is_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError, match="was not written by import-dictionaries"):
        _import(tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_import_again_replaces_an_earlier_import(tmp_path: Path) -> None:
    _import(tmp_path / "out")
    result = _import(tmp_path / "out")
    assert result.rejected == [] and (tmp_path / "out" / "manifest.toml").is_file()


def test_cli_import_dictionaries(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli"
    code = main(
        [
            "import-dictionaries",
            "--verbs",
            str(DATA / "mini.verbs.txt"),
            "--actors",
            str(DATA / "mini.actors.txt"),
            str(DATA / "bad.actors.txt"),
            "--agents",
            str(DATA / "mini.agents.txt"),
            "--discards",
            str(DATA / "mini.discards.txt"),
            "--issues",
            str(DATA / "mini.issues.txt"),
            "-o",
            str(out),
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0
    assert (
        "verb blocks 5" in printed and "bad.actors.txt:1: a code line before any actor" in printed
    )
    assert "1 line(s) not interpreted" in printed
    assert load_codebook(out).name == "imported-mini.verbs"


def test_a_code_outside_cameo_is_written_with_null_goldstein_and_quad_class(
    imported: tuple[ImportResult, Path], tmp_path: Path
) -> None:
    import pyarrow.parquet as pq

    from eventcodes.run import code_corpus

    _, out = imported
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        '{"id": "a", "date": "1995-01-02", "text": "Zembla saluted Ruritania."}\n', encoding="utf-8"
    )
    code_corpus([docs], tmp_path / "dataset", codebook_path=out, progress=False)
    events = pq.read_table(tmp_path / "dataset" / "events.parquet").to_pylist()
    assert [(e["source_code"], e["event_code"], e["target_code"]) for e in events] == [
        ("ZEM", "04a", "RUR")
    ]
    assert events[0]["quad_class"] is None and events[0]["goldstein"] is None


def test_check_codebook_reads_an_imported_codebook(
    imported: tuple[ImportResult, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, out = imported
    assert main(["check-codebook", str(out)]) == 0
    assert "ok: imported-mini.verbs" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # PETRARCH-1 codes an announced or refused action as the action itself
        ("Zembla will condemn Ruritania.", [("ZEM", "122", "RUR")]),
        ("Zembla condemned Ruritania.", [("ZEM", "122", "RUR")]),
    ],
)
def test_announced_actions_are_the_action(
    imported: tuple[ImportResult, Path], text: str, expected: list[tuple[str, str, str]]
) -> None:
    _, out = imported
    assert triples(Coder(load_codebook(out)), text, dt.date(1995, 1, 2)) == expected
