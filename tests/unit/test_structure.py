"""The structure rules that import-linter cannot see: an import inside a function is a
cycle hidden from the reader, so it is allowed only where a measured cold-start cost is
written beside it ("cold start: N ms"), or in a command-line entry point that must set
its environment before the project is imported."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENTRY_POINTS = ("chalicelib/tools/", "chalicelib/local/")  # set the stage's env first
REASON = re.compile(r"cold start:? [^\n]*?\d+(\.\d+)? (ms|s)\b|not in the Lambda package")


def _inner_imports(path: Path) -> list[tuple[int, int, str]]:
    """(the function's first line, the import's line, the import) for each import made
    inside a function."""
    tree = ast.parse(path.read_text())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found += [(node.lineno, inner.lineno, ast.unparse(inner)) for inner in ast.walk(node)
                      if isinstance(inner, (ast.Import, ast.ImportFrom))]
    return found


def _explained(lines: list[str], start: int, lineno: int) -> bool:
    """A reason between the function's first line and the import's (a decorator's line
    above counts too)."""
    return bool(REASON.search(" ".join(lines[max(0, start - 2):lineno])))


def test_imports_inside_functions_say_what_they_save():
    unexplained = []
    for path in sorted([*ROOT.glob("chalicelib/**/*.py"), ROOT / "app.py"]):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(ENTRY_POINTS):
            continue
        lines = path.read_text().splitlines()
        unexplained += [f"{relative}:{n}: {text}" for start, n, text in _inner_imports(path)
                        if not _explained(lines, start, n)]
    assert not unexplained, "imports inside functions with no measured reason:\n" + "\n".join(
        unexplained)


def test_the_rule_catches_an_unexplained_import(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text("def f():\n    import json\n\n\ndef g():\n"
                      "    # cold start: 40 ms (pydantic)\n    import pydantic\n")
    lines = sample.read_text().splitlines()
    verdicts = {text: _explained(lines, start, n) for start, n, text in _inner_imports(sample)}
    assert verdicts == {"import json": False, "import pydantic": True}
