"""Dependencies point one way: models <- ingest <- search (the model) <- backends <- service and
rebuild <- web and cli. Checked on every import in the package, those inside functions included,
so that a cycle cannot hide in a late import (docs/architecture.md draws the same picture)."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "searchapp"
# Layer of each top-level part of the package; a module may import only its own layer or lower ones.
LAYERS = {
    "models": 0, "errors": 0, "config": 0, "text": 0, "lifetime": 0, "languages": 0,
    "ingest": 1,
    "search": 2,
    "backends": 3,
    "service": 4, "rebuild": 4,
    "web": 5, "server": 5,
    "cli": 6, "__init__": 0, "__main__": 6,
}
# Whoosh as a text library (analysis, the query syntax, the highlighter); as an engine only in its package.
WHOOSH_AS_LIBRARY = {"search/analysis.py", "search/parse.py", "service/highlight.py"}


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE), ast.parse(path.read_text(encoding="utf-8"))


def imported(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


def part(module: str) -> str:
    return module.split(".")[1] if module.count(".") else "__init__"


@pytest.mark.parametrize("path, tree", list(modules()), ids=lambda v: str(v) if isinstance(v, Path) else "")
def test_imports_point_down_the_layers(path, tree):
    own = path.parts[0].removesuffix(".py")
    assert own in LAYERS, f"{path}: add its part of the package to LAYERS (and to docs/architecture.md)"
    for name in imported(tree):
        if name.startswith("searchapp."):
            other = part(name)
            assert LAYERS[other] <= LAYERS[own], f"{path} imports {name}: {own} may not depend on {other}"
            if own == "backends" and other == "backends" and len(path.parts) > 2 and name.count(".") > 2:
                assert name.split(".")[2] in (path.parts[1], "base"), f"{path} imports another engine: {name}"
        elif name.split(".")[0] in ("flask", "werkzeug", "jinja2"):
            assert own == "web", f"{path} imports {name}: only the web layer uses Flask"
        elif name.split(".")[0] == "whoosh":
            assert path.parts[:2] == ("backends", "whoosh") or path.as_posix() in WHOOSH_AS_LIBRARY, (
                f"{path} imports {name}: only the Whoosh engine uses Whoosh as an engine")


def test_the_loader_and_the_engines_load_without_flask():
    code = ("import sys, searchapp.ingest.pipeline, searchapp.backends.whoosh.engine, searchapp.service; "
            "assert 'flask' not in sys.modules, 'flask was loaded'")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
