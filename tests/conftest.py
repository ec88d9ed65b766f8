"""Shared fixtures: a throw-away copy of the project's data, and the built observations.

The tests on the real data check invariants, so they must pass on any year's data: set
``INDICATORS_TEST_DATA`` to another project folder (for example a copy with next year's
report added, as tests/test_next_year.py does) to run them on its ``data/raw/``.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import indicators
from indicators.paths import CHECKOUT_ROOT

DATA_ROOT = Path(os.environ.get("INDICATORS_TEST_DATA") or CHECKOUT_ROOT)


@pytest.fixture(scope="session")
def built_root(tmp_path_factory) -> Path:
    """A project folder with a copy of the real data/raw/ and a fresh data/processed/."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(DATA_ROOT / "data" / "raw", root / "data" / "raw")
    indicators.build(root)
    return root


@pytest.fixture(scope="session")
def observations(built_root):
    """The validated observations of the real data (do not modify in place)."""
    return indicators.load(built_root)


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A writable copy of the project's data/raw/ (not built) to break on purpose."""
    shutil.copytree(DATA_ROOT / "data" / "raw", tmp_path / "data" / "raw")
    return tmp_path


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
