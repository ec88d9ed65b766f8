"""The fixture project of the chart-words tests (tests/projects.py ``chart_project``), built once."""
from __future__ import annotations

import pytest
from projects import chart_project

import indicators


@pytest.fixture(scope="session")
def chart_root(tmp_path_factory):
    root = chart_project(tmp_path_factory.mktemp("chart_words"))
    indicators.build(root)
    return root


@pytest.fixture(scope="session")
def chart_data(chart_root):
    return indicators.load(chart_root)
