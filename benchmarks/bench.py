"""Throughput and memory of eventcodes on a generated, seeded corpus (``make bench``).

Prints sentences per second end to end (read, split, code, date, write), the share of coding
time spent on dates, and peak memory. Not part of ``make test``: timings vary by machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from eventcodes import load_codebook
from eventcodes.coder import Coder
from eventcodes.dates import DateMatch, DateResolver
from eventcodes.documents import Document
from eventcodes.run import code_corpus

SUBJECTS = [
    "South Korea",
    "The European Union",
    "Russian President Vladimir Putin",
    "French officials",
    "The Kenyan government",
    "Chinese Foreign Minister Wang Yi",
    "Ukraine",
    "NATO",
    "Police",
    "Sudanese troops",
    "The United Nations",
    "Brazil and Argentina",
    "Indian Prime Minister Narendra Modi",
    "Israeli forces",
    "Protesters",
    "The U.S. State Department",
    "Turkey",
    "Iranian officials",
]
OBJECTS = [
    "North Korea",
    "Japan",
    "Germany's chancellor",
    "Nigerian rebels",
    "the Philippines",
    "Mexican President Claudia Sheinbaum",
    "Pakistan",
    "the African Union",
    "Egypt",
    "Poland",
    "Colombian police",
    "Venezuela",
    "Syria",
    "Ethiopia",
    "Canada",
    "Vietnam",
]
ACTIONS = [
    "condemned",
    "met",
    "criticized",
    "praised",
    "accused",
    "called on {o} to withdraw troops from",
    "signed a trade agreement with",
    "imposed sanctions on",
    "attacked",
    "arrested dozens in",
    "visited",
    "threatened",
    "urged",
    "rejected a proposal from",
    "hosted",
    "released prisoners to",
]
WHEN = [
    "",
    " on Monday",
    " on Tuesday",
    " late last week",
    " yesterday",
    " on March 3",
    " earlier this month",
    "",
]
FILLER = [
    "Officials said the talks would continue.",
    "The statement gave no further details.",
    "Analysts said the move was expected.",
    "Markets were little changed after the announcement.",
    "The ministry did not respond to a request for comment.",
]


def make_corpus(path: Path, sentences: int, seed: int) -> int:
    """Write a JSONL corpus of about ``sentences`` sentences; return the number written."""
    rng = random.Random(seed)
    written = 0
    start = dt.date(2023, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        doc = 0
        while written < sentences:
            n = rng.randint(5, 12)
            parts = []
            for _ in range(n):
                if rng.random() < 0.35:
                    parts.append(rng.choice(FILLER))
                    continue
                s, o = rng.choice(SUBJECTS), rng.choice(OBJECTS)
                action = rng.choice(ACTIONS)
                if "{o}" in action:
                    parts.append(
                        f"{s}{rng.choice(WHEN)} {action.format(o=o)} {rng.choice(OBJECTS)}."
                    )
                else:
                    parts.append(f"{s}{rng.choice(WHEN)} {action} {o}.")
            day = start + dt.timedelta(days=rng.randrange(700))
            record = {
                "id": f"bench-{doc:07d}",
                "date": day.isoformat(),
                "text": " ".join(parts),
                "publisher": "bench",
            }
            out.write(json.dumps(record) + "\n")
            written += n
            doc += 1
    return written


class TimedResolver(DateResolver):
    """A DateResolver that adds up the time spent finding and resolving dates."""

    def __init__(self) -> None:
        super().__init__()
        self.seconds = 0.0

    def find_dates(self, sentence: str, doc_date: dt.date) -> list[DateMatch]:
        t = time.perf_counter()
        try:
            return super().find_dates(sentence, doc_date)
        finally:
            self.seconds += time.perf_counter() - t


def time_long_documents(coder: Coder, sizes: tuple[int, ...] = (250_000, 1_000_000)) -> None:
    """Print the time to code one document of each size with no sentence punctuation at all
    (before sentences were cut at 2,000 characters: 8 s and 147 s)."""
    rng = random.Random(7)
    words = " ".join(SUBJECTS + OBJECTS + ACTIONS).replace(".", "").replace("{o}", "").split()
    for size in sizes:
        text = " ".join(rng.choice(words) for _ in range(size // 5))[:size]
        doc = Document(id=f"long-{size}", date=dt.date(2024, 11, 4), text=text)
        t = time.perf_counter()
        coded = coder.code_document(doc)
        print(
            f"one document of {size:,} characters with no full stop: "
            f"{time.perf_counter() - t:.2f} s ({coded.sentences} sentences)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20241104)
    parser.add_argument("--jobs", type=int, default=0, help="also time this many worker processes")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="eventcodes-bench-"))
    try:
        corpus = work / "corpus.jsonl"
        n = make_corpus(corpus, args.sentences, args.seed)
        codebook = load_codebook()
        coder = Coder(codebook, resolver=TimedResolver())
        _ = codebook.compiled  # compile outside the timing, as a long run amortises it
        t = time.perf_counter()
        summary = code_corpus(
            [corpus], work / "out", codebook=codebook, coder=coder, progress=False
        )
        seconds = time.perf_counter() - t
        resolver = coder.dates
        assert isinstance(resolver, TimedResolver)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"corpus: {summary.documents} documents, {summary.sentences} sentences (generated {n}, seed {args.seed})"
        )
        print(f"events: {summary.events}")
        print(
            f"end to end, 1 process: {seconds:.2f} s, {summary.sentences / seconds:,.0f} sentences/s"
        )
        print(
            f"dates: {resolver.seconds:.2f} s, {100 * resolver.seconds / seconds:.1f}% of coding time"
        )
        print(f"peak memory (max RSS): {peak_mb:,.0f} MB")
        if args.jobs > 1:
            t = time.perf_counter()
            code_corpus(
                [corpus], work / "out-jobs", codebook=codebook, jobs=args.jobs, progress=False
            )
            pseconds = time.perf_counter() - t
            print(
                f"end to end, {args.jobs} processes: {pseconds:.2f} s, "
                f"{summary.sentences / pseconds:,.0f} sentences/s (x{seconds / pseconds:.2f})"
            )
        time_long_documents(Coder(codebook))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
