"""The package under test is the one the build should give: pure Python in a development install
(``make venv``: developers never run compiled code older than src/), the modules setup.py lists
compiled by mypyc in the wheel (``make test-compiled`` sets EVENTCODES_EXPECT_COMPILED=1)."""

from __future__ import annotations

import ast
import importlib
import importlib.machinery
import os
from pathlib import Path

import eventcodes

ROOT = Path(__file__).resolve().parents[1]
EXPECT_COMPILED = os.environ.get("EVENTCODES_EXPECT_COMPILED") == "1"


def compiled_modules() -> list[str]:
    """Return setup.py's COMPILED list (paths under src/eventcodes), read without running it."""
    for node in ast.parse((ROOT / "setup.py").read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "COMPILED" for t in node.targets
        ):
            modules: list[str] = ast.literal_eval(node.value)
            return modules
    raise AssertionError("setup.py has no COMPILED list")


def is_extension(path: str | None) -> bool:
    return path is not None and path.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def test_the_listed_modules_exist() -> None:
    modules = compiled_modules()
    assert "coder/pipeline.py" in modules
    missing = [m for m in modules if not (ROOT / "src" / "eventcodes" / m).is_file()]
    assert not missing, f"setup.py COMPILED lists modules that do not exist: {missing}"


def test_compiled_only_in_the_wheel() -> None:
    package = Path(eventcodes.__file__).resolve().parent
    from_clone = package == ROOT / "src" / "eventcodes"
    assert from_clone is not EXPECT_COMPILED, f"eventcodes imported from {package}"
    for rel in compiled_modules():
        name = "eventcodes." + rel.removesuffix(".py").replace("/", ".")
        module = importlib.import_module(name)
        assert is_extension(module.__file__) is EXPECT_COMPILED, f"{name}: {module.__file__}"
    assert not is_extension(importlib.import_module("eventcodes.cli").__file__)  # never compiled
