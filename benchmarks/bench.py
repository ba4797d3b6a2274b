"""Throughput, memory and time per stage of eventcodes on a generated news corpus (``make bench``).

The corpus (benchmarks/newsgen.py, seeded) has the length and make-up of wire news. For each
``--jobs`` value the corpus is coded end to end (read, split, code, date, write) in a fresh
process, which reports sentences a second, sentences a second per core and its peak memory.
A cProfile run of one process on a sample gives the share of time per stage, scaled to the
sample's unprofiled time. Everything printed is also saved as JSON under benchmarks/results/.

``--compiled PYTHON`` (``make bench``: the Python of .venv-compiled, where the mypyc-compiled wheel
is installed) times the same ``--jobs`` runs with that Python too, checks that it coded the
corpus exactly as the pure Python install did, and reports both (``compiled`` in the JSON).

With ``../shared/phoenix`` present (the development machine; a user's clone has none), the Phoenix
dictionaries are imported into benchmarks/out/phoenix (reused while newer than the dictionaries and
the importer) and one fresh process codes the profiled sample with the default codebook and with
the Phoenix import, taking turns every 25 documents so both meet the same load, two rounds each:
sentences per CPU second of each and their ratio.

``--large N`` codes an N-sentence corpus, generated to a temporary file in chunks, with one
process and reports its peak memory (``make bench-large``: 10 million sentences, under 1 GB).

Not part of ``make test``: timings vary by machine and load.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import json
import os
import platform
import pstats
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eventcodes import load_codebook  # noqa: E402
from eventcodes.coder import Coder  # noqa: E402
from eventcodes.documents import Document  # noqa: E402
from newsgen import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
#: the shared dictionaries (``make eval-phoenix`` reads the same) and where bench imports them
SHARED = ROOT.parent / "shared"
PHOENIX_OUT = ROOT / "benchmarks" / "out" / "phoenix"
PHOENIX_ACTORS = [
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
]
#: rounds of each codebook in the comparison, alternating (default, Phoenix, default, ...)
PHOENIX_ROUNDS = 2

#: Stages in the order a sentence meets them; the profile is reported in this order.
STAGES = [
    "read",
    "split",
    "tokenize",
    "actors",
    "verbs/patterns",
    "roles",
    "dates",
    "events",
    "places",
    "sentence (other)",
    "write",
    "other",
]
#: The stages that are the coder's (read, split and write are the dataset's)
CODING_STAGES = STAGES[STAGES.index("tokenize") : STAGES.index("sentence (other)") + 1]
#: Functions of the one-module coder (eventcodes/coder.py) by stage.
_CODER_FUNCTIONS = {
    "actors": "_mentions _chunks _modifiers _localise _chunk_code split_code _groups "
    "_distribute_role _resolve _remember _country_codes",
    "verbs/patterns": "_insertions _aux_chain _is_verb_use _match_elements _apply_patterns",
    "roles": "_subject _object _speaker _attribution _sentence_speaker _is_question _neither "
    "_conditional _reported _claimed _governor _by_agent _relative_clauses _intro_end "
    "_after_locative _adverb",
    "events": "_events _pick_date _period_end code_document",
    "sentence (other)": "code_sentence",
}
_BY_FUNCTION = {f: stage for stage, fs in _CODER_FUNCTIONS.items() for f in fs.split()}
#: Module names of a coder package (eventcodes/coder/<module>.py) by stage, matched as substrings.
_BY_MODULE = [
    ("actor", "actors"),
    ("chunk", "actors"),
    ("verb", "verbs/patterns"),
    ("pattern", "verbs/patterns"),
    ("action", "verbs/patterns"),
    ("role", "roles"),
    ("clause", "roles"),
    ("syntax", "roles"),
    ("speech", "roles"),
    ("date", "dates"),
    ("place", "places"),
    ("fatalit", "places"),
    ("event", "events"),
]


def _stage_of(filename: str, function: str) -> str | None:
    """Return the stage of an eventcodes function, or None for code that is not ours."""
    path = filename.replace("\\", "/")
    if "/eventcodes/" not in path:
        return None
    if function.startswith("<"):  # <genexpr>, <listcomp>, <lambda>: the enclosing function's
        return None
    rel = path.split("/eventcodes/", 1)[1]
    module = rel.removesuffix(".py")
    if module == "codebook/compiled":  # per sentence: token ids and the actor automaton
        return "actors"
    if module in ("ingest", "documents"):
        return "read"
    if module == "sentences":
        return "split"
    if module == "tokens":
        return "tokenize"
    if module in ("dataset", "schema"):
        return "write"
    if module == "coder":
        return _BY_FUNCTION.get(function, "sentence (other)")
    if module.startswith("coder/"):
        name = module.removeprefix("coder/")
        for key, stage in _BY_MODULE:
            if key in name:
                return stage
        return _BY_FUNCTION.get(function, "sentence (other)")
    for key, stage in _BY_MODULE:
        if key in module:
            return stage
    return "other"


def stage_seconds(stats: pstats.Stats) -> dict[str, float]:
    """Return profiled self time per stage.

    Our functions are placed by module and name; library and built-in functions (regex, JSON,
    Arrow, dict and list methods) count for the stages of their callers, in proportion to the
    time each caller spent in them.
    """
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    memo: dict[Any, dict[str, float]] = {}

    def shares(func: Any, depth: int = 0) -> dict[str, float]:
        if func in memo:
            return memo[func]
        stage = _stage_of(func[0], func[2])
        if stage is not None:
            memo[func] = {stage: 1.0}
            return memo[func]
        callers = raw[func][4]
        total = sum(v[2] for v in callers.values()) or sum(v[3] for v in callers.values())
        if not callers or total == 0 or depth > 40:
            memo[func] = {"other": 1.0}
            return memo[func]
        memo[func] = {"other": 1.0}  # breaks recursion cycles
        mix: dict[str, float] = defaultdict(float)
        for caller, v in callers.items():
            weight = (v[2] if any(w[2] for w in callers.values()) else v[3]) / total
            for s, x in shares(caller, depth + 1).items():
                mix[s] += weight * x
        memo[func] = dict(mix)
        return memo[func]

    out: dict[str, float] = defaultdict(float)
    for func, (_cc, _nc, tt, _ct, _callers) in raw.items():
        for s, x in shares(func).items():
            out[s] += tt * x
    return dict(out)


# --- measured runs, each in a fresh process -------------------------------------------------


def _run(corpus: str, outdir: str, jobs: int, profile: bool) -> dict[str, Any]:
    """Code the corpus in this (fresh) process; return seconds, counts and peak memory."""
    from eventcodes import load_codebook
    from eventcodes.run import code_corpus

    codebook = load_codebook()
    _ = codebook.compiled  # the parent's compile is outside the timing, as a long run amortises it
    index_started = time.process_time()
    if getattr(codebook, "place_tables", None):  # (an older checkout has no places stage)
        _ = codebook.places  # built once per process, on first use: timed on its own
    index_cpu = time.process_time() - index_started
    profiler = cProfile.Profile() if profile else None
    started, cpu_started = time.perf_counter(), time.process_time()
    if profiler is not None:
        profiler.enable()
    summary = code_corpus(
        [Path(corpus)], Path(outdir), codebook=codebook, jobs=jobs, progress=False
    )
    if profiler is not None:
        profiler.disable()
    seconds = time.perf_counter() - started
    cpu_run = time.process_time() - cpu_started
    from eventcodes.coder import pipeline

    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    result: dict[str, Any] = {
        "jobs": jobs,
        "seconds": seconds,
        "cpu_seconds_run": cpu_run,
        "cpu_seconds_places_index": index_cpu,  # once per process, before the run  # this process only, from the start of coding to the end
        "documents": summary.documents,
        "sentences": summary.sentences,
        "events": summary.events,
        "compiled": not pipeline.__file__.endswith(".py"),  # by mypyc: the wheel's extensions
        "peak_rss_mb_main": own.ru_maxrss / 1024,
        "peak_rss_mb_workers": kids.ru_maxrss / 1024,
        # CPU seconds of the whole run (main process and workers, with the main process's
        # start-up and codebook compile): on a loaded machine wall time says little about
        # scaling, CPU time still shows what the workers and the parent cost
        "cpu_seconds_main": own.ru_utime + own.ru_stime,
        "cpu_seconds_workers": kids.ru_utime + kids.ru_stime,
    }
    if profiler is not None:
        stats = pstats.Stats(profiler)
        result["profiled_seconds"] = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
        result["stage_profiled_seconds"] = stage_seconds(stats)
    return result


def warm_caches(pythons: list[str]) -> None:
    """Fill the on-disk caches (places index) as a user's first run does, so that no measured run
    pays a miss; each Python (pure, compiled) has cache files of its own, keyed by its modules."""
    for python in pythons:
        subprocess.run(
            [
                python,
                "-c",
                "import eventcodes as e; c = e.load_codebook(); getattr(c, 'places', 0)",
            ],
            check=True,
        )


def run_fresh(
    corpus: Path, outdir: Path, jobs: int, profile: bool = False, python: str = sys.executable
) -> dict[str, Any]:
    """Return the result of :func:`_run` in a new Python process (clean memory figures), run by
    ``python`` (another environment's: the compiled wheel's)."""
    child = json.dumps([str(corpus), str(outdir), jobs, profile])
    done = subprocess.run([python, __file__, "--child", child], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark run failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- the Phoenix dictionaries against the default codebook ----------------------------------------


def phoenix_sources(shared: Path) -> dict[str, Any] | None:
    """Return the Phoenix files import-dictionaries reads, or None without ``shared/phoenix``."""
    phoenix = shared / "phoenix"
    if not (phoenix / "PETR_config.ini").is_file():
        return None
    return {
        "verbs": phoenix / "CAMEO.verbpatterns.150430.txt",
        "actors": [phoenix / a for a in PHOENIX_ACTORS],
        "agents": phoenix / "Phoenix.agents.txt",
        "discards": phoenix / "Phoenix.discards.txt",
        "issues": phoenix / "Phoenix.IssueCoding.txt",
    }


def phoenix_codebook(shared: Path, out: Path = PHOENIX_OUT) -> tuple[Path, dict[str, Any]] | None:
    """Return the imported Phoenix codebook and how it was had (imported now, with its seconds,
    or reused), or None without ``shared/phoenix``. The import is reused while it is newer than
    every dictionary file and every module of the importer; a new one is written beside it and
    renamed into place, so an interrupted import leaves the old one or none."""
    from eventcodes import importer
    from eventcodes.importer import import_dictionaries

    sources = phoenix_sources(shared)
    if sources is None:
        return None
    inputs = [sources["verbs"], *sources["actors"], sources["agents"], sources["discards"]]
    inputs += [sources["issues"], *Path(importer.__file__).parent.glob("*.py")]
    newest = max(p.stat().st_mtime for p in inputs)
    manifest = out / "manifest.toml"
    if manifest.is_file() and manifest.stat().st_mtime > newest:
        return out, {"imported": False}
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix="phoenix-", dir=out.parent)) / "phoenix"
    started = time.process_time()
    import_dictionaries(
        sources["verbs"],
        sources["actors"],
        fresh,
        agents=sources["agents"],
        discards=sources["discards"],
        issues=sources["issues"],
    )
    seconds = time.process_time() - started
    if out.exists():
        shutil.rmtree(out)
    fresh.rename(out)
    shutil.rmtree(fresh.parent, ignore_errors=True)
    return out, {"imported": True, "import_cpu_seconds": round(seconds, 3)}


def _compare(corpus: str, phoenix: str, rounds: int, block: int = 25) -> dict[str, Any]:
    """Code the corpus in this (fresh) process with the default codebook and with ``phoenix``,
    ``rounds`` times each; return each one's CPU seconds and sentences per round.

    The two take turns every ``block`` documents (which goes first alternating), so that both
    meet the same load on a shared machine; a round is the sum of its blocks."""
    from eventcodes import read_documents

    documents = [d for d in read_documents([Path(corpus)]) if isinstance(d, Document)]
    coders = {}
    setup: dict[str, dict[str, float]] = {}
    for name, where in (("default", None), ("phoenix", Path(phoenix))):
        started = time.process_time()
        codebook = load_codebook(where)
        loaded = time.process_time()
        _ = codebook.compiled
        compiled = time.process_time()
        if codebook.place_tables:
            _ = codebook.places  # built once per process, as in the runs above
        coders[name] = Coder(codebook)
        setup[name] = {
            "load_cpu_seconds": round(loaded - started, 3),
            "compile_cpu_seconds": round(compiled - loaded, 3),
            "places_index_cpu_seconds": round(time.process_time() - compiled, 3),
        }
    for coder in coders.values():  # the first documents once, so lazy set-up is not timed
        for d in documents[:20]:
            coder.code_document(d)
    names = list(coders)
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    for r in range(rounds):
        cpu = dict.fromkeys(names, 0.0)
        sentences = dict.fromkeys(names, 0)
        for b, first in enumerate(range(0, len(documents), block)):
            part = documents[first : first + block]
            for name in names if (b + r) % 2 == 0 else names[::-1]:
                coder = coders[name]
                started = time.process_time()
                for d in part:
                    sentences[name] += coder.code_document(d).sentences
                cpu[name] += time.process_time() - started
        for name in names:
            runs[name].append({"sentences": sentences[name], "cpu_seconds": cpu[name]})
    return {"setup": setup, "runs": runs}


def compare_phoenix(sample: Path, shared: Path = SHARED) -> dict[str, Any] | None:
    """Return the default codebook's and the Phoenix import's coding speed on ``sample`` in one
    fresh process (sentences per CPU second) and their ratio, or None without the dictionaries."""
    found = phoenix_codebook(shared)
    if found is None:
        return None
    where, how = found
    child = json.dumps([str(sample), str(where), PHOENIX_ROUNDS])
    done = subprocess.run(
        [sys.executable, __file__, "--compare-child", child], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"Phoenix comparison failed:\n{done.stderr}")
    raw = json.loads(done.stdout.strip().splitlines()[-1])
    speed: dict[str, Any] = {}
    for name, runs in raw["runs"].items():
        sentences = sum(r["sentences"] for r in runs)
        cpu = sum(r["cpu_seconds"] for r in runs)
        speed[name] = {
            "sentences": runs[0]["sentences"],
            "cpu_seconds": [round(r["cpu_seconds"], 3) for r in runs],
            "sentences_per_cpu_second": round(sentences / cpu),
            "rounds": [round(r["sentences"] / r["cpu_seconds"]) for r in runs],
            **raw["setup"][name],
        }
    ratios = [
        (p["sentences"] / p["cpu_seconds"]) / (d["sentences"] / d["cpu_seconds"])
        for p, d in zip(raw["runs"]["phoenix"], raw["runs"]["default"], strict=True)
    ]
    return {
        "codebook": str(where.relative_to(ROOT)) if where.is_relative_to(ROOT) else str(where),
        **how,
        "default": speed["default"],
        "phoenix": speed["phoenix"],
        "ratio": round(
            speed["phoenix"]["sentences_per_cpu_second"]
            / speed["default"]["sentences_per_cpu_second"],
            3,
        ),
        "ratio_rounds": [round(r, 3) for r in ratios],
        # import, load and compile times: benchmarks/phoenix_load.py (issue 10) when present
        "load": phoenix_load_figures(shared),
        "method": "one fresh process codes the sample with each codebook, taking turns every "
        f"25 documents, {PHOENIX_ROUNDS} rounds each (Coder.code_document on documents read "
        "beforehand, nothing written); CPU seconds of the coding only",
    }


def phoenix_load_figures(shared: Path) -> dict[str, Any] | None:
    """Return the Phoenix import/load/compile figures of benchmarks/phoenix_load.py, or None
    when that script is not there."""
    try:
        from phoenix_load import measure
    except ImportError:
        return None
    figures: dict[str, Any] = measure(shared)
    return figures


# --- the report ---------------------------------------------------------------------------------


def corpus_stats(corpus: Path, outdir: Path, limit: int = 20_000) -> dict[str, Any]:
    """Return words per sentence (first ``limit`` sentences) and the share with an event."""
    import pyarrow.parquet as pq

    from eventcodes.sentences import split_sentences

    words = sentences = 0
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            for s in split_sentences(json.loads(line)["text"]):
                words += len(s.text.split())
                sentences += 1
            if sentences >= limit:
                break
    events = pq.read_table(outdir / "events.parquet", columns=["doc_id", "sentence_index"])
    with_event = len(set(zip(*(c.to_pylist() for c in events.columns), strict=True)))
    summary = json.loads((outdir / "summary.json").read_text())
    return {
        "words_per_sentence": round(words / sentences, 2),
        "sentences_with_an_event": round(with_event / summary["sentences"], 3),
        "events_per_sentence": round(summary["events"] / summary["sentences"], 3),
    }


def machine() -> dict[str, Any]:
    """Return what the figures depend on: CPUs, load, Python, commit."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return {
        "cpus": os.cpu_count(),
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": commit,
    }


def time_long_documents(
    coder: Coder, sizes: tuple[int, ...] = (250_000, 1_000_000)
) -> dict[str, float]:
    """Return (and print) the seconds to code one document of each size with no sentence
    punctuation at all (before sentences were cut at 2,000 characters: 8 s and 147 s)."""
    rng = random.Random(7)
    words = [
        "South",
        "Korea",
        "condemned",
        "North",
        "Korea",
        "officials",
        "said",
        "police",
        "arrested",
        "protesters",
        "in",
        "the",
        "capital",
        "on",
        "Monday",
        "and",
        "the",
        "European",
        "Union",
        "urged",
        "Russia",
        "to",
        "withdraw",
        "troops",
        "from",
        "Ukraine",
    ]
    seconds: dict[str, float] = {}
    for size in sizes:
        text = " ".join(rng.choice(words) for _ in range(size // 5))[:size]
        doc = Document(id=f"long-{size}", date=dt.date(2024, 11, 4), text=text)
        t = time.perf_counter()
        coded = coder.code_document(doc)
        seconds[str(size)] = round(time.perf_counter() - t, 2)
        print(
            f"one document of {size:,} characters with no full stop: "
            f"{seconds[str(size)]:.2f} s ({coded.sentences} sentences)"
        )
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=100_000, help="corpus size")
    parser.add_argument("--profile-sentences", type=int, default=20_000, help="profiled sample")
    parser.add_argument("--seed", type=int, default=20241104)
    parser.add_argument(
        "--jobs", default="1,2", help="comma-separated worker counts to time (default 1,2)"
    )
    parser.add_argument(
        "--large", type=int, default=0, metavar="N", help="streaming run of N sentences"
    )
    parser.add_argument("--no-save", action="store_true", help="do not write benchmarks/results/")
    parser.add_argument("--tag", default="", help="added to the result file name")
    parser.add_argument(
        "--no-phoenix", action="store_true", help="skip the Phoenix comparison (../shared/phoenix)"
    )
    parser.add_argument(
        "--phoenix-only", action="store_true", help="only the Phoenix comparison, on the sample"
    )
    parser.add_argument(
        "--compiled",
        metavar="PYTHON",
        help="also time the --jobs runs with this Python (the compiled wheel's environment)",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)  # one measured run, JSON out
    parser.add_argument("--compare-child", help=argparse.SUPPRESS)  # the Phoenix comparison
    args = parser.parse_args()
    if args.child:
        corpus, outdir, jobs, profile = json.loads(args.child)
        print(json.dumps(_run(corpus, outdir, jobs, profile)))
        return 0
    if args.compare_child:
        corpus, phoenix, rounds = json.loads(args.compare_child)
        print(json.dumps(_compare(corpus, phoenix, rounds)))
        return 0

    work = Path(tempfile.mkdtemp(prefix="eventcodes-bench-"))
    report: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "seed": args.seed,
    }
    try:
        if args.phoenix_only:
            report["kind"] = "phoenix"
            sample = work / "sample.jsonl"
            write_corpus(sample, args.profile_sentences, args.seed + 1)
            report["phoenix"] = compare_phoenix(sample)
            _print_phoenix(report["phoenix"])
        elif args.large:
            report["kind"] = "large"
            corpus = work / "large.jsonl"
            t = time.perf_counter()
            made = write_corpus(corpus, args.large, args.seed)
            print(
                f"generated {made:,} sentences in {time.perf_counter() - t:.0f} s "
                f"({corpus.stat().st_size / 2**20:,.0f} MB)"
            )
            r = run_fresh(corpus, work / "out", 1)
            corpus.unlink()
            rate = r["sentences"] / r["seconds"]
            print(
                f"coded {r['sentences']:,} sentences, {r['events']:,} events in "
                f"{r['seconds']:,.0f} s: {rate:,.0f} sentences/s"
            )
            print(f"peak memory (max RSS): {r['peak_rss_mb_main']:,.0f} MB (limit 1,024 MB)")
            report["run"] = r
        else:
            report["kind"] = "throughput"
            corpus = work / "corpus.jsonl"
            made = write_corpus(corpus, args.sentences, args.seed)
            warm_caches([sys.executable] + ([args.compiled] if args.compiled else []))
            runs = []
            for jobs in [int(j) for j in args.jobs.split(",")]:
                runs.append(_throughput(run_fresh(corpus, work / f"out-{jobs}", jobs)))
            if args.compiled:
                report["compiled"] = compare_compiled(args.compiled, corpus, work, runs)
            report["corpus"] = {
                "sentences": runs[0]["sentences"],
                "documents": runs[0]["documents"],
                "events": runs[0]["events"],
                **corpus_stats(corpus, work / f"out-{runs[0]['jobs']}"),
            }
            report["runs"] = runs
            one = next((r for r in runs if r["jobs"] == 1), None)
            for r in runs:
                if one is not None and r is not one:
                    r["speedup_over_jobs_1"] = round(one["seconds"] / r["seconds"], 2)

            sample = work / "sample.jsonl"
            write_corpus(sample, args.profile_sentences, args.seed + 1)
            plain = run_fresh(sample, work / "sample-plain", 1)
            prof = run_fresh(sample, work / "sample-prof", 1, profile=True)
            total = sum(prof["stage_profiled_seconds"].values())
            cpu = plain["cpu_seconds_run"]  # less sensitive to other load than wall time
            stages = {
                s: {
                    "share": round(prof["stage_profiled_seconds"].get(s, 0.0) / total, 4),
                    "cpu_seconds": round(
                        cpu * prof["stage_profiled_seconds"].get(s, 0.0) / total, 3
                    ),
                    "microseconds_per_sentence": round(
                        1e6
                        * cpu
                        * prof["stage_profiled_seconds"].get(s, 0.0)
                        / total
                        / plain["sentences"],
                        1,
                    ),
                }
                for s in STAGES + sorted(set(prof["stage_profiled_seconds"]) - set(STAGES))
                if s in prof["stage_profiled_seconds"]
            }
            coding = sum(stages[s]["share"] for s in CODING_STAGES if s in stages)
            places_share = stages.get("places", {}).get("share", 0.0)
            places_profile = {
                "share_of_all": places_share,
                "share_of_coding": round(places_share / coding, 4) if coding else 0.0,
                "index_cpu_seconds": round(plain["cpu_seconds_places_index"], 3),
            }
            report["profile"] = {
                "sentences": plain["sentences"],
                "seconds_unprofiled": round(plain["seconds"], 3),
                "sentences_per_second_unprofiled": round(plain["sentences"] / plain["seconds"]),
                "cpu_seconds_unprofiled": round(cpu, 3),
                "sentences_per_cpu_second_unprofiled": round(plain["sentences"] / cpu),
                "stages": stages,
                "places": places_profile,
                "method": "cProfile self time by stage (library calls count for their callers), "
                "scaled to the unprofiled CPU time of the same sample in one process",
            }
            _print_throughput(report)
            if "compiled" in report:
                _print_compiled(report["compiled"])
            report["long_documents"] = time_long_documents(Coder(load_codebook()))
            if not args.no_phoenix:
                report["phoenix"] = compare_phoenix(sample)
                _print_phoenix(report["phoenix"])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M")
        name = f"bench-{report['kind']}-{stamp}{'-' + args.tag if args.tag else ''}.json"
        (RESULTS / name).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"saved {RESULTS.relative_to(ROOT) / name}")
    return 0


def _throughput(r: dict[str, Any]) -> dict[str, Any]:
    """Add the rates of a run: sentences a second (and per core), and per CPU second."""
    r["sentences_per_second"] = round(r["sentences"] / r["seconds"])
    r["sentences_per_second_per_core"] = round(r["sentences"] / r["seconds"] / r["jobs"])
    cpu = r["cpu_seconds_main"] + r["cpu_seconds_workers"]
    r["sentences_per_cpu_second"] = round(r["sentences"] / cpu)
    return r


def compare_compiled(
    python: str, corpus: Path, work: Path, pure: list[dict[str, Any]]
) -> dict[str, Any]:
    """Return the ``pure`` runs done again by ``python`` (the compiled wheel's environment), each
    checked to write the same events as the pure run, with the ratios of their speeds."""
    import pyarrow.parquet as pq

    runs = []
    for p in pure:
        jobs = p["jobs"]
        r = _throughput(run_fresh(corpus, work / f"out-compiled-{jobs}", jobs, python=python))
        if not r["compiled"]:
            raise RuntimeError(f"{python} runs a pure Python eventcodes, not the compiled wheel")
        mine, theirs = (
            pq.read_table(work / d / "events.parquet")
            for d in (f"out-compiled-{jobs}", f"out-{jobs}")
        )
        if not mine.equals(theirs):
            raise RuntimeError(f"the compiled package coded the corpus differently (--jobs {jobs})")
        r["same_events_as_pure"] = True
        r["cpu_ratio_to_pure"] = round(
            (r["cpu_seconds_main"] + r["cpu_seconds_workers"])
            / (p["cpu_seconds_main"] + p["cpu_seconds_workers"]),
            3,
        )
        if jobs == 1:  # the coding alone, without start-up (with workers: the parent's share)
            r["coding_cpu_ratio_to_pure"] = round(r["cpu_seconds_run"] / p["cpu_seconds_run"], 3)
        runs.append(r)
    return {"python": python, "runs": runs}


def _print_compiled(c: dict[str, Any]) -> None:
    print(f"compiled wheel ({c['python']}), the same events as pure Python:")
    for r in c["runs"]:
        print(
            f"--jobs {r['jobs']}: {r['seconds']:.2f} s, {r['sentences_per_second']:,} sentences/s; "
            f"CPU {r['cpu_seconds_main']:.1f} s main + {r['cpu_seconds_workers']:.1f} s workers: "
            f"{r['sentences_per_cpu_second']:,} sentences per CPU second, "
            f"x{r['cpu_ratio_to_pure']:.2f} the CPU of pure Python"
            + (
                f" (the coding alone x{r['coding_cpu_ratio_to_pure']:.2f})"
                if "coding_cpu_ratio_to_pure" in r
                else ""
            )
            + f"; peak memory {r['peak_rss_mb_main']:,.0f} MB main"
        )


def _print_throughput(report: dict[str, Any]) -> None:
    c, m = report["corpus"], report["machine"]
    print(
        f"corpus: {c['documents']:,} documents, {c['sentences']:,} sentences, "
        f"{c['words_per_sentence']} words a sentence, {100 * c['sentences_with_an_event']:.0f}% "
        f"with an event, {c['events']:,} events (seed {report['seed']})"
    )
    print(f"machine: {m['cpus']} CPUs, load {m['load_average_1_5_15']}, Python {m['python']}")
    for r in report["runs"]:
        extra = (
            f", x{r['speedup_over_jobs_1']:.2f} over --jobs 1" if "speedup_over_jobs_1" in r else ""
        )
        print(
            f"--jobs {r['jobs']}: {r['seconds']:.2f} s, {r['sentences_per_second']:,} sentences/s, "
            f"{r['sentences_per_second_per_core']:,} per core{extra}; peak memory "
            f"{r['peak_rss_mb_main']:,.0f} MB main, {r['peak_rss_mb_workers']:,.0f} MB per worker"
        )
        print(
            f"  CPU {r['cpu_seconds_main']:.1f} s main + {r['cpu_seconds_workers']:.1f} s workers: "
            f"{r['sentences_per_cpu_second']:,} sentences per CPU second"
        )
    p = report["profile"]
    print(
        f"time per stage, one process, {p['sentences']:,} sentences in {p['seconds_unprofiled']:.2f} s "
        f"({p['sentences_per_second_unprofiled']:,} sentences/s), CPU {p['cpu_seconds_unprofiled']:.2f} s "
        f"({p['sentences_per_cpu_second_unprofiled']:,} sentences per CPU second):"
    )
    for stage, v in p["stages"].items():
        print(
            f"  {stage:<17} {100 * v['share']:5.1f}%  {v['cpu_seconds']:7.2f} CPU s  "
            f"{v['microseconds_per_sentence']:7.1f} us/sentence"
        )
    if "places" in p:
        q = p["places"]
        print(
            f"place step (places, dateline, fatalities): {100 * q['share_of_all']:.1f}% of all "
            f"time, {100 * q['share_of_coding']:.1f}% of coding (the stages {CODING_STAGES[0]} to "
            f"{CODING_STAGES[-1]}; required under 15%); the places index is built once per "
            f"process in {q['index_cpu_seconds']:.2f} CPU s, outside these figures"
        )


def _print_phoenix(p: dict[str, Any] | None, shared: Path = SHARED) -> None:
    if p is None:
        print(f"Phoenix comparison skipped: no Phoenix dictionaries in {shared / 'phoenix'}")
        return
    how = (
        f"imported now in {p['import_cpu_seconds']:.1f} CPU s"
        if p["imported"]
        else "an earlier import, newer than the dictionaries"
    )
    d, x = p["default"], p["phoenix"]
    print(f"Phoenix dictionaries against the default codebook ({p['codebook']}: {how}):")
    for label, v in (("default", d), ("Phoenix", x)):
        rounds = ", ".join(f"{r:,}" for r in v["rounds"])
        print(
            f"  {label:<8} {v['sentences_per_cpu_second']:,} sentences per CPU second "
            f"({v['sentences']:,} sentences, rounds {rounds}); load {v['load_cpu_seconds']:.2f} + "
            f"compile {v['compile_cpu_seconds']:.2f} CPU s in the coding process (not timed)"
        )
    rounds = ", ".join(f"{r:.2f}" for r in p["ratio_rounds"])
    print(f"  Phoenix/default: {p['ratio']:.2f} (rounds {rounds}; required at least 0.5)")
    load = p.get("load")
    if load is None:
        print("  import/load/compile figures: benchmarks/phoenix_load.py is not there")
    else:
        print(
            "  import/load/compile figures (benchmarks/phoenix_load.py): "
            + ", ".join(
                f"{k.replace('_seconds', '')} {v:.2f} s"
                for k, v in load.items()
                if "seconds" in k and isinstance(v, int | float)
            )
        )


if __name__ == "__main__":
    sys.exit(main())
