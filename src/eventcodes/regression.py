"""Codebook regression testing: code every fixture, score precision/recall/F1, compare with a baseline."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .codebook import Codebook
from .coder import Coder, EventRow, SentenceResult
from .documents import Document
from .errors import FixtureError
from .explain import _sentence
from .fixtures import Case, ExpectedEvent, ExpectedPlace
from .tokens import normalise


@dataclass
class CaseResult:
    """What the coder gave for one case, matched against what was expected."""

    case: Case
    coded: list[EventRow]
    missing: list[ExpectedEvent]
    extra: list[EventRow]
    matched: list[ExpectedEvent]
    trace: list[SentenceResult] = field(default_factory=list, repr=False)
    #: (expected, coded) of each field the case checks: "location" and "fatalities"
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)

    @property
    def field_failures(self) -> list[str]:
        """Return the checked fields whose coded value differs from the expected one."""
        return [name for name, (want, got) in self.fields.items() if not _same(name, want, got)]

    @property
    def passed(self) -> bool:
        return not self.missing and not self.extra and not self.field_failures


@dataclass
class Score:
    """True positives, false positives and false negatives, with the derived measures."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    cases: int = 0
    failed: int = 0

    @property
    def no_events_expected(self) -> bool:
        """Cases that all expect no event are scored by the share that gave none."""
        return self.tp + self.fn == 0 and self.cases > 0

    @property
    def precision(self) -> float:
        if self.no_events_expected:
            return (self.cases - self.failed) / self.cases
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        if self.no_events_expected:
            return (self.cases - self.failed) / self.cases
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "cases": self.cases,
            "failed": self.failed,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class RegressionResult:
    """The outcome of a fixture run: scores overall, per category and per CAMEO root, and each case."""

    codebook: str
    results: list[CaseResult]
    overall: Score
    by_category: dict[str, Score]
    by_root: dict[str, Score]
    #: scores of the event fields that cases check: "location" and "fatalities"
    by_field: dict[str, Score] = field(default_factory=dict)

    @property
    def failures(self) -> list[CaseResult]:
        """Return the failed cases that are not marked as known failures."""
        return [r for r in self.results if not r.passed and not r.case.known_failure]

    @property
    def known_failures(self) -> list[CaseResult]:
        return [r for r in self.results if r.case.known_failure]

    @property
    def fixed_known_failures(self) -> list[CaseResult]:
        """Return the known failures that now pass: their mark should be removed."""
        return [r for r in self.known_failures if r.passed]

    @property
    def ok(self) -> bool:
        return not self.failures and not self.fixed_known_failures

    def as_dict(self) -> dict[str, Any]:
        return {
            "codebook": self.codebook,
            "overall": self.overall.as_dict(),
            "by_category": {k: v.as_dict() for k, v in sorted(self.by_category.items())},
            "by_root": {k: v.as_dict() for k, v in sorted(self.by_root.items())},
            "by_field": {k: v.as_dict() for k, v in sorted(self.by_field.items())},
            "cases": {
                r.case.id: {
                    "passed": r.passed,
                    "known_failure": r.case.known_failure or None,
                    "missing": [list(e.triple) for e in r.missing],
                    "extra": [
                        [e["source_code"], e["event_code"], e["target_code"]] for e in r.extra
                    ],
                }
                for r in self.results
            },
        }


def _match(
    expected: Sequence[ExpectedEvent], coded: list[EventRow]
) -> tuple[list[ExpectedEvent], list[ExpectedEvent], list[EventRow]]:
    """Return (matched, missing, extra): dated expectations first, so they claim the right event."""
    remaining = list(coded)
    matched: list[ExpectedEvent] = []
    missing: list[ExpectedEvent] = []
    for exp in sorted(expected, key=lambda e: e.event_date is None):
        hit = next(
            (
                c
                for c in remaining
                if (c["source_code"], c["event_code"], c["target_code"]) == exp.triple
                and (exp.event_date is None or c["event_date"] == exp.event_date)
            ),
            None,
        )
        if hit is None:
            missing.append(exp)
        else:
            remaining.remove(hit)
            matched.append(exp)
    return matched, missing, remaining


_PLACE_KEYS = ("place_name", "place_country", "place_adm1_code", "place_precision")


def _place_of(event: Mapping[str, Any]) -> tuple[Any, ...] | None:
    """Return an event's (name, country, adm1, precision), or None when it has no place."""
    values = tuple(event.get(k) for k in _PLACE_KEYS)
    return None if values[0] is None and values[1] is None else values


def _same(name: str, want: Any, got: Any) -> bool:
    """Return True when a coded field value is what the fixture expects."""
    if name != "location" or want is None or not isinstance(got, tuple):
        return bool(want == got)
    assert isinstance(want, ExpectedPlace)
    got_name, country, adm1, precision = got
    return (
        normalise(str(got_name)) == normalise(want.name)
        and country == want.country
        and (want.adm1 is None or adm1 == want.adm1)
        and (want.precision is None or precision == want.precision)
    )


def _field_values(
    case: Case, matched: Sequence[Mapping[str, Any]], coded: Sequence[Mapping[str, Any]]
) -> dict[str, tuple[Any, Any]]:
    """Return (expected, coded) of the fields the case checks, from its matched events (all its
    events when none matched); events that disagree give the first that differs from the rest."""
    events = matched or coded
    out: dict[str, tuple[Any, Any]] = {}
    checks = (
        ("location", case.checks_place, case.place, _place_of),
        ("fatalities", case.checks_fatalities, case.fatalities, lambda e: e.get("fatalities")),
    )
    for name, checked, want, read in checks:
        if not checked:
            continue
        values = [read(e) for e in events]
        wrong = [v for v in values if not _same(name, want, v)]
        if not events:
            got: Any = "no event" if want is not None else None
        else:
            got = wrong[0] if wrong else values[0]
        out[name] = (want, got)
    return out


def code_case(case: Case, coder: Coder) -> CaseResult:
    """Return the result of coding one case (its document context included, its events alone checked)."""
    prefix = "\n".join(case.document)
    text = f"{prefix}\n{case.text}" if case.document else case.text
    offset = len(prefix) + 1 if case.document else 0
    trace: list[SentenceResult] = []
    if case.settings:
        coder = coder.with_settings(**dict(case.settings))
    coder.code_document(Document(case.id, case.date, text), trace=trace, deduplicate=False)
    mine = [r for r in trace if r.start >= offset]
    coded: list[EventRow] = []
    seen = set()
    for e in (e for r in mine for e in r.events):
        key = (e["source_code"], e["event_code"], e["target_code"], e["event_date"])
        if (
            key not in seen
        ):  # as in a dataset: one event per triple and date (document context aside)
            seen.add(key)
            coded.append(e)
    matched, missing, extra = _match(case.events, coded)
    extra_ids = {id(e) for e in extra}
    matched_coded = [e for e in coded if id(e) not in extra_ids]
    fields = _field_values(case, matched_coded, coded)
    return CaseResult(case, coded, missing, extra, matched, mine, fields)


def run_cases(
    cases: Sequence[Case], codebook: Codebook, coder: Coder | None = None
) -> RegressionResult:
    """Return the scored result of coding every case with the codebook."""
    if not cases:
        raise FixtureError("no fixture cases found; give .jsonl fixture files or directories")
    coder = coder or Coder(codebook)
    results = [code_case(c, coder) for c in cases]
    overall = Score()
    by_category: dict[str, Score] = defaultdict(Score)
    by_root: dict[str, Score] = defaultdict(Score)
    by_field: dict[str, Score] = defaultdict(Score)
    for r in results:
        for score in (overall, by_category[r.case.category]):
            score.cases += 1
            score.failed += 0 if r.passed else 1
            score.tp += len(r.matched)
            score.fp += len(r.extra)
            score.fn += len(r.missing)
        case_roots: Counter[str] = Counter()
        for e in r.matched:
            by_root[e.event_code[:2]].tp += 1
            case_roots[e.event_code[:2]] += 1
        for e in r.missing:
            by_root[e.event_code[:2]].fn += 1
            case_roots[e.event_code[:2]] += 1
        for x in r.extra:
            by_root[x["event_code"][:2]].fp += 1
            case_roots[x["event_code"][:2]] += 1
        for root in case_roots:
            by_root[root].cases += 1
            by_root[root].failed += 0 if r.passed else 1
        for name, (want, got) in r.fields.items():
            score = by_field[name]
            score.cases += 1
            ok = _same(name, want, got)
            score.failed += 0 if ok else 1
            if ok:
                score.tp += 0 if want is None else 1
            else:
                score.fn += 0 if want is None else 1
                score.fp += 0 if got is None or got == "no event" else 1
    return RegressionResult(
        f"{codebook.name} {codebook.version}",
        results,
        overall,
        dict(by_category),
        dict(by_root),
        dict(by_field),
    )


def compare(result: RegressionResult, baseline: dict[str, Any]) -> tuple[list[str], list[str]]:
    """Return (newly broken, newly passing) case ids against a saved result (``--json`` output)."""
    before = {k: v["passed"] for k, v in baseline.get("cases", {}).items()}
    broken = [r.case.id for r in result.results if not r.passed and before.get(r.case.id) is True]
    fixed = [r.case.id for r in result.results if r.passed and before.get(r.case.id) is False]
    return broken, fixed


def load_baseline(path: Path) -> dict[str, Any]:
    """Return a saved result; raise FixtureError if it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise FixtureError(
            f"{path}: cannot read the baseline ({exc}); save one with --json FILE"
        ) from None
    cases = data.get("cases") if isinstance(data, dict) else None
    if not isinstance(cases, dict) or not all(
        isinstance(v, dict) and isinstance(v.get("passed"), bool) for v in cases.values()
    ):
        raise FixtureError(f"{path}: not a test-codebook result; save one with --json FILE")
    return data


def _fmt_field(value: Any) -> str:
    if isinstance(value, ExpectedPlace):
        return " ".join(str(v) for v in (value.name, value.country, value.adm1) if v)
    if isinstance(value, tuple):
        return " ".join(str(v) for v in value if v)
    return "none" if value is None else str(value)


def _fmt_triple(source: str, code: str, target: str | None) -> str:
    return f"{source} {code} {target or '-'}"


def render(
    result: RegressionResult, baseline: dict[str, Any] | None = None, traces: bool = True
) -> str:
    """Return the report: scores overall, per category, per root, then every mismatch with its trace."""
    from .explain import Explanation

    out = [f"codebook {result.codebook}: {len(result.results)} cases"]
    header = f"{'':24} {'cases':>6} {'failed':>6} {'P':>6} {'R':>6} {'F1':>6}"

    def row(name: str, s: Score) -> str:
        return (
            f"{name:24} {s.cases:6d} {s.failed:6d} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
        )

    out += ["", header, row("overall", result.overall), "", "by category", header]
    note = "  (a category whose cases all expect no event is scored by the share of cases that gave none)"
    out += [row(k, v) for k, v in sorted(result.by_category.items())]
    if any(v.no_events_expected for v in result.by_category.values()):
        out.append(note)
    out += ["", "by CAMEO root (events)", header]
    out += [row(f"root {k}", v) for k, v in sorted(result.by_root.items())]
    if result.by_field:
        out += ["", "by event field (cases that check it)", header]
        out += [row(k, v) for k, v in sorted(result.by_field.items())]
    if result.known_failures:
        out += ["", f"known failures ({len(result.known_failures)}):"]
        out += [
            f"  {r.case.id}: {r.case.known_failure}"
            + ("  [now passes: remove the mark]" if r.passed else "")
            for r in result.known_failures
        ]
    if baseline is not None:
        broken, fixed = compare(result, baseline)
        out += ["", f"newly broken ({len(broken)}): {' '.join(broken) or '-'}"]
        out += [f"newly passing ({len(fixed)}): {' '.join(fixed) or '-'}"]
    failures = result.failures
    out += ["", f"failures ({len(failures)}):" if failures else "no failures"]
    for r in failures:
        c = r.case
        out.append("")
        out.append(f"FAIL {c.id} [{c.category}] {c.origin or ''}")
        out.append(f"  text: {c.text}")
        out.append(
            f"  expected: {'; '.join(_fmt_triple(*e.triple) for e in c.events) or 'no event'}"
        )
        out.append(
            "  coded:    "
            + (
                "; ".join(
                    _fmt_triple(e["source_code"], e["event_code"], e["target_code"])
                    for e in r.coded
                )
                or "no event"
            )
        )
        if r.missing:
            out.append(
                f"  missing:  {'; '.join(_fmt_triple(*e.triple) + (f' on {e.event_date}' if e.event_date else '') for e in r.missing)}"
            )
        for name in r.field_failures:
            want, got = r.fields[name]
            out.append(f"  {name}: expected {_fmt_field(want)}, coded {_fmt_field(got)}")
        if r.extra:
            out.append(
                f"  extra:    {'; '.join(_fmt_triple(e['source_code'], e['event_code'], e['target_code']) + ' on ' + str(e['event_date']) for e in r.extra)}"
            )
        if traces:
            trace = Explanation(
                c.text, c.date, result.codebook, [_sentence(t) for t in r.trace]
            ).render()
            out += ["    " + line for line in trace.splitlines()[1:] if line.strip()]
    out.append("")
    o = result.overall
    out.append(
        f"{o.cases - o.failed} passed, {len(failures)} failed, {len(result.known_failures)} known failures; "
        f"precision {o.precision:.3f}, recall {o.recall:.3f}, F1 {o.f1:.3f}"
    )
    return "\n".join(out)
