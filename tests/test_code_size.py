"""The package stays readable: no module over 700 lines and no function over 80.

Tables of data (module-level constants) and argparse declarations do not count: a word list or a
parser's options are read as a list, not followed as logic.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "src" / "eventcodes"
MAX_MODULE_LINES = 700
MAX_FUNCTION_LINES = 80
#: calls whose lines are declarations, not logic
DECLARATIONS = frozenset({"add_argument", "add_parser", "add_argument_group", "set_defaults"})


def _lines(node: ast.stmt | ast.expr) -> set[int]:
    return set(range(node.lineno, (node.end_lineno or node.lineno) + 1))


def _is_data(node: ast.stmt) -> bool:
    """Return whether a module-level statement assigns a table of data (literals only)."""
    if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
        return False
    return all(
        isinstance(n, ast.Constant | ast.List | ast.Tuple | ast.Set | ast.Dict | ast.Load)
        or (isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "frozenset")
        or isinstance(n, ast.Name)
        for n in ast.walk(node.value)
    )


def _is_declaration(node: ast.AST) -> bool:
    call = node.value if isinstance(node, ast.Expr | ast.Assign) else None
    return (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr in DECLARATIONS
    )


def module_length(tree: ast.Module, total: int) -> int:
    """Return the module's number of lines, its tables of data aside."""
    data = set().union(*(_lines(n) for n in tree.body if _is_data(n)))
    return total - len(data)


def function_length(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Return the function's number of lines, argparse declarations aside."""
    declared = set().union(
        *(_lines(n) for n in ast.walk(fn) if isinstance(n, ast.stmt) and _is_declaration(n))
    )
    return len(_lines(fn) - declared)


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_module_and_function_sizes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    assert module_length(tree, text.count("\n")) <= MAX_MODULE_LINES, (
        f"{path} has over {MAX_MODULE_LINES} lines: split it into modules with one job each"
    )
    long = [
        f"{node.name} (line {node.lineno}): {function_length(node)} lines"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and function_length(node) > MAX_FUNCTION_LINES
    ]
    assert not long, f"{path}: functions over {MAX_FUNCTION_LINES} lines: {long}"


@pytest.mark.parametrize(
    ("source", "module", "function"),
    [
        ("X = frozenset(['a', 'b'])\ndef f():\n    return 1\n", 2, 2),  # a table of data
        ("def f(p):\n    p.add_argument('--x')\n    p.add_argument(\n        '--y'\n    )\n", 5, 1),
        ("X = compute()\n", 1, 0),  # not data
    ],
)
def test_what_counts(source: str, module: int, function: int) -> None:
    tree = ast.parse(source)
    assert module_length(tree, source.count("\n")) == module
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
    assert sum(function_length(f) for f in functions) == function
