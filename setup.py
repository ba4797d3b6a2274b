"""Build hook: ship the default codebook inside the package, and compile the coder with mypyc.

``codebooks/default`` stays the one place to edit the codebook in a clone; building a wheel copies
it to ``eventcodes/default_codebook`` so that ``pip install`` gives a working ``eventcodes code``
from any directory.

A wheel (``pip wheel .``, ``pip install .``, ``python -m build``) also compiles the modules of the
coder's hot path (``COMPILED``) to C extension modules with mypyc, as black and mypy ship
themselves; the ``.py`` files stay beside them. ``EVENTCODES_PURE=1`` builds a pure Python wheel.
An editable install (``pip install -e .``, what ``make venv`` does) is always pure Python, so that
a developer never runs compiled code older than the source. Everything else about the package is
declared in pyproject.toml.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
CODEBOOK = ROOT / "codebooks" / "default"

#: The modules compiled with mypyc (paths under src/eventcodes), chosen by measurement
#: (docs/performance.md): the coder's per-sentence work. Left pure: what runs once per run or per
#: file (command line, loaders, dataset writing, report, importer), where compiling gains nothing.
COMPILED = [
    "tokens.py",
    "spans.py",
    "sentences.py",
    "numbers.py",
    "fatalities.py",
    "coder/actors.py",
    "coder/events.py",
    "coder/memory.py",
    "coder/modality.py",
    "coder/petrarch.py",
    "coder/phrases.py",
    "coder/pipeline.py",
    "coder/places.py",
    "coder/roles.py",
    "coder/sentence.py",
    "coder/status.py",
    "coder/unknown.py",
    "coder/unnamed.py",
    "coder/verbs.py",
    "coder/words.py",
    "dates/arithmetic.py",
    "dates/resolver.py",
    "places/find.py",
    "codebook/automaton.py",
]

PURE_HINT = (
    "set EVENTCODES_PURE=1 to build a pure Python wheel instead "
    "(the same results, with about a fifth more CPU time)"
)


class BuildWithCodebook(build_py):
    """build_py that also copies the default codebook into the built package."""

    def run(self) -> None:
        super().run()
        if not (CODEBOOK / "manifest.toml").is_file():
            raise SystemExit(
                f"{CODEBOOK}/manifest.toml is missing: cannot ship the default codebook"
            )
        target = Path(self.build_lib) / "eventcodes" / "default_codebook"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(CODEBOOK, target)


class BuildExtOrExplain(build_ext):
    """build_ext whose failure (no C compiler, no Python headers) says how to build without it."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # CompileError, LinkError, DistutilsExecError, ...
            raise SystemExit(
                f"eventcodes: compiling the mypyc extension modules failed ({str(error)[:200]}); "
                f"a C compiler and the Python headers are needed: {PURE_HINT}"
            ) from error


def building_wheel(argv: list[str]) -> bool:
    """True when setuptools was asked for a wheel (``bdist_wheel``) and not an editable install
    (``editable_wheel``), an sdist or metadata: only a wheel's modules are compiled."""
    return "bdist_wheel" in argv and "editable_wheel" not in argv


def compiled_extensions() -> list[Any]:
    """Return the mypyc extension modules of ``COMPILED``; exit with a clear message when mypyc
    cannot be had (a build without the build requirements of pyproject.toml)."""
    try:
        from mypyc.build import mypycify
    except ImportError as error:
        raise SystemExit(
            f"eventcodes: mypyc is not installed ({error}); build with the requirements of "
            f"pyproject.toml (pip does), or {PURE_HINT}"
        ) from error
    paths = [f"src/eventcodes/{module}" for module in COMPILED]
    extensions: list[Any] = mypycify(paths, opt_level="3")
    return extensions


pure = os.environ.get("EVENTCODES_PURE", "") not in ("", "0")
ext_modules = compiled_extensions() if building_wheel(sys.argv) and not pure else []

setup(
    cmdclass={"build_py": BuildWithCodebook, "build_ext": BuildExtOrExplain},
    ext_modules=ext_modules,
)
