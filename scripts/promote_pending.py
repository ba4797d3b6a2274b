"""Move the pending fixtures the coder now codes right into the regression set, and recount both READMEs.

``fixtures/pending/<category>.jsonl`` cases that pass are appended to ``fixtures/regression/realnews/<category>.jsonl``
(a category new to the regression set gets a row in its README, with the pending README's description); the counts
in ``fixtures/regression/README.md`` (the summary, the category table, the table of cases per root) and in
``fixtures/pending/README.md`` (the summary and its table) are recomputed from the files. Run it after a coder
change: ``.venv/bin/python scripts/promote_pending.py`` (``--dry-run`` lists what would move).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from eval_dev import pentaclass  # scripts/ is on the path when run as a script
from eventcodes import load_codebook
from eventcodes.fixtures import Case, fixture_files, load_cases
from eventcodes.regression import code_case

ROOT = Path(__file__).resolve().parent.parent
PENDING = ROOT / "fixtures" / "pending"
REGRESSION = ROOT / "fixtures" / "regression"


def move_passing(dry_run: bool) -> list[str]:
    """Move each passing pending case into the regression set; return the ids moved."""
    from eventcodes import Coder

    coder = Coder(load_codebook())
    moved: list[str] = []
    for path in sorted(PENDING.glob("*.jsonl")):
        keep: list[str] = []
        move: list[str] = []
        lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        for line, case in zip(lines, load_cases([path]), strict=True):
            (move if code_case(case, coder).passed else keep).append(line)
        if not move:
            continue
        moved += [json.loads(x)["id"] for x in move]
        if dry_run:
            continue
        target = REGRESSION / "realnews" / path.name
        before = target.read_text(encoding="utf-8") if target.exists() else ""
        target.write_text(before + "".join(x + "\n" for x in move), encoding="utf-8")
        if keep:
            path.write_text("".join(x + "\n" for x in keep), encoding="utf-8")
        else:
            path.unlink()
    return moved


def _sub(text: str, pattern: str, value: int) -> str:
    """Replace the number captured by ``pattern`` (whitespace-insensitive) with ``value``."""
    flat = pattern.replace(" ", r"\s+")
    new, n = re.subn(flat, lambda m: m.group(0).replace(m.group(1), str(value), 1), text, count=1)
    if n != 1:
        raise SystemExit(f"README no longer says {pattern!r}")
    return new


def _table_counts(text: str, counts: Counter[str], rows_from: str = "") -> str:
    """Set the count of each ``| `category` | N |`` row; add rows for new categories from ``rows_from``."""
    for cat, n in counts.items():
        row = re.compile(rf"^\| `{re.escape(cat)}` \| \d+ \|", re.M)
        if row.search(text):
            text = row.sub(f"| `{cat}` | {n} |", text)
            continue
        source = re.search(rf"^\| `{re.escape(cat)}` \| \d+ \|(.*)$", rows_from, re.M)
        line = f"| `{cat}` | {n} |{source.group(1) if source else ' (issue 9) |'}"
        last = list(re.finditer(r"^\| `root-01` \|.*$", text, re.M))
        at = last[0].start() if last else len(text)
        text = text[:at] + line + "\n" + text[at:]
    return text


def recount_regression(pending_readme: str) -> None:
    readme_path = REGRESSION / "README.md"
    text = readme_path.read_text(encoding="utf-8")
    cases = load_cases([REGRESSION])
    known = sum(1 for c in cases if c.known_failure)
    text = _sub(text, r"(\d+) cases in \d+ files", len(cases))
    text = _sub(text, r"\d+ cases in (\d+) files", len(fixture_files([REGRESSION])))
    text = _sub(text, r"(\d+) expected events", sum(len(c.events) for c in cases))
    text = _sub(text, r"(\d+) cases that expect no event", sum(1 for c in cases if not c.events))
    dated = sum(1 for c in cases if any(e.event_date for e in c.events))
    text = _sub(text, r"(\d+) cases with an expected `event_date`", dated)
    text = _sub(text, r"(\d+) cases with `document` context", sum(1 for c in cases if c.document))
    text = _sub(text, r"(\d+) cases marked `known_failure`", known)
    text = re.sub(
        r"`known_failure` \(\d+\.\d%\)", f"`known_failure` ({100 * known / len(cases):.1f}%)", text
    )
    text = _table_counts(text, Counter(c.category for c in cases), pending_readme)
    any_case = Counter(r for c in cases for r in {e.event_code[:2] for e in c.events})
    for root, n in any_case.items():
        text = re.sub(
            rf"^(\| {root} \| [^|]+ \| \d+ \| )\d+ \|$", rf"\g<1>{n} |", text, count=1, flags=re.M
        )
    readme_path.write_text(text, encoding="utf-8")


def recount_pending(cases: list[Case]) -> str:
    readme_path = PENDING / "README.md"
    text = readme_path.read_text(encoding="utf-8")
    text = _sub(text, r"(\d+) cases in \d+ files", len(cases))
    text = _sub(text, r"\d+ cases in (\d+) files", len(fixture_files([PENDING])) if cases else 0)
    text = _sub(text, r"(\d+) expected events", sum(len(c.events) for c in cases))
    classes = Counter(pentaclass(c.events[0].event_code) if c.events else -1 for c in cases)
    for k in range(5):
        text = _sub(text, rf"class {k} \([^)]*\) (\d+)", classes.get(k, 0))
    text = _sub(text, r"no event (\d+)\.", classes.get(-1, 0))
    counts = Counter(c.category for c in cases)
    for cat in re.findall(r"^\| `([a-z0-9-]+)` \| \d+ \|", text, re.M):
        if cat not in counts:
            text = re.sub(rf"^\| `{re.escape(cat)}` \| \d+ \|.*\n", "", text, flags=re.M)
    text = _table_counts(text, counts)
    readme_path.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dry-run", action="store_true", help="list what would move; change nothing")
    args = ap.parse_args(argv)
    moved = move_passing(args.dry_run)
    print(f"{len(moved)} pending cases pass: {' '.join(moved)}")
    if args.dry_run:
        return 0
    pending_text = (PENDING / "README.md").read_text(encoding="utf-8")
    remaining = load_cases([PENDING]) if fixture_files([PENDING]) else []
    recount_regression(pending_text)
    recount_pending(remaining)
    return 0


if __name__ == "__main__":
    sys.exit(main())
