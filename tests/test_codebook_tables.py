"""The hand-written codebook tables: organisations.csv, people.csv and agents.csv.

These tests read the CSV files with the csv module on purpose: they check the data, not the
codebook loader. The code lists below are CAMEO facts copied from CAMEO's actor-type,
known-group and region tables.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pycountry
import pytest

from eventcodes.codebook import tables
from eventcodes.tokens import phrase_key

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ROOT / "codebooks" / "default" / "actors"
ORGANISATIONS = ACTORS / "organisations.csv"
PEOPLE = ACTORS / "people.csv"
AGENTS = ROOT / "codebooks" / "default" / "agents.csv"

MIN_ORGANISATION_ROWS = 80
MIN_PEOPLE_ROWS = 250
MIN_AGENT_ROWS = 220

# CAMEO actor type and role codes (GDELT's CAMEO.type.txt) ...
_CAMEO_TYPE_CODES = """
COP GOV INS JUD MIL OPP REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED
REF MOD RAD AMN IRC GRP UNO PKO UIS IGO IMG INT MNC NGM NGO SET
"""
CAMEO_TYPES = frozenset(_CAMEO_TYPE_CODES.split())
# ... plus the party and religion codes of CAMEO that the project's roles table also holds.
ROLE_CODES = CAMEO_TYPES | {"PTY", "REL"}

# CAMEO known-group codes (GDELT's CAMEO.knowngroup.txt).
_KNOWN_GROUP_CODES = """
AAM ABD ACC ADB AEU AFB ALQ AMF AML AMN AMU ANO APE ARL ASL ASN ATD BCA BIS BTH CEM CFA CIS
CMN COE CPA CPC CRC CSS CWN DFL EBR ECA EEC EFT ENN FAO FID FIS FLN FTA GCC GIA GOE GOS GSP
GSS HCH HCR HEZ HIP HMS HRW IAC IAD IAE IAF ICC ICG ICJ ICO IDB IGC IHF ILO IMF IOM IPU IRC
ISJ ITP JUR KDP KID LBA LKD MBR MRZ MSF MSP NAT NEP NON OAS OAU OIC OPC PAP PFL PLF PLO PLS
PMD PRC PSE RCR RND SAA SAD SCE SHA SOT TAL UEM UNO WAD WAM WAS WBK WCT WEF WFP WHO WTO XFM
"""
KNOWN_GROUPS = frozenset(_KNOWN_GROUP_CODES.split())
# CAMEO region codes (CAMEO manual 1.1b3, table 3.3).
_REGION_CODES = """
AFR ASA BLK CRB CAU CFR CAS CEU EIN EAF EEU EUR LAM MEA MDT NAF NMR PGS SCN SAM SAS SEA SAF
WAF WST
"""
REGIONS = frozenset(_REGION_CODES.split())
# The African Union: CAMEO's actor dictionaries write IGOAFRAFU, but the known-group table
# only lists its predecessor, the OAU.
DICTIONARY_GROUPS = frozenset({"AFU"})
STATES = frozenset(c.alpha_3 for c in pycountry.countries)
PREFIXES = STATES | {"IGO", "NGO", "IMG", "MNC"}
PARTS = STATES | REGIONS | CAMEO_TYPES | KNOWN_GROUPS | DICTIONARY_GROUPS

SEED_DAY = dt.date(2024, 11, 4)


@dataclass(frozen=True)
class ActorRow:
    """One row of an actor table with its dates parsed and its note's ``key=value`` tokens."""

    where: str
    phrase: str
    code: str
    start: dt.date | None
    end: dt.date | None
    surname: str
    tokens: dict[str, str]

    def covers(self, day: dt.date) -> bool:
        """Return whether the row applies to a document dated ``day``."""
        return (self.start or dt.date.min) <= day <= (self.end or dt.date.max)


def read_rows(path: Path) -> list[tuple[str, dict[str, str]]]:
    """Return ``(path:line, row)`` for each data row, skipping blank and ``#`` comment lines."""
    return [(f"{path.name}:{line}", row) for line, row in tables.read_rows(path)[1]]


def header_of(path: Path) -> list[str]:
    """Return the header row of a CSV table (the first row that is not a comment)."""
    return tables.read_rows(path)[0]


def parse_date(value: str, where: str) -> dt.date | None:
    """Return the ISO date in ``value``, None when empty; fail the test naming the row otherwise."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pytest.fail(f"{where}: {value!r} is not an ISO date")


def note_tokens(note: str) -> dict[str, str]:
    """Return the leading ``key=value`` tokens of a note (``office=...; person=...; text``)."""
    tokens: dict[str, str] = {}
    for part in note.split(";"):
        name, sep, value = part.strip().partition("=")
        if not sep or not name.isidentifier():
            break
        tokens[name] = value.strip()
    return tokens


def load_actor_rows(path: Path) -> list[ActorRow]:
    """Return the rows of an actor table as ActorRow values."""
    return [
        ActorRow(
            where,
            row["phrase"],
            row["code"],
            parse_date(row["start"], where),
            parse_date(row["end"], where),
            row["surname"],
            note_tokens(row["note"]),
        )
        for where, row in read_rows(path)
    ]


def overlaps(a: ActorRow, b: ActorRow) -> bool:
    """Return whether two rows share at least one day."""
    lo = max(a.start or dt.date.min, b.start or dt.date.min)
    hi = min(a.end or dt.date.max, b.end or dt.date.max)
    return lo <= hi


def resolve(rows: list[ActorRow], phrase: str, day: dt.date) -> list[str]:
    """Return the codes of the rows for ``phrase`` that apply on ``day``."""
    key = phrase_key(phrase)
    return [r.code for r in rows if phrase_key(r.phrase) == key and r.covers(day)]


@pytest.fixture(scope="module")
def organisations() -> list[ActorRow]:
    return load_actor_rows(ORGANISATIONS)


@pytest.fixture(scope="module")
def people() -> list[ActorRow]:
    return load_actor_rows(PEOPLE)


@pytest.fixture(scope="module")
def actor_rows(organisations: list[ActorRow], people: list[ActorRow]) -> list[ActorRow]:
    return organisations + people


@pytest.fixture(scope="module")
def agents() -> list[tuple[str, dict[str, str]]]:
    return read_rows(AGENTS)


# --- shape and counts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "columns"),
    [
        (ORGANISATIONS, ["phrase", "code", "start", "end", "surname", "note"]),
        (PEOPLE, ["phrase", "code", "start", "end", "surname", "note"]),
        (AGENTS, ["phrase", "plural", "role", "note"]),
    ],
)
def test_tables_have_the_documented_columns(path: Path, columns: list[str]) -> None:
    assert header_of(path) == columns


@pytest.mark.parametrize(
    ("path", "minimum"),
    [
        (ORGANISATIONS, MIN_ORGANISATION_ROWS),
        (PEOPLE, MIN_PEOPLE_ROWS),
        (AGENTS, MIN_AGENT_ROWS),
    ],
)
def test_tables_meet_their_minimum_size(path: Path, minimum: int) -> None:
    assert len(read_rows(path)) >= minimum


def test_no_cell_has_stray_whitespace() -> None:
    bad = [
        f"{where}: {column}={value!r}"
        for path in (ORGANISATIONS, PEOPLE, AGENTS)
        for where, row in read_rows(path)
        for column, value in row.items()
        if value != value.strip() or "  " in value
    ]
    assert not bad


# --- dates and duplicates --------------------------------------------------------------------


def test_every_date_range_starts_before_it_ends(actor_rows: list[ActorRow]) -> None:
    backwards = [r.where for r in actor_rows if r.start and r.end and r.start > r.end]
    assert not backwards


def test_no_phrase_has_two_rows_for_the_same_day(actor_rows: list[ActorRow]) -> None:
    # spellings the matcher folds together (Médecins, Medecins) may both be listed, with one code
    by_key: dict[tuple[str, ...], list[ActorRow]] = defaultdict(list)
    for row in actor_rows:
        by_key[phrase_key(row.phrase)].append(row)
    clashes = [
        f"{a.where} and {b.where}: {a.phrase!r}"
        for rows in by_key.values()
        for a, b in itertools.combinations(rows, 2)
        if overlaps(a, b) and (a.code != b.code or a.phrase.casefold() == b.phrase.casefold())
    ]
    assert not clashes


def test_no_phrase_contains_a_possessive(actor_rows: list[ActorRow]) -> None:
    # a possessive 's is its own token and can never be part of a phrase
    bad = [
        r.where for r in actor_rows if any(t.endswith(("'s", "\u2019s")) for t in r.phrase.split())
    ]
    assert not bad


# --- codes -----------------------------------------------------------------------------------


def code_problem(code: str) -> str | None:
    """Return why ``code`` is not built from CAMEO parts, or None when it is."""
    if not code or len(code) % 3 or not code.isalpha() or not code.isupper():
        return "not three-letter parts in capitals"
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    if parts[0] not in PREFIXES:
        return f"first part {parts[0]} is neither a country nor IGO/NGO/IMG/MNC"
    unknown = [p for p in parts[1:] if p not in PARTS]
    return f"unknown part(s) {' '.join(unknown)}" if unknown else None


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("KORGOV", True),
        ("IGOEUREEC", True),
        ("IGOAFRAFU", True),
        ("PSEREBHMS", True),
        ("AFGGOVTAL", True),
        ("NGOHRIAMN", True),
        ("IMGREBALQ", True),
        ("IGOUNOWHOX", False),
        ("KORXYZ", False),
        ("EURGOV", False),
        ("korgov", False),
        ("", False),
    ],
)
def test_code_checker(code: str, ok: bool) -> None:
    assert (code_problem(code) is None) is ok


def test_every_actor_code_is_built_from_cameo_parts(actor_rows: list[ActorRow]) -> None:
    bad = [
        f"{r.where}: {r.code} ({code_problem(r.code)})" for r in actor_rows if code_problem(r.code)
    ]
    assert not bad


def test_every_agent_role_is_a_cameo_role_code(
    agents: list[tuple[str, dict[str, str]]],
) -> None:
    bad = [f"{where}: {row['role']!r}" for where, row in agents if row["role"] not in ROLE_CODES]
    assert not bad


# --- organisations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("United Nations", "IGOUNO"),
        ("UN", "IGOUNO"),
        ("U.N.", "IGOUNO"),
        ("UN Security Council", "IGOUNO"),
        ("General Assembly", "IGOUNO"),
        ("IAEA", "IGOUNOIAE"),
        ("World Health Organization", "IGOUNOHLHWHO"),
        ("UNHCR", "IGOUNOREFHCR"),
        ("International Criminal Court", "IGOJUDICC"),
        ("European Union", "IGOEUREEC"),
        ("EU", "IGOEUREEC"),
        ("E.U.", "IGOEUREEC"),
        ("European Commission", "IGOEUREEC"),
        ("NATO", "IGOWSTNAT"),
        ("African Union", "IGOAFRAFU"),
        ("ASEAN", "IGOSEAASN"),
        ("Arab League", "IGOMEAARL"),
        ("OPEC", "IGOBUSOPC"),
        ("Amnesty International", "NGOHRIAMN"),
        ("Doctors Without Borders", "NGOHLHMSF"),
        ("Hamas", "PSEREBHMS"),
        ("Hezbollah", "LBNREBHEZ"),
        ("Houthis", "YEMREB"),
        ("al-Qaeda", "IMGREBALQ"),
        ("Tatmadaw", "MMRMIL"),
    ],
)
def test_organisation_codes(organisations: list[ActorRow], phrase: str, code: str) -> None:
    assert resolve(organisations, phrase, SEED_DAY) == [code]


@pytest.mark.parametrize(
    ("phrase", "day", "codes"),
    [
        ("Taliban", dt.date(2000, 1, 1), ["AFGGOVTAL"]),
        ("Taliban", dt.date(2010, 1, 1), ["AFGREBTAL"]),
        ("Taliban", dt.date(2021, 8, 14), ["AFGREBTAL"]),
        ("Taliban", dt.date(2021, 8, 15), ["AFGGOVTAL"]),
        ("Rapid Support Forces", dt.date(2020, 1, 1), ["SDNMIL"]),
        ("Rapid Support Forces", dt.date(2024, 1, 1), ["SDNREB"]),
        ("Hayat Tahrir al-Sham", dt.date(2024, 12, 7), ["SYRREB"]),
        ("Hayat Tahrir al-Sham", dt.date(2024, 12, 8), ["SYRGOV"]),
        ("TPLF", dt.date(2018, 1, 1), []),
        ("TPLF", dt.date(2021, 6, 1), ["ETHREB"]),
    ],
)
def test_organisations_whose_status_changed(
    organisations: list[ActorRow], phrase: str, day: dt.date, codes: list[str]
) -> None:
    assert resolve(organisations, phrase, day) == codes


def test_all_capital_acronyms_are_kept_in_capitals(organisations: list[ActorRow]) -> None:
    # `UN` must stay in capitals so that it matches only capitals; a lower-case `un` is a word
    keys = {phrase_key(r.phrase) for r in organisations}
    assert {phrase_key(acronym) for acronym in ("UN", "EU", "NATO", "AU")} <= keys
    assert not {phrase_key(word) for word in ("un", "eu", "au")} & keys


# --- people ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "code", "surname"),
    [
        ("Cho Tae-yul", "KORGOV", "Cho"),
        ("Josep Borrell", "IGOEUREEC", "Borrell"),
        ("Vladimir Putin", "RUSGOV", "Putin"),
        ("Choe Son Hui", "PRKGOV", "Choe"),
        ("Kim Yong Hyun", "KORGOV", "Kim"),
    ],
)
def test_the_seed_people_resolve_on_the_seed_day(
    people: list[ActorRow], phrase: str, code: str, surname: str
) -> None:
    rows = [r for r in people if phrase_key(r.phrase) == phrase_key(phrase) and r.covers(SEED_DAY)]
    assert [(r.code, r.surname) for r in rows] == [(code, surname)]


@pytest.mark.parametrize(
    ("phrase", "day", "codes"),
    [
        ("Josep Borrell", dt.date(2019, 1, 1), ["ESPGOV"]),
        ("Josep Borrell", dt.date(2012, 1, 1), []),  # out of office: no row
        ("Josep Borrell", dt.date(2025, 6, 1), []),
        ("Vladimir Putin", dt.date(2010, 1, 1), ["RUSGOV"]),  # prime minister
        ("Donald Trump", dt.date(2023, 1, 1), []),  # between his two terms
        ("Donald Trump", dt.date(2025, 3, 1), ["USAGOV"]),
        ("Kim Yong Hyun", dt.date(2025, 1, 1), []),
        ("Ursula von der Leyen", dt.date(2018, 1, 1), ["DEUGOV"]),
        ("Ursula von der Leyen", dt.date(2020, 1, 1), ["IGOEUREEC"]),
        ("Ahmed al-Sharaa", dt.date(2020, 1, 1), ["SYRREB"]),
        ("Ahmed al-Sharaa", dt.date(2025, 6, 1), ["SYRGOV"]),
        ("Hibatullah Akhundzada", dt.date(2022, 1, 1), ["AFGGOVTAL"]),
    ],
)
def test_people_change_code_with_their_office(
    people: list[ActorRow], phrase: str, day: dt.date, codes: list[str]
) -> None:
    assert resolve(people, phrase, day) == codes


def test_every_person_row_names_its_office_and_person(people: list[ActorRow]) -> None:
    bad = [r.where for r in people if not r.tokens.get("office") or not r.tokens.get("person")]
    assert not bad


def test_every_person_row_has_a_surname_and_a_start(people: list[ActorRow]) -> None:
    # only opposition figures without an office may have an open start
    bad = [
        r.where for r in people if not r.surname or (r.start is None and not r.code.endswith("OPP"))
    ]
    assert not bad


def test_one_office_has_one_holder_at_a_time(people: list[ActorRow]) -> None:
    holders: dict[tuple[str, str], dict[str, list[ActorRow]]] = defaultdict(dict)
    for row in people:
        place = row.code[:3] if row.code[:3] in STATES else row.code
        by_person = holders[(place, row.tokens["office"])]
        by_person.setdefault(row.tokens["person"], []).append(row)
    clashes = [
        f"{place} {office}: {a.where} ({pa}) and {b.where} ({pb})"
        for (place, office), by_person in holders.items()
        for (pa, rows_a), (pb, rows_b) in itertools.combinations(by_person.items(), 2)
        for a in rows_a
        for b in rows_b
        if overlaps(a, b)
    ]
    assert not clashes


def test_no_bare_surname_is_a_phrase(people: list[ActorRow]) -> None:
    # surnames resolve within a document; a one-word phrase is only a one-word name
    surnames: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for row in people:
        surnames[phrase_key(row.surname)].add(row.tokens["person"])
    bad = [
        r.where
        for r in people
        if surnames.get(phrase_key(r.phrase), set()) - {r.tokens["person"]}
        or (len(r.phrase.split()) == 1 and r.tokens.get("name") != "single")
    ]
    assert not bad


# --- agents ----------------------------------------------------------------------------------


def test_agent_phrases_and_plurals_are_unique(agents: list[tuple[str, dict[str, str]]]) -> None:
    seen: dict[tuple[str, ...], str] = {}
    dups: list[str] = []
    for where, row in agents:
        plural = row["plural"]
        forms = [row["phrase"]] + ([] if plural in ("", "-") else plural.split(";"))
        for form in forms:
            key = phrase_key(form)
            if key in seen:
                dups.append(f"{where}: {form!r} (also at {seen[key]})")
            seen[key] = where
    assert not dups


def test_agent_plural_cells_are_well_formed(agents: list[tuple[str, dict[str, str]]]) -> None:
    bad = [
        where
        for where, row in agents
        if row["plural"] not in ("", "-")
        and any(
            not form or form == "-" or form != form.strip() for form in row["plural"].split(";")
        )
    ]
    assert not bad


@pytest.mark.parametrize(
    ("phrase", "role", "plural"),
    [
        ("government", "GOV", ""),
        ("foreign minister", "GOV", ""),
        ("defense ministry", "GOV", ""),
        ("foreign policy chief", "GOV", ""),
        ("spokesman", "GOV", "spokesmen"),
        ("authorities", "GOV", "-"),
        ("troops", "MIL", "-"),
        ("soldier", "MIL", ""),
        ("police", "COP", "-"),
        ("judge", "JUD", ""),
        ("lawmaker", "LEG", ""),
        ("rebel", "REB", ""),
        ("insurgent", "INS", ""),
        ("gunman", "UAF", "gunmen"),  # unnamed armed actors are unaligned armed forces (issue 9)
        ("protester", "CVL", ""),
        ("journalist", "MED", ""),
        ("refugee", "REF", ""),
    ],
)
def test_agent_rows(
    agents: list[tuple[str, dict[str, str]]], phrase: str, role: str, plural: str
) -> None:
    rows = [(row["role"], row["plural"]) for _where, row in agents if row["phrase"] == phrase]
    assert rows == [(role, plural)]
