"""Loading a codebook directory and validating every table completely."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tomllib
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..errors import CodebookError, Problem
from ..tokens import Tokenizer
from . import extensions as ext
from . import layers as lay
from .model import (
    ActorEntry,
    AgentEntry,
    Codebook,
    DiscardEntry,
    EventCode,
    PatternEntry,
    Settings,
    VerbEntry,
)
from .patterns import PatternSyntaxError, parse_pattern
from .tables import Row, read_table

_EVENT_CODE_RE = re.compile(r"^\d{2,4}$")
_ACTOR_CODE_RE = re.compile(r"^(?:[A-Z]{3})+$")
#: an actor code that marks a phrase as not an actor (``Indian Ocean``), so that a shorter
#: phrase inside it (``Indian``) does not match
BLOCK_CODE = "---"
_ROLE_RE = re.compile(r"^[A-Z]{3}$")
_RULE_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$")
_VERB_RE = re.compile(r"^[a-z][a-z'-]*$")
TABLE_KINDS = (
    "event_codes",
    "roles",
    "actors",
    "agents",
    "verbs",
    "patterns",
    "synsets",
    "discards",
    "intents",
    "issues",
)
REQUIRED_KINDS = ("event_codes", "roles", "actors", "verbs")
SETTINGS_KEYS = {
    "require_dyad": bool,
    "deduplicate": str,
    "future_dates": str,
    "background_days": int,
    # docs/codebook.md, "Imported dictionaries"
    "code_syntax": str,
    "actor_dates": str,
    "paired_codes": str,
    "new_actor_length": int,
    "comma_min": int,
    "comma_max": int,
    "comma_bmin": int,
    "comma_bmax": int,
    "comma_emin": int,
    "comma_emax": int,
}


def default_codebook_path() -> Path:
    """Return the directory of the codebook shipped with the package (or the repository's)."""
    here = Path(__file__).resolve()
    for candidate in (
        here.parent.parent / "data" / "codebook",
        here.parents[3] / "codebooks" / "default",
    ):
        if (candidate / "manifest.toml").is_file():
            return candidate
    raise CodebookError(
        [Problem(here, 0, "no default codebook found; give one with --codebook DIR")]
    )


def _date(row: Row, column: str, problems: list[Problem]) -> dt.date | None:
    value = row.get(column)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append(row.problem(f"{column} {value!r} is not a date; write YYYY-MM-DD"))
        return None


def _table_paths(
    manifest: dict[str, Any],
    root: Path,
    problems: list[Problem],
    required: tuple[str, ...] = REQUIRED_KINDS,
) -> dict[str, list[Path]]:
    mpath = root / "manifest.toml"
    tables = manifest.get("tables")
    if not isinstance(tables, dict):
        problems.append(Problem(mpath, 1, "no [tables] section; list the codebook's tables there"))
        return {}
    out: dict[str, list[Path]] = {}
    for kind, value in tables.items():
        if kind not in TABLE_KINDS:
            problems.append(
                Problem(
                    mpath, 1, f"unknown table kind {kind!r}; use one of {', '.join(TABLE_KINDS)}"
                )
            )
            continue
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            problems.append(
                Problem(mpath, 1, f"tables.{kind} must be a file name or a list of them")
            )
            continue
        out[kind] = [root / n for n in names]
    for kind in required:
        if kind not in out:
            problems.append(Problem(mpath, 1, f"tables.{kind} is missing; the codebook needs it"))
    return out


def _settings(manifest: dict[str, Any], mpath: Path, problems: list[Problem]) -> Settings:
    raw = manifest.get("settings", {})
    values: dict[str, Any] = {}
    if not isinstance(raw, dict):
        problems.append(Problem(mpath, 1, "settings must be a [settings] table"))
        raw = {}
    for key, value in raw.items():
        kind = SETTINGS_KEYS.get(key)
        if kind is None:
            problems.append(
                Problem(mpath, 1, f"unknown setting {key!r}; known: {', '.join(SETTINGS_KEYS)}")
            )
        elif type(value) is not kind:  # a bool is not an int here
            problems.append(Problem(mpath, 1, f"setting {key} must be a {kind.__name__}"))
        else:
            values[key] = value
    settings = Settings(**values)
    if settings.deduplicate not in ("document", "none"):
        problems.append(Problem(mpath, 1, 'setting deduplicate must be "document" or "none"'))
    if settings.background_days < 0:
        problems.append(Problem(mpath, 1, "setting background_days must be 0 or more"))
    if settings.future_dates not in ("announced", "expected"):
        problems.append(Problem(mpath, 1, 'setting future_dates must be "announced" or "expected"'))
    ext.check_settings(settings, mpath, problems)
    return settings


def _hash(root: Path, paths: dict[str, list[Path]]) -> str:
    digest = hashlib.sha256()
    files = [root / "manifest.toml"] + sorted({p for ps in paths.values() for p in ps})
    for p in files:
        digest.update(os.path.relpath(p, root).encode())
        digest.update(b"\0")
        if p.is_file():
            digest.update(p.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _all_paths(paths: dict[str, list[Path]], layers: list[lay.Layer]) -> dict[str, list[Path]]:
    """Return the table paths of the codebook and of the layers it extends (for the hash)."""
    out = {k: list(v) for k, v in paths.items()}
    for layer in layers:
        for kind, ps in layer.tables.items():
            out.setdefault(kind, []).extend(ps + [layer.root / "manifest.toml"])
    return out


def _overlaps(a: ActorEntry, b: ActorEntry) -> bool:
    lo = max(a.start or dt.date.min, b.start or dt.date.min)
    hi = min(a.end or dt.date.max, b.end or dt.date.max)
    return lo <= hi


def load_codebook(path: Path | None = None) -> Codebook:
    """Return the validated codebook in ``path`` (the default codebook when None).

    Raises CodebookError listing every problem as ``path:line: message``.
    """
    root = Path(path) if path is not None else default_codebook_path()
    mpath = root / "manifest.toml"
    problems: list[Problem] = []
    if not mpath.is_file():
        raise CodebookError(
            [Problem(mpath, 0, "no manifest.toml; a codebook is a directory with one")]
        )
    try:
        manifest = tomllib.loads(mpath.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CodebookError(
            [Problem(mpath, getattr(exc, "lineno", 1) or 1, f"not valid TOML: {exc}")]
        ) from None
    for key in ("name", "version"):
        if not isinstance(manifest.get(key), str):
            problems.append(Problem(mpath, 1, f'{key} is missing; add {key} = "..."'))
    layers = lay.base_layers(manifest, root, problems)
    paths = _table_paths(manifest, root, problems, () if layers else REQUIRED_KINDS)
    if layers:
        manifest = lay.merged_manifest(manifest, layers)
        for kind in REQUIRED_KINDS:
            if kind not in paths and not any(kind in layer.tables for layer in layers):
                problems.append(
                    Problem(mpath, 1, f"tables.{kind} is missing; the codebook needs it")
                )
    settings = _settings(manifest, mpath, problems)

    def rows(
        kind: str, required: tuple[str, ...], optional: tuple[str, ...] = ("note",)
    ) -> list[Row]:
        stacked: list[list[Row]] = []
        for table_paths in [layer.tables.get(kind, []) for layer in layers] + [paths.get(kind, [])]:
            out: list[Row] = []
            for p in table_paths:
                out.extend(read_table(p, required, optional, problems))
            stacked.append(out)
        return lay.override(kind, stacked)

    def _where(row: Row) -> str:
        return lay.where(row, root) if layers else f"{row.path.name}:{row.line}"

    # event codes
    event_codes: dict[str, EventCode] = {}
    seen_code: dict[str, Row] = {}
    for row in rows("event_codes", ("code", "name", "goldstein", "quad_class")):
        code = row.get("code")
        foreign = ext.foreign_event_code(row, settings)
        if foreign is not None and code not in seen_code:
            seen_code[code] = row
            event_codes[code] = foreign
            continue
        if not _EVENT_CODE_RE.match(code):
            problems.append(
                row.problem(
                    f"event code {code!r} must be 2 to 4 digits with leading zeros, e.g. 042"
                )
            )
            continue
        if code in seen_code:
            problems.append(
                row.problem(f"duplicate event code {code} (first at line {seen_code[code].line})")
            )
            continue
        seen_code[code] = row
        try:
            goldstein = float(row.get("goldstein"))
            if not -10.0 <= goldstein <= 10.0:
                raise ValueError
        except ValueError:
            problems.append(
                row.problem(f"goldstein {row.get('goldstein')!r} must be a number from -10 to 10")
            )
            continue
        quad = row.get("quad_class")
        if quad not in ("1", "2", "3", "4"):
            problems.append(row.problem(f"quad_class {quad!r} must be 1, 2, 3 or 4"))
            continue
        event_codes[code] = EventCode(code, row.get("name"), goldstein, int(quad))

    # roles
    roles: dict[str, str] = {}
    for row in rows("roles", ("code", "label")):
        code = row.get("code")
        if not _ROLE_RE.match(code):
            problems.append(row.problem(f"role code {code!r} must be three capital letters"))
        elif code in roles:
            problems.append(row.problem(f"duplicate role code {code}"))
        else:
            roles[code] = row.get("label")

    # actors
    actors: list[ActorEntry] = []
    by_phrase: dict[str, list[ActorEntry]] = defaultdict(list)
    tokenizer = Tokenizer()
    phrase_keys: dict[str, str] = {}
    for row in rows("actors", ("phrase", "code"), ("start", "end", "surname", "fallback", "note")):
        phrase, code = row.get("phrase"), row.get("code")
        if not phrase:
            problems.append(row.problem("empty phrase"))
            continue
        if (
            code != BLOCK_CODE
            and not _ACTOR_CODE_RE.match(code)
            and not ext.actor_code_ok(code, settings)
        ):
            problems.append(
                row.problem(
                    f"actor code {code!r} must be three-letter CAMEO parts in capitals, e.g. KORGOV, or --- for not an actor"
                )
            )
            continue
        n = len(problems)
        start, end = _date(row, "start", problems), _date(row, "end", problems)
        if start and end and start > end:
            problems.append(
                row.problem(
                    f"date range {start} to {end} ends before it starts; swap start and end"
                )
            )
        if len(problems) > n:
            continue
        entry = ActorEntry(
            phrase, code, start, end, row.get("surname"), _where(row), ext.fallback(row, problems)
        )
        # the key the matcher uses (case, accents and quotes folded): the same spelling twice is a
        # duplicate; two spellings that fold together are one phrase and must agree on the code
        # imported people have a row per term of office: one key per phrase
        key = phrase_keys.get(phrase) or phrase_keys.setdefault(
            phrase, " ".join(tokenizer.words(phrase))
        )
        clash = next(
            (
                e
                for e in by_phrase[key]
                if _overlaps(e, entry)
                and not ext.overlap_allowed(e, entry, settings)
                and (e.phrase.casefold() == phrase.casefold() or e.code != code)
            ),
            None,
        )
        if clash is not None:
            same = clash.phrase.casefold() == phrase.casefold()
            what = (
                f"duplicate phrase {phrase!r}"
                if same
                else f"{phrase!r} matches the same words as {clash.phrase!r}"
            )
            problems.append(
                row.problem(
                    f"{what} (also at {clash.where}) with overlapping dates; "
                    "give each row its own start/end or remove one"
                )
            )
            continue
        by_phrase[key].append(entry)
        actors.append(entry)

    # agents
    agents: list[AgentEntry] = []
    agent_seen: dict[str, str] = {}
    for row in rows("agents", ("phrase", "role"), ("plural", "placement", "note")):
        phrase, role = row.get("phrase"), row.get("role")
        if not phrase:
            problems.append(row.problem("empty phrase"))
            continue
        if not ext.role_ok(role, roles, settings):
            problems.append(
                row.problem(
                    f"unknown role code {role!r}; add it to the roles table or use a known one"
                )
            )
            continue
        plural_cell = row.get("plural")
        plurals = (
            ()
            if plural_cell == "-"
            else tuple(p.strip() for p in plural_cell.split(";") if p.strip())
        )
        entry_where = _where(row)
        dup = [p for p in (phrase, *plurals) if p.casefold() in agent_seen]
        if dup:
            problems.append(
                row.problem(
                    f"duplicate agent phrase {dup[0]!r} (also at {agent_seen[dup[0].casefold()]})"
                )
            )
            continue
        for p in (phrase, *plurals):
            agent_seen[p.casefold()] = entry_where
        agents.append(
            AgentEntry(
                phrase,
                role,
                plurals if plural_cell else _regular_plurals(phrase),
                entry_where,
                ext.placement(row, problems),
            )
        )

    # synsets
    synsets: dict[str, list[str]] = defaultdict(list)
    for row in rows("synsets", ("name", "member")):
        name, member = row.get("name"), row.get("member")
        if not re.match(r"^[A-Z][A-Z0-9_]*$", name) or not member:
            problems.append(
                row.problem("a synset row needs a NAME in capitals and a member phrase")
            )
        elif member.lower() in synsets[name]:
            problems.append(row.problem(f"duplicate member {member!r} of synset {name}"))
        else:
            synsets[name].append(member.lower())

    # verbs
    rule_ids: dict[str, str] = {}

    def claim_rule(row: Row, rule_id: str) -> bool:
        if not _RULE_ID_RE.match(rule_id):
            problems.append(
                row.problem(f"rule_id {rule_id!r} must be letters, digits, '_', '.', ':' or '-'")
            )
            return False
        if rule_id in rule_ids:
            problems.append(
                row.problem(f"duplicate rule_id {rule_id} (also at {rule_ids[rule_id]})")
            )
            return False
        rule_ids[rule_id] = _where(row)
        return True

    def event_code(row: Row, value: str, allow_stop: bool) -> tuple[bool, str | None]:
        if not value or (allow_stop and value == "---"):
            return True, None
        if value not in event_codes:
            problems.append(
                row.problem(f"unknown event code {value!r}; use a code of the event_codes table")
            )
            return False, None
        return True, value

    verbs: list[VerbEntry] = []
    form_owner: dict[str, str] = {}
    for row in rows("verbs", ("verb", "rule_id"), ("forms", "group", "code", "note")):
        verb = row.get("verb").lower()
        if not _VERB_RE.match(verb):
            problems.append(
                row.problem(
                    f"verb {verb!r} must be one lower-case word; put particles in patterns (*_up)"
                )
            )
            continue
        code_cell, verb_paired = ext.split_pair(row.get("code"))
        ok, verb_code = event_code(row, code_cell, allow_stop=False)
        if verb_paired is not None:
            ok = event_code(row, verb_paired, allow_stop=False)[0] and ok
        if not ok or not claim_rule(row, row.get("rule_id")):
            continue
        forms_cell = row.get("forms")
        forms = (
            (verb,)
            if forms_cell == "-"
            else tuple(
                dict.fromkeys(
                    [verb, *(f.strip().lower() for f in forms_cell.split(";") if f.strip())]
                )
            )
            if forms_cell
            else regular_forms(verb)
        )
        taken = [f for f in forms if f in form_owner]
        if taken:
            problems.append(
                row.problem(
                    f"verb form {taken[0]!r} is already a form of another verb (at {form_owner[taken[0]]}); "
                    "put synonyms in one group instead of repeating forms"
                )
            )
            continue
        for f in forms:
            form_owner[f] = _where(row)
        group = (row.get("group") or verb).lower()
        verbs.append(
            VerbEntry(verb, forms, group, verb_code, row.get("rule_id"), _where(row), verb_paired)
        )
    groups = {v.group for v in verbs}

    patterns: list[PatternEntry] = []
    for row in rows("patterns", ("rule_id", "verb", "pattern", "code")):
        group = row.get("verb").lower()
        if group not in groups:
            problems.append(
                row.problem(f"verb {group!r} is not a verb or group of the verbs table")
            )
            continue
        try:
            pattern = parse_pattern(row.get("pattern"))
        except PatternSyntaxError as exc:
            problems.append(row.problem(str(exc)))
            continue
        missing = sorted(pattern.synsets - set(synsets))
        if missing:
            problems.append(
                row.problem(f"unknown synset &{missing[0]}; define it in the synsets table")
            )
            continue
        code_cell, pattern_paired = ext.split_pair(row.get("code"))
        ok, pattern_code = event_code(row, code_cell, allow_stop=True)
        if pattern_paired is not None:
            ok = event_code(row, pattern_paired, allow_stop=False)[0] and ok
        if not row.get("code"):
            problems.append(row.problem("a pattern needs a code (or --- for a stop pattern)"))
            continue
        if not ok or not claim_rule(row, row.get("rule_id")):
            continue
        patterns.append(
            PatternEntry(
                row.get("rule_id"), group, pattern, pattern_code, _where(row), pattern_paired
            )
        )

    discards: list[DiscardEntry] = []
    discard_seen: set[str] = set()
    for row in rows("discards", ("phrase", "scope"), ("match", "note")):
        phrase, scope = row.get("phrase"), row.get("scope") or "sentence"
        if scope not in ("sentence", "document"):
            problems.append(row.problem(f"scope {scope!r} must be sentence or document"))
        elif not phrase or phrase.casefold() in discard_seen:
            problems.append(row.problem(f"empty or duplicate discard phrase {phrase!r}"))
        else:
            discard_seen.add(phrase.casefold())
            discards.append(
                DiscardEntry(phrase, scope, _where(row), ext.discard_match(row, problems))
            )

    intents: dict[str, tuple[str | None, str | None]] = {}
    for row in rows("intents", ("code",), ("intent", "refusal", "note")):
        prefix = row.get("code")
        if not re.match(r"^\d{2,4}$", prefix):
            problems.append(
                row.problem(
                    f"code {prefix!r} must be an event code or its first digits, e.g. 04 or 084"
                )
            )
            continue
        if prefix in intents:
            problems.append(row.problem(f"duplicate code {prefix}"))
            continue
        pair = []
        for column in ("intent", "refusal"):
            value = row.get(column)
            if value and value not in event_codes:
                problems.append(row.problem(f"unknown event code {value!r} in {column}"))
            pair.append(value or None)
        intents[prefix] = (pair[0], pair[1])

    issues = [
        issue
        for row in rows("issues", ("phrase", "code"), ("category", "kind", "note"))
        if (issue := ext.issue_entry(row, _where(row), problems)) is not None
    ]

    origins = manifest.get("origin", {})
    if problems:
        raise CodebookError(problems)
    return Codebook(
        name=manifest["name"],
        version=manifest["version"],
        description=str(manifest.get("description", "")),
        path=root,
        hash=_hash(root, _all_paths(paths, layers)),
        event_codes=event_codes,
        roles=roles,
        actors=tuple(ext.order_actors(actors)),
        agents=tuple(agents),
        verbs=tuple(verbs),
        patterns=tuple(patterns),
        synsets={k: tuple(v) for k, v in synsets.items()},
        discards=tuple(discards),
        settings=settings,
        intents=intents,
        origins={str(k): str(v) for k, v in origins.items()} if isinstance(origins, dict) else {},
        issues=tuple(issues),
        layers=tuple(layer.root for layer in layers),
    )


_VOWELS = "aeiou"


def _regular_plurals(noun: str) -> tuple[str, ...]:
    """Return the regular plural of the last word of a noun phrase."""
    head, _, last = noun.rpartition(" ")
    prefix = f"{head} " if head else ""
    if last.endswith(("s", "sh", "ch", "x", "z")):
        plural = last + "es"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in _VOWELS:
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return (prefix + plural,)


def regular_forms(verb: str) -> tuple[str, ...]:
    """Return the base, -s, -ed and -ing forms of a regular verb (both spellings where doubling is unsure)."""
    forms = [verb]
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.append(verb + "es")
    elif verb.endswith("y") and verb[-2:-1] not in tuple(_VOWELS):
        forms.append(verb[:-1] + "ies")
    else:
        forms.append(verb + "s")
    if verb.endswith("e"):
        forms.append(verb + "d")
        forms.append(verb + "ing" if verb.endswith(("ee", "ye", "oe")) else verb[:-1] + "ing")
    elif verb.endswith("y") and verb[-2:-1] not in tuple(_VOWELS):
        forms += [verb[:-1] + "ied", verb + "ing"]
    else:
        forms += [verb + "ed", verb + "ing"]
        cvc = (
            len(verb) >= 3
            and verb[-1] not in _VOWELS + "wxy"
            and verb[-2] in _VOWELS
            and verb[-3] not in _VOWELS
        )
        if cvc:
            forms += [verb + verb[-1] + "ed", verb + verb[-1] + "ing"]
    return tuple(dict.fromkeys(forms))
