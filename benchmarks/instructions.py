"""Instructions to code a sample, counted by valgrind's callgrind: a figure the load of a shared
machine does not move (CPU seconds there swing by a third from one run to the next).

    python benchmarks/instructions.py [--documents 200] [--src OTHER_CHECKOUT/src]

Generates the bench's profile sample (seed 20241105), keeps its first ``--documents``
documents, and codes them in a process run under ``valgrind --tool=callgrind`` that counts
only the coding: the codebook load and compile, the places index and a warm-up run on its 11th
to 20th documents are not counted. ``--src`` measures another checkout (the code before a change) with
the same corpus. Needs valgrind; not part of ``make test``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_CHILD = """
import os, subprocess, sys, tempfile
from pathlib import Path
from eventcodes import load_codebook
from eventcodes.run import code_corpus
cb = load_codebook()
_ = cb.compiled
if getattr(cb, "place_tables", None):
    _ = cb.places
out = Path(tempfile.mkdtemp())
code_corpus([Path(sys.argv[1])], out / "warm", codebook=cb, jobs=1, progress=False)
subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], capture_output=True)
done = code_corpus([Path(sys.argv[2])], out / "run", codebook=cb, jobs=1, progress=False)
subprocess.run(["callgrind_control", "-i", "off", str(os.getpid())], capture_output=True)
print("sentences", done.sentences, file=sys.stderr)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the package to measure")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from newsgen import write_corpus

    work = Path(tempfile.mkdtemp(prefix="eventcodes-instructions-"))
    write_corpus(work / "sample.jsonl", 20_000, 20241104 + 1)
    lines = (work / "sample.jsonl").read_text(encoding="utf-8").splitlines()
    (work / "warm.jsonl").write_text("\n".join(lines[10:20]) + "\n", encoding="utf-8")
    (work / "run.jsonl").write_text("\n".join(lines[: args.documents]) + "\n", encoding="utf-8")
    (work / "child.py").write_text(_CHILD, encoding="utf-8")
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={work / 'callgrind.out'}",
            sys.executable,
            str(work / "child.py"),
            str(work / "warm.jsonl"),
            str(work / "run.jsonl"),
        ],
        env={**os.environ, "PYTHONPATH": str(args.src)},
        capture_output=True,
        text=True,
    )
    collected = re.search(r"Collected : (\d+)", done.stderr)
    sentences = re.search(r"sentences (\d+)", done.stderr)
    if done.returncode != 0 or collected is None or sentences is None:
        print(done.stderr[-2000:], file=sys.stderr)
        return 1
    count, n = int(collected.group(1)), int(sentences.group(1))
    print(f"{args.src}: {count:,} instructions for {n:,} sentences ({count / n:,.0f} a sentence)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
