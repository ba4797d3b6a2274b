"""Tests that need an outside program (R, Chromium): in CI a missing program fails the test."""

from __future__ import annotations

import os
import shutil

import pytest


def require_program(name: str, install: str) -> str:
    """Return the path of a program; fail under CI (CI=true) when it is missing, else skip."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed ({install}; .ci/run installs it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message + "; under CI=true this test fails instead")
    return path
