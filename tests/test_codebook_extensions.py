"""The codebook format's additions for imported dictionaries: settings, codes, columns (table-driven)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcodes.codebook import load_codebook
from eventcodes.errors import CodebookError

ROLES = "code,label\nGOV,government\nFRM,foreign ministry\n"
EVENTS = "code,name,goldstein,quad_class\n040,consult,1.0,1\n122,condemn,-2.0,3\n"


def _codebook(
    root: Path,
    settings: str = "",
    actors: str = "phrase,code\nZembla,ZEM\n",
    events: str = EVENTS,
    verbs: str = "verb,code,rule_id\ncondemn,122,v1\n",
    extra_tables: str = "",
    files: dict[str, str] | None = None,
) -> Path:
    (root / "manifest.toml").write_text(
        'name = "t"\nversion = "1"\n[tables]\nevent_codes = "events.csv"\nroles = "roles.csv"\n'
        f'actors = ["actors.csv"]\nverbs = ["verbs.csv"]\n{extra_tables}\n[settings]\n{settings}\n',
        encoding="utf-8",
    )
    for name, text in {
        "events.csv": events,
        "roles.csv": ROLES,
        "actors.csv": actors,
        "verbs.csv": verbs,
        **(files or {}),
    }.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("setting", "attribute", "value"),
    [
        ("new_actor_length = 3", "new_actor_length", 3),
        ("comma_min = 2", "comma_min", 2),
        ("comma_max = 8", "comma_max", 8),
        ("comma_bmin = 3", "comma_bmin", 3),
        ("comma_bmax = 6", "comma_bmax", 6),
        ("comma_emin = 2", "comma_emin", 2),
        ("comma_emax = 8", "comma_emax", 8),
        ("require_dyad = true", "require_dyad", True),
        ('paired_codes = "first"', "paired_codes", "first"),
        ('actor_dates = "first"', "actor_dates", "first"),
        ('code_syntax = "petrarch"', "code_syntax", "petrarch"),
        ("", "comma_max", 0),  # off unless set
        ("", "paired_codes", "both"),
    ],
)
def test_settings(tmp_path: Path, setting: str, attribute: str, value: object) -> None:
    cb = load_codebook(_codebook(tmp_path, setting))
    assert getattr(cb.settings, attribute) == value


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('paired_codes = "reverse"', "paired_codes must be"),
        ('code_syntax = "weis"', "code_syntax must be"),
        ('actor_dates = "last"', "actor_dates must be"),
        ("comma_max = -1", "comma_max must be 0 or more"),
        ('comma_min = "2"', "comma_min must be a int"),
    ],
)
def test_bad_settings(tmp_path: Path, setting: str, message: str) -> None:
    with pytest.raises(CodebookError, match=message):
        load_codebook(_codebook(tmp_path, setting))


FOREIGN = EVENTS + "223,a WEIS code,,\n+++,unknown,,\n"


def test_codes_outside_cameo_need_code_syntax_petrarch(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match="goldstein '' must be a number"):
        load_codebook(_codebook(tmp_path, events=FOREIGN))
    cb = load_codebook(_codebook(tmp_path, 'code_syntax = "petrarch"', events=FOREIGN))
    assert cb.event_codes["223"].goldstein is None and cb.event_codes["+++"].quad_class is None


@pytest.mark.parametrize(
    ("actors", "ok_cameo", "ok_petrarch"),
    [
        ("phrase,code\nLorien,ELR/GAL\n", False, True),
        ("phrase,code\nYemen,YEMNO\n", False, True),
        ("phrase,code\nZembla,ZEM\n", True, True),
        ("phrase,code\nZembla,ZEM GOV\n", False, False),
    ],
)
def test_actor_codes(tmp_path: Path, actors: str, ok_cameo: bool, ok_petrarch: bool) -> None:
    for setting, ok in (("", ok_cameo), ('code_syntax = "petrarch"', ok_petrarch)):
        path = _codebook(tmp_path, setting, actors=actors)
        if ok:
            load_codebook(path)
        else:
            with pytest.raises(CodebookError, match="actor code"):
                load_codebook(path)


def test_fallback_rows_and_first_match_dates(tmp_path: Path) -> None:
    actors = (
        "phrase,code,start,end,fallback\n"
        "Firefly,FREGOV,1933-01-01,1933-12-31,\n"
        "Firefly,FRE,,,yes\n"
        "Firefly,FRELEG,1933-06-01,1934-12-31,\n"
    )
    # overlapping dated rows clash unless actor_dates = "first"; a fallback never clashes
    with pytest.raises(CodebookError, match="overlapping dates"):
        load_codebook(_codebook(tmp_path, actors=actors))
    cb = load_codebook(_codebook(tmp_path, 'actor_dates = "first"', actors=actors))
    assert [(a.code, a.fallback) for a in cb.actors] == [
        ("FREGOV", False),
        ("FRELEG", False),
        ("FRE", True),
    ]
    bad = "phrase,code,start,end,fallback\nFirefly,FRE,1933-01-01,,yes\n"
    with pytest.raises(CodebookError, match="a fallback row has no start or end"):
        load_codebook(_codebook(tmp_path, actors=bad))


def test_paired_codes_agent_roles_and_no_other_forms(tmp_path: Path) -> None:
    cb = load_codebook(
        _codebook(
            tmp_path,
            verbs="verb,forms,code,rule_id\nmeet,-,040:040,v1\n",
            extra_tables='agents = ["agents.csv"]\ndiscards = ["discards.csv"]\nissues = ["issues.csv"]',
            files={
                "agents.csv": "phrase,role,placement\nforeign minister,GOVFRM,after\nrelief agency,GOV,before\n",
                "discards.csv": "phrase,scope,match\ncroquet,document,stem\n",
                "issues.csv": "phrase,code,category,kind\nferry,FERRIES,TRANSPORT,code\nferry tale,,,ignore_sentence\n",
            },
        )
    )
    meet = cb.verbs[0]
    assert (meet.forms, meet.code, meet.paired) == (("meet",), "040", "040")
    assert [(a.role, a.placement) for a in cb.agents] == [("GOVFRM", "after"), ("GOV", "before")]
    assert cb.discards[0].match == "stem"
    assert [(i.phrase, i.kind) for i in cb.issues] == [
        ("ferry", "code"),
        ("ferry tale", "ignore_sentence"),
    ]


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"agents.csv": "phrase,role\nminister,GOVXYZ\n"}, "unknown role code 'GOVXYZ'"),
        ({"agents.csv": "phrase,role,placement\nminister,GOV,middle\n"}, "placement 'middle'"),
        ({"discards.csv": "phrase,scope,match\ncroquet,sentence,prefix\n"}, "match 'prefix'"),
        ({"issues.csv": "phrase,code,kind\nferry,F,sometimes\n"}, "kind 'sometimes'"),
    ],
)
def test_bad_new_columns(tmp_path: Path, files: dict[str, str], message: str) -> None:
    tables = "\n".join(f'{name.split(".")[0]} = ["{name}"]' for name in files)
    with pytest.raises(CodebookError, match=message):
        load_codebook(_codebook(tmp_path, extra_tables=tables, files=files))
