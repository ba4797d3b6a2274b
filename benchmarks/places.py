"""Places: recall against cost for each GeoNames population threshold, and the place step's time.

For each threshold, builds the places table into a temporary directory and reports its rows and
size, the time and memory to read and index it, how many pending location fixtures find_places
gets right, how many place mentions it finds in the regression fixtures (sentences written for
other constructions: a rise there is false places), and find_places' time per sentence against
the coder's on the same sentences.

    .venv/bin/python benchmarks/places.py --min-population 15000 5000 1000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import build_places  # noqa: E402
from eventcodes.codebook import load_codebook  # noqa: E402
from eventcodes.coder import Coder  # noqa: E402
from eventcodes.documents import Document  # noqa: E402
from eventcodes.fixtures import ExpectedPlace, load_cases  # noqa: E402
from eventcodes.places import PlaceIndex, context_countries, find_places, read_places  # noqa: E402
from eventcodes.tokens import normalise  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-population", type=int, nargs="+", default=[15000, 5000, 1000])
    args = parser.parse_args()
    codebook = load_codebook()
    countries = {
        a.phrase: a.code
        for a in codebook.actors
        if len(a.code) == 3 and a.code.isalpha() and a.start is None
    }
    location = load_cases([REPO / "fixtures" / "pending" / "location.jsonl"])
    others = [c.text for c in load_cases([REPO / "fixtures" / "regression"])]
    coder = Coder(codebook)
    start = time.process_time()
    for k, text in enumerate(others):
        coder.code_document(Document(str(k), location[0].date, text))
    coder_us = (time.process_time() - start) / len(others) * 1e6
    print(f"coder: {coder_us:.0f} us a sentence on {len(others)} regression sentences")
    for population in args.min_population:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "places.csv"
            build_places.build(out, population)
            start = time.process_time()
            index = PlaceIndex(read_places([out]), countries)
            seconds = time.process_time() - start
            del index
            tracemalloc.start()  # memory apart: tracemalloc slows the build several times
            index = PlaceIndex(read_places([out]), countries)
            memory = tracemalloc.get_traced_memory()[0] / 1e6
            tracemalloc.stop()
            size = out.stat().st_size / 1e6
        right = 0
        for case in location:
            context: set[str] = set()
            for text in (*case.document, case.text):
                context |= context_countries(index.tokenizer.tokenize(text), index)
            tokens = index.tokenizer.tokenize(case.text)
            found = find_places(tokens, index, context, text=case.text)
            want = case.place
            if want is None:
                right += not found
            elif found and isinstance(want, ExpectedPlace):
                got = found[-1]
                right += (
                    normalise(got.place.name) == normalise(want.name)
                    and got.place.country == want.country
                    and (want.adm1 is None or got.place.adm1_code == want.adm1)
                    and (want.precision is None or got.precision == want.precision)
                )
        tokenized = [index.tokenizer.tokenize(t) for t in others]
        start = time.process_time()
        mentions = sum(len(find_places(tokens, index)) for tokens in tokenized)
        find_us = (time.process_time() - start) / len(others) * 1e6
        print(
            f"min population {population:>6}: {len(index.names):>6} names, {size:4.1f} MB, "
            f"index {seconds:4.2f} s CPU and {memory:3.0f} MB; location fixtures {right}/{len(location)}; "
            f"{mentions} places in {len(others)} other sentences; find_places {find_us:.0f} us a "
            f"sentence ({find_us / coder_us:.1%} of coding)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
