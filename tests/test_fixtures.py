"""The regression fixtures (fixtures/regression): every case is its own test, named by its id.

A case marked ``known_failure`` is an expected failure (strict: when it starts passing, the mark must go).
The whole set must also meet the quality bar of the default codebook.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, case_params
from eventcodes.codebook import Codebook
from eventcodes.coder import Coder
from eventcodes.fixtures import Case, load_cases
from eventcodes.regression import code_case, run_cases

CASES = load_cases([ROOT / "fixtures" / "regression"])


@pytest.mark.parametrize(
    "case",
    case_params(CASES),
)
def test_case(default_coder: Coder, case: Case) -> None:
    result = code_case(case, default_coder)
    assert (result.missing, result.extra) == ([], [])


def test_quality_bar(default_codebook: Codebook, default_coder: Coder) -> None:
    result = run_cases(CASES, default_codebook, default_coder)
    assert result.overall.f1 >= 0.90
    low = {k: round(v.f1, 3) for k, v in result.by_category.items() if v.f1 < 0.75}
    assert low == {}
    assert len(result.known_failures) <= 0.05 * len(CASES)
    assert len(CASES) >= 400
