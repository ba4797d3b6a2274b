"""Coding CPU of two builds of eventcodes on the same sample, fresh processes taking turns.

    python benchmarks/compare.py A B [--rounds 3]

A and B are directories that hold the ``eventcodes`` package: ``src`` of a checkout (the code
before and after a change), or the site-packages of a venv with the compiled wheel installed
(``.venv-compiled/lib/python3.11/site-packages``). ``DIR@CODEBOOK`` codes with another codebook
directory; the default is ``DIR/../codebooks/default`` when it exists, else the installed one.

Each process loads the codebook and the places index, codes a warm-up of 300 documents, then
codes the bench's profile sample (20,001 sentences, seed 20241105) with one process and prints
the CPU seconds of that coding; A and B take turns, so the load of a shared machine meets both.
The minimum and the median over rounds are the figures to compare: on a shared machine the same
code swings by a third from run to run. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = r"""
import sys, tempfile, time
from pathlib import Path
package, _, book = sys.argv[1].partition("@")
sys.path.insert(0, package)
t0 = time.process_time()
from eventcodes import load_codebook
from eventcodes.run import code_corpus
default = Path(package).parent / "codebooks" / "default"
codebook = load_codebook(Path(book) if book else default if default.is_dir() else None)
_ = codebook.compiled
if getattr(codebook, "place_tables", None):  # (an older checkout has no places)
    _ = codebook.places
start = time.process_time() - t0
out = Path(tempfile.mkdtemp())
code_corpus([Path(sys.argv[2])], out / "warm", codebook=codebook, jobs=1, progress=False)
t = time.process_time()
done = code_corpus([Path(sys.argv[3])], out / "run", codebook=codebook, jobs=1, progress=False)
print(time.process_time() - t, start, done.sentences)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", help="directory holding the eventcodes package (optionally @CODEBOOK)")
    parser.add_argument("b", help="the other one")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from newsgen import write_corpus

    work = Path(tempfile.mkdtemp(prefix="eventcodes-compare-"))
    sample, warm = work / "sample.jsonl", work / "warm.jsonl"
    write_corpus(sample, 20_000, 20241104 + 1)  # the bench's profile sample
    warm.write_text("".join(sample.open(encoding="utf-8").readlines()[:300]), encoding="utf-8")
    builds = [args.a, args.b]
    coding: list[list[float]] = [[], []]
    startup: list[list[float]] = [[], []]
    sentences = 0
    for i in range(args.rounds):
        for which in (0, 1) if i % 2 == 0 else (1, 0):
            child = [sys.executable, "-c", _CHILD, builds[which], str(warm), str(sample)]
            done = subprocess.run(child, capture_output=True, text=True)
            if done.returncode != 0:
                print(done.stderr[-2000:], file=sys.stderr)
                return 1
            cpu, start, n = done.stdout.split()
            coding[which].append(float(cpu))
            startup[which].append(float(start))
            sentences = int(n)
    for name, cpu_s, start_s in zip("AB", coding, startup, strict=True):
        best = min(cpu_s)
        print(
            f"{name} {builds['AB'.index(name)]}: coding CPU s {sorted(round(x, 2) for x in cpu_s)} "
            f"(min {best:.2f}: {sentences / best:,.0f} sentences per CPU s); "
            f"start-up min {min(start_s):.2f} s"
        )
    a, b = coding
    print(
        f"B/A: {min(b) / min(a):.3f} (min of rounds), "
        f"{statistics.median(b) / statistics.median(a):.3f} (median)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
