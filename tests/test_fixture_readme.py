"""The counts the fixture READMEs give are the counts of the fixtures (they cannot drift)."""

from __future__ import annotations

import json
import re

from conftest import ROOT, SAMPLE
from eventcodes.fixtures import fixture_files, load_cases

REGRESSION = ROOT / "fixtures" / "regression"


def _number(text: str, pattern: str) -> int:
    found = re.search(pattern, " ".join(text.split()))
    assert found, f"the README no longer says {pattern!r}"
    return int(found.group(1))


def test_regression_readme_counts() -> None:
    readme = (REGRESSION / "README.md").read_text(encoding="utf-8")
    cases = load_cases([REGRESSION])
    known = sum(1 for c in cases if c.known_failure)
    said = {
        "cases": _number(readme, r"(\d+) cases in \d+ files"),
        "files": _number(readme, r"\d+ cases in (\d+) files"),
        "events": _number(readme, r"(\d+) expected events"),
        "no event": _number(readme, r"(\d+) cases that expect no event"),
        "dated": _number(readme, r"(\d+) cases with an expected `event_date`"),
        "document": _number(readme, r"(\d+) cases with `document` context"),
        "known failures": _number(readme, r"(\d+) cases marked `known_failure`"),
    }
    assert said == {
        "cases": len(cases),
        "files": len(fixture_files([REGRESSION])),
        "events": sum(len(c.events) for c in cases),
        "no event": sum(1 for c in cases if not c.events),
        "dated": sum(1 for c in cases if any(e.event_date for e in c.events)),
        "document": sum(1 for c in cases if c.document),
        "known failures": known,
    }
    share = re.search(r"`known_failure` \((\d+\.\d)%\)", " ".join(readme.split()))
    assert share and float(share.group(1)) == round(100 * known / len(cases), 1)


def test_sample_readme_counts() -> None:
    readme = (SAMPLE.parent / "README.md").read_text(encoding="utf-8")
    ids = [json.loads(line)["id"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    assert _number(readme, r"It holds (\d+) documents") == len(ids)
    written = [i for i in ids if i.startswith("ecs-")]
    assert _number(readme, r"and (\d+) short articles written for eventcodes") == len(written)
