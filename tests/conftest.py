"""Shared fixtures: a throw-away copy of the project's data, and the built observations."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import indicators
from indicators.paths import DEFAULT_ROOT


@pytest.fixture(scope="session")
def built_root(tmp_path_factory) -> Path:
    """A project folder with a copy of the real data/raw/ and a fresh data/processed/."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(DEFAULT_ROOT / "data" / "raw", root / "data" / "raw")
    indicators.build(root)
    return root


@pytest.fixture(scope="session")
def observations(built_root):
    """The validated observations of the real data (do not modify in place)."""
    return indicators.load(built_root)


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A writable copy of the project's data/raw/ (not built) to break on purpose."""
    shutil.copytree(DEFAULT_ROOT / "data" / "raw", tmp_path / "data" / "raw")
    return tmp_path


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
