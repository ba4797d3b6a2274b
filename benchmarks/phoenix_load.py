"""Import, load and compile times of the Phoenix dictionaries (../shared/phoenix), as JSON.

Imports the PETRARCH-1 Phoenix files into a temporary codebook, then loads and compiles it in
fresh processes (each start is a user's: no module cache warm):

- ``cold``: the compiled-codebook cache off (``EVENTCODES_CACHE=off``): read from the tables;
- ``first``: an empty cache: read from the tables, compiled, and written to the cache;
- ``warm``: the cache written by ``first``: read from it.

Each is reported in CPU seconds (``time.process_time``) and wall seconds; ``--repeat N`` runs
each N times and keeps the fastest (the machine is shared; the minimum is the least disturbed).
``make bench`` can call ``measure(shared)``; run alone it prints the JSON (``--json FILE`` also
writes it). Not part of ``make test``: it reads ../shared and timings vary by machine and load.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ACTORS = [
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
]


def _child(codebook: str) -> dict[str, float]:
    """Load and compile one codebook in this (fresh) process; return CPU and wall seconds."""
    from eventcodes import load_codebook

    c0, w0 = time.process_time(), time.perf_counter()
    cb = load_codebook(Path(codebook))
    c1, w1 = time.process_time(), time.perf_counter()
    cb.compiled  # noqa: B018 - build (or, warm, find) the matchers now, to time them
    c2, w2 = time.process_time(), time.perf_counter()
    return {
        "load_cpu": c1 - c0,
        "load_wall": w1 - w0,
        "compile_cpu": c2 - c1,
        "compile_wall": w2 - w1,
        "total_cpu": c2 - c0,
        "total_wall": w2 - w0,
    }


def _fresh(codebook: Path, env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(codebook)],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def _fastest(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: round(min(r[k] for r in runs), 3) for k in runs[0]}


def measure(shared: Path, repeat: int = 1) -> dict[str, Any]:
    """Return import seconds and cold, first (cache written) and warm load/compile seconds."""
    from eventcodes.importer import import_dictionaries

    phoenix = shared / "phoenix"
    with tempfile.TemporaryDirectory(prefix="eventcodes-phoenix-") as tmp:
        out = Path(tmp) / "phoenix"
        imports = []
        for i in range(repeat):
            target = out if i == 0 else Path(tmp) / f"again{i}"
            c0, w0 = time.process_time(), time.perf_counter()
            import_dictionaries(
                phoenix / "CAMEO.verbpatterns.150430.txt",
                [phoenix / a for a in ACTORS],
                target,
                agents=phoenix / "Phoenix.agents.txt",
                discards=phoenix / "Phoenix.discards.txt",
                issues=phoenix / "Phoenix.IssueCoding.txt",
            )
            imports.append({"cpu": time.process_time() - c0, "wall": time.perf_counter() - w0})
        cold = [_fresh(out, {"EVENTCODES_CACHE": "off"}) for _ in range(repeat)]
        first, warm = [], []
        for i in range(repeat):
            cache = {"EVENTCODES_CACHE": "on", "EVENTCODES_CACHE_DIR": f"{tmp}/cache{i}"}
            first.append(_fresh(out, cache))
            warm.append(_fresh(out, cache))
        cache_bytes = sum(p.stat().st_size for p in Path(tmp, "cache0").glob("*.pickle"))
    best = {"cold": _fastest(cold), "first": _fastest(first), "warm": _fastest(warm)}
    return {
        "import_seconds": round(min(i["cpu"] for i in imports), 3),
        "import_wall_seconds": round(min(i["wall"] for i in imports), 3),
        "load_seconds_cold": best["cold"]["load_cpu"],
        "compile_seconds_cold": best["cold"]["compile_cpu"],
        "load_seconds_first": best["first"]["load_cpu"],
        "compile_seconds_first": best["first"]["compile_cpu"],
        "load_seconds_warm": best["warm"]["load_cpu"],
        "compile_seconds_warm": best["warm"]["compile_cpu"],
        "runs": best,
        "repeat": repeat,
        "cache_file_bytes": cache_bytes,
        "seconds": "CPU seconds (time.process_time) of the fastest run; runs also has wall",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest is kept")
    parser.add_argument("--json", type=Path, help="also write the JSON here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child)))
        return 0
    if not (args.shared / "phoenix" / "PETR_config.ini").is_file():
        print(
            f"phoenix_load: no Phoenix dictionaries in {args.shared / 'phoenix'}", file=sys.stderr
        )
        return 2
    report = measure(args.shared, max(1, args.repeat))
    text = json.dumps(report, indent=1)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
