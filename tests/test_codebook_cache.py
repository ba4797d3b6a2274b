"""The compiled-codebook cache (codebook/cache.py) and the loader's fast paths never change results."""

from __future__ import annotations

import datetime as dt
import gc
import shutil
from pathlib import Path

import pytest

from conftest import MINI, ROOT, SAMPLE
from eventcodes import Coder, Document, load_codebook, read_documents
from eventcodes.codebook import cache
from eventcodes.codebook.keys import fast_phrase_key, plain_words
from eventcodes.codebook.nogc import paused_gc
from eventcodes.importer import import_dictionaries
from eventcodes.tokens import phrase_key

PETRARCH = Path(__file__).parent / "data" / "petrarch"
DAY = dt.date(2024, 11, 4)
DEFAULT = ROOT / "codebooks" / "default"
TEXTS = [
    "North Korean leader Kim Jong Un met South Korean President Moon Jae-in in Pyongyang.",
    "Russia accused Ukraine of shelling a power plant.",
    "The European Union imposed sanctions on Iran on Tuesday.",
    "Police arrested twelve protesters in Nairobi.",
    "Aragorn Elessar met the Gondor government.",  # the mini codebook codes this one
    "Arnor condemned Gondor's attack.",
]


@pytest.mark.parametrize(
    "phrase",
    [
        "afghanistan",
        "abdul qadir",
        "haji mohammad chamkani",
        "US",  # capitals kept
        "u.s. army",  # an abbreviation
        "Côte d'Ivoire",  # accents and a clitic
        "cote d’ivoire",
        "al-qaeda",
        "o'neil",
        "ravan a.g. farhadi",
        "two  spaces",
        " leading",
        "abc1",
        "1st army",
        "Kim Jong Un",
    ],
)
def test_fast_phrase_key_is_phrase_key(phrase: str) -> None:
    assert fast_phrase_key(phrase) == phrase_key(phrase)


@pytest.mark.parametrize(
    ("phrase", "words"),
    [
        ("abdul qadir", ["abdul", "qadir"]),
        ("x", ["x"]),
        ("Abdul qadir", None),
        ("al-qaeda", None),
        ("two  spaces", None),
        ("abc1", None),
        ("", None),
    ],
)
def test_plain_words(phrase: str, words: list[str] | None) -> None:
    assert plain_words(phrase) == words


@pytest.mark.parametrize("enabled", [True, False])
def test_paused_gc_restores_the_collector(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with paused_gc():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), paused_gc():
            raise RuntimeError
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_paused_gc_leaves_a_programs_frozen_objects_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            kept = [[i] for i in range(1000)]
        assert gc.get_freeze_count() == frozen
        assert len(kept) == 1000
    finally:
        gc.unfreeze()


def test_paused_gc_moves_what_it_made_to_the_oldest_generation() -> None:
    if gc.get_freeze_count() or not gc.isenabled():
        pytest.skip("the program froze objects or turned the collector off")
    with paused_gc():
        made = [[i] for i in range(10_000)]
    assert gc.get_count()[0] < 1_000  # not 10,000 objects waiting in the youngest generation
    assert len(made) == 10_000


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return an empty cache directory in use, with every codebook cached however small."""
    directory = tmp_path / "cache"
    monkeypatch.setenv("EVENTCODES_CACHE_DIR", str(directory))
    monkeypatch.delenv("EVENTCODES_CACHE", raising=False)
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    return directory


def _events(codebook_dir: Path, sample: bool = False) -> list[list[dict[str, object]]]:
    coder = Coder(load_codebook(codebook_dir))
    docs = [Document(id=f"t{i}", date=DAY, text=t) for i, t in enumerate(TEXTS)]
    if sample:
        docs += [d for d in read_documents([SAMPLE]) if isinstance(d, Document)]
    return [coder.code_document(d).events for d in docs]


def _uncached(codebook_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[list[dict[str, object]]]:
    with monkeypatch.context() as m:
        m.setenv("EVENTCODES_CACHE", "off")
        return _events(codebook_dir, sample=True)


def _copy(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "codebook"
    shutil.copytree(source, target)
    return target


def test_a_warm_cache_codes_as_no_cache(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy(MINI, tmp_path)
    expected = _uncached(root, monkeypatch)
    assert any(expected)
    assert not cache_dir.exists()  # off: nothing written
    cold = load_codebook(root)
    assert "compiled" not in vars(cold)
    assert list(cache_dir.glob("*.pickle")) == []  # written once compiled, not before
    cold.compiled  # noqa: B018
    assert len(list(cache_dir.glob("*.pickle"))) == 1
    warm = load_codebook(root)
    assert "compiled" in vars(warm)  # read from the cache, matchers and all
    assert warm is not cold
    for field in ("name", "version", "path", "hash", "actors", "agents", "verbs", "patterns"):
        assert getattr(warm, field) == getattr(cold, field), field
    assert dict(warm.synsets) == dict(cold.synsets)
    assert warm.settings == cold.settings
    assert _events(root, sample=True) == expected


def test_the_default_codebook_through_the_cache_codes_the_sample_corpus_the_same(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _uncached(DEFAULT, monkeypatch)
    assert sum(len(events) for events in expected) > 100
    load_codebook(DEFAULT).compiled  # noqa: B018 - writes the cache
    assert "compiled" in vars(load_codebook(DEFAULT))
    assert _events(DEFAULT, sample=True) == expected


def test_an_edited_table_is_not_read_from_the_cache(cache_dir: Path, tmp_path: Path) -> None:
    root = _copy(MINI, tmp_path)
    load_codebook(root).compiled  # noqa: B018
    with (root / "actors" / "states.csv").open("a", encoding="utf-8") as fh:
        fh.write("Grand Fenwick,GFK\n")
    edited = load_codebook(root)
    assert "compiled" not in vars(edited)  # a miss: read from the tables
    assert "Grand Fenwick" in {a.phrase for a in edited.actors}
    edited.compiled  # noqa: B018 - rewrites the same slot
    assert len(list(cache_dir.glob("*.pickle"))) == 1
    warm = load_codebook(root)
    assert "compiled" in vars(warm)
    assert "Grand Fenwick" in {a.phrase for a in warm.actors}


def test_an_edited_base_layer_is_not_read_from_the_cache(cache_dir: Path, tmp_path: Path) -> None:
    import_dictionaries(
        PETRARCH / "mini.verbs.txt", [PETRARCH / "mini.actors.txt"], tmp_path / "imported"
    )
    user = tmp_path / "mine"
    user.mkdir()
    (user / "manifest.toml").write_text(
        'name = "mine"\nversion = "1"\nextends = ["../imported"]\n\n'
        '[tables]\nactors = ["actors.csv"]\n',
        encoding="utf-8",
    )
    (user / "actors.csv").write_text("phrase,code\nGrand Fenwick,GFK\n", encoding="utf-8")
    load_codebook(user).compiled  # noqa: B018
    assert "compiled" in vars(load_codebook(user))
    base = next((tmp_path / "imported" / "actors").glob("*.csv"))
    header = base.read_text(encoding="utf-8").splitlines()[0].split(",")
    with base.open("a", encoding="utf-8") as fh:
        fh.write(",".join(["Freedonia", "FRD"] + [""] * (len(header) - 2)) + "\n")
    edited = load_codebook(user)
    assert "compiled" not in vars(edited)
    assert "Freedonia" in {a.phrase for a in edited.actors}


def test_an_edited_base_manifest_without_tables_is_not_read_from_the_cache(
    cache_dir: Path, tmp_path: Path
) -> None:
    base = tmp_path / "base"
    base.mkdir()
    (base / "manifest.toml").write_text(
        'name = "base"\nversion = "1"\n\n[settings]\nbackground_days = 30\n', encoding="utf-8"
    )
    root = _copy(MINI, tmp_path)
    manifest = root / "manifest.toml"
    manifest.write_text(
        'extends = ["../base"]\n' + manifest.read_text(encoding="utf-8"), encoding="utf-8"
    )
    first = load_codebook(root)
    first.compiled  # noqa: B018
    assert load_codebook(root).settings.background_days == 30
    (base / "manifest.toml").write_text(
        'name = "base"\nversion = "1"\n\n[settings]\nbackground_days = 90\n', encoding="utf-8"
    )
    edited = load_codebook(root)
    assert "compiled" not in vars(edited)
    assert edited.settings.background_days == 90
    assert edited.hash != first.hash  # the codebook's hash (summary.json, --resume) sees it too


def test_a_damaged_cache_file_is_rebuilt(cache_dir: Path, tmp_path: Path) -> None:
    root = _copy(MINI, tmp_path)
    load_codebook(root).compiled  # noqa: B018
    (slot,) = cache_dir.glob("*.pickle")
    data = slot.read_bytes()
    slot.write_bytes(data[: len(data) // 2])  # truncated: the key line is right, the pickle not
    again = load_codebook(root)
    assert "compiled" not in vars(again)
    again.compiled  # noqa: B018 - written again
    assert "compiled" in vars(load_codebook(root))
    slot.write_bytes(b"not a cache file\n")
    assert "compiled" not in vars(load_codebook(root))


def test_an_unwritable_cache_directory_still_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("EVENTCODES_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.delenv("EVENTCODES_CACHE", raising=False)
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    root = _copy(MINI, tmp_path)
    expected = _uncached(root, monkeypatch)
    codebook = load_codebook(root)
    codebook.compiled  # noqa: B018 - the write fails, silently
    assert _events(root, sample=True) == expected
    assert blocker.read_text(encoding="utf-8") == "not a directory"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_the_cache_can_be_turned_off(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCODES_CACHE", "off")
    assert cache.cache_dir() is None
    load_codebook(MINI).compiled  # noqa: B018
    assert not cache_dir.exists()


def test_small_codebooks_are_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCODES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("EVENTCODES_CACHE", raising=False)
    load_codebook(MINI).compiled  # noqa: B018
    load_codebook().compiled  # noqa: B018 - its tables are under MIN_BYTES (places not counted)
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"EVENTCODES_CACHE_DIR": "/x/y"}, Path("/x/y")),
        ({"XDG_CACHE_HOME": "/xdg"}, Path("/xdg/eventcodes")),
        ({"HOME": "/home/u"}, Path("/home/u/.cache/eventcodes")),
        ({"EVENTCODES_CACHE": "off", "EVENTCODES_CACHE_DIR": "/x/y"}, None),
        ({"EVENTCODES_CACHE": "0"}, None),
    ],
)
def test_cache_dir(
    env: dict[str, str], expected: Path | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("EVENTCODES_CACHE", "EVENTCODES_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cache.cache_dir() == expected


def test_use_cache_false_reads_and_writes_nothing(cache_dir: Path, tmp_path: Path) -> None:
    root = _copy(MINI, tmp_path)
    load_codebook(root, use_cache=False).compiled  # noqa: B018
    assert not cache_dir.exists()
    load_codebook(root).compiled  # noqa: B018
    assert "compiled" in vars(load_codebook(root))
    assert "compiled" not in vars(load_codebook(root, use_cache=False))


def test_files_of_removed_codebooks_are_pruned(cache_dir: Path, tmp_path: Path) -> None:
    gone = shutil.copytree(MINI, tmp_path / "temporary")
    load_codebook(gone).compiled  # noqa: B018
    (stale,) = cache_dir.glob("*.pickle")
    shutil.rmtree(gone)
    foreign = cache_dir / "codebook-foreign.pickle"
    foreign.write_bytes(b"key\nnot hex\n")
    kept = _copy(MINI, tmp_path)
    load_codebook(kept).compiled  # noqa: B018 - writing prunes the codebook that is gone
    assert not stale.exists()
    assert foreign.exists()  # not one of ours: left alone
    assert len(list(cache_dir.glob("*.pickle"))) == 2
