"""Shared fixtures: codebooks are loaded once per test session (they are immutable values)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventcodes import Codebook, load_codebook
from eventcodes.coder import Coder
from eventcodes.fixtures import Case

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "codebooks" / "mini"
SAMPLE = ROOT / "fixtures" / "sample" / "articles.jsonl"


@pytest.fixture(scope="session", autouse=True)
def _cache_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the compiled-codebook cache (codebook/cache.py) of every test, and of the commands
    tests run, out of the user's cache directory."""
    before = os.environ.get("EVENTCODES_CACHE_DIR")
    os.environ["EVENTCODES_CACHE_DIR"] = str(tmp_path_factory.mktemp("codebook-cache"))
    yield
    if before is None:
        del os.environ["EVENTCODES_CACHE_DIR"]
    else:
        os.environ["EVENTCODES_CACHE_DIR"] = before


@pytest.fixture(scope="session")
def default_codebook() -> Codebook:
    return load_codebook()


@pytest.fixture(scope="session")
def default_coder(default_codebook: Codebook) -> Coder:
    return Coder(default_codebook)


@pytest.fixture(scope="session")
def mini_codebook() -> Codebook:
    return load_codebook(MINI)


@pytest.fixture(scope="session")
def mini_coder(mini_codebook: Codebook) -> Coder:
    return Coder(mini_codebook)


def case_params(cases: list[Case]) -> list[object]:
    """Return one pytest parameter per fixture case, named by its id; known failures are strict xfails."""
    return [
        pytest.param(
            c,
            id=c.id,
            marks=[pytest.mark.xfail(reason=c.known_failure, strict=True)]
            if c.known_failure
            else [],
        )
        for c in cases
    ]
