"""Build hook: ship the default codebook inside the package.

``codebooks/default`` stays the one place to edit the codebook in a clone; building a wheel copies
it to ``eventcodes/default_codebook`` so that ``pip install`` gives a working ``eventcodes code``
from any directory. Everything else about the package is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CODEBOOK = Path(__file__).resolve().parent / "codebooks" / "default"


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


setup(cmdclass={"build_py": BuildWithCodebook})
