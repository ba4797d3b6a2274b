"""Shared fixtures: codebooks are loaded once per test session (they are immutable values)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcodes import Codebook, load_codebook
from eventcodes.coder import Coder
from eventcodes.fixtures import Case

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "codebooks" / "mini"
SAMPLE = ROOT / "fixtures" / "sample" / "articles.jsonl"


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
