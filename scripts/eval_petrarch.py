"""Evaluate the coder with imported PETRARCH-1 validation dictionaries (make eval-petrarch).

Imports ../shared/petrarch-validation/PETR.Validate.* into a temporary codebook, codes every
enabled development record with that record's settings, and prints per category and overall: the
records exactly right (coded events equal expected events, as PETRARCH-1's validator counts them),
expected events found, missed and extra. Coded actors are compared as PETRARCH-1 writes them: ``---``
for no actor, ``---GOV`` for an agent with no country (the events table has null and ``GOV``). Writes every record's result as JSON. Reads the shared
files in place; nothing of them is copied into the project.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from eventcodes import Coder, Document, load_codebook
from eventcodes.codebook import Codebook
from eventcodes.importer import import_dictionaries

Triple = tuple[str, str, str]


def _setting(name: str, value: str) -> Any:
    if name == "require_dyad":
        return value.strip().lower() == "true"
    return int(value)


def _petrarch_code(code: str | None, cb: Codebook, actor_codes: set[str]) -> str:
    """Return an actor code as PETRARCH-1 writes it: ``---`` for none, ``---GOV`` for an agent
    with no country (we write null and ``GOV``)."""
    if not code:
        return "---"
    parts = [code[i : i + 3] for i in range(0, len(code), 3)]
    if code not in actor_codes and all(p in cb.roles for p in parts):
        return "---" + code
    return code


def _triples(events: list[dict[str, Any]], cb: Codebook, actor_codes: set[str]) -> list[Triple]:
    return sorted(
        {
            (
                _petrarch_code(e["source_code"], cb, actor_codes),
                _petrarch_code(e["target_code"], cb, actor_codes),
                e["event_code"] or "",
            )
            for e in events
        }
    )


def _expected(record: dict[str, Any]) -> list[Triple]:
    if record.get("expect_no_events") or record.get("expected_error"):
        return []
    return sorted(
        {
            (e.get("source") or "---", e.get("target") or "---", e.get("code") or "")
            for e in record["expected_events"]
        }
    )


def evaluate(shared: Path, out_json: Path) -> dict[str, Any]:
    """Return (and write to ``out_json``) the evaluation of the enabled development records."""
    records = [
        json.loads(line)
        for line in (shared / "records.dev.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    records = [r for r in records if r.get("enabled")]
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        result = import_dictionaries(
            shared / "PETR.Validate.verbs.txt",
            [shared / "PETR.Validate.actors.txt"],
            Path(tmp) / "petrarch-validation",
            agents=shared / "PETR.Validate.agents.txt",
            discards=shared / "PETR.Validate.discards.txt",
        )
        base = load_codebook(Path(tmp) / "petrarch-validation")
        import_seconds = time.perf_counter() - started
        actor_codes = {a.code for a in base.actors}
        coders: dict[str, Coder] = {}
        rows = []
        for r in records:
            config = r.get("config_nondefault") or {}
            key = json.dumps(config, sort_keys=True)
            if key not in coders:
                settings = dataclasses.replace(
                    base.settings, **{k: _setting(k, v) for k, v in config.items()}
                )
                cb: Codebook = dataclasses.replace(base, settings=settings)
                coders[key] = Coder(cb)
            doc = Document(id=r["uid"], date=dt.date.fromisoformat(r["date_iso"]), text=r["text"])
            coded = _triples(coders[key].code_document(doc).events, base, actor_codes)
            expected = _expected(r)
            found = [t for t in expected if t in coded]
            rows.append(
                {
                    "uid": r["uid"],
                    "category": r["category"],
                    "text": r["text"],
                    "config": config,
                    "expected": expected,
                    "coded": coded,
                    "exact": coded == expected,
                    "found": len(found),
                    "missed": len(expected) - len(found),
                    "extra": len([t for t in coded if t not in expected]),
                }
            )
    by_cat: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        for cat in (row["category"], "ALL"):
            c = by_cat[cat]
            c["records"] += 1
            c["exact"] += row["exact"]
            c["expected"] += len(row["expected"])
            c["found"] += row["found"]
            c["missed"] += row["missed"]
            c["extra"] += row["extra"]
    summary = {
        "import": {
            "seconds": round(import_seconds, 3),
            "lines": dict(result.counts),
            "rejected": [str(f) for f in result.rejected],
        },
        "categories": {k: dict(v) for k, v in sorted(by_cat.items())},
        "records": rows,
    }
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return summary


def render(summary: dict[str, Any]) -> str:
    """Return the per-category table."""
    out = [
        f"import: {summary['import']['seconds']} s, {len(summary['import']['rejected'])} line(s) not interpreted",
        f"{'category':<12}{'records':>8}{'exact':>7}{'%':>6}{'expected':>9}{'found':>7}{'missed':>7}{'extra':>7}",
    ]
    cats = summary["categories"]
    for name in [k for k in cats if k != "ALL"] + ["ALL"]:
        c = cats[name]
        pct = 100.0 * c["exact"] / c["records"] if c["records"] else 0.0
        out.append(
            f"{name:<12}{c['records']:>8}{c['exact']:>7}{pct:>6.1f}{c['expected']:>9}"
            f"{c['found']:>7}{c['missed']:>7}{c['extra']:>7}"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared/petrarch-validation"))
    parser.add_argument("--json", type=Path, default=Path("output/eval/petrarch.json"))
    parser.add_argument(
        "--failures", action="store_true", help="also list every record not exactly right"
    )
    args = parser.parse_args(argv)
    if not (args.shared / "records.dev.jsonl").is_file():
        print(f"eval-petrarch: no validation records in {args.shared}", file=sys.stderr)
        return 2
    summary = evaluate(args.shared, args.json)
    print(render(summary))
    if args.failures:
        for row in summary["records"]:
            if not row["exact"]:
                print(f"\n{row['uid']} [{row['category']}] {row['text']}")
                print(f"  expected {row['expected']}\n  coded    {row['coded']}")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
