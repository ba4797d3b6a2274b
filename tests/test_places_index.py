"""The gazetteer index loads names lazily, by first word; loaded, they are what one pass gives."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from pathlib import Path

from eventcodes.places import Kind, Place, PlaceIndex, load_place_index, read_places

PLACES = Path(__file__).resolve().parents[1] / "codebooks" / "default" / "places" / "places.csv"


def _every_name_at_once(index: PlaceIndex, rows: list[tuple[Place, tuple[str, ...]]]) -> dict:
    """The index's names the straightforward way: every row in order, its own name first."""
    divisions: dict[str, Place] = {}
    for place, _ in rows:
        if place.kind is Kind.DIVISION and place.adm1_code:
            divisions.setdefault(place.adm1_code, place)
    names: dict[tuple[str, ...], list[tuple[Place, bool]]] = defaultdict(list)
    for place, alternates in rows:
        if place.adm1_code and not place.adm1_name and place.adm1_code in divisions:
            place = dataclasses.replace(place, adm1_name=divisions[place.adm1_code].name)
        key = index.key(place.name)
        if key:
            names[key].append((place, True))
        seen = {key}
        for name in alternates:
            key = index.key(name)
            if key and key not in seen:
                seen.add(key)
                names[key].append((place, False))
    return dict(names)


def test_the_lazy_index_has_every_name_with_its_candidates_in_order() -> None:
    index = load_place_index([PLACES])
    assert index.loaded == {}  # nothing is loaded before a lookup
    kabul = index.candidates(("kabul",))
    assert kabul and kabul[0].place.country == "AFG"
    assert index.lengths("san")[:1] == (max(len(k) for k in index.names if k[0] == "san"),)
    expected = _every_name_at_once(index, read_places([PLACES]))
    got = {key: [(c.place, c.main) for c in found] for key, found in index.names.items()}
    assert got == expected
    assert index.first_words == {key[0] for key in expected}
    # one Place object per row: a row's own name and its alternates share it
    by_row = {}
    for found in index.names.values():
        for c in found:
            assert by_row.setdefault(c.place.where, c.place) is c.place


def test_a_users_row_with_a_division_code_alone_takes_the_divisions_name(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "name,alternate_names,kind,country,adm1_code\nKhanasir,Khanaser,city,SYR,SY-HL\n",
        encoding="utf-8",
    )
    index = PlaceIndex(read_places([PLACES, path]))
    (own,) = [c for c in index.candidates(("khanasir",)) if c.place.where.startswith(str(path))]
    (alternate,) = index.candidates(("khanaser",))
    assert own.place.adm1_name == "Ḩalab" and own.main and not alternate.main
    assert alternate.place is own.place
