"""The two install routes offer the same dependencies."""
from __future__ import annotations

import re
import tomllib

from indicators.paths import DEFAULT_ROOT


def names(requirements) -> set[str]:
    return {re.split(r"[<>=!~ \[]", r.strip(), maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def test_environment_yml_lists_every_pyproject_dependency():
    pyproject = tomllib.loads((DEFAULT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = names(pyproject["project"]["dependencies"] + pyproject["project"]["optional-dependencies"]["test"])
    env = (DEFAULT_ROOT / "environment.yml").read_text(encoding="utf-8")
    listed = names(m for m in re.findall(r"^\s*- ([A-Za-z0-9_.\-]+[^\n#]*)", env, flags=re.M))
    assert wanted - listed == set(), "add these to environment.yml"
