"""Packaging: the two install routes offer the same dependencies; the metadata is modern."""
from __future__ import annotations

import re
import subprocess
import sys

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser, from the tomli package (test extra)
    import tomli as tomllib

from indicators.paths import CHECKOUT_ROOT

PYPROJECT = tomllib.loads((CHECKOUT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def names(requirements) -> set[str]:
    return {re.split(r"[<>=!~ ;\[]", r.strip(), maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def test_environment_yml_lists_every_pyproject_dependency():
    wanted = names(PYPROJECT["project"]["dependencies"] + PYPROJECT["project"]["optional-dependencies"]["test"])
    env = (CHECKOUT_ROOT / "environment.yml").read_text(encoding="utf-8")
    listed = names(m for m in re.findall(r"^\s*- ([A-Za-z0-9_.\-]+[^\n#]*)", env, flags=re.M))
    assert wanted - listed == set(), "add these to environment.yml"


def test_environment_yml_python_is_one_that_requires_python_admits():
    floor = re.fullmatch(r">=(\d+)\.(\d+)", PYPROJECT["project"]["requires-python"]).groups()
    env = (CHECKOUT_ROOT / "environment.yml").read_text(encoding="utf-8")
    pinned = re.search(r"^\s*- python=(\d+)\.(\d+)\s*$", env, flags=re.M).groups()
    assert tuple(map(int, pinned)) >= tuple(map(int, floor))


def test_license_is_an_spdx_expression_with_its_file():
    project = PYPROJECT["project"]
    assert project["license"] == "MIT"
    assert all((CHECKOUT_ROOT / f).is_file() for f in project["license-files"])
    assert "MIT License" in (CHECKOUT_ROOT / "LICENSE").read_text(encoding="utf-8")


def test_version_flag_reports_the_pyproject_version():
    result = subprocess.run([sys.executable, "-m", "indicators", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.strip() == f"indicators {PYPROJECT['project']['version']}"
