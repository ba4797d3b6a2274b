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
from .verb_tables import VerbTables
from .verbs import read_verbs

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
    output = Path(output)
    if output.exists() and any(output.iterdir()):
        manifest = output / "manifest.toml"
        if not (manifest.is_file() and GENERATED_BY in manifest.read_text(encoding="utf-8")):
            raise InputError(
                f"{output}: exists and was not written by import-dictionaries; give a new directory with -o"
            )
    w = _Writer()
    VerbTables(read_verbs(verbs, w.log, petrarch2=_is_petrarch2(verbs)), w.log, w, w.codes).write()
    for table in ("verbs.csv", "patterns.csv", "synsets.csv"):
        w.origin(table, verbs)
    tables: dict[str, str | list[str]] = {
        "event_codes": "event_codes.csv",
        "roles": "roles.csv",
        "actors": w.actors(actors),
        "verbs": ["verbs.csv"],
        "patterns": ["patterns.csv"],
        "synsets": ["synsets.csv"],
        "intents": "intents.csv",
    }
    w.roles_and_agents(agents)
    if agents is not None:
        tables["agents"] = ["agents.csv"]
    if discards is not None:
        tables["discards"] = ["discards.csv"]
        w.discards(discards)
    if issues is not None:
        tables["issues"] = ["issues.csv"]
        w.issues(issues)
    w.event_codes_and_intents()
    w.publish(output, _manifest(verbs, tables, w.origins))
    return ImportResult(
        output,
        w.log.counts,
        w.log.findings,
        {name: len(rows) for name, (_, rows) in sorted(w.files.items())},
        time.perf_counter() - started,
    )


class _Writer(_Tables):
    """The tables of the codebook being written, what was logged, and the origin of each table."""

    def __init__(self) -> None:
        super().__init__()
        self.log = ImportLog()
        self.codes: set[str] = set()
        self.origins: dict[str, str] = {}

    def origin(self, table: str, source: Path) -> None:
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
        self.origins[table] = f"imported from {source.name} (sha256 {digest}) by {GENERATED_BY}"

    def actors(self, actors: list[Path]) -> list[str]:
        """Write one actors table per dictionary; return their names."""
        names: list[str] = []
        used: Counter[str] = Counter()
        for a in actors:
            rows: list[ActorRow] = actor_rows(read_actors(a, self.log), self.log)
            used[a.stem] += 1
            name = f"actors/{a.stem}{'' if used[a.stem] == 1 else used[a.stem]}.csv"
            names.append(name)
            table = self.table(name, ["phrase", "code", "start", "end", "fallback", "note"])
            table.extend(
                [
                    r.phrase,
                    r.code,
                    _date(r.start),
                    _date(r.end),
                    "yes" if r.fallback else "",
                    r.where,
                ]
                for r in rows
            )
            self.origin(name, a)
        return names

    def roles_and_agents(self, agents: Path | None) -> None:
        """Write the default codebook's roles, the agents, and the agents' own role codes."""
        role_rows = self.table("roles.csv", ["code", "label"])
        known = set()
        for _, row in _default_rows("roles.csv"):
            role_rows.append([row["code"], row["label"]])
            known.add(row["code"])
        self.origins["roles.csv"] = "roles of the default codebook, and the agents' own role codes"
        if agents is None:
            return
        table = self.table("agents.csv", ["phrase", "plural", "role", "placement", "note"])
        for ag in read_agents(agents, self.log):
            table.append([ag.phrase, ";".join(ag.plurals) or "-", ag.role, ag.placement, ag.where])
            for part in (ag.role[i : i + 3] for i in range(0, len(ag.role), 3)):
                if len(part) == 3 and part not in known:
                    known.add(part)
                    role_rows.append([part, f"imported from {agents.name}"])
        self.origin("agents.csv", agents)

    def discards(self, discards: Path) -> None:
        table = self.table("discards.csv", ["phrase", "scope", "match", "note"])
        for d in read_discards(discards, self.log):
            table.append([d.phrase, d.scope, "stem" if d.stem else "word", d.where])
        self.origin("discards.csv", discards)

    def issues(self, issues: Path) -> None:
        table = self.table("issues.csv", ["phrase", "code", "category", "kind", "note"])
        for i in read_issues(issues, self.log):
            table.append([i.phrase, i.code, i.category, i.kind, i.where])
        self.origin("issues.csv", issues)

    def event_codes_and_intents(self) -> None:
        """Write CAMEO's event codes and the dictionaries' own, and PETRARCH-1's reading of intents."""
        # name first: a dictionary's code may start with '#' (TABARI's ###), which would make the
        # line a comment if it were the first cell
        ec_rows = self.table("event_codes.csv", ["name", "code", "goldstein", "quad_class"])
        cameo = {row["code"]: row for _, row in _default_rows("event_codes.csv")}
        for code, row in cameo.items():
            ec_rows.append([row["name"], code, row["goldstein"], row["quad_class"]])
        for code in sorted(self.codes - set(cameo)):
            ec_rows.append(["imported code, not CAMEO", code, "", ""])
        # PETRARCH-1 codes an announced or refused action as the action ("will restore ties",
        # "won't restore ties": 064); only a pattern tells them apart. Said in the codebook's
        # terms: every code is its own intent and its own refusal.
        intent_rows = self.table("intents.csv", ["code", "intent", "refusal", "note"])
        for code in sorted(set(cameo) | self.codes):
            if re.match(r"^\d{2,4}$", code):
                intent_rows.append([code, code, code, "PETRARCH-1: the action itself"])
        self.origins["event_codes.csv"] = (
            "CAMEO codes of the default codebook, and the dictionaries' own codes"
        )
        self.origins["intents.csv"] = (
            "PETRARCH-1 codes an announced or refused action as the action itself"
        )

    def publish(self, output: Path, manifest_text: str) -> None:
        """Write the directory under a temporary name, then rename it to ``output``."""
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{output.name}.", dir=output.parent))
        try:
            super().write(tmp)
            (tmp / "manifest.toml").write_text(manifest_text, encoding="utf-8")
            # every finding, notes included, next to the tables (not a table: not in the hash)
            findings = "\n".join(str(f) for f in self.log.findings) + "\n"
            (tmp / "import.log").write_text(findings, encoding="utf-8")
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
