"""Converting PETRARCH-1/TABARI dictionaries into an eventcodes codebook directory."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..codebook.load import default_codebook_path
from ..codebook.tables import read_rows
from ..errors import InputError
from .actors import (
    ActorRow,
    actor_rows,
    read_actors,
    read_agents,
    read_discards,
    read_issues,
)
from .lines import NOTE, REJECTED, SKIPPED, Finding, ImportLog
from .verbs import VerbDictionary, check_pattern, read_verbs, regular_verb_forms

#: the marker of a directory this command wrote, so that a later import may replace it
GENERATED_BY = "eventcodes import-dictionaries"


@dataclass
class ImportResult:
    """What an import read and wrote: line counts by kind, findings, table sizes and seconds."""

    output: Path
    counts: Counter[str]
    findings: list[Finding]
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rejected(self) -> list[Finding]:
        return [f for f in self.findings if f.rejected]

    def render(self, notes: bool = True) -> str:
        """Return the summary a user reads: lines of each kind, table rows, every line rejected or
        skipped (and the notes, unless ``notes`` is False)."""
        out = [f"imported into {self.output} in {self.seconds:.2f} s"]
        out.append("lines read: " + ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items())))
        out.append("rows written: " + ", ".join(f"{k} {v}" for k, v in self.rows.items()))
        out.extend(str(f) for f in self.findings if notes or f.status != NOTE)
        by = Counter(f.status for f in self.findings)
        out.append(
            f"{by[REJECTED]} line(s) not interpreted, {by[SKIPPED]} skipped as PETRARCH-1 skips them, "
            f"{by[NOTE]} note(s)"
        )
        return "\n".join(out)


def _is_petrarch2(path: Path) -> bool:
    """Return whether a verb dictionary uses PETRARCH-2's constituent brackets in its patterns."""
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if line.startswith("- ") and "(" in line.split("[")[0]:
                return True
    return False


class _Tables:
    """The rows of the codebook being written, by table file."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[list[str], list[list[str]]]] = {}

    def table(self, name: str, header: list[str]) -> list[list[str]]:
        if name not in self.files:
            self.files[name] = (header, [])
        return self.files[name][1]

    def write(self, root: Path) -> None:
        for name, (header, rows) in self.files.items():
            buf = io.StringIO()
            w = csv.writer(buf, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
            p = root / name
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(buf.getvalue(), encoding="utf-8")


def _date(d: object) -> str:
    return "" if d is None else str(d)


def _verbs_tables(vd: VerbDictionary, log: ImportLog, t: _Tables, codes: set[str]) -> None:
    """Add the verbs, patterns and synsets of a verb dictionary to the tables."""
    path = vd.path
    stem = path.stem

    # synsets: members that name another synset are replaced by its members (TABARI nesting)
    def members(name: str, seen: tuple[str, ...] = ()) -> list[str]:
        out: list[str] = []
        for m in vd.synsets.get(name, []):
            if m.startswith("&"):
                inner = m[1:]
                if inner in seen or inner not in vd.synsets:
                    continue
                out.extend(members(inner, (*seen, name)))
            else:
                out.append(m)
        return list(dict.fromkeys(out))

    synrows = t.table("synsets.csv", ["name", "member"])
    for name in vd.synsets:
        for m in members(name):
            synrows.append([name, m])
    # groups: one per block, unique names
    group_of: dict[int, str] = {}
    used: Counter[str] = Counter()
    for block in vd.blocks:
        base = "_".join(block.name.lower().split()) or "block"
        used[base] += 1
        group_of[id(block)] = base if used[base] == 1 else f"{base}.{used[base]}"
    # verb forms: a later definition takes a form (PETRARCH-1's dictionary keeps the last)
    owner: dict[str, tuple[int, int]] = {}  # form -> (block index, verb index)
    single: dict[str, tuple[int, int]] = {}  # head verb -> its single-word definition
    for bi, block in enumerate(vd.blocks):
        for vi, verb in enumerate(block.verbs):
            if verb.multiword:
                continue
            forms = (
                [verb.head, *verb.forms]
                if verb.forms is not None
                else regular_verb_forms(verb.head)
            )
            for f in forms:
                if f in owner and owner[f] != (bi, vi):
                    ob, ov = owner[f]
                    prev = vd.blocks[ob].verbs[ov]
                    log.note(
                        path,
                        verb.line,
                        f"form {f!r} was a form of {prev.head!r} (line {prev.line}); the later definition takes it",
                    )
                owner[f] = (bi, vi)
            single[verb.head] = (bi, vi)
    verb_rows = t.table("verbs.csv", ["verb", "forms", "group", "code", "rule_id", "note"])
    pat_rows = t.table("patterns.csv", ["rule_id", "verb", "pattern", "code", "note"])
    rule_ids: set[str] = set()
    extra_heads: dict[str, list[str]] = {}  # head of multi-word verbs with no verb of its own
    # pattern text + code seen per group, to report exact repeats once
    seen_patterns: dict[tuple[str, str], int] = {}

    def add_pattern(
        rule_id: str, group: str, text: str, code: str | None, line: int, note: str
    ) -> None:
        stars = re.findall(r"(?:^|(?<=[\s_{|]))\*(?=$|[\s_}|])", text)
        if not stars:
            # PETRARCH-1 splits a pattern at its first '*': with none, all its words come before the verb
            log.note(
                path, line, f"pattern {text!r} has no '*': its words must come before the verb"
            )
            text = f"{text} *"
        elif len(stars) > 1:
            log.skip(
                path,
                line,
                f"pattern {text!r} has two '*': PETRARCH-1 reads the second as a word, so it never matches",
            )
            return
        if text.count("{") != text.count("}"):
            log.skip(
                path,
                line,
                f"pattern {text!r} has an unmatched brace: PETRARCH-1 reads it as a word, so it never matches",
            )
            return
        why = check_pattern(text)
        if why is not None:
            log.reject(path, line, f"pattern cannot be kept: {why}")
            return
        key = (group, text)
        if key in seen_patterns:
            log.note(
                path,
                line,
                f"pattern {text!r} repeats line {seen_patterns[key]} in the same block; the first is used",
            )
            return
        seen_patterns[key] = line
        missing = [n for n in re.findall(r"&([A-Z0-9]+)", text) if n not in vd.synsets]
        if missing:
            log.skip(
                path, line, f"synset &{missing[0]} is not defined: PETRARCH-1 skips the pattern"
            )
            return
        if code:
            codes.update(c for c in code.split(":") if c)
        rule_ids.add(rule_id)
        pat_rows.append([rule_id, group, text, code or "---", note])

    for bi, block in enumerate(vd.blocks):
        group = group_of[id(block)]
        has_verb = False
        for vi, verb in enumerate(block.verbs):
            if verb.multiword:
                continue
            forms = (
                [verb.head, *verb.forms]
                if verb.forms is not None
                else regular_verb_forms(verb.head)
            )
            kept = [f for f in forms if owner.get(f) == (bi, vi)]
            if verb.head not in kept:
                continue  # redefined later (noted above)
            has_verb = True
            if verb.code:
                codes.update(c for c in verb.code.split(":") if c)
            verb_rows.append(
                [
                    verb.head,
                    ";".join(f for f in kept if f != verb.head) or "-",
                    group,
                    verb.code or "",
                    f"{stem}:{verb.line}",
                    f"{block.name}",
                ]
            )
        if not has_verb:
            if block.patterns and not any(v.multiword for v in block.verbs):
                log.note(
                    path,
                    block.line,
                    f"block {block.name} has no verb left (each was redefined later): "
                    "its patterns are not used, as in PETRARCH-1",
                )
            continue
        for number, text, code in block.patterns:
            add_pattern(f"{stem}:{number}", group, text, code, number, block.name)
    # multi-word verbs: patterns of the head verb's group, with "*" standing for the words
    for block in vd.blocks:
        for verb in block.verbs:
            if not verb.multiword:
                continue
            known = single.get(verb.head) or owner.get(verb.head)
            if known is not None:
                # the head is a verb, or a form of one ("KILLED_AND" of KILL): its group holds the pattern
                group = group_of[id(vd.blocks[known[0]])]
            else:
                group = f"{verb.head}.words"
                forms = (
                    [verb.head, *verb.forms]
                    if verb.forms is not None
                    else regular_verb_forms(verb.head)
                )
                extra_heads.setdefault(verb.head, [])
                extra_heads[verb.head].extend(f for f in forms if f not in owner)
            star = verb.star()
            add_pattern(
                f"{stem}:{verb.line}", group, star, verb.code, verb.line, f"{block.name}: {star}"
            )
            for number, text, code in block.patterns:
                add_pattern(
                    f"{stem}:{number}.{verb.line}",
                    group,
                    text.replace("*", star, 1),
                    code,
                    number,
                    f"{block.name}: {star}",
                )
    for head, forms in extra_heads.items():
        kept = list(dict.fromkeys(forms))
        verb_rows.append(
            [
                head,
                ";".join(f for f in kept if f != head) or "-",
                f"{head}.words",
                "",
                f"{stem}:{head}",
                "head of multi-word verbs",
            ]
        )


def import_dictionaries(
    verbs: Path,
    actors: list[Path],
    output: Path,
    agents: Path | None = None,
    discards: Path | None = None,
    issues: Path | None = None,
) -> ImportResult:
    """Convert PETRARCH-1/TABARI dictionaries into a codebook directory at ``output``; return what was read.

    Every line that cannot be interpreted is in the result's ``rejected`` findings as
    ``file:line: reason``; the directory appears whole or not at all.
    """
    started = time.perf_counter()
    for p in [verbs, *actors, agents, discards, issues]:
        if p is not None and not Path(p).is_file():
            raise InputError(f"{p}: no such dictionary file; check the path")
    if output.exists() and any(output.iterdir()):
        manifest = output / "manifest.toml"
        if not (manifest.is_file() and GENERATED_BY in manifest.read_text(encoding="utf-8")):
            raise InputError(
                f"{output}: exists and was not written by import-dictionaries; give a new directory with -o"
            )
    log = ImportLog()
    t = _Tables()
    codes: set[str] = set()
    origins: dict[str, str] = {}

    def origin(table: str, source: Path) -> None:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
        origins[table] = f"imported from {source.name} (sha256 {digest}) by {GENERATED_BY}"

    vd = read_verbs(verbs, log, petrarch2=_is_petrarch2(verbs))
    _verbs_tables(vd, log, t, codes)
    origin("verbs.csv", verbs)
    origin("patterns.csv", verbs)
    origin("synsets.csv", verbs)

    actor_tables: list[str] = []
    all_records = []
    for a in actors:
        all_records.append((a, read_actors(a, log)))
    used_names: Counter[str] = Counter()
    for a, records in all_records:
        rows: list[ActorRow] = actor_rows(records, log)
        used_names[a.stem] += 1
        name = f"actors/{a.stem}{'' if used_names[a.stem] == 1 else used_names[a.stem]}.csv"
        actor_tables.append(name)
        table = t.table(name, ["phrase", "code", "start", "end", "fallback", "note"])
        for r in rows:
            table.append(
                [
                    r.phrase,
                    r.code,
                    _date(r.start),
                    _date(r.end),
                    "yes" if r.fallback else "",
                    r.where,
                ]
            )
        origin(name, a)

    roles = _default_rows("roles.csv")
    role_rows = t.table("roles.csv", ["code", "label"])
    known_roles = set()
    for _, row in roles:
        role_rows.append([row["code"], row["label"]])
        known_roles.add(row["code"])
    if agents is not None:
        table = t.table("agents.csv", ["phrase", "plural", "role", "placement", "note"])
        for ag in read_agents(agents, log):
            table.append([ag.phrase, ";".join(ag.plurals) or "-", ag.role, ag.placement, ag.where])
            for part in (ag.role[i : i + 3] for i in range(0, len(ag.role), 3)):
                if len(part) == 3 and part not in known_roles:
                    known_roles.add(part)
                    role_rows.append([part, f"imported from {agents.name}"])
        origin("agents.csv", agents)
    if discards is not None:
        table = t.table("discards.csv", ["phrase", "scope", "match", "note"])
        for d in read_discards(discards, log):
            table.append([d.phrase, d.scope, "stem" if d.stem else "word", d.where])
        origin("discards.csv", discards)
    if issues is not None:
        table = t.table("issues.csv", ["phrase", "code", "category", "kind", "note"])
        for i in read_issues(issues, log):
            table.append([i.phrase, i.code, i.category, i.kind, i.where])
        origin("issues.csv", issues)

    # name first: a dictionary's code may start with '#' (TABARI's ###), which would make the
    # line a comment if it were the first cell
    ec_rows = t.table("event_codes.csv", ["name", "code", "goldstein", "quad_class"])
    cameo = {row["code"]: row for _, row in _default_rows("event_codes.csv")}
    for code, row in cameo.items():
        ec_rows.append([row["name"], code, row["goldstein"], row["quad_class"]])
    for code in sorted(codes - set(cameo)):
        ec_rows.append(["imported code, not CAMEO", code, "", ""])
    # PETRARCH-1 codes an announced or refused action as the action ("will restore ties",
    # "won't restore ties": 064); only a pattern tells them apart. Said in the codebook's terms:
    # every code is its own intent and its own refusal.
    intent_rows = t.table("intents.csv", ["code", "intent", "refusal", "note"])
    for code in sorted(set(cameo) | codes):
        if re.match(r"^\d{2,4}$", code):
            intent_rows.append([code, code, code, "PETRARCH-1: the action itself"])

    tables: dict[str, str | list[str]] = {
        "event_codes": "event_codes.csv",
        "roles": "roles.csv",
        "actors": actor_tables,
        "verbs": ["verbs.csv"],
        "patterns": ["patterns.csv"],
        "synsets": ["synsets.csv"],
        "intents": "intents.csv",
    }
    if agents is not None:
        tables["agents"] = ["agents.csv"]
    if discards is not None:
        tables["discards"] = ["discards.csv"]
    if issues is not None:
        tables["issues"] = ["issues.csv"]
    origins["event_codes.csv"] = (
        "CAMEO codes of the default codebook, and the dictionaries' own codes"
    )
    origins["roles.csv"] = "roles of the default codebook, and the agents' own role codes"
    origins["intents.csv"] = "PETRARCH-1 codes an announced or refused action as the action itself"
    manifest_text = _manifest(verbs, tables, origins)

    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
    try:
        t.write(tmp)
        (tmp / "manifest.toml").write_text(manifest_text, encoding="utf-8")
        # every finding, notes included, next to the tables (not a table: not in the hash)
        (tmp / "import.log").write_text(
            "\n".join(str(f) for f in log.findings) + "\n", encoding="utf-8"
        )
        if output.exists():
            old = output.with_name(f".{output.name}.old.{os.getpid()}")
            output.rename(old)
            tmp.rename(output)
            shutil.rmtree(old)
        else:
            tmp.rename(output)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return ImportResult(
        output,
        log.counts,
        log.findings,
        {name: len(rows) for name, (_, rows) in sorted(t.files.items())},
        time.perf_counter() - started,
    )


def _default_rows(name: str) -> list[tuple[int, dict[str, str]]]:
    return read_rows(default_codebook_path() / name)[1]


def _toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _manifest(verbs: Path, tables: dict[str, str | list[str]], origins: dict[str, str]) -> str:
    lines = [
        f"# written by {GENERATED_BY}; import again rather than edit. Extend it with a codebook of your own",
        '# (extends = ["<this directory>"] in your manifest) to add or override rows.',
        f"name = {_toml_str('imported-' + verbs.stem)}",
        'version = "1"',
        f"description = {_toml_str('PETRARCH/TABARI dictionaries imported by ' + GENERATED_BY)}",
        "",
        "[tables]",
    ]
    for kind, value in tables.items():
        if isinstance(value, str):
            lines.append(f"{kind} = {_toml_str(value)}")
        else:
            lines.append(f"{kind} = [{', '.join(_toml_str(v) for v in value)}]")
    lines += ["", "[origin]"]
    lines += [f"{_toml_str(k)} = {_toml_str(v)}" for k, v in sorted(origins.items())]
    lines += [
        "",
        "[settings]",
        "require_dyad = true          # PETRARCH-1's default",
        'code_syntax = "petrarch"     # codes as the dictionaries write them (WEIS, ---, x:y pairs, A/B)',
        'actor_dates = "first"        # first date restriction that applies, else the undated code',
        'paired_codes = "both"        # [x:y]: x source->target and y target->source (PETRARCH-1)',
        "",
    ]
    return "\n".join(lines)
