"""The places tables of a codebook, read and validated, as an index from name to places."""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, KeysView, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import accumulate
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..codebook.nogc import paused_gc
from ..codebook.tables import csv_records
from ..errors import CodebookError, Problem
from ..tokens import Tokenizer, first_token
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


#: a place's fields in Place order (name, kind, country, adm1_code, adm1_name, latitude,
#: longitude, population, geonames_id, context, where): a row is kept so until a lookup needs it
Fields = tuple[str, Kind, str, Any, Any, Any, Any, int, Any, str, str]


def _read_records(paths: Sequence[Path]) -> list[tuple[Fields, tuple[str, ...]]]:
    """Return every row of the places tables as (its Place fields, its alternate names).

    Raises CodebookError naming every bad row as ``path:line: message``.
    """
    problems: list[Problem] = []
    out: list[tuple[Fields, tuple[str, ...]]] = []
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
            fields: Fields = (
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
            out.append((fields, names))
    if problems:
        raise CodebookError(problems)
    return out


def read_places(paths: Sequence[Path]) -> list[tuple[Place, tuple[str, ...]]]:
    """Return every row of the places tables as (place, its alternate names).

    Raises CodebookError naming every bad row as ``path:line: message``.
    """
    return [(Place(*fields), names) for fields, names in _read_records(paths)]


def _fields(place: Place) -> Fields:
    return (
        place.name,
        place.kind,
        place.country,
        place.adm1_code,
        place.adm1_name,
        place.latitude,
        place.longitude,
        place.population,
        place.geonames_id,
        place.context,
        place.where,
    )


#: the separators of a row's fields, and of its alternate names, in PlaceTable.blob
_FIELD = "\x1f"
_NAME = "\x1e"
_KINDS = {k.value: k for k in Kind}


def _record(f: Fields, names: Sequence[str]) -> str:
    """Return a row as PlaceTable.blob stores it: None as "", a float as its repr (which
    float() reads back to the same number), the alternate names last."""
    name, kind, country, adm1, adm1_name, lat, lon, population, gid, context, where = f
    return _FIELD.join(
        (
            name,
            kind.value,
            country,
            adm1 or "",
            adm1_name or "",
            "" if lat is None else repr(float(lat)),
            "" if lon is None else repr(float(lon)),
            str(population),
            "" if gid is None else str(gid),
            context,
            where,
            _NAME.join(names),
        )
    )


#: the cells of a record before its alternate names
_PARSED = 11


def _parse(cells: list[str]) -> Fields:
    """Return the Place fields of a row of PlaceTable.blob (its cells, alternates left off)."""
    name, kind, country, adm1, adm1_name, lat, lon, population, gid, context, where = cells[:11]
    return (
        name,
        _KINDS[kind],
        country,
        adm1 or None,
        adm1_name or None,
        float(lat) if lat else None,
        float(lon) if lon else None,
        int(population),
        int(gid) if gid else None,
        context,
        where,
    )


@dataclass(frozen=True)
class PlaceTable:
    """The places tables, read and validated, in a compact form that pickles in one piece.

    Every row is one UTF-8 record of ``blob`` (its Place fields and alternate names, separated
    by control characters; a row whose text holds one is kept whole in ``odd``); the names are
    grouped by first word (``words``: word -> its number; the entries of word ``w`` are
    ``entry_rows[entry_starts[w]:entry_starts[w + 1]]`` in table order, each the row's own name
    when its ``entry_alts`` is -1, else its alternate name of that number). A lookup turns
    only the rows it needs into Places (PlaceIndex), so a process holds some megabytes of bytes
    and arrays instead of a million objects, and reads them from the cache (places/cache.py)
    in a few hundredths of a second.
    """

    blob: bytes
    #: row -> start of its record in ``blob`` (one more: the end of the last)
    offsets: array[int]
    odd: dict[int, tuple[Fields, tuple[str, ...]]]
    words: dict[str, int]
    entry_starts: array[int]
    entry_rows: array[int]
    entry_alts: array[int]
    #: the first division row of each adm1_code, the first country row of each country, and the
    #: largest places of each country with every place of a million or more people
    division_rows: tuple[int, ...]
    country_rows: tuple[int, ...]
    major_rows: tuple[int, ...]

    @classmethod
    def build(
        cls, fields: Sequence[Fields], alternates: Sequence[Sequence[str]], tokenizer: Tokenizer
    ) -> PlaceTable:
        """Return the table of rows given as Place fields and alternate names."""
        blob, offsets, odd = _records(fields, alternates)
        words, starts, rows, alts = _entries(fields, alternates, tokenizer)
        divisions: dict[str, int] = {}
        countries: dict[str, int] = {}
        by_country: dict[str, list[int]] = defaultdict(list)
        for row, f in enumerate(fields):
            kind = f[1]
            if kind is Kind.DIVISION and f[3]:
                divisions.setdefault(f[3], row)
            elif kind is Kind.COUNTRY:
                countries.setdefault(f[2], row)
            elif kind is Kind.CITY:
                by_country[f[2]].append(row)
        major: list[int] = []
        for cities in by_country.values():
            cities.sort(key=lambda row: -fields[row][7])
            major.extend(cities[:MAJOR_RANK])
            major.extend(row for row in cities[MAJOR_RANK:] if fields[row][7] >= MAJOR_POPULATION)
        return cls(
            blob,
            offsets,
            odd,
            words,
            starts,
            rows,
            alts,
            tuple(divisions.values()),
            tuple(countries.values()),
            tuple(major),
        )

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def _cells(self, row: int) -> list[str]:
        return (
            self.blob[self.offsets[row] : self.offsets[row + 1]]
            .decode("utf-8", "surrogatepass")
            .split(_FIELD)
        )

    def fields(self, row: int) -> Fields:
        """Return a row's Place fields."""
        odd = self.odd.get(row)
        return odd[0] if odd is not None else _parse(self._cells(row))

    def names(self, row: int) -> tuple[str, list[str]]:
        """Return a row's own name and its alternate names."""
        odd = self.odd.get(row)
        if odd is not None:
            return odd[0][0], list(odd[1])
        cells = self._cells(row)
        return cells[0], cells[11].split(_NAME) if cells[11] else []


def _records(
    fields: Sequence[Fields], alternates: Sequence[Sequence[str]]
) -> tuple[bytes, array[int], dict[int, tuple[Fields, tuple[str, ...]]]]:
    """Return PlaceTable's blob, offsets and odd rows."""
    records = [_record(f, names) for f, names in zip(fields, alternates, strict=True)]
    odd: dict[int, tuple[Fields, tuple[str, ...]]] = {}
    text = "".join(records)
    expected_names = sum(len(names) - 1 for names in alternates if names)
    if text.count(_FIELD) != _PARSED * len(records) or text.count(_NAME) != expected_names:
        # a cell holds a separator: such rows are kept whole (a table is seldom so)
        for row, (f, names) in enumerate(zip(fields, alternates, strict=True)):
            record = records[row]
            if record.count(_FIELD) != _PARSED or record.count(_NAME) != max(len(names) - 1, 0):
                odd[row] = (f, tuple(names))
                records[row] = ""
        text = "".join(records)
    sizes = list(map(len, records))  # characters; bytes for the rows that are not ASCII
    for row, plain in enumerate(map(str.isascii, records)):
        if not plain:
            sizes[row] = len(records[row].encode("utf-8", "surrogatepass"))
    offsets = array("I", [0])
    offsets.extend(accumulate(sizes))
    return text.encode("utf-8", "surrogatepass"), offsets, odd


def _entries(
    fields: Sequence[Fields], alternates: Sequence[Sequence[str]], tokenizer: Tokenizer
) -> tuple[dict[str, int], array[int], array[int], array[int]]:
    """Return PlaceTable's words, entry_starts, entry_rows and entry_alts: every name, own (-1)
    or alternate (its number), under its first word (numbered in order of first appearance), in
    table order."""
    words: dict[str, int] = {}
    number = words.setdefault
    heads: list[int] = []
    rows: list[int] = []
    alts: list[int] = []
    for row, f in enumerate(fields):
        for k, name in enumerate((f[0], *alternates[row]), start=-1):
            word = name.partition(" ")[0]
            if word.isascii() and word.isalpha():
                word = word.lower()  # _head's fast case, inline: the table has 165,000 names
            else:
                head = _head(name, tokenizer)
                if head is None:
                    continue
                word = head
            heads.append(number(word, len(words)))
            rows.append(row)
            alts.append(k)
    order = sorted(range(len(heads)), key=heads.__getitem__)  # stable: table order in a word
    ranked = sorted(heads)
    starts = array("I", map(partial(bisect_left, ranked), range(len(words) + 1)))
    return (
        words,
        starts,
        array("I", map(rows.__getitem__, order)),
        array("i", map(alts.__getitem__, order)),
    )


def _head(name: str, tokenizer: Tokenizer) -> str | None:
    """Return the first word of a name's key (None when it has no words)."""
    word = name.partition(" ")[0]
    if word.isascii() and word.isalpha():
        return word.lower()  # a word of ASCII letters is one token, its key in lower case
    first = first_token(name)
    return tokenizer.norm(first) if first is not None else None


class PlaceIndex:
    """Names of places (as token keys) -> the places they may stand for; built once per process.

    Built lazily from a PlaceTable: a row becomes a Place, and a name its key and candidates,
    only when a lookup needs them. The names are grouped by their first word (``first_words``);
    the first lookup of a word (``lengths``, ``candidates``) loads all the names that begin with
    it, in table order, so every name gives the same candidates, in the same order, as reading
    them all at once.
    """

    def __init__(
        self,
        rows: Iterable[tuple[Place, Sequence[str]]],
        country_phrases: Mapping[str, str] | None = None,
        tokenizer: Tokenizer | None = None,
    ) -> None:
        places: list[tuple[Place, Sequence[str]]] = list(rows)
        tokenizer = tokenizer or Tokenizer()
        table = PlaceTable.build(
            [_fields(p) for p, _ in places], [names for _, names in places], tokenizer
        )
        self._build(table, dict(enumerate(p for p, _ in places)), country_phrases, tokenizer, None)

    @classmethod
    def from_table(
        cls,
        table: PlaceTable,
        country_phrases: Mapping[str, str] | None = None,
        tokenizer: Tokenizer | None = None,
        known: dict[tuple[str, ...], str] | None = None,
    ) -> PlaceIndex:
        """Return the index of a table (``PlaceTable.build``, or the cache's); ``known`` is the
        ``country_phrases`` of an index of the same table and phrases, when the cache has it."""
        index = cls.__new__(cls)
        index._build(table, {}, country_phrases, tokenizer, known)
        return index

    def _build(
        self,
        table: PlaceTable,
        places: dict[int, Place],
        country_phrases: Mapping[str, str] | None,
        tokenizer: Tokenizer | None,
        known: dict[tuple[str, ...], str] | None,
    ) -> None:
        self.tokenizer = tokenizer or Tokenizer()
        self.table = table
        #: a row's place as the table gives it, made on first use
        self._raw: dict[int, Place] = places
        #: a row's place as its candidates hold it (its division's name filled in)
        self._filled: dict[int, Place] = {}
        self.divisions: dict[str, Place] = {}
        for row in table.division_rows:
            place = self.raw_place(row)
            self.divisions[place.adm1_code or ""] = place
        self.countries: dict[str, Place] = {}
        for row in table.country_rows:
            place = self.raw_place(row)
            self.countries[place.country] = place
        #: the largest places of each country, and every place of a million or more people
        self.major: set[Place] = {self.raw_place(row) for row in table.major_rows}
        #: every word a place name begins with
        self.first_words: KeysView[str] = table.words.keys()
        #: name key -> candidates, for the names whose first word has been looked up
        self.loaded: dict[tuple[str, ...], list[Candidate]] = {}
        #: first word -> the numbers of words of the names beginning with it, longest first
        #: (``san`` -> 4, 3, 2, 1), so that a lookup tries only lengths that exist
        self._lengths: dict[str, tuple[int, ...]] = {}
        #: first word -> the second words of the names of two words or more beginning with it
        #: (loaded with ``lengths``): a lookup tries longer names only when the next word is one
        self.second_words: dict[str, frozenset[str]] = {}
        #: phrase key -> alpha-3 for country names and adjectives (``Ukrainian`` -> UKR)
        self.country_phrases: dict[tuple[str, ...], str] = (
            self._country_keys(country_phrases or {}) if known is None else known
        )
        self.country_first_words: dict[str, int] = {}
        for key in self.country_phrases:
            if len(key) > self.country_first_words.get(key[0], 0):
                self.country_first_words[key[0]] = len(key)

    def _country_keys(self, phrases: Mapping[str, str]) -> dict[tuple[str, ...], str]:
        """Return the keys of the country names and adjectives that are no other place's name,
        and of the table's countries, -> their alpha-3 codes."""
        keys: dict[tuple[str, ...], str] = {}
        for phrase, code in phrases.items():
            key = self.key(phrase)
            # a capital (Tripoli, Damascus) names its country as an actor, but it is a place
            # here: it does not make its country the context of a homonym
            if key and not any(c.place.kind is not Kind.COUNTRY for c in self.candidates(key)):
                keys.setdefault(key, code)
        for code, place in self.countries.items():
            keys.setdefault(self.key(place.name), code)
        return keys

    def raw_place(self, row: int) -> Place:
        """Return the place of a row as the table gives it (made once)."""
        place = self._raw.get(row)
        if place is None:
            place = self._raw[row] = Place(*self.table.fields(row))
        return place

    def _place(self, row: int) -> Place:
        """Return the place of a row as its candidates hold it: a user's row may give the
        division's code alone, and its name then comes from the division's row."""
        place = self._filled.get(row)
        if place is None:
            place = self.raw_place(row)
            if place.adm1_code and not place.adm1_name and place.adm1_code in self.divisions:
                place = replace(place, adm1_name=self.divisions[place.adm1_code].name)
            self._filled[row] = place
        return place

    def _load(self, word: str) -> None:
        """Load the names that begin with ``word``: their keys, candidates and lengths."""
        if word in self._lengths:
            return
        number = self.table.words.get(word)
        if number is None:
            return
        table = self.table
        lo, hi = table.entry_starts[number], table.entry_starts[number + 1]
        loaded = self.loaded
        lengths: set[int] = set()
        seconds: set[str] = set()
        seen: set[tuple[int, tuple[str, ...]]] = set()
        for row, alt in zip(table.entry_rows[lo:hi], table.entry_alts[lo:hi], strict=True):
            own, alternates = table.names(row)
            name = own if alt < 0 else alternates[alt]
            key = self.key(name)
            if not key or (row, key) in seen:
                continue  # an alternate spelling with the key of the row's own name
            seen.add((row, key))
            lengths.add(len(key))
            if len(key) > 1:
                seconds.add(key[1])
            loaded.setdefault(key, []).append(Candidate(self._place(row), alt < 0))
        self._lengths[word] = tuple(sorted(lengths, reverse=True))
        self.second_words[word] = frozenset(seconds)

    def lengths(self, word: str) -> tuple[int, ...]:
        """Return the numbers of words of the names beginning with ``word``, longest first."""
        found = self._lengths.get(word)
        if found is None:
            self._load(word)
            found = self._lengths.get(word, ())
        return found

    @property
    def names(self) -> dict[tuple[str, ...], list[Candidate]]:
        """Every name's key -> the places it may stand for (loads all of them)."""
        for word in self.table.words:
            self._load(word)
        return self.loaded

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
        if key and key[0] not in self._lengths:
            self._load(key[0])
        return self.loaded.get(key, [])


def load_place_index(
    paths: Sequence[Path], country_phrases: Mapping[str, str] | None = None
) -> PlaceIndex:
    """Return the index of the places tables; raise CodebookError naming every bad row.

    The tables are read and validated once: a large one's compact form is then kept in the
    cache (places/cache.py) and read from there while the tables' bytes, the country phrases and
    the code stay the same.
    """
    from . import cache

    phrases = country_phrases or {}
    tokenizer = Tokenizer()
    found = cache.slot(paths, phrases)
    hit = cache.read(found) if found is not None else None
    if hit is not None:
        return PlaceIndex.from_table(hit[0], phrases, tokenizer, hit[1])
    with paused_gc():  # some hundred thousand objects and no cycles
        records = _read_records(paths)
        table = PlaceTable.build(
            [f for f, _ in records], [names for _, names in records], tokenizer
        )
        del records
    index = PlaceIndex.from_table(table, phrases, tokenizer)
    if found is not None:
        cache.write(found, (table, index.country_phrases))
    return index
