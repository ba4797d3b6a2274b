"""Loading a codebook directory and validating every table completely."""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import CodebookError, Problem
from ..origin import Origin
from . import cache
from . import extensions as ext
from . import layers as lay
from .actor_rows import BLOCK_CODE as BLOCK_CODE  # imported from here by coder.actors and audit
from .actor_rows import actor_entries
from .forms import regular_forms, regular_plurals
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
from .nogc import paused_gc
from .patterns import PatternSyntaxError, parse_pattern
from .tables import Row, read_table

_EVENT_CODE_RE = re.compile(r"^\d{2,4}$")
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
    "places",
    "issues",
)
REQUIRED_KINDS = ("event_codes", "roles", "actors", "verbs")
SETTINGS_KEYS = {
    "require_dyad": bool,
    "deduplicate": str,
    "future_dates": str,
    "background_days": int,
    "carry_lead": str,
    **ext.SETTINGS_KEYS,
    "unnamed_sources": bool,
}


def default_codebook_path() -> Path:
    """Return the default codebook: the clone's ``codebooks/default`` when running from a source
    tree (the copy to edit), else the copy installed with the package."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (
        package.parents[1] / "codebooks" / "default",  # src/eventcodes -> the repository root
        package / "default_codebook",  # shipped in the wheel (setup.py copies it at build time)
    ):
        if (candidate / "manifest.toml").is_file():
            return candidate
    raise CodebookError(
        [
            Problem(
                package / "default_codebook",
                0,
                "no default codebook found: the installation is incomplete; reinstall eventcodes "
                "or give a codebook with --codebook DIR",
            )
        ]
    )


def _origin(row: Row) -> Origin:
    return Origin(row.path, row.line)


class _Manifest:
    """A parsed manifest.toml with the line of each key, so that problems name their line."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.data: dict[str, Any] = tomllib.loads(text)
        self._lines: dict[str, int] = {}
        section = ""
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            header = re.match(r"^\[\s*([^\]]+?)\s*\]", line)
            if header:
                section = header.group(1)
                self._lines.setdefault(section, number)
                continue
            key = re.match(r'^("[^"]*"|[A-Za-z0-9_.-]+)\s*=', line)
            if key:
                name = key.group(1).strip('"')
                self._lines.setdefault(f"{section}.{name}" if section else name, number)

    def line(self, *keys: str) -> int:
        """Return the line of the first of ``keys`` the file has (``tables.actors``), else 1."""
        return next((self._lines[k] for k in keys if k in self._lines), 1)

    def problem(self, message: str, *keys: str) -> Problem:
        """Return a problem at the line of the first of ``keys`` the manifest has."""
        return Problem(self.path, self.line(*keys), message)


def _read_manifest(root: Path) -> _Manifest:
    mpath = root / "manifest.toml"
    if not mpath.is_file():
        raise CodebookError(
            [Problem(mpath, 0, "no manifest.toml; a codebook is a directory with one")]
        )
    try:
        return _Manifest(mpath, mpath.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CodebookError(
            [Problem(mpath, getattr(exc, "lineno", 1) or 1, f"not valid TOML: {exc}")]
        ) from None


def _table_paths(
    manifest: _Manifest,
    root: Path,
    problems: list[Problem],
    required: tuple[str, ...] = REQUIRED_KINDS,
) -> dict[str, list[Path]]:
    tables = manifest.data.get("tables")
    if not isinstance(tables, dict):
        problems.append(
            manifest.problem("no [tables] section; list the codebook's tables there", "tables")
        )
        return {}
    out: dict[str, list[Path]] = {}
    for kind, value in tables.items():
        where = f"tables.{kind}"
        if kind not in TABLE_KINDS:
            problems.append(
                manifest.problem(
                    f"unknown table kind {kind!r}; use one of {', '.join(TABLE_KINDS)}", where
                )
            )
            continue
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            problems.append(
                manifest.problem(f"tables.{kind} must be a file name or a list of them", where)
            )
            continue
        out[kind] = [root / n for n in names]
        for n in names:
            if not (root / n).is_file():
                problems.append(
                    manifest.problem(
                        f"tables.{kind} lists {n}, which is not a file in {root}; "
                        "fix the name or add the table",
                        where,
                    )
                )
    for kind in required:
        if kind not in out:
            problems.append(
                manifest.problem(f"tables.{kind} is missing; the codebook needs it", "tables")
            )
    return out


def _settings(manifest: _Manifest, problems: list[Problem]) -> Settings:
    raw = manifest.data.get("settings", {})
    values: dict[str, Any] = {}
    if not isinstance(raw, dict):
        problems.append(manifest.problem("settings must be a [settings] table", "settings"))
        raw = {}
    for key, value in raw.items():
        kind = SETTINGS_KEYS.get(key)
        where = f"settings.{key}"
        if kind is None:
            problems.append(
                manifest.problem(
                    f"unknown setting {key!r}; known: {', '.join(SETTINGS_KEYS)}", where
                )
            )
        elif type(value) is not kind:  # a bool is not an int here
            problems.append(manifest.problem(f"setting {key} must be a {kind.__name__}", where))
        else:
            values[key] = value
    settings = Settings(**values)
    checks = [
        (settings.deduplicate in ("document", "none"), "deduplicate", '"document" or "none"'),
        (settings.background_days >= 0, "background_days", "0 or more"),
        (
            settings.future_dates in ("announced", "expected"),
            "future_dates",
            '"announced" or "expected"',
        ),
        (settings.carry_lead in ("none", "incident"), "carry_lead", '"none" or "incident"'),
    ]
    for ok, key, allowed in checks:
        if not ok:
            problems.append(
                manifest.problem(f"setting {key} must be {allowed}", f"settings.{key}", "settings")
            )
    ext.check_settings(settings, manifest.path, problems)
    return settings


def _view_paths(manifest: _Manifest, root: Path) -> list[Path]:
    """Return the view tables the manifest names (eventcodes.views reads and checks them), so
    that the codebook's hash changes when one of them does."""
    views = manifest.data.get("views", {})
    if not isinstance(views, dict):
        return []
    return [root / v for v in views.values() if isinstance(v, str)]


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


class _Tables:
    """Reads the rows of each kind of table of one codebook, collecting every problem."""

    def __init__(
        self,
        paths: dict[str, list[Path]],
        problems: list[Problem],
        layers: list[lay.Layer] | None = None,
    ) -> None:
        self.paths = paths
        self.problems = problems
        #: the codebooks this one extends, deepest first: their rows are read first and a row of
        #: a later layer replaces theirs with the same key (codebook/layers.py)
        self.layers = layers or []

    def rows(
        self, kind: str, required: tuple[str, ...], optional: tuple[str, ...] = ("note",)
    ) -> list[Row]:
        def read(p: Path) -> list[Row]:
            # a missing table is reported at its line in manifest.toml
            return list(read_table(p, required, optional, self.problems)) if p.is_file() else []

        return lay.stacked_rows(kind, self.layers, self.paths, read)


def load_codebook(path: Path | None = None, *, use_cache: bool = True) -> Codebook:
    """Return the validated codebook in ``path`` (the default codebook when None).

    A large codebook is read from the compiled-codebook cache when it holds this codebook as
    it is now, and written to it once compiled (codebook/cache.py); ``use_cache=False`` reads
    the tables and writes nothing (a codebook in a temporary directory, read once).

    Raises CodebookError listing every problem as ``path:line: message``.
    """
    root = Path(path) if path is not None else default_codebook_path()
    with paused_gc():
        found = _cache_slot(root) if use_cache else None
        if found is not None:
            cached = cache.read(found)
            if cached is not None:
                return cached
        codebook = _load(root)
        if found is not None:
            cache.remember(codebook, found)  # written once compiled (Codebook.compiled)
        return codebook


def _cache_slot(root: Path) -> cache.Slot | None:
    """Return the cache slot of the codebook in ``root`` (codebook/cache.py), or None when the
    cache is off, the codebook is small, or its manifest has problems (``_load`` reports them)."""
    if cache.cache_dir() is None:
        return None
    problems: list[Problem] = []
    try:
        manifest = _read_manifest(root)
    except CodebookError:
        return None
    layers = lay.base_layers(manifest.data, root, problems)
    paths = _table_paths(manifest, root, problems, () if layers else REQUIRED_KINDS)
    if problems:
        return None
    files = {**lay.all_paths(paths, layers), "views": _view_paths(manifest, root)}
    sized = [p for kind, ps in files.items() if kind not in ("places", "views") for p in ps]
    # the origins of a stacked codebook name its layers relative to the working directory
    context = os.getcwd() if layers else ""
    return cache.slot(root, sized, lambda: _hash(root, files), context)


def _load(root: Path) -> Codebook:
    manifest = _read_manifest(root)
    problems: list[Problem] = []
    for key in ("name", "version"):
        if not isinstance(manifest.data.get(key), str):
            problems.append(manifest.problem(f'{key} is missing; add {key} = "..."', key))
    layers = lay.base_layers(manifest.data, root, problems)
    paths = _table_paths(manifest, root, problems, () if layers else REQUIRED_KINDS)
    if layers:
        manifest.data = lay.merged_manifest(manifest.data, layers)
        for kind in lay.missing(REQUIRED_KINDS, paths, layers):
            problems.append(
                manifest.problem(f"tables.{kind} is missing; the codebook needs it", "tables")
            )
    settings = _settings(manifest, problems)
    tables = _Tables(paths, problems, layers)
    event_codes = _event_codes(tables, settings, problems)
    roles = _roles(tables, problems)
    actors = _actors(tables, settings, problems)
    agents = _agents(tables, roles, settings, problems)
    synsets = _synsets(tables, problems)
    rules = _Rules(event_codes, problems)
    verbs = _verbs(tables, rules, problems)
    patterns = _patterns(tables, {v.group for v in verbs}, synsets, rules, problems)
    discards = _discards(tables, problems)
    intents = _intents(tables, event_codes, problems)
    issues = ext.issues(tables.rows("issues", ("phrase", "code"), ext.ISSUE_COLUMNS), problems)
    origins = manifest.data.get("origin", {})
    if problems:
        raise CodebookError(problems)
    return Codebook(
        name=manifest.data["name"],
        version=manifest.data["version"],
        description=str(manifest.data.get("description", "")),
        path=root,
        hash=_hash(root, {**lay.all_paths(paths, layers), "views": _view_paths(manifest, root)}),
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
        place_tables=tuple(paths.get("places", [])),
        issues=tuple(issues),
        layers=tuple(layer.root for layer in layers),
    )


def _event_code_problem(row: Row, seen: dict[str, Row]) -> str:
    """Return what is wrong with an event_codes row, or ''."""
    code = row.get("code")
    if not _EVENT_CODE_RE.match(code):
        return f"event code {code!r} must be 2 to 4 digits with leading zeros, e.g. 042"
    if code in seen:
        return f"duplicate event code {code} (first at line {seen[code].line})"
    return ""


def _event_codes(
    tables: _Tables, settings: Settings, problems: list[Problem]
) -> dict[str, EventCode]:
    event_codes: dict[str, EventCode] = {}
    seen_code: dict[str, Row] = {}
    for row in tables.rows("event_codes", ("code", "name", "goldstein", "quad_class")):
        code = row.get("code")
        foreign = ext.foreign_event_code(row, settings)
        if foreign is not None and code not in seen_code:
            seen_code[code] = row
            event_codes[code] = foreign
            continue
        problem = _event_code_problem(row, seen_code)
        if problem:
            problems.append(row.problem(problem))
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
    return event_codes


def _roles(tables: _Tables, problems: list[Problem]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for row in tables.rows("roles", ("code", "label")):
        code = row.get("code")
        if not _ROLE_RE.match(code):
            problems.append(row.problem(f"role code {code!r} must be three capital letters"))
        elif code in roles:
            problems.append(row.problem(f"duplicate role code {code}"))
        else:
            roles[code] = row.get("label")
    return roles


def _actors(tables: _Tables, settings: Settings, problems: list[Problem]) -> list[ActorEntry]:
    columns = ("start", "end", "surname", "fallback", "note")
    return actor_entries(tables.rows("actors", ("phrase", "code"), columns), settings, problems)


def _agents(
    tables: _Tables, roles: dict[str, str], settings: Settings, problems: list[Problem]
) -> list[AgentEntry]:
    agents: list[AgentEntry] = []
    agent_seen: dict[str, str] = {}
    for row in tables.rows("agents", ("phrase", "role"), ("plural", "placement", "note")):
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
        origin = _origin(row)
        dup = [p for p in (phrase, *plurals) if p.casefold() in agent_seen]
        if dup:
            problems.append(
                row.problem(
                    f"duplicate agent phrase {dup[0]!r} (also at {agent_seen[dup[0].casefold()]})"
                )
            )
            continue
        for p in (phrase, *plurals):
            agent_seen[p.casefold()] = origin.short
        entry = AgentEntry(
            phrase, role, plurals if plural_cell else regular_plurals(phrase), origin
        )
        agents.append(replace(entry, placement=ext.placement(row, problems)))
    return agents


def _synsets(tables: _Tables, problems: list[Problem]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = defaultdict(list)
    for row in tables.rows("synsets", ("name", "member")):
        name, member = row.get("name"), row.get("member")
        if not re.match(r"^[A-Z][A-Z0-9_]*$", name) or not member:
            problems.append(
                row.problem("a synset row needs a NAME in capitals and a member phrase")
            )
        elif member.lower() in synsets[name]:
            problems.append(row.problem(f"duplicate member {member!r} of synset {name}"))
        else:
            synsets[name].append(member.lower())
    return synsets


class _Rules:
    """Rule ids (unique across verbs and patterns) and event codes, checked row by row."""

    def __init__(self, event_codes: dict[str, EventCode], problems: list[Problem]) -> None:
        self.event_codes = event_codes
        self.problems = problems
        self.rule_ids: dict[str, Row] = {}

    def claim(self, row: Row, rule_id: str) -> bool:
        """Return whether ``rule_id`` is well formed and new, and take it for this row."""
        if not _RULE_ID_RE.match(rule_id):
            self.problems.append(
                row.problem(f"rule_id {rule_id!r} must be letters, digits, '_', '.', ':' or '-'")
            )
            return False
        first = self.rule_ids.get(rule_id)
        if first is not None:
            self.problems.append(
                row.problem(f"duplicate rule_id {rule_id} (also at {_origin(first).short})")
            )
            return False
        self.rule_ids[rule_id] = row
        return True

    def event_code(self, row: Row, value: str, allow_stop: bool) -> tuple[bool, str | None]:
        """Return (valid, the code or None for none or a stop pattern's ---)."""
        if not value or (allow_stop and value == "---"):
            return True, None
        if value not in self.event_codes:
            self.problems.append(
                row.problem(f"unknown event code {value!r}; use a code of the event_codes table")
            )
            return False, None
        return True, value


def _verb_forms(row: Row, verb: str) -> tuple[str, ...]:
    forms_cell = row.get("forms")
    if not forms_cell:
        return regular_forms(verb)
    if forms_cell == "-":  # no other form (imported dictionaries)
        return (verb,)
    listed = (f.strip().lower() for f in forms_cell.split(";") if f.strip())
    return tuple(dict.fromkeys([verb, *listed]))


def _verbs(tables: _Tables, rules: _Rules, problems: list[Problem]) -> list[VerbEntry]:
    verbs: list[VerbEntry] = []
    form_owner: dict[str, str] = {}
    for row in tables.rows("verbs", ("verb", "rule_id"), ("forms", "group", "code", "note")):
        verb = row.get("verb").lower()
        if not _VERB_RE.match(verb):
            problems.append(
                row.problem(
                    f"verb {verb!r} must be one lower-case word; put particles in patterns (*_up)"
                )
            )
            continue
        ok, verb_code, verb_paired = ext.paired_code(rules.event_code, row, allow_stop=False)
        if not ok or not rules.claim(row, row.get("rule_id")):
            continue
        forms = _verb_forms(row, verb)
        taken = [f for f in forms if f in form_owner]
        if taken:
            problems.append(
                row.problem(
                    f"verb form {taken[0]!r} is already a form of another verb (at {form_owner[taken[0]]}); "
                    "put synonyms in one group instead of repeating forms"
                )
            )
            continue
        origin = _origin(row)
        for f in forms:
            form_owner[f] = origin.short
        group = (row.get("group") or verb).lower()
        verbs.append(
            VerbEntry(verb, forms, group, verb_code, row.get("rule_id"), origin, verb_paired)
        )
    return verbs


def _patterns(
    tables: _Tables,
    groups: set[str],
    synsets: dict[str, list[str]],
    rules: _Rules,
    problems: list[Problem],
) -> list[PatternEntry]:
    patterns: list[PatternEntry] = []
    for row in tables.rows("patterns", ("rule_id", "verb", "pattern", "code")):
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
        missing = sorted(s for s in pattern.synsets if s not in synsets)
        if missing:
            problems.append(
                row.problem(f"unknown synset &{missing[0]}; define it in the synsets table")
            )
            continue
        ok, pattern_code, pattern_paired = ext.paired_code(rules.event_code, row, allow_stop=True)
        if not row.get("code"):
            problems.append(row.problem("a pattern needs a code (or --- for a stop pattern)"))
            continue
        if not ok or not rules.claim(row, row.get("rule_id")):
            continue
        patterns.append(
            PatternEntry(
                row.get("rule_id"), group, pattern, pattern_code, _origin(row), pattern_paired
            )
        )
    return patterns


def _discards(tables: _Tables, problems: list[Problem]) -> list[DiscardEntry]:
    discards: list[DiscardEntry] = []
    discard_seen: set[str] = set()
    for row in tables.rows("discards", ("phrase", "scope"), ("match", "note")):
        phrase, scope = row.get("phrase"), row.get("scope") or "sentence"
        if scope not in ("sentence", "document"):
            problems.append(row.problem(f"scope {scope!r} must be sentence or document"))
        elif not phrase or phrase.casefold() in discard_seen:
            problems.append(row.problem(f"empty or duplicate discard phrase {phrase!r}"))
        else:
            discard_seen.add(phrase.casefold())
            discards.append(
                DiscardEntry(phrase, scope, _origin(row), ext.discard_match(row, problems))
            )
    return discards


def _intents(
    tables: _Tables, event_codes: dict[str, EventCode], problems: list[Problem]
) -> dict[str, tuple[str | None, str | None]]:
    intents: dict[str, tuple[str | None, str | None]] = {}
    for row in tables.rows("intents", ("code",), ("intent", "refusal", "note")):
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
    return intents
