"""Import the whole Phoenix dictionary set and code with it (make eval-phoenix).

Imports ../shared/phoenix (PETRARCH-1 files, then the PETRARCH-2 verb dictionary with the same
actors) into temporary codebooks, reports line counts, import/load/compile times (CPU seconds, and wall) and every line
not interpreted, then codes the sample corpus and ../shared/realnews-dev/sentences.tsv with the
imported codebook and with the default one: coverage, PentaClass accuracy and sentences per second.
Reads the shared files in place; nothing of them is copied into the project.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from eval_dev import pentaclass  # scripts/ is on the path when run as a script
from eventcodes import Coder, Document, load_codebook, read_documents
from eventcodes.importer import import_dictionaries

ACTORS = [
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
]


def _import(phoenix: Path, verbs: Path, out: Path) -> dict[str, Any]:
    c0, w0 = time.process_time(), time.perf_counter()
    result = import_dictionaries(
        verbs,
        [phoenix / a for a in ACTORS],
        out,
        agents=phoenix / "Phoenix.agents.txt",
        discards=phoenix / "Phoenix.discards.txt",
        issues=phoenix / "Phoenix.IssueCoding.txt",
    )
    c1, w1 = time.process_time(), time.perf_counter()
    # read from the tables (no compiled-codebook cache: the directory is temporary), and timed
    # in CPU seconds as well as wall: the machine may be shared (benchmarks/phoenix_load.py
    # measures the cached load too)
    cb = load_codebook(out, use_cache=False)
    c2, w2 = time.process_time(), time.perf_counter()
    cb.compiled  # noqa: B018 - build the matchers now, to time them
    c3, w3 = time.process_time(), time.perf_counter()
    seconds, load, compiled = c1 - c0, c2 - c1, c3 - c2
    by_status = Counter(f.status for f in result.findings)
    return {
        "codebook": cb,
        "import_seconds": round(seconds, 2),
        "load_seconds": round(load, 2),
        "compile_seconds": round(compiled, 2),
        "wall_seconds": {
            "import": round(w1 - w0, 2),
            "load": round(w2 - w1, 2),
            "compile": round(w3 - w2, 2),
        },
        "lines": dict(sorted(result.counts.items())),
        "rows": result.rows,
        "findings": dict(by_status),
        "not_interpreted": [str(f) for f in result.rejected],
        "skipped": [str(f) for f in result.findings if f.status == "skipped"],
    }


def _code_sample(coder: Coder, sample: Path) -> dict[str, Any]:
    docs = [d for d in read_documents([sample]) if isinstance(d, Document)]
    for d in docs[:1]:  # once untimed: what is built on first use (the places index) is not coding
        coder.code_document(d)
    started, cpu = time.perf_counter(), time.process_time()
    sentences = events = 0
    for d in docs:
        coded = coder.code_document(d)
        sentences += coded.sentences
        events += len(coded.events)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    return {
        "documents": len(docs),
        "sentences": sentences,
        "events": events,
        "sentences_per_second": round(sentences / seconds, 1) if seconds else None,
        "sentences_per_cpu_second": round(sentences / cpu, 1) if cpu else None,
    }


def _code_realnews(coder: Coder, tsv: Path, date: dt.date) -> dict[str, Any]:
    with tsv.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    covered = right = 0
    started, cpu = time.perf_counter(), time.process_time()
    for i, row in enumerate(rows):
        events = coder.code_document(Document(id=f"r{i}", date=date, text=row["text"])).events
        if events:
            covered += 1
            if pentaclass(events[0]["event_code"]) == int(row["pentaclass"]):
                right += 1
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    n = len(rows)
    return {
        "sentences": n,
        "coverage": round(covered / n, 3) if n else None,
        "pentaclass_accuracy": round(right / n, 3) if n else None,
        "sentences_per_second": round(n / seconds, 1) if seconds else None,
        "sentences_per_cpu_second": round(n / cpu, 1) if cpu else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--sample", type=Path, default=Path("fixtures/sample/articles.jsonl"))
    parser.add_argument(
        "--date", default="2018-01-01", help="document date of the real-news sentences"
    )
    parser.add_argument("--json", type=Path, default=Path("output/eval/phoenix.json"))
    args = parser.parse_args(argv)
    phoenix = args.shared / "phoenix"
    if not (phoenix / "PETR_config.ini").is_file():
        print(f"eval-phoenix: no Phoenix dictionaries in {phoenix}", file=sys.stderr)
        return 2
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        p1 = _import(phoenix, phoenix / "CAMEO.verbpatterns.150430.txt", Path(tmp) / "phoenix")
        p2 = _import(phoenix, phoenix / "petrarch2" / "CAMEO.2.0.txt", Path(tmp) / "phoenix-p2")
    default = load_codebook()
    coders = {
        "phoenix": Coder(p1.pop("codebook")),
        "phoenix-petrarch2": Coder(p2.pop("codebook")),
        "default": Coder(default),
    }
    report["import"] = {"petrarch1": p1, "petrarch2_verbs": p2}
    for label, info in (("PETRARCH-1 files", p1), ("with the PETRARCH-2 verbs", p2)):
        print(
            f"import {label}: {info['import_seconds']} s, load {info['load_seconds']} s, "
            f"compile {info['compile_seconds']} s (CPU; wall {info['wall_seconds']}); "
            f"findings {info['findings']}"
        )
        print("  lines: " + ", ".join(f"{k} {v}" for k, v in info["lines"].items()))
        print("  rows: " + ", ".join(f"{k} {v}" for k, v in info["rows"].items()))
        for line in info["not_interpreted"] + info["skipped"]:
            print(f"  {line}")
    date = dt.date.fromisoformat(args.date)
    realnews = args.shared / "realnews-dev" / "sentences.tsv"
    report["coding"] = {}
    for name, coder in coders.items():
        entry = {"sample": _code_sample(coder, args.sample)}
        if realnews.is_file():
            entry["realnews"] = _code_realnews(coder, realnews, date)
        report["coding"][name] = entry
        print(f"{name}: sample {entry['sample']}")
        if "realnews" in entry:
            print(f"{name}: realnews {entry['realnews']}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
