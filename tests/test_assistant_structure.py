"""The answering stage stays readable: no module of ``assistant/`` over 400 lines, no
function over 80; every intent the question analysis gives (``question.py`` and the
contract's shapes, ``shapes.py``) has answerers registered, and
every answerer speaks the one interface; the stage reaches the index only through
``index.backend``'s seam."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from assistant.answerers.registry import ANSWERERS, FIGURE, answerers_for
from assistant.question import INTENTS
from assistant.shapes import SHAPES

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"
MODULES = sorted(PACKAGE.rglob("*.py"))
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


def functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]


def function_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from the first decorator (or ``def``) to the last line of the body."""
    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
    return node.end_lineno - first + 1


def test_modules_are_found():
    names = {p.relative_to(PACKAGE).as_posix() for p in MODULES}
    assert {"core.py", "context.py", "state.py", "scoring.py", "answerers/registry.py"} <= names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_module_over_400_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.name} has {lines} lines (at most {MAX_MODULE_LINES})"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_function_over_80_lines(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    long = {f"{f.name} (line {f.lineno})": function_lines(f) for f in functions(tree)
            if function_lines(f) > MAX_FUNCTION_LINES}
    assert not long, f"{path.name}: functions over {MAX_FUNCTION_LINES} lines: {long}"


def test_the_measure_counts_what_it_should():
    tree = ast.parse("@dec\ndef f():\n" + "    x = 1\n" * 80 + "\ndef g():\n    def h():\n" + "        y = 2\n" * 81)
    sizes = {f.name: function_lines(f) for f in functions(tree)}
    assert sizes == {"f": 82, "g": 83, "h": 82}


def test_every_intent_has_answerers_that_speak_the_interface():
    assert set(ANSWERERS) == set(INTENTS) | set(SHAPES)  # the analysis's intents and shapes.py's
    assert answerers_for("no-such-intent") == FIGURE
    for intent, chain in ANSWERERS.items():
        assert chain, intent
        for answerer in chain:
            assert isinstance(answerer.name, str) and answerer.name
            assert list(inspect.signature(answerer.answer).parameters) == ["ctx"], answerer.name




@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_index_is_reached_only_through_the_backend_seam(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("documents", "clause_by_id", "figures", "duties", "encoder"):
            owner = ast.unparse(node.value)
            if re.search(r"(^|\.)(index|idx|backend)$", owner):
                bad.append(f"{ast.unparse(node)} (line {node.lineno})")
    assert not bad, f"{path.name} reads the index past its seam: {bad}"
