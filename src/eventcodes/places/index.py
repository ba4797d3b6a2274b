"""The places tables of a codebook, read and validated, as an index from name to places."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..codebook.tables import csv_records
from ..errors import CodebookError, Problem
from ..tokens import Tokenizer
from .model import Kind, Place

REQUIRED_COLUMNS = ("name", "kind", "country")
OPTIONAL_COLUMNS = (
    "alternate_names",
    "adm1_code",
    "adm1_name",
    "latitude",
    "longitude",
    "population",
    "geonames_id",
    "context",
    "origin",
    "note",
)
CONTEXTS = ("", "word", "person")
_ALPHA3_RE = re.compile(r"^[A-Z]{3}$")
_ADM1_RE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_PLAIN_RE = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")
_CAPITALS_RE = re.compile(r"\b[A-Z]{2,}\b")

#: how much a name counts when it is only an alternate spelling of the place
ALTERNATE_WEIGHT = 0.1
#: a place in another country at least this share of the best one's size makes a name ambiguous
#: (Tripoli: Lebanon's is 18% of Libya's; Hyderabad: Pakistan's is 27% of India's) when it is a
#: major place: of a million people or more, or one of the largest places of its country
#: (Tripoli is Lebanon's second city); Barcelona in Venezuela (26% of Spain's, its seventh
#: city) and Birmingham, Alabama do not make Barcelona and Birmingham ambiguous
RIVAL_SHARE = 0.15
MAJOR_POPULATION = 1_000_000
MAJOR_RANK = 3
#: which kind wins among same-named places of one country: ``in Panama`` is the country,
#: ``in Kabul`` the city rather than the province
KIND_RANK = {Kind.COUNTRY: 2, Kind.CITY: 1, Kind.DIVISION: 0}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may stand for, and whether the name is its main name."""

    place: Place
    main: bool

    @property
    def weight(self) -> float:
        size = max(self.place.population, 1)
        return size if self.main else size * ALTERNATE_WEIGHT


def _number(value: str, column: str, low: float, high: float, errors: list[str]) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not low <= number <= high:
        errors.append(f"{column} {value!r} must be a number from {low:g} to {high:g}")
        return None
    return number


def _count(value: str, column: str, errors: list[str]) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        errors.append(f"{column} {value!r} must be a whole number, 0 or more")
        return None
    return int(value)


COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
#: a row's cells in COLUMNS order
Cells = tuple[str, str, str, str, str, str, str, str, str, str, str, str, str]


def _check(cells: Cells, kind: Kind | None, errors: list[str]) -> tuple[Any, Any, int, Any]:
    """Append what is wrong with a row to ``errors``; return its latitude, longitude, population
    and GeoNames id."""
    name, kind_text, country, _alts, adm1, _adm1_name, lat_text, lon_text = cells[:8]
    population_text, id_text, context = cells[8], cells[9], cells[10]
    if not name:
        errors.append("empty name")
    if kind is None:
        errors.append(f"kind {kind_text!r} must be city, division or country")
    if not _ALPHA3_RE.match(country):
        errors.append(f"country {country!r} must be an ISO 3166-1 alpha-3 code (SYR)")
    if adm1 and not _ADM1_RE.match(adm1):
        errors.append(f"adm1_code {adm1!r} must be an ISO 3166-2 code such as SY-HL")
    if kind is Kind.DIVISION and not adm1:
        errors.append("a division needs its ISO 3166-2 adm1_code")
    if context and context not in CONTEXTS:
        errors.append(f"context {context!r} must be empty, word or person")
    lat = _number(lat_text, "latitude", -90.0, 90.0, errors) if lat_text else None
    lon = _number(lon_text, "longitude", -180.0, 180.0, errors) if lon_text else None
    if (lat is None) != (lon is None) and not errors:
        errors.append("give both latitude and longitude, or neither")
    population = 0
    if population_text:
        population = _count(population_text, "population", errors) or 0
    geonames_id = _count(id_text, "geonames_id", errors) if id_text else None
    return lat, lon, population, geonames_id


def _table_records(path: Path, problems: list[Problem]) -> Iterator[tuple[int, Cells]]:
    """Yield (line, cells in COLUMNS order) of a places table; header problems go to ``problems``.

    The records come from csv_records, the one reader of codebook tables; the header is checked
    as read_table checks it, without a Row per record (the default table has 70,000 rows).
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        problems.append(
            Problem(
                path, 0, f"cannot read the table ({exc.strerror}); check the path in manifest.toml"
            )
        )
        return
    except UnicodeDecodeError:
        problems.append(Problem(path, 1, "not valid UTF-8; save the table as UTF-8"))
        return
    records = csv_records(text)
    first = next(records, None)
    if first is None:
        problems.append(
            Problem(
                path, 1, f"empty table: it needs a header row with {', '.join(REQUIRED_COLUMNS)}"
            )
        )
        return
    line, header = first[0], [c.strip() for c in first[1]]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        problems.append(
            Problem(
                path,
                line,
                f"missing column(s) {', '.join(missing) or '-'}, unknown column(s) "
                f"{', '.join(unknown) or '-'}; allowed: {', '.join(COLUMNS)}",
            )
        )
        return
    width = len(header)
    # an absent column reads the empty cell appended after the row's own
    pick = itemgetter(*(header.index(c) if c in header else width for c in COLUMNS))
    for line, record in records:
        if len(record) != width:
            problems.append(
                Problem(
                    path,
                    line,
                    f"{len(record)} cells but the header has {width}; quote cells that contain commas",
                )
            )
            continue
        record.append("")
        yield line, pick([c.strip() for c in record])


def read_places(paths: Sequence[Path]) -> list[tuple[Place, tuple[str, ...]]]:
    """Return every row of the places tables as (place, its alternate names).

    Raises CodebookError naming every bad row as ``path:line: message``.
    """
    problems: list[Problem] = []
    out: list[tuple[Place, tuple[str, ...]]] = []
    kinds = {k.value: k for k in Kind}
    for path in paths:
        where = f"{path}:"
        for line, cells in _table_records(path, problems):
            kind = kinds.get(cells[1])
            errors: list[str] = []
            lat, lon, population, geonames_id = _check(cells, kind, errors)
            if errors or kind is None:
                problems.extend(Problem(path, line, e) for e in errors)
                continue
            alternates = cells[3]
            place = Place(
                cells[0],
                kind,
                cells[2],
                cells[4] or None,
                cells[5] or None,
                lat,
                lon,
                population,
                geonames_id,
                cells[10],
                f"{where}{line}",
            )
            names = (
                tuple(a.strip() for a in alternates.split(";") if a.strip()) if alternates else ()
            )
            out.append((place, names))
    if problems:
        raise CodebookError(problems)
    return out


class PlaceIndex:
    """Names of places (as token keys) -> the places they may stand for; built once per process."""

    def __init__(
        self,
        rows: Iterable[tuple[Place, Sequence[str]]],
        country_phrases: Mapping[str, str] | None = None,
        tokenizer: Tokenizer | None = None,
    ) -> None:
        self.tokenizer = tokenizer or Tokenizer()
        names: dict[tuple[str, ...], list[Candidate]] = defaultdict(list)
        self.divisions: dict[str, Place] = {}
        self.countries: dict[str, Place] = {}
        places: list[tuple[Place, Sequence[str]]] = list(rows)
        for place, _alternates in places:
            if place.kind is Kind.DIVISION and place.adm1_code:
                self.divisions.setdefault(place.adm1_code, place)
            elif place.kind is Kind.COUNTRY:
                self.countries.setdefault(place.country, place)
        for place, alternates in places:
            if place.adm1_code and not place.adm1_name and place.adm1_code in self.divisions:
                # a user's row may give the division's code alone: its name comes from ISO
                place = _with_adm1_name(place, self.divisions[place.adm1_code].name)
            key = self.key(place.name)
            if key:
                names[key].append(Candidate(place, True))
            if alternates:
                seen = {key}
                for name in alternates:
                    key = self.key(name)
                    if key and key not in seen:
                        seen.add(key)
                        names[key].append(Candidate(place, False))
        self.names: dict[tuple[str, ...], list[Candidate]] = dict(names)
        by_country: dict[str, list[Place]] = defaultdict(list)
        for place, _alternates in places:
            if place.kind is Kind.CITY:
                by_country[place.country].append(place)
        #: the largest places of each country, and every place of a million or more people
        self.major: set[Place] = set()
        for cities in by_country.values():
            cities.sort(key=lambda p: -p.population)
            self.major.update(cities[:MAJOR_RANK])
            self.major.update(p for p in cities[MAJOR_RANK:] if p.population >= MAJOR_POPULATION)
        self.max_words = max((len(k) for k in self.names), default=0)
        #: first word of a name -> the numbers of words of the names beginning with it, longest
        #: first (``san`` -> 4, 3, 2, 1), so that a lookup tries only lengths that exist
        lengths: dict[str, set[int]] = defaultdict(set)
        for key in self.names:
            lengths[key[0]].add(len(key))
        self.first_words: dict[str, tuple[int, ...]] = {
            word: tuple(sorted(found, reverse=True)) for word, found in lengths.items()
        }
        #: phrase key -> alpha-3 for country names and adjectives (``Ukrainian`` -> UKR)
        self.country_phrases: dict[tuple[str, ...], str] = {}
        for phrase, code in (country_phrases or {}).items():
            key = self.key(phrase)
            # a capital (Tripoli, Damascus) names its country as an actor, but it is a place
            # here: it does not make its country the context of a homonym
            if key and not any(c.place.kind is not Kind.COUNTRY for c in self.names.get(key, ())):
                self.country_phrases.setdefault(key, code)
        for code, place in self.countries.items():
            self.country_phrases.setdefault(self.key(place.name), code)
        self.country_first_words: dict[str, int] = {}
        for key in self.country_phrases:
            if len(key) > self.country_first_words.get(key[0], 0):
                self.country_first_words[key[0]] = len(key)

    def key(self, name: str) -> tuple[str, ...]:
        """Return the token key of a name: the codebook's phrase keys, in the tokens' lower case."""
        if _PLAIN_RE.fullmatch(name) and not _CAPITALS_RE.search(name):
            # plain words of ASCII letters are one token each, in lower case: the key that
            # words() gives, without its tokenizer (tests/test_places.py checks that the two
            # agree on every name of the default table)
            return tuple(name.lower().split(" "))
        words = self.tokenizer.words(name)
        # all-capital words keep their capitals in the codebook's keys; a place name is matched
        # in any case (a dateline writes KABUL)
        return tuple(self.tokenizer.norm(w[1:]) if w.startswith("\x01") else w for w in words)

    def __len__(self) -> int:
        return sum(len(v) for v in self.names.values())

    def candidates(self, key: tuple[str, ...]) -> list[Candidate]:
        """Return the places a name's key may stand for (empty when none)."""
        return self.names.get(key, [])


def _with_adm1_name(place: Place, adm1_name: str) -> Place:
    return Place(
        place.name,
        place.kind,
        place.country,
        place.adm1_code,
        adm1_name,
        place.latitude,
        place.longitude,
        place.population,
        place.geonames_id,
        place.context,
        place.where,
    )


def load_place_index(
    paths: Sequence[Path], country_phrases: Mapping[str, str] | None = None
) -> PlaceIndex:
    """Return the index of the places tables; raise CodebookError naming every bad row."""
    return PlaceIndex(read_places(paths), country_phrases)
