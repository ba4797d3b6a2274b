"""The gazetteer's cache on disk (places/cache.py): a hit is the index the tables give, anything
else (an edited table, a damaged file, the cache turned off) reads the tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eventcodes.places import Kind, Place, PlaceIndex, load_place_index
from eventcodes.places import index as index_module

PLACES = Path(__file__).resolve().parents[1] / "codebooks" / "default" / "places" / "places.csv"
PHRASES = {"Ukrainian": "UKR", "Libyan": "LBY", "Tripoli": "LBY", "New Zealand": "NZL"}
KEYS = [("kabul",), ("tripoli",), ("san", "jose"), ("new", "york"), ("hyderabad",), ("may",)]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("EVENTCODES_CACHE_DIR", str(directory))
    monkeypatch.delenv("EVENTCODES_CACHE", raising=False)
    return directory


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the readings of the tables (a miss of the cache)."""
    counted: list[int] = []
    read = index_module._read_records

    def counting(paths):  # type: ignore[no-untyped-def]
        counted.append(1)
        return read(paths)

    monkeypatch.setattr(index_module, "_read_records", counting)
    return counted


def _summary(index: PlaceIndex) -> tuple[object, ...]:
    return (
        {key: [(c.place, c.main) for c in index.candidates(key)] for key in KEYS},
        {key: index.lengths(key[0]) for key in KEYS},
        index.country_phrases,
        index.divisions,
        index.countries,
        index.major,
        set(index.first_words),
    )


def test_a_hit_is_the_index_the_tables_give(cache: Path, reads: list[int]) -> None:
    first = load_place_index([PLACES], PHRASES)
    assert len(reads) == 1 and len(list(cache.glob("places-*.pickle"))) == 1
    second = load_place_index([PLACES], PHRASES)
    assert len(reads) == 1  # read from the cache
    assert second.loaded == {}  # the country phrases come from the cache too: nothing loaded yet
    assert _summary(second) == _summary(first)
    other = load_place_index([PLACES], {"Ukrainian": "UKR"})  # other phrases: another key
    assert len(reads) == 2 and other.country_phrases != first.country_phrases


def test_a_damaged_file_is_a_miss(cache: Path, reads: list[int]) -> None:
    expected = _summary(load_place_index([PLACES], PHRASES))
    (path,) = cache.glob("places-*.pickle")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert _summary(load_place_index([PLACES], PHRASES)) == expected
    assert len(reads) == 2
    path.write_bytes(b"not a key\n" + data)
    assert _summary(load_place_index([PLACES], PHRASES)) == expected
    assert len(reads) == 3


def test_an_edited_table_is_a_miss(cache: Path, tmp_path: Path, reads: list[int]) -> None:
    table = tmp_path / "places.csv"
    shutil.copyfile(PLACES, table)
    assert load_place_index([table]).candidates(("zzyzx",)) == []
    with table.open("a", encoding="utf-8") as fh:
        fh.write("Zzyzx,,city,USA,US-CA,California,35.14,-116.1,10,,,\n")
    (found,) = load_place_index([table]).candidates(("zzyzx",))
    assert found.place.country == "USA" and found.place.latitude == 35.14
    assert len(reads) == 2


def test_the_cache_turned_off_writes_nothing(
    cache: Path, reads: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVENTCODES_CACHE", "off")
    load_place_index([PLACES])
    load_place_index([PLACES])
    assert len(reads) == 2 and not cache.exists()


def test_a_row_holding_the_tables_separators_is_kept_whole() -> None:
    odd = Place("Odd\x1fName", Kind.CITY, "AFG", None, None, 1.5, 2.5, 10, None, "", "x:2")
    plain = Place("Kabul", Kind.CITY, "AFG", None, None, 34.5, 69.2, 100, 1, "", "x:3")
    index = PlaceIndex([(odd, ("Odd\x1eOther",)), (plain, ("Cabul",))])
    assert index.table.fields(0) == index_module._fields(odd)
    assert index.table.names(0) == ("Odd\x1fName", ["Odd\x1eOther"])
    assert index.table.fields(1) == index_module._fields(plain)
    assert [c.place for c in index.candidates(("cabul",))] == [plain]


def test_the_file_of_tables_that_are_gone_is_removed(cache: Path, tmp_path: Path) -> None:
    table = tmp_path / "gone" / "places.csv"
    table.parent.mkdir()
    shutil.copyfile(PLACES, table)
    load_place_index([table])
    (old,) = cache.glob("places-*.pickle")
    table.unlink()
    load_place_index([PLACES])  # writing another file prunes the directory
    (new,) = cache.glob("places-*.pickle")
    assert new != old and not old.exists()
