"""The README's generated sections: the data dictionary and the derivation operations.

``python -m indicators docs`` rewrites the blocks between ``<!-- BEGIN generated:NAME -->`` and
``<!-- END generated:NAME -->`` in README.md; a test fails when they fall behind the code. The
list of every series follows the data, so the build writes it (``data/processed/series.md``).
"""
from __future__ import annotations

import os
import re

from .._atomic import atomic_path
from ..data.derive import OPERATIONS
from ..data.schema import data_dictionary
from ..paths import project


def operations_table() -> str:
    """Markdown table of every derivation operation: name, formula and what it is for."""
    rows = ["| operation | formula (a, b the inputs in order) | for |", "|---|---|---|"]
    rows += [f"| `{name}` | {op.formula} | {op.use} |" for name, op in OPERATIONS.items()]
    return "\n".join(rows)


def sections() -> dict[str, str]:
    """Generated README sections by name: each follows the code (the schema, the operations),
    never the data, so adding a report leaves the README current."""
    return {"data-dictionary": data_dictionary(), "operations": operations_table()}


def render(readme: str, generated: dict[str, str]) -> str:
    """*readme* with each generated block replaced by its current text."""
    for name, body in generated.items():
        pattern = re.compile(rf"(<!-- BEGIN generated:{name} -->\n).*?(<!-- END generated:{name} -->)", re.S)
        if not pattern.search(readme):
            raise ValueError(f"README has no block <!-- BEGIN generated:{name} --> ... <!-- END generated:{name} -->")
        readme = pattern.sub(lambda m: m.group(1) + body + "\n" + m.group(2), readme)
    return readme


def update_readme(root: str | os.PathLike | None = None) -> bool:
    """Rewrite the generated blocks of ``README.md`` from the code; True if it changed."""
    path = project(root).root / "README.md"
    before = path.read_text(encoding="utf-8")
    after = render(before, sections())
    if after != before:
        with atomic_path(path) as tmp:
            tmp.write_text(after, encoding="utf-8")
    return after != before
