"""The package's layers import only downwards: data ← analysis ← plot / export ← report; data ← curate.

A subpackage may import the foundation modules (paths, exceptions, _atomic, _cells, _hashing, _words) and the
layers below it, never one above or beside it; the foundation modules import no layer. The test reads the import statements of every
module (no module is imported, so optional dependencies need not be installed).
"""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

import indicators

PACKAGE = Path(indicators.__file__).parent
#: what each subpackage may import from the package, besides itself and the top-level modules
ALLOWED = {
    "data": set(),
    "analysis": {"data"},
    "plot": {"data", "analysis"},
    "export": {"data", "analysis"},
    "report": {"data", "analysis", "plot", "export"},
    "curate": {"data"},
}
TOP_LEVEL = {"paths", "exceptions", "_atomic", "_cells", "_hashing", "_words"}


def imported_layers(path: Path, package: Path) -> set[tuple[str, int]]:
    """(first package component, line) of every ``indicators`` import in *path*, other than its own layer."""
    layer = path.relative_to(package).parts[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = path.relative_to(package).parts[:-1]
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                names = [".".join((*base, node.module))] if node.module else [".".join((*base, a.name)) for a in node.names]
            elif node.module and node.module.split(".")[0] == "indicators":
                names = [node.module.partition(".")[2] or a.name for a in node.names]
            else:
                continue
        elif isinstance(node, ast.Import):
            names = [a.name.partition(".")[2] for a in node.names if a.name.split(".")[0] == "indicators"]
        else:
            continue
        found |= {(n.split(".")[0], node.lineno) for n in names if n and n.split(".")[0] != layer}
    return found


def violations(package: Path = PACKAGE) -> list[str]:
    out = []
    for path in sorted(package.rglob("*.py")):
        layer = path.relative_to(package).parts[0]
        if path.stem in TOP_LEVEL and path.parent == package:
            layer = path.stem  # the foundation modules import no layer at all
        elif layer not in ALLOWED:
            continue  # __init__, __main__ and cli sit on top and may import anything
        for target, line in sorted(imported_layers(path, package)):
            if target not in TOP_LEVEL and target not in ALLOWED.get(layer, set()):
                out.append(f"{path.relative_to(package.parent)}:{line} ({layer}) imports {target}")
    return out


def test_no_layer_imports_upwards():
    assert violations() == []


@pytest.mark.parametrize(("statement", "layer"), [("from ..plot import style", "plot"),
                                              ("from indicators.export import workbook", "export"),
                                              ("import indicators.analysis.attainment", "analysis")])
def test_a_forbidden_import_is_caught(tmp_path, statement, layer):
    copy = tmp_path / "indicators"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "data" / "planted.py").write_text(statement + "\n", encoding="utf-8")
    assert [v for v in violations(copy) if "planted" in v] == [f"indicators/data/planted.py:1 (data) imports {layer}"]
