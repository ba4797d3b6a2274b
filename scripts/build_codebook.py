"""Build codebooks/default/actors/countries.csv from pycountry and codebooks/sources/country_names.csv.

``make codebook`` runs this script. Every ISO 3166-1 country in pycountry contributes its name,
common name and official name, cleaned into the forms news writes (``Korea, Republic of`` gives
``Republic of Korea``; ``Falkland Islands (Malvinas)`` gives ``Falkland Islands`` and
``Malvinas``; accented names also get an unaccented spelling). The hand-written source adds
short names, abbreviations, adjectives, demonyms, capitals and seats of power. One phrase never
maps to two codes: the hand-written row wins over pycountry, and a pycountry phrase shared by two
countries (``Korea``, ``Virgin Islands``) is dropped; both are reported.

The output is sorted by code then phrase, so that a diff shows what changed.
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata
import io
import os
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycountry

from eventcodes.codebook.tables import read_rows
from eventcodes.errors import CodebookError, Problem
from eventcodes.tokens import phrase_key

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO / "codebooks" / "sources" / "country_names.csv"
DEFAULT_OUT = REPO / "codebooks" / "default" / "actors" / "countries.csv"

SOURCE_COLUMNS = ("alpha3", "phrase", "kind", "code", "note")
OUTPUT_COLUMNS = ("phrase", "code", "start", "end", "surname", "note")
KINDS = ("name", "former_name", "abbreviation", "adjective", "demonym", "capital", "metonym")
NAME_KINDS = frozenset({"name", "former_name", "abbreviation"})
ADJECTIVE_KINDS = frozenset({"adjective", "demonym"})
PLACE_KINDS = frozenset({"capital", "metonym"})
PYCOUNTRY_FIELDS = ("name", "common_name", "official_name")

# Kosovo has no ISO 3166-1 code; XKX is the user-assigned code the EU, IMF and others use.
NON_ISO_CODES = frozenset({"XKX"})
# Unaccented spellings that are ordinary English words: "Réunion" must not become "reunion".
NO_ASCII_SPELLING = frozenset({"reunion"})

ALPHA3_RE = re.compile(r"^[A-Z]{3}$")
ROLE_CODE_RE = re.compile(r"^(?:[A-Z]{3})+$")
LEADING_THE_RE = re.compile(r"^the\s+", re.IGNORECASE)
POSSESSIVE_RE = re.compile(r"(?:['\u2019]s|s['\u2019])$", re.IGNORECASE)
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True)
class Candidate:
    """One phrase offered for one code by one source, before de-duplication."""

    phrase: str
    code: str
    source: str  # "hand" or "pycountry"
    kind: str  # a hand kind, or "name" for pycountry
    note: str


@dataclass(frozen=True)
class Stats:
    """What build() wrote: counts for the report and the conflicts it resolved."""

    countries: int
    rows: int
    name_variants: int
    adjectives: int
    places: int
    conflicts: tuple[str, ...]
    pycountry_version: str


def spelling_key(phrase: str) -> str:
    """Return the key under which two rows are one spelling (one output row for each spelling).

    Whether two spellings are one phrase to the matcher (``Côte d'Ivoire``, ``Cote d'Ivoire``)
    is ``eventcodes.tokens.phrase_key``: such spellings may both be listed but must agree on
    the code, as the codebook loader requires.
    """
    text = " ".join(phrase.translate(QUOTES).split())
    return text if text.isupper() else text.casefold()


def clean_phrase(phrase: str) -> str:
    """Return the phrase with straight quotes, single spaces and no leading determiner."""
    text = " ".join(phrase.translate(QUOTES).split())
    stripped = LEADING_THE_RE.sub("", text)
    return stripped or text


def ascii_spelling(phrase: str) -> str:
    """Return the phrase with its accents removed (``Côte d'Ivoire`` -> ``Cote d'Ivoire``)."""
    decomposed = unicodedata.normalize("NFKD", phrase)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_variants(name: str) -> list[tuple[str, str]]:
    """Return the phrases (with how each was derived) that an ISO country name gives.

    ``Korea, Republic of`` -> ``Republic of Korea`` and ``Korea``;
    ``Virgin Islands, British`` -> ``British Virgin Islands`` and ``Virgin Islands``;
    ``Saint Helena, Ascension and Tristan da Cunha`` is kept whole and gives ``Saint Helena``;
    ``Falkland Islands (Malvinas)`` -> ``Falkland Islands`` and ``Malvinas``;
    ``Saint Martin (French part)`` -> ``Saint Martin``; ``Cocos (Keeling) Islands`` ->
    ``Cocos Islands`` and ``Cocos Keeling Islands``. Accented results also give an unaccented one.
    """
    text = clean_phrase(name)
    found: list[tuple[str, str]] = []
    paren = re.search(r"\s*\(([^)]*)\)", text)
    if paren:
        outside = clean_phrase(text[: paren.start()] + " " + text[paren.end() :])
        inside = paren.group(1).strip()
        found.append((outside, "without the parenthesis"))
        if paren.end() < len(text):  # in the middle: "Cocos (Keeling) Islands"
            unwrapped = clean_phrase(text[: paren.start()] + " " + inside + text[paren.end() :])
            found.append((unwrapped, "parenthesis unwrapped"))
        elif not inside.lower().endswith(" part"):  # "(Malvinas)", not "(French part)"
            found.append((clean_phrase(inside), "from the parenthesis"))
    elif ", " in text:
        head, tail = text.split(", ", 1)
        if re.search(r"\bof(?: the)?$", tail, re.IGNORECASE):
            found.append((clean_phrase(f"{tail} {head}"), "reordered"))
        elif " " not in tail:
            found.append((f"{tail} {head}", "reordered"))
        else:
            found.append((text, ""))
        found.append((head, "short form"))
    else:
        found.append((text, ""))
    result: list[tuple[str, str]] = []
    for phrase, how in found:
        result.append((phrase, how))
        folded = ascii_spelling(phrase)
        if folded != phrase and folded.casefold() not in NO_ASCII_SPELLING:
            result.append((folded, ", ".join(filter(None, (how, "unaccented")))))
    return result


def pycountry_candidates() -> list[Candidate]:
    """Return a candidate for every phrase of every pycountry country, de-duplicated per code."""
    found: list[Candidate] = []
    for country in pycountry.countries:
        code = country.alpha_3
        seen: set[str] = set()
        for field in PYCOUNTRY_FIELDS:
            value = getattr(country, field, None)
            if not value:
                continue
            for phrase, how in name_variants(value):
                key = spelling_key(phrase)
                if key in seen:
                    continue
                seen.add(key)
                note = f"pycountry {field}" + (f" ({how})" if how else "")
                found.append(Candidate(phrase, code, "pycountry", "name", note))
    return found


def _read_rows(path: Path) -> Iterable[tuple[int, dict[str, str]]]:
    """Yield (line, row) for each data row, cells stripped; the header must be SOURCE_COLUMNS."""
    if not path.is_file():
        raise CodebookError([Problem(path, 1, "file not found; restore it from git")])
    header, rows = read_rows(path)
    if sorted(header) != sorted(SOURCE_COLUMNS):
        raise CodebookError([Problem(path, 1, f"the header must be {','.join(SOURCE_COLUMNS)}")])
    for line, row in rows:
        yield line, {k: v.strip() for k, v in row.items()}


def hand_candidates(path: Path, known_codes: frozenset[str]) -> list[Candidate]:
    """Return the validated rows of the hand-written source; raise CodebookError listing all problems."""
    problems: list[Problem] = []
    found: list[Candidate] = []
    first_line: dict[tuple[str, str], int] = {}
    code_of: dict[tuple[str, ...], tuple[str, int]] = {}
    for line, row in _read_rows(path):
        alpha3, kind, code = row["alpha3"], row["kind"], row["code"] or row["alpha3"]
        phrase = clean_phrase(row["phrase"])
        errors: list[str] = []
        if not ALPHA3_RE.match(alpha3) or alpha3 not in known_codes:
            errors.append(
                f"alpha3 {alpha3!r} is not an ISO 3166-1 alpha-3 code known to pycountry "
                "(XKX for Kosovo is the one exception)"
            )
        if kind not in KINDS:
            errors.append(f"kind {kind!r} is not one of {', '.join(KINDS)}")
        if not code.startswith(alpha3) or not ROLE_CODE_RE.match(code):
            errors.append(f"code {code!r} must be the alpha3 followed by role codes (USAGOV)")
        if not phrase:
            errors.append("empty phrase")
        elif POSSESSIVE_RE.search(phrase):
            errors.append(f"phrase {phrase!r} ends in a possessive; drop the 's")
        key, spelling = phrase_key(phrase), spelling_key(phrase)
        if phrase and key in code_of and code_of[key][0] != code:
            other, other_line = code_of[key]
            errors.append(
                f"phrase {phrase!r} maps to {code} here and to {other} at line {other_line}"
            )
        elif phrase and (spelling, kind) in first_line:
            errors.append(
                f"phrase {phrase!r} is already listed as {kind} at line {first_line[spelling, kind]}"
            )
        problems.extend(Problem(path, line, message) for message in errors)
        if errors:
            continue
        first_line[spelling, kind] = line
        code_of.setdefault(key, (code, line))
        note = f"hand: {kind}" + (f" ({row['note']})" if row["note"] else "")
        found.append(Candidate(phrase, code, "hand", kind, note))
    if problems:
        raise CodebookError(problems)
    return found


def _kind_group(kinds: set[str]) -> str:
    if kinds & NAME_KINDS:
        return "name"
    if kinds & ADJECTIVE_KINDS:
        return "adjective"
    return "place"


def _code_of(group: list[Candidate], conflicts: list[str]) -> str | None:
    """Return the code of one phrase (all its spellings): the hand-written code, else pycountry's
    when it gives only one (None: dropped, with the conflict noted)."""
    hand = [c for c in group if c.source == "hand"]
    if hand:
        return hand[0].code
    codes = sorted({c.code for c in group})
    if len(codes) > 1:
        first = min(group, key=lambda c: c.code)
        conflicts.append(f"{first.phrase!r}: dropped, pycountry gives it to {', '.join(codes)}")
        return None
    return codes[0]


def merge(candidates: Sequence[Candidate]) -> tuple[list[tuple[str, str, str, str]], list[str]]:
    """Return the output rows (phrase, code, note, kind group) and the conflicts resolved.

    The spellings of one phrase (by the matcher's key) get one code; each spelling is one row.
    """
    by_phrase: dict[tuple[str, ...], list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_phrase[phrase_key(candidate.phrase)].append(candidate)
    rows: list[tuple[str, str, str, str]] = []
    conflicts: list[str] = []
    for phrase_group in by_phrase.values():
        code = _code_of(phrase_group, conflicts)
        if code is None:
            continue
        by_spelling: dict[str, list[Candidate]] = defaultdict(list)
        for candidate in phrase_group:
            by_spelling[spelling_key(candidate.phrase)].append(candidate)
        for group in by_spelling.values():
            hand = [c for c in group if c.source == "hand"]
            machine = sorted((c for c in group if c.source == "pycountry"), key=lambda c: c.code)
            losers = sorted({c.code for c in machine if c.code != code})
            if hand and losers:
                conflicts.append(
                    f"{hand[0].phrase!r}: the hand-written {code} wins over pycountry's "
                    f"{', '.join(losers)}"
                )
            kept = hand + [c for c in machine if c.code == code]
            if not kept:
                continue
            notes = list(dict.fromkeys(c.note for c in kept))
            if losers:
                notes.append(f"not {', '.join(losers)}")
            kinds = {c.kind for c in kept}
            rows.append((kept[0].phrase, code, "; ".join(notes), _kind_group(kinds)))
    rows.sort(key=lambda r: (r[1], r[0].casefold(), r[0]))
    return rows, sorted(conflicts)


def _write_atomically(out_path: Path, text: str) -> None:
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out_path.name}.", dir=out_path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        # mkstemp creates the file readable by its owner only; keep the usual mode instead.
        os.chmod(tmp_name, out_path.stat().st_mode & 0o777 if out_path.exists() else 0o644)
        os.replace(tmp_name, out_path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def render(rows: Sequence[tuple[str, str, str, str]], version: str) -> str:
    """Return the text of countries.csv: a comment line, the header and the rows."""
    buffer = io.StringIO()
    buffer.write(
        "# Generated by scripts/build_codebook.py (make codebook) from pycountry "
        f"{version} and codebooks/sources/country_names.csv: do not edit; edit the source "
        "and rebuild\n"
    )
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    for phrase, code, note, _kind in rows:
        writer.writerow((phrase, code, "", "", "", note))
    return buffer.getvalue()


def build(out_path: Path, source_path: Path = DEFAULT_SOURCE) -> Stats:
    """Return the counts after writing the merged countries table to ``out_path``."""
    iso_codes = frozenset(c.alpha_3 for c in pycountry.countries)
    hand = hand_candidates(source_path, iso_codes | NON_ISO_CODES)
    rows, conflicts = merge(hand + pycountry_candidates())
    missing = sorted(iso_codes - {code for _p, code, _n, _k in rows})
    if missing:
        raise CodebookError(
            [
                Problem(source_path, 1, f"{code} has no phrase left after de-duplication")
                for code in missing
            ]
        )
    version = importlib.metadata.version("pycountry")
    _write_atomically(out_path, render(rows, version))
    return Stats(
        countries=len({code[:3] for _p, code, _n, _k in rows}),
        rows=len(rows),
        name_variants=sum(1 for *_rest, kind in rows if kind == "name"),
        adjectives=sum(1 for *_rest, kind in rows if kind == "adjective"),
        places=sum(1 for *_rest, kind in rows if kind == "place"),
        conflicts=tuple(conflicts),
        pycountry_version=version,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Return the exit status after building the countries table and printing its counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the CSV to write")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="hand-written names")
    args = parser.parse_args(argv)
    try:
        stats = build(args.out, args.source)
    except CodebookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(
        f"wrote {args.out}: {stats.countries} countries, {stats.rows} rows "
        f"({stats.name_variants} name variants, {stats.adjectives} adjectives and demonyms, "
        f"{stats.places} capitals and seats of power) from pycountry {stats.pycountry_version}"
    )
    for conflict in stats.conflicts:
        print(f"  conflict resolved: {conflict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
