"""Auditing a valid codebook: warnings that are not errors, and how well it covers CAMEO.

``load_codebook`` rejects a codebook with problems; ``audit`` looks at a codebook that loaded and
reports what is legal but probably wrong: rules no fixture case exercises, patterns that can never
win, and two people holding one office at the same time. ``coverage`` counts, for every CAMEO
code, the rules that give it and the fixture cases that expect it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .codebook import Codebook
from .codebook.compiled import AGENT, CompiledPattern
from .codebook.load import BLOCK_CODE
from .codebook.patterns import SKIP, WORDS, Element
from .coder import FIRED, Coder
from .coder.words import DETERMINERS, NON_STATE, PREPOSITIONS
from .errors import CodebookError
from .fixtures import Case
from .origin import Origin
from .regression import code_case

#: kinds of finding
UNEXERCISED = "unexercised"
SHADOWED = "shadowed"
UNREACHABLE = "unreachable"
OFFICE_OVERLAP = "office-overlap"
UNEXERCISED_ACTOR = "unexercised-actor"
UNEXERCISED_AGENT = "unexercised-agent"

#: a word right before a verb that makes the coder read the verb as a noun or an infinitive
_NOT_A_VERB_AFTER = DETERMINERS | PREPOSITIONS | {"'s", "to"}

# How far a pattern element may be from the previous one: joined with '_', within a few
# words, or anywhere after '^'.
_ADJACENT, _NEAR, _ANYWHERE = 0, 1, 2


@dataclass(frozen=True)
class Finding:
    """One warning or note about a codebook row, printed as ``path:line: severity: message``."""

    kind: str
    path: Path
    line: int
    message: str
    severity: str = "warning"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class CodeCoverage:
    """How many patterns, verb defaults and fixture cases give or expect one event code."""

    code: str
    name: str
    patterns: int
    verbs: int
    #: fixture cases that expect the code; None when no fixtures were given
    fixtures: int | None

    @property
    def rules(self) -> int:
        return self.patterns + self.verbs


@dataclass(frozen=True)
class Audit:
    """The warnings, notes and code coverage of one codebook against its fixture cases."""

    codebook: Codebook
    warnings: tuple[Finding, ...]
    #: actor and agent rows no fixture case mentions (thousands: listed only on request)
    notes: tuple[Finding, ...]
    coverage: tuple[CodeCoverage, ...]
    #: number of fixture cases coded; None when none were given
    cases: int | None
    #: number of rules that can fire: patterns plus verbs with a default code
    rules: int
    actor_rows: int
    agent_rows: int

    def of_kind(self, kind: str) -> list[Finding]:
        """Return the warnings and notes of one kind."""
        return [f for f in self.warnings + self.notes if f.kind == kind]

    def three_digit(self) -> list[CodeCoverage]:
        """Return the coverage of the three-digit codes."""
        return [c for c in self.coverage if len(c.code) == 3]

    def without_rule(self) -> list[str]:
        """Return the three-digit codes that no pattern and no verb default gives."""
        return [c.code for c in self.three_digit() if c.rules == 0]

    def without_fixture(self) -> list[str]:
        """Return the three-digit codes no fixture case expects (all of them when no fixtures)."""
        return [c.code for c in self.three_digit() if not c.fixtures]


# -- rules the fixtures exercise ------------------------------------------------------------
@dataclass
class _Exercised:
    rules: set[str]
    actors: set[Origin]
    agents: set[Origin]


def _exercise(codebook: Codebook, cases: Sequence[Case], coder: Coder) -> _Exercised:
    """Return the rule ids that decided a verb, and the actor and agent rows mentioned."""
    out = _Exercised(set(), set(), set())
    for case in cases:
        for sentence in code_case(case, coder).trace:
            for vm in sentence.verbs:
                if vm.status in FIRED and vm.rule_id:
                    out.rules.add(vm.rule_id)
            for m in sentence.mentions:
                if m.entry is not None:
                    out.actors.add(m.entry.origin)
                elif m.kind == AGENT:
                    out.agents.add(m.origin)
    return out


def _unexercised(codebook: Codebook, seen: _Exercised) -> tuple[list[Finding], list[Finding]]:
    warnings: list[Finding] = []
    for p in codebook.patterns:
        if p.rule_id not in seen.rules:
            path, line = p.origin
            gives = f"gives {p.code}" if p.code else "is a stop pattern"
            warnings.append(
                Finding(
                    UNEXERCISED,
                    path,
                    line,
                    f"pattern {p.rule_id} ({p.group}: {p.pattern.text}) {gives} but no fixture "
                    "case exercises it; add a fixture case that uses it",
                )
            )
    for v in codebook.verbs:
        if v.code is not None and v.rule_id not in seen.rules:
            path, line = v.origin
            warnings.append(
                Finding(
                    UNEXERCISED,
                    path,
                    line,
                    f"verb {v.verb!r} ({v.rule_id}) gives {v.code} when no pattern matches, but no "
                    "fixture case codes it that way; add a fixture case that uses it",
                )
            )
    notes: list[Finding] = []
    for a in codebook.actors:
        if a.code != BLOCK_CODE and a.origin not in seen.actors:
            path, line = a.origin
            msg = f"actor {a.phrase!r} ({a.code}) is in no fixture case"
            notes.append(Finding(UNEXERCISED_ACTOR, path, line, msg, "note"))
    for g in codebook.agents:
        if g.origin not in seen.agents:
            path, line = g.origin
            msg = f"agent {g.phrase!r} ({g.role}) is in no fixture case"
            notes.append(Finding(UNEXERCISED_AGENT, path, line, msg, "note"))
    return warnings, notes


# -- shadowed and unreachable patterns ------------------------------------------------------
@dataclass(frozen=True)
class _Step:
    """A pattern element as the matcher sees it: words or an actor, and how far it may be."""

    actor: bool
    reach: int
    alternatives: tuple[tuple[str, ...], ...]


def _steps(elements: Sequence[Element]) -> list[_Step]:
    """Return the elements with '^' folded into the reach of the element after it.

    '+', '$' and '%' match the same places (any actor group), so they are one kind here.
    """
    steps: list[_Step] = []
    anywhere = False
    for el in elements:
        if el.kind == SKIP:
            anywhere = True
            continue
        reach = _ADJACENT if el.adjacent else (_ANYWHERE if anywhere else _NEAR)
        anywhere = False
        alts = el.alternatives if el.kind == WORDS else ()
        steps.append(_Step(el.kind != WORDS, reach, alts))
    return steps


def _overlapping_alternatives(alts: tuple[tuple[str, ...], ...], forward: bool) -> bool:
    """Return whether two alternatives can match at one place (one is a prefix of the other).

    Before the verb alternatives are matched ending at a place, so suffixes count there.
    """
    distinct = set(alts)
    for a in distinct:
        for b in distinct:
            if len(a) < len(b) and (b[: len(a)] == a if forward else b[-len(a) :] == a):
                return True
    return False


def _same(q: _Step, p: _Step, forward: bool) -> bool:
    """Return whether two steps always match at the same place."""
    if q.actor != p.actor or q.reach != p.reach:
        return False
    if q.alternatives == p.alternatives:
        return True
    # The matcher takes the first alternative that matches; the order is irrelevant only
    # when no two alternatives can match at one place.
    return set(q.alternatives) == set(p.alternatives) and not _overlapping_alternatives(
        q.alternatives, forward
    )


def _covers(q: _Step, p: _Step) -> bool:
    """Return whether step q matches (somewhere) wherever step p matches."""
    if q.actor != p.actor or q.reach < p.reach:
        return False
    return q.actor or set(p.alternatives) <= set(q.alternatives)


def _prefix_covers(q: list[_Step], p: list[_Step], forward: bool) -> bool:
    """Return whether q matches whenever p does, matched greedily from the verb outwards.

    The matcher never backtracks, so the steps before q's last must match exactly where p's do;
    q's last step may be more general, since nothing after it depends on where it matched.
    """
    if len(q) > len(p):
        return False
    if not q:
        return True
    head_same = all(_same(a, b, forward) for a, b in zip(q[:-1], p, strict=False))
    return head_same and _covers(q[-1], p[len(q) - 1])


def covers(earlier: CompiledPattern, later: CompiledPattern) -> bool:
    """Return whether ``earlier`` matches wherever ``later`` does: tried first, it hides ``later``.

    Conservative: True is always right; False may miss a pattern that is covered in a way
    this check does not recognise.
    """
    return _steps_cover(_pattern_steps(earlier), _pattern_steps(later))


_PatternSteps = tuple[list[_Step], list[_Step]]


def _pattern_steps(cp: CompiledPattern) -> _PatternSteps:
    """Return the steps after and before the verb of a pattern."""
    return _steps(cp.after), _steps(cp.before)


def _steps_cover(q: _PatternSteps, p: _PatternSteps) -> bool:
    """Return ``covers`` of two patterns from their steps (worked out once per pattern: a group of
    an imported dictionary has 2,000 patterns, whose pairs make millions of comparisons)."""
    if len(q[0]) > len(p[0]) or len(q[1]) > len(p[1]):
        return False  # what _prefix_covers finds first, without a call
    return _prefix_covers(q[0], p[0], forward=True) and _prefix_covers(q[1], p[1], forward=False)


def unreachable_reason(cp: CompiledPattern) -> str:
    """Return why a pattern can never match, or ''."""
    before = _steps(cp.before)
    if before and before[0].reach == _ADJACENT and not before[0].actor:
        last_words = {alt[-1] for alt in before[0].alternatives if alt}
        if last_words and last_words <= _NOT_A_VERB_AFTER:
            return (
                f"the word right before the verb ({', '.join(sorted(last_words))}) makes the "
                "coder read the verb as a noun or an infinitive, so the verb is never coded there"
            )
    for step in _steps(cp.after):
        if step.alternatives and all(";" in alt for alt in step.alternatives):
            return "after the verb a pattern stops at ';', so a ';' in it never matches"
    return ""


def _pattern_findings(codebook: Codebook) -> list[Finding]:
    out: list[Finding] = []
    for group, compiled in codebook.compiled.patterns.items():
        steps = [_pattern_steps(cp) for cp in compiled]
        # the earlier patterns by their numbers of steps after and before the verb: one with
        # more steps than ``later`` on either side never covers it, so only these are tried
        by_size: dict[tuple[int, int], list[int]] = defaultdict(list)
        for j, later in enumerate(compiled):
            mine = steps[j]
            size = (len(mine[0]), len(mine[1]))
            by_size[size].append(j)  # an unreachable pattern still hides later ones
            entry = later.entry
            path, line = entry.origin
            why = unreachable_reason(later)
            if why:
                out.append(
                    Finding(
                        UNREACHABLE,
                        path,
                        line,
                        f"pattern {entry.rule_id} ({group}: {entry.pattern.text}) can never match: "
                        f"{why}; remove it or rewrite it",
                    )
                )
                continue
            first = min(
                (
                    next((k for k in ks if k < j and _steps_cover(steps[k], mine)), j)
                    for (after, before), ks in by_size.items()
                    if after <= size[0] and before <= size[1]
                ),
                default=j,
            )
            if first == j:
                continue
            earlier = compiled[first]
            how = (
                "is the same pattern, tried first"
                if (earlier.before, earlier.after) == (later.before, later.after)
                else "is tried first and matches wherever it matches"
            )
            out.append(
                Finding(
                    SHADOWED,
                    path,
                    line,
                    f"pattern {entry.rule_id} ({group}: {entry.pattern.text}) never wins: "
                    f"{earlier.entry.rule_id} ({earlier.entry.pattern.text}, at "
                    f"{earlier.entry.origin.relative_to(codebook.path)}) {how}; remove one, "
                    "or make the one that should win more specific",
                )
            )
    return out


# -- people holding one office at once ------------------------------------------------------
@dataclass(frozen=True)
class _Tenure:
    office: str
    scope: str
    person: str
    start: dt.date
    end: dt.date
    origin: Origin


def _note_fields(note: str) -> dict[str, str]:
    """Return the leading ``key=value;`` fields of a note (``office=...; person=...; text``)."""
    fields: dict[str, str] = {}
    for part in note.split(";"):
        key, eq, value = part.strip().partition("=")
        if not eq or not key.isidentifier():
            break
        fields[key] = value.strip()
    return fields


def _tenures(codebook: Codebook) -> list[_Tenure]:
    """Return the terms of office of the actor rows whose note names an office and a person."""
    out: list[_Tenure] = []
    for entry in codebook.actors:
        if not entry.note.startswith("office="):
            continue
        fields = _note_fields(entry.note)
        office, person, code = fields.get("office"), fields.get("person"), entry.code
        if not office or not person or code == BLOCK_CODE:
            continue
        # An office belongs to a state (KORGOV and KORMIL share it) or to one organisation.
        scope = code if code[:3] in NON_STATE else code[:3]
        start, end = entry.start or dt.date.min, entry.end or dt.date.max
        out.append(_Tenure(office, scope, person, start, end, entry.origin))
    return out


def _span(start: dt.date, end: dt.date) -> str:
    lo = "the beginning" if start == dt.date.min else start.isoformat()
    hi = "now" if end == dt.date.max else end.isoformat()
    return f"{lo} to {hi}"


def _office_findings(codebook: Codebook) -> list[Finding]:
    by_office: dict[tuple[str, str], list[_Tenure]] = defaultdict(list)
    for t in _tenures(codebook):
        by_office[(t.office, t.scope)].append(t)
    out: list[Finding] = []
    for (office, scope), tenures in by_office.items():
        # one finding per pair of people: at the later row of their first clash in the file
        clashes: dict[frozenset[str], tuple[_Tenure, _Tenure]] = {}
        for i, b in enumerate(tenures):
            for a in tenures[:i]:
                if a.person == b.person or max(a.start, b.start) > min(a.end, b.end):
                    continue
                clashes.setdefault(frozenset((a.person, b.person)), (a, b))
        for a, b in clashes.values():
            lo, hi = max(a.start, b.start), min(a.end, b.end)
            days = "" if hi == dt.date.max else f" ({(hi - lo).days + 1} days)"
            other = a.origin.relative_to(codebook.path)
            out.append(
                Finding(
                    OFFICE_OVERLAP,
                    b.origin.path,
                    b.origin.line,
                    f"{b.person} and {a.person} (at {other}) both hold office {office} of "
                    f"{scope} from {_span(lo, hi)}{days}; end one term before the next begins",
                )
            )
    return sorted(out, key=lambda f: (str(f.path), f.line))


# -- coverage -------------------------------------------------------------------------------
def _coverage(codebook: Codebook, cases: Sequence[Case] | None) -> list[CodeCoverage]:
    patterns: dict[str, int] = defaultdict(int)
    verbs: dict[str, int] = defaultdict(int)
    fixtures: dict[str, int] = defaultdict(int)
    for p in codebook.patterns:
        if p.code is not None:
            patterns[p.code] += 1
    for v in codebook.verbs:
        if v.code is not None:
            verbs[v.code] += 1
    for case in cases or ():
        for code in {e.event_code for e in case.events}:
            fixtures[code] += 1
    return [
        CodeCoverage(
            ec.code,
            ec.name,
            patterns[ec.code],
            verbs[ec.code],
            None if cases is None else fixtures[ec.code],
        )
        for ec in sorted(codebook.event_codes.values(), key=lambda e: e.code)
    ]


def audit(codebook: Codebook, cases: Sequence[Case] | None, coder: Coder | None = None) -> Audit:
    """Return the audit of a loaded codebook: warnings, notes and coverage.

    ``cases`` are the fixture cases to code (None: no fixtures, and the checks that need them
    are skipped).
    """
    # the places tables are read on first use: check every row now (raises CodebookError)
    _places = codebook.places
    warnings: list[Finding] = []
    notes: list[Finding] = []
    if cases is not None:
        seen = _exercise(codebook, cases, coder or Coder(codebook))
        unexercised, notes = _unexercised(codebook, seen)
        warnings += unexercised
    warnings += _pattern_findings(codebook)
    warnings += _office_findings(codebook)
    warnings.sort(key=lambda f: (str(f.path), f.line, f.kind))
    return Audit(
        codebook=codebook,
        warnings=tuple(warnings),
        notes=tuple(notes),
        coverage=tuple(_coverage(codebook, cases)),
        cases=None if cases is None else len(cases),
        rules=len(codebook.patterns) + sum(1 for v in codebook.verbs if v.code is not None),
        actor_rows=sum(1 for a in codebook.actors if a.code != BLOCK_CODE),
        agent_rows=len(codebook.agents),
    )


# -- text -----------------------------------------------------------------------------------
def render_coverage(result: Audit) -> str:
    """Return the coverage table: one code a line, then the three-digit codes missing something."""
    out = [f"{'code':<6}{'patterns':>9}{'verbs':>7}{'fixtures':>9}  name"]
    for c in result.coverage:
        fixtures = "-" if c.fixtures is None else str(c.fixtures)
        out.append(f"{c.code:<6}{c.patterns:>9}{c.verbs:>7}{fixtures:>9}  {c.name}")
    no_rule = result.without_rule()
    no_fixture = result.without_fixture()
    n_fixture = "-" if result.cases is None else str(len(no_fixture))
    out.append(
        f"three-digit codes without a pattern: {len(no_rule)}; without a fixture: {n_fixture}"
    )
    out.append(f"without a pattern or verb default: {' '.join(no_rule) or '-'}")
    if result.cases is not None:
        out.append(f"without a fixture: {' '.join(no_fixture) or '-'}")
    return "\n".join(out)


def render_errors(error: CodebookError) -> str:
    """Return the report of a codebook that does not load: every error, then their count."""
    out = [str(p) for p in error.problems]
    out.append(
        f"{len(error.problems)} error(s); fix each line named above "
        "(warnings are checked once the codebook has no errors)"
    )
    return "\n".join(out)


def render_audit(
    result: Audit, fixtures: str = "", coverage: bool = False, verbose: bool = False
) -> str:
    """Return the report: the summary, the count of errors (none: the codebook loaded), the
    warnings with their count, the notes when verbose, and the coverage.

    Warnings about rules no fixture case exercises (a thousand and more on a large codebook) are
    counted by table unless ``verbose``; the other warnings are listed one by one.
    ``fixtures`` names where the cases came from, for the summary.
    """
    cb = result.codebook
    out = [
        f"{cb.path}: ok: {cb.name} {cb.version}, {len(cb.event_codes)} event codes, "
        f"{len(cb.actors)} actor phrases, {len(cb.agents)} agents, {len(cb.verbs)} verbs, "
        f"{len(cb.patterns)} patterns; hash {cb.hash[:12]}"
    ]
    if result.cases is None:
        out.append(
            "note: no fixtures (give --fixtures PATH, or run where fixtures/regression is): "
            "the checks for entries no fixture exercises were skipped"
        )
    else:
        actors = len(result.of_kind(UNEXERCISED_ACTOR))
        agents = len(result.of_kind(UNEXERCISED_AGENT))
        hint = "" if verbose else " (list them with --verbose)"
        out.append(
            f"fixtures: {result.cases} cases{f' from {fixtures}' if fixtures else ''}; "
            f"{len(result.of_kind(UNEXERCISED))} of {result.rules} rules never fired; "
            f"{actors} of {result.actor_rows} actor rows and {agents} of {result.agent_rows} "
            f"agent rows in no case{hint}"
        )
    out.append("0 error(s)")
    counts = {
        kind: len(result.of_kind(kind))
        for kind in (UNEXERCISED, SHADOWED, UNREACHABLE, OFFICE_OVERLAP)
    }
    detail = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
    out.append(f"{len(result.warnings)} warning(s){f': {detail}' if detail else ''}")
    listed = [w for w in result.warnings if verbose or w.kind != UNEXERCISED]
    out += [str(w) for w in listed]
    if not verbose and counts[UNEXERCISED]:
        out.append(
            f"{counts[UNEXERCISED]} rules no fixture case exercises, by table "
            "(list each with --verbose):"
        )
        out += _by_table(result.of_kind(UNEXERCISED), cb.path)
    if verbose:
        out += [str(n) for n in result.notes]
    if coverage:
        out += ["", render_coverage(result)]
    return "\n".join(out)


def _by_table(findings: Sequence[Finding], root: Path) -> list[str]:
    """Return one line per table: its path (relative to the codebook) and its count."""
    counts: dict[Path, int] = defaultdict(int)
    for finding in findings:
        counts[finding.path] += 1
    base = root.resolve()
    lines = []
    for path, n in sorted(counts.items()):
        try:
            shown = str(path.relative_to(base))
        except ValueError:
            shown = str(path)
        lines.append(f"  {shown}: {n}")
    return lines


def default_fixture_paths() -> list[Path]:
    """Return ``[fixtures/regression]`` when the current directory has it, else ``[]``."""
    path = Path("fixtures") / "regression"
    return [path] if path.is_dir() else []
